"""``ddp-schemas``: generate, check and release the contract artifacts.

ddp-schemas generate   write every generated file (schemas/generated, docs/topics.md)
ddp-schemas check      exit 1 when a generated file is out of date or a release is broken
ddp-schemas release    freeze the schema of every (type, version) not yet released
"""

import argparse
import sys
from pathlib import Path

from ddp_schemas.generation.artifacts import drift, write_generated
from ddp_schemas.generation.release import compatibility_problems, release

_MARKER = Path("schemas/src/ddp_schemas")


def find_root(start: Path) -> Path:
    """The repository root: the nearest directory at or above ``start`` holding the schemas package."""
    for directory in (start, *start.parents):
        if (directory / _MARKER).is_dir():
            return directory
    raise FileNotFoundError(f"no {_MARKER} at or above {start}; run inside the repository or pass --root")


def _generate(root: Path) -> int:
    """Write every generated file (schemas/generated, docs/topics.md)."""
    changes = write_generated(root)
    print("\n".join(changes) if changes else "generated files are already up to date")
    return 0


def _check(root: Path) -> int:
    """Fail when a generated file is out of date or a released schema changed incompatibly."""
    problems = [f"{line} (run `ddp-schemas generate`)" for line in drift(root)]
    problems += [f"incompatible release: {line}" for line in compatibility_problems(root)]
    if problems:
        print(f"ddp-schemas check: {len(problems)} problem(s)", file=sys.stderr)
        print("\n".join(f"  {line}" for line in problems), file=sys.stderr)
        return 1
    print("ddp-schemas check: generated files are current and every release is honoured")
    return 0


def _release(root: Path) -> int:
    """Freeze the schema of every (type, version) not yet in schemas/released."""
    written = release(root)
    print("\n".join(f"released {rel}" for rel in written) if written else "nothing new to release")
    return 0


_COMMANDS = {"generate": _generate, "check": _check, "release": _release}


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``ddp-schemas`` console script; returns the exit status."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--root", type=Path, default=argparse.SUPPRESS, help="repository root")
    parser = argparse.ArgumentParser(
        prog="ddp-schemas",
        description="Generate, check and release the DDP event contracts.",
        parents=[common],
    )
    commands = parser.add_subparsers(dest="command", required=True)
    for name, handler in _COMMANDS.items():
        commands.add_parser(name, parents=[common], help=handler.__doc__)
    args = parser.parse_args(argv)
    try:
        root = (getattr(args, "root", None) or find_root(Path.cwd())).resolve()
    except FileNotFoundError as error:
        parser.error(str(error))
    return _COMMANDS[args.command](root)


if __name__ == "__main__":
    sys.exit(main())
