"""CLI sub-commands, one module each (see :mod:`smscheck.cli`)."""
