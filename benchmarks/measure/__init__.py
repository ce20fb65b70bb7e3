"""The measurements of the benchmark suite; :mod:`benchmarks.bench` runs them."""
