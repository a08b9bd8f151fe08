"""Row heights for wrapped Chinese text (Excel and LibreOffice never auto-fit them).

A CJK character is about two "width units" (one unit = one digit of the
default font, the unit Excel column widths are given in); other characters
about one. A row must hold, for every cell, the number of wrapped lines its
text needs at that column width.
"""

from __future__ import annotations

import math
import unicodedata


def char_units(ch: str) -> float:
    """Width of one character in Excel column-width units."""
    return 2.0 if unicodedata.east_asian_width(ch) in ("W", "F") else 1.1


def lines_needed(text: str, width: float) -> int:
    """How many lines ``text`` wraps to in a column ``width`` units wide."""
    usable = max(width - 1.0, 1.0)  # cell padding
    total = 0
    for para in (text or "").split("\n"):
        units = sum(char_units(ch) for ch in para)
        total += max(1, math.ceil(units / usable))
    return total


def row_height(cells: list[tuple[str, float]], *, font_size: float = 11, minimum: float = 15) -> float:
    """Points needed by a row whose cells are (text, column width) pairs."""
    lines = max((lines_needed(t, w) for t, w in cells if t), default=1)
    return max(minimum, round(lines * font_size * 1.4 + 4, 1))
