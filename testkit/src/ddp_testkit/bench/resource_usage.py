"""CPU time and peak memory of the processes a benchmark drives, read from the kernel.

Services are child processes (``/proc/<pid>``); Kafka and PostgreSQL are containers, read
through their cgroup's CPU accounting. The benchmark process itself is counted too: it is
the agencies and the readers, and its share is part of what the machine spends.
"""

import os
import resource
from dataclasses import dataclass
from pathlib import Path

_TICKS = os.sysconf("SC_CLK_TCK")


def process_cpu_seconds(pid: int) -> float:
    """User + system CPU of ``pid`` so far (its threads included)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / _TICKS


def peak_rss_megabytes(pid: int) -> float:
    """The process's resident-set high-water mark (``VmHWM``)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def container_cpu_seconds(container_id: str) -> float:
    """CPU of every process in the container so far (cgroup v1 ``cpuacct`` or v2 ``cpu.stat``)."""
    for v1 in (
        Path(f"/sys/fs/cgroup/cpuacct/docker/{container_id}/cpuacct.usage"),
        Path(f"/sys/fs/cgroup/cpu,cpuacct/docker/{container_id}/cpuacct.usage"),
    ):
        if v1.exists():
            return int(v1.read_text()) / 1e9
    for v2 in (
        Path(f"/sys/fs/cgroup/system.slice/docker-{container_id}.scope/cpu.stat"),
        Path(f"/sys/fs/cgroup/docker/{container_id}/cpu.stat"),
    ):
        if v2.exists():
            usage = dict(line.split() for line in v2.read_text().splitlines())
            return int(usage["usage_usec"]) / 1e6
    raise FileNotFoundError(f"no CPU accounting found for container {container_id[:12]}")


def own_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


@dataclass(frozen=True)
class CpuMeter:
    """Reads every party's CPU at once; two readings give what a stage cost each of them."""

    pids: dict[str, int]
    containers: dict[str, str]

    def read(self) -> dict[str, float]:
        reading = {name: process_cpu_seconds(pid) for name, pid in self.pids.items()}
        reading.update({name: container_cpu_seconds(cid) for name, cid in self.containers.items()})
        reading["bench (agency + readers)"] = own_cpu_seconds()
        return reading

    @staticmethod
    def spent(before: dict[str, float], after: dict[str, float]) -> dict[str, float]:
        return {name: after[name] - before[name] for name in after}

    def peak_rss(self) -> dict[str, float]:
        return {name: peak_rss_megabytes(pid) for name, pid in self.pids.items()}
