"""Benchmarks: a seeded generator of realistic datasets, and the script that times them."""
