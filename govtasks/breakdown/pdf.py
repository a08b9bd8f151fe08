"""Import PDF files (.pdf) with pdfplumber: ruled tables as grids, the rest as text.

Government sites often publish a breakdown as a PDF (printed from Word, WPS or Excel). Each ruled
table on a page becomes a grid (a cell drawn over several rows or columns is a merge, its value in
its top-left cell); a table that goes on over the next page continues the same grid (its header
repeated or not). A cell's lines are joined where the text only wrapped (the line runs to the
cell's right edge) and kept apart where the writer broke the line (units one per line). The text
outside the tables, line by line without page numbers, goes to the text importer when there is
no task table. Characters are taken as the PDF has them: no space is guessed from a gap.
"""

from __future__ import annotations

import io
import re
from bisect import bisect_left, bisect_right
from typing import Any, Mapping, Sequence

from govtasks._types import PathLike
from govtasks.breakdown.document import TextImporter, breakdown_from_document, load_bytes
from govtasks.breakdown.draft import LeadRule
from govtasks.breakdown.units import names_meet
from govtasks.errors import WorkbookError
from govtasks.io.workbook import Merge, Sheet
from govtasks.model import Breakdown, RosterUnit

_PAGE_NUMBER = re.compile(r"^[\s\-－—–一]*(?:第\s*)?\d{1,4}\s*(?:页\s*)?(?:[，,/／]?\s*共\s*\d{1,4}\s*页|/\s*\d{1,4})?"
                          r"[\s\-－—–一]*$|^\s*共\s*\d{1,4}\s*页[，,\s]*第\s*\d{1,4}\s*页\s*$")
"""A page number line ("- 3 -", "— 12 —", "第 2 页", "第 1 页，共 24 页", "2/15")."""
_LINE_GAP = 0.5
"""Two characters are on one line when their tops differ by less than half a character's height."""

Char = dict[str, Any]


def _lines(chars: Sequence[Char]) -> list[tuple[str, float, float]]:
    """(text, left, right) of each line of ``chars``, top to bottom, each line left to right."""
    out: list[tuple[str, float, float]] = []
    current: list[Char] = []
    for ch in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        if current and ch["top"] - current[0]["top"] > _LINE_GAP * max(current[0]["size"], 1.0):
            out.append(_line(current))
            current = []
        current.append(ch)
    if current:
        out.append(_line(current))
    return out


def _line(chars: list[Char]) -> tuple[str, float, float]:
    chars.sort(key=lambda c: c["x0"])
    return "".join(c["text"] for c in chars), chars[0]["x0"], chars[-1]["x1"]


def _cell_text(chars: Sequence[Char], right: float) -> str:
    """A cell's lines, joined where the text wrapped at the cell's ``right`` edge (the line ends
    less than two characters from it), else kept on lines of their own; a break between two unit
    names stays (the unit splitter tells a name broken over two lines from two names)."""
    lines = _lines(chars)
    if not lines:
        return ""
    size = sorted(c["size"] for c in chars)[len(chars) // 2]
    text = lines[0][0]
    for (prev, _, prev_right), (line, _, _) in zip(lines, lines[1:]):
        wrapped = right - prev_right < 2 * size and prev.strip() and not names_meet(prev, line)
        text += ("" if wrapped else "\n") + line
    return text.strip()


def _edges(values: list[float]) -> list[float]:
    """Distinct coordinates, those within a point of each other taken as one."""
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > 1.0:
            out.append(v)
    return out


def _grid(table: Any, chars: Sequence[Char]) -> tuple[list[list[str]], list[Merge]]:
    """The table as a grid of cell texts, and its merged cells."""
    cells = table.cells
    xs = _edges([c[0] for c in cells])
    ys = _edges([c[1] for c in cells])
    grid = [[""] * len(xs) for _ in ys]
    merges: list[Merge] = []
    by_top = sorted(chars, key=lambda c: (c["top"] + c["bottom"]) / 2)
    mids = [(c["top"] + c["bottom"]) / 2 for c in by_top]
    for x0, top, x1, bottom in cells:
        r0, c0 = bisect_left(ys, top - 1.0), bisect_left(xs, x0 - 1.0)
        r1, c1 = bisect_left(ys, bottom - 1.0) - 1, bisect_left(xs, x1 - 1.0) - 1
        inside = [c for c in by_top[bisect_left(mids, top):bisect_right(mids, bottom)]
                  if x0 <= (c["x0"] + c["x1"]) / 2 <= x1]
        grid[r0][c0] = _cell_text(inside, x1)
        if r1 > r0 or c1 > c0:
            merges.append((r0, c0, max(r0, r1), max(c0, c1)))
    return grid, merges


def _text(page: Any, top: float, bottom: float) -> list[str]:
    """The page's text between ``top`` and ``bottom`` (outside its tables) as paragraphs, without page
    numbers: a line that runs to the right margin goes on in the next line, unless that line is
    indented or starts with an item's number ("2." "（三）")."""
    from govtasks.breakdown.textrules import marker

    chars = [c for c in page.chars if top <= (c["top"] + c["bottom"]) / 2 < bottom]
    found = [(t, x0, x1) for t, x0, x1 in _lines(chars) if t.strip() and not _PAGE_NUMBER.match(t)]
    if not found:
        return []
    size = sorted(c["size"] for c in chars)[len(chars) // 2]
    left = min(x0 for _, x0, _ in found)
    right = max(x1 for _, _, x1 in found)
    out: list[str] = []
    runs_on = False
    for text, x0, x1 in found:
        if runs_on and x0 - left < size and marker(text.strip()) is None:
            out[-1] += text
        else:
            out.append(text)
        runs_on = right - x1 < 2 * size
    return [line.strip() for line in out]


def read_pdf(data: bytes, file: str) -> tuple[list[Sheet], list[str], dict[int, int]]:
    """Every ruled table of a PDF as a grid (表1, 表2 …; a table going on over the next page is one),
    the text outside the tables as lines, and for each table the number of lines before it.

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
    before: dict[int, int] = {}
    any_text = False
    ended_at = -1  # the number of text lines when the last table ended
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                any_text = any_text or bool(page.chars)
                y = 0.0
                for table in sorted(page.find_tables(), key=lambda t: t.bbox[1]):
                    lines += _text(page, y, table.bbox[1])
                    grid, merges = _grid(table, page.chars)
                    if sheets and ended_at == len(lines) and len(sheets[-1].rows[0]) == len(grid[0]):
                        last = sheets[-1]  # no text since the last table, as wide: it goes on
                        offset = len(last.rows)
                        last.rows.extend(grid)
                        last.merges.extend((a + offset, b, c + offset, d) for a, b, c, d in merges)
                    else:
                        before[len(sheets)] = len(lines)
                        sheets.append(Sheet(f"表{len(sheets) + 1}", grid, merges))
                    ended_at, y = len(lines), table.bbox[3]
                lines += _text(page, y, float(page.height) + 1.0)
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
    return sheets, lines, before


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
    sheets, lines, before = read_pdf(data, name)
    context = {f"表{i + 1}": lines[:n] for i, n in before.items()}
    return breakdown_from_document(name, sheets, "\n".join(lines), context=context, kind="PDF 文件",
                                   roster=roster, lead=lead, text_importer=text_importer, columns=columns)
