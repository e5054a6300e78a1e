"""Identity: two subjects an agency says are one person are merged; cases follow the survivor."""

from datetime import datetime

from ddp_referrals.domain import events
from ddp_referrals.domain.commands import MergeIdentifiers
from ddp_referrals.domain.events import DomainEvent
from ddp_referrals.domain.refusals import ChangeRefused
from ddp_referrals.service_layer.ports import CaseRegistry


async def merge_identifiers(
    command: MergeIdentifiers, origin: str, registry: CaseRegistry, now: datetime
) -> list[DomainEvent]:
    merged = await registry.subject_matching(command.merged)
    if merged is None:
        raise ChangeRefused("SUBJECT_UNKNOWN", "merged")
    surviving = await registry.subject_matching(command.surviving)
    if surviving is None:
        raise ChangeRefused("SUBJECT_UNKNOWN", "surviving")
    if merged == surviving:
        raise ChangeRefused("SUBJECTS_ALREADY_ONE", "merged")
    moved = await registry.merge_subjects(merged, surviving)
    return [events.SubjectsMerged(surviving, merged, tuple(moved), origin, now)]
