"""Topic namespaces: several isolated copies of the platform's topics on one cluster."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ddp_schemas.namespace import TopicNamespace

namespaces = st.from_regex(r"[a-z0-9][a-z0-9-]{0,40}", fullmatch=True)
registry_topics = st.from_regex(r"ddp\.[a-z0-9-]{1,20}\.[a-z0-9-]{1,20}", fullmatch=True)


@given(name=namespaces, topic=registry_topics)
def test_the_logical_name_of_a_physical_name_is_the_registry_name(name, topic) -> None:
    namespace = TopicNamespace(name)
    assert namespace.physical(topic) == f"{name}.{topic}"
    assert namespace.logical(namespace.physical(topic)) == topic


@given(topic=registry_topics)
def test_without_a_namespace_names_are_the_registry_names(topic) -> None:
    assert TopicNamespace().physical(topic) == topic
    assert TopicNamespace().logical(topic) == topic


@pytest.mark.parametrize(
    "name",
    ["Dev", "-dev", "dev.1", "dev_1", "dev 1", "a" * 42, "dév"],
    ids=["uppercase", "leading-hyphen", "dot", "underscore", "space", "too-long", "non-ascii"],
)
def test_an_invalid_namespace_is_refused(name) -> None:
    with pytest.raises(ValueError):
        TopicNamespace(name)


@pytest.mark.parametrize("name", ["a", "test-7f3a", "0", "a" * 41])
def test_a_valid_namespace_is_accepted(name) -> None:
    assert TopicNamespace(name).name == name


def test_a_namespace_with_a_trailing_newline_is_refused() -> None:
    with pytest.raises(ValueError):
        TopicNamespace("dev\n")


@pytest.mark.parametrize("physical", ["ddp.inbound.probation", "other.ddp.inbound.probation", "devx.ddp.x.y", "dev"])
def test_the_logical_name_of_a_topic_outside_the_namespace_is_refused(physical) -> None:
    with pytest.raises(ValueError):
        TopicNamespace("dev").logical(physical)
