"""The benchmarks' harness works and prints its figures; no timing threshold (figures are ratios, read by people)."""

import pytest

from ddp_testkit.bench.tls_cost import measure_tls_cost
from tests.support import require_docker

pytestmark = [pytest.mark.docker, pytest.mark.kafka]


def test_the_tls_cost_benchmark_relays_every_record_over_both_listeners_and_prints_the_ratio() -> None:
    require_docker()
    cost = measure_tls_cost(records=300, rounds=1, purpose="test")
    print("\n".join(cost.lines()))
    assert [r.records for r in cost.plaintext + cost.secured] == [300, 300]
    assert cost.ratio > 0 and "secured/plaintext throughput ratio" in cost.lines()[-1]
