"""A provider's answers about the interventions assigned to it (``ddp.inbound.provider-*``)."""

from ddp_interventions.domain import provider_assignments as assignments
from ddp_interventions.domain.commands import AnswerAssignment, CompleteIntervention
from ddp_interventions.service_layer.plans import plan_for
from ddp_interventions.service_layer.ports import UnitOfWork


async def answer_assignment(command: AnswerAssignment, uow: UnitOfWork) -> None:
    """Accept or decline an intervention offered to the sending provider."""
    plan = await plan_for(uow, command.case_id)
    assignments.answer_assignment(
        plan, command.provider, command.intervention_id, command.accept, command.decline_reason
    )
    await uow.commit()


async def complete_intervention(command: CompleteIntervention, uow: UnitOfWork) -> None:
    """The sending provider delivered an intervention it accepted."""
    plan = await plan_for(uow, command.case_id)
    assignments.complete_intervention(plan, command.provider, command.intervention_id, command.outcome)
    await uow.commit()
