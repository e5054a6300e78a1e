"""The compliance policy: only mandated cases that require participation can escalate to breach."""

from uuid import uuid4

import pytest
from pydantic import ValidationError

from ddp_compliance.domain import policy as policy_module
from ddp_compliance.domain.policy import Escalation, MandatePolicy, Policy, default_policy
from ddp_compliance.domain.record import ComplianceRecord, RecordOpened

MANDATED = ["LICENCE", "TPIM", "TEO"]


def test_the_shipped_policy_has_a_rule_for_every_mandate_type() -> None:
    policy = default_policy()
    assert set(policy.mandates) == {"LICENCE", "TPIM", "TEO", "VOLUNTARY"}
    assert policy.version


@pytest.mark.parametrize("mandate_type", MANDATED)
def test_a_mandate_that_requires_participation_can_escalate(mandate_type) -> None:
    assert default_policy().can_escalate(mandate_type, participation_required=True)


@pytest.mark.parametrize("mandate_type", MANDATED)
def test_a_mandate_that_does_not_require_participation_cannot_escalate(mandate_type) -> None:
    assert not default_policy().can_escalate(mandate_type, participation_required=False)


@pytest.mark.parametrize("participation_required", [True, False])
def test_voluntary_participation_never_escalates(participation_required) -> None:
    assert not default_policy().can_escalate("VOLUNTARY", participation_required)


class _FakeResource:
    """Stands in for the packaged ``policy.yaml`` so the loader can be run on other text."""

    def __init__(self, text: str) -> None:
        self._text = text

    def files(self, package: str) -> "_FakeResource":
        return self

    def joinpath(self, name: str) -> "_FakeResource":
        return self

    def read_text(self) -> str:
        return self._text


def load_policy_from(text: str, monkeypatch: pytest.MonkeyPatch) -> Policy:
    monkeypatch.setattr(policy_module, "resources", _FakeResource(text))
    return default_policy.__wrapped__()  # the loader itself, past its cache


def test_the_loader_refuses_a_policy_missing_a_mandate_type(monkeypatch) -> None:
    text = (
        'version: "broken"\n'
        "mandates:\n"
        "  LICENCE: {escalation: breach_referral}\n"
        "  TPIM: {escalation: breach_referral}\n"
    )
    with pytest.raises(ValueError, match=r"broken.*TEO.*VOLUNTARY"):
        load_policy_from(text, monkeypatch)


def test_the_loader_accepts_a_complete_policy(monkeypatch) -> None:
    text = 'version: "v-test"\nmandates:\n' + "".join(
        f"  {t}: {{escalation: engagement_concern_only}}\n" for t in ["LICENCE", "TPIM", "TEO", "VOLUNTARY"]
    )
    policy = load_policy_from(text, monkeypatch)
    assert policy.version == "v-test"
    assert not policy.can_escalate("LICENCE", participation_required=True)


def test_a_policy_with_an_unknown_escalation_is_refused() -> None:
    with pytest.raises(ValidationError):
        Policy.model_validate({"version": "x", "mandates": {"LICENCE": {"escalation": "recall_immediately"}}})


def test_a_policy_with_an_unknown_setting_is_refused() -> None:
    with pytest.raises(ValidationError):
        Policy.model_validate({"version": "x", "mandates": {}, "auto_recall": True})


# --- ComplianceRecord.open -------------------------------------------------------------------


def test_opening_a_record_emits_record_opened_with_the_policy_version() -> None:
    case_id = uuid4()
    record = ComplianceRecord.open(case_id, "TEO", "home-office", True, default_policy())
    assert record.events == [RecordOpened(case_id, "TEO", "home-office", True, True, default_policy().version)]
    assert record.escalation_possible
    assert record.policy_version == default_policy().version


def test_a_record_takes_escalation_and_version_from_the_policy_it_was_opened_under() -> None:
    concern_only = MandatePolicy(escalation=Escalation.ENGAGEMENT_CONCERN_ONLY)
    lenient = Policy(version="lenient-1", mandates=dict.fromkeys(["LICENCE", "TPIM", "TEO", "VOLUNTARY"], concern_only))
    record = ComplianceRecord.open(uuid4(), "LICENCE", "probation", True, lenient)
    [event] = record.events
    assert (event.escalation_possible, event.policy_version) == (False, "lenient-1")


def test_a_policy_without_a_rule_for_every_mandate_type_is_refused() -> None:
    concern_only = MandatePolicy(escalation=Escalation.ENGAGEMENT_CONCERN_ONLY)
    with pytest.raises(ValueError, match="TEO"):
        Policy(version="partial-1", mandates={"LICENCE": concern_only, "TPIM": concern_only, "VOLUNTARY": concern_only})


def test_a_voluntary_record_is_opened_without_escalation() -> None:
    record = ComplianceRecord.open(uuid4(), "VOLUNTARY", "probation", True, default_policy())
    assert not record.escalation_possible
    assert not record.events[0].escalation_possible
