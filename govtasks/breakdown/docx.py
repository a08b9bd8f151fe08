"""Import Word files (.docx) with the stdlib: zipfile + ElementTree.

:func:`read_docx` turns every table of the main document into a
:class:`~govtasks.xlsx.Sheet`, with merges from ``w:gridSpan`` (across) and
``w:vMerge`` restart/continue (down), and returns the body paragraphs outside
tables in order. A cell's text is its paragraphs joined with newlines; a table
nested in a cell is its own sheet and also one line per row in the cell.
:func:`import_docx` reads the task tables with the table importer, or hands
the paragraphs to a text importer.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from dataclasses import dataclass, field
from typing import Iterator, Mapping, Sequence
from xml.etree import ElementTree as ET

from govtasks._types import PathLike
from govtasks.breakdown.document import TextImporter, breakdown_from_document, load_bytes
from govtasks.breakdown.draft import LeadRule
from govtasks.breakdown.html import flatten_grid
from govtasks.breakdown.wordnum import W, Numbering, val
from govtasks.errors import WorkbookError
from govtasks.io.workbook import Sheet
from govtasks.model import Breakdown, RosterUnit

_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_OFFICE_DOC = "/officeDocument"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_WRAPPERS = (W + "sdt", W + "sdtContent", W + "customXml", W + "smartTag", W + "ins")
_TEXT = {W + "t": None, W + "tab": "\t", W + "br": "\n", W + "cr": "\n", W + "noBreakHyphen": "-"}
_NOT_FLOW = (_MC_FALLBACK, W + "txbxContent", W + "del", W + "moveFrom", W + "pPr", W + "rPr")  # pPr: its w:tab are tab stops
_READ_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, KeyError, ValueError,
                NotImplementedError, RuntimeError, ET.ParseError)


@dataclass
class _Anchor:
    """A cell that may be merged down over the rows below it."""

    row: int
    col: int
    width: int
    last_row: int


@dataclass
class _Body:
    sheets: list[Sheet | None] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    before: dict[int, int] = field(default_factory=dict)  # table index → body paragraphs before it
    numbering: Numbering | None = None  # the numbers Word shows before numbered paragraphs


def _children(el: ET.Element) -> Iterator[ET.Element]:
    """Child elements, looking through content controls, custom XML and insertions."""
    for child in el:
        if child.tag in _WRAPPERS:
            yield from _children(child)
        elif child.tag != W + "sdtPr":
            yield child


def paragraph_text(p: ET.Element, numbering: Numbering | None = None) -> str:
    """The text of a ``w:p`` as Word shows it (tabs, line breaks; no deleted text or text boxes),
    after the number Word's automatic numbering gives it ("一、", "1."; see :mod:`.wordnum`)."""
    parts: list[str] = [numbering.label(p)] if numbering else []

    def walk(el: ET.Element) -> None:
        for child in el:
            if child.tag in _NOT_FLOW:
                continue
            if child.tag in _TEXT:
                fixed = _TEXT[child.tag]
                parts.append(child.text or "" if fixed is None else fixed)
            else:
                walk(child)

    walk(p)
    return "".join(parts)


def _int_val(el: ET.Element | None, default: int) -> int:
    """An integer ``w:val`` (gridSpan, gridBefore), ``default`` when absent or unreadable."""
    try:
        return max(int(val(el, str(default))), default)
    except ValueError:
        return default


def _cell_text(tc: ET.Element, body: _Body) -> str:
    """Paragraphs joined with newlines; a nested table adds one line per row."""
    parts: list[str] = []
    for child in _children(tc):
        if child.tag == W + "p":
            parts.append(paragraph_text(child, body.numbering))
        elif child.tag == W + "tbl":
            parts += _read_table(child, body)
    return "\n".join(parts)


def _rows(tbl: ET.Element) -> Iterator[ET.Element]:
    """The rows of a table, without rows deleted under track changes."""
    for tr in _children(tbl):
        if tr.tag == W + "tr" and tr.find(f"{W}trPr/{W}del") is None:
            yield tr


def _read_table(tbl: ET.Element, body: _Body) -> list[str]:
    """Add the table (and the tables nested in it) to ``body``; return it flattened to lines."""
    index = len(body.sheets)
    body.sheets.append(None)
    values: list[dict[int, str]] = []
    anchors: list[_Anchor] = []
    open_down: dict[int, _Anchor] = {}  # column → cell whose vMerge is still running
    for r, tr in enumerate(_rows(tbl)):
        row: dict[int, str] = {}
        col = _int_val(tr.find(f"{W}trPr/{W}gridBefore"), 0)
        running: dict[int, _Anchor] = {}
        for tc in (c for c in _children(tr) if c.tag == W + "tc"):
            span = _int_val(tc.find(f"{W}tcPr/{W}gridSpan"), 1)
            vmerge = tc.find(f"{W}tcPr/{W}vMerge")
            if vmerge is not None and val(vmerge, "continue") != "restart" and col in open_down:
                anchor = open_down[col]
                anchor.last_row = r
                running[col] = anchor
            else:
                row[col] = _cell_text(tc, body)
                anchor = _Anchor(r, col, span, r)
                anchors.append(anchor)
                if vmerge is not None:
                    running[col] = anchor
            col += anchor.width
        open_down = running
        values.append(row)
    width = max((a.col + a.width for a in anchors), default=0)
    grid = [[row.get(c, "") for c in range(width)] for row in values]
    merges = [(a.row, a.col, a.last_row, a.col + a.width - 1) for a in anchors
              if a.last_row > a.row or a.width > 1]
    body.sheets[index] = Sheet(f"表{index + 1}", grid, merges)
    return flatten_grid(grid)


def _read_body(root: ET.Element, numbering: Numbering | None = None) -> _Body:
    out = _Body(numbering=numbering)
    body = root.find(W + "body")
    for child in _children(body if body is not None else root):
        if child.tag == W + "p":
            out.paragraphs.append(paragraph_text(child, numbering))
        elif child.tag == W + "tbl":
            out.before[len(out.sheets)] = len(out.paragraphs)
            _read_table(child, out)
    return out


def _main_part(zf: zipfile.ZipFile) -> str:
    """The main document part named by _rels/.rels (normally word/document.xml)."""
    try:
        rels = ET.fromstring(zf.read("_rels/.rels"))
    except KeyError:
        return "word/document.xml"
    for rel in rels.iter(_REL):
        if rel.get("Type", "").endswith(_OFFICE_DOC):
            return posixpath.normpath(rel.get("Target", "").lstrip("/"))
    return "word/document.xml"


def _related(zf: zipfile.ZipFile, part: str, kind: str) -> bytes | None:
    """The bytes of the part of type ``kind`` (numbering, styles) the main part relates to, or None."""
    folder, name = posixpath.split(part)
    try:
        rels = ET.fromstring(zf.read(posixpath.join(folder, "_rels", name + ".rels")))
    except KeyError:
        return None
    for rel in rels.iter(_REL):
        if rel.get("Type", "").endswith("/" + kind) and rel.get("TargetMode") != "External":
            target = rel.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            try:
                return zf.read(path)
            except KeyError:
                return None
    return None


def _not_word(data: bytes, names: set[str], file: str) -> str:
    """A Chinese explanation of why ``data`` is not a readable .docx."""
    if data.startswith(_OLE_MAGIC):
        if "EncryptionInfo".encode("utf-16-le") in data:
            return f"{file}: 文件设有打开密码，请取消密码后另存再试"
        return f"{file}: 这是旧版 Word 文件（.doc），请在 Word/WPS 中另存为 .docx 后再导入"
    if "xl/workbook.xml" in names:
        return f"{file}: 这是 Excel 工作簿，不是 Word 文件；请按表格文件导入"
    if data.startswith(b"PK"):
        return f"{file}: 压缩包里没有 Word 正文（word/document.xml），不是 Word 文件（.docx），无法读取"
    head = data[:512].lstrip().lower()
    if head.startswith((b"<html", b"<!doctype", b"mime-version")) or b"<html" in head:
        return f"{file}: 这是网页格式另存的“Word”文件；请按网页导入，或在 Word/WPS 中另存为 .docx"
    return f"{file}: 不是 Word 文件（.docx），无法读取"


def _document_root(data: bytes, file: str) -> tuple[ET.Element, Numbering | None]:
    """The parsed main document part, and its automatic numbering (None: it numbers nothing); every
    failure → WorkbookError."""
    names: set[str] = set()
    root: ET.Element | None = None
    numbering: Numbering | None = None
    try:
        if data.startswith(b"PK"):
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                names = set(zf.namelist())
                part = _main_part(zf)
                root = ET.fromstring(zf.read(part)) if part in names else None
                if root is not None and (lists := _related(zf, part, "numbering")):
                    numbering = Numbering(lists, _related(zf, part, "styles")) or None
    except _READ_ERRORS as exc:
        msg = f"{file}: Word 文件已损坏，无法读取（{exc}）；请在 Word/WPS 中打开后另存为 .docx"
        raise WorkbookError(msg, file=file) from exc
    if not names or root is None or root.tag != W + "document":
        raise WorkbookError(_not_word(data, names, file), file=file)
    return root, numbering


def read_docx(data: bytes, file: str) -> tuple[list[Sheet], list[str]]:
    """Every table of a .docx as a grid, and the body paragraphs outside tables.

    Returns:
        The tables in document order (表1, 表2 …; merges from gridSpan and
        vMerge) and the paragraphs outside tables, in order, as written.

    Raises:
        WorkbookError: a broken zip or XML, an old .doc, or not a Word file.
    """
    body = _read_body(*_document_root(data, file))
    return [s for s in body.sheets if s is not None], body.paragraphs


def import_docx(path: PathLike, *, roster: PathLike | Sequence[RosterUnit] | None = (),
                lead: LeadRule = "auto", text_importer: TextImporter | None = None,
                columns: Mapping[str, int] | None = None, display_name: str | None = None) -> Breakdown:
    """Import a task breakdown from a Word file (.docx).

    Tables with a task header are read like a published workbook (two-row
    headers, merged cells, section rows). Without one, the body paragraphs,
    joined with newlines, go to ``text_importer`` when given.

    Raises:
        WorkbookError: the file cannot be read or is not a .docx.
        LayoutError: no task table, and no text importer (or no text).

    Example:
        >>> bd = import_docx("繁昌区2023年区政府重点工作任务.docx")  # doctest: +SKIP
        >>> len(bd.tasks)                                             # doctest: +SKIP
        138
    """
    data, name = load_bytes(path)
    name = display_name or name
    body = _read_body(*_document_root(data, name))
    sheets = [s for s in body.sheets if s is not None]
    context = {f"表{i + 1}": body.paragraphs[:n] for i, n in body.before.items()}
    return breakdown_from_document(name, sheets, "\n".join(body.paragraphs), context=context, kind="Word 文件",
                                   roster=roster, lead=lead, text_importer=text_importer, columns=columns)
