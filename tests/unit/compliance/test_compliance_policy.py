"""The compliance policy as data: validated on load, one rule set per mandate type, voluntary never breaches."""

from uuid import uuid4

import pytest
from pydantic import ValidationError

from ddp_compliance.domain.events import RecordOpened
from ddp_compliance.domain.policy import Policy, default_policy, load_policy
from ddp_compliance.domain.record import ComplianceRecord
from ddp_compliance.domain.vocabulary import LadderStep

MANDATED = ["LICENCE", "TPIM", "TEO"]


def document(**changes: object) -> dict:
    data = default_policy().model_dump(mode="json")
    data.update(changes)
    return data


def test_the_shipped_policy_has_a_rule_set_for_every_mandate_type_and_a_version() -> None:
    policy = default_policy()
    assert set(policy.mandates) == {"LICENCE", "TPIM", "TEO", "VOLUNTARY"}
    assert policy.version == "2026-11-27"


def test_licence_referrals_go_to_probation_and_tpim_teo_to_policing_and_the_home_office() -> None:
    policy = default_policy()
    assert list(policy.mandates["LICENCE"].refer_to) == ["probation"]
    for mandate in ("TPIM", "TEO"):
        assert list(policy.mandates[mandate].refer_to) == ["ct-policing", "home-office"]


def test_every_breach_ladder_warns_before_it_refers_for_absences() -> None:
    for mandate in MANDATED:
        rule = next(r for r in default_policy().mandates[mandate].rules if r.id == "unacceptable-absences")
        assert [rung.step for rung in rule.ladder] == [LadderStep.WARNING, LadderStep.BREACH_REFERRAL]


@pytest.mark.parametrize("mandate_type", MANDATED)
def test_a_mandate_that_requires_participation_can_escalate(mandate_type: str) -> None:
    assert default_policy().can_escalate(mandate_type, participation_required=True)
    assert not default_policy().can_escalate(mandate_type, participation_required=False)


@pytest.mark.parametrize("participation_required", [True, False])
def test_voluntary_participation_never_escalates(participation_required: bool) -> None:
    assert not default_policy().can_escalate("VOLUNTARY", participation_required)


def test_a_policy_missing_a_mandate_type_is_refused() -> None:
    data = document()
    del data["mandates"]["TEO"]
    with pytest.raises(ValidationError, match="TEO"):
        Policy.model_validate(data)


def test_a_voluntary_breach_policy_is_refused() -> None:
    data = document()
    data["mandates"]["VOLUNTARY"] = data["mandates"]["LICENCE"]
    with pytest.raises(ValidationError, match="voluntary cases must never escalate to breach"):
        Policy.model_validate(data)


def test_a_breach_step_on_a_concern_only_ladder_is_refused() -> None:
    data = document()
    data["mandates"]["VOLUNTARY"]["rules"][0]["ladder"] = [{"instances": 1, "step": "BREACH_REFERRAL"}]
    with pytest.raises(ValidationError, match="do not fit escalation"):
        Policy.model_validate(data)


def test_a_ladder_whose_thresholds_do_not_climb_is_refused() -> None:
    data = document()
    data["mandates"]["LICENCE"]["rules"][1]["ladder"] = [
        {"instances": 2, "step": "WARNING"},
        {"instances": 2, "step": "BREACH_REFERRAL"},
    ]
    with pytest.raises(ValidationError, match="strictly increase"):
        Policy.model_validate(data)


@pytest.mark.parametrize(
    "change",
    [
        {"auto_recall": True},
        {"overdue_reflag_hours": 0},
        {"version": ""},
    ],
)
def test_unknown_or_out_of_range_settings_are_refused(change: dict) -> None:
    with pytest.raises(ValidationError):
        Policy.model_validate(document(**change))


def test_an_unknown_instance_category_is_refused() -> None:
    data = document()
    data["mandates"]["LICENCE"]["rules"][0]["counts"] = ["LATE_ARRIVAL"]
    with pytest.raises(ValidationError):
        Policy.model_validate(data)


def test_load_policy_reads_yaml() -> None:
    import yaml

    text = yaml.safe_dump(document(version="v-test"))
    assert load_policy(text).version == "v-test"


def test_review_cadence_follows_the_mappa_level() -> None:
    review = default_policy().mandates["LICENCE"].review
    assert (review.cadence_for(None), review.cadence_for(1), review.cadence_for(3)) == (91, 91, 28)


def test_opening_a_record_emits_record_opened_with_the_policy_version() -> None:
    case_id = uuid4()
    record = ComplianceRecord.open(case_id, "TEO", "home-office", True, default_policy())
    assert record.events == [RecordOpened(case_id, "TEO", "home-office", True, True, default_policy().version)]
    assert record.referred_to(default_policy()) == ["ct-policing", "home-office"]
    assert record.review_chair() == "home-office"


def test_a_voluntary_record_is_opened_without_escalation_and_refers_to_the_programme_team() -> None:
    record = ComplianceRecord.open(uuid4(), "VOLUNTARY", "probation", True, default_policy())
    assert not record.escalation_possible
    assert record.referred_to(default_policy()) == ["programme-team"]
