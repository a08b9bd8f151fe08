"""An XlsxWriter worksheet that takes whole rows of text and writes them straight as XML.

The report's tables are tens of thousands of rows of long text. Through XlsxWriter's cell
API every cell becomes a cell object, a shared-string entry, and at close a dozen method
calls and regex searches (≈ 6 µs a cell; 2.1 s for the 360,000 cells of 1,500 returns).
A :class:`TableSheet` keeps a row as the caller's own ``(values, formats, height)`` and,
when XlsxWriter assembles the sheet, writes it in one f-string per cell as an *inline
string* — the same XML XlsxWriter itself writes in its ``constant_memory`` mode, which
Excel, WPS, LibreOffice and calamine all read. Everything else (title, header, merged
section rows, column widths, print set-up, conditional formats) goes through XlsxWriter
as usual, and the two kinds of rows are written in row order.

One reader differs: openpyxl decodes the ``_xHHHH_`` escapes (control characters, which XML
cannot carry) in shared strings but not in inline strings, so it shows such a character as
``_x000B_``. Excel, WPS, LibreOffice and calamine decode both.

It relies on XlsxWriter internals, as of 3.3 (pyproject pins ``>=3.3,<4``; the tests
compare its output with XlsxWriter's own): ``Worksheet._write_rows`` and
``_assemble_xml_file`` (overridden; the rows XlsxWriter holds are written by calling
``_write_rows`` for each stretch between text rows, with ``dim_rowmin``/``dim_rowmax``
narrowed to the stretch), the attributes ``fh``, ``table``, ``row_info``,
``default_row_height``, ``xls_rowmax``/``xls_colmax``, and ``_check_dimensions`` and
``Format._get_xf_index``.
"""

from __future__ import annotations

import math
import re
from typing import Any, Sequence, Union

from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

# Text needs more than copying into <t> when it has XML's three specials, control characters
# (written as _xHHHH_), a literal _xHHHH_ (its underscore escaped as _x005F_) or the two
# non-characters U+FFFE/U+FFFF; and <t xml:space="preserve"> when it begins or ends with XML
# white space.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\ufffe\uffff]")
_XML_SPACE = " \t\n\r"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]")
_LITERAL_ESCAPE = re.compile(r"(_x[0-9A-Fa-f]{4}_)")


Value = Union[str, int, float]  # a text row's cell: text, or a number (written as XlsxWriter's write_number)


def _plain(text: str) -> bool:
    """True when ``text`` needs neither escaping nor white space preserved, whatever its cells'
    boundaries (tabs, line breaks and other non-printable characters send a row the careful way)."""
    return (text.isprintable() and " " not in text and "&" not in text and "<" not in text and ">" not in text
            and "_x" not in text)


def _needs_escape(text: str) -> bool:
    return ("&" in text or "<" in text or ">" in text or "_x" in text
            or (not text.isprintable() and _UNSAFE.search(text) is not None))


def _escaped(text: str) -> str:
    """``text`` as XlsxWriter escapes a string's data."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _LITERAL_ESCAPE.sub(r"_x005F\1", text)
    text = _CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", text)
    return text.replace("\ufffe", "_xFFFE_").replace("\uffff", "_xFFFF_")


class TableSheet(Worksheet):  # type: ignore[misc]  # XlsxWriter ships no type information
    """A worksheet with :meth:`text_row` besides XlsxWriter's usual methods."""

    def __init__(self) -> None:
        super().__init__()
        self._text_rows: dict[int, tuple[Sequence[Value], Sequence[Any], float]] = {}
        self._style_cache: dict[int, tuple[Sequence[Any], list[str], list[str]]] = {}
        self._text_width = 0  # the most cells a text row has
        self._height_attrs: dict[float, str] = {}

    def text_row(self, row: int, values: Sequence[Value], formats: Sequence[Any], height: float) -> None:
        """Row ``row`` (0-based): ``values[c]`` in column c with ``formats[c]`` (None: no format);
        an empty string writes no cell, and a number (0 too) a number cell. ``height`` in points,
        as ``set_row``.

        The sequences are kept, not copied, until the workbook is closed: pass ones that are
        not changed afterwards. A row must not also be given cells or a height through
        XlsxWriter's own methods.
        """
        if row in self.table or row in self.row_info:
            raise ValueError(f"row {row} already has cells or a height")
        if not 0 <= row < self.xls_rowmax or len(values) > self.xls_colmax:
            raise ValueError(f"row {row} is outside the worksheet")
        if len(values) > self._text_width:
            self._text_width = len(values)
        self._text_rows[row] = (values, formats, height)

    def _assemble_xml_file(self) -> None:  # called by XlsxWriter when the workbook is closed
        if self._text_rows:  # the sheet's dimension (written before the rows) covers the text rows, from column A
            self._check_dimensions(min(self._text_rows), 0)
            self._check_dimensions(max(self._text_rows), self._text_width - 1)
        super()._assemble_xml_file()
        # Written: let the rows go now. XlsxWriter's objects refer to each other in cycles, so
        # only the collector would free them, and it would first walk every row (B: 30 ms).
        self._text_rows, self._style_cache = {}, {}

    def _write_rows(self) -> None:  # called by XlsxWriter when it assembles the sheet
        own = self._text_rows
        if not own:
            super()._write_rows()
            return
        # (getattr: mypy cannot infer the types of XlsxWriter's attributes)
        first: int = getattr(self, "dim_rowmin")
        last: int = getattr(self, "dim_rowmax")
        clash = [r for r in own if self.table.get(r) or r in self.row_info]
        if clash:
            raise ValueError(f"rows {clash[:5]} were written both as text rows and as cells")
        start = first
        try:
            for run in _runs(sorted(own)):  # stretches of consecutive text rows
                if run[0] > start:  # XlsxWriter's own rows before this stretch
                    self.dim_rowmin, self.dim_rowmax = start, run[0] - 1
                    super()._write_rows()
                for i in range(0, len(run), 512):
                    self.fh.write(self._rows_xml(run[i:i + 512]))
                start = run[-1] + 1
            if start <= last:
                self.dim_rowmin, self.dim_rowmax = start, last
                super()._write_rows()
        finally:
            self.dim_rowmin, self.dim_rowmax = first, last

    def _rows_xml(self, rows: list[int]) -> str:
        """The XML of these text rows (the report's inner loop, kept flat on purpose)."""
        own, parts_of, heights = self._text_rows, self._cell_parts, self._height_attrs
        out = []
        for row in rows:
            values, formats, height = own[row]
            number = str(row + 1)
            heads, tails = parts_of(formats, len(values))
            size = heights.get(height)
            if size is None:
                size = heights[height] = self._height(height)
            try:  # one check for the whole row: most rows are plain text (a number makes join fail)
                plain = _plain("".join(values))  # type: ignore[arg-type]
            except TypeError:
                plain = False
            if plain:
                cells = "".join([f"{heads[c]}{number}{tails[c]}{v}</t></is></c>" for c, v in enumerate(values) if v])
                out.append(f'<row r="{number}"{size}>{cells}</row>')
            else:
                out.append(self._careful_row_xml(number, values, heads, tails, size))
        return "".join(out)

    def _careful_row_xml(self, number: str, values: Sequence[Value], heads: Sequence[str], tails: Sequence[str],
                         size: str) -> str:
        cells = []
        for c, value in enumerate(values):
            if not isinstance(value, str):
                cells.append(f"{heads[c]}{number}{_number_tail(tails[c])}<v>{_number(value)}</v></c>")
            elif value:
                tail = tails[c]
                if value[0] in _XML_SPACE or value[-1] in _XML_SPACE:
                    tail = tail[:-1] + ' xml:space="preserve">'
                if _needs_escape(value):
                    value = _escaped(value)
                cells.append(f"{heads[c]}{number}{tail}{value}</t></is></c>")
        return f'<row r="{number}"{size}>{"".join(cells)}</row>'

    def _height(self, height: float) -> str:
        pixels = int(height * 4.0 / 3.0 + 0.5)  # as set_row: Excel stores whole pixels
        return "" if pixels == self.default_row_height else f' ht="{pixels * 0.75:.16g}" customHeight="1"'

    def _cell_parts(self, formats: Sequence[Any], count: int) -> tuple[list[str], list[str]]:
        """Each column's cell XML before and after the row number, for this sequence of formats."""
        hit = self._style_cache.get(id(formats))
        if hit is None or hit[0] is not formats:
            names = _column_names(count)
            styles = [f' s="{f._get_xf_index()}"' if f is not None else "" for f in formats]
            hit = (formats, [f'<c r="{name}' for name in names], [f'"{s} t="inlineStr"><is><t>' for s in styles])
            self._style_cache[id(formats)] = hit
        return hit[1], hit[2]


def _number_tail(tail: str) -> str:
    """A string cell's tail (``"" s="3" t="inlineStr"><is><t>``) made a number cell's (``"" s="3">``)."""
    return tail[:tail.index(" t=")] + ">"


def _number(value: int | float) -> str:
    """As XlsxWriter's write_number writes it (which also refuses NaN and infinities)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"a text row's cell must be text or a number, not {value!r}")
    if math.isnan(value) or math.isinf(value):
        raise TypeError(f"NaN and infinities cannot be written as numbers: {value!r}")
    return f"{value:.16G}"


def _runs(rows: list[int]) -> list[list[int]]:
    """Sorted row numbers split into runs of consecutive ones."""
    runs: list[list[int]] = []
    for r in rows:
        if runs and runs[-1][-1] == r - 1:
            runs[-1].append(r)
        else:
            runs.append([r])
    return runs


_NAMES = [xl_col_to_name(c) for c in range(64)]  # fixed: reports may be written from several threads


def _column_names(count: int) -> list[str]:
    return _NAMES if count <= len(_NAMES) else [xl_col_to_name(c) for c in range(count)]
