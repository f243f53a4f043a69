"""Benchmarks of conflictgraph against the baselines the issue names: ``python -m bench``."""
