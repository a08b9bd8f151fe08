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
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Any, Collection
from xml.etree.ElementTree import iterparse

import python_calamine as pc

from govtasks._perf import memo
from govtasks._types import PathLike
from govtasks.errors import UnsupportedFileError, WorkbookError
from govtasks.io.xls import xls_formula_cells
from govtasks.io.zip import Archive

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
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    return str(value).replace("\r\n", "\n").replace("\r", "\n")


def _text_grid(values: list[list[Any]]) -> list[list[str]]:
    """:func:`cell_text` of every cell. A grid of plain strings (a form as units return it) is
    checked in C-level passes and kept as it is; otherwise column by column: a column of plain
    strings is kept, and only the others are converted."""
    if not values:
        return []
    cells = list(chain.from_iterable(values))
    if set(map(type, cells)) == {str} and "\r" not in "".join(cells):  # a form's grid: text only, kept as it is
        return values
    if len(set(map(len, values))) > 1:  # ragged (calamine's grids are rectangular): row by row
        return [[cell_text(v) for v in row] for row in values]
    columns = list(zip(*values))
    for c, column in enumerate(columns):
        if set(map(type, column)) == {str} and "\r" not in "".join(column):
            continue
        columns[c] = tuple(v if type(v) is str and "\r" not in v
                           else str(int(v)) if type(v) is float and v.is_integer() else cell_text(v) for v in column)
    return list(map(list, zip(*columns)))


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
        details: also read formula cells (.ods: every sheet; .xlsx/.xlsm: visible sheets) and the
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
    sheets = None if p.suffix.lower() == ".csv" else parse_sheets(p, name, skip_hidden=skip_hidden)
    return finish_workbook(Parsed(p, name, data, sheets), details=details)


RawSheet = tuple[str, bool, Any, list[Merge]]
"""(name, visible, the python-calamine sheet, merges) of one sheet, before its cells become text.
The main thread calls the sheet's ``to_python``: it holds the GIL, so in a worker it only
interrupts the main thread (measured: 1,500 returns ≈ 3 % faster this way)."""


@dataclass(slots=True)
class Parsed:
    """A workbook file's bytes and calamine's parse of its sheets (None for a .csv)."""

    path: Path
    name: str
    data: bytes
    sheets: list[RawSheet] | None


def check_extension(path: Path, name: str, *, sniff: bool = False) -> None:
    """Raise UnsupportedFileError for an extension govtasks does not read as a grid (unless ``sniff``)."""
    suffix = path.suffix.lower()
    if suffix not in GRID_EXTENSIONS and not sniff:
        accepted = "、".join(GRID_EXTENSIONS)
        msg = f"{name}: 不支持的文件类型“{suffix or '无扩展名'}”；可读取的表格类型为 {accepted}。WPS 的 .et 文件请另存为 .xlsx"
        raise UnsupportedFileError(msg, file=name)


def parse_sheets(path: Path, name: str, *, skip_hidden: Collection[str] = ()) -> list[RawSheet]:
    """calamine's parse and merges of every sheet of the workbook at ``path`` (not a .csv).

    Only calamine runs here: ``read_returns`` calls this in worker threads (calamine releases
    the GIL while it opens and parses) while the main thread reads the bytes, turns the
    cells into text (:func:`finish_workbook`) and matches the rows. calamine opens the path
    itself (through a Python file object it would hold the GIL); it trusts the extension, so a
    file it cannot open that way (a real .xls named .xlsx) is read and opened by its content.

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


def finish_workbook(parsed: Parsed, *, details: bool | ZipDetails = False) -> Workbook:
    """Text grids of calamine's values, merges, and (``details``) formula cells and last-saved time
    (read from ``parsed.data``, or as :func:`zip_details` found them before)."""
    name, data = parsed.name, parsed.data
    if parsed.sheets is None:
        return Workbook(name, [_read_csv(data, parsed.path.stem, name)])
    is_ods = parsed.path.suffix.lower() == ".ods" or data[:2] == b"PK" and b"opendocument.spreadsheet" in data[:200]
    ods_merges, ods_formulas = _ods_content(data) if is_ods else ({}, {})
    try:
        sheets = [Sheet(title, _text_grid(raw.to_python(skip_empty_area=False)), merges or ods_merges.get(title, []),
                        visible, ods_formulas.get(title, {}))
                  for title, visible, raw, merges in parsed.sheets]
    except Exception as exc:
        raise WorkbookError(f"{name}: 文件内容已损坏，无法读取（{exc}）；请在 Excel/WPS 中打开后另存为 .xlsx", file=name) from exc
    if not details:
        return Workbook(name, sheets)
    if isinstance(details, ZipDetails):
        return _attach(name, sheets, details)
    return _with_details(data, name, sheets, is_ods=is_ods)


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


# --- details: last-saved time and formula cells -------------------------------------

_MODIFIED = re.compile(rb"<(?:\w+:)?modified\b[^>]*>([^<]+)<")
_ODS_DATE = re.compile(rb"<dc:date>([^<]+)<")
_FORMULA_MARK = b"f>"
"""In every worksheet with formulas: each formula (or the master cell of a shared one) is
<f …>text</f>, or <x:f> with a prefix. No other worksheet element ends in f; a false hit (an
inline string holding "f>") only costs the full parse."""
_SHEET_TAG = re.compile(rb"<(?:\w+:)?sheet\b[^>]*>")
_REL_TAG = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*>")
_ATTR = re.compile(rb'([\w:]+)="([^"]*)"')
_A1 = re.compile(r"([A-Z]+)(\d+)")


def _parse_time(text: str) -> dt.datetime | None:
    try:
        value = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00")[:32])
    except ValueError:
        try:
            value = dt.datetime.fromisoformat(text.strip()[:19])
        except ValueError:
            return None
    return value.astimezone().replace(tzinfo=None) if value.tzinfo else value


@dataclass(frozen=True, slots=True)
class ZipDetails:
    """The details of an .xlsx/.xlsm, read from its zip alone."""

    saved: dt.datetime | None
    formulas: dict[str, dict[tuple[int, int], str]]
    """Sheet name → its formula cells (sheets without formulas left out)."""


def zip_details(path: Path) -> ZipDetails | None:
    """The last-saved time and every sheet's formula cells of an .xlsx/.xlsm, from its zip; None
    for any other file or a zip they cannot be read from (:func:`finish_workbook` then tries).

    ``read_returns`` takes them for all files before the parsing starts: reading a file and
    inflating its parts release the GIL, and while the parsing worker runs, each release costs
    the main thread the worker's turn (measured, 1,500 returns 3 % faster this way)."""
    try:
        data = path.read_bytes()
        if data[:2] != b"PK" or b"opendocument" in data[:200]:
            return None
        return _xlsx_details(Archive(data))
    except Exception:  # unreadable or odd (another compression, encryption): the details pass after the parse judges
        return None


def _xlsx_details(zf: Archive) -> ZipDetails:
    """The saved time and every sheet's formula cells in an .xlsx's zip."""
    m = _MODIFIED.search(_member(zf, "docProps/core.xml"))
    found = {title: cells for title, part in _parts_of(zf).items() if part and (cells := _xlsx_formulas(zf, part))}
    return ZipDetails(_parse_time(m.group(1).decode()) if m else None, found)


def _attach(name: str, sheets: list[Sheet], details: ZipDetails) -> Workbook:
    """The workbook with the formula cells of its visible sheets and its saved time."""
    found = details.formulas
    return Workbook(name, [Sheet(s.name, s.rows, s.merges, s.visible, found[s.name])
                           if s.visible and s.name in found else s for s in sheets], details.saved)


def _with_details(data: bytes, name: str, sheets: list[Sheet], *, is_ods: bool) -> Workbook:
    """Add the last-saved time and (.xlsx/.xlsm) the formula cells of the visible sheets, in one pass over the zip."""
    try:
        zf = Archive(data)
        if is_ods:  # formulas came with the merges from content.xml
            m = _ODS_DATE.search(_member(zf, "meta.xml"))
            return Workbook(name, sheets, _parse_time(m.group(1).decode()) if m else None)
        details = _xlsx_details(zf)
    except (zipfile.BadZipFile, zlib.error):  # .xls (formula places only), .xlsb or a damaged member
        found = xls_formula_cells(data)
        return Workbook(name, [Sheet(s.name, s.rows, s.merges, s.visible, dict.fromkeys(found[s.name], ""))
                               if s.visible and s.name in found else s for s in sheets])
    except Exception:  # a part zipfile cannot read (another compression, encryption): calamine read the cells
        return Workbook(name, sheets)
    return _attach(name, sheets, details)


def _member(zf: Archive, name: str) -> bytes:
    try:
        return zf.read(name)
    except KeyError:
        return b""


def _attrs(tag: bytes) -> dict[str, str]:
    from html import unescape

    return {k.decode().rsplit(":", 1)[-1] if k != b"r:id" else "rid": unescape(v.decode()) for k, v in _ATTR.findall(tag)}


_PARTS: dict[tuple[int | None, int | None], dict[str, str]] = {}


def _parts_of(zf: Archive) -> dict[str, str]:
    """Sheet name → worksheet part, cached by the CRCs of workbook.xml and its rels (same template, same parts)."""
    key = (zf.crc("xl/workbook.xml"), zf.crc("xl/_rels/workbook.xml.rels"))
    if None in key:
        return {}
    found = _PARTS.get(key)
    if found is None:
        if len(_PARTS) > 256:
            _PARTS.clear()
        found = _PARTS[key] = _sheet_parts(zf.read("xl/workbook.xml"), zf.read("xl/_rels/workbook.xml.rels"))
    return found


def _sheet_parts(workbook_xml: bytes, rels_xml: bytes) -> dict[str, str]:
    """Sheet name → worksheet part path of an .xlsx."""
    targets = {}
    for tag in _REL_TAG.findall(rels_xml):
        attrs = _attrs(tag)
        target = attrs.get("Target", "")
        targets[attrs.get("Id", "")] = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    sheets = (_attrs(tag) for tag in _SHEET_TAG.findall(workbook_xml))
    return {a.get("name", ""): targets.get(a.get("rid", ""), "") for a in sheets}


def _xlsx_formulas(zf: Archive, part: str) -> dict[tuple[int, int], str]:
    """0-based (row, col) → formula text of one worksheet part (only parsed when it has formulas)."""
    try:
        raw = zf.read(part)
    except KeyError:
        return {}
    if _FORMULA_MARK not in raw:  # one pass over the XML; most returns have no formula
        return {}
    out: dict[tuple[int, int], str] = {}
    ref = ""
    for event, el in iterparse(io.BytesIO(raw), events=("start", "end")):
        tag = el.tag.rsplit("}", 1)[-1]
        if event == "start" and tag == "c":
            ref = el.get("r", "")
        elif event == "end" and tag == "f":
            m = _A1.fullmatch(ref)
            if m:
                col = 0
                for ch in m.group(1):
                    col = col * 26 + ord(ch) - 64
                out[(int(m.group(2)) - 1, col - 1)] = el.text or ""
        elif event == "end" and tag == "row":
            el.clear()
    return out


# --- LibreOffice: batch conversion of what calamine cannot open -------------------

_CALC_TEXT = (".htm", ".html", ".xml")
"""Text formats LibreOffice would open in Writer; named .xls they open in Calc (HTML / Excel 2003 XML)."""
LO_BATCH = 200
"""Files per soffice call (one call costs ~1 s to start, then 60–230 ms per file)."""


def libreoffice_path() -> str | None:
    """The LibreOffice executable (soffice), or None when it is not installed."""
    import shutil

    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_with_libreoffice(paths: list[Path], outdir: Path, *, fmt: str = "xlsx",
                             timeout: float = 120.0) -> dict[Path, Path | None]:
    """Convert many files with as few soffice calls as possible (a private profile, headless).

    Inputs are copied under numbered names first, so two files with one stem
    (``a.xls`` and ``a.et``) cannot overwrite each other's output.

    Returns:
        Each input → its converted file, or None when LibreOffice wrote nothing.

    Raises:
        WorkbookError: LibreOffice is not installed.
    """
    import shutil

    exe = libreoffice_path()
    if exe is None:
        raise WorkbookError("未安装 LibreOffice，无法转换 .et 等文件；请在 WPS/Excel 中另存为 .xlsx 后再试")
    src_dir, out_dir = outdir / "in", outdir / "out"
    src_dir.mkdir(parents=True, exist_ok=True)
    out_dir.mkdir(parents=True, exist_ok=True)
    copies = {}
    for i, path in enumerate(paths):
        suffix = path.suffix.lower()
        copy = src_dir / f"{i:05d}{'.xls' if suffix in _CALC_TEXT else suffix}"
        shutil.copyfile(path, copy)
        copies[path] = copy
    order = list(copies.values())
    for start in range(0, len(order), LO_BATCH):
        batch = order[start:start + LO_BATCH]
        _run_soffice(exe, outdir / "profile", batch, out_dir, fmt, timeout + 2.0 * len(batch))
    result: dict[Path, Path | None] = {}
    for path, copy in copies.items():
        out = out_dir / f"{copy.stem}.{fmt.split(':')[0]}"
        result[path] = out if out.exists() and out.stat().st_size else None
    return result


def _run_soffice(exe: str, profile: Path, files: list[Path], out_dir: Path, fmt: str, timeout: float) -> None:
    """One soffice call; on a hang its whole process group is killed (what was converted is kept)."""
    import os
    import signal
    import subprocess

    cmd = [exe, f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless", "--norestore",
           "--convert-to", fmt, "--outdir", str(out_dir), *map(str, files)]
    posix = os.name == "posix"
    try:
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=posix)
    except OSError as exc:
        raise WorkbookError(f"无法启动 LibreOffice（{exc}）；请在 WPS/Excel 中另存为 .xlsx 后再试") from exc
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        if posix:
            os.killpg(proc.pid, signal.SIGKILL)
        else:
            proc.kill()
        proc.wait()
