"""The metric names the services' /metrics carry, for checking what alerts and dashboards read."""


def exported_metric_names() -> set[str]:
    """What the services' /metrics carry: the runtime's metrics and compliance's workload gauges."""
    from ddp_compliance.adapters.workload_queries import workload_gauges
    from ddp_messaging.clock import system_clock
    from ddp_messaging.metrics import ServiceMetrics

    metrics = ServiceMetrics(workload=workload_gauges(system_clock))
    names = {"up"}
    for family in metrics.registry.collect():
        names.add(family.name)
        names.update(sample.name for sample in family.samples)
        names.update(f"{family.name}{suffix}" for suffix in ("_total", "_bucket", "_count", "_sum"))
    return names
