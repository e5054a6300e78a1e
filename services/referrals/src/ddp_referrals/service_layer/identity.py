"""Identity: two subjects an agency says are one person are merged; cases follow the survivor."""

from ddp_messaging.clock import Clock
from ddp_referrals.domain.commands import MergeIdentifiers
from ddp_referrals.domain.events import SubjectsMerged
from ddp_referrals.domain.refusal import Refusal
from ddp_referrals.service_layer.ports import UnitOfWork


async def merge_identifiers(command: MergeIdentifiers, uow: UnitOfWork, *, clock: Clock) -> None:
    """Retire the merged subject into the surviving one; refused unless both are known and still two."""
    today = clock().date()
    for side, identifiers in (("merged", command.merged), ("surviving", command.surviving)):
        for name in identifiers.invalid_fields(today):
            raise Refusal("IDENTIFIER_INVALID", f"{side}.{name}")
    merged = await uow.cases.subject_matching(command.merged.canonical(today))
    if merged is None:
        raise Refusal("SUBJECT_UNKNOWN", "merged")
    surviving = await uow.cases.subject_matching(command.surviving.canonical(today))
    if surviving is None:
        raise Refusal("SUBJECT_UNKNOWN", "surviving")
    if merged == surviving:
        raise Refusal("SUBJECTS_ALREADY_ONE", "merged")
    moved = await uow.cases.merge_subjects(merged, surviving)
    uow.publish(SubjectsMerged(surviving, merged, tuple(moved), command.origin, clock()))
    await uow.commit()
