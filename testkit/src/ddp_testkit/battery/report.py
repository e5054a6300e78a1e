"""Battery figures as text: printed after a run, and written to docs/ by the full battery."""

from ddp_cli.battery.profiles import Profile
from ddp_cli.battery.runner import RunReport


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
        "| run | seed | seconds | faults injected | restarts | inputs | valid | bad | escalations | events | lost "
        "| duplicated | out of order | dead-lettered | wrong dead letters | republished copies | falsely acknowledged "
        "| verdict |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in reports:
        f = r.verdict.figures
        injected = ", ".join(f"{k} {v}" for k, v in sorted(r.faults.items())) or "none"
        lines.append(
            f"| {r.run} | {r.seed} | {r.seconds} | {injected} | {r.restarts} "
            f"| {f['inputs']} | {f['valid']} | {f['bad']} | {f['escalations']} "
            f"| {f['events_on_topics']} | {f['lost']} | {f['duplicated']} | {f['out_of_order']} | {f['dead_lettered']} "
            f"| {f['wrong_dead_letters']} | {f['republished_copies']} | {r.false_acknowledgements} "
            f"| {'pass' if r.passed else 'FAIL'} |"
        )
    lines += [
        "",
        f"Totals over {len(reports)} run(s): faults {sum(faults.values())} "
        f"({', '.join(f'{k} {v}' for k, v in sorted(faults.items()))}), events {totals.get('events_on_topics', 0)}, "
        f"lost {totals.get('lost', 0)}, duplicated {totals.get('duplicated', 0)}, "
        f"dead-lettered {totals.get('dead_lettered', 0)}.",
    ]
    for r in reports:
        for problem in r.verdict.lost + r.verdict.duplicated + r.verdict.out_of_order + r.verdict.wrong_dead_letters:
            lines.append(f"- run {r.run}: {problem}")
    return "\n".join(lines) + "\n"
