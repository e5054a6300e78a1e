"""Every generated file, and how the committed copies differ from what the code generates."""

from pathlib import Path

from ddp_schemas.generation.acls import ACLS_PATH, render_acls
from ddp_schemas.generation.asyncapi import ASYNCAPI_PATH, render_asyncapi
from ddp_schemas.generation.browser_configs import AKHQ_PATH, KAFBAT_PATH, render_akhq, render_kafbat
from ddp_schemas.generation.json_schemas import JSONSCHEMA_DIR, json_schema_files
from ddp_schemas.generation.topics_doc import TOPICS_DOC_PATH, render_topics_doc
from ddp_schemas.topics import TopicRegistry, load_topic_registry

GENERATED_DIR = "schemas/generated"


def generated_files(registry: TopicRegistry | None = None) -> dict[str, str]:
    """Path relative to the repository root -> the text the code generates for it."""
    registry = registry or load_topic_registry()
    files = json_schema_files()
    files[ASYNCAPI_PATH] = render_asyncapi(registry)
    files[ACLS_PATH] = render_acls(registry)
    files[TOPICS_DOC_PATH] = render_topics_doc(registry)
    files[KAFBAT_PATH] = render_kafbat(registry)
    files[AKHQ_PATH] = render_akhq(registry)
    return dict(sorted(files.items()))


def stale_files(root: Path, expected: dict[str, str]) -> list[str]:
    """Files under ``schemas/generated`` that the code no longer generates (e.g. a dropped version)."""
    present = (p for p in (root / GENERATED_DIR).rglob("*") if p.is_file())
    return sorted(rel for rel in (p.relative_to(root).as_posix() for p in present) if rel not in expected)


def drift(root: Path) -> list[str]:
    """One line per committed generated file that is missing, different or stale."""
    expected = generated_files()
    problems = []
    for rel, text in expected.items():
        path = root / rel
        if not path.is_file():
            problems.append(f"{rel}: missing")
        elif path.read_text() != text:
            problems.append(f"{rel}: differs from what the code generates")
    problems += [f"{rel}: no longer generated" for rel in stale_files(root, expected)]
    return problems


def write_generated(root: Path) -> list[str]:
    """Write every generated file that changed and remove stale ones; return what changed."""
    expected = generated_files()
    changed = []
    for rel, text in expected.items():
        path = root / rel
        if not path.is_file() or path.read_text() != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
            changed.append(f"wrote {rel}")
    for rel in stale_files(root, expected):
        (root / rel).unlink()
        changed.append(f"removed {rel}")
    _prune_empty_dirs(root / JSONSCHEMA_DIR)
    return changed


def _prune_empty_dirs(directory: Path) -> None:
    if not directory.is_dir():
        return
    for path in sorted(directory.rglob("*"), reverse=True):
        if path.is_dir() and not any(path.iterdir()):
            path.rmdir()
