"""Development and test apparatus: containers, the local platform, the demo feed, the agency simulator
and the fault battery. Never installed where the platform runs."""
