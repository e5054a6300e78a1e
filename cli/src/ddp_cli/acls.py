"""The broker's ACLs made equal to the registry's, through confluent-kafka's admin client.

``plan`` compares what the broker holds with what the registry grants (``acl_bindings``)
within one namespace's resources; ``apply`` creates what is missing and deletes what the
registry no longer grants, so a second apply changes nothing. aiokafka has no ACL API, so
this is the one place the platform uses librdkafka's admin client.
"""

import time
from dataclasses import dataclass
from enum import Enum

from confluent_kafka import KafkaException
from confluent_kafka.admin import (
    AclBinding,
    AclBindingFilter,
    AclOperation,
    AclPermissionType,
    AdminClient,
    ResourcePatternType,
    ResourceType,
)

from ddp_schemas.connection import KafkaAccess
from ddp_schemas.generation.acls import CLUSTER, acl_bindings
from ddp_schemas.namespace import TopicNamespace
from ddp_schemas.topics import TopicRegistry

_TIMEOUT = 30.0

# One binding as a comparable value: (principal, resource type, name, pattern, operation, permission).
Grant = tuple[str, str, str, str, str, str]


@dataclass(frozen=True)
class AclPlan:
    missing: list[Grant]  # granted by the registry, absent from the broker
    surplus: list[Grant]  # on the broker within the namespace's resources, granted by nobody
    kept: int

    @property
    def in_step(self) -> bool:
        return not self.missing and not self.surplus


def wanted_grants(registry: TopicRegistry, namespace: TopicNamespace) -> set[Grant]:
    return {
        (b["principal"], b["resource_type"], b["resource_name"], b["pattern_type"], b["operation"], b["permission"])
        for b in acl_bindings(registry, namespace)
    }


def in_scope(name: str, namespace: TopicNamespace) -> bool:
    """Whether a resource belongs to this deployment: one of the namespace's ``ddp.`` names, or the
    cluster (whose grants every namespace of the registry implies alike)."""
    return name == CLUSTER or name.startswith(namespace.physical("ddp."))


class AclAdmin:
    """The admin's view of the broker's ACLs; needs the admin's (super user's) credentials."""

    def __init__(self, admin: KafkaAccess) -> None:
        # Kept referenced for the object's lifetime: librdkafka destroys a client whose handle is dropped.
        config: dict[str, str | int | float | bool] = {**admin.librdkafka(), "socket.timeout.ms": 10000}
        self._client = AdminClient(config)

    def current(self, namespace: TopicNamespace) -> set[Grant]:
        # None matches any name, principal and host (the library's stubs say str only).
        everything = AclBindingFilter(
            ResourceType.ANY,
            None,  # type: ignore[arg-type]
            ResourcePatternType.ANY,
            None,  # type: ignore[arg-type]
            None,  # type: ignore[arg-type]
            AclOperation.ANY,
            AclPermissionType.ANY,
        )
        found = self._client.describe_acls(everything, request_timeout=_TIMEOUT).result()
        return {_grant(binding) for binding in found if in_scope(binding.name, namespace)}

    def plan(self, registry: TopicRegistry, namespace: TopicNamespace) -> AclPlan:
        wanted, held = wanted_grants(registry, namespace), self.current(namespace)
        return AclPlan(sorted(wanted - held), sorted(held - wanted), len(wanted & held))

    def apply(self, registry: TopicRegistry, namespace: TopicNamespace) -> AclPlan:
        """Make the broker equal to the registry; returns what it changed."""
        plan = self.plan(registry, namespace)
        if plan.missing:
            created = self._client.create_acls([_binding(g) for g in plan.missing], request_timeout=_TIMEOUT)
            for future in created.values():
                future.result()
        if plan.surplus:
            deleted = self._client.delete_acls([_filter(g) for g in plan.surplus], request_timeout=_TIMEOUT)
            for future in deleted.values():
                future.result()
        self._wait_until_visible(registry, namespace)
        return plan

    def _wait_until_visible(self, registry: TopicRegistry, namespace: TopicNamespace) -> None:
        # The authorizer's view follows the metadata log: a describe right after a create can
        # still miss it, and so can the first request a client makes under the new rules.
        deadline = time.monotonic() + _TIMEOUT
        while not self.plan(registry, namespace).in_step:
            if time.monotonic() > deadline:
                raise KafkaException("the broker's ACLs did not settle to the registry's")
            time.sleep(0.05)


# confluent-kafka names the cluster resource type BROKER; Kafka and the registry's file say CLUSTER.
_CLUSTER_TYPE = {"BROKER": "CLUSTER"}


def _resource_type(name: str) -> ResourceType:
    return ResourceType.BROKER if name == "CLUSTER" else ResourceType[name]


def _grant(binding: AclBinding) -> Grant:
    restype = _name(binding.restype)
    return (
        binding.principal,
        _CLUSTER_TYPE.get(restype, restype),
        binding.name,
        _name(binding.resource_pattern_type),
        _name(binding.operation),
        _name(binding.permission_type),
    )


def _name(value: Enum | str | int) -> str:
    return value.name if isinstance(value, Enum) else str(value)


def _binding(grant: Grant) -> AclBinding:
    principal, resource_type, name, pattern, operation, permission = grant
    return AclBinding(
        _resource_type(resource_type),
        name,
        ResourcePatternType[pattern],
        principal,
        "*",  # clients reach the broker through the container engine's gateway: the host proves nothing
        AclOperation[operation],
        AclPermissionType[permission],
    )


def _filter(grant: Grant) -> AclBindingFilter:
    principal, resource_type, name, pattern, operation, permission = grant
    return AclBindingFilter(
        _resource_type(resource_type),
        name,
        ResourcePatternType[pattern],
        principal,
        None,  # type: ignore[arg-type]  # any host
        AclOperation[operation],
        AclPermissionType[permission],
    )
