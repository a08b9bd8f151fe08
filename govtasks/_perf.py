"""Memoised pure parsers, registered so benchmarks can time cold runs. Stdlib only."""

from __future__ import annotations

import functools
from typing import Any, Callable, TypeVar

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
