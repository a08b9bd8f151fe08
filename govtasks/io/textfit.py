"""Row heights for wrapped Chinese text (Excel and LibreOffice never auto-fit them).

A CJK character is about two "width units" (one unit = one digit of the
default font, the unit Excel column widths are given in) at 11 pt; other
characters about one. Both scale with the font size. A row must hold, for
every cell, the number of wrapped lines its text needs at that column width.
"""

from __future__ import annotations

import math
import re
import unicodedata

_WIDE = re.compile(
    "[\u00b7\u1100-\u115f\u2010-\u2027\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff"
    "\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd]"
)
"""Characters a CJK font draws full width: CJK, full-width forms, and the
ambiguous-width punctuation (“ ” … — ·) that Chinese fonts draw wide."""


def char_units(ch: str) -> float:
    """Width of one character in Excel column-width units (at 11 pt)."""
    return 2.0 if unicodedata.east_asian_width(ch) in ("W", "F") else 1.1


def text_units(text: str) -> float:
    """Width of a line of text in column-width units (at 11 pt)."""
    if text.isascii():
        return len(text) * 1.1
    wide = len(_WIDE.findall(text))
    return wide * 2.0 + (len(text) - wide) * 1.1


def lines_needed(text: str, width: float, *, font_size: float = 11) -> int:
    """How many lines ``text`` wraps to in a column ``width`` units wide."""
    usable = max(width - 1.0, 1.0)  # cell padding
    scale = font_size / 11
    return sum(max(1, math.ceil(text_units(para) * scale / usable)) for para in (text or "").split("\n"))


def lines_height(lines: int, *, font_size: float = 11, minimum: float = 15) -> float:
    """Points needed by ``lines`` lines of text in ``font_size``."""
    return max(minimum, round(lines * font_size * 1.4 + 4, 1))


def row_height(cells: list[tuple[str, float]], *, font_size: float = 11, minimum: float = 15) -> float:
    """Points needed by a row whose cells are (text, column width) pairs."""
    lines = max((lines_needed(t, w, font_size=font_size) for t, w in cells if t), default=1)
    return lines_height(lines, font_size=font_size, minimum=minimum)
