"""Three (or more) Kafka brokers in KRaft mode on a network of the platform's own, for fault tests.

Each node is broker and controller. Brokers talk to each other on the private network by
name; clients on the host use each node's own loopback port, which is also what it advertises.
Every listener (clients, brokers, controllers) is mutual TLS, as on the single node.
"""

import asyncio
import uuid
from pathlib import Path

from testcontainers.core.container import DockerContainer
from testcontainers.core.network import Network
from testcontainers.core.wait_strategies import LogMessageWaitStrategy

from ddp_schemas.connection import ADMIN, CredentialStore, KafkaAccess, KafkaEndpoint
from ddp_testkit.infra.broker_security import secure_broker
from ddp_testkit.infra.kafka import wait_for_cluster
from ddp_testkit.infra.labels import container_labels
from ddp_testkit.infra.ports import free_loopback_port, publish_on_loopback

# Kafka's own base64 form of a UUID: what `kafka-storage random-uuid` prints.
_CLUSTER_ID = "ddpFaultBattery0000000"


class KafkaCluster:
    def __init__(self, image: str, credentials: Path, size: int = 3, purpose: str = "test") -> None:
        self._credentials_root = credentials
        self.credentials = CredentialStore(credentials)
        self.network = Network(docker_network_kw={"labels": container_labels(purpose)})
        self._labels = container_labels(purpose)
        self.ports = {node: free_loopback_port() for node in range(1, size + 1)}
        voters = ",".join(f"{node}@kafka-{node}:9093" for node in self.ports)
        self.nodes: dict[int, DockerContainer] = {}
        self._image = image
        self._voters = voters
        self._cluster_id = _CLUSTER_ID[:-6] + uuid.uuid4().hex[:6]

    @property
    def bootstrap_servers(self) -> str:
        return ",".join(f"127.0.0.1:{port}" for port in self.ports.values())

    @property
    def endpoint(self) -> KafkaEndpoint:
        return KafkaEndpoint(self.bootstrap_servers, self.credentials)

    def access(self, principal: str) -> KafkaAccess:
        return self.endpoint.access(principal)

    def start(self) -> "KafkaCluster":
        self.network.create()
        for node, port in self.ports.items():
            container = DockerContainer(self._image)
            publish_on_loopback(container, port, port)
            container.with_network(self.network).with_network_aliases(f"kafka-{node}")
            container.with_envs(
                CLUSTER_ID=self._cluster_id,
                KAFKA_NODE_ID=str(node),
                KAFKA_PROCESS_ROLES="broker,controller",
                KAFKA_LISTENERS=f"INTERNAL://:19092,MTLS://:{port},CONTROLLER://:9093",
                KAFKA_ADVERTISED_LISTENERS=f"INTERNAL://kafka-{node}:19092,MTLS://127.0.0.1:{port}",
                KAFKA_LISTENER_SECURITY_PROTOCOL_MAP="CONTROLLER:SSL,INTERNAL:SSL,MTLS:SSL",
                KAFKA_INTER_BROKER_LISTENER_NAME="INTERNAL",
                KAFKA_CONTROLLER_LISTENER_NAMES="CONTROLLER",
                KAFKA_CONTROLLER_QUORUM_VOTERS=self._voters,
                KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR="3",
                KAFKA_OFFSETS_TOPIC_NUM_PARTITIONS="6",
                KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR="3",
                KAFKA_TRANSACTION_STATE_LOG_MIN_ISR="2",
                KAFKA_MIN_INSYNC_REPLICAS="2",
                KAFKA_DEFAULT_REPLICATION_FACTOR="3",
                KAFKA_UNCLEAN_LEADER_ELECTION_ENABLE="false",
                KAFKA_AUTO_CREATE_TOPICS_ENABLE="false",
                KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS="0",
            )
            secure_broker(container, self._credentials_root)
            container.with_kwargs(labels=self._labels)
            # Nodes wait for a controller quorum, so start them all before waiting on any.
            self.nodes[node] = container
        for container in self.nodes.values():
            container.start()
        for container in self.nodes.values():
            LogMessageWaitStrategy("Kafka Server started").with_startup_timeout(180).wait_until_ready(container)
        asyncio.run(wait_for_cluster(self.access(ADMIN), timeout=120))
        return self

    def kill(self, node: int) -> None:
        """SIGKILL one broker (its data stays in its container)."""
        self.nodes[node].get_wrapped_container().kill()

    def revive(self, node: int) -> None:
        self.nodes[node].get_wrapped_container().start()

    def stop(self) -> None:
        for container in self.nodes.values():
            container.stop()
        self.network.remove()
