"""All workbook reading goes through here (python-calamine; csv via the stdlib).

:func:`read_workbook` opens .xlsx/.xlsm/.xls/.xlsb/.ods/.csv and returns plain
:class:`Sheet` grids of text with absolute coordinates (row 0 = Excel row 1)
and the merged ranges, ODS merges included (calamine has none for ODS, so
they are read from content.xml here). Every failure becomes a
:class:`~govtasks.errors.WorkbookError` with a Chinese message naming the file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import iterparse

import python_calamine as pc

from ._types import PathLike
from .errors import UnsupportedFileError, WorkbookError

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
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    return str(value).replace("\r\n", "\n").replace("\r", "\n")


def _row_text(row: list[Any]) -> list[str]:
    """cell_text over a row, with a fast path for plain strings (most cells)."""
    return [v if type(v) is str and "\r" not in v else cell_text(v) for v in row]


def read_workbook(path: PathLike, *, display_name: str | None = None) -> Workbook:
    """Read every sheet of a workbook (or a .csv) as text grids with merges.

    Raises:
        WorkbookError: missing, corrupt, encrypted or not a workbook.
        UnsupportedFileError: an extension govtasks does not read as a grid.
    """
    p = Path(path)
    name = display_name or p.name
    suffix = p.suffix.lower()
    if suffix not in GRID_EXTENSIONS:
        accepted = "、".join(GRID_EXTENSIONS)
        msg = f"{name}: 不支持的文件类型“{suffix or '无扩展名'}”；可读取的表格类型为 {accepted}。WPS 的 .et 文件请另存为 .xlsx"
        raise UnsupportedFileError(msg, file=name)
    try:
        data = p.read_bytes()
    except FileNotFoundError as exc:
        raise WorkbookError(f"{name}: 文件不存在", file=name) from exc
    except OSError as exc:
        raise WorkbookError(f"{name}: 无法读取文件（{exc.strerror}）", file=name) from exc
    if not data.strip():
        raise WorkbookError(f"{name}: 文件是空的（0 字节），请重新保存或重新发送", file=name)
    if suffix == ".csv":
        return Workbook(name, [_read_csv(data, p.stem)])
    return Workbook(name, _read_calamine(data, name, is_ods=suffix == ".ods"))


def _read_csv(data: bytes, sheet: str) -> Sheet:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    rows = [[cell_text(c) for c in row] for row in csv.reader(io.StringIO(text))]
    return Sheet(sheet, rows, [])


def _read_calamine(data: bytes, name: str, *, is_ods: bool) -> list[Sheet]:
    try:
        wb = pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except pc.PasswordError as exc:
        raise WorkbookError(f"{name}: 文件设有打开密码，请取消密码后另存再试", file=name) from exc
    except Exception as exc:  # calamine raises several unrelated types for bad files
        raise WorkbookError(_diagnose(data, name), file=name) from exc
    ods_merges = _ods_merges(data) if is_ods else {}
    sheets: list[Sheet] = []
    try:
        for meta in wb.sheets_metadata:
            raw = wb.get_sheet_by_name(meta.name)
            rows = [_row_text(row) for row in raw.to_python(skip_empty_area=False)]
            merges = [(a[0], a[1], b[0], b[1]) for a, b in (raw.merged_cell_ranges or [])]
            merges = merges or ods_merges.get(meta.name, [])
            visible = meta.visible == pc.SheetVisibleEnum.Visible
            sheets.append(Sheet(meta.name, rows, merges, visible))
    except Exception as exc:
        raise WorkbookError(f"{name}: 文件内容已损坏，无法读取（{exc}）；请在 Excel/WPS 中打开后另存为 .xlsx", file=name) from exc
    finally:
        wb.close()
    return sheets


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


def _ods_merges(data: bytes) -> dict[str, list[Merge]]:
    """Merged ranges of every sheet of an .ods file, read from content.xml."""
    t = "{%s}" % _NS_TABLE
    out: dict[str, list[Merge]] = {}
    try:
        xml = zipfile.ZipFile(io.BytesIO(data)).open("content.xml")
    except (zipfile.BadZipFile, KeyError):
        return out
    sheet, row, col = "", -1, 0
    for event, el in iterparse(xml, events=("start", "end")):
        tag = el.tag
        if event == "start" and tag == t + "table":
            sheet, row = el.get(t + "name", ""), -1
            out[sheet] = []
        elif event == "start" and tag == t + "table-row":
            row, col = row + 1, 0
        elif event == "end" and tag == t + "table-row":
            row += int(el.get(t + "number-rows-repeated", "1")) - 1
            el.clear()
        elif event == "start" and tag in (t + "table-cell", t + "covered-table-cell"):
            rows_span = int(el.get(t + "number-rows-spanned", "1"))
            cols_span = int(el.get(t + "number-columns-spanned", "1"))
            if rows_span > 1 or cols_span > 1:
                out[sheet].append((row, col, row + rows_span - 1, col + cols_span - 1))
            col += int(el.get(t + "number-columns-repeated", "1"))
    return out
