"""Import saved web pages (.html/.htm): every ``<table>`` becomes a text grid.

:func:`read_html` decodes the page (BOM, ``<meta charset>``, UTF-8, GB18030),
lays each table out as a :class:`~govtasks.xlsx.Sheet` the way a browser does
(``rowspan``/``colspan`` become merges; the value sits in the top-left cell)
and collects the page's visible text, block elements as lines. A table nested
in a cell is its own sheet, and its text also goes into the outer cell, one
line per row. :func:`import_html` reads the task tables with the table
importer, or hands the page text to a text importer.

What both document importers share lives in :mod:`govtasks.importers._document`.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Mapping, Sequence

from govtasks._types import PathLike
from govtasks.breakdown.document import TextImporter, breakdown_from_document, load_bytes
from govtasks.breakdown.draft import LeadRule
from govtasks.breakdown.wordnum import FORMATS
from govtasks.errors import WorkbookError
from govtasks.io.workbook import Sheet
from govtasks.model import Breakdown, RosterUnit

_BLOCK = frozenset({
    "address", "article", "aside", "blockquote", "center", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
    "ol", "p", "pre", "section", "ul",
})
_SKIP = frozenset({"script", "style", "noscript", "template", "title", "nav", "select", "iframe",
                   "svg", "object", "button", "textarea"})
_CHROME = frozenset({"header", "footer", "aside"})  # dropped unless inside <article>/<main>
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "param", "source", "track", "wbr"})
_SPACES = re.compile(r"[ \t\n\r\f]+")
_LIST_TYPES = {"1": ("decimal", ". "), "a": ("lowerLetter", ". "), "A": ("upperLetter", ". "),
               "i": ("lowerRoman", ". "), "I": ("upperRoman", ". ")}
"""``<ol type=…>`` → (the number format, what a browser writes after the number)."""
_LIST_STYLES = {
    "decimal": ("decimal", ". "), "decimal-leading-zero": ("decimalZero", ". "),
    "lower-alpha": ("lowerLetter", ". "), "lower-latin": ("lowerLetter", ". "),
    "upper-alpha": ("upperLetter", ". "), "upper-latin": ("upperLetter", ". "),
    "lower-roman": ("lowerRoman", ". "), "upper-roman": ("upperRoman", ". "),
    "cjk-ideographic": ("chineseCounting", "、"), "simp-chinese-informal": ("chineseCounting", "、"),
    "trad-chinese-informal": ("chineseCounting", "、"), "cjk-decimal": ("ideographDigital", "、"),
    "cjk-heavenly-stem": ("ideographTraditional", "、"), "none": ("", ""),
}
"""CSS ``list-style-type`` → (the number format, what a browser writes after the number)."""
_LIST_STYLE = re.compile(r"list-style(?:-type)?\s*:\s*([a-z-]+)")


@dataclass
class _List:
    """An open ``<ol>`` (the next number, its format) or ``<ul>`` (``fmt`` None: no numbers)."""

    fmt: str | None
    after: str = ""
    next: int = 1
    step: int = 1


def _open_list(tag: str, attrs: dict[str, str | None]) -> _List:
    """The numbering a browser gives the items of a list element."""
    if tag == "ul":
        return _List(None)
    fmt, after = _LIST_TYPES.get((attrs.get("type") or "1").strip(), ("decimal", ". "))
    m = _LIST_STYLE.search((attrs.get("style") or "").lower())
    if m and m.group(1) in _LIST_STYLES:
        fmt, after = _LIST_STYLES[m.group(1)]
    start = re.match(r"\s*(-?\d+)", attrs.get("start") or "")
    return _List(fmt or None, after, int(start.group(1)) if start else 1, -1 if "reversed" in attrs else 1)


_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_GB = {"gb2312", "gbk", "x-gbk", "gb_2312-80", "cp936", "euc-cn"}
_BINARY_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"%PDF")


class _Lines:
    """Text split into lines: ``soft`` breaks end a non-blank line, ``hard`` (``<br>``) always."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self._cur: list[str] = []

    def add(self, text: str) -> None:
        self._cur.append(text)

    def soft(self) -> None:
        if any(part.strip(" ") for part in self._cur):  # NBSP counts as content
            self.hard()

    def hard(self) -> None:
        self.lines.append(_clean_line("".join(self._cur)))
        self._cur = []

    def text(self) -> str:
        """The lines without leading/trailing blank lines, joined with newlines."""
        self.soft()
        lines = list(self.lines)
        while lines and not lines[-1]:
            lines.pop()
        while lines and not lines[0]:
            lines.pop(0)
        return "\n".join(lines)


def _clean_line(line: str) -> str:
    return re.sub(" {2,}", " ", line.replace("\xa0", " ")).strip()


@dataclass
class _Cell:
    text: _Lines
    rowspan: int
    colspan: int


@dataclass
class _Table:
    index: int
    lines_before: int
    rows: list[list[_Cell]] = field(default_factory=list)
    cell: _Cell | None = None
    row_open: bool = False
    caption: _Lines | None = None
    caption_text: str = ""


def _span(value: str | None, *, zero: int, limit: int) -> int:
    """A rowspan/colspan attribute; unreadable → 1, ``0`` → ``zero``."""
    m = re.match(r"\s*(\d+)", value or "")
    if not m:
        return 1
    n = int(m.group(1))
    return zero if n == 0 else min(n, limit)


def layout_table(rows: Sequence[Sequence[tuple[str, int, int]]]) -> tuple[list[list[str]], list[tuple[int, int, int, int]]]:
    """Place (text, rowspan, colspan) cells on a grid as browsers do (rowspan 0 = to the end).

    Returns the grid (value in the top-left cell of a span) and the merged ranges.
    """
    taken: set[tuple[int, int]] = set()
    values: dict[tuple[int, int], str] = {}
    merges: list[tuple[int, int, int, int]] = []
    for r, row in enumerate(rows):
        c = 0
        for text, rowspan, colspan in row:
            while (r, c) in taken:
                c += 1
            r1 = len(rows) - 1 if rowspan == 0 else min(r + rowspan, len(rows)) - 1
            c1 = c + colspan - 1
            taken.update((rr, cc) for rr in range(r, r1 + 1) for cc in range(c, c1 + 1))
            values[(r, c)] = text
            if r1 > r or c1 > c:
                merges.append((r, c, r1, c1))
            c = c1 + 1
    width = max((c for _, c in taken), default=-1) + 1
    grid = [[values.get((r, c), "") for c in range(width)] for r in range(len(rows))]
    return grid, merges


def flatten_grid(grid: Sequence[Sequence[str]]) -> list[str]:
    """A nested table as cell text: one line per non-empty row, its cells joined by a space."""
    lines = [" ".join(c.replace("\n", " ") for c in row if c.strip()) for row in grid]
    return [line for line in lines if line]


class _PageParser(HTMLParser):
    """Collects the tables (as sheets) and the visible text of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = _Lines()
        self.sheets: list[Sheet | None] = []
        self.before: dict[int, tuple[int, str]] = {}  # table index → (page lines before it, caption)
        self._tables: list[_Table] = []
        self._skip: tuple[str, int] | None = None  # (tag, depth) of a dropped element
        self._content_depth = 0  # open <article>/<main> elements
        self._lists: list[_List] = []  # open <ol>/<ul>, innermost last: an <ol>'s items are numbered

    # -- routing -------------------------------------------------------------
    def _targets(self) -> list[_Lines]:
        out = [self.page]
        if self._tables:
            table = self._tables[-1]
            if table.caption is not None:
                out.append(table.caption)
            elif table.cell is not None:
                out.append(table.cell.text)
        return out

    def handle_data(self, data: str) -> None:
        if self._skip is None:
            for lines in self._targets():
                lines.add(_SPACES.sub(" ", data))

    def _soft(self) -> None:
        for lines in self._targets():
            lines.soft()

    # -- tags ----------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skip is not None:
            if tag == self._skip[0]:
                self._skip = (tag, self._skip[1] + 1)
            return
        if tag not in _VOID and self._dropped(tag, dict(attrs)):
            self._skip = (tag, 1)
            return
        if tag in ("article", "main"):
            self._content_depth += 1
        if tag == "br":
            for lines in self._targets():
                lines.hard()
        elif tag in ("table", "tr", "td", "th", "thead", "tbody", "tfoot", "caption"):
            self._table_start(tag, dict(attrs))
        elif tag in _BLOCK:
            self._soft()
            if tag in ("ol", "ul"):
                self._lists.append(_open_list(tag, dict(attrs)))
            elif tag == "li" and self._lists and self._lists[-1].fmt is not None:
                self._number(self._lists[-1], dict(attrs))

    def _number(self, numbered: _List, attrs: dict[str, str | None]) -> None:
        """The number a browser shows before a list item ("1. ", "一、"), written as its text."""
        value = re.match(r"\s*(-?\d+)", attrs.get("value") or "")
        n = int(value.group(1)) if value else numbered.next
        numbered.next = n + numbered.step
        assert numbered.fmt is not None
        for lines in self._targets():
            lines.add(FORMATS.get(numbered.fmt, str)(n) + numbered.after)

    def handle_endtag(self, tag: str) -> None:
        if self._skip is not None:
            if tag == self._skip[0]:
                depth = self._skip[1] - 1
                self._skip = (tag, depth) if depth else None
            return
        if tag in ("article", "main"):
            self._content_depth = max(0, self._content_depth - 1)
        if tag in ("table", "tr", "td", "th", "thead", "tbody", "tfoot", "caption"):
            self._table_end(tag)
        elif tag in _BLOCK:
            self._soft()
            if tag in ("ol", "ul") and self._lists:
                self._lists.pop()

    def _dropped(self, tag: str, attrs: dict[str, str | None]) -> bool:
        """Scripts, styles, navigation, page header/footer chrome and hidden elements."""
        style = re.sub(r"\s+", "", (attrs.get("style") or "").lower())
        if "hidden" in attrs or "display:none" in style:
            return True
        return tag in _SKIP or (tag in _CHROME and not self._content_depth)

    # -- tables --------------------------------------------------------------
    def _table_start(self, tag: str, attrs: dict[str, str | None]) -> None:
        if tag == "table":
            self._soft()
            self._tables.append(_Table(index=len(self.sheets), lines_before=len(self.page.lines)))
            self.sheets.append(None)
            return
        if not self._tables:
            self._soft()  # a stray cell outside any table: just a block
            return
        table = self._tables[-1]
        self._close_cell(table)
        if tag == "caption":
            table.caption = _Lines()
        elif tag in ("td", "th"):
            if not table.row_open:
                table.rows.append([])
                table.row_open = True
            table.cell = _Cell(_Lines(), _span(attrs.get("rowspan"), zero=0, limit=65534),
                               _span(attrs.get("colspan"), zero=1, limit=1000))
            table.rows[-1].append(table.cell)
        else:
            table.row_open = False
            if tag == "tr":
                table.rows.append([])
                table.row_open = True

    def _table_end(self, tag: str) -> None:
        if not self._tables:
            self._soft()
            return
        table = self._tables[-1]
        self._close_cell(table)
        if tag in ("tr", "thead", "tbody", "tfoot", "table"):
            table.row_open = False
        if tag == "table":
            self._finish_table(self._tables.pop())

    def _close_cell(self, table: _Table) -> None:
        self.page.soft()
        if table.caption is not None:
            table.caption_text = table.caption.text()
            table.caption = None
        table.cell = None

    def _finish_table(self, table: _Table) -> None:
        rows = [[(c.text.text(), c.rowspan, c.colspan) for c in row] for row in table.rows]
        grid, merges = layout_table(rows)
        self.sheets[table.index] = Sheet(f"表{table.index + 1}", grid, merges)
        self.before[table.index] = (table.lines_before, table.caption_text)
        if self._tables and self._tables[-1].cell is not None:
            outer = self._tables[-1].cell.text
            outer.soft()
            for line in flatten_grid(grid):
                outer.add(line)
                outer.hard()

    def close_page(self) -> None:
        """Finish parsing, closing any table left open by broken markup."""
        self.close()
        while self._tables:
            self._table_end("table")
        self.page.soft()


def decode_html(data: bytes) -> str:
    """Page bytes → text: BOM, then ``<meta charset>``, then UTF-8, then GB18030."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                          (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace")
    candidates = ["utf-8", "gb18030"]
    m = _CHARSET.search(data[:4096])
    if m:
        declared = m.group(1).decode("ascii").lower()
        declared = "gb18030" if declared in _GB else declared
        try:
            candidates.insert(0, codecs.lookup(declared).name)
        except LookupError:
            pass
    for encoding in candidates:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode(candidates[0], errors="replace")


def _parse(data: bytes) -> _PageParser:
    parser = _PageParser()
    parser.feed(decode_html(data))
    parser.close_page()
    return parser


def read_html(data: bytes, file: str) -> tuple[list[Sheet], str]:
    """Every table of a saved web page as a grid, and the page's visible text.

    Args:
        data: the page as saved (any of the encodings Chinese sites use).
        file: the file name, for messages.

    Returns:
        The tables in document order (named 表1, 表2 …; merges from
        rowspan/colspan) and the visible text, one block element per line.

    Raises:
        WorkbookError: the bytes are an Office/zip/PDF file, not a web page.
    """
    _check_not_binary(data, file)
    parser = _parse(data)
    sheets = [s for s in parser.sheets if s is not None]
    return sheets, "\n".join(line for line in parser.page.lines if line)


def _check_not_binary(data: bytes, file: str) -> None:
    utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if data.startswith(_BINARY_MAGIC) or (b"\x00" in data[:1024] and not utf16):
        msg = f"{file}: 不是网页文件（可能是 Excel/Word/PDF 文件改了扩展名），无法按网页读取"
        raise WorkbookError(msg, file=file)


def import_html(path: PathLike, *, roster: PathLike | Sequence[RosterUnit] | None = (),
                lead: LeadRule = "auto", text_importer: TextImporter | None = None,
                columns: Mapping[str, int] | None = None, display_name: str | None = None) -> Breakdown:
    """Import a task breakdown from a saved web page.

    Tables with a task header are read like a published workbook (section rows,
    two-row headers, rowspan as merged cells). A page without one is handed to
    ``text_importer`` as text, when given.

    Raises:
        WorkbookError: the file cannot be read or is not a web page.
        LayoutError: no task table, and no text importer (or no text).

    Example:
        >>> bd = import_html("芜湖市2024年度市政府重点工作任务分解.html")  # doctest: +SKIP
        >>> len(bd.tasks)                                                  # doctest: +SKIP
        220
    """
    data, name = load_bytes(path)
    name = display_name or name
    _check_not_binary(data, name)
    parser = _parse(data)
    sheets = [s for s in parser.sheets if s is not None]
    lines = parser.page.lines
    context = {f"表{i + 1}": [*lines[:start], caption] for i, (start, caption) in parser.before.items()}
    text = "\n".join(line for line in lines if line)
    return breakdown_from_document(name, sheets, text, context=context, kind="网页", roster=roster,
                                   lead=lead, text_importer=text_importer, columns=columns)
