"""Compliance histories for the integration tests: cases opened, sessions attended and missed, concerns,
each fed twice onto its topic (a redelivery with the same id), and a clock the tests move."""

import uuid
from datetime import UTC, date, datetime, timedelta

from ddp_schemas.event import Event
from ddp_schemas.events.referrals import CaseOpened
from ddp_schemas.events.session_vocabulary import AbsenceCategory
from ddp_schemas.events.sessions import EngagementConcernRaised, SessionAttended, SessionMissed
from ddp_schemas.events.vocabulary import Agency, MandateTerms, MandateType, Need
from tests.integration.domain_feed import publish_domain_event, publish_envelope

START = date(2026, 1, 1)
NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def opened(mandate: MandateType, authority: Agency) -> CaseOpened:
    terms = MandateTerms(type=mandate, responsible_authority=authority, participation_required=True, starts_on=START)
    return CaseOpened(
        case_id=uuid.uuid4(),
        subject_id=uuid.uuid4(),
        referral_id=uuid.uuid4(),
        mandate=terms,
        mappa_level=2,
        assessed_needs=[Need.IDEOLOGY],
    )


def day(n: int) -> datetime:
    return datetime(2026, 1, 1, 10, tzinfo=UTC) + timedelta(days=n)


def session_ids(case_id: uuid.UUID) -> dict[str, uuid.UUID]:
    return {
        "case_id": case_id,
        "intervention_id": uuid.uuid4(),
        "session_id": uuid.uuid4(),
        "attendance_id": uuid.uuid4(),
    }


def missed(case_id: uuid.UUID, n: int) -> SessionMissed:
    return SessionMissed(**session_ids(case_id), occurred_at=day(n), absence_category=AbsenceCategory.UNACCEPTABLE)


def attended(case_id: uuid.UUID, n: int) -> SessionAttended:
    return SessionAttended(**session_ids(case_id), occurred_at=day(n), late=False, engagement_rating=3)


def concern(case_id: uuid.UUID, n: int) -> EngagementConcernRaised:
    return EngagementConcernRaised(**session_ids(case_id), occurred_at=day(n))


async def feed(kafka, namespace, service: str, events: list[Event], key: str) -> list[uuid.UUID]:
    """Publish each event, then every one a second time (a redelivery with the same id)."""
    envelopes = [await publish_domain_event(kafka.endpoint, namespace, service, e, key) for e in events]
    for envelope in reversed(envelopes):
        await publish_envelope(kafka.endpoint, namespace, service, envelope, key)
    return [e.id for e in envelopes]


def of_case(events, case_id: uuid.UUID, event_type: str | None = None):
    return [e for e in events if e.event.data.get("case_id") == str(case_id) and event_type in (None, e.event.type)]


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now
