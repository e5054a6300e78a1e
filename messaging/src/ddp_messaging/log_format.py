"""The services' log lines as JSON, one object per line, with the ids that let on-call follow a record.

Only the fields named in ``CONTEXT`` ever leave a log record: event, correlation and case ids
(pseudonymous UUIDs), the event type, outcome and reason code, and where the record was read.
A message is the platform's own words; nothing a sender wrote is passed as context.
"""

import json
import logging
import sys
from datetime import UTC, datetime

CONTEXT = (
    "service",
    "event_id",
    "correlation_id",
    "case_id",
    "event_type",
    "outcome",
    "reason",
    "topic",
    "partition",
    "offset",
)
_PLATFORM_LOGGERS = ("ddp_messaging", "ddp_referrals", "ddp_interventions", "ddp_compliance")


class JsonLines(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name in CONTEXT:
            value = getattr(record, name, None)
            if value is not None:
                line[name] = str(value) if not isinstance(value, int) else value
        if record.exc_info and record.exc_info[0] is not None:
            # The class only: an exception's message or traceback may quote the data it failed on.
            line["error_class"] = record.exc_info[0].__name__
        return json.dumps(line, ensure_ascii=False)


def configure_json_logging() -> None:
    """JSON lines on stderr for every logger that reaches the root; the platform's own at INFO."""
    root = logging.getLogger()
    if any(isinstance(h.formatter, JsonLines) for h in root.handlers):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonLines())
    root.addHandler(handler)
    root.setLevel(logging.WARNING)
    for name in _PLATFORM_LOGGERS:
        logging.getLogger(name).setLevel(logging.INFO)
