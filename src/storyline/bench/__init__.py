"""Benchmark entry points (``python -m storyline.bench.<name>``); never run by the test suite."""
