"""Contracts shared by every DDP service: the event envelope, event models and topic registry."""

from ddp_schemas.catalogue import CATALOGUE, EventCatalogue
from ddp_schemas.envelope import CLASSIFICATION, CloudEvent
from ddp_schemas.event import Event
from ddp_schemas.topics import TopicRegistry, load_topic_registry

__all__ = [
    "CATALOGUE",
    "CLASSIFICATION",
    "CloudEvent",
    "Event",
    "EventCatalogue",
    "TopicRegistry",
    "load_topic_registry",
]
