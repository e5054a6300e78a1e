"""Builders for referrals domain objects (an eligible licence referral, varied per test) and the fakes."""

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest

from ddp_messaging.emitter import Emitter
from ddp_referrals.domain.mandates import Mandate, MandateType
from ddp_referrals.domain.submission import Identifiers, PersonalDetails, Submission
from ddp_schemas.topics import TopicRegistry
from tests.unit.referrals.fakes import TODAY, FakeDatabase, RecordingOutbox


@pytest.fixture
def today() -> date:
    return TODAY


@pytest.fixture
def db() -> FakeDatabase:
    """What the service's tables hold, in memory, shared by every use case a test runs."""
    return FakeDatabase()


@pytest.fixture
def outbox() -> RecordingOutbox:
    return RecordingOutbox()


@pytest.fixture
def emitter(registry: TopicRegistry, outbox: RecordingOutbox) -> Emitter:
    """The runtime's emitter for referrals, on the shipped registry, staging on ``outbox``."""
    return Emitter(service="referrals", registry=registry, outbox=outbox, session=None)  # type: ignore[arg-type]


@pytest.fixture
def make_mandate() -> Callable[..., Mandate]:
    """A current licence held by probation; keyword arguments override any field."""

    def build(**overrides: Any) -> Mandate:
        fields: dict[str, Any] = {
            "type": MandateType.LICENCE,
            "reference": "LIC/2026/0001",
            "starts_on": TODAY - timedelta(days=30),
            "ends_on": TODAY + timedelta(days=700),
            "responsible_authority": "probation",
            "participation_required": True,
        }
        fields.update(overrides)
        return Mandate(**fields)

    return build


@pytest.fixture
def make_submission(make_mandate: Callable[..., Mandate]) -> Callable[..., Submission]:
    """An eligible submission; ``mandate`` defaults to ``make_mandate()``, other keywords override fields."""

    base = Submission(
        agency_reference="PRB-2026-000001",
        mandate=make_mandate(),
        identifiers=Identifiers(crn="X123456"),
        personal_details=PersonalDetails("Zebedee", "Quillfeather", date(1991, 7, 14)),
        mappa_category=4,
        mappa_level=2,
        assessed_needs=("IDEOLOGY", "HOUSING"),
        consent_given=False,
        consent_recorded_on=None,
    )

    def build(**overrides: Any) -> Submission:
        return replace(base, **overrides)

    return build
