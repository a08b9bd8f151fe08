"""Performance helpers shared by the bulk steps (import, read_returns, merge, write_report). Stdlib only."""

from __future__ import annotations

import contextlib
import functools
import gc
from typing import Any, Callable, Iterator, TypeVar

T = TypeVar("T")
_MEMOS: list[functools._lru_cache_wrapper[Any]] = []


def memo(maxsize: int) -> Callable[[Callable[..., T]], functools._lru_cache_wrapper[T]]:
    """``functools.lru_cache(maxsize)`` for pure parsers, registered so :func:`clear_memos` finds it."""
    def wrap(fn: Callable[..., T]) -> functools._lru_cache_wrapper[T]:
        cached = functools.lru_cache(maxsize=maxsize)(fn)
        _MEMOS.append(cached)
        return cached
    return wrap


def clear_memos() -> None:
    """Forget every memoised parser result (benchmarks use it to time cold runs)."""
    for cached in _MEMOS:
        cached.cache_clear()


@contextlib.contextmanager
def paused_gc(*, promote: bool = False) -> Iterator[None]:
    """Pause Python's cyclic garbage collector for bulk work (thousands of workbooks or cells).

    Reading returns and writing the report create hundreds of thousands of small,
    acyclic objects; every collection would walk all the live ones again (≈ 20 % of
    the run). Reference counting still frees everything; collection resumes after.

    ``promote``: for a step whose objects live on (the returns, the report) and that makes no
    cyclic garbage. On resuming, the first collection would walk every object made meanwhile
    (1,500 returns: 100,000 objects, 30–50 ms) only to keep them all; instead they go straight
    to the oldest generation (``gc.freeze()`` then ``gc.unfreeze()``: two list splices). The
    program's own young objects go with them, so cyclic garbage it made just before waits for
    the next full collection. Skipped when the program has frozen objects itself (unfreezing
    would undo that).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if promote and gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()
