"""The topic registry (``topics.yaml``) as validated data, with the questions services ask of it."""

from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

from ddp_schemas.catalogue import CATALOGUE

# The brokers' own identity (a super user) and the CA's folder in a credentials directory.
RESERVED_NAMES = frozenset({"broker", "ca"})


class TopicKind(StrEnum):
    INBOUND = "inbound"
    DOMAIN = "domain"
    OUTBOUND = "outbound"
    DEAD_LETTER = "dead-letter"
    REDRIVE = "redrive"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CarriedEvent(_Strict):
    type: str
    versions: list[int] = Field(min_length=1)
    consumers: list[str] = Field(default_factory=list)


class Topic(_Strict):
    name: str = Field(pattern=r"^ddp\.[a-z0-9-]+\.[a-z0-9-]+$")
    kind: TopicKind
    owner: str
    producers: list[str]
    consumers: list[str]
    rejected_by: str | None = None
    partitions: int = Field(ge=1)
    retention_ms: int
    key: str
    events: list[CarriedEvent]

    def carries(self, event_type: str) -> CarriedEvent | None:
        return next((e for e in self.events if e.type == event_type), None)


class Agency(_Strict):
    title: str
    authority: bool


class Operator(_Strict):
    """Someone who runs the platform: reads every topic of the kinds listed, or is the super user.

    ``watches_consumers`` lets them see how far each service has consumed: its consumer group's
    committed offsets and the offsets (never the records) of every topic a service reads.
    """

    title: str
    reads: list[TopicKind] = Field(default_factory=list)
    watches_consumers: bool = False
    super_user: bool = False


class Defaults(_Strict):
    replication_factor: int
    configs: dict[str, str]


class TopicRegistry(_Strict):
    """Every topic the platform uses; the source for provisioning, ACLs and AsyncAPI."""

    registry_version: Literal[1]
    defaults: Defaults
    agencies: dict[str, Agency]
    services: list[str]
    operators: dict[str, Operator] = Field(default_factory=dict)
    topics: list[Topic]

    @model_validator(mode="after")
    def _coherent(self) -> "TopicRegistry":
        principals = set(self.principals)
        if len(principals) != len(self.principals):
            raise ValueError("an agency, a service and an operator may not share a name: each is one principal")
        if {TopicKind.INBOUND, TopicKind.REDRIVE} & {kind for who in self.operators.values() for kind in who.reads}:
            raise ValueError("no operator reads inbound or re-drive topics: they hold the agencies' own data")
        if principals & RESERVED_NAMES:
            raise ValueError(f"{sorted(principals & RESERVED_NAMES)}: reserved for the brokers' identity and the CA")
        names = [t.name for t in self.topics]
        if len(set(names)) != len(names):
            raise ValueError("a topic is declared twice")
        for topic in self.topics:
            owners = self.agencies if topic.kind in (TopicKind.INBOUND, TopicKind.OUTBOUND) else self.services
            if topic.owner not in owners:
                raise ValueError(f"{topic.name}: a {topic.kind.value} topic must be owned by one of {sorted(owners)}")
            if topic.kind is TopicKind.INBOUND and topic.producers != [topic.owner]:
                raise ValueError(f"{topic.name}: only its owning agency may write an inbound topic")
            if topic.kind in (TopicKind.DOMAIN, TopicKind.DEAD_LETTER) and topic.producers != [topic.owner]:
                raise ValueError(f"{topic.name}: only its owning service may write it")
            for who in [topic.owner, *topic.producers, *topic.consumers]:
                if who not in principals:
                    raise ValueError(f"{topic.name}: unknown principal {who}")
            if topic.kind is TopicKind.INBOUND and topic.rejected_by not in topic.consumers:
                raise ValueError(f"{topic.name}: rejected_by must be one of its consumers")
            for carried in topic.events:
                for version in carried.versions:
                    if not CATALOGUE.knows(carried.type, version):
                        raise ValueError(f"{topic.name}: {carried.type} v{version} is not in the catalogue")
                for consumer in carried.consumers:
                    if consumer not in topic.consumers:
                        raise ValueError(f"{topic.name}: {consumer} acts on {carried.type} but does not read the topic")
        return self

    @property
    def principals(self) -> list[str]:
        """Everyone the broker knows: every agency, service and operator."""
        return [*self.agencies, *self.services, *self.operators]

    @property
    def super_users(self) -> list[str]:
        return [name for name, who in self.operators.items() if who.super_user]

    def readers(self, topic: Topic) -> list[str]:
        """Who may read ``topic``: its consumers and the operators who read its kind."""
        watching = [name for name, who in self.operators.items() if topic.kind in who.reads]
        return [*topic.consumers, *watching]

    def topic(self, name: str) -> Topic:
        for topic in self.topics:
            if topic.name == name:
                return topic
        raise KeyError(name)

    def inbound_topic(self, agency: str) -> str:
        return self._named(f"ddp.inbound.{agency}")

    def outbound_topic(self, agency: str) -> str:
        return self._named(f"ddp.outbound.{agency}")

    def domain_topic(self, service: str) -> str:
        return self._named(f"ddp.{service}.events")

    def dead_letter_topic(self, service: str) -> str:
        return self._named(f"ddp.{service}.dlq")

    def redrive_topic(self, service: str) -> str:
        return self._named(f"ddp.{service}.redrive")

    def read_by(self, service: str) -> list[Topic]:
        """The topics ``service`` subscribes to."""
        return [t for t in self.topics if service in t.consumers]

    def acts_on(self, service: str, topic: str, event_type: str) -> bool:
        carried = self.topic(topic).carries(event_type)
        return carried is not None and service in carried.consumers

    def origin(self, topic: str) -> str:
        """Who a record on ``topic`` comes from: the topic decides, never a field in the record.

        Inbound and domain topics have one writer, their owner. Outbound and dead-letter
        topics are not read as input by any service.
        """
        found = self.topic(topic)
        if found.kind not in (TopicKind.INBOUND, TopicKind.DOMAIN):
            raise ValueError(f"{topic} is not an input topic")
        return found.owner

    def _named(self, name: str) -> str:
        self.topic(name)
        return name


@cache
def load_topic_registry() -> TopicRegistry:
    """The registry shipped with this package."""
    text = resources.files("ddp_schemas").joinpath("topics.yaml").read_text()
    return TopicRegistry.model_validate(yaml.safe_load(text))
