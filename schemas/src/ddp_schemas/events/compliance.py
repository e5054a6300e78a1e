"""Events the compliance service writes on ``ddp.compliance.events``."""

from typing import ClassVar
from uuid import UUID

from ddp_schemas.event import Event
from ddp_schemas.events.vocabulary import Agency, MandateType


class ComplianceRecordOpened(Event):
    """Compliance starts following a case. Only mandated cases can ever escalate."""

    event_type: ClassVar[str] = "ddp.compliance.record_opened"
    version: ClassVar[int] = 1

    case_id: UUID
    mandate_type: MandateType
    responsible_authority: Agency
    participation_required: bool
    escalation_possible: bool
    policy_version: str
