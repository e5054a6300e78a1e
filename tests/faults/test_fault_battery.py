"""The reduced fault battery, as CI runs it: faults injected while a workload flows, then the invariants.

The full battery (three brokers, leader kills, quorum loss, several runs) is
`ddp-dev battery --profile full --runs 1`; its figures are in docs/fault-battery-results.md.
"""

from pathlib import Path

import pytest

from ddp_testkit.battery.profiles import REDUCED
from ddp_testkit.battery.report import summary
from ddp_testkit.battery.runner import run_once
from tests.support import require_docker

pytestmark = [pytest.mark.docker, pytest.mark.kafka, pytest.mark.postgres, pytest.mark.e2e]


def test_reduced_battery_loses_nothing_and_duplicates_nothing(tmp_path: Path) -> None:
    require_docker()
    report = run_once(REDUCED, run=1, seed=20261127, log_dir=tmp_path)
    print(summary(REDUCED, [report], "tests/faults/test_fault_battery.py"))

    planned = {
        k: REDUCED.faults.get(k, 0) + REDUCED.faults_phase_two.get(k, 0)
        for k in {**REDUCED.faults, **REDUCED.faults_phase_two}
    }
    assert report.faults == planned, "every planned fault was injected"
    assert report.restarts >= REDUCED.faults["kill-9"], "killed instances were restarted"
    figures = report.verdict.figures
    assert figures["valid"] == REDUCED.cases and figures["bad"] == 8 * REDUCED.bad_copies
    assert figures["hostile"] == REDUCED.hostile
    assert report.verdict.lost == []
    assert report.verdict.duplicated == []
    assert report.verdict.out_of_order == []
    assert report.verdict.wrong_dead_letters == []
    assert report.verdict.wrong == []
    assert report.false_acknowledgements == 0
    assert figures["dead_lettered"] == figures["bad"] + figures["hostile"]
    assert figures["contract_messages"] > 0, "the programme team and the providers took every case through"
    assert figures["cases_with_progress"] > 0, "interventions answered for each case's progress, and agreed"
    assert figures["escalations"] > 0, "the absences escalated (once each: duplicated would say otherwise)"
