"""The speed benchmarks: `python benchmarks/run.py` runs every section and writes RESULTS.md."""
