"""Import PDF files (.pdf) with pdfplumber: ruled tables as grids, the rest as text.

Government sites often publish a breakdown as a PDF (printed from Word, WPS or Excel). Each ruled
table on a page becomes a grid (a cell drawn over several rows or columns is a merge, its value in
its top-left cell); a table that goes on over the next page continues the same grid (its header
printed again left out). A cell's lines are joined where the text only wrapped (the line is nearly
as wide as the cell's text area) and kept apart where the writer broke the line (units one per
line). The text outside the tables, as paragraphs without page numbers, goes to the text importer
when there is no task table; after a task table it is reported. Characters are taken as the PDF
has them: no space is guessed from a gap.
"""

from __future__ import annotations

import io
import re
from bisect import bisect_left, bisect_right
from typing import Any, Mapping, NamedTuple, Sequence

from govtasks import issues as codes
from govtasks._types import PathLike
from govtasks.breakdown.document import TextImporter, breakdown_from_document, load_bytes
from govtasks.breakdown.draft import LeadRule
from govtasks.breakdown.labels import field_of
from govtasks.breakdown.units import names_meet
from govtasks.errors import WorkbookError
from govtasks.issues import CellRef, Issue, IssueList, Severity
from govtasks.io.workbook import Merge, Sheet
from govtasks.model import Breakdown, RosterUnit

_PAGE_NUMBER = re.compile(r"^[\s\-－—–一]*(?:第\s*)?\d{1,4}\s*(?:页\s*)?(?:[，,/／]?\s*共\s*\d{1,4}\s*页|/\s*\d{1,4})?"
                          r"[\s\-－—–一]*$|^\s*共\s*\d{1,4}\s*页[，,\s]*第\s*\d{1,4}\s*页\s*$")
"""A page number line ("- 3 -", "— 12 —", "第 2 页", "第 1 页，共 24 页", "2/15")."""
_LINE_GAP = 0.5
"""Two characters are on one line when their tops differ by less than half a character's height."""

Char = dict[str, Any]


class _Line(NamedTuple):
    text: str
    left: float
    right: float
    lead: float
    """The width of what the line starts with that cannot be split over two lines: a run of Latin
    letters and digits ("246.3"), or one character with the closing marks after it ("管、")."""


def _lines(chars: Sequence[Char]) -> list[_Line]:
    """The lines of ``chars``, top to bottom, each left to right."""
    out: list[_Line] = []
    current: list[Char] = []
    for ch in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        if current and ch["top"] - current[0]["top"] > _LINE_GAP * max(current[0]["size"], 1.0):
            out.append(_line(current))
            current = []
        current.append(ch)
    if current:
        out.append(_line(current))
    return out


_LATIN = re.compile(r"[0-9A-Za-z.%/\-]+")
_CLOSING = "，。、；：！？）》」』”’,.;:!?)]"


def _line(chars: list[Char]) -> _Line:
    chars.sort(key=lambda c: c["x0"])
    text = "".join(c["text"] for c in chars)
    m = _LATIN.match(text)
    n = m.end() if m else 1
    while n < len(text) and text[n] in _CLOSING:
        n += 1
    return _Line(text, chars[0]["x0"], chars[-1]["x1"], chars[min(n, len(chars)) - 1]["x1"] - chars[0]["x0"])


def _wraps(line: _Line, nxt: _Line, limit: float, room: float) -> bool:
    """Whether ``line`` ends where the text wrapped: it ends less than ``room`` before ``limit``, the
    right edge of the text, or what ``nxt`` starts with would not have fitted there. (Word and
    LibreOffice break Chinese text between words, so a wrapped line may end a few characters short
    of the edge; a punctuation mark may hang past it.)"""
    return limit - line.right < room or line.right + nxt.lead > limit + 0.5


_CELL_ROOM = 3.5
"""A cell's line that ends less than this many characters before the cell's edge wrapped."""
_PAGE_ROOM = 2.0
"""A page's line that ends less than this many characters before the margin wrapped (a paragraph's
last line goes on to the next line only when that one is not indented and starts no item)."""


def _cell_text(lines: list[_Line], width: float, size: float) -> str:
    """A cell's lines, joined where the text wrapped (the line is nearly as wide as the cell's text
    area, ``width``: so a centred cell is read as a left-aligned one), else kept on lines of their
    own; in a cell of short lines, a break between two unit names stays (the unit splitter tells a
    name broken over two lines from two names)."""
    if not lines:
        return ""
    short = all(len(line.text) <= 20 for line in lines) and not any("。" in line.text for line in lines)

    def full(at: int) -> bool:
        prev = lines[at]
        return bool(prev.text.strip()) and _wraps(_Line(prev.text, 0.0, prev.right - prev.left, prev.lead),
                                                  lines[at + 1], width, _CELL_ROOM * size)

    def meet(before: str, at: int) -> bool:
        """A break between two names before line ``at``; the name there may wrap too, so it is also
        read with the line after it ("区人社局" / "区农业农" / "村局")."""
        line = lines[at].text
        return names_meet(before, line) or (at + 1 < len(lines) and full(at)
                                            and names_meet(before, line + lines[at + 1].text))

    text = lines[0].text
    for at, line in enumerate(lines[1:], 1):
        wrapped = full(at - 1) and not (short and meet(text.rsplit("\n", 1)[-1], at))
        text += ("" if wrapped else "\n") + line.text
    return text.strip()


def _edges(values: list[float]) -> list[float]:
    """Distinct coordinates, those within a point of each other taken as one."""
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > 1.0:
            out.append(v)
    return out


def _grid(table: Any, chars: Sequence[Char]) -> tuple[list[list[str]], list[Merge]]:
    """The table as a grid of cell texts, and its merged cells. The cells' padding is the least room
    any line leaves after its cell's left edge."""
    cells = table.cells
    xs = _edges([c[0] for c in cells])
    ys = _edges([c[1] for c in cells])
    grid = [[""] * len(xs) for _ in ys]
    merges: list[Merge] = []
    by_top = sorted(chars, key=lambda c: (c["top"] + c["bottom"]) / 2)
    mids = [(c["top"] + c["bottom"]) / 2 for c in by_top]
    found = []
    for x0, top, x1, bottom in cells:
        inside = [c for c in by_top[bisect_left(mids, top):bisect_right(mids, bottom)]
                  if x0 <= (c["x0"] + c["x1"]) / 2 <= x1]
        found.append(((x0, top, x1, bottom), _lines(inside)))
    padding = max(0.0, min((line.left - x0 for (x0, _, _, _), lines in found for line in lines), default=0.0))
    size = sorted(c["size"] for c in chars)[len(chars) // 2] if chars else 10.0
    for (x0, top, x1, bottom), lines in found:
        r0, c0 = bisect_left(ys, top - 1.0), bisect_left(xs, x0 - 1.0)
        r1, c1 = bisect_left(ys, bottom - 1.0) - 1, bisect_left(xs, x1 - 1.0) - 1
        grid[r0][c0] = _cell_text(lines, x1 - x0 - 2 * padding, size)
        if r1 > r0 or c1 > c0:
            merges.append((r0, c0, max(r0, r1), max(c0, c1)))
    return grid, merges


def _text(page: Any, top: float, bottom: float) -> list[_Line]:
    """The page's text between ``top`` and ``bottom`` (outside its tables) as paragraphs, without page
    numbers: a line that runs to the right margin goes on in the next line, unless that line is
    indented or starts with an item's number ("2." "（三）")."""
    from govtasks.breakdown.textrules import marker

    chars = [c for c in page.chars if top <= (c["top"] + c["bottom"]) / 2 < bottom]
    found = [line for line in _lines(chars) if line.text.strip() and not _PAGE_NUMBER.match(line.text)]
    if not found:
        return []
    size = sorted(c["size"] for c in chars)[len(chars) // 2]
    left = min(line.left for line in found)
    right = max(line.right for line in found)
    out = [found[0]]
    for prev, line in zip(found, found[1:]):
        if _wraps(prev, line, right, _PAGE_ROOM * size) and line.left - left < size and marker(line.text.strip()) is None:
            last = out[-1]
            out[-1] = _Line(last.text + line.text, min(last.left, line.left), max(last.right, line.right), last.lead)
        else:
            out.append(line)
    return [line._replace(text=line.text.strip()) for line in out]


def _cut_cells(between: list[_Line], bbox: tuple[float, float, float, float]) -> bool:
    """Whether the lines between a table's end and the next table's start are only words of cells a
    page break cut: each within the next table's width and short (a unit's name, not a paragraph)."""
    x0, _, x1, _ = bbox
    return all(x0 - 1.0 <= line.left and line.right <= x1 + 1.0 and len(line.text) <= 20 for line in between)


def _repeats(sheet: Sheet, grid: list[list[str]]) -> int:
    """How many of ``grid``'s first rows repeat the header of ``sheet`` (Word and Excel print a
    table's header again on each page): rows whose words are all words of the sheet's first rows."""
    words = {c.strip() for row in sheet.rows[:3] for c in row if c.strip()}
    n = 0
    while n < min(3, len(grid)) and any(c.strip() for c in grid[n]) and all(
            c.strip() in words for c in grid[n] if c.strip()):
        n += 1
    return n


def _goes_on(sheet: Sheet, grid: list[list[str]]) -> bool:
    """Whether a page's table goes on with ``sheet``, the table before it (nothing but the words of
    cut cells between them): as wide, and starting with the sheet's header again or with no header
    (a new header is a new table)."""
    if len(sheet.rows[0]) != len(grid[0]):
        return False
    first = [c for c in grid[0] if c.strip()]
    is_header = len(first) >= 2 and all(field_of(c) is not None for c in first)
    return not is_header or _repeats(sheet, grid) > 0


def _go_on(sheet: Sheet, grid: list[list[str]], merges: list[Merge]) -> None:
    """Add a page's table to the table it goes on with: without its header printed again, and with
    a merged cell cut by the page break joined again (the cell at the top of the page is empty, and
    the one it goes on from, at the bottom of the page before, is not; one of them spans rows)."""
    skip = _repeats(sheet, grid)
    offset, bottom = len(sheet.rows) - skip, len(sheet.rows) - 1
    moved = [(a + offset, b, c + offset, d) for a, b, c, d in merges if a >= skip]
    if skip < len(grid):
        for col, value in enumerate(grid[skip]):
            if value.strip():
                continue
            above = next((m for m in sheet.merges if m[0] <= bottom <= m[2] and m[1] == col), (bottom, col, bottom, col))
            below = next((m for m in moved if m[0] == offset + skip and m[1] == col), (offset + skip, col, offset + skip, col))
            if (above[3] != below[3] or not sheet.rows[above[0]][col].strip()
                    or (above[0] == above[2] and below[0] == below[2])):
                continue
            if above in sheet.merges:
                sheet.merges.remove(above)
            if below in moved:
                moved.remove(below)
            sheet.merges.append((above[0], col, below[2], above[3]))
    sheet.rows.extend(grid[skip:])
    sheet.merges.extend(moved)


def read_pdf(data: bytes, file: str) -> tuple[list[Sheet], list[str], dict[int, int], list[int]]:
    """Every ruled table of a PDF as a grid (表1, 表2 …; a table going on over the next page is one),
    the text outside the tables as lines, for each table the number of lines before it, and the page
    (1-based) of each line.

    Raises:
        WorkbookError: not a PDF, damaged, encrypted, or a scan without text.
    """
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.psparser import PSException
    from pdfplumber.utils.exceptions import PdfminerException

    if not data.startswith(b"%PDF"):
        raise WorkbookError(f"{file}: 不是 PDF 文件，无法按 PDF 读取", file=file)
    sheets: list[Sheet] = []
    lines: list[str] = []
    pages: list[int] = []
    before: dict[int, int] = {}
    any_text = False
    between: list[tuple[int, _Line]] = []  # the text since the last table ended, with its pages
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for number, page in enumerate(pdf.pages, 1):
                any_text = any_text or bool(page.chars)
                y = 0.0
                for table in sorted(page.find_tables(), key=lambda t: t.bbox[1]):
                    between += [(number, line) for line in _text(page, y, table.bbox[1])]
                    lines += [line.text for _, line in between]
                    pages += [at for at, _ in between]
                    grid, merges = _grid(table, page.chars)
                    if sheets and _cut_cells([line for _, line in between], table.bbox) and _goes_on(sheets[-1], grid):
                        _go_on(sheets[-1], grid, merges)  # nothing but cut cells since the last table, as wide
                    else:
                        before[len(sheets)] = len(lines)
                        sheets.append(Sheet(f"表{len(sheets) + 1}", grid, merges))
                    between, y = [], table.bbox[3]
                between += [(number, line) for line in _text(page, y, float(page.height) + 1.0)]
            lines += [line.text for _, line in between]
            pages += [at for at, _ in between]
    except PDFPasswordIncorrect as exc:
        raise WorkbookError(f"{file}: PDF 文件设有密码，请取消密码后另存再试", file=file) from exc
    except PdfminerException as exc:  # pdfplumber's wrapper of what pdfminer raises on opening
        if isinstance(exc.args[0] if exc.args else None, PDFPasswordIncorrect):
            raise WorkbookError(f"{file}: PDF 文件设有密码，请取消密码后另存再试", file=file) from exc
        raise WorkbookError(f"{file}: PDF 文件已损坏，无法读取（{exc}）", file=file) from exc
    except (PSException, ValueError, KeyError, TypeError, OSError) as exc:
        raise WorkbookError(f"{file}: PDF 文件已损坏，无法读取（{exc}）", file=file) from exc
    if not any_text:
        raise WorkbookError(f"{file}: 这个 PDF 是扫描的图片，没有文字可读；请提供 Word/Excel 原件或文字版 PDF", file=file)
    return sheets, lines, before, pages


def import_pdf(path: PathLike, *, roster: PathLike | Sequence[RosterUnit] | None = (),
               lead: LeadRule = "auto", text_importer: TextImporter | None = None,
               columns: Mapping[str, int] | None = None, display_name: str | None = None) -> Breakdown:
    """Import a task breakdown from a PDF file: its task tables like a published workbook, else
    its text through ``text_importer``.

    Raises:
        WorkbookError: the file cannot be read (damaged, encrypted, a scan without text).
        LayoutError: no task table, and no text importer (or no text).
    """
    data, name = load_bytes(path)
    name = display_name or name
    sheets, lines, before, pages = read_pdf(data, name)
    context = {f"表{i + 1}": lines[:n] for i, n in before.items()}
    bd = breakdown_from_document(name, sheets, "\n".join(lines), context=context, kind="PDF 文件",
                                 roster=roster, lead=lead, text_importer=text_importer, columns=columns)
    first = min(before.values()) if bd.layout == "table" and before else len(lines)
    outside, on_pages = lines[first:], sorted(set(pages[first:]))
    if not outside:
        return bd
    # read as a table: the text after the first table is in no cell (a note, or a cell a page break cut,
    # whose words fell outside the table's borders)
    quoted = "”“".join(outside)
    note = Issue(code=codes.OUTSIDE_TABLE, severity=Severity.WARNING, where=CellRef(file=name),
                 message=f"PDF 中表格之后有 {len(outside)} 行文字（第 {'、'.join(map(str, on_pages))} 页）不在表格框线内，未导入：“{quoted}”；"
                         f"可能是跨页被截断的单元格，请对照原件核对相应任务")
    return bd.replace(issues=IssueList((note, *bd.issues)))
