"""Every service is built in the same floors, and imports only run down them.

Read from the source (no import is executed): a module's floor is the package it sits in, and
each import of the service's own package must land on the same floor or a lower one.
"""

import ast
from pathlib import Path

import pytest

from ddp_schemas.topics import load_topic_registry

ROOT = Path(__file__).resolve().parents[3]
SERVICES = load_topic_registry().services

# Lowest first. settings (configuration) and migrations (schema history) sit beside the floors.
FLOORS = ("domain", "adapters", "service_layer", "bootstrap", "entrypoints")
BESIDE = ("settings", "migrations", "__init__")

ROLES = (
    "domain/refusal.py",
    "domain/events.py",
    "domain/commands.py",
    "service_layer/ports.py",
    "adapters/orm.py",
    "adapters/unit_of_work.py",
    "adapters/inbound_translation.py",
    "adapters/outbound_translation.py",
    "entrypoints/app.py",
    "bootstrap.py",
)

# What each floor may import from outside the service, beyond the standard library.
FORBIDDEN = {
    "domain": ("ddp_schemas", "ddp_messaging", "sqlalchemy", "faststream", "aiokafka"),
    "service_layer": ("ddp_schemas", "sqlalchemy", "faststream", "aiokafka"),
}
SERVICE_LAYER_MAY_USE = ("ddp_messaging.clock",)


def package_root(service: str) -> Path:
    return ROOT / "services" / service / "src" / f"ddp_{service}"


def modules(service: str) -> list[Path]:
    return sorted(p for p in package_root(service).rglob("*.py") if "migrations" not in p.parts)


def floor_of(service: str, path: Path) -> str:
    first = path.relative_to(package_root(service)).parts[0]
    return first.removesuffix(".py")


def imported(path: Path) -> list[str]:
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names += [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
    return names


@pytest.mark.parametrize("service", SERVICES)
def test_every_role_has_its_file(service: str) -> None:
    missing = [role for role in ROLES if not (package_root(service) / role).is_file()]
    assert missing == [], f"{service} lacks {missing}"


@pytest.mark.parametrize("service", SERVICES)
def test_every_module_sits_on_a_floor(service: str) -> None:
    stray = [
        str(p.relative_to(package_root(service)))
        for p in modules(service)
        if floor_of(service, p) not in FLOORS + BESIDE
    ]
    assert stray == []


@pytest.mark.parametrize("service", SERVICES)
def test_imports_only_run_down_the_floors(service: str) -> None:
    own = f"ddp_{service}."
    upward = []
    for path in modules(service):
        floor = floor_of(service, path)
        if floor in BESIDE:
            continue
        for name in imported(path):
            if not name.startswith(own):
                continue
            target = name.removeprefix(own).split(".")[0]
            if target in FLOORS and FLOORS.index(target) > FLOORS.index(floor):
                upward.append(f"{path.relative_to(package_root(service))} imports {name}")
    assert upward == []


@pytest.mark.parametrize("service", SERVICES)
def test_domain_and_service_layer_know_no_wire_model_and_no_database(service: str) -> None:
    found = []
    for path in modules(service):
        floor = floor_of(service, path)
        for name in imported(path):
            if floor == "service_layer" and name.startswith(SERVICE_LAYER_MAY_USE):
                continue
            if any(name == banned or name.startswith(f"{banned}.") for banned in FORBIDDEN.get(floor, ())):
                found.append(f"{path.relative_to(package_root(service))} imports {name}")
            if floor == "service_layer" and name.startswith("ddp_messaging"):
                found.append(f"{path.relative_to(package_root(service))} imports {name}")
    assert found == []


@pytest.mark.parametrize("service", SERVICES)
def test_no_service_imports_another(service: str) -> None:
    others = tuple(f"ddp_{other}" for other in SERVICES if other != service)
    crossing = [f"{p.name} imports {n}" for p in modules(service) for n in imported(p) if n.startswith(others)]
    assert crossing == []


@pytest.mark.parametrize("package", ["schemas/src/ddp_schemas", "messaging/src/ddp_messaging", "cli/src/ddp_cli"])
def test_shared_packages_and_operator_tools_know_no_service(package: str) -> None:
    services = tuple(f"ddp_{service}" for service in SERVICES)
    found = [
        f"{p.relative_to(ROOT)} imports {n}"
        for p in (ROOT / package).rglob("*.py")
        for n in imported(p)
        if n.startswith(services)
    ]
    assert found == []


def test_the_operator_cli_needs_neither_docker_nor_the_test_apparatus() -> None:
    banned = ("testcontainers", "docker", "ddp_testkit")
    found = [
        f"{p.relative_to(ROOT)} imports {n}"
        for p in (ROOT / "cli/src/ddp_cli").rglob("*.py")
        for n in imported(p)
        if n.split(".")[0] in banned
    ]
    assert found == []
    dependencies = (ROOT / "cli/pyproject.toml").read_text()
    assert "testcontainers" not in dependencies


@pytest.mark.parametrize("service", SERVICES)
def test_the_app_entrypoint_names_its_runtime_and_its_app(service: str) -> None:
    # The process is ``app``; ``runtime`` is what the test kit's fault injection swaps a part of.
    tree = ast.parse((package_root(service) / "entrypoints/app.py").read_text())
    assigned = {
        target.id
        for node in tree.body
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    assert {"runtime", "app"} <= assigned
