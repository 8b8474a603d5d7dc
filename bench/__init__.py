"""Benchmarks that print the figures the issues name. Each script runs on its own:
`python bench/extract.py`, `python -m bench` for the suite."""
