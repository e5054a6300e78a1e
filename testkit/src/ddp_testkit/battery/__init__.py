"""The fault battery: a generated workload through the three services on real Kafka and PostgreSQL,
with faults injected while it runs, then a check of the delivery guarantees."""
