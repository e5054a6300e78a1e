"""Dead letters re-driven after a fix take effect once, however often they are re-driven."""

import asyncio
import contextlib
import io
import json
from functools import partial
from typing import cast

import pytest

from ddp_cli.dead_letters import dead_letters, redrive
from ddp_cli.main import main as cli_main
from ddp_cli.topic_reader import ObservedEvent, read_to_end
from ddp_messaging.handling import Delivery, Handler
from ddp_messaging.runtime import ServiceRuntime
from ddp_referrals.adapters import orm
from ddp_referrals.bootstrap import build
from ddp_referrals.settings import ReferralsSettings
from ddp_schemas.connection import ADMIN, OPERATOR
from ddp_schemas.envelope import CloudEvent
from ddp_schemas.events.inbound import ReferralSubmitted
from ddp_testkit.agency_client import AgencyClient
from tests.factories import licence_referral
from tests.integration.observe import wait_for_events
from tests.integration.rows import count_rows
from tests.integration.running_service import running

pytestmark = [pytest.mark.docker, pytest.mark.kafka, pytest.mark.postgres]


class Bug:
    """Stands for a defect in the handler, until it is fixed."""

    present = True


def referrals_with_a_bug(settings: ReferralsSettings) -> ServiceRuntime:
    """The referrals service, with a defect in its referral handler until ``Bug.present`` is cleared."""
    runtime = build(settings)
    handlers = cast(dict[str, Handler], runtime.definition.handlers)  # the processor dispatches through it
    submit = handlers[ReferralSubmitted.event_type]

    async def submit_unless_buggy(delivery: Delivery) -> None:
        if Bug.present:
            raise RuntimeError("defect in the handler")
        await submit(delivery)

    handlers[ReferralSubmitted.event_type] = submit_unless_buggy
    return runtime


async def test_a_dead_letter_redriven_after_the_fix_has_exactly_one_effect(kafka, namespace, database_url, credentials):
    Bug.present = True
    servers = kafka.endpoint
    async with running(
        referrals_with_a_bug,
        ReferralsSettings,
        kafka=servers,
        database_url=database_url,
        namespace=namespace,
    ):
        async with AgencyClient(servers.access("probation"), namespace) as probation:
            sent = await probation.send(licence_referral("PRB-R1"), key="PRB-R1")
            await probation.send_envelope(
                CloudEvent(
                    source="/agencies/probation",
                    type="ddp.referral.submitted",
                    dataversion=1,
                    data={"agency_reference": "PRB-R2"},
                ),
                "PRB-R2",
            )
        letters = await wait_for_events(servers, namespace, "ddp.referrals.dlq", 2)
        assert sorted(d.event.data["reason_code"] for d in letters) == ["HANDLER_ERROR", "SCHEMA_VIOLATION"]

        # What on-call sees before re-driving: one dead letter in full, and a dry run that counts and
        # writes nothing (the re-drive topic stays empty).
        connect = ["--bootstrap-servers", kafka.bootstrap_servers, "--credentials", str(credentials)]
        connect += ["--namespace", namespace.name, "--service", "referrals"]
        output = io.StringIO()
        with contextlib.redirect_stdout(output):
            shown = await asyncio.to_thread(cli_main, ["dlq", "show", str(sent.id), *connect])
            dry = await asyncio.to_thread(
                cli_main, ["dlq", "redrive", "--dry-run", "--reason", "HANDLER_ERROR", *connect]
            )
        printed = output.getvalue()  # the running service's own log lines are printed there too
        start = printed.index("[\n  {")
        [letter] = json.loads(printed[start : printed.index("\n]", start) + 2])
        assert (shown, dry) == (0, 0)
        assert letter["reason_code"] == "HANDLER_ERROR" and letter["original_event_id"] == str(sent.id)
        assert "would re-drive 1 of 2 dead letter(s)" in output.getvalue()
        assert await read_to_end(servers.access(ADMIN), "ddp.referrals.redrive", namespace) == []

        Bug.present = False
        handler_errors = partial(redriven_reason, "HANDLER_ERROR")
        first = await redrive(servers.access(ADMIN), "referrals", namespace, handler_errors)
        acknowledged = await wait_for_events(
            servers, namespace, "ddp.outbound.probation", 1, event_type="ddp.referral.acknowledged"
        )
        again = await redrive(servers.access(ADMIN), "referrals", namespace, handler_errors)
        still_invalid = await redrive(
            servers.access(ADMIN), "referrals", namespace, partial(redriven_reason, "SCHEMA_VIOLATION")
        )
        await wait_for_events(servers, namespace, "ddp.referrals.dlq", 3)
        acknowledged = await wait_for_events(
            servers, namespace, "ddp.outbound.probation", 1, event_type="ddp.referral.acknowledged", timeout=5
        )

    assert (first.redriven, again.redriven, still_invalid.redriven) == (1, 1, 1)
    assert [a.event.data["agency_reference"] for a in acknowledged] == ["PRB-R1"]
    assert acknowledged[0].event.causationid == sent.id
    assert await count_cases(database_url) == 1
    final = await dead_letters(servers.access(OPERATOR), "referrals", namespace)
    # The fixed record is not dead-lettered again; the one that is still invalid is.
    assert sorted(d.event.data["reason_code"] for d in final) == [
        "HANDLER_ERROR",
        "SCHEMA_VIOLATION",
        "SCHEMA_VIOLATION",
    ]


def redriven_reason(code: str, letter: ObservedEvent) -> bool:
    return letter.event.data["reason_code"] == code


async def count_cases(database_url: str) -> int:
    return await count_rows(database_url, orm.cases)
