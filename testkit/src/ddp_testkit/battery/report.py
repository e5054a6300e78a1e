"""Battery figures as text: printed after a run, and written to docs/ by the full battery."""

from ddp_testkit.battery.profiles import Profile
from ddp_testkit.battery.runner import RunReport


def summary(profile: Profile, reports: list[RunReport], command: str) -> str:
    totals: dict[str, int] = {}
    faults: dict[str, int] = {}
    for report in reports:
        for name, value in report.verdict.figures.items():
            totals[name] = totals.get(name, 0) + value
        for kind, count in report.faults.items():
            faults[kind] = faults.get(kind, 0) + count
    lines = [
        f"# Fault battery results ({profile.name} profile)",
        "",
        f"Command: `{command}`",
        "",
        f"Brokers: {profile.brokers}; instances: {profile.instances or 'one per service'}; "
        f"relay exit rate after publishing: {profile.relay_exit_rate}.",
        "",
        "| run | seed | seconds | faults injected | restarts | inputs | valid | bad | hostile "
        "| provider and programme messages "
        "| escalations | events | lost | duplicated | out of order | dead-lettered | wrong dead letters | other wrong "
        "| stuck partitions | republished copies | falsely acknowledged | verdict |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in reports:
        f = r.verdict.figures
        injected = ", ".join(f"{k} {v}" for k, v in sorted(r.faults.items())) or "none"
        lines.append(
            f"| {r.run} | {r.seed} | {r.seconds} | {injected} | {r.restarts} "
            f"| {f['inputs']} | {f['valid']} | {f['bad']} | {f['hostile']} "
            f"| {f['contract_messages']} | {f['escalations']} "
            f"| {f['events_on_topics']} | {f['lost']} | {f['duplicated']} | {f['out_of_order']} | {f['dead_lettered']} "
            f"| {f['wrong_dead_letters']} | {f['wrong']} | {f.get('stuck_partitions', 0)} | {f['republished_copies']} "
            f"| {r.false_acknowledgements} "
            f"| {'pass' if r.passed else 'FAIL'} |"
        )
    lines += [
        "",
        f"Totals over {len(reports)} run(s): faults {sum(faults.values())} "
        f"({', '.join(f'{k} {v}' for k, v in sorted(faults.items()))}), events {totals.get('events_on_topics', 0)}, "
        f"lost {totals.get('lost', 0)}, duplicated {totals.get('duplicated', 0)}, "
        f"out of order {totals.get('out_of_order', 0)}, dead-lettered {totals.get('dead_lettered', 0)}, "
        f"stuck partitions {totals.get('stuck_partitions', 0)}.",
    ]
    for r in reports:
        lines += [f"- run {r.run}: {problem}" for problem in r.verdict.problems]
        lines += [f"- run {r.run} (note): {note}" for note in r.notes]
    return "\n".join(lines) + "\n" + LEGEND


LEGEND = """
Each run has two phases. Phase 1: referrals from the three authorities (about one in eight refused
at screening), bad records of eight kinds, and the fuzz phase's *hostile* records (every mutation of
`ddp_testkit.hostile_records`: keys with NUL, invalid UTF-8 or 50 KB; repeated, binary or
unprintable CloudEvents headers; hundreds of foreign headers; NUL, unpaired surrogates, NaN, deep
nesting or unreadable numbers in the value; made-up field names seeded with personal data), spread
over every inbound topic and sent in bursts between the paced inputs, all while the phase-1 faults
fire. Phase 2, through
the published contracts ([provider-contract.md](provider-contract.md)): for every case with a
drafted plan the programme team agrees the plan and assigns its mentoring to a provider; once that
shows on `ddp.interventions.events`, the provider accepts, schedules two sessions in the case's
first week and reports both as unacceptable absences, each provider message sent twice with one
event id (a redelivery), while the phase-2 faults fire, so that compliance escalates under faults.
The services run as `faststream run ddp_testkit.service_with_faults:<service>`: built by their own
bootstrap, with the outbox relay replaced by one that exits between publishing and marking
published at the profile's rate (`DDP_FAULT_RELAY_EXIT_RATE`).

The evidence is what the platform published (every registry topic but the re-drive ones) and what
the services answer on their own read interfaces (`/health/ready` of every instance, interventions'
progress of each case), never their databases. Effects are counted by distinct event id per
business key (referral, case, session, escalation): a republished copy keeps its id and counts once,
a second effect has an id of its own.

What each column means: *faults injected*, by kind, over both phases; *restarts*, instances the
supervisor started again after they exited (SIGKILL, SIGTERM, or the relay exiting on purpose);
*provider and programme messages*, phase 2's distinct messages; *escalations*, distinct warnings,
breach referrals and engagement concerns; *events*, distinct event ids on the platform's topics;
*lost*, a valid input without its effect (referral received, the sender's acknowledgement or
rejection, case opened, plan drafted, compliance record opened, the one effect of each programme or
provider message), a mandated case without escalation, an escalation that never reached an agency
it is addressed to, or an event naming as its cause an event that is on no topic (acknowledged,
acted on, then lost); *duplicated*, two different events for one referral, case, session or
escalation (on the compliance topic, or on an agency's own topic), one situation with two standing
escalations, a case no input asked for, a record dead-lettered twice;
*out of order*, on one key a later stage of a case's way before an earlier one (referral received,
then rejected; plan drafted, agreed, provider assigned, assignment accepted, sessions scheduled,
sessions missed; compliance record opened, then non-compliance recorded); *wrong dead letters*, a
dead letter for a record that was not a bad or hostile input, by a service other than the one that
judges it, or with the wrong reason (a hostile record not dead-lettered counts as *lost*: its
partition was blocked or it was skipped); *other wrong*, a valid message refused, a refused referral
acknowledged, a voluntary case referred for breach, interventions' progress disagreeing with its
topic, an instance not ready at the end, a service log (tracebacks included) holding any of the
text hostile records seed, a stuck partition; *stuck partitions*, partitions a service's consumer
group had not committed to the end of, 90 s after the last effect showed (blocked or skipped);
*republished copies*, the same event id on a topic more than once (relay crashes, redeliveries);
*falsely acknowledged*, a probe write acknowledged while two of three brokers were down (must be 0).

Where the topics cannot tell, the battery used to read the services' databases: "every outbox row
marked published is on its topic". It now checks instead that every event a published event names
as its cause is on a topic, and that each case has its whole set of effects.
"""
