"""Row heights for wrapped Chinese text (Excel and LibreOffice never auto-fit them).

A CJK character is about two "width units" (one unit = one digit of the
default font, the unit Excel column widths are given in) at 11 pt; other
characters about one. Both scale with the font size. A row must hold, for
every cell, the number of wrapped lines its text needs at that column width.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Iterable


def text_units(text: str) -> float:
    """Width of a line of text in column-width units (at 11 pt).

    A character of three or more bytes in UTF-8 (CJK, full-width forms, and the punctuation
    Chinese fonts draw wide: “ ” … — ·) counts 2 units; any other 1.1.
    """
    chars = len(text)
    wide = (len(text.encode("utf-8")) - chars) >> 1
    return wide * 2.0 + (chars - wide) * 1.1


@lru_cache(maxsize=8192)  # the report writes each answer twice (main sheet and feedback sheet)
def lines_needed(text: str, width: float, *, font_size: float = 11) -> int:
    """How many lines ``text`` wraps to in a column ``width`` units wide."""
    usable = max(width - 1.0, 1.0) * 11 / font_size  # cell padding; units scale with the font
    if "\n" not in text:
        return max(1, math.ceil(text_units(text) / usable))
    return sum(max(1, math.ceil(text_units(para) / usable)) for para in text.split("\n"))


@lru_cache(maxsize=1024)
def lines_height(lines: int, *, font_size: float = 11, minimum: float = 15) -> float:
    """Points needed by ``lines`` lines of text in ``font_size``."""
    return max(minimum, round(lines * font_size * 1.4 + 4, 1))


def row_height(cells: Iterable[tuple[str, float]], *, font_size: float = 11, minimum: float = 15) -> float:
    """Points needed by a row whose cells are (text, column width) pairs."""
    half = 5.5 / font_size  # a character is at most 2 units: (width - 1) * half characters surely fit a line
    lines = 1
    for text, width in cells:
        if len(text) > (width - 1.0) * half * lines or "\n" in text:
            n = lines_needed(text, width, font_size=font_size)
            if n > lines:
                lines = n
    return lines_height(lines, font_size=font_size, minimum=minimum)
