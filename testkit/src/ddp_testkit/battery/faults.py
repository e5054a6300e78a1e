"""Faults injected while the workload runs. Each returns after the system has been given back."""

import asyncio
import contextlib
import logging
import random
import signal
from collections import Counter
from collections.abc import Awaitable, Callable

from aiokafka import AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient

from ddp_schemas.connection import ADMIN
from ddp_schemas.topics import load_topic_registry
from ddp_testkit.infra.kafka import wait_for_cluster
from ddp_testkit.infra.kafka_cluster import KafkaCluster
from ddp_testkit.local_platform import LocalPlatform

log = logging.getLogger(__name__)


class FaultInjector:
    """Knows the running platform; counts what it did. A supervisor restarts any instance that exits."""

    def __init__(self, platform: LocalPlatform, rng: random.Random, poll_interval_seconds: float) -> None:
        assert platform.services is not None and platform.postgres is not None and platform.kafka is not None
        self.platform = platform
        self.services = platform.services
        self.rng = rng
        self.poll_interval = poll_interval_seconds
        self.injected: Counter[str] = Counter()
        self.restarts = 0
        self.false_acknowledgements = 0
        self._supervising = True

    async def supervise(self) -> None:
        """Like an orchestrator: an instance that exited (killed, or crashed on purpose) is started again."""
        while self._supervising:
            for endpoint in self.services.endpoints:
                if self.services.exited(endpoint.name) is not None:
                    self.restarts += 1
                    await asyncio.to_thread(self.services.restart, endpoint.name)
            await asyncio.sleep(0.5)

    def stop_supervising(self) -> None:
        self._supervising = False

    def actions(self) -> dict[str, Callable[[], Awaitable[None]]]:
        return {
            "kill-9": self.kill_nine,
            "sigterm-rolling": self.rolling_sigterm,
            "sigstop": self.pause_past_poll_interval,
            "postgres-restart": self.restart_postgres,
            "broker-restart": self.restart_broker,
            "leader-kill": self.kill_partition_leader,
            "quorum-loss": self.lose_quorum,
        }

    async def inject(self, kind: str) -> None:
        log.warning("fault: %s", kind)
        await self.actions()[kind]()
        self.injected[kind] += 1

    async def kill_nine(self) -> None:
        self.services.send(self.rng.choice(self.services.endpoints).name, signal.SIGKILL)
        await asyncio.sleep(1)

    async def rolling_sigterm(self) -> None:
        """Each instance in turn: SIGTERM, then wait for the supervisor's replacement to be ready."""
        for endpoint in self.services.endpoints:
            before = self.services.pid(endpoint.name)
            self.services.send(endpoint.name, signal.SIGTERM)
            deadline = asyncio.get_running_loop().time() + 60
            while self.services.pid(endpoint.name) == before:
                if asyncio.get_running_loop().time() > deadline:
                    raise TimeoutError(f"{endpoint.name} did not stop within 60s of SIGTERM")
                await asyncio.sleep(0.2)
            await asyncio.to_thread(self.services.wait_until_ready, 90.0, [endpoint.name], True)

    async def pause_past_poll_interval(self) -> None:
        instance = self.rng.choice(self.services.endpoints).name
        self.services.send(instance, signal.SIGSTOP)
        await asyncio.sleep(self.poll_interval + 4)
        self.services.send(instance, signal.SIGCONT)

    async def restart_postgres(self) -> None:
        postgres = self.platform.postgres
        assert postgres is not None
        container = postgres.get_wrapped_container()
        await asyncio.to_thread(container.stop, timeout=10)
        await asyncio.sleep(2)
        await asyncio.to_thread(container.start)
        await asyncio.to_thread(postgres.wait_until_accepting, 60)

    async def restart_broker(self) -> None:
        """A broker stopped as in a rolling upgrade (SIGTERM) and started again, under load; with one
        broker, the whole cluster is away meanwhile: producers, consumers and relays must wait it out."""
        kafka = self.platform.kafka
        assert kafka is not None
        node = kafka.nodes[self.rng.choice(sorted(kafka.nodes))] if isinstance(kafka, KafkaCluster) else kafka
        container = node.get_wrapped_container()
        await asyncio.to_thread(container.stop, timeout=30)
        await asyncio.sleep(2)
        await asyncio.to_thread(container.start)
        await wait_for_cluster(kafka.access(ADMIN), timeout=120)

    async def kill_partition_leader(self) -> None:
        cluster = self._cluster()
        busiest = load_topic_registry().topic(load_topic_registry().domain_topic("referrals"))
        topic = self.platform.namespace.physical(busiest.name)
        leader = await self._leader(cluster, topic, self.rng.randrange(busiest.partitions))
        await asyncio.to_thread(cluster.kill, leader)
        await asyncio.sleep(6)
        await asyncio.to_thread(cluster.revive, leader)
        await asyncio.sleep(6)

    async def lose_quorum(self) -> None:
        """Two of three brokers down: with min.insync.replicas=2 no write may be acknowledged."""
        cluster = self._cluster()
        # Started while the cluster is whole: an idempotent producer's start needs a quorum.
        probe = AIOKafkaProducer(**cluster.access(ADMIN).aiokafka(), enable_idempotence=True, request_timeout_ms=5000)
        await asyncio.wait_for(probe.start(), timeout=60)
        down = self.rng.sample(sorted(cluster.nodes), 2)
        try:
            for node in down:
                await asyncio.to_thread(cluster.kill, node)
            # An outbound topic: no service reads it, so a probe that lands after the outage
            # (the producer keeps retrying) is noise to nobody.
            topic = self.platform.namespace.physical("ddp.outbound.programme-team")
            await asyncio.wait_for(probe.send_and_wait(topic, b"{}", key=b"quorum-probe"), timeout=8)
            self.false_acknowledgements += 1
        except Exception:
            pass  # refused or unanswered: nothing acknowledged, as it must be
        finally:
            for node in down:
                await asyncio.to_thread(cluster.revive, node)
            with contextlib.suppress(Exception):
                await asyncio.wait_for(probe.stop(), timeout=30)
        await asyncio.sleep(8)

    def _cluster(self) -> KafkaCluster:
        if not isinstance(self.platform.kafka, KafkaCluster):
            raise RuntimeError("broker faults need the three-broker cluster (a profile with brokers=3)")
        return self.platform.kafka

    @staticmethod
    async def _leader(cluster: KafkaCluster, topic: str, partition: int) -> int:
        admin = AIOKafkaAdminClient(**cluster.access(ADMIN).aiokafka())
        await admin.start()
        try:
            [described] = await admin.describe_topics([topic])
            return next(int(p["leader"]) for p in described["partitions"] if p["partition"] == partition)
        finally:
            await admin.close()
