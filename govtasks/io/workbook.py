"""All workbook reading goes through here (python-calamine; csv via the stdlib).

:func:`read_workbook` opens .xlsx/.xlsm/.xls/.xlsb/.ods/.csv and returns plain
:class:`Sheet` grids of text with absolute coordinates (row 0 = Excel row 1)
and the merged ranges, ODS merges included (calamine has none for ODS, so
they are read from content.xml here); with ``details=True`` also the formula
cells and the last-saved time (:mod:`govtasks.io.details`). Every failure
becomes a :class:`~govtasks.errors.WorkbookError` with a Chinese message naming
the file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Collection
from xml.etree.ElementTree import iterparse

import python_calamine as pc

from govtasks._perf import memo
from govtasks._types import PathLike
from govtasks.errors import UnsupportedFileError, WorkbookError
from govtasks.io.details import Details, read_details

GRID_EXTENSIONS = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods", ".csv")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

Merge = tuple[int, int, int, int]
"""A merged range: first row, first column, last row, last column (0-based, inclusive)."""


@dataclass(frozen=True, slots=True)
class Sheet:
    """One sheet as text: ``rows[r][c]`` is Excel cell (r+1, c+1)."""

    name: str
    rows: list[list[str]]
    merges: list[Merge]
    visible: bool = True
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)
    """0-based (row, col) → formula text without "=", read with ``details=True``; .xls files store
    formulas as tokens, so their formula cells map to "" (a formula whose text is unknown)."""

    def cell(self, row: int, col: int) -> str:
        """The text at 0-based (row, col), '' outside the grid."""
        if row < len(self.rows) and col < len(self.rows[row]):
            return self.rows[row][col]
        return ""


@dataclass(frozen=True, slots=True)
class Workbook:
    """A workbook read into memory."""

    name: str
    """The file name as the user knows it."""
    sheets: list[Sheet]
    saved: dt.datetime | None = None
    """Last-saved time from the document properties (local time), with ``details=True``."""

    def formulas(self, sheet: str) -> dict[tuple[int, int], str]:
        """0-based (row, col) → formula text (without "="; "" in an .xls) of one sheet; {} when none."""
        return next((s.formulas for s in self.sheets if s.name == sheet), {})


@memo(1024)
def column_letter(col: int) -> str:
    """0-based column index → Excel letters (0 → A, 26 → AA)."""
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def cell_text(value: Any) -> str:
    """A calamine value as text: integral floats lose ``.0``, dates are ISO, ``\\r\\n`` → ``\\n``."""
    if type(value) is str:  # most cells
        return value.replace("\r\n", "\n").replace("\r", "\n") if "\r" in value else value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    return str(value).replace("\r\n", "\n").replace("\r", "\n")


def _text_grid(values: list[list[Any]]) -> list[list[str]]:
    """:func:`cell_text` of every cell."""
    return [[cell_text(v) for v in row] for row in values]


def read_bytes(path: PathLike, *, display_name: str | None = None) -> bytes:
    """The bytes of any input file; missing, unreadable or empty → WorkbookError naming it."""
    p = Path(path)
    name = display_name or p.name
    try:
        data = p.read_bytes()
    except FileNotFoundError as exc:
        raise WorkbookError(f"{name}: 文件不存在", file=name) from exc
    except OSError as exc:
        msg = f"{name}: 无法读取文件（{exc.strerror or exc}），请检查文件是否被占用或没有权限"
        raise WorkbookError(msg, file=name) from exc
    if not data.strip():
        raise WorkbookError(f"{name}: 文件是空的（0 字节），请重新保存或重新发送", file=name)
    return data


def read_workbook(path: PathLike, *, display_name: str | None = None, details: bool = False,
                  sniff: bool = False, skip_hidden: Collection[str] = ()) -> Workbook:
    """Read every sheet of a workbook (or a .csv) as text grids with merges.

    Args:
        path: the file.
        display_name: the name to use in messages and CellRefs (default: the file name).
        details: also read formula cells (.ods: every sheet; .xlsx/.xlsm/.xls: visible sheets) and the
            last-saved time.
        sniff: try a file with an unknown extension (.et …) by its content instead of refusing it.
        skip_hidden: names of hidden sheets not to read (govtasks' own helper sheets).

    Raises:
        WorkbookError: missing, corrupt, encrypted or not a workbook.
        UnsupportedFileError: an extension govtasks does not read as a grid.
    """
    p = Path(path)
    name = display_name or p.name
    check_extension(p, name, sniff=sniff)
    data = read_bytes(p, display_name=name)
    if p.suffix.lower() == ".csv":
        return Workbook(name, [_read_csv(data, p.stem, name)])
    return text_workbook(name, data, parse_sheets(p, name, skip_hidden=skip_hidden), details=details)


RawSheet = tuple[str, bool, Any, list[Merge]]
"""(name, visible, the python-calamine sheet, merges) of one sheet, before its cells become text."""


def check_extension(path: Path, name: str, *, sniff: bool = False) -> None:
    """Raise UnsupportedFileError for an extension govtasks does not read as a grid (unless ``sniff``)."""
    suffix = path.suffix.lower()
    if suffix not in GRID_EXTENSIONS and not sniff:
        accepted = "、".join(GRID_EXTENSIONS)
        msg = f"{name}: 不支持的文件类型“{suffix or '无扩展名'}”；可读取的表格类型为 {accepted}。WPS 的 .et 文件请另存为 .xlsx"
        raise UnsupportedFileError(msg, file=name)


def parse_sheets(path: Path, name: str, *, skip_hidden: Collection[str] = ()) -> list[RawSheet]:
    """calamine's parse and merges of every sheet of the workbook at ``path`` (not a .csv).

    calamine opens the path itself and releases the GIL while it parses, so this may run in a
    worker thread. It trusts the extension, so a file it cannot open that way (a real .xls
    named .xlsx) is read and opened by its content.

    Raises:
        WorkbookError: missing, empty, corrupt, encrypted or not a workbook.
    """
    try:
        try:
            wb = pc.CalamineWorkbook.from_path(str(path))
        except pc.PasswordError:
            raise
        except Exception:  # calamine raises several unrelated types for bad files
            data = read_bytes(path, display_name=name)
            try:
                wb = pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
            except pc.PasswordError:
                raise
            except Exception as exc:
                raise WorkbookError(_diagnose(data, name), file=name) from exc
    except pc.PasswordError as exc:
        raise WorkbookError(f"{name}: 文件设有打开密码，请取消密码后另存再试", file=name) from exc
    sheets: list[RawSheet] = []
    try:
        for meta in wb.sheets_metadata:
            visible = meta.visible == pc.SheetVisibleEnum.Visible
            if not visible and meta.name in skip_hidden:
                continue
            raw = wb.get_sheet_by_name(meta.name)
            merges = [(a[0], a[1], b[0], b[1]) for a, b in (raw.merged_cell_ranges or [])]
            sheets.append((meta.name, visible, raw, merges))
    except Exception as exc:
        raise WorkbookError(f"{name}: 文件内容已损坏，无法读取（{exc}）；请在 Excel/WPS 中打开后另存为 .xlsx", file=name) from exc
    finally:
        wb.close()
    return sheets


def text_workbook(name: str, data: bytes, raw_sheets: list[RawSheet], *, details: bool = False) -> Workbook:
    """The Workbook of calamine's parse: text grids, merges (an .ods's from its content.xml), and
    with ``details`` the formula cells of the visible sheets and the last-saved time."""
    is_ods = data[:2] == b"PK" and b"opendocument.spreadsheet" in data[:200]
    ods_merges, ods_formulas = _ods_content(data) if is_ods else ({}, {})
    try:
        sheets = [Sheet(title, _text_grid(raw.to_python(skip_empty_area=False)), merges or ods_merges.get(title, []),
                        visible, ods_formulas.get(title, {}))
                  for title, visible, raw, merges in raw_sheets]
    except Exception as exc:
        raise WorkbookError(f"{name}: 文件内容已损坏，无法读取（{exc}）；请在 Excel/WPS 中打开后另存为 .xlsx", file=name) from exc
    if not details:
        return Workbook(name, sheets)
    found = read_details(data, ods=is_ods)
    return Workbook(name, [_with_formulas(s, found) for s in sheets], found.saved)


def _with_formulas(sheet: Sheet, details: Details) -> Sheet:
    cells = details.formulas.get(sheet.name)
    if not cells or not sheet.visible or sheet.formulas:
        return sheet
    return Sheet(sheet.name, sheet.rows, sheet.merges, sheet.visible, cells)


def decode_text(data: bytes) -> str | None:
    """Text as Chinese offices save it: UTF-8 (BOM optional), else GB18030; None if neither fits."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _read_csv(data: bytes, sheet: str, name: str) -> Sheet:
    text = decode_text(data)
    if text is None:
        raise WorkbookError(f"{name}: CSV 文件的编码无法识别，请另存为 UTF-8 编码的 .csv 或 .xlsx", file=name)
    rows = [[cell_text(c) for c in row] for row in csv.reader(io.StringIO(text))]
    return Sheet(sheet, rows, [])


def _diagnose(data: bytes, name: str) -> str:
    """A Chinese explanation of why calamine could not open ``data``."""
    if data.startswith(_OLE_MAGIC) and "EncryptionInfo".encode("utf-16-le") in data:
        return f"{name}: 文件设有打开密码，请取消密码后另存再试"
    if data.startswith(b"PK"):
        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except zipfile.BadZipFile:
            return f"{name}: 文件已损坏（压缩包不完整），请让报送单位重新保存后发送"
        if "word/document.xml" in names:
            return f"{name}: 这是一个 Word 文档（.docx），不是 Excel 工作簿；请把表格复制到 Excel 另存为 .xlsx"
        if "ppt/presentation.xml" in names:
            return f"{name}: 这是一个 PowerPoint 文件，不是 Excel 工作簿"
    head = data[:512].lstrip().lower()
    if head.startswith((b"<html", b"<!doctype", b"<table")) or b"<html" in head:
        return f"{name}: 这是网页格式（HTML）另存的“Excel”文件；请在 Excel/WPS 中打开后另存为 .xlsx"
    return f"{name}: 文件已损坏或不是 Excel 工作簿，无法读取；请在 Excel/WPS 中打开后另存为 .xlsx"


_NS_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"


def _ods_content(data: bytes) -> tuple[dict[str, list[Merge]], dict[str, dict[tuple[int, int], str]]]:
    """Merged ranges and formula cells of every sheet of an .ods file, read from content.xml."""
    t = "{%s}" % _NS_TABLE
    merges: dict[str, list[Merge]] = {}
    formulas: dict[str, dict[tuple[int, int], str]] = {}
    try:
        xml = zipfile.ZipFile(io.BytesIO(data)).open("content.xml")
    except (zipfile.BadZipFile, KeyError):
        return merges, formulas
    sheet, row, col = "", -1, 0
    for event, el in iterparse(xml, events=("start", "end")):
        tag = el.tag
        if event == "start" and tag == t + "table":
            sheet, row = el.get(t + "name", ""), -1
            merges[sheet], formulas[sheet] = [], {}
        elif event == "start" and tag == t + "table-row":
            row, col = row + 1, 0
        elif event == "end" and tag == t + "table-row":
            row += int(el.get(t + "number-rows-repeated", "1")) - 1
            el.clear()
        elif event == "start" and tag in (t + "table-cell", t + "covered-table-cell"):
            rows_span = int(el.get(t + "number-rows-spanned", "1"))
            cols_span = int(el.get(t + "number-columns-spanned", "1"))
            if rows_span > 1 or cols_span > 1:
                merges[sheet].append((row, col, row + rows_span - 1, col + cols_span - 1))
            formula = el.get(t + "formula")
            if formula:
                formulas[sheet][(row, col)] = re.sub(r"^(?:of:|oooc:)?=", "", formula)
            col += int(el.get(t + "number-columns-repeated", "1"))
    return merges, formulas
