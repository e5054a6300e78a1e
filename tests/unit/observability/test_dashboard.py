"""The provisioned Grafana dashboard: every query is valid PromQL on metrics the platform exports."""

import json
import re
import subprocess
from pathlib import Path

import yaml

from tests.support import promtool
from tests.unit.observability.platform_metrics import exported_metric_names

DASHBOARD = Path(__file__).resolve().parents[3] / "deploy/observability/grafana/dashboards/ddp-pipeline.json"


def queries() -> list[str]:
    return [target["expr"] for panel in json.loads(DASHBOARD.read_text())["panels"] for target in panel["targets"]]


def test_every_query_is_valid_promql(tmp_path):
    # promtool parses expressions in rule files: each query becomes a recording rule to be checked.
    rules = {
        "groups": [{"name": "dashboard", "rules": [{"record": f"q{i}", "expr": q} for i, q in enumerate(queries())]}]
    }
    (tmp_path / "rules.yml").write_text(yaml.safe_dump(rules))
    checked = subprocess.run([promtool(), "check", "rules", "rules.yml"], cwd=tmp_path, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_every_query_reads_metrics_the_platform_exports_and_every_alert_has_a_panel():
    exported = exported_metric_names()
    for query in queries():
        for name in re.findall(r"\b(ddp_[a-z_]+)\b", query):
            assert name in exported, f"the dashboard reads {name}, which no service exports"
    described = {panel.get("description") for panel in json.loads(DASHBOARD.read_text())["panels"]}
    alerts = yaml.safe_load((DASHBOARD.parents[2] / "alerts.yml").read_text())["groups"]
    for rule in (r for group in alerts for r in group["rules"] if r["alert"] != "DdpServiceDown"):
        assert rule["alert"] in described, f"no panel shows what {rule['alert']} watches"
