"""The invariants, checked on what the platform published (and on the services' read interfaces):
every valid input has exactly one effect, nothing published goes missing, per-key order holds, each
escalation situation is raised once, and the dead-letter topics hold exactly the bad inputs.

Effects are counted on the topics by distinct event id per business key (referral, case, session,
escalation): a republished copy keeps its event id and counts once, a second effect has its own.
"""

from ddp_testkit.battery.delivery_rules import causes_on_topics, dead_letters, order_per_key
from ddp_testkit.battery.effect_rules import contract_effects, progress_agrees, referral_effects
from ddp_testkit.battery.escalation_rules import ESCALATION_TYPES, escalations
from ddp_testkit.battery.evidence import Evidence
from ddp_testkit.battery.feeder import FeedReport
from ddp_testkit.battery.provider_workflow import ContractMessage
from ddp_testkit.battery.verdict import Verdict
from ddp_testkit.battery.workload import ACCEPTED, REFUSED, PlannedInput


def check(
    inputs: list[PlannedInput], fed: FeedReport, evidence: Evidence, messages: list[ContractMessage] | None = None
) -> Verdict:
    """Every rule over one run's evidence; ``messages`` are the second phase's (absent: phase one only)."""
    verdict = Verdict()
    referral_effects(inputs, evidence, verdict)
    sent = {i.event_id for i in inputs if i.event_id} | {m.envelope.id for m in messages or []}
    causes_on_topics(sent, evidence, verdict)
    order_per_key(evidence, verdict)
    dead_letters(inputs, fed, evidence, verdict)
    if messages:
        bad_records = frozenset(
            c for i in inputs if i.expect not in (ACCEPTED, REFUSED) for c in fed.acknowledged.get(i.index, [])
        )
        contract_effects(messages, evidence, verdict, bad_records)
        escalations(evidence, verdict)
        progress_agrees(evidence, verdict)
    verdict.wrong += [f"{instance}: not ready at the end of the run" for instance in evidence.unready]
    written = evidence.platform_written()
    distinct = len({e.event.id for e in written})
    verdict.figures.update(
        inputs=len(inputs),
        valid=sum(i.expect in (ACCEPTED, REFUSED) for i in inputs),
        bad=sum(i.expect not in (ACCEPTED, REFUSED) and not i.hostile for i in inputs),
        hostile=sum(i.hostile for i in inputs),
        contract_messages=len(messages or []),
        events_on_topics=distinct,
        republished_copies=len(written) - distinct,
        send_retries=fed.failed_attempts,
        lost=len(verdict.lost),
        duplicated=len(verdict.duplicated),
        out_of_order=len(verdict.out_of_order),
        wrong_dead_letters=len(verdict.wrong_dead_letters),
        wrong=len(verdict.wrong),
        escalations=len({e.event.data["escalation_id"] for t in ESCALATION_TYPES for e in evidence.events_of_type(t)}),
        cases_with_progress=len(evidence.progress),
    )
    return verdict
