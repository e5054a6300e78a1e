"""The generated kafbat UI and AKHQ configurations hide every inbound and re-drive topic's data."""

import re

import yaml

from ddp_schemas.generation.browser_configs import render_akhq, render_kafbat
from ddp_schemas.namespace import TopicNamespace
from ddp_schemas.topics import TopicKind, TopicRegistry

HIDDEN = (TopicKind.INBOUND, TopicKind.REDRIVE)
PERSONAL = {"personal_details", "identifiers", "given_name", "family_name", "date_of_birth", "notes", "rationale"}


def test_kafbat_removes_every_field_of_inbound_and_redrive_topics_in_any_namespace(registry: TopicRegistry):
    [cluster] = yaml.safe_load(render_kafbat(registry))["kafka"]["clusters"]
    assert cluster["readOnly"] is True and cluster["properties"]["security.protocol"] == "SSL"
    values = next(m for m in cluster["masking"] if "topicValuesPattern" in m)
    keys = next(m for m in cluster["masking"] if "topicKeysPattern" in m)
    assert values["type"] == keys["type"] == "REMOVE" and values["fieldsNamePattern"] == ".*"
    for topic in registry.topics:
        for name in (topic.name, TopicNamespace("t-1").physical(topic.name)):
            hidden = bool(re.fullmatch(values["topicValuesPattern"], name))
            assert hidden == (topic.kind in HIDDEN), name
            assert bool(re.fullmatch(keys["topicKeysPattern"], name)) == hidden, name


def test_akhq_masks_by_default_and_shows_only_the_platforms_own_event_fields(registry: TopicRegistry):
    masking = yaml.safe_load(render_akhq(registry))["akhq"]["security"]["data-masking"]
    assert masking["mode"] == "json_mask_by_default"
    shown = {f["topic"]: set(f["keys"]) for f in masking["json-filters"]}
    assert set(shown) == {t.name for t in registry.topics if t.kind not in HIDDEN}
    for topic, fields in shown.items():
        assert not fields & PERSONAL, f"{topic} shows {fields & PERSONAL}"
