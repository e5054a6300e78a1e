"""The on-call web console: what an engineer opens at 3 a.m., for what no generic Kafka UI knows."""
