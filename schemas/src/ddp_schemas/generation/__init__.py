"""Artifacts generated from the event catalogue and the topic registry.

JSON Schemas, the AsyncAPI document, Kafka ACLs and the topic documentation are all derived
here, so they cannot drift from the models and ``topics.yaml``; ``ddp-schemas check`` proves
the committed copies are current.
"""
