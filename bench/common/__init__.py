"""Helpers shared by `bench.accuracy` and `bench.speed`: corpus, normalization, machine, README."""
