"""The ``ddp`` operator command: the topic registry, tail, dead letters and re-drive, case timelines.

It needs only a reachable Kafka cluster: no containers, no Docker, no service code.
"""
