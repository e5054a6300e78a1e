"""The edge: wire events to commands, domain events to wire events on the topics the registry allows."""

import inspect
from datetime import UTC, date, datetime
from enum import StrEnum
from uuid import UUID, uuid4

import pytest

from ddp_compliance.adapters.outbound_translation import publications
from ddp_compliance.bootstrap import ROUTES, check_recipients
from ddp_compliance.domain import events, vocabulary
from ddp_compliance.domain.commands import ChangeMandate, CloseRecord, RecordResumption, RecordSuspension
from ddp_compliance.domain.instances import Instance
from ddp_compliance.domain.policy import default_policy
from ddp_compliance.domain.review_pack import AttendanceFigures, EscalationSummary, ReviewPack
from ddp_messaging.emitter import Emitter
from ddp_schemas.envelope import CloudEvent
from ddp_schemas.events import compliance_vocabulary, referrals, session_vocabulary
from ddp_schemas.events import vocabulary as wire_vocabulary
from ddp_schemas.examples import load_examples
from ddp_schemas.topics import load_topic_registry

CASE, ESCALATION, REVIEW = uuid4(), uuid4(), uuid4()
AT = datetime(2026, 3, 1, 9, tzinfo=UTC)
EVIDENCE = (Instance(AT, uuid4(), "ddp.session.missed", vocabulary.InstanceCategory.UNACCEPTABLE_ABSENCE),)
TPIM_AUTHORITIES = ("ct-policing", "home-office")


@pytest.mark.parametrize(
    ("domain", "wire"),
    [
        (vocabulary.MandateType, wire_vocabulary.MandateType),
        (vocabulary.InstanceCategory, compliance_vocabulary.InstanceCategory),
        (vocabulary.LadderStep, compliance_vocabulary.LadderStep),
        (vocabulary.BreachDecision, compliance_vocabulary.BreachDecision),
        (vocabulary.DecidingRole, compliance_vocabulary.DecidingRole),
        (vocabulary.ReviewOutcome, compliance_vocabulary.ReviewOutcome),
        (vocabulary.AttendanceOutcome, session_vocabulary.AttendanceOutcome),
        (vocabulary.AbsenceCategory, session_vocabulary.AbsenceCategory),
    ],
)
def test_every_wire_value_has_its_domain_word_and_back(domain: type[StrEnum], wire: type[StrEnum]) -> None:
    assert {member.value for member in domain} == {member.value for member in wire}


@pytest.mark.parametrize("wire", list(ROUTES), ids=lambda wire: wire.event_type)
def test_every_example_of_each_inbound_type_translates_to_a_command(wire) -> None:
    translate, _ = ROUTES[wire]
    examples = [e for e in load_examples() if e.event_type == wire.event_type]
    assert examples, f"no example of {wire.event_type}"
    for example in examples:
        event = wire.model_validate(example.value)
        event_id = UUID(example.headers["ce_id"])
        reported = "envelope" in inspect.signature(translate).parameters
        if reported:  # a report is identified by the id of the event that made it: it takes the envelope
            envelope = CloudEvent(id=event_id, source="/test", type=wire.event_type, dataversion=1, data={}, time=AT)
            command = translate(event, "probation", envelope=envelope)
        else:
            command = translate(event, "probation")
        assert command.case_id == event.case_id
        if reported:
            assert _identity(command) == event_id


def _identity(command: object) -> UUID:
    match command:
        case RecordSuspension(suspension_id=identity) | RecordResumption(resumption_id=identity):
            return identity
        case CloseRecord(closure_id=identity) | ChangeMandate(variation_id=identity):
            return identity
    return command.report.event_id  # type: ignore[attr-defined]


def test_a_custody_period_and_a_closure_take_effect_from_their_own_dates() -> None:
    case_id, envelope = uuid4(), CloudEvent(source="/test", type="t", dataversion=1, data={}, time=AT)
    recorded = datetime(2026, 3, 20, 9, tzinfo=UTC)
    [suspend, resume, close] = [
        ROUTES[wire][0](
            wire(case_id=case_id, actor="probation", reason_code=code, effective_on=day, occurred_at=recorded),
            "probation",
            envelope=envelope,
        )  # type: ignore[call-arg]
        for wire, code, day in (
            (referrals.CaseSuspended, "CUSTODY_RECALLED", date(2026, 3, 16)),
            (referrals.CaseResumed, "CUSTODY_RELEASED", date(2026, 3, 18)),
            (referrals.CaseClosed, "WITHDRAWN", date(2026, 3, 19)),
        )
    ]
    assert suspend.since == datetime(2026, 3, 16, tzinfo=UTC), "from the start of the recall date"
    assert resume.until == datetime(2026, 3, 19, tzinfo=UTC), "the day of release never counts"
    assert close.ends_at == datetime(2026, 3, 19, tzinfo=UTC)


def test_a_record_from_before_effective_dates_takes_effect_when_it_was_recorded() -> None:
    envelope = CloudEvent(source="/test", type="t", dataversion=1, data={}, time=AT)
    old = referrals.CaseSuspended(case_id=uuid4(), actor="probation", reason_code="CUSTODY_RECALLED", occurred_at=AT)
    assert ROUTES[referrals.CaseSuspended][0](old, "probation", envelope=envelope).since == AT


def test_decisions_and_review_outcomes_carry_the_topic_owner_as_their_origin() -> None:
    for wire in (
        next(w for w in ROUTES if w.event_type == "ddp.breach.decision_submitted"),
        next(w for w in ROUTES if w.event_type == "ddp.review.outcome_submitted"),
    ):
        [example, *_] = [e for e in load_examples() if e.event_type == wire.event_type]
        translate, _ = ROUTES[wire]
        assert translate(wire.model_validate(example.value), "home-office").origin == "home-office"


PACK = ReviewPack(
    AT,
    AT,
    AttendanceFigures(1, 0, 0, 1, 0),
    1,
    (EscalationSummary(ESCALATION, "r", vocabulary.LadderStep.WARNING, AT, None),),
    2,
)
TPIM = vocabulary.MandateType.TPIM


def raised(step: vocabulary.LadderStep, to: tuple[str, ...]) -> events.EscalationRaised:
    due = AT if step is vocabulary.LadderStep.BREACH_REFERRAL else None
    return events.EscalationRaised(ESCALATION, CASE, step, TPIM, to, "rule", "v", date(2026, 1, 1), EVIDENCE, AT, due)


EVENTS_AND_TOPICS = [
    (events.RecordOpened(CASE, TPIM, "ct-policing", True, True, "v"), []),
    (
        events.NonComplianceRecorded(
            CASE, uuid4(), "ddp.session.missed", vocabulary.InstanceCategory.UNACCEPTABLE_ABSENCE, AT
        ),
        [],
    ),
    (events.NonComplianceWithdrawn(CASE, uuid4(), vocabulary.WithdrawalReason.CORRECTED, uuid4()), []),
    (events.NonComplianceWithdrawn(CASE, uuid4(), vocabulary.WithdrawalReason.CASE_ENDED, None), []),
    (raised(vocabulary.LadderStep.WARNING, ("probation",)), ["probation"]),
    (raised(vocabulary.LadderStep.BREACH_REFERRAL, TPIM_AUTHORITIES), list(TPIM_AUTHORITIES)),
    (raised(vocabulary.LadderStep.ENGAGEMENT_CONCERN, ("programme-team",)), ["programme-team"]),
    (
        events.EscalationEvidenceWithdrawn(
            ESCALATION, CASE, uuid4(), vocabulary.WithdrawalReason.CORRECTED, uuid4(), ("programme-team",)
        ),
        ["programme-team"],
    ),
    (
        events.EscalationWithdrawn(
            ESCALATION,
            CASE,
            vocabulary.LadderStep.BREACH_REFERRAL,
            vocabulary.WithdrawalReason.IN_CUSTODY,
            (uuid4(),),
            uuid4(),
            AT,
            TPIM_AUTHORITIES,
        ),
        list(TPIM_AUTHORITIES),
    ),
    (
        events.BreachDecisionRecorded(
            ESCALATION,
            CASE,
            vocabulary.BreachDecision.RECALL,
            "home-office",
            vocabulary.DecidingRole.HOME_OFFICE_CASEWORKER,
            True,
            AT,
            TPIM_AUTHORITIES,
        ),
        list(TPIM_AUTHORITIES),
    ),
    (events.BreachReferralOverdue(ESCALATION, CASE, TPIM_AUTHORITIES, AT, AT, 2), list(TPIM_AUTHORITIES)),
    (events.ReviewScheduled(REVIEW, CASE, 1, AT.date(), "probation", "v"), []),
    (events.ReviewDue(REVIEW, CASE, AT.date(), "probation"), ["probation"]),
    (events.ReviewPackIssued(REVIEW, CASE, AT.date(), "probation", PACK), ["probation"]),
    (events.ReviewOverdue(REVIEW, CASE, AT.date(), "probation", AT), ["probation"]),
    (
        events.ReviewOutcomeRecorded(
            REVIEW,
            CASE,
            vocabulary.ReviewOutcome.CONTINUE,
            "probation",
            vocabulary.DecidingRole.SENIOR_PROBATION_OFFICER,
            AT.date(),
        ),
        ["probation"],
    ),
]


@pytest.mark.parametrize(("event", "agencies"), EVENTS_AND_TOPICS, ids=lambda v: type(v).__name__)
def test_each_domain_event_goes_on_compliances_topic_and_to_the_agencies_it_is_addressed_to(event, agencies) -> None:
    registry = load_topic_registry()
    emitter = Emitter(service="compliance", registry=registry, outbox=None, session=None)  # type: ignore[arg-type]
    [publication] = publications(event)
    assert publication.key == CASE
    topics = emitter.topics_for(publication.event.event_type, publication.to)
    assert topics == ["ddp.compliance.events", *(f"ddp.outbound.{agency}" for agency in agencies)]


def test_a_published_decision_says_a_rationale_was_given_and_nothing_more() -> None:
    decided = next(e for e, _ in EVENTS_AND_TOPICS if isinstance(e, events.BreachDecisionRecorded))
    [publication] = publications(decided)
    assert publication.event.model_dump()["rationale_given"] is True
    assert "rationale" not in publication.event.model_dump()


def test_the_shipped_policy_refers_only_to_agencies_the_registry_knows() -> None:
    check_recipients(default_policy(), load_topic_registry())


def test_a_policy_referring_to_an_unknown_agency_is_refused_at_start() -> None:
    data = default_policy().model_dump(mode="json")
    data["mandates"]["LICENCE"]["refer_to"] = ["parole-board"]
    policy = type(default_policy()).model_validate(data)
    with pytest.raises(ValueError, match="parole-board"):
        check_recipients(policy, load_topic_registry())
