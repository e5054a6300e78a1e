"""Intake: screen a referral, find or mint its subject, open a case or join the subject's open one."""

from dataclasses import replace
from uuid import uuid4

from ddp_messaging.clock import Clock
from ddp_referrals.domain.commands import SubmitReferral
from ddp_referrals.domain.referral import Referral, ReferralStatus
from ddp_referrals.service_layer.ports import UnitOfWork


async def submit_referral(command: SubmitReferral, uow: UnitOfWork, *, clock: Clock) -> None:
    """Accept, link or reject a referral; idempotent per (origin, agency reference): a resubmission
    stating the same facts repeats the first outcome, one stating others is told which fields differ,
    and neither changes anything."""
    origin, registry, today = command.origin, uow.cases, clock().date()
    submission = replace(command.submission, identifiers=command.submission.identifiers.canonical(today))
    fingerprint = registry.fingerprint(submission)
    existing = await registry.referral(origin, submission.agency_reference)
    if existing is not None:
        case = await registry.case(existing.case_id) if existing.case_id else None
        existing.resubmitted(fingerprint, case.subject_id if case else None)
        await uow.commit()
        return
    known_subject = await registry.subject_matching(submission.identifiers)
    open_case = await registry.open_case_of(known_subject) if known_subject else None
    subject_id = known_subject or uuid4()
    referral, case = Referral.receive(submission, origin, today, subject_id, open_case)
    # Like personal data, the facts' hashes are kept only for people the programme takes on: a
    # rejected reference is spent, and a resubmission under it is told the same reasons again.
    referral.fingerprint = fingerprint if referral.status is not ReferralStatus.REJECTED else None
    await registry.add_referral(referral)
    # Personal data is kept only for people the programme takes on.
    if referral.status is not ReferralStatus.REJECTED:
        if known_subject is None:
            await registry.add_subject(subject_id, submission)
        else:
            await registry.add_identifiers(subject_id, submission.identifiers)
    if case is not None:
        await registry.add_case(case)
    await uow.commit()
