"""Benchmarks that print their figures; run by hand (``python -m socialrx_desk.bench NAME``), smoke-tested in CI."""
