"""The ``ddp`` command installs on a bastion: no containers, no Docker, no test apparatus, no services.

Besides the schemas and aiokafka it needs confluent-kafka (the only maintained Python client with
an ACL API), cryptography (the development CA and the onboarding bundles), httpx (the services'
health and read interfaces) and rich (tables for people)."""

import ast
import sys
import tomllib
from pathlib import Path

import ddp_cli

CLI = Path(ddp_cli.__file__).parent
ALLOWED = {"ddp_cli", "ddp_schemas", "aiokafka", "confluent_kafka", "cryptography", "httpx", "rich"}  # and the stdlib


def imported_packages(module: Path) -> set[str]:
    tree = ast.parse(module.read_text())
    names = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    names |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    return {name.split(".")[0] for name in names}


def test_the_operator_command_imports_only_the_schemas_the_kafka_clients_and_its_few_libraries() -> None:
    for module in CLI.rglob("*.py"):
        foreign = imported_packages(module) - ALLOWED - set(sys.stdlib_module_names)
        assert not foreign, f"{module.name} imports {sorted(foreign)}"


def test_the_operator_package_depends_on_no_container_tooling() -> None:
    project = tomllib.loads((CLI.parents[1] / "pyproject.toml").read_text())["project"]
    assert {d.split(">")[0].split("[")[0] for d in project["dependencies"]} == {
        "ddp-schemas",
        "aiokafka",
        "confluent-kafka",
        "cryptography",
        "httpx",
        "rich",
    }
