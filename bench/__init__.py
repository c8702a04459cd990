"""Benchmarks: a generated corpus, the pipeline's throughput, incremental cost and peak memory."""
