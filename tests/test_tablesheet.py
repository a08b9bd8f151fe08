"""TableSheet (the report's fast rows) against XlsxWriter's own cell API: the same workbook written
both ways must read back the same in openpyxl, calamine and LibreOffice. And the deflate level of
the workbooks govtasks writes."""

from __future__ import annotations

import csv
import re
import zipfile
import zlib
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlsxwriter

from govtasks.io.workbook import read_workbook
from govtasks.io.xlsxout import DEFLATE_LEVEL, atomic_workbook
from govtasks.report.tablesheet import TableSheet

# Texts XML cannot carry as they are: written as _xHHHH_ escapes, as Excel and XlsxWriter do.
ESCAPED = ["literal _x0041_ and _x00e9_ stay", "bell\x07and\x1fcontrol", "non\ufffecharacter"]
TRICKY = [
    "=SUM(A1)", "+86 553 1234567", "-5%，同比回落", "@所有人",  # formula-looking: stay text
    "A&B <甲> 乙", " leading space", "trailing space ", "\ttab first", "line one\nline two\n", "windows\r\nbreak",
    "\u3000\u3000全角空格开头", "emoji 😀 and 𠀀", "进" * 300,  # the last wraps over many lines
] + ESCAPED


def _row_of(i: int) -> int:
    """The 0-based row of TRICKY[i] (row 10 is a merged section row)."""
    return i + 2 if i < 8 else i + 3


def _book(path: Path, fast: bool) -> None:
    """A title, a header, text rows with a merged section row between them, and an empty cell."""
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False})
    body = wb.add_format({"font_name": "仿宋", "text_wrap": True, "border": 1})
    center = wb.add_format({"font_name": "黑体", "align": "center"})
    ws: Any = wb.add_worksheet("表", worksheet_class=TableSheet) if fast else wb.add_worksheet("表")
    ws.merge_range(0, 0, 0, 2, "标题", center)
    ws.write_string(1, 0, "序号", center)
    formats = [center, body, None]
    for i, text in enumerate(TRICKY):
        row = _row_of(i)
        values = [str(i + 1), text, "" if i % 2 else "备注"]
        height = 15.0 if i < 4 else 15.0 + 13 * i / 3
        if fast:
            ws.text_row(row, values, formats, height)
        else:
            for c, v in enumerate(values):
                if v:
                    ws.write_string(row, c, v, formats[c])
            ws.set_row(row, height)
    ws.merge_range(10, 0, 10, 2, "（二）分节", body)
    ws.set_row(10, 30)
    ws.write_string(len(TRICKY) + 4, 0, "合计行（在最后一行之后）")
    wb.close()


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("tablesheet")
    fast, plain = folder / "fast.xlsx", folder / "plain.xlsx"
    _book(fast, True)
    _book(plain, False)
    return fast, plain


def _cells(path: Path) -> list[tuple[Any, ...]]:
    """openpyxl decodes the _xHHHH_ escapes only partly, and differently in shared and inline
    strings, so those texts are compared through calamine and LibreOffice instead."""
    ws = openpyxl.load_workbook(path)["表"]
    return [(c.coordinate, c.value, c.data_type, c.font.name, c.alignment.wrap_text, c.alignment.horizontal,
             c.border.left.style) for row in ws.iter_rows() for c in row
            if c.row - 1 not in {_row_of(TRICKY.index(t)) for t in ESCAPED}]


def test_openpyxl_reads_the_same_cells_formats_and_heights(books: tuple[Path, Path]) -> None:
    fast, plain = books
    assert _cells(fast) == _cells(plain)
    a, b = openpyxl.load_workbook(fast)["表"], openpyxl.load_workbook(plain)["表"]
    heights = [(r, a.row_dimensions[r].height) for r in range(1, len(TRICKY) + 6)]
    assert heights == [(r, b.row_dimensions[r].height) for r in range(1, len(TRICKY) + 6)]
    assert any(h for _, h in heights)  # the tall rows really carry a height
    assert {str(m) for m in a.merged_cells.ranges} == {str(m) for m in b.merged_cells.ranges} == {"A1:C1", "A11:C11"}

    def dimension(path: Path) -> bytes:
        with zipfile.ZipFile(path) as z:
            xml = z.read("xl/worksheets/sheet1.xml")
        return xml[xml.index(b"<dimension"):xml.index(b"/>", xml.index(b"<dimension"))]

    assert dimension(fast) == dimension(plain) == b'<dimension ref="A1:C21"'


def test_every_text_reads_back_verbatim_and_in_its_row(books: tuple[Path, Path]) -> None:
    sheet = read_workbook(books[0]).sheets[0]
    texts = [row[1] for row in sheet.rows[2:] if len(row) > 1 and row[0].isdigit()]
    # calamine reads back exactly what was written, except the characters XML cannot carry at
    # all, which Excel and XlsxWriter write as _xHHHH_ (the same in both workbooks)
    plain = read_workbook(books[1]).sheets[0]
    assert texts == [row[1] for row in plain.rows[2:] if len(row) > 1 and row[0].isdigit()]
    unchanged = [t for t in TRICKY if t not in ESCAPED and "\r" not in t]
    assert [t for t in texts if t in unchanged] == unchanged
    assert sheet.rows[10][0] == "（二）分节" and sheet.rows[-1][0] == "合计行（在最后一行之后）"
    assert not read_workbook(books[0], details=True).formulas("表")


def test_libreoffice_reads_the_same_text(books: tuple[Path, Path], libreoffice: Any, tmp_path: Path) -> None:
    def rows(path: Path, out: str) -> list[list[str]]:
        got = libreoffice(path, "csv:Text - txt - csv (StarCalc):44,34,76", tmp_path / out)
        with open(got, encoding="utf-8", newline="") as f:
            return list(csv.reader(f))

    fast, plain = rows(books[0], "fast"), rows(books[1], "plain")
    assert fast == plain
    assert [r[1] for r in fast if len(r) > 1 and r[1] in TRICKY[:8]] == TRICKY[:8]


def test_a_row_given_both_ways_is_refused(tmp_path: Path) -> None:
    wb = xlsxwriter.Workbook(str(tmp_path / "x.xlsx"))
    ws: Any = wb.add_worksheet("表", worksheet_class=TableSheet)
    ws.write_string(3, 0, "cell")
    with pytest.raises(ValueError, match="already has cells"):
        ws.text_row(3, ["a"], [None], 15)
    ws.text_row(4, ["a"], [None], 15)
    ws.write_string(4, 1, "late cell")  # XlsxWriter cannot refuse it, so closing does
    with pytest.raises(ValueError, match="both as text rows and as cells"):
        wb.close()


def _deflated_sizes(path: Path, level: int) -> tuple[list[int], list[int]]:
    """(the sizes in the zip, the sizes zlib makes at ``level``) of every part."""
    with zipfile.ZipFile(path) as z:
        infos = z.infolist()
        made = []
        for info in infos:
            packer = zlib.compressobj(level, zlib.DEFLATED, -15)
            made.append(len(packer.compress(z.read(info)) + packer.flush()))
        return [i.compress_size for i in infos], made


@pytest.mark.parametrize("in_memory", [True, False])
def test_workbooks_are_deflated_at_our_level_and_others_are_not(tmp_path: Path, in_memory: bool) -> None:
    ours = tmp_path / "ours.xlsx"
    with atomic_workbook(ours, in_memory=in_memory) as wb:
        wb.add_worksheet("表").write_string(0, 0, "进展情况" * 500)
    got, made = _deflated_sizes(ours, DEFLATE_LEVEL)
    assert got == made
    theirs = tmp_path / "theirs.xlsx"  # XlsxWriter used directly afterwards keeps zlib's default
    wb = xlsxwriter.Workbook(str(theirs), {"in_memory": in_memory})
    wb.add_worksheet("表").write_string(0, 0, "进展情况" * 500)
    wb.close()
    got, made = _deflated_sizes(theirs, zlib.Z_DEFAULT_COMPRESSION)
    assert got == made


def test_the_dimension_covers_the_text_rows(tmp_path: Path) -> None:
    path = tmp_path / "d.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws: Any = wb.add_worksheet("表", worksheet_class=TableSheet)
    ws.write_string(2, 1, "表头")
    for r in range(3, 8):
        ws.text_row(r, ["", "甲", "乙", "丙"], [None] * 4, 15)
    wb.close()
    assert not ws._text_rows  # once written, the rows are let go (XlsxWriter's objects live on in cycles)
    with zipfile.ZipFile(path) as z:
        # (text rows count from column A, whatever their first cells hold: the report's tables start there)
        assert b'<dimension ref="A3:D8"/>' in z.read("xl/worksheets/sheet1.xml")
    with pytest.raises(ValueError, match="outside"):
        ws.text_row(1_048_576, ["x"], [None], 15)


# Rows mixing text and numbers, as the 统计 sheet writes them: a kind, a name, counts (0 too) and shares.
NUMBER_ROWS: list[list[Any]] = [
    ["合计", "全区", 126, 80, 30, 10, 6, 0, 0.6349, 0.2381, 1e-05, 123456789012345678],
    ["单位", "区发改委", 0, 0, 0, 0, 0, 0, 0.0, 0.0, 0.0, 0],
    ["单位", "A&B <局>", 3, 1, 1, 1, 0, 0, 0.3333, 0.3333, 2.5, -7],  # the careful path for the text too
]


def _number_book(path: Path, fast: bool) -> None:
    wb = xlsxwriter.Workbook(str(path))
    text = wb.add_format({"font_name": "仿宋", "border": 1})
    count = wb.add_format({"font_name": "仿宋", "border": 1, "align": "center"})
    share = wb.add_format({"font_name": "仿宋", "border": 1, "num_format": "0.0%"})
    formats = [text, text] + [count] * 6 + [share] * 3 + [None]
    ws: Any = wb.add_worksheet("统计", worksheet_class=TableSheet) if fast else wb.add_worksheet("统计")
    ws.write_string(0, 0, "类别")
    for r, values in enumerate(NUMBER_ROWS, start=1):
        if fast:
            ws.text_row(r, values, formats, 15)
        else:
            for c, v in enumerate(values):
                if isinstance(v, str):
                    ws.write_string(r, c, v, formats[c])
                else:
                    ws.write_number(r, c, v, formats[c])
            ws.set_row(r, 15)
    wb.close()


def test_numbers_are_written_as_xlsxwriter_writes_them(tmp_path: Path) -> None:
    fast, plain = tmp_path / "fast.xlsx", tmp_path / "plain.xlsx"
    _number_book(fast, True)
    _number_book(plain, False)

    def number_cells(path: Path) -> list[bytes]:
        with zipfile.ZipFile(path) as z:
            xml = z.read("xl/worksheets/sheet1.xml")
        return re.findall(rb'<c r="[A-Z]+\d+"(?: s="\d+")?><v>[^<]*</v></c>', xml)

    got = number_cells(fast)
    assert got == number_cells(plain)
    assert len(got) == 30  # ten numbers a row, 0 included
    assert b'<c r="L2"><v>1.234567890123457E+17</v></c>' in got  # no format: no s=; 16 digits, as Excel keeps

    def openpyxl_cells(path: Path) -> list[tuple[Any, ...]]:
        ws = openpyxl.load_workbook(path)["统计"]
        return [(c.coordinate, c.value, c.data_type, c.number_format, c.alignment.horizontal)
                for row in ws.iter_rows() for c in row]

    cells = openpyxl_cells(fast)
    assert cells == openpyxl_cells(plain)
    assert ("C2", 126, "n", "General", "center") in cells and ("I2", 0.6349, "n", "0.0%", None) in cells
    assert ("H3", 0, "n", "General", "center") in cells and ("B4", "A&B <局>", "s", "General", None) in cells
    rows = read_workbook(fast, details=True).sheets[0].rows
    assert rows[1][:4] == ["合计", "全区", "126", "80"] and rows[3][1] == "A&B <局>"


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), True, None])
def test_a_number_excel_cannot_hold_is_refused(tmp_path: Path, bad: Any) -> None:
    wb = xlsxwriter.Workbook(str(tmp_path / "x.xlsx"))
    ws: Any = wb.add_worksheet("表", worksheet_class=TableSheet)
    ws.text_row(0, ["a", bad], [None, None], 15)
    with pytest.raises(TypeError, match="NaN|text or a number"):
        wb.close()
