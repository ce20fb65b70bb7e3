"""The benchmark-database generator, in parts: see :mod:`benchmarks.gen.api`."""
