"""Identity over real Kafka and PostgreSQL: linking to an open case, merges, encryption at rest, key rotation."""

import logging
from uuid import uuid4

import psycopg
import pytest
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from ddp_messaging.migrations import upgrade_to_head
from ddp_referrals.adapters.field_cipher import FieldCipher
from ddp_referrals.adapters.key_rotation import rotate_keys
from ddp_referrals.adapters.subjects import SubjectStore
from ddp_referrals.bootstrap import build
from ddp_referrals.domain.submission import Identifiers
from ddp_referrals.settings import ReferralsSettings
from ddp_schemas.events import inbound
from ddp_schemas.events.vocabulary import Agency, MandateType
from ddp_testkit.agency_client import AgencyClient
from tests.factories import DISTINCTIVE_NAME, referral_with
from tests.integration.observe import wait_for_events
from tests.integration.running_service import running
from tests.unit.referrals.conftest import TODAY

pytestmark = [pytest.mark.docker, pytest.mark.kafka, pytest.mark.postgres]

KEY_A = "zXqvJ0c3yqz4E9bS2mVnL8eRkT1wY6uH5gD7fA3pQ0o="
KEY_B = "m2Vb7nQ1xK4zR8tY3wE6uI9oP0aS5dF2gH4jL7kM1nA="


def of_type(observed, event_type: str) -> list:  # type: ignore[no-untyped-def]
    return [o.event for o in observed if o.event.type == event_type]


def plain_url(database_url: str) -> str:
    return database_url.replace("postgresql+asyncpg://", "postgresql://")


def dump(database_url: str) -> str:
    """Every row of the service's own tables as text (not the outbox, which holds only events)."""
    with psycopg.connect(plain_url(database_url)) as connection:
        rows = []
        for table in ("referrals", "cases", "subjects", "subject_identifiers"):
            rows += [str(row) for row in connection.execute(f"SELECT * FROM {table}").fetchall()]
        return "\n".join(rows)


async def test_a_second_referral_for_a_person_with_an_open_case_is_linked_and_the_sender_told(
    kafka, namespace, database_url, caplog
):
    shared = inbound.SubjectIdentifiers(crn="X123456", pnc_id="2019/0123456E")
    caplog.set_level(logging.DEBUG)  # every log line, at every level, is searched for personal data below
    async with running(
        build,
        ReferralsSettings,
        kafka=kafka.endpoint,
        database_url=database_url,
        namespace=namespace,
        encryption_keys=KEY_A,
        identifier_hash_key="hash-key-1",
    ):
        async with AgencyClient(kafka.access("probation"), namespace) as probation:
            await probation.send(
                referral_with("PRB-I1", identifiers=inbound.SubjectIdentifiers(crn="X123456")), key="PRB-I1"
            )
        await wait_for_events(kafka.endpoint, namespace, "ddp.outbound.probation", 1)
        async with AgencyClient(kafka.access("ct-policing"), namespace) as police:
            tpim = referral_with("CTP-I1", kind=MandateType.TPIM, authority=Agency.CT_POLICING, identifiers=shared)
            await police.send(tpim, key="CTP-I1")
            await police.send(tpim, key="CTP-I1")  # resubmitted: the same answer again
        told = await wait_for_events(kafka.endpoint, namespace, "ddp.outbound.ct-policing", 4)
        domain = await wait_for_events(kafka.endpoint, namespace, "ddp.referrals.events", 5)

    [opened] = of_type(domain, "ddp.case.opened")
    [linked] = of_type(domain, "ddp.referral.linked")
    assert (linked.data["case_id"], linked.data["subject_id"]) == (opened.data["case_id"], opened.data["subject_id"])
    assert [o.event.type for o in told] == ["ddp.referral.acknowledged", "ddp.referral.linked"] * 2
    assert {o.event.data["case_id"] for o in told} == {opened.data["case_id"]}
    assert {o.key for o in told} == {"CTP-I1"}
    # Stored field by field under the key, never in the clear; identifiers findable only by keyed hash.
    stored = dump(database_url)
    # The test's own agency producer logs what it sends at DEBUG; everything else is the service's.
    service_log = "\n".join(r.getMessage() for r in caplog.records if r.name != "aiokafka.producer.producer")
    for secret in (DISTINCTIVE_NAME, "X123456", "2019/0123456E", "1991-02-03", KEY_A, "hash-key-1"):
        assert secret not in stored
        assert secret not in service_log


async def test_merged_identifiers_move_the_cases_to_the_surviving_subject(kafka, namespace, database_url):
    async with running(
        build,
        ReferralsSettings,
        kafka=kafka.endpoint,
        database_url=database_url,
        namespace=namespace,
    ):
        async with AgencyClient(kafka.access("probation"), namespace) as probation:
            await probation.send(
                referral_with("PRB-S1", identifiers=inbound.SubjectIdentifiers(crn="X000001")), key="PRB-S1"
            )
            await probation.send(
                referral_with("PRB-S2", identifiers=inbound.SubjectIdentifiers(crn="X000002")), key="PRB-S2"
            )
            # A merge is keyed by its own reference, so it is not ordered after the referrals:
            # like an agency, wait for both acknowledgements first.
            await wait_for_events(kafka.endpoint, namespace, "ddp.outbound.probation", 2)
            merge = inbound.IdentifiersMerged(
                merged=inbound.SubjectIdentifiers(crn="X000002"),
                surviving=inbound.SubjectIdentifiers(crn="X000001"),
                effective_on=TODAY,
            )
            await probation.send(merge, key="PRB-MERGE-1")
            await probation.send(merge, key="PRB-MERGE-1")  # a second report of the same merge is refused
        told = await wait_for_events(kafka.endpoint, namespace, "ddp.outbound.probation", 3)
        print([(o.event.type, o.event.data) for o in told])
        domain = await wait_for_events(kafka.endpoint, namespace, "ddp.referrals.events", 7)

    opened = {o.data["referral_id"]: o.data for o in of_type(domain, "ddp.case.opened")}
    assert len(opened) == 2
    [merged] = of_type(domain, "ddp.subjects.merged")
    surviving, retired = merged.data["surviving_subject_id"], merged.data["merged_subject_id"]
    retired_case = next(c["case_id"] for c in opened.values() if c["subject_id"] == retired)
    assert surviving in {c["subject_id"] for c in opened.values()} and surviving != retired
    assert merged.data["case_ids"] == [retired_case]
    [rejection] = of_type(told, "ddp.inbound.rejected")
    assert [r["code"] for r in rejection.data["reasons"]] == ["SUBJECTS_ALREADY_ONE"]
    with psycopg.connect(plain_url(database_url)) as connection:
        owners = connection.execute("SELECT DISTINCT subject_id::text FROM cases").fetchall()
    assert owners == [(surviving,)]


async def test_rotation_re_encrypts_every_field_and_identifier_under_the_new_key(database_url):
    import asyncio

    await asyncio.to_thread(upgrade_to_head, "ddp_referrals", database_url)
    engine = create_async_engine(database_url)
    sessions = async_sessionmaker(engine)
    old, rotated = FieldCipher([KEY_A], "hash-1"), FieldCipher([KEY_B, KEY_A], "hash-2")
    subject_id = uuid4()
    try:
        async with sessions.begin() as session:
            await SubjectStore(session, old).add_subject(subject_id, _submission())
        before = dump(database_url)
        async with sessions.begin() as session:
            assert await rotate_keys(session, rotated) == 3  # one subject, two identifiers
        after = dump(database_url)
        async with sessions.begin() as session:
            only_new = SubjectStore(session, FieldCipher([KEY_B], "hash-2"))
            assert await only_new.subject_matching(Identifiers(pnc_id="2019/0123456E")) == subject_id
            assert await SubjectStore(session, old).subject_matching(Identifiers(crn="X123456")) is None
        with psycopg.connect(plain_url(database_url)) as connection:
            token = connection.execute("SELECT given_name FROM subjects").fetchone()[0]
        assert FieldCipher([KEY_B], "hash-2").decrypt(token) == DISTINCTIVE_NAME
        assert before != after and DISTINCTIVE_NAME not in after
    finally:
        await engine.dispose()


def _submission():  # type: ignore[no-untyped-def]
    from ddp_referrals.adapters.inbound_translation import to_submission

    wire = referral_with("PRB-K1", identifiers=inbound.SubjectIdentifiers(crn="X123456", pnc_id="2019/0123456E"))
    return to_submission(wire)
