"""The ``ddp-schemas`` command against a scratch repository."""

import json
from pathlib import Path

import pytest

from ddp_schemas.generation.artifacts import generated_files
from ddp_schemas.generation.asyncapi import ASYNCAPI_PATH
from ddp_schemas.generation.cli import find_root, main
from ddp_schemas.generation.release import RELEASED_DIR


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    (tmp_path / "schemas/src/ddp_schemas").mkdir(parents=True)
    return tmp_path


def test_find_root_walks_up_to_the_schemas_package(scratch: Path) -> None:
    nested = scratch / "services/referrals/src"
    nested.mkdir(parents=True)
    assert find_root(nested) == scratch
    with pytest.raises(FileNotFoundError):
        find_root(scratch.parent)


def test_generate_then_check_passes(scratch: Path) -> None:
    assert main(["generate", "--root", str(scratch)]) == 0
    assert {p.relative_to(scratch).as_posix() for p in scratch.rglob("*") if p.is_file()} == set(generated_files())
    assert main(["--root", str(scratch), "check"]) == 0


def test_check_lists_every_drifted_file(scratch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["generate", "--root", str(scratch)])
    (scratch / ASYNCAPI_PATH).write_text("asyncapi: 3.0.0\n")
    (scratch / "schemas/generated/jsonschema/ddp.referral.submitted/v9.json").write_text("{}\n")
    (scratch / "docs/topics.md").unlink()
    assert main(["check", "--root", str(scratch)]) == 1
    err = capsys.readouterr().err
    assert "docs/topics.md: missing" in err
    assert f"{ASYNCAPI_PATH}: differs from what the code generates" in err
    assert "ddp.referral.submitted/v9.json: no longer generated" in err
    main(["generate", "--root", str(scratch)])
    assert main(["check", "--root", str(scratch)]) == 0


def test_release_freezes_once_and_never_overwrites(scratch: Path) -> None:
    assert main(["release", "--root", str(scratch)]) == 0
    frozen = scratch / RELEASED_DIR / "ddp.case.opened/v1.json"
    before = frozen.read_text() + "\n"
    frozen.write_text(before)
    assert main(["release", "--root", str(scratch)]) == 0
    assert frozen.read_text() == before


def test_check_fails_when_a_release_is_broken(scratch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["generate", "--root", str(scratch)])
    main(["release", "--root", str(scratch)])
    frozen = scratch / RELEASED_DIR / "ddp.case.opened/v1.json"
    schema = json.loads(frozen.read_text())
    schema["properties"]["legacy_flag"] = {"type": "boolean"}
    frozen.write_text(json.dumps(schema))
    gone = scratch / RELEASED_DIR / "ddp.case.reopened/v1.json"
    gone.parent.mkdir()
    gone.write_text("{}")
    assert main(["check", "--root", str(scratch)]) == 1
    err = capsys.readouterr().err
    assert "ddp.case.opened v1: legacy_flag: property removed" in err
    assert "ddp.case.reopened v1: (root): released but no longer in the catalogue" in err
