"""The checks that run on the clock: overdue decisions, reviews to announce, falling due and overdue.

Each returns how many items it handled, so the periodic job knows to run again at once when a
pass did a full batch.
"""

from ddp_compliance.domain.commands import CheckReviews, FlagOverdueReferrals
from ddp_compliance.domain.policy import Policy
from ddp_compliance.service_layer.ports import UnitOfWork
from ddp_messaging.clock import Clock


async def flag_overdue_referrals(
    command: FlagOverdueReferrals, uow: UnitOfWork, *, policy: Policy, clock: Clock
) -> int:
    """Breach referrals past their decision limit: flagged, and flagged again every re-flag interval."""
    now = clock()
    flagged = 0
    for case in await uow.cases.with_overdue_referrals(now, policy.overdue_reflag_hours, command.limit):
        flagged += case.flag_overdue_referrals(now, policy.overdue_reflag_hours)
    await uow.commit()
    return flagged


async def check_reviews(command: CheckReviews, uow: UnitOfWork, *, policy: Policy, clock: Clock) -> int:
    """Announce newly scheduled reviews, flag those reaching their due date (with the chair's pack) and
    those past the policy's grace days."""
    now = clock()
    grace = {mandate_type: mandate.review.overdue_after_days for mandate_type, mandate in policy.mandates.items()}
    handled = 0
    for case in await uow.cases.with_reviews_to_check(now.date(), grace, command.limit):
        handled += case.check_reviews(now, policy)
    await uow.commit()
    return handled
