"""Every event type the platform knows, at every version it reads."""

from collections.abc import Iterable, Mapping

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from ddp_schemas import reasons
from ddp_schemas.envelope import CloudEvent
from ddp_schemas.event import Event
from ddp_schemas.events import (
    authority_inbound,
    compliance,
    inbound,
    interventions,
    outbound,
    platform,
    programme_inbound,
    provider_inbound,
    referrals,
    reviews,
    sessions,
)
from ddp_schemas.upcasting import UPCASTERS, Upcaster

_MODULES = (
    inbound,
    referrals,
    outbound,
    interventions,
    compliance,
    platform,
    programme_inbound,
    provider_inbound,
    sessions,
    authority_inbound,
    reviews,
)


# What a schema-violation path says in place of a name the contract does not define.
UNEXPECTED_FIELD = "(unexpected field)"
UNNAMED_PART = "(key)"


class CatalogueError(ValueError):
    """The event's type, version or data is not acceptable; ``code`` is a reason code."""

    def __init__(self, code: str, detail: str, fields: tuple[str, ...] = ()) -> None:
        super().__init__(f"{code}: {detail}")
        self.code = code
        self.detail = detail
        self.fields = fields


class EventCatalogue:
    """Maps (type, version) to payload models and reads any known version as the latest."""

    def __init__(self, models: Iterable[type[Event]], upcasters: Mapping[tuple[str, int], Upcaster]) -> None:
        self._models: dict[tuple[str, int], type[Event]] = {}
        for model in models:
            key = (model.event_type, model.version)
            if key in self._models:
                raise ValueError(f"{key} is registered twice")
            self._models[key] = model
        self._upcasters = dict(upcasters)
        self._names: frozenset[str] | None = None
        self._latest: dict[str, int] = {}
        for event_type, version in self._models:
            self._latest[event_type] = max(version, self._latest.get(event_type, 0))
        for event_type, latest in self._latest.items():
            for version in range(1, latest + 1):
                if (event_type, version) not in self._models:
                    raise ValueError(f"{event_type} has no model for v{version}; versions run 1..{latest}")
                if version < latest and (event_type, version) not in self._upcasters:
                    raise ValueError(f"{event_type} v{version} has no upcaster to v{version + 1}")

    def models(self) -> list[type[Event]]:
        return [self._models[key] for key in sorted(self._models)]

    def types(self) -> list[str]:
        return sorted(self._latest)

    def model(self, event_type: str, version: int) -> type[Event]:
        return self._models[(event_type, version)]

    def knows(self, event_type: str, version: int) -> bool:
        return (event_type, version) in self._models

    def read(self, event: CloudEvent) -> Event:
        """Validate ``event.data`` against its version and upcast it to the latest version."""
        if event.type not in self._latest:
            raise CatalogueError(reasons.UNKNOWN_TYPE, "ce_type is not a DDP event type")
        if not self.knows(event.type, event.dataversion):
            raise CatalogueError(
                reasons.UNSUPPORTED_VERSION,
                f"{event.type} has no version {event.dataversion}; known up to {self._latest[event.type]}",
            )
        data = self._validated(event.type, event.dataversion, event.data).model_dump(mode="json")
        version = event.dataversion
        while version < self._latest[event.type]:
            data = self._upcasters[(event.type, version)](data)
            version += 1
            data = self._validated(event.type, version, data).model_dump(mode="json")
        return self._validated(event.type, version, data)

    def _validated(self, event_type: str, version: int, data: dict) -> Event:
        try:
            return self._models[(event_type, version)].model_validate(data)
        except ValidationError as error:
            # Field paths only, in the contract's words: the offending values may be personal
            # data, and so may the names of fields the sender made up.
            fields = tuple(sorted({self._field_path(e) for e in error.errors()}))
            raise CatalogueError(reasons.SCHEMA_VIOLATION, "invalid fields: " + ", ".join(fields), fields) from None

    def _field_path(self, error: ErrorDetails) -> str:
        parts = []
        for position, part in enumerate(error["loc"]):
            if isinstance(part, int) or part in self._field_names():
                parts.append(str(part))
            elif error["type"] == "extra_forbidden" and position == len(error["loc"]) - 1:
                parts.append(UNEXPECTED_FIELD)
            else:
                parts.append(UNNAMED_PART)
        return ".".join(parts) or "(body)"

    def _field_names(self) -> frozenset[str]:
        """Every property name the contract's schemas define, at any depth."""
        if self._names is None:
            names: set[str] = set()
            for model in self._models.values():
                _collect_property_names(model.model_json_schema(), names)
            self._names = frozenset(names)
        return self._names


def _collect_property_names(schema: object, names: set[str]) -> None:
    if isinstance(schema, dict):
        properties = schema.get("properties")
        if isinstance(properties, dict):
            names.update(properties)
        for value in schema.values():
            _collect_property_names(value, names)
    elif isinstance(schema, list):
        for value in schema:
            _collect_property_names(value, names)


def _all_models() -> list[type[Event]]:
    found = []
    for module in _MODULES:
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, Event)
                and value is not Event
                and "event_type" in vars(value)
            ):
                found.append(value)
    return found


CATALOGUE = EventCatalogue(_all_models(), UPCASTERS)
