"""The SQL unit of work's commit, without a database: which events are staged on which topic, and what
the sender is told. The registry's ``seen`` is filled by hand, as loading and adding would fill it."""

from uuid import uuid4

import pytest

from ddp_messaging.emitter import Emitter
from ddp_messaging.handling import Delivery
from ddp_referrals.adapters.field_cipher import DEVELOPMENT_ENCRYPTION_KEY, DEVELOPMENT_HASH_KEY, FieldCipher
from ddp_referrals.adapters.unit_of_work import SqlUnitOfWork
from ddp_referrals.domain import events
from ddp_referrals.domain.case import Case
from ddp_referrals.domain.referral import Referral
from ddp_referrals.domain.submission import Identifiers
from ddp_schemas.envelope import CloudEvent
from tests.unit.referrals.fakes import NOW, TODAY, RecordingOutbox

CIPHER = FieldCipher([DEVELOPMENT_ENCRYPTION_KEY], DEVELOPMENT_HASH_KEY)
DOMAIN = "ddp.referrals.events"


class RecordingRejections:
    def __init__(self) -> None:
        self.told: list[tuple[list[str], str | None]] = []

    async def tell_sender(self, session, record, reasons, *, event_id, agency_reference=None) -> None:  # type: ignore[no-untyped-def]
        self.told.append(([r.code for r in reasons], agency_reference))


@pytest.fixture
def rejections() -> RecordingRejections:
    return RecordingRejections()


@pytest.fixture
def cause() -> CloudEvent:
    return CloudEvent(source="/agencies/probation", type="ddp.referral.submitted", dataversion=1, data={})


@pytest.fixture
def uow(registry, outbox: RecordingOutbox, rejections, cause) -> SqlUnitOfWork:
    # As the runtime builds it for a delivery: the emitter chains everything to the record read.
    emitter = Emitter(service="referrals", registry=registry, outbox=outbox, session=None, cause=cause)  # type: ignore[arg-type]
    delivery = Delivery(cause, None, "probation", None, None, emitter, rejections)  # type: ignore[arg-type]
    return SqlUnitOfWork.for_delivery(delivery, CIPHER)


@pytest.fixture
def open_case(make_submission) -> Case:
    case = Case.open(uuid4(), uuid4(), make_submission())
    case.events.clear()
    return case


def staged(outbox: RecordingOutbox) -> list[tuple[str, str | None, str]]:
    return [(s.topic, s.key, s.event.event_type) for s in outbox.staged]


def received(make_submission, today, open_case=None, **overrides) -> Referral:  # type: ignore[no-untyped-def]
    referral, _ = Referral.receive(make_submission(**overrides), "probation", today, uuid4(), open_case)
    return referral


async def test_an_accepted_referral_is_staged_on_the_domain_topic_and_acknowledged(
    uow, outbox, rejections, cause, make_submission
) -> None:
    referral = received(make_submission, TODAY)
    uow.cases.seen.append(referral)
    await uow.commit()
    rid, ref, case = str(referral.referral_id), referral.agency_reference, str(referral.case_id)
    assert staged(outbox) == [
        (DOMAIN, rid, "ddp.referral.received"),
        (DOMAIN, rid, "ddp.referral.accepted"),
        ("ddp.outbound.probation", ref, "ddp.referral.acknowledged"),
        (DOMAIN, case, "ddp.case.opened"),
    ]
    assert all(s.cause is cause for s in outbox.staged) and rejections.told == []
    assert referral.events == []


async def test_a_rejected_referral_is_published_and_the_sender_told_with_its_reasons(
    uow, outbox, rejections, make_submission
) -> None:
    referral = received(make_submission, TODAY, identifiers=Identifiers())
    uow.cases.seen.append(referral)
    await uow.commit()
    assert [t for _, _, t in staged(outbox)] == ["ddp.referral.received", "ddp.referral.rejected"]
    assert rejections.told == [(["IDENTIFIERS_MISSING"], referral.agency_reference)]


async def test_a_linked_referral_is_on_the_domain_topic_once_and_told_to_the_sender_by_its_reference(
    uow, outbox, make_submission, open_case
) -> None:
    referral = received(make_submission, TODAY, open_case)
    uow.cases.seen.append(referral)
    await uow.commit()
    rid, ref = str(referral.referral_id), referral.agency_reference
    assert staged(outbox) == [
        (DOMAIN, rid, "ddp.referral.received"),
        (DOMAIN, rid, "ddp.referral.linked"),
        ("ddp.outbound.probation", ref, "ddp.referral.acknowledged"),
        ("ddp.outbound.probation", ref, "ddp.referral.linked"),
    ]


async def test_a_repeated_link_is_told_to_the_sender_only(uow, outbox, rejections, make_submission, open_case) -> None:
    referral = received(make_submission, TODAY, open_case)
    referral.events.clear()
    referral.repeat(open_case.subject_id)
    uow.cases.seen.append(referral)
    await uow.commit()
    ref = referral.agency_reference
    assert staged(outbox) == [
        ("ddp.outbound.probation", ref, "ddp.referral.acknowledged"),
        ("ddp.outbound.probation", ref, "ddp.referral.linked"),
    ]
    assert rejections.told == []


async def test_a_repeated_rejection_is_told_again_and_published_nowhere(
    uow, outbox, rejections, make_submission
) -> None:
    referral = received(make_submission, TODAY, identifiers=Identifiers())
    referral.events.clear()
    referral.repeat(None)
    uow.cases.seen.append(referral)
    await uow.commit()
    assert outbox.staged == []
    assert rejections.told == [(["IDENTIFIERS_MISSING"], referral.agency_reference)]


async def test_a_jobs_unit_of_work_stages_uncaused_events_after_the_aggregates_and_only_once(
    emitter, outbox, open_case
) -> None:
    job = SqlUnitOfWork(None, emitter, CIPHER)  # type: ignore[arg-type]
    assert open_case.close_if_mandate_passed(TODAY.replace(year=2099), NOW)
    job.cases.seen.append(open_case)
    job.publish(events.SubjectsMerged(uuid4(), uuid4(), (open_case.case_id,), "platform", NOW))
    await job.commit()
    await job.commit()
    assert [(topic, t) for topic, _, t in staged(outbox)] == [
        (DOMAIN, "ddp.case.closed"),
        (DOMAIN, "ddp.subjects.merged"),
    ]
    assert all(s.cause is None for s in outbox.staged)
