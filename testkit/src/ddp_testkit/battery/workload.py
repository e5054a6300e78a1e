"""The battery's inputs: referrals from the three authorities, some refused, bad records of every kind,
and hostile records (the fuzz phase) on every inbound topic.

Every record carries a ``battery_input`` header (its index) so the checker can tell which
input a dead letter or an effect belongs to; the platform ignores headers it does not know.
"""

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta
from uuid import UUID

from ddp_schemas.envelope import CloudEvent
from ddp_schemas.events.inbound import Consent, Mandate, PersonalDetails, ReferralSubmitted, SubjectIdentifiers
from ddp_schemas.events.vocabulary import Agency, MandateType, Need
from ddp_schemas.kafka_binding import encode, event_id_of
from ddp_schemas.topics import TopicKind, load_topic_registry
from ddp_testkit.hostile_records import hostile_record

INPUT_HEADER = "battery_input"
MAX_RECORD_BYTES = 256 * 1024  # the services' default limit, which the battery does not change
ACCEPTED, REFUSED = "accepted", "refused"
BAD_KINDS = (
    "UNPARSEABLE",
    "NULL_VALUE",
    "INVALID_ENVELOPE",
    "OVERSIZED",
    "ORIGIN_NOT_ALLOWED",
    "UNKNOWN_TYPE",
    "UNSUPPORTED_VERSION",
    "SCHEMA_VIOLATION",
)
_VARIANTS = (
    (Agency.PROBATION, MandateType.LICENCE, Agency.PROBATION),
    (Agency.CT_POLICING, MandateType.TPIM, Agency.CT_POLICING),
    (Agency.HOME_OFFICE, MandateType.TEO, Agency.HOME_OFFICE),
    (Agency.PROBATION, MandateType.VOLUNTARY, Agency.PROBATION),
)


@dataclass(frozen=True)
class PlannedInput:
    index: int
    agency: str
    key: bytes | None
    value: bytes | None
    headers: list[tuple[str, bytes]]
    expect: str  # ACCEPTED, REFUSED, or the reason code of the dead letter
    event_id: UUID | None
    agency_reference: str | None
    judged_by: str | None = None  # the service that dead-letters it, when not the topic's rejected_by
    hostile: bool = False  # sent in bursts, between the paced inputs


def build_hostile(count: int, seed: int, first_index: int) -> list[PlannedInput]:
    """``count`` hostile records spread over every inbound topic, each with the reason it must get."""
    registry, rng = load_topic_registry(), random.Random(seed)
    topics = [t for t in registry.topics if t.kind is TopicKind.INBOUND]
    planned = []
    for n in range(count):
        topic = topics[n % len(topics)]
        record = hostile_record(topic, rng, max_record_bytes=MAX_RECORD_BYTES)
        planned.append(
            PlannedInput(
                first_index + n,
                topic.owner,
                record.key,
                record.value,
                list(record.headers),
                record.reason,
                event_id_of(record.headers),  # the id the platform reads (the first ce_id, when valid)
                None,
                judged_by=record.judged_by(topic),
                hostile=True,
            )
        )
    return planned


def build_workload(
    cases: int, bad_copies: int, seed: int, run: str, today: date, hostile: int = 0
) -> list[PlannedInput]:
    rng = random.Random(seed)
    inputs: list[PlannedInput] = []
    for n in range(cases):
        agency, mandate_type, authority = rng.choice(_VARIANTS)
        refused = rng.random() < 0.125
        if refused:  # a licence held by the wrong authority
            agency, mandate_type, authority = Agency.HOME_OFFICE, MandateType.LICENCE, Agency.HOME_OFFICE
        reference = f"B{run}-{n:05d}"
        referral = _referral(reference, n, mandate_type, authority, today, rng)
        envelope = _envelope(agency, referral.event_type, referral.model_dump(mode="json"), reference)
        value, headers = encode(envelope)
        expect = REFUSED if refused else ACCEPTED
        inputs.append(
            PlannedInput(len(inputs), agency, reference.encode(), value, headers, expect, envelope.id, reference)
        )
    for kind in BAD_KINDS:
        for _ in range(bad_copies):
            inputs.append(_bad(len(inputs), kind, today, run))
    inputs.extend(build_hostile(hostile, seed, len(inputs)))
    rng.shuffle(inputs)
    return [_tagged(i) for i in inputs]


def _referral(
    reference: str, n: int, mandate_type: MandateType, authority: Agency, today: date, rng: random.Random
) -> ReferralSubmitted:
    voluntary = mandate_type is MandateType.VOLUNTARY
    return ReferralSubmitted(
        agency_reference=reference,
        mandate=Mandate(
            type=mandate_type,
            reference=f"M-{n}",
            starts_on=today - timedelta(days=rng.randint(7, 300)),  # a week at least: its sessions are past
            ends_on=today + timedelta(days=rng.randint(30, 900)),
            responsible_authority=authority,
            participation_required=not voluntary,
        ),
        # Distinct identifiers per case: each referral is a different (fictional) person.
        identifiers=SubjectIdentifiers(crn=f"B{n:06d}"),
        personal_details=PersonalDetails(given_name="Battery", family_name=f"Case{n}", date_of_birth=date(1990, 1, 1)),
        assessed_needs=rng.sample(list(Need), k=rng.randint(0, 3)),
        consent=Consent(given=True, recorded_on=today) if voluntary else None,
    )


def _envelope(agency: str, event_type: str, data: dict, subject: str, version: int = 1) -> CloudEvent:
    return CloudEvent(source=f"/agencies/{agency}", type=event_type, dataversion=version, data=data, subject=subject)


def _bad(index: int, kind: str, today: date, run: str) -> PlannedInput:
    key = f"BAD{run}-{index}"
    valid = _referral(key, 900_000 + index, MandateType.LICENCE, Agency.PROBATION, today, random.Random(index))
    data = valid.model_dump(mode="json")
    envelope = _envelope("probation", valid.event_type, data, key)
    value: bytes | None
    value, headers = encode(envelope)
    if kind == "UNPARSEABLE":
        value = b"{not json"
    elif kind == "NULL_VALUE":
        value = None
    elif kind == "INVALID_ENVELOPE":
        headers = [h for h in headers if h[0] != "ce_type"]
    elif kind == "OVERSIZED":
        value = b" " * 300_000 + value
    else:
        envelope = {
            "ORIGIN_NOT_ALLOWED": _envelope("probation", "ddp.plan.drafted", {"plan": 1}, key),
            "UNKNOWN_TYPE": _envelope("probation", "ddp.battery.unknown", {"x": 1}, key),
            "UNSUPPORTED_VERSION": _envelope("probation", valid.event_type, data, key, version=99),
            "SCHEMA_VIOLATION": _envelope("probation", valid.event_type, {**data, "mandate": None}, key),
        }[kind]
        value, headers = encode(envelope)
    return PlannedInput(index, "probation", key.encode(), value, headers, kind, envelope.id, None)


def _tagged(planned: PlannedInput) -> PlannedInput:
    return replace(planned, headers=[*planned.headers, (INPUT_HEADER, str(planned.index).encode())])
