"""Kafka and PostgreSQL in containers, for the run command and the test suites alike."""
