"""Changes an agency reports about its referral: withdrawal, mandate changes, custody."""

from ddp_messaging.clock import Clock
from ddp_referrals.domain.case import ClosureReason
from ddp_referrals.domain.commands import AmendReferral, ChangeCustody, ChangeMandate, CustodyStatus, WithdrawReferral
from ddp_referrals.domain.mandates import Mandate, MandateChange
from ddp_referrals.domain.referral import Referral
from ddp_referrals.domain.refusal import Refusal
from ddp_referrals.domain.submission import needs_fact
from ddp_referrals.service_layer.ports import CaseRegistry, UnitOfWork


async def withdraw_referral(command: WithdrawReferral, uow: UnitOfWork, *, clock: Clock) -> None:
    """A case the referral opened closes as WITHDRAWN; a case it only joined stays open."""
    now, origin = clock(), command.origin
    referral = await _referral(uow.cases, origin, command.agency_reference)
    referral.withdraw(origin, command.effective_on, now)
    await uow.cases.save_referral(referral)
    if referral.opened_case and referral.case_id is not None:
        case = await uow.cases.case(referral.case_id)
        if case.active:
            case.close(origin, command.effective_on, now, ClosureReason.WITHDRAWN)
            await uow.cases.save_case(case)
    await uow.commit()


async def change_mandate(command: ChangeMandate, uow: UnitOfWork, *, clock: Clock) -> None:
    """Vary, extend, revoke or end the mandate of the case the referral opened."""
    referral = await _referral(uow.cases, command.origin, command.agency_reference)
    case = await uow.cases.case(referral.case_mandate_to_change())
    case.ensure_active()
    case.change_mandate(command.change, _changed(case.mandate, command), command.effective_on, command.origin, clock())
    await uow.cases.save_case(case)
    await uow.commit()


async def change_custody(command: ChangeCustody, uow: UnitOfWork, *, clock: Clock) -> None:
    """Recall suspends the case, release resumes it; custody concerns the person, so any live referral may say so."""
    referral = await _referral(uow.cases, command.origin, command.agency_reference)
    case = await uow.cases.case(referral.case_to_change())
    if command.status is CustodyStatus.RECALLED:
        case.suspend(command.origin, command.effective_on, clock())
    else:
        case.resume(command.origin, command.effective_on, clock())
    await uow.cases.save_case(case)
    await uow.commit()


async def amend_referral(command: AmendReferral, uow: UnitOfWork, *, clock: Clock) -> None:
    """New needs or MAPPA category and level for the case; what the person's needs and risk are concerns
    the person, so any live referral of the case may report them. A resubmission stating the amended
    facts is then the same referral, not a conflict."""
    referral = await _referral(uow.cases, command.origin, command.agency_reference)
    case = await uow.cases.case(referral.case_to_change())
    risk = None
    if command.mappa_category is not None and command.mappa_level is not None:
        risk = (command.mappa_category, command.mappa_level)
    case.amend(command.assessed_needs, risk, command.effective_on, command.origin, clock())
    amended: dict[str, str] = {}
    if command.assessed_needs is not None:
        amended["assessed_needs"] = needs_fact(command.assessed_needs)
    if risk is not None:
        amended |= {"risk.mappa_category": str(risk[0]), "risk.mappa_level": str(risk[1])}
    referral.amended(uow.cases.fingerprint_facts(amended))
    await uow.cases.save_case(case)
    await uow.cases.save_referral(referral)
    await uow.commit()


async def _referral(registry: CaseRegistry, origin: str, agency_reference: str) -> Referral:
    # Changes name the referral by the agency's own reference, looked up among that agency's
    # referrals only: one agency can never change another's referral.
    referral = await registry.referral(origin, agency_reference)
    if referral is None:
        raise Refusal("REFERRAL_UNKNOWN", "agency_reference")
    return referral


def _changed(mandate: Mandate, command: ChangeMandate) -> Mandate:
    match command.change:
        case MandateChange.VARIED:
            assert command.participation_required is not None
            return mandate.varied(command.participation_required, command.ends_on)
        case MandateChange.EXTENDED:
            assert command.ends_on is not None
            return mandate.extended(command.ends_on)
        case _:
            return mandate.ended(command.effective_on)
