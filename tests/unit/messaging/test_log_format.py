"""JSON log lines: the platform's context fields only, and an exception's class, never its text."""

import json
import logging
import sys

from ddp_messaging.log_format import JsonLines


def line(message: str, exc_info=None, **extra) -> dict:
    record = logging.LogRecord("ddp_messaging.processor", logging.INFO, __file__, 1, message, (), exc_info)
    record.__dict__.update(extra)
    return json.loads(JsonLines().format(record))


def test_a_line_carries_the_message_and_the_ids_to_follow_the_record():
    found = line(
        "referrals: applied ddp.referral.submitted",
        service="referrals",
        event_id="7d2c...",
        correlation_id="c0",
        outcome="applied",
        partition=3,
        offset=41,
    )
    assert found["message"] == "referrals: applied ddp.referral.submitted" and found["level"] == "INFO"
    assert (found["service"], found["outcome"], found["partition"], found["offset"]) == ("referrals", "applied", 3, 41)


def test_fields_outside_the_context_never_reach_the_line():
    found = line("x", personal_details={"given_name": "Zebulon"}, key="PRB-1", notes="Zebulon said")
    assert "Zebulon" not in json.dumps(found) and "PRB-1" not in json.dumps(found)


def test_an_exception_is_logged_by_its_class_only():
    try:
        raise ValueError("Zebulon's date of birth is wrong")
    except ValueError:
        found = line("handler failed", exc_info=sys.exc_info())
    assert found["error_class"] == "ValueError" and "Zebulon" not in json.dumps(found)
