"""AsyncAPI operations: what each platform service sends and receives.

Agencies are not the application this document describes, so their side of the inbound and
outbound topics appears only as channel metadata (``x-producers`` / ``x-consumers``).
"""

from typing import Any

from ddp_schemas.generation.asyncapi_components import message_key
from ddp_schemas.topics import TopicRegistry


def operations(registry: TopicRegistry) -> dict[str, Any]:
    """``<service>.send.<topic>`` and ``<service>.receive.<topic>`` for every service and topic."""
    found: dict[str, Any] = {}
    for topic in registry.topics:
        channel = {"$ref": f"#/channels/{topic.name}"}
        every = [message_key(e.type, v) for e in topic.events for v in e.versions]
        for service in (s for s in topic.producers if s in registry.services):
            found[f"{service}.send.{topic.name}"] = {
                "action": "send",
                "channel": channel,
                "summary": f"The {service} service writes {topic.name}.",
                "messages": [{"$ref": f"#/channels/{topic.name}/messages/{key}"} for key in every],
            }
        for service in (s for s in topic.consumers if s in registry.services):
            acted_on = [message_key(e.type, v) for e in topic.events if service in e.consumers for v in e.versions]
            summary = f"The {service} service reads {topic.name}"
            if topic.rejected_by == service:
                summary += " and answers every record no service accepts with a rejection"
            found[f"{service}.receive.{topic.name}"] = {
                "action": "receive",
                "channel": channel,
                "summary": summary + ".",
                "messages": [{"$ref": f"#/channels/{topic.name}/messages/{key}"} for key in acted_on],
            }
    return found
