"""A case review's outcome, from compliance: "adjust the plan" reaches the plan and the programme team."""

from datetime import date
from uuid import uuid4

import pytest

from ddp_schemas.events.compliance_vocabulary import DecidingRole, ReviewOutcome
from ddp_schemas.events.reviews import ReviewOutcomeRecorded
from ddp_schemas.events.vocabulary import Agency, Need
from tests.integration.domain_feed import publish_domain_event
from tests.integration.interventions_harness import interventions_service

pytestmark = [pytest.mark.docker, pytest.mark.kafka, pytest.mark.postgres]


def outcome(case_id, decided: ReviewOutcome) -> ReviewOutcomeRecorded:
    return ReviewOutcomeRecorded(
        review_id=uuid4(),
        case_id=case_id,
        outcome=decided,
        chaired_by=Agency.PROBATION,
        chairing_role=DecidingRole.PROBATION_PRACTITIONER,
        reviewed_on=date(2026, 3, 2),
    )


async def test_only_an_adjust_the_plan_outcome_sends_the_plan_back_for_review(kafka, namespace, database_url):
    async with interventions_service(kafka, namespace, database_url) as service:
        case_id, plan = await service.open_case([Need.HOUSING])
        for decided in (ReviewOutcome.CONTINUE, ReviewOutcome.ADJUST_PLAN):
            review = outcome(case_id, decided)
            await publish_domain_event(kafka.endpoint, namespace, "compliance", review, str(case_id))
        [requested] = await service.emitted(case_id, "ddp.plan.review_requested", 1)
        told = await service.read(
            "ddp.outbound.programme-team", 1, lambda e: e.event.type == "ddp.plan.review_requested"
        )
        everything = await service.all_of("ddp.interventions.events")

    assert requested.event.data == {
        "plan_id": plan["plan_id"],
        "case_id": str(case_id),
        "review_id": str(review.review_id),
        "assessed_needs": None,  # asked for by a review, not by needs assessed again
    }
    assert [(t.event.type, t.event.data) for t in told] == [(requested.event.type, requested.event.data)]
    assert told[0].event.causationid == requested.event.causationid  # both caused by the review outcome
    assert sum(e.event.type == "ddp.plan.review_requested" for e in everything) == 1
