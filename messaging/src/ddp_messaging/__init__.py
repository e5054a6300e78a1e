"""The delivery runtime every DDP service runs on.

One implementation of the guarantees in DESIGN.md (transactional outbox, inbox, dead
letters with reasons, retry of transient faults, health), so that the three services
cannot drift apart in how they deliver.
"""
