"""Translation at the edge for the lifecycle: inbound changes to commands, lifecycle events to the wire."""

from datetime import UTC, date, datetime, timedelta
from uuid import uuid4

import pytest

from ddp_messaging.emitter import Publication
from ddp_referrals.adapters import inbound_translation as translate
from ddp_referrals.adapters.outbound_translation import Rejection, publications
from ddp_referrals.bootstrap import ROUTES
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
from ddp_schemas.topics import TopicKind

DAY = date(2026, 3, 15)
AT = datetime(2026, 3, 15, 9, tzinfo=UTC)
REF = "PRB-2026-000777"
CASE_ID, SUBJECT_ID, REFERRAL_ID = uuid4(), uuid4(), uuid4()
MANDATE = Mandate(MandateType.LICENCE, "LIC/1", date(2026, 1, 1), date(2027, 1, 1), "probation", False)
BY = "probation"


@pytest.mark.parametrize(
    ("to_command", "wire", "command"),
    [
        (
            translate.withdraw_referral,
            inbound.ReferralWithdrawalSubmitted(agency_reference=REF, effective_on=DAY),
            WithdrawReferral(BY, REF, DAY),
        ),
        (
            translate.vary_mandate,
            inbound.MandateVaried(agency_reference=REF, effective_on=DAY, participation_required=False),
            ChangeMandate(BY, REF, MandateChange.VARIED, DAY, participation_required=False, ends_on=None),
        ),
        (
            translate.extend_mandate,
            inbound.MandateExtended(agency_reference=REF, effective_on=DAY, ends_on=date(2030, 1, 1)),
            ChangeMandate(BY, REF, MandateChange.EXTENDED, DAY, ends_on=date(2030, 1, 1)),
        ),
        (
            translate.revoke_mandate,
            inbound.MandateRevoked(agency_reference=REF, effective_on=DAY),
            ChangeMandate(BY, REF, MandateChange.REVOKED, DAY),
        ),
        (
            translate.end_mandate,
            inbound.MandateEnded(agency_reference=REF, effective_on=DAY),
            ChangeMandate(BY, REF, MandateChange.ENDED, DAY),
        ),
        (
            translate.change_custody,
            inbound.CustodyStatusChanged(agency_reference=REF, effective_on=DAY, status="RECALLED"),
            ChangeCustody(BY, REF, CustodyStatus.RECALLED, DAY),
        ),
        (
            translate.merge_identifiers,
            inbound.IdentifiersMerged(
                merged=inbound.SubjectIdentifiers(crn="X000002"),
                surviving=inbound.SubjectIdentifiers(crn="X000001", pnc_id="11/1T"),
                effective_on=DAY,
            ),
            MergeIdentifiers(BY, Identifiers(crn="X000002"), Identifiers(crn="X000001", pnc_id="11/1T"), DAY),
        ),
    ],
    ids=lambda value: type(value).__name__,
)
def test_each_inbound_change_becomes_its_command_from_its_origin(to_command, wire, command) -> None:
    assert ROUTES[type(wire)][0] is to_command
    assert to_command(wire, BY) == command


def test_every_inbound_type_referrals_acts_on_has_a_route_and_no_other(registry) -> None:
    acted_on = {
        carried.type
        for topic in registry.topics
        if topic.kind is TopicKind.INBOUND
        for carried in topic.events
        if "referrals" in carried.consumers
    }
    assert {wire.event_type for wire in ROUTES} == acted_on


LIFECYCLE = [
    events.ReferralWithdrawn(REFERRAL_ID, CASE_ID, "probation", DAY, AT),
    events.ReferralWithdrawn(REFERRAL_ID, None, "probation", DAY, AT),
    events.CaseSuspended(CASE_ID, "probation", "CUSTODY_RECALLED", DAY, AT),
    events.CaseResumed(CASE_ID, "probation", "CUSTODY_RELEASED", DAY, AT),
    events.CaseClosed(CASE_ID, "platform", "MANDATE_ENDED", DAY, AT),
    events.MandateChanged(CASE_ID, MandateChange.VARIED, MANDATE, DAY, "probation", AT),
    events.SubjectsMerged(SUBJECT_ID, uuid4(), (CASE_ID,), "probation", AT),
    events.ReferralLinked(REFERRAL_ID, "ct-policing", "CTP-1", CASE_ID, SUBJECT_ID),
    events.SubmissionRepeated(REFERRAL_ID, "ct-policing", "CTP-1", CASE_ID, SUBJECT_ID, True, ()),
]


@pytest.mark.parametrize("event", LIFECYCLE, ids=lambda e: type(e).__name__)
def test_every_lifecycle_publication_goes_to_a_topic_that_carries_it_and_reads_back(registry, emitter, event) -> None:
    published = publications(event)
    assert published
    for publication in published:
        assert isinstance(publication, Publication)
        for topic in emitter.topics_for(publication.event.event_type, publication.to):  # refuses what is not carried
            carried = registry.topic(topic).carries(publication.event.event_type)
            assert carried is not None and publication.event.version in carried.versions
        wire = CloudEvent(
            source="/ddp/referrals",
            type=publication.event.event_type,
            dataversion=publication.event.version,
            data=publication.event.model_dump(mode="json"),
        )
        assert CATALOGUE.read(wire) == publication.event


@pytest.mark.parametrize("event", LIFECYCLE[2:7], ids=lambda e: type(e).__name__)
def test_case_and_subject_events_are_keyed_by_case_or_surviving_subject(emitter, event) -> None:
    [publication] = publications(event)
    assert isinstance(publication, Publication) and publication.to == ()
    assert emitter.topics_for(publication.event.event_type) == ["ddp.referrals.events"]
    expected = SUBJECT_ID if isinstance(event, events.SubjectsMerged) else CASE_ID
    assert publication.key == publication.subject == str(expected)


def test_a_case_closure_carries_actor_reason_when_it_took_effect_and_when_it_was_recorded() -> None:
    took_effect = DAY - timedelta(days=3)
    [publication] = publications(events.CaseClosed(CASE_ID, "platform", "WITHDRAWN", took_effect, AT))
    assert isinstance(publication, Publication)
    assert publication.event == referrals.CaseClosed(
        case_id=CASE_ID,
        actor="platform",
        reason_code=referrals.CaseClosureReason.WITHDRAWN,
        effective_on=took_effect,
        occurred_at=AT,
    )


def test_a_linked_referral_is_published_and_told_to_the_sender_after_its_acknowledgement() -> None:
    domain, receipt, notice = publications(LIFECYCLE[7])
    assert isinstance(domain, Publication) and isinstance(receipt, Publication) and isinstance(notice, Publication)
    assert (domain.to, domain.key, domain.domain) == ((), str(REFERRAL_ID), True)
    assert [(receipt.to, receipt.event.event_type), (notice.to, notice.event.event_type)] == [
        (("ct-policing",), "ddp.referral.acknowledged"),
        (("ct-policing",), "ddp.referral.linked"),
    ]
    assert receipt.key == notice.key == "CTP-1"
    assert not notice.domain  # the domain topic has it once already, keyed by referral


def test_a_repeated_rejection_publishes_nothing_it_is_told_as_a_rejection() -> None:
    failures = (ScreeningFailure("CONSENT_MISSING", "consent"),)
    repeated = events.SubmissionRepeated(REFERRAL_ID, "probation", "PRB-1", None, None, False, failures)
    [rejection] = publications(repeated)
    assert isinstance(rejection, Rejection) and rejection.agency_reference == "PRB-1"
    assert [(r.code, r.field) for r in rejection.reasons] == [("CONSENT_MISSING", "consent")]


def test_a_conflicting_resubmission_is_told_as_one_reason_per_differing_field_without_values() -> None:
    conflicted = events.SubmissionConflicted(REFERRAL_ID, "probation", "PRB-1", ("personal_details.date_of_birth",))
    [rejection] = publications(conflicted)
    assert isinstance(rejection, Rejection) and rejection.agency_reference == "PRB-1"
    [reason] = rejection.reasons
    assert (reason.code, reason.field) == ("REFERRAL_CONFLICT", "personal_details.date_of_birth")
    assert "amendment_submitted" in reason.message


def test_a_mandate_change_never_carries_the_agencys_mandate_reference() -> None:
    [publication] = publications(LIFECYCLE[5])
    assert isinstance(publication, Publication)
    assert "LIC/1" not in publication.event.model_dump_json()
