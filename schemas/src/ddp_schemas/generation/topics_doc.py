"""``docs/topics.md``: the topic registry as a table, and what each agency sends and receives."""

from ddp_schemas import reasons
from ddp_schemas.topics import Topic, TopicRegistry

TOPICS_DOC_PATH = "docs/topics.md"
_DAY_MS = 86_400_000


def render_topics_doc(registry: TopicRegistry) -> str:
    """The Markdown document."""
    lines = [
        "# Topics",
        "",
        "<!-- Generated from schemas/src/ddp_schemas/topics.yaml by `ddp-schemas generate`; do not edit. -->",
        "",
        f"Registry version {registry.registry_version}. Every topic has replication factor "
        f"{registry.defaults.replication_factor} and these configs: "
        + ", ".join(f"`{k}={v}`" for k, v in sorted(registry.defaults.configs.items()))
        + ".",
        "",
        "| Topic | Kind | Owner | Producers | Consumers | Partitions | Retention (days) | Key | Events |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    lines += [_row(registry, topic) for topic in registry.topics]
    lines += ["", "## Agencies", ""]
    for name, agency in registry.agencies.items():
        role = "A responsible authority." if agency.authority else "Not a responsible authority."
        lines += [f"### {name}", "", f"{agency.title}. {role}", ""]
        lines += _agency_topic("May send", registry, f"ddp.inbound.{name}")
        lines += _agency_topic("Receives", registry, f"ddp.outbound.{name}")
    lines += ["## Reason codes", "", "Rejections and dead letters name one of these codes.", ""]
    lines += ["| Code | Meaning |", "|---|---|"]
    lines += [f"| `{code}` | {_cell(text)} |" for code, text in reasons.DESCRIPTIONS.items()]
    return "\n".join(lines) + "\n"


def _row(registry: TopicRegistry, topic: Topic) -> str:
    cells = [
        f"`{topic.name}`",
        topic.kind.value,
        topic.owner,
        ", ".join(topic.producers),
        ", ".join(registry.readers(topic)) or "none",
        str(topic.partitions),
        _days(topic.retention_ms),
        topic.key,
        "<br>".join(_events(topic)) or "none yet",
    ]
    return "| " + " | ".join(_cell(cell) for cell in cells) + " |"


def _agency_topic(verb: str, registry: TopicRegistry, name: str) -> list[str]:
    try:
        topic = registry.topic(name)
    except KeyError:
        return [f"{verb}: no `{name}` topic.", ""]
    events = _events(topic)
    if not events:
        return [f"{verb} on `{name}`: no event types yet.", ""]
    return [f"{verb} on `{name}`:", "", *[f"- {e}" for e in events], ""]


def _events(topic: Topic) -> list[str]:
    return [f"`{carried.type}` v{v}" for carried in topic.events for v in carried.versions]


def _days(retention_ms: int) -> str:
    if retention_ms < 0:
        return "unlimited"
    days = retention_ms / _DAY_MS
    return str(int(days)) if days == int(days) else f"{days:.1f}"


def _cell(text: str) -> str:
    # A pipe would end the table cell early.
    return text.replace("|", "\\|")
