"""How big a battery run is and which faults it injects."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Profile:
    name: str
    cases: int  # valid referrals (about one in eight is refused at screening)
    bad_copies: int  # how many of each kind of bad input
    hostile: int  # the fuzz phase: hostile records over every inbound topic, in bursts between the inputs
    feed_per_second: float
    brokers: int
    instances: dict[str, int]
    faults: dict[str, int]  # fault kind -> how many times per run
    relay_exit_rate: float  # chance a relay exits between publishing and marking published
    faults_phase_two: dict[str, int]  # while the programme team and the providers send
    contract_per_second: float = 25.0  # phase two's rate (records, copies included)
    settle_seconds: float = 240.0
    service_settings: dict[str, str] = field(default_factory=dict)


_FAST_GROUPS = {
    # A paused consumer must drop out of its group within the battery's time.
    "MAX_POLL_INTERVAL_MS": "8000",
    "SESSION_TIMEOUT_MS": "6000",
    "RETRY_MAX_SECONDS": "2",
}

REDUCED = Profile(
    name="reduced",
    cases=48,
    bad_copies=1,
    hostile=400,
    feed_per_second=2.0,
    brokers=1,
    instances={"referrals": 2},
    faults={"kill-9": 3, "sigterm-rolling": 1, "sigstop": 1, "postgres-restart": 1, "broker-restart": 1},
    relay_exit_rate=0.03,
    faults_phase_two={"kill-9": 2, "sigstop": 1},
    service_settings=_FAST_GROUPS,
)

FULL = Profile(
    name="full",
    cases=240,
    bad_copies=3,
    hostile=10_000,
    feed_per_second=3.0,
    brokers=3,
    instances={"referrals": 2, "interventions": 2},
    faults={
        "kill-9": 10,
        "sigterm-rolling": 2,
        "sigstop": 3,
        "postgres-restart": 2,
        "leader-kill": 4,
        "quorum-loss": 2,
        "broker-restart": 1,
    },
    relay_exit_rate=0.02,
    faults_phase_two={"kill-9": 4, "leader-kill": 2, "sigterm-rolling": 1, "postgres-restart": 1},
    contract_per_second=40.0,
    settle_seconds=420.0,
    service_settings=_FAST_GROUPS,
)

PROFILES = {p.name: p for p in (REDUCED, FULL)}
