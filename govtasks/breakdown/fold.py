"""Folding text for matching: traditional characters to simplified (OpenCC), ASCII marks to full width.

Text is stored as written; folding is only for recognising words (header labels, annotation
labels, unit names). Both folds keep the length of the text, character for character, so a
place found in the folded text is the same place in the text as written.
"""

from __future__ import annotations

from functools import lru_cache

from govtasks._perf import memo

_HALF = ",:;!?()"
_FULL = "，：；！？（）"
_TO_FULL = str.maketrans(_HALF, _FULL)


@lru_cache(maxsize=1)
def _t2s():  # type: ignore[no-untyped-def]  # opencc ships no type information
    import opencc

    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """``text`` with traditional characters as simplified ones, of the same length.

    OpenCC converts phrases; where a phrase would change the length (it very seldom does),
    the text is converted character by character instead.
    """
    if text.isascii():
        return text
    converted: str = _t2s().convert(text)
    if len(converted) == len(text):
        return converted
    return "".join(c if len(c := _t2s().convert(ch)) == 1 else ch for ch in text)


@memo(65536)
def fold(text: str) -> str:
    """A short text (a label, a unit name) folded for comparison: simplified, full-width marks."""
    return simplified(text).translate(_TO_FULL)
