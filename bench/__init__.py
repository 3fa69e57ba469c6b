"""Benchmarks: each module with a run() function measures coprod against a baseline in one run."""
