"""Translation at the edge: the wire referral into the domain, domain events out to the wire."""

from datetime import date
from uuid import uuid4

import pytest

from ddp_messaging.emitter import Publication
from ddp_referrals.adapters.inbound_translation import submit_referral, to_submission
from ddp_referrals.adapters.outbound_translation import Rejection, publications
from ddp_referrals.domain import events
from ddp_referrals.domain.commands import SubmitReferral
from ddp_referrals.domain.mandates import Mandate, MandateType
from ddp_referrals.domain.screening import ScreeningFailure
from ddp_schemas import reasons
from ddp_schemas.catalogue import CATALOGUE
from ddp_schemas.envelope import CloudEvent
from ddp_schemas.events import outbound, referrals
from ddp_schemas.events.inbound import ReferralSubmitted
from ddp_schemas.events.vocabulary import Agency, Need

# --- inbound: wire to domain --------------------------------------------------------------


def test_a_submitted_referral_becomes_the_command_to_submit_it_from_its_origin(submitted_data) -> None:
    wire = ReferralSubmitted.model_validate(submitted_data)
    assert submit_referral(wire, "probation") == SubmitReferral("probation", to_submission(wire))


def test_a_submitted_referral_translates_field_by_field(submitted_data) -> None:
    submission = to_submission(ReferralSubmitted.model_validate(submitted_data))
    assert submission.agency_reference == "PRB-2026-000777"
    assert submission.mandate == Mandate(
        type=MandateType.LICENCE,
        reference="LIC/2026/0007",
        starts_on=date(2026, 1, 5),
        ends_on=date(2029, 1, 4),
        responsible_authority="probation",
        participation_required=True,
    )
    assert (submission.identifiers.crn, submission.identifiers.nomis_number) == ("X765432", "A9876ZY")
    assert submission.identifiers.pnc_id is None
    assert submission.personal_details.given_name == "Zebedee"
    assert submission.personal_details.date_of_birth == date(1991, 7, 14)
    assert (submission.mappa_category, submission.mappa_level) == (4, 2)
    assert submission.assessed_needs == ("IDEOLOGY", "HOUSING")


def test_domain_values_are_plain_strings_not_wire_enums(submitted_data) -> None:
    submission = to_submission(ReferralSubmitted.model_validate(submitted_data))
    assert type(submission.mandate.responsible_authority) is str
    assert all(type(need) is str for need in submission.assessed_needs)


def test_a_referral_without_risk_context_has_no_mappa_category_or_level(submitted_data) -> None:
    del submitted_data["risk"]
    submission = to_submission(ReferralSubmitted.model_validate(submitted_data))
    assert (submission.mappa_category, submission.mappa_level) == (None, None)


def test_a_referral_without_consent_records_none(submitted_data) -> None:
    submission = to_submission(ReferralSubmitted.model_validate(submitted_data))
    assert (submission.consent_given, submission.consent_recorded_on) == (False, None)


@pytest.mark.parametrize("given", [True, False])
def test_consent_is_carried_over_with_its_date(submitted_data, given) -> None:
    submitted_data["consent"] = {"given": given, "recorded_on": "2026-02-01"}
    submission = to_submission(ReferralSubmitted.model_validate(submitted_data))
    assert (submission.consent_given, submission.consent_recorded_on) == (given, date(2026, 2, 1))


def test_an_open_ended_mandate_stays_open_ended(submitted_data) -> None:
    del submitted_data["mandate"]["ends_on"]
    assert to_submission(ReferralSubmitted.model_validate(submitted_data)).mandate.ends_on is None


# --- outbound: domain events to the wire, keys and addressees ----------------------------------

REFERRAL_ID, CASE_ID, SUBJECT_ID = uuid4(), uuid4(), uuid4()
MANDATE = Mandate(MandateType.TPIM, "TPIM/2026/9", date(2026, 1, 1), None, "ct-policing", True)


def test_a_received_referral_is_published_on_the_referrals_topic_keyed_by_referral(emitter) -> None:
    [publication] = publications(events.ReferralReceived(REFERRAL_ID, "ct-policing"))
    assert isinstance(publication, Publication)
    assert (publication.to, publication.key) == ((), str(REFERRAL_ID))
    assert emitter.topics_for(publication.event.event_type) == ["ddp.referrals.events"]
    assert publication.event == referrals.ReferralReceived(referral_id=REFERRAL_ID, referred_by=Agency.CT_POLICING)


def test_a_rejected_referral_is_published_keyed_by_referral_with_coded_reasons_and_told_to_the_sender() -> None:
    failures = (
        ScreeningFailure("AUTHORITY_MISMATCH", "mandate.responsible_authority"),
        ScreeningFailure("IDENTIFIERS_MISSING", "identifiers"),
    )
    publication, rejection = publications(events.ReferralRejected(REFERRAL_ID, "probation", "PRB-1", failures))
    assert isinstance(publication, Publication)
    assert (publication.to, publication.key) == ((), str(REFERRAL_ID))
    assert isinstance(publication.event, referrals.ReferralRejected)
    assert [(r.code, r.field, r.message) for r in publication.event.reasons] == [
        ("AUTHORITY_MISMATCH", "mandate.responsible_authority", reasons.DESCRIPTIONS["AUTHORITY_MISMATCH"]),
        ("IDENTIFIERS_MISSING", "identifiers", reasons.DESCRIPTIONS["IDENTIFIERS_MISSING"]),
    ]
    assert publication.event.referred_by is Agency.PROBATION
    assert rejection == Rejection(tuple(publication.event.reasons), "PRB-1")


def test_an_accepted_referral_is_published_keyed_by_referral_and_acknowledged_to_the_sender(emitter) -> None:
    event = events.ReferralAccepted(REFERRAL_ID, "home-office", "HO-TEO-7", CASE_ID, SUBJECT_ID)
    domain, receipt = publications(event)
    assert isinstance(domain, Publication) and isinstance(receipt, Publication)

    assert (domain.to, domain.key, domain.subject) == ((), str(REFERRAL_ID), str(CASE_ID))
    assert domain.event == referrals.ReferralAccepted(referral_id=REFERRAL_ID, case_id=CASE_ID, subject_id=SUBJECT_ID)

    assert (receipt.to, receipt.key) == (("home-office",), "HO-TEO-7")
    assert emitter.topics_for(receipt.event.event_type, receipt.to) == ["ddp.outbound.home-office"]
    assert receipt.event == outbound.ReferralAcknowledged(
        agency_reference="HO-TEO-7", referral_id=REFERRAL_ID, case_id=CASE_ID
    )


def test_an_opened_case_is_published_keyed_by_case_without_the_mandate_reference() -> None:
    opened = events.CaseOpened(CASE_ID, SUBJECT_ID, REFERRAL_ID, MANDATE, 3, ("TRAUMA", "FAMILY"))
    [publication] = publications(opened)
    assert isinstance(publication, Publication)
    assert (publication.to, publication.key, publication.subject) == ((), str(CASE_ID), str(CASE_ID))
    event = publication.event
    assert isinstance(event, referrals.CaseOpened)
    assert (event.case_id, event.subject_id, event.referral_id) == (CASE_ID, SUBJECT_ID, REFERRAL_ID)
    assert event.mandate.type.value == "TPIM"
    assert event.mandate.responsible_authority is Agency.CT_POLICING
    assert (event.mandate.starts_on, event.mandate.ends_on) == (date(2026, 1, 1), None)
    assert event.mappa_level == 3
    assert event.assessed_needs == [Need.TRAUMA, Need.FAMILY]
    assert "TPIM/2026/9" not in event.model_dump_json()


@pytest.mark.parametrize(
    "event",
    [
        events.ReferralReceived(REFERRAL_ID, "probation"),
        events.ReferralRejected(REFERRAL_ID, "probation", "PRB-1", (ScreeningFailure("CONSENT_MISSING", "consent"),)),
        events.ReferralAccepted(REFERRAL_ID, "probation", "PRB-1", CASE_ID, SUBJECT_ID),
        events.CaseOpened(CASE_ID, SUBJECT_ID, REFERRAL_ID, MANDATE, None, ()),
    ],
    ids=lambda e: type(e).__name__,
)
def test_every_publication_goes_to_a_topic_that_carries_its_type_and_reads_back(registry, emitter, event) -> None:
    for publication in publications(event):
        if isinstance(publication, Rejection):
            continue  # built and addressed by the runtime from the delivery
        for topic in emitter.topics_for(publication.event.event_type, publication.to):  # refuses what is not carried
            carried = registry.topic(topic).carries(publication.event.event_type)
            assert carried is not None and publication.event.version in carried.versions
        wire = CloudEvent(
            source="urn:ddp:service:referrals",
            type=publication.event.event_type,
            dataversion=publication.event.version,
            data=publication.event.model_dump(mode="json"),
        )
        assert CATALOGUE.read(wire) == publication.event


def test_an_unknown_domain_event_is_refused() -> None:
    with pytest.raises(TypeError):
        publications(object())  # type: ignore[arg-type]
