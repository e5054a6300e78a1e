"""What mutual TLS costs: the bare relay over the broker's TLS listener and over a plaintext
debugging listener of the same broker, in the same run, interleaved so that neither order
nor a warm cache favours one side. Reported as the secured/plaintext throughput ratio.

The plaintext listener exists only in this benchmark's broker, opened explicitly. Both sides
are ordinary principals under the authorizer (``referrals`` over TLS, the anonymous principal
over plaintext) with the same grants on the benchmark's own ``bench.`` topics and groups, so
the ratio is what encryption and authentication cost, not a super user's shortcut.
"""

import asyncio
import statistics
import tempfile
from dataclasses import dataclass
from pathlib import Path

from confluent_kafka.admin import (
    AclBinding,
    AclOperation,
    AclPermissionType,
    AdminClient,
    ResourcePatternType,
    ResourceType,
)

from ddp_cli.credentials import ensure_credentials
from ddp_schemas.connection import ADMIN, KafkaAccess
from ddp_schemas.topics import load_topic_registry
from ddp_testkit.bench.bare_relay import RelayRun, relay
from ddp_testkit.infra.images import selected_images
from ddp_testkit.infra.kafka import KafkaNode
from ddp_testkit.infra.ports import free_loopback_port

RELAY_PRINCIPAL = "referrals"  # a service's identity, as the platform's own relays run


@dataclass(frozen=True)
class TlsCost:
    plaintext: list[RelayRun]
    secured: list[RelayRun]

    @property
    def ratio(self) -> float:
        """Median secured throughput over median plaintext throughput (1.0: TLS costs nothing)."""
        secured = statistics.median(r.per_second for r in self.secured)
        return secured / statistics.median(r.per_second for r in self.plaintext)

    def lines(self) -> list[str]:
        first = self.secured[0]
        rows = [f"bare aiokafka relay, {first.hops} hops, {first.records} records per run, same broker, same run"]
        for name, runs in (("plaintext", self.plaintext), ("mutual TLS", self.secured)):
            rates = ", ".join(f"{r.per_second:,.0f}" for r in runs)
            rows.append(
                f"  {name:<11} records/s per run: {rates} (median {statistics.median(r.per_second for r in runs):,.0f})"
            )
        rows.append(f"  secured/plaintext throughput ratio: {self.ratio:.2f}")
        return rows


def measure_tls_cost(records: int, rounds: int, purpose: str = "bench") -> TlsCost:
    with tempfile.TemporaryDirectory(prefix="ddp-bench-") as folder:
        ensure_credentials(Path(folder), load_topic_registry())
        node = KafkaNode(selected_images().kafka, Path(folder), purpose=purpose, plaintext_port=free_loopback_port())
        node.start()
        try:
            secured_access, plaintext_access = node.access(RELAY_PRINCIPAL), node.plaintext_access()
            grant_bench_resources(node.access(ADMIN), [secured_access.principal, plaintext_access.principal])
            plaintext: list[RelayRun] = []
            secured: list[RelayRun] = []
            asyncio.run(relay(secured_access, min(records, 500)))  # warm-up: JIT, page cache, metadata
            for round_number in range(rounds):
                order = [("plain", plaintext_access), ("tls", secured_access)]
                for label, access in order if round_number % 2 == 0 else reversed(order):
                    result = asyncio.run(relay(access, records))
                    (plaintext if label == "plain" else secured).append(result)
            return TlsCost(plaintext, secured)
        finally:
            node.stop()


def grant_bench_resources(admin: KafkaAccess, principals: list[str]) -> None:
    """Let ``principals`` create, write and read the benchmark's own ``bench.`` topics and groups."""
    client = AdminClient({**admin.librdkafka()})
    bindings = [
        AclBinding(
            kind, "bench.", ResourcePatternType.PREFIXED, f"User:{who}", "*", AclOperation.ALL, AclPermissionType.ALLOW
        )
        for kind in (ResourceType.TOPIC, ResourceType.GROUP)
        for who in principals
    ]
    for future in client.create_acls(bindings, request_timeout=30).values():
        future.result()
