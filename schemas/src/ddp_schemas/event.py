"""Base class of every versioned event payload."""

from typing import ClassVar

from pydantic import BaseModel, ConfigDict


class Event(BaseModel):
    """The data of one event type at one version.

    Subclasses set ``event_type`` (dotted, past tense, e.g. ``ddp.referral.accepted``) and
    ``version`` (an integer from 1). A released (type, version) never changes incompatibly:
    a breaking change is a new version with an upcaster from the old one.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    event_type: ClassVar[str]
    version: ClassVar[int]
