"""The ``ddp`` command: run the platform locally, provision topics, watch topics, feed demo cases."""
