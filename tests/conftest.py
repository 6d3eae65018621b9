"""Shared test settings: Hypothesis profiles, the default fast and repeatable (derandomised)."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

from hypothesis import HealthCheck, settings

from grprojects._cache import CACHE_VARIABLE

# The suite, and every process it starts, caches in a directory of its own, never the user's.
os.environ[CACHE_VARIABLE] = tempfile.mkdtemp(prefix="grprojects-test-cache-")
atexit.register(shutil.rmtree, os.environ[CACHE_VARIABLE], ignore_errors=True)

settings.register_profile(
    "default",
    max_examples=20,  # with two workers, the suite stays within the README's three minutes
    deadline=None,
    derandomize=True,  # the same examples on every run, so a green suite stays green
    database=None,  # nothing remembered between runs either
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "thorough",  # make test-thorough: new random examples each run, many more of them
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
