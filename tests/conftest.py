"""Shared test settings.

Hypothesis profiles: ``dev`` (default, quick) and ``ci`` (more examples, no
deadline: the CI machine is shared and slow). Pick one with HYPOTHESIS_PROFILE;
on CI (CI=true) ``ci`` is the default.
"""
from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile("dev", max_examples=60, deadline=None)
settings.register_profile("ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") == "true" else "dev"))
