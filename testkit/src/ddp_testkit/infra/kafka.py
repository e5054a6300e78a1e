"""A single-node Apache Kafka (KRaft) container, addressed from the host on loopback."""

import asyncio
import time

from aiokafka.admin import AIOKafkaAdminClient
from testcontainers.core.container import DockerContainer
from testcontainers.core.wait_strategies import LogMessageWaitStrategy

from ddp_testkit.infra.labels import container_labels
from ddp_testkit.infra.ports import free_loopback_port, publish_on_loopback


class KafkaNode(DockerContainer):
    """Configured only through the ``apache/kafka`` image's environment variables.

    The broker's listener port is published on the same host port, so the address it
    advertises (``127.0.0.1:<port>``) is the one clients on the host connect to.
    """

    def __init__(self, image: str, purpose: str = "test", port: int | None = None) -> None:
        super().__init__(image)
        self.port = port or free_loopback_port()
        publish_on_loopback(self, self.port, self.port)
        self.with_envs(
            KAFKA_NODE_ID="1",
            KAFKA_PROCESS_ROLES="broker,controller",
            KAFKA_LISTENERS=f"PLAINTEXT://:{self.port},CONTROLLER://:9093",
            KAFKA_ADVERTISED_LISTENERS=f"PLAINTEXT://127.0.0.1:{self.port}",
            KAFKA_CONTROLLER_LISTENER_NAMES="CONTROLLER",
            KAFKA_LISTENER_SECURITY_PROTOCOL_MAP="CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
            KAFKA_CONTROLLER_QUORUM_VOTERS="1@localhost:9093",
            KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR="1",
            KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR="1",
            KAFKA_TRANSACTION_STATE_LOG_MIN_ISR="1",
            KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS="0",
            KAFKA_AUTO_CREATE_TOPICS_ENABLE="false",
            KAFKA_NUM_PARTITIONS="1",
        )
        self.with_kwargs(labels=container_labels(purpose))
        self.waiting_for(LogMessageWaitStrategy("Kafka Server started").with_startup_timeout(120))

    @property
    def bootstrap_servers(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self) -> "KafkaNode":
        super().start()
        asyncio.run(wait_for_cluster(self.bootstrap_servers, timeout=60))
        return self


async def wait_for_cluster(bootstrap_servers: str, timeout: float) -> None:
    """Return once the cluster answers a metadata request from this host."""
    deadline = time.monotonic() + timeout
    while True:
        admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap_servers, request_timeout_ms=5000)
        try:
            await admin.start()
            await admin.describe_cluster()
            return
        except Exception:
            if time.monotonic() > deadline:
                raise
            await asyncio.sleep(0.5)
        finally:
            await admin.close()
