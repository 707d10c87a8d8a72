"""Session set-up: the on-disk cache of compiled packs goes to a temporary folder, never to
the user's home (tests that exercise the cache point it elsewhere themselves)."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("SMSCHECK_CACHE_DIR", tempfile.mkdtemp(prefix="smscheck-test-cache-"))
