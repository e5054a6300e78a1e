"""The console's parts that need no browser: password hashes, dead letters by reason, headers."""

from datetime import UTC, datetime, timedelta

from ddp_cli.topic_reader import ObservedEvent
from ddp_console.dead_letter_groups import grouped
from ddp_console.security_headers import HEADERS
from ddp_console.users import hash_password, password_matches
from ddp_schemas.envelope import CloudEvent

T0 = datetime(2026, 12, 1, tzinfo=UTC)


def test_a_password_is_stored_as_a_salted_scrypt_hash_that_only_it_matches():
    stored = hash_password("correct horse battery")
    assert stored.startswith("scrypt$") and "correct horse" not in stored
    assert stored != hash_password("correct horse battery"), "a fresh salt each time"
    assert password_matches("correct horse battery", stored)
    assert not password_matches("correct horse battery!", stored)
    assert not password_matches("anything", "not a hash")


def letter(reason: str, minutes: int) -> ObservedEvent:
    event = CloudEvent(
        source="/ddp/referrals",
        type="ddp.event.dead_lettered",
        dataversion=1,
        data={"reason_code": reason},
        time=T0 + timedelta(minutes=minutes),
    )
    return ObservedEvent("ddp.referrals.dlq", 0, minutes, None, event)


def test_dead_letters_are_grouped_by_reason_the_most_recent_reason_first():
    groups = grouped([letter("UNPARSEABLE", 1), letter("SCHEMA_VIOLATION", 2), letter("UNPARSEABLE", 5)])
    assert [(g.reason, len(g.letters)) for g in groups] == [("UNPARSEABLE", 2), ("SCHEMA_VIOLATION", 1)]
    assert (groups[0].first, groups[0].last) == (T0 + timedelta(minutes=1), T0 + timedelta(minutes=5))


def test_every_answer_forbids_scripts_framing_and_caching():
    policy = HEADERS["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy and "script-src" not in policy
    assert HEADERS["Cache-Control"] == "no-store" and HEADERS["X-Frame-Options"] == "DENY"
