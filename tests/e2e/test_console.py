"""The console in a real browser (Debian's Chromium, driven by Playwright) against the running platform.

After the demo: an anonymous visitor is sent to the login; the on-call operator sees the pipeline,
the dead letters without a re-drive, and the licence case's timeline once they say why; the admin
re-drives the demo's malformed referral and sees its single effect; the audit record holds both,
with who, what and why, and only the admin may read it.
"""

import asyncio
import os
import shutil
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from playwright.sync_api import Page, expect, sync_playwright

from ddp_cli.consumer_lag import consumer_lag
from ddp_cli.dead_letters import dead_letters
from ddp_schemas.connection import OPERATOR
from ddp_schemas.topics import load_topic_registry

pytestmark = [pytest.mark.e2e, pytest.mark.docker, pytest.mark.kafka, pytest.mark.postgres]

# Where the timeline's screenshot goes when asked (the one in docs/ was made this way).
SCREENSHOT = os.environ.get("DDP_CONSOLE_SCREENSHOT")


def chromium() -> str:
    found = shutil.which("chromium")
    if found is None:
        raise RuntimeError("The console's browser tests need Debian's chromium: run scripts/bootstrap.")
    return found


def run_async(coroutine):
    """Playwright's sync API keeps an event loop running on this thread: asyncio work goes to another."""
    with ThreadPoolExecutor(1) as executor:
        return executor.submit(asyncio.run, coroutine).result()


@pytest.fixture(scope="module")
def browser(demo):  # the demo first: it runs its own event loop
    with sync_playwright() as playwright:
        # Debian's own Chromium, never a downloaded one; no sandbox as root in a container.
        launched = playwright.chromium.launch(executable_path=chromium(), args=["--no-sandbox"])
        yield launched
        launched.close()


def log_in(browser, platform, role: str) -> Page:
    name, password = platform.console_logins[role]
    page = browser.new_page(base_url=platform.console_url)
    page.goto("/")
    expect(page).to_have_url(f"{platform.console_url}/login")
    page.get_by_label("Name").fill(name)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("header")).to_contain_text(f"{name} ({role})")
    return page


def test_a_visitor_who_is_not_logged_in_sees_only_the_login(browser, platform):
    page = browser.new_page(base_url=platform.console_url)
    for path in ("/", "/dead-letters", "/cases", "/casework", "/audit"):
        page.goto(path)
        expect(page).to_have_url(f"{platform.console_url}/login")
    page.get_by_label("Name").fill("oncall")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("alert")).to_contain_text("do not match")
    page.close()


def test_the_operator_sees_the_pipeline_and_dead_letters_but_cannot_redrive_or_read_the_audit(browser, platform, demo):
    page = log_in(browser, platform, "operator")
    for instance in ("referrals", "interventions", "compliance"):
        expect(page.locator(f'tr[data-instance="{instance}"]')).to_contain_text("ready")
    page.get_by_role("link", name="Dead letters").click()
    malformed = page.locator('table[data-service="referrals"][data-reason="SCHEMA_VIOLATION"]')
    expect(malformed).to_contain_text("ddp.inbound.probation")
    expect(page.locator("a.redrive")).to_have_count(0)
    assert page.goto("/dead-letters/redrive?service=referrals&reason=SCHEMA_VIOLATION").status == 403
    assert page.goto("/audit").status == 403
    page.goto("/")
    page.get_by_role("button", name="Log out").click()
    expect(page).to_have_url(f"{platform.console_url}/login")
    page.close()


def test_the_operator_opens_the_licence_timeline_once_they_say_why(browser, platform, demo):
    result, _ = demo
    case_id = str(result.case_ids["licence (probation)"])
    page = log_in(browser, platform, "operator")
    page.get_by_role("link", name="Case timeline").click()
    page.get_by_label("Case id").fill(case_id)
    page.get_by_role("button", name="Show the timeline").click()
    # The form asks why; an empty justification shows nothing.
    expect(page).to_have_url(f"{platform.console_url}/cases")
    page.get_by_label("Case id").fill(case_id)
    page.get_by_label("Why you open it").fill("Checking the demo licence case after the recall")
    page.get_by_role("button", name="Show the timeline").click()
    timeline = page.locator("#timeline")
    for event_type in (
        "ddp.case.opened",
        "ddp.plan.agreed",
        "ddp.session.missed",
        "ddp.compliance.breach_referral_raised",
        "ddp.compliance.breach_decision_recorded",
        "ddp.case.suspended",
        "ddp.case.resumed",
    ):
        expect(timeline).to_contain_text(event_type)
    expect(page.locator(".explanation").first).to_contain_text("rule unacceptable-absences")
    expect(page.locator(".explanation").last).to_contain_text("decision RECALL")
    body = page.content()
    for case in ("Alex", "X123456", "A1234BC", "1990-04-01"):
        assert case not in body, "no personal data on the timeline"
    if SCREENSHOT:
        page.set_viewport_size({"width": 1500, "height": 1100})
        page.screenshot(path=SCREENSHOT, full_page=True)
    page.close()


def test_the_admin_redrives_a_dead_letter_with_a_reason_and_sees_its_single_effect(browser, platform, demo):
    access = platform.kafka.access(OPERATOR)

    def malformed() -> list:
        letters = run_async(dead_letters(access, "referrals", platform.namespace))
        return [d for d in letters if d.event.data["reason_code"] == "SCHEMA_VIOLATION"]

    before = malformed()
    assert len(before) == 1
    page = log_in(browser, platform, "admin")
    page.get_by_role("link", name="Dead letters").click()
    page.locator('table[data-service="referrals"][data-reason="SCHEMA_VIOLATION"] a.redrive').click()
    expect(page.locator("#would-redrive")).to_contain_text("1 dead letter(s) would be handed back to referrals")
    page.get_by_label("Why").fill("The sender says the referral was fixed; checking it is refused the same way")
    page.get_by_role("button", name="Confirm re-drive").click()
    expect(page.locator("#redriven")).to_contain_text("Re-driven: 1")

    # Its one effect: the record is judged again and dead-lettered once more, nothing else. Counted
    # once referrals has committed past the re-driven copy (no lag left on its re-drive topic).
    registry = load_topic_registry()

    def redrive_consumed() -> bool:
        lag = run_async(consumer_lag(access, registry, platform.namespace, ["referrals"]))
        return len(malformed()) >= 2 and all(p.lag == 0 for p in lag if p.topic == "ddp.referrals.redrive")

    _wait(redrive_consumed)
    after = malformed()
    assert len(after) == 2
    assert after[1].event.data["original_event_id"] == before[0].event.data["original_event_id"]

    page.get_by_role("link", name="Audit record").click()
    audit = page.locator("#audit")
    expect(audit).to_contain_text("platform-admin")
    expect(audit).to_contain_text("re-driven 1, originals gone 0")
    expect(audit).to_contain_text("checking it is refused the same way")
    expect(audit).to_contain_text("oncall")
    expect(audit).to_contain_text("Checking the demo licence case after the recall")
    page.close()


def test_the_casework_page_lists_what_awaits_a_decision(browser, platform, demo):
    page = log_in(browser, platform, "operator")
    page.get_by_role("link", name="Casework").click()
    # The demo's breach referral was decided (recall): nothing awaits.
    expect(page.locator("#awaiting")).to_contain_text("None awaiting")
    expect(page.locator("#reviews")).to_be_visible()
    page.close()


def _wait(probe, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not probe():
        assert time.monotonic() < deadline, f"not within {timeout}s"
        time.sleep(0.5)
