"""Translation at the edge for the lifecycle: inbound changes to commands, lifecycle events to topics."""

from datetime import UTC, date, datetime
from uuid import uuid4

import pytest

from ddp_referrals.adapters.inbound_translation import to_command
from ddp_referrals.adapters.outbound_translation import publications
from ddp_referrals.domain import events
from ddp_referrals.domain.commands import (
    ChangeCustody,
    ChangeMandate,
    CustodyStatus,
    MergeIdentifiers,
    WithdrawReferral,
)
from ddp_referrals.domain.mandates import Mandate, MandateChange, MandateType
from ddp_referrals.domain.screening import ScreeningFailure
from ddp_referrals.domain.submission import Identifiers
from ddp_schemas.catalogue import CATALOGUE
from ddp_schemas.envelope import CloudEvent
from ddp_schemas.events import inbound, referrals

DAY = date(2026, 3, 15)
AT = datetime(2026, 3, 15, 9, tzinfo=UTC)
REF = "PRB-2026-000777"
CASE_ID, SUBJECT_ID, REFERRAL_ID = uuid4(), uuid4(), uuid4()
MANDATE = Mandate(MandateType.LICENCE, "LIC/1", date(2026, 1, 1), date(2027, 1, 1), "probation", False)


@pytest.mark.parametrize(
    ("wire", "command"),
    [
        (inbound.ReferralWithdrawalSubmitted(agency_reference=REF, effective_on=DAY), WithdrawReferral(REF, DAY)),
        (
            inbound.MandateVaried(agency_reference=REF, effective_on=DAY, participation_required=False),
            ChangeMandate(REF, MandateChange.VARIED, DAY, participation_required=False, ends_on=None),
        ),
        (
            inbound.MandateExtended(agency_reference=REF, effective_on=DAY, ends_on=date(2030, 1, 1)),
            ChangeMandate(REF, MandateChange.EXTENDED, DAY, ends_on=date(2030, 1, 1)),
        ),
        (
            inbound.MandateRevoked(agency_reference=REF, effective_on=DAY),
            ChangeMandate(REF, MandateChange.REVOKED, DAY),
        ),
        (inbound.MandateEnded(agency_reference=REF, effective_on=DAY), ChangeMandate(REF, MandateChange.ENDED, DAY)),
        (
            inbound.CustodyStatusChanged(agency_reference=REF, effective_on=DAY, status="RECALLED"),
            ChangeCustody(REF, CustodyStatus.RECALLED, DAY),
        ),
        (
            inbound.IdentifiersMerged(
                merged=inbound.SubjectIdentifiers(crn="X000002"),
                surviving=inbound.SubjectIdentifiers(crn="X000001", pnc_id="11/1A"),
                effective_on=DAY,
            ),
            MergeIdentifiers(Identifiers(crn="X000002"), Identifiers(crn="X000001", pnc_id="11/1A"), DAY),
        ),
    ],
    ids=lambda value: type(value).__name__,
)
def test_each_inbound_change_becomes_its_command(wire, command) -> None:
    assert to_command(wire) == command


def test_a_submission_is_not_a_change_command(submitted_data) -> None:
    with pytest.raises(TypeError):
        to_command(inbound.ReferralSubmitted.model_validate(submitted_data))


LIFECYCLE = [
    events.ReferralWithdrawn(REFERRAL_ID, CASE_ID, "probation", AT),
    events.ReferralWithdrawn(REFERRAL_ID, None, "probation", AT),
    events.CaseSuspended(CASE_ID, "probation", "CUSTODY_RECALLED", AT),
    events.CaseResumed(CASE_ID, "probation", "CUSTODY_RELEASED", AT),
    events.CaseClosed(CASE_ID, "platform", "MANDATE_ENDED", AT),
    events.MandateChanged(CASE_ID, MandateChange.VARIED, MANDATE, DAY, "probation", AT),
    events.SubjectsMerged(SUBJECT_ID, uuid4(), (CASE_ID,), "probation", AT),
    events.ReferralLinked(REFERRAL_ID, "ct-policing", "CTP-1", CASE_ID, SUBJECT_ID),
    events.SubmissionRepeated(REFERRAL_ID, "ct-policing", "CTP-1", CASE_ID, SUBJECT_ID, True, ()),
]


@pytest.mark.parametrize("event", LIFECYCLE, ids=lambda e: type(e).__name__)
def test_every_lifecycle_publication_goes_to_a_topic_that_carries_it_and_reads_back(registry, event) -> None:
    published = publications(event, registry)
    assert published
    for publication in published:
        carried = registry.topic(publication.topic).carries(publication.event.event_type)
        assert carried is not None and publication.event.version in carried.versions
        wire = CloudEvent(
            source="/ddp/referrals",
            type=publication.event.event_type,
            dataversion=publication.event.version,
            data=publication.event.model_dump(mode="json"),
        )
        assert CATALOGUE.read(wire) == publication.event


@pytest.mark.parametrize("event", LIFECYCLE[2:7], ids=lambda e: type(e).__name__)
def test_case_and_subject_events_are_keyed_by_case_or_surviving_subject(registry, event) -> None:
    [publication] = publications(event, registry)
    assert publication.topic == "ddp.referrals.events"
    expected = SUBJECT_ID if isinstance(event, events.SubjectsMerged) else CASE_ID
    assert publication.key == publication.subject == str(expected)


def test_a_case_closure_carries_actor_reason_and_time(registry) -> None:
    [publication] = publications(events.CaseClosed(CASE_ID, "platform", "WITHDRAWN", AT), registry)
    assert publication.event == referrals.CaseClosed(
        case_id=CASE_ID, actor="platform", reason_code=referrals.CaseClosureReason.WITHDRAWN, occurred_at=AT
    )


def test_a_linked_referral_is_published_and_told_to_the_sender_after_its_acknowledgement(registry) -> None:
    domain, receipt, notice = publications(LIFECYCLE[7], registry)
    assert (domain.topic, domain.key) == ("ddp.referrals.events", str(REFERRAL_ID))
    assert [(receipt.topic, receipt.event.event_type), (notice.topic, notice.event.event_type)] == [
        ("ddp.outbound.ct-policing", "ddp.referral.acknowledged"),
        ("ddp.outbound.ct-policing", "ddp.referral.linked"),
    ]
    assert receipt.key == notice.key == "CTP-1"


def test_a_repeated_rejection_publishes_nothing_it_is_told_as_a_rejection(registry) -> None:
    failures = (ScreeningFailure("CONSENT_MISSING", "consent"),)
    repeated = events.SubmissionRepeated(REFERRAL_ID, "probation", "PRB-1", None, None, False, failures)
    assert publications(repeated, registry) == []


def test_a_mandate_change_never_carries_the_agencys_mandate_reference(registry) -> None:
    [publication] = publications(LIFECYCLE[5], registry)
    assert "LIC/1" not in publication.event.model_dump_json()
