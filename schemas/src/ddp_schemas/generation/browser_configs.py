"""Ready configurations for the generic Kafka browsers on-call may also use: kafbat UI and AKHQ.

Both connect as the read-only operator over mutual TLS (paths to its bundle are placeholders to
fill in) and both hide every inbound and re-drive topic's data, which is the agencies' own: kafbat
UI removes every field of those topics' values and keys; AKHQ masks every field by default and
shows, per topic the operator reads, only the fields of the event types the registry says it
carries (pseudonymous ids, codes and dates: the platform's own events carry no personal data).
"""

from typing import Any

from ddp_schemas.catalogue import CATALOGUE
from ddp_schemas.generation.rendering import render_yaml
from ddp_schemas.topics import TopicKind, TopicRegistry

KAFBAT_PATH = "schemas/generated/browsers/kafbat-ui.yaml"
AKHQ_PATH = "schemas/generated/browsers/akhq.yaml"

# Placeholders: where the operator's bundle is mounted in the browser's container, and the cluster.
BOOTSTRAP = "${DDP_KAFKA_BOOTSTRAP_SERVERS}"
CA = "/ddp/operator/ca.crt"
HIDDEN = (TopicKind.INBOUND, TopicKind.REDRIVE)


def _hidden_pattern(registry: TopicRegistry) -> str:
    # Any namespace prefix, then one of the hidden topics' names exactly.
    names = sorted(t.name.replace(".", "\\.") for t in registry.topics if t.kind in HIDDEN)
    return "^(.+\\.)?(" + "|".join(names) + ")$"


def _tls_properties() -> dict[str, str]:
    return {
        "security.protocol": "SSL",
        "ssl.truststore.type": "PEM",
        "ssl.truststore.location": CA,
        "ssl.keystore.type": "PEM",
        # A PEM keystore for a Java client: the key and its certificate chain in one file.
        "ssl.keystore.location": "/ddp/operator/client-key-and-chain.pem",
    }


def render_kafbat(registry: TopicRegistry) -> str:
    hidden = _hidden_pattern(registry)
    document: dict[str, Any] = {
        "kafka": {
            "clusters": [
                {
                    "name": "ddp",
                    "bootstrapServers": BOOTSTRAP,
                    "readOnly": True,
                    "properties": _tls_properties(),
                    "masking": [
                        {"type": "REMOVE", "fieldsNamePattern": ".*", "topicValuesPattern": hidden},
                        {"type": "REMOVE", "fieldsNamePattern": ".*", "topicKeysPattern": hidden},
                    ],
                }
            ]
        }
    }
    return "# Generated from the topic registry by `ddp-schemas generate`: do not edit.\n" + render_yaml(document)


def render_akhq(registry: TopicRegistry) -> str:
    shown = []
    for topic in registry.topics:
        if topic.kind in HIDDEN:
            continue
        fields = sorted(
            {name for carried in topic.events for v in carried.versions for name in _fields(carried.type, v)}
        )
        shown.append({"description": f"the platform's own events on {topic.name}", "topic": topic.name, "keys": fields})
    document = {
        "akhq": {
            "connections": {"ddp": {"properties": {"bootstrap.servers": BOOTSTRAP, **_tls_properties()}}},
            "security": {
                "default-group": "no-roles",
                "data-masking": {"mode": "json_mask_by_default", "jsonMaskReplacement": "xxxx", "json-filters": shown},
            },
        }
    }
    return "# Generated from the topic registry by `ddp-schemas generate`: do not edit.\n" + render_yaml(document)


def _fields(event_type: str, version: int) -> list[str]:
    return list(CATALOGUE.model(event_type, version).model_fields)
