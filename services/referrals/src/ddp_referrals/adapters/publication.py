"""A platform event to publish, with its topic, key and CloudEvents subject; and shared wire values."""

from dataclasses import dataclass

from ddp_referrals.domain.mandates import Mandate
from ddp_schemas.event import Event
from ddp_schemas.events.vocabulary import Agency, MandateTerms, MandateType


@dataclass(frozen=True)
class Publication:
    topic: str
    key: str
    subject: str
    event: Event


def mandate_terms(mandate: Mandate) -> MandateTerms:
    """The mandate without the agency's own reference for it."""
    return MandateTerms(
        type=MandateType(mandate.type.value),
        responsible_authority=Agency(mandate.responsible_authority),
        participation_required=mandate.participation_required,
        starts_on=mandate.starts_on,
        ends_on=mandate.ends_on,
    )
