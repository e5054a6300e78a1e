"""The secured broker enforces the registry: every principal may do on every topic exactly what topics.yaml says.

The matrix is generated from the registry, so a new agency, service or topic is tried without a
test being written for it; the expectation is read from the registry directly, not from the ACL
generator, so a generator that grants too much or too little fails here. Every refusal must be
the broker's authorization error: a timeout is not a refusal. The named tests spell out the cases
the security design names, and consumer groups; then ``ddp acls plan/apply`` against the real
broker; last, a forged decision that the broker stops before compliance can ever see it.
"""

import asyncio
import shutil
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from aiokafka import AIOKafkaProducer
from aiokafka.errors import TopicAuthorizationFailedError
from confluent_kafka.admin import (
    AclBinding,
    AclOperation,
    AclPermissionType,
    AdminClient,
    ResourcePatternType,
    ResourceType,
)

from ddp_cli.topic_reader import read_to_end
from ddp_compliance.bootstrap import build
from ddp_compliance.settings import ComplianceSettings
from ddp_schemas.connection import ADMIN, OPERATOR, CredentialStore
from ddp_schemas.envelope import CloudEvent
from ddp_schemas.events.authority_inbound import BreachDecisionSubmitted
from ddp_schemas.events.compliance_vocabulary import BreachDecision, DecidingRole
from ddp_schemas.events.vocabulary import Agency, MandateType
from ddp_schemas.generation.acls import agency_group_prefix, consumer_group
from ddp_schemas.kafka_binding import encode
from ddp_schemas.topics import TopicKind, load_topic_registry
from ddp_testkit.agency_client import AgencyClient
from tests.integration.broker_probes import (
    ALLOWED,
    CONSUME,
    DENIED,
    OPERATIONS,
    PRODUCE,
    Attempt,
    attempt,
    attempts_of,
    may,
    producer_for,
    seed,
    try_group,
    try_produce,
)
from tests.integration.compliance_histories import NOW, feed, missed, opened
from tests.integration.observe import wait_for_events
from tests.integration.running_service import running
from tests.support import eventually

pytestmark = [pytest.mark.docker, pytest.mark.kafka]

REGISTRY = load_topic_registry()
DDP = Path(sys.executable).with_name("ddp")  # the CLI installed in this virtualenv


def verdict(allowed: bool) -> str:
    return ALLOWED if allowed else DENIED


async def outcome(kafka, namespace, principal: str, topic: str, operation: str) -> str:
    """One cell of the matrix; a read is tried on a topic that holds a record, so that allowed can show."""
    if operation == CONSUME:
        await seed(kafka.access(ADMIN), [namespace.physical(topic)])
    return await attempt(kafka.access(principal), namespace, REGISTRY.topic(topic), operation)


async def produce_outcomes(kafka, namespace, principals: list[str], topics: list[str]) -> dict[tuple[str, str], str]:
    """Every principal tries writing every topic: one producer per principal, the principals at once."""

    async def of(principal: str) -> dict[tuple[str, str], str]:
        producer = producer_for(kafka.access(principal))
        await producer.start()
        try:
            return {(principal, t): await try_produce(producer, namespace.physical(t)) for t in topics}
        finally:
            await producer.stop()

    return {cell: found for row in await asyncio.gather(*(of(p) for p in principals)) for cell, found in row.items()}


# The matrix ----------------------------------------------------------------------------------


async def test_every_principal_may_do_on_every_topic_exactly_what_the_registry_says(kafka, namespace):
    started = time.monotonic()
    await seed(kafka.access(ADMIN), [namespace.physical(t.name) for t in REGISTRY.topics])
    rows = await asyncio.gather(
        *(attempts_of(kafka.access(p), REGISTRY, namespace, REGISTRY.topics) for p in REGISTRY.principals)
    )
    found: list[Attempt] = [a for row in rows for a in row]
    observed = {(a.principal, a.topic, a.operation): a.outcome for a in found}
    expected = {
        (p, t.name, op): verdict(may(REGISTRY, p, t, op))
        for p in REGISTRY.principals
        for t in REGISTRY.topics
        for op in OPERATIONS
    }
    allowed = sum(o == ALLOWED for o in observed.values())
    denied = sum(o == DENIED for o in observed.values())
    print(
        f"\nauthorization matrix: {len(REGISTRY.principals)} principals x {len(REGISTRY.topics)} topics x "
        f"{len(OPERATIONS)} operations = {len(observed)} tried: {allowed} allowed, {denied} denied by the broker, "
        f"{len(observed) - allowed - denied} neither, in {time.monotonic() - started:.1f}s"
    )

    assert observed.keys() == expected.keys()
    wrong = sorted((cell, got, expected[cell]) for cell, got in observed.items() if got != expected[cell])
    assert not wrong, "\n".join(f"{cell}: {got}, the registry says {want}" for cell, got, want in wrong)
    # Both answers occur for both operations: a broker that refused, or allowed, everything would not pass.
    for operation in OPERATIONS:
        assert {o for (_, _, op), o in observed.items() if op == operation} == {ALLOWED, DENIED}


# The cases the security design names -------------------------------------------------------------


async def test_an_agency_cannot_read_another_agencys_outbound_topic(kafka, namespace):
    assert await outcome(kafka, namespace, "probation", "ddp.outbound.ct-policing", CONSUME) == DENIED
    assert await outcome(kafka, namespace, "ct-policing", "ddp.outbound.probation", CONSUME) == DENIED
    assert await outcome(kafka, namespace, "probation", "ddp.outbound.probation", CONSUME) == ALLOWED


async def test_an_agency_cannot_write_another_agencys_inbound_topic(kafka, namespace):
    assert await outcome(kafka, namespace, "ct-policing", "ddp.inbound.probation", PRODUCE) == DENIED
    assert await outcome(kafka, namespace, "probation", "ddp.inbound.home-office", PRODUCE) == DENIED
    assert await outcome(kafka, namespace, "ct-policing", "ddp.inbound.ct-policing", PRODUCE) == ALLOWED


async def test_an_agency_cannot_read_a_domain_topic_nor_a_dead_letter_topic(kafka, namespace):
    for topic in ("ddp.referrals.events", "ddp.compliance.events", "ddp.referrals.dlq", "ddp.compliance.dlq"):
        assert await outcome(kafka, namespace, "probation", topic, CONSUME) == DENIED, topic


async def test_a_provider_cannot_write_an_authoritys_inbound_topic(kafka, namespace):
    authorities = [REGISTRY.inbound_topic(a) for a, agency in REGISTRY.agencies.items() if agency.authority]
    found = await produce_outcomes(kafka, namespace, ["provider-northstar", "provider-meridian"], authorities)
    assert authorities and set(found.values()) == {DENIED}, found
    assert await outcome(kafka, namespace, "provider-northstar", "ddp.inbound.provider-northstar", PRODUCE) == ALLOWED


async def test_a_service_cannot_write_another_services_domain_topic(kafka, namespace):
    assert await outcome(kafka, namespace, "referrals", "ddp.compliance.events", PRODUCE) == DENIED
    assert await outcome(kafka, namespace, "interventions", "ddp.referrals.events", PRODUCE) == DENIED
    assert await outcome(kafka, namespace, "referrals", "ddp.referrals.events", PRODUCE) == ALLOWED


async def test_only_the_admin_writes_the_redrive_topics(kafka, namespace):
    redrive = [t.name for t in REGISTRY.topics if t.kind is TopicKind.REDRIVE]
    found = await produce_outcomes(kafka, namespace, REGISTRY.principals, redrive)
    assert redrive
    assert {cell for cell, got in found.items() if got == ALLOWED} == {(ADMIN, t) for t in redrive}
    assert {got for (who, _), got in found.items() if who != ADMIN} == {DENIED}


async def test_the_operator_reads_no_inbound_topic_and_writes_nothing(kafka, namespace):
    await seed(kafka.access(ADMIN), [namespace.physical(t.name) for t in REGISTRY.topics])
    found = await attempts_of(kafka.access(OPERATOR), REGISTRY, namespace, REGISTRY.topics)
    kind = {t.name: t.kind for t in REGISTRY.topics}
    assert {a.outcome for a in found if a.operation == PRODUCE} == {DENIED}
    assert {a.outcome for a in found if a.operation == CONSUME and kind[a.topic] is TopicKind.INBOUND} == {DENIED}
    # What it does read, it reads: on-call can watch the platform.
    assert {a.outcome for a in found if a.operation == CONSUME and kind[a.topic] is TopicKind.DOMAIN} == {ALLOWED}


# Consumer groups ----------------------------------------------------------------------------------


async def test_a_service_joins_its_own_consumer_group_but_not_another_services(kafka, namespace):
    topic = namespace.physical("ddp.inbound.probation")  # read by referrals and compliance alike
    referrals = kafka.access("referrals")
    assert await try_group(referrals, namespace.physical(consumer_group("referrals")), topic) == ALLOWED
    assert await try_group(referrals, namespace.physical(consumer_group("compliance")), topic) == DENIED


async def test_an_agency_uses_consumer_groups_under_its_own_prefix_only(kafka, namespace):
    topic = namespace.physical("ddp.outbound.ct-policing")
    police = kafka.access("ct-policing")
    own, theirs = (namespace.physical(agency_group_prefix(a)) + "case-backend" for a in ("ct-policing", "probation"))
    assert await try_group(police, own, topic) == ALLOWED
    assert await try_group(police, theirs, topic) == DENIED
    # The services' group names are not under any agency's prefix.
    assert await try_group(police, namespace.physical(consumer_group("referrals")), topic) == DENIED


# ddp acls plan / apply against the real broker ----------------------------------------------------


def ddp(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(DDP), *args], capture_output=True, text=True, timeout=60)


def cluster_args(kafka, credentials: Path, namespace) -> list[str]:
    return [
        *("--bootstrap-servers", kafka.bootstrap_servers),
        *("--credentials", str(credentials)),
        *("--namespace", namespace.name),
    ]


def add_binding(kafka, binding: AclBinding) -> None:
    admin = AdminClient(kafka.access(ADMIN).librdkafka())
    for future in admin.create_acls([binding], request_timeout=15).values():
        future.result()


async def test_acls_apply_removes_a_grant_the_registry_does_not_make_and_a_second_apply_changes_nothing(
    kafka, namespace, acls, credentials
):
    assert (await asyncio.to_thread(acls.plan, REGISTRY, namespace)).in_step
    in_step = await asyncio.to_thread(ddp, "acls", "plan", *cluster_args(kafka, credentials, namespace))
    assert in_step.returncode == 0, in_step.stderr
    assert "0 missing, 0 surplus" in in_step.stdout

    # Someone grants probation a read of the referrals' domain topic by hand.
    domain = namespace.physical("ddp.referrals.events")
    stray = ("User:probation", "TOPIC", domain, "LITERAL", "READ", "ALLOW")
    binding = AclBinding(
        ResourceType.TOPIC,
        domain,
        ResourcePatternType.LITERAL,
        "User:probation",
        "*",
        AclOperation.READ,
        AclPermissionType.ALLOW,
    )
    await asyncio.to_thread(add_binding, kafka, binding)

    async def probation_reads() -> bool:
        return await outcome(kafka, namespace, "probation", "ddp.referrals.events", CONSUME) == ALLOWED

    await eventually(probation_reads, timeout=15)  # the stray grant works: it is worth finding
    drifted = await asyncio.to_thread(ddp, "acls", "plan", *cluster_args(kafka, credentials, namespace))
    assert drifted.returncode == 3, drifted.stderr
    assert f"surplus  {' '.join(stray)}" in drifted.stdout
    plan = await asyncio.to_thread(acls.plan, REGISTRY, namespace)
    assert (plan.missing, plan.surplus) == ([], [stray])

    applied = await asyncio.to_thread(acls.apply, REGISTRY, namespace)
    assert (applied.missing, applied.surplus) == ([], [stray])
    assert await outcome(kafka, namespace, "probation", "ddp.referrals.events", CONSUME) == DENIED

    again = await asyncio.to_thread(ddp, "acls", "apply", *cluster_args(kafka, credentials, namespace))
    assert again.returncode == 0, again.stderr
    assert "0 missing, 0 surplus" in again.stdout and "created" not in again.stdout and "deleted" not in again.stdout
    assert (await asyncio.to_thread(acls.plan, REGISTRY, namespace)).in_step


async def test_acls_apply_without_the_admins_credentials_fails_and_says_so(kafka, credentials, tmp_path, namespace):
    # Every principal's bundle but the admin's: on-call's machine, say, which may read but not change the platform.
    for principal in REGISTRY.principals:
        if principal != ADMIN:
            shutil.copytree(CredentialStore(credentials).bundle(principal), tmp_path / principal)
    refused = await asyncio.to_thread(ddp, "acls", "apply", *cluster_args(kafka, tmp_path, namespace))

    assert refused.returncode != 0
    assert "admin" in refused.stderr and "credentials" in refused.stderr
    said = refused.stdout + refused.stderr
    assert "-----BEGIN" not in said
    for bundle_file in tmp_path.rglob("*"):
        if bundle_file.is_file():
            body = [line for line in bundle_file.read_text().splitlines() if line and not line.startswith("-----")]
            assert not [line for line in body if line in said], f"{bundle_file.name}'s contents were printed"


# The acceptance scenario: a forged decision never reaches compliance ------------------------------


def breach_decision(escalation_id: str, case_id: uuid.UUID, outcome: BreachDecision, role: DecidingRole):
    return BreachDecisionSubmitted(
        escalation_id=uuid.UUID(escalation_id),
        case_id=case_id,
        decision=outcome,
        deciding_role=role,
        rationale="Fictional rationale.",
        decided_at=datetime(2026, 3, 4, 15, tzinfo=UTC),
    )


@pytest.mark.postgres
async def test_probation_cannot_put_a_decision_on_ct_policings_inbound_topic(kafka, namespace, database_url):
    # A TPIM case: ct-policing is one of the authorities that decide its breach referrals, so a
    # decision on ct-policing's inbound topic is one compliance would act on.
    tpim = opened(MandateType.TPIM, Agency.CT_POLICING)
    case = tpim.case_id
    await feed(kafka, namespace, "referrals", [tpim], str(case))
    await feed(kafka, namespace, "interventions", [missed(case, 2)], str(case))
    async with running(
        lambda s: build(s, clock=lambda: NOW),
        ComplianceSettings,
        kafka=kafka.endpoint,
        database_url=database_url,
        namespace=namespace,
    ):
        [raised] = await wait_for_events(
            kafka.endpoint, namespace, "ddp.compliance.events", 1, event_type="ddp.compliance.breach_referral_raised"
        )
        escalation = raised.event.data["escalation_id"]

        forged = breach_decision(escalation, case, BreachDecision.RECALL, DecidingRole.SENIOR_INVESTIGATING_OFFICER)
        envelope = CloudEvent(
            source="/agencies/ct-policing",  # what the envelope claims; the broker goes by the certificate
            type=forged.event_type,
            dataversion=forged.version,
            subject=str(case),
            data=forged.model_dump(mode="json"),
        )
        value, headers = encode(envelope)
        impostor = AIOKafkaProducer(**kafka.access("probation").aiokafka(), enable_idempotence=True)
        await impostor.start()
        try:
            with pytest.raises(TopicAuthorizationFailedError):
                await asyncio.wait_for(
                    impostor.send_and_wait(
                        namespace.physical("ddp.inbound.ct-policing"), value, key=str(case).encode(), headers=headers
                    ),
                    timeout=15,
                )
        finally:
            await impostor.stop()

        # The marker: ct-policing's own decision, sent after the refused one. Had the forged RECALL
        # gone through, it would be the one recorded and this one refused as already decided.
        real = breach_decision(
            escalation, case, BreachDecision.NO_FURTHER_ACTION, DecidingRole.SENIOR_INVESTIGATING_OFFICER
        )
        async with AgencyClient(kafka.access("ct-policing"), namespace) as police:
            sent = await police.send(real, str(case))
        recorded = await wait_for_events(
            kafka.endpoint, namespace, "ddp.compliance.events", 1, event_type="ddp.compliance.breach_decision_recorded"
        )

    assert [(r.event.data["decision"], r.event.data["decided_by"]) for r in recorded] == [
        ("NO_FURTHER_ACTION", "ct-policing")
    ]
    assert recorded[0].event.causationid == sent.id
    # Nothing but the legitimate record ever reached the topic (read as the admin: no one else reads it all).
    on_the_topic = await read_to_end(kafka.access(ADMIN), "ddp.inbound.ct-policing", namespace)
    assert [e.event.id for e in on_the_topic] == [sent.id]
