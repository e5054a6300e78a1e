"""The case lifecycle the referrals service publishes, and plan changes from interventions."""

from ddp_compliance.domain.commands import (
    ChangeMandate,
    ChangeRisk,
    CloseRecord,
    OpenComplianceRecord,
    RecordPlanChange,
    RecordResumption,
    RecordSuspension,
)
from ddp_compliance.domain.policy import Policy
from ddp_compliance.service_layer.ports import UnitOfWork
from ddp_messaging.clock import Clock


async def open_compliance_record(
    command: OpenComplianceRecord, uow: UnitOfWork, *, policy: Policy, clock: Clock
) -> None:
    """A case opened: follow it under the current policy (once), schedule its first review, and evaluate
    the attendance reported before it opened here."""
    case = await uow.cases.get(command.case_id)
    case.open(command.mandate, command.mappa_level, policy, clock())
    await uow.commit()


async def record_suspension(command: RecordSuspension, uow: UnitOfWork, *, policy: Policy, clock: Clock) -> None:
    """Sessions while the case is suspended do not count, from the recall's own date: what was counted
    inside the period is withdrawn, with any escalation that relied on it."""
    case = await uow.cases.get(command.case_id)
    case.suspend(command.suspension_id, command.since, policy, clock())
    await uow.commit()


async def record_resumption(command: RecordResumption, uow: UnitOfWork, *, policy: Policy, clock: Clock) -> None:
    """Sessions after the release count again."""
    case = await uow.cases.get(command.case_id)
    case.resume(command.resumption_id, command.until, policy, clock())
    await uow.commit()


async def close_record(command: CloseRecord, uow: UnitOfWork, *, policy: Policy, clock: Clock) -> None:
    """A closed case raises nothing more and has no more reviews; nothing after it ended counts; open
    referrals still take decisions."""
    case = await uow.cases.get(command.case_id)
    case.close(command.closure_id, command.ends_at, policy, clock())
    await uow.commit()


async def change_mandate(command: ChangeMandate, uow: UnitOfWork, *, policy: Policy, clock: Clock) -> None:
    """The mandate's terms decide the ladder, the recipients and the windows for what happens from the
    date the change took effect, however late it is reported; what happened before keeps its terms."""
    case = await uow.cases.get(command.case_id)
    case.change_mandate(command.variation_id, command.since, command.recorded_at, command.mandate, policy, clock())
    await uow.commit()


async def change_risk(command: ChangeRisk, uow: UnitOfWork, *, policy: Policy) -> None:
    """A new MAPPA level sets how often the case is reviewed: the review not yet due is rescheduled."""
    if command.mappa_level is None:
        return
    case = await uow.cases.get(command.case_id)
    case.change_mappa_level(command.mappa_level, policy)
    await uow.commit()


async def record_plan_change(command: RecordPlanChange, uow: UnitOfWork) -> None:
    """Counted for the review pack."""
    case = await uow.cases.get(command.case_id)
    case.record_plan_change(command.report, command.at)
    await uow.commit()
