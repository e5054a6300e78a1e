"""The benchmarks' harnesses work and print their figures; no timing threshold (figures are ratios, read by people)."""

import pytest

from ddp_testkit.bench.pipeline import BenchPlan, measure_pipeline
from ddp_testkit.bench.tls_cost import measure_tls_cost
from tests.support import require_docker

pytestmark = [pytest.mark.docker, pytest.mark.kafka]


def test_the_tls_cost_benchmark_relays_every_record_over_both_listeners_and_prints_the_ratio() -> None:
    require_docker()
    cost = measure_tls_cost(records=300, rounds=1, purpose="test")
    print("\n".join(cost.lines()))
    assert [r.records for r in cost.plaintext + cost.secured] == [300, 300]
    assert cost.ratio > 0 and "secured/plaintext throughput ratio" in cost.lines()[-1]


def test_the_pipeline_benchmark_runs_every_stage_against_the_platform_and_prints_its_figures(tmp_path) -> None:
    require_docker()
    plan = BenchPlan(
        backlog=60,
        baseline_records=500,
        subjects=(100, 1_000),
        table_size_burst=30,
        attendance_cases=20,
        rates=(10,),
        steady_seconds=2,
        timeout=120,
    )
    bench = measure_pipeline(plan, tmp_path / "logs", purpose="test")
    print("\n".join(bench.lines()))
    assert bench.backlog is not None and bench.backlog.referrals == 60
    assert sum(bench.backlog.database.statements.values()) > 0, "no statement counted: the figures would be empty"
    assert [size.subjects >= wanted for size, wanted in zip(bench.table_sizes, (100, 1_000), strict=True)] == [True] * 2
    assert bench.attendance is not None and bench.attendance.absences == 20
    assert [s.complete for s in bench.steady] == [True] and len(bench.steady[0].record) == 20
    assert set(bench.peak_rss_mb) == {"referrals", "interventions", "compliance"}
    assert any("platform/baseline ratio" in line for line in bench.lines())
