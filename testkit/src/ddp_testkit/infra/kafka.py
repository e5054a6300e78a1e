"""A single-node Apache Kafka (KRaft) container, secured, addressed from the host on loopback."""

import asyncio
import time
from pathlib import Path

from aiokafka.admin import AIOKafkaAdminClient
from testcontainers.core.container import DockerContainer
from testcontainers.core.wait_strategies import LogMessageWaitStrategy

from ddp_schemas.connection import ADMIN, CredentialStore, KafkaAccess, KafkaEndpoint
from ddp_testkit.infra.broker_security import secure_broker
from ddp_testkit.infra.labels import container_labels
from ddp_testkit.infra.ports import free_loopback_port, publish_on_loopback


class KafkaNode(DockerContainer):
    """Configured only through the ``apache/kafka`` image's environment variables.

    The client listener (mutual TLS) is published on the same host port, so the address it
    advertises (``127.0.0.1:<port>``) is the one clients on the host connect to. With
    ``plaintext_port`` a second, unauthenticated listener is opened: only for local debugging
    and for measuring what TLS costs, never in the platform's runs.
    """

    def __init__(
        self,
        image: str,
        credentials: Path,
        purpose: str = "test",
        port: int | None = None,
        plaintext_port: int | None = None,
    ) -> None:
        super().__init__(image)
        self.credentials = CredentialStore(credentials)
        self.port = port or free_loopback_port()
        self.plaintext_port = plaintext_port
        publish_on_loopback(self, self.port, self.port)
        listeners = [f"MTLS://:{self.port}", "CONTROLLER://:9093"]
        advertised = [f"MTLS://127.0.0.1:{self.port}"]
        protocols = ["MTLS:SSL", "CONTROLLER:SSL"]
        if plaintext_port:
            publish_on_loopback(self, plaintext_port, plaintext_port)
            listeners.append(f"DEBUG://:{plaintext_port}")
            advertised.append(f"DEBUG://127.0.0.1:{plaintext_port}")
            protocols.append("DEBUG:PLAINTEXT")
        self.with_envs(
            KAFKA_NODE_ID="1",
            KAFKA_PROCESS_ROLES="broker,controller",
            KAFKA_LISTENERS=",".join(listeners),
            KAFKA_ADVERTISED_LISTENERS=",".join(advertised),
            KAFKA_INTER_BROKER_LISTENER_NAME="MTLS",
            KAFKA_CONTROLLER_LISTENER_NAMES="CONTROLLER",
            KAFKA_LISTENER_SECURITY_PROTOCOL_MAP=",".join(protocols),
            KAFKA_CONTROLLER_QUORUM_VOTERS="1@localhost:9093",
            KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR="1",
            KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR="1",
            KAFKA_TRANSACTION_STATE_LOG_MIN_ISR="1",
            KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS="0",
            KAFKA_AUTO_CREATE_TOPICS_ENABLE="false",
            KAFKA_NUM_PARTITIONS="1",
        )
        secure_broker(self, credentials)
        self.with_kwargs(labels=container_labels(purpose))
        self.waiting_for(LogMessageWaitStrategy("Kafka Server started").with_startup_timeout(120))

    @property
    def bootstrap_servers(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def endpoint(self) -> KafkaEndpoint:
        return KafkaEndpoint(self.bootstrap_servers, self.credentials)

    def access(self, principal: str) -> KafkaAccess:
        return self.endpoint.access(principal)

    def plaintext_access(self) -> KafkaAccess:
        """The debugging listener (``plaintext_port``), for measurements only."""
        assert self.plaintext_port, "this node has no plaintext listener"
        return KafkaAccess(f"127.0.0.1:{self.plaintext_port}", "ANONYMOUS", None)

    def start(self) -> "KafkaNode":
        super().start()
        asyncio.run(wait_for_cluster(self.access(ADMIN), timeout=60))
        return self


async def wait_for_cluster(access: KafkaAccess, timeout: float) -> None:
    """Return once the cluster answers a metadata request from this host."""
    deadline = time.monotonic() + timeout
    while True:
        admin = AIOKafkaAdminClient(**access.aiokafka(), request_timeout_ms=5000)
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
