"""An on-disk cache of the compiled shipped rule packs and registry, for a faster cold start.

Compiling the shipped zh-CN pack (YAML, validation, regex analysis, the term index) takes
about 60 ms and the registry about 45 ms; unpickling them takes about 5 ms. The first process
that compiles one stores it; later processes load it.

Where: ``$SMSCHECK_CACHE_DIR`` if set (an empty value turns the cache off), else
``$XDG_CACHE_HOME/smscheck``, else ``~/.cache/smscheck``.

Safety:

* The file name carries a SHA-256 fingerprint of everything the compiled object depends on:
  the Python, pydantic and regex versions, the source of every module of this package, and
  the paths and bytes of the rule files. Any change gives a new name, so a stale file is never read;
  when one is written, only the four newest entries of its kind are kept (several installs may
  share the folder; upgrades do not pile up).
* A file is read only if it belongs to the current user and nobody else may write to it or
  to its folder (the cache holds pickles, which can run code when loaded).
* Any failure (a read-only home, a corrupt or truncated file, a full disk) falls back to
  compiling, silently: the cache only ever saves time.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

FORMAT = 1  # bump when the meaning of a cached object changes without a source change
_PACKAGE = Path(__file__).resolve().parent


def cache_dir() -> Path | None:
    """The cache folder, or ``None`` when the cache is turned off."""
    env = os.environ.get("SMSCHECK_CACHE_DIR")
    if env is not None:
        return Path(env) if env.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    if not os.path.isabs(base):  # "~" could not be expanded (no HOME): no cache
        return None
    return Path(base) / "smscheck"


@functools.lru_cache(maxsize=1)
def _code_fingerprint() -> bytes:
    """Versions and the source of this package: what the pickled classes and their compiler
    are made of (about 1 ms, once per process)."""
    import pydantic
    import regex

    h = hashlib.sha256(f"{FORMAT}|{sys.version}|{pydantic.VERSION}|{regex.__version__}".encode())
    for f in sorted(_PACKAGE.rglob("*.py")):
        h.update(f.relative_to(_PACKAGE).as_posix().encode() + b"\0")
        h.update(f.read_bytes())
    return h.digest()


def fingerprint(files: Iterable[Path]) -> str:
    """Hex digest of the package's code and the named files (full paths and bytes: compiled
    rules remember the path they came from, for messages)."""
    h = hashlib.sha256(_code_fingerprint())
    for f in sorted(files):
        h.update(str(f.resolve()).encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()


def _safe(path: Path) -> bool:
    """Owned by this user and not writable by anyone else (the file and its folder)."""
    if not hasattr(os, "getuid"):  # Windows: per-user profile folders
        return True
    uid = os.getuid()
    for p in (path, path.parent):
        st = os.stat(p)
        if st.st_uid != uid or st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            return False
    return True


def load_or_build(name: str, files: Iterable[Path], build: Callable[[], T], kind: type[T]) -> T:
    """The object cached under ``name`` for these ``files``, or ``build()`` (then cached).

    ``kind`` is the type the object must have; anything else in the file counts as a miss.
    """
    folder = cache_dir()
    if folder is None:
        return build()
    try:
        key = fingerprint(files)
    except OSError:
        return build()
    path = folder / f"{name}-{key[:32]}.pickle"
    with contextlib.suppress(Exception):  # any problem reading: compile instead
        if path.is_file() and _safe(path):
            with path.open("rb") as fh:
                got = pickle.load(fh)
            if isinstance(got, kind):
                return got
    obj = build()
    _store(folder, name, path, obj)
    return obj


_KEEP = 4  # entries kept per name


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _store(folder: Path, name: str, path: Path, obj: object) -> None:
    """Write ``obj`` atomically; keep only the newest few entries of ``name``. Never raises."""
    try:
        data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        # Keep the few newest entries of this name (several installs or versions may share
        # the folder), remove older ones so upgrades do not pile up.
        entries = sorted(folder.glob(f"{name}-*.pickle"), key=_mtime, reverse=True)
        for old in entries[_KEEP:]:
            if old != path:
                with contextlib.suppress(OSError):
                    old.unlink()
    except Exception:  # a cache that cannot be written only costs time
        pass
