"""Checking many messages: :func:`check_many`, in order, inline or in worker processes."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal, overload

if TYPE_CHECKING:
    from .checker import Checker
    from .models import Summary, Verdict

Item = str | Mapping[str, Any]

# Below this many messages a process pool costs more to start than it saves.
_POOL_THRESHOLD = 2_000
_CHUNK = 256


def item_args(item: Item, index: int) -> tuple[str, dict[str, Any]]:
    """Split an input item into ``text`` and the keyword arguments of ``check``.

    An item is a ``str`` or a mapping with ``text`` and optional ``sender``, ``received_at``
    (aware ``datetime`` or ISO 8601 string with an offset) and ``locale``.

    Raises:
        TypeError: the item is neither, or ``text`` is missing or not a string.
        ValueError: ``received_at`` cannot be read or has no time zone.
    """
    if isinstance(item, str):
        return item, {}
    if not isinstance(item, Mapping):
        raise TypeError(
            f"item {index}: expected a str or a mapping with 'text', not {type(item).__name__}"
        )
    text = item.get("text")
    if not isinstance(text, str):
        raise TypeError(f"item {index}: 'text' must be a str, not {type(text).__name__}")
    kwargs: dict[str, Any] = {}
    sender = item.get("sender")
    if sender is not None and sender != "":
        kwargs["sender"] = str(sender)
    when = item.get("received_at")
    if isinstance(when, str) and when:
        from .models import parse_datetime

        try:
            when = parse_datetime(when)
        except ValueError:
            raise ValueError(
                f"item {index}: received_at {item['received_at']!r} is not ISO 8601 "
                "(e.g. 2024-12-13T20:46:00+08:00)"
            ) from None
    if isinstance(when, datetime):
        if when.tzinfo is None:
            raise ValueError(f"item {index}: received_at {when.isoformat()} has no time zone")
        kwargs["received_at"] = when
    elif when not in (None, ""):
        raise TypeError(f"item {index}: received_at must be a datetime or ISO string")
    locale = item.get("locale")
    if locale:
        kwargs["locale"] = locale
    return text, kwargs


Mode = Literal["verdict", "summary", "record"]


def _check_inline(
    checker: Checker, items: Iterable[Item], start: int, mode: Mode = "verdict"
) -> Iterator[Any]:
    if mode == "verdict":
        for i, item in enumerate(items, start):
            text, kwargs = item_args(item, i)
            yield checker.check(text, **kwargs)
        return
    for i, item in enumerate(items, start):
        text, kwargs = item_args(item, i)
        s = checker.summarize(text, **kwargs)
        yield s if mode == "summary" else summary_record(s)


def summary_record(s: Summary) -> dict[str, Any]:
    """What ``smscheck batch`` writes for a message (before its line and id fields): small
    enough to send back from a worker process cheaply, unlike the whole parsed message."""
    p = s.parsed
    return {
        "label": s.label.value,
        "score": s.score,
        "hits": list(s.rule_ids),
        "deadline": p.deadline.isoformat() if p.deadline else None,
        "amounts": [f"{a.value} {a.currency}" for a in p.amounts],
    }


_worker_checker: Checker | None = None
_worker_mode: Mode = "verdict"


def _init_worker(checker: Checker, mode: Mode = "verdict") -> None:
    global _worker_checker, _worker_mode
    _worker_checker = checker
    _worker_mode = mode


def _check_chunk(chunk: tuple[int, list[Item]]) -> list[Any]:
    assert _worker_checker is not None
    start, items = chunk
    return list(_check_inline(_worker_checker, items, start, _worker_mode))


def _chunks(items: Iterator[Item], size: int) -> Iterator[tuple[int, list[Item]]]:
    start = 0
    while True:
        chunk = list(itertools.islice(items, size))
        if not chunk:
            return
        yield start, chunk
        start += len(chunk)


@overload
def check_many(
    items: Iterable[Item],
    *,
    checker: Checker | None = None,
    workers: int | None = None,
    summary: Literal[False] = False,
) -> Iterator[Verdict]: ...


@overload
def check_many(
    items: Iterable[Item],
    *,
    checker: Checker | None = None,
    workers: int | None = None,
    summary: Literal[True],
) -> Iterator[Summary]: ...


def check_many(
    items: Iterable[Item],
    *,
    checker: Checker | None = None,
    workers: int | None = None,
    summary: bool = False,
) -> Iterator[Verdict | Summary]:
    """Check many messages and yield one :class:`Verdict` per item, in input order.

    ``summary=True`` yields a :class:`~smscheck.models.Summary` instead (label, score, rule
    ids, parsed message: see :meth:`Checker.summarize`), about a fifth faster.

    ``workers=None`` chooses: inline for small inputs, otherwise a process pool of one worker
    per core once more than 2,000 messages have been seen. ``workers=1`` never starts
    processes. Each worker receives the checker once (it pickles without its compiled state
    and rebuilds it), then chunks of messages.

    Raises:
        ValueError: ``workers`` is below 1 (at the call).
        TypeError / ValueError: an item is malformed (see :func:`item_args`); earlier
            verdicts have already been yielded.

    >>> [v.label.value for v in check_many(["【京东金融】您的白条已逾期3天，应还1,234.56元，"
    ...   "请登录京东金融App还款。", {"text": "我是法院，速转保证金到个人账户", "sender": "13812345678"}])]
    ['legitimate', 'forged']
    """
    return _run(items, checker, workers, "summary" if summary else "verdict")


def batch_records(
    items: Iterable[Item], *, checker: Checker | None = None, workers: int | None = None
) -> Iterator[dict[str, Any]]:
    """:func:`summary_record` of each item, in order, computed where the check runs (in the
    worker processes, so only these small records travel back)."""
    return _run(items, checker, workers, "record")


def _run(
    items: Iterable[Item], checker: Checker | None, workers: int | None, mode: Mode
) -> Iterator[Any]:
    """Check in order: inline, or in a process pool once the input is large (see
    :func:`check_many`)."""
    from .checker import default_checker

    if workers is not None and workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    return _results(checker if checker is not None else default_checker(), iter(items), workers,
                    mode)  # fmt: skip


def _results(chk: Checker, it: Iterator[Item], workers: int | None, mode: Mode) -> Iterator[Any]:
    if workers == 1:
        yield from _check_inline(chk, it, 0, mode)
        return
    n_workers = workers or (os.cpu_count() or 1)
    head = list(itertools.islice(it, _POOL_THRESHOLD))
    if n_workers == 1 or (workers is None and len(head) < _POOL_THRESHOLD):
        yield from _check_inline(chk, head, 0, mode)
        return
    import multiprocessing

    stream = itertools.chain(head, it)
    ctx = multiprocessing.get_context("spawn" if os.name != "posix" else "fork")
    with ctx.Pool(n_workers, initializer=_init_worker, initargs=(chk, mode)) as pool:
        for results in pool.imap(_check_chunk, _chunks(stream, _CHUNK)):
            yield from results
