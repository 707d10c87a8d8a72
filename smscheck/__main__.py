"""``python -m smscheck``."""

from .cli import main

raise SystemExit(main())
