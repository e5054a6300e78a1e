"""The alert rules: valid, each unit-tested by promtool, each with a runbook section, on metrics that exist."""

import re
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.support import promtool
from tests.unit.observability.platform_metrics import exported_metric_names

OBSERVABILITY = Path(__file__).resolve().parents[3] / "deploy" / "observability"
RUNBOOK = Path(__file__).resolve().parents[3] / "docs" / "runbook.md"


def alerts() -> list[dict]:
    groups = yaml.safe_load((OBSERVABILITY / "alerts.yml").read_text())["groups"]
    return [rule for group in groups for rule in group["rules"]]


def run_promtool(*args: str, cwd: Path = OBSERVABILITY) -> subprocess.CompletedProcess[str]:
    return subprocess.run([promtool(), *args], cwd=cwd, capture_output=True, text=True, timeout=60)


def test_the_rules_and_the_scrape_configuration_are_valid():
    assert run_promtool("check", "rules", "alerts.yml").returncode == 0
    checked = run_promtool("check", "config", "--syntax-only", "prometheus.yml")
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_every_alert_passes_its_unit_tests():
    tested = run_promtool("test", "rules", "alerts-tests.yml")
    assert tested.returncode == 0, tested.stdout + tested.stderr


def test_every_alert_has_a_test_that_fires_it_and_a_runbook_section():
    tests = yaml.safe_load((OBSERVABILITY / "alerts-tests.yml").read_text())["tests"]
    fired = {case["alertname"] for test in tests for case in test.get("alert_rule_test", []) if case.get("exp_alerts")}
    quiet = {
        case["alertname"] for test in tests for case in test.get("alert_rule_test", []) if not case.get("exp_alerts")
    }
    headings = {
        re.sub(r"[^a-z0-9-]", "", line.lstrip("#").strip().lower().replace(" ", "-"))
        for line in RUNBOOK.read_text().splitlines()
        if line.startswith("## ")
    }
    for rule in alerts():
        name = rule["alert"]
        assert name in fired and name in quiet, f"{name}: a test where it fires and one where it stays quiet"
        assert rule["annotations"]["runbook_url"] == f"docs/runbook.md#{name.lower()}"
        assert name.lower() in headings, f"docs/runbook.md has no section for {name}"


@pytest.mark.parametrize("rule", [rule["alert"] for rule in alerts()])
def test_a_broken_rule_fails_its_tests(rule, tmp_path):
    # Evidence that can fail: each alert made to fire never (its expression replaced by one that
    # matches nothing) must fail promtool's tests.
    groups = yaml.safe_load((OBSERVABILITY / "alerts.yml").read_text())
    for group in groups["groups"]:
        for candidate in group["rules"]:
            if candidate["alert"] == rule:
                candidate["expr"] = "vector(0) > 1"
    (tmp_path / "alerts.yml").write_text(yaml.safe_dump(groups))
    (tmp_path / "alerts-tests.yml").write_text((OBSERVABILITY / "alerts-tests.yml").read_text())
    assert run_promtool("test", "rules", "alerts-tests.yml", cwd=tmp_path).returncode != 0


def test_the_rules_use_only_metrics_the_platform_exports():
    exported = exported_metric_names()
    for rule in alerts():
        for name in re.findall(r"\b(ddp_[a-z_]+|up)\b", rule["expr"]):
            assert name in exported, f"{rule['alert']} reads {name}, which no service exports"
