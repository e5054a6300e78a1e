"""The services' own logs, tracebacks and framework lines included, searched for what senders seeded.

Hostile records carry a made-up name and date of birth (``hostile_records.SEEDED``) in field names,
keys and headers; the platform may write none of it anywhere, its logs included.
"""

from pathlib import Path

from ddp_testkit.hostile_records import SEEDED


def seeded_text_in_logs(log_dir: Path) -> list[str]:
    """One line per log holding any part of the seeded text (the part named, never the line)."""
    found = []
    for log in sorted(log_dir.glob("*.log")):
        text = log.read_text(errors="replace")
        parts = [part for part in [SEEDED, *SEEDED.split()] if part in text]
        if parts:
            found.append(f"{log.name}: holds text a sender seeded ({', '.join(parts)})")
    return found
