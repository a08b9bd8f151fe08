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
def paused_gc() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for bulk work (thousands of workbooks or cells).

    Reading returns and writing the report create hundreds of thousands of small,
    acyclic objects; every collection would walk all the live ones again (≈ 20 % of
    the run). Reference counting still frees everything; collection resumes after.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
