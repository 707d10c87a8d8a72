"""Session set-up: the on-disk cache of compiled packs goes to a temporary folder, never to
the user's home (tests that exercise the cache point it elsewhere themselves)."""

from __future__ import annotations

import os
import tempfile

from hypothesis import HealthCheck, settings

os.environ.setdefault("SMSCHECK_CACHE_DIR", tempfile.mkdtemp(prefix="smscheck-test-cache-"))

# Property tests must not depend on the machine's speed or on earlier runs: no per-example
# deadline (hypothesis's default 200 ms fails a loaded CI machine), no too-slow health check,
# the same examples in every run, and no example database carried between runs.
settings.register_profile(
    "smscheck",
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("smscheck")
