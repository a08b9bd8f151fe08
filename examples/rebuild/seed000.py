"""Rebuild seed 000 (繁昌区 2023) as the Excel workbook it was published as.

The seed
--------
``000_8885c5e24b27f197.txt`` is a web scrape of the notice
"繁昌区人民政府关于印发2023年区政府重点工作任务的通知" (publisher 繁昌区人民政府,
published 2023-04-10 09:12, dated 2023年3月31日, no 文号) followed by its
attachment, the table "2023年区政府重点工作任务" with the subtitle
"(合计7个方面,共8项指标、138项重点工作)". The table has 138 numbered rows;
rows 1-9 are the 8 main indicators (indicator 7 居民收入 spans rows 7 and 8).

Columns of the original table (two header rows)::

    序号 | 重点工作 (工作, 内容) | 具体任务分解 (主要任务) | 完成时限 | 牵头单位 |
    责任单位 | 牵头区领导 | 责任人 | 备注

Parsing rules
-------------
* The scrape puts one table cell per paragraph; cells are separated by a
  blank line ("\\n\\n"), the paragraphs inside one cell by a single "\\n".
  The table body starts after the last header cell "主要任务".
* Each line of a cell is stripped of spaces, NBSP and EN SPACE; a cell whose
  lines are all blank is "". Blank lines *inside* a non-empty cell are kept,
  because the 责任人 lines are aligned with the 牵头单位 lines (one person per
  lead unit, blank where a unit has none): "李春喜\\n" (row 17), "\\n王爱民"
  (row 19), "\\n管英平" (row 46).
* A row starts at the cell equal to the next expected 序号 (1, 2, ... 138).
* 工作 is present only when the cell matches "一、"..."七、"; 内容 only when it
  matches "<n>." (topic numbers 1-27). A cell covered by a rowspan merge is
  absent in the scrape, so a present 工作/内容 cell starts a new merged
  range. Where the same section is written again (工作 at rows 5, 15, 19,
  25, 31, 36, 43, 46, 56, 65, 71, 85, 90, 96, 106, 111, 116, 121, 132;
  内容 at rows 19, 25, 31, 43, 46, 56, 65, 71, 96, 106, 111, 116) the source
  table restarted the merge there (page breaks); the rebuild keeps those
  restarts as separate merged ranges. Every 工作 restart also restarts 内容,
  and a 内容 range never crosses a 工作 boundary.
* After 主要任务 and 完成时限 the remaining cells ("tail") are
  牵头单位, 责任单位, 牵头区领导, 责任人, 备注 (5 cells).

Judgement calls on irregular rows
---------------------------------
* Long tails (2k+3 cells, k > 1): rows 73, 82, 125 and 137. The multi-line
  牵头单位 cell and the matching 责任人 cell were scraped with blank lines
  between their paragraphs, so they look like k cells each. They are read as
  k lead paragraphs, 责任单位, 牵头区领导, k person paragraphs, 备注:
  row 73 lead "区城管局\\n区文明办", persons "柯晓飞\\n张俊彪";
  row 82 five leads (交通运输局 ... 经济和信息化局), persons
  "高宗礼\\n金贤东\\n滕德宝\\n柯晓飞\\n"; row 125 lead "区委宣传部\\n区融媒体中心",
  persons "张俊彪\\n"; row 137 lead "区委办\\n区政府办", 牵头区领导 "鲁胜启",
  persons "\\n滕德愿" (滕德愿 is 区政府办's person in rows 22, 127-135; 区委办,
  a party office, has none). Multi-line 牵头区领导 cells never occur in the
  table, which rules out reading row 137 as leaders "鲁胜启\\n".
* Short tails (3 or 4 cells): rows 19, 43, 44, 46, 54, 55, 68, 89, 110, 111,
  117, 118, 120 and 138. The scrape dropped empty cells (row 138 is the end
  of the page: its empty 备注 is missing). The first two tail cells are
  牵头单位 and 责任单位; a remaining non-empty cell is 牵头区领导 when all its
  names are district leaders (the names seen in the 牵头区领导 column of the
  regular rows: 鲁胜启, 秦文涛, 濮思廷), otherwise 责任人; every missing cell is
  empty. So rows 54/55 have leader 濮思廷 and rows 43, 89, 110, 111, 117, 118,
  120 have persons (陈守锋, 李春喜, 王心生, 郑海峰/赵书兵) with an empty leader.
* Row 8 (second row of indicator 7 居民收入) has neither 工作 nor 内容: both
  are merged down from row 7; its 濮思廷 sits in 牵头区领导.
* Row 71: the lead cell has 5 lines, "(人民城建办)" qualifying
  区住房城乡建设局 on the line above; persons has 4 lines. Kept as written.
* Rows 85 and 90 repeat 工作 "五、..." without the final closing quote
  (…“含金量); kept as scraped, so that section has two spellings.

Restored characters (certain patterns only)
-------------------------------------------
* 完成时限 "<yyyy><m>月..." lost its 年: "202312月底前" -> "2023年12月底前"
  (100 rows) and "20233月底前" -> "2023年3月底前" (row 67). No other column
  contains such a pattern.
* The notice date "2023331日" -> "2023年3月31日" (used in META["source"]).

Not restored (not certain): the scrape normalised all full-width punctuation
to ASCII (",", "(", ")", ":"; the seed has no "，" or "（" at all), and some
cells lost a trailing unit or quote ("10亿元以上项目10", "实绩企业3",
"9.打出双招双引”“新攻势", "14.两业融合”“强链"). These are kept as scraped,
as is the subtitle "(合计7个方面,共8项指标、138项重点工作)".

Written workbook: title and subtitle rows merged over A:J, a two-row header
(序号, 完成时限 ... 备注 merged over both rows, 重点工作 over 工作/内容,
具体任务分解 above 主要任务), data from row 5 with 工作/内容 merged down over
each range, 序号 written as an integer, 黑体 title/header, 仿宋 body,
borders, wrapped text, estimated row heights, A4 landscape, header rows
repeated on every page, page numbers.
"""
from __future__ import annotations

import math
import re
import unicodedata
from datetime import datetime
from pathlib import Path
from typing import Any

import xlsxwriter

SEED = "000_8885c5e24b27f197.txt"
OUTPUT = "繁昌区2023年区政府重点工作任务.xlsx"
META: dict[str, Any] = {
    "title": "2023年区政府重点工作任务",
    "year": 2023,
    "issuer": "繁昌区人民政府",
    "doc_number": "",
    "source": "繁昌区人民政府关于印发2023年区政府重点工作任务的通知 (附件), "
    "繁昌区人民政府, 2023年3月31日印发, 网上发布时间 2023-04-10 09:12",
}
SUBTITLE = "(合计7个方面,共8项指标、138项重点工作)"

HEADER_TOP = ["序号", "重点工作", "", "具体任务分解", "完成时限", "牵头单位",
              "责任单位", "牵头区领导", "责任人", "备注"]
HEADER_SUB = ["", "工作", "内容", "主要任务"]
COLUMNS = ["number", "work", "content", "text", "deadline", "lead", "units",
           "leaders", "persons", "note"]
WIDTHS = [6, 12, 14, 46, 18, 20, 28, 10, 10, 6]
FIRST_DATA_ROW = 4  # zero-based: Excel row 5

_WS = " \t\xa0\u2002\u3000"
_WORK = re.compile(r"^[一二三四五六七八九十]+、")
_CONTENT = re.compile(r"^\d{1,2}\.(?!\d)")
_DATE = re.compile(r"^(20\d\d)(1[0-2]|[1-9])月")
_DATA_START = "\n\n主要任务\n\n"


def _clean(cell: str) -> str:
    """Strip each line of a cell; an all-blank cell becomes ""."""
    lines = [line.strip(_WS) for line in cell.split("\n")]
    return "\n".join(lines) if any(lines) else ""


def restore_date(value: str) -> str:
    """Put back the 年 the scrape lost: "202312月底前" -> "2023年12月底前"."""
    return _DATE.sub(r"\1年\2月", value)


def _table_cells(text: str) -> list[str]:
    """Raw cells of the table body (after the header cell 主要任务)."""
    start = text.index(_DATA_START) + len(_DATA_START)
    return text[start:].rstrip("\n").split("\n\n")


def _group_rows(cells: list[str]) -> list[list[str]]:
    """Split the cell stream at the sequential 序号 cells 1, 2, 3, ..."""
    rows: list[list[str]] = []
    for cell in cells:
        if cell.strip(_WS) == str(len(rows) + 1):
            rows.append([cell.strip(_WS)])
        elif rows:
            rows[-1].append(cell)
        else:
            raise ValueError(f"table does not start with 序号 1: {cell!r}")
    return rows


def _split_head(raw: list[str]) -> tuple[str | None, str | None, list[str]]:
    """(工作 or None, 内容 or None, remaining cells) of one raw row."""
    rest = raw[1:]
    work = content = None
    if rest and _WORK.match(rest[0].strip(_WS)):
        work, rest = _clean(rest[0]), rest[1:]
    if rest and _CONTENT.match(rest[0].strip(_WS)):
        content, rest = _clean(rest[0]), rest[1:]
    return work, content, rest


def _known_leaders(raws: list[list[str]]) -> set[str]:
    """Names in the 牵头区领导 column of rows with a regular (2k+3) tail."""
    names: set[str] = set()
    for raw in raws:
        tail = _split_head(raw)[2][2:]
        if len(tail) >= 5 and len(tail) % 2 == 1:
            k = (len(tail) - 3) // 2
            names.update(n for n in _clean(tail[k + 1]).split("\n") if n)
    return names


def _assign_tail(tail: list[str], leaders: set[str]) -> dict[str, str]:
    """Map the cells after 完成时限 to lead/units/leaders/persons/note."""
    if len(tail) >= 5 and len(tail) % 2 == 1:
        k = (len(tail) - 3) // 2
        return {"lead": "\n".join(_clean(c) for c in tail[:k]),
                "units": _clean(tail[k]), "leaders": _clean(tail[k + 1]),
                "persons": "\n".join(_clean(c) for c in tail[k + 2:2 * k + 2]),
                "note": _clean(tail[-1])}
    if len(tail) not in (2, 3, 4):
        raise ValueError(f"unexpected tail of {len(tail)} cells: {tail!r}")
    out = {"lead": _clean(tail[0]), "units": _clean(tail[1]),
           "leaders": "", "persons": "", "note": ""}
    for cell in (_clean(c) for c in tail[2:]):
        names = [n for n in cell.split("\n") if n]
        if not names:
            continue
        key = "leaders" if set(names) <= leaders else "persons"
        if out[key]:
            raise ValueError(f"two candidates for {key}: {tail!r}")
        out[key] = cell
    return out


def parse(text: str) -> list[dict]:
    """One dict per data row of the table, in order (see module docstring)."""
    raws = _group_rows(_table_cells(text))
    leaders = _known_leaders(raws)
    rows: list[dict] = []
    work = content = ""
    for raw in raws:
        new_work, new_content, rest = _split_head(raw)
        if new_work is not None and new_content is None:
            raise ValueError(f"row {raw[0]}: 工作 restarts without 内容")
        work = new_work if new_work is not None else work
        content = new_content if new_content is not None else content
        row: dict[str, Any] = {
            "kind": "task", "number": raw[0], "sections": [work, content],
            "text": _clean(rest[0]), "deadline": restore_date(_clean(rest[1])),
        }
        row.update(_assign_tail(rest[2:], leaders))
        row["progress"] = ""
        row["merge_start"] = {"work": new_work is not None,
                              "content": new_content is not None}
        rows.append(row)
    return rows


def merge_ranges(rows: list[dict], key: str) -> list[tuple[int, int]]:
    """(first, last) row indexes of each 工作 ("work") or 内容 range."""
    starts = [i for i, r in enumerate(rows)
              if r["merge_start"][key] or r["merge_start"]["work"]]
    ends = starts[1:] + [len(rows)]
    return [(s, e - 1) for s, e in zip(starts, ends)]


def _display_width(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WFA" else 1
               for c in line)


def _line_count(value: str, width: float) -> int:
    """Wrapped lines a cell needs in a column of the given width."""
    per_line = max(0.95 * width - 1.0, 1.0)  # half-width units per line
    return sum(max(1, math.ceil(_display_width(line) / per_line))
               for line in value.split("\n"))


def _row_heights(rows: list[dict]) -> list[float]:
    """Row heights in points for wrapped text, merged cells included."""
    line_pt, pad = 14.5, 6.0
    plain = [c for c in range(len(COLUMNS)) if COLUMNS[c] not in ("work", "content")]
    heights = [max(_line_count(_cell(r, c), WIDTHS[c]) for c in plain) * line_pt + pad
               for r in rows]
    for col, key in ((1, "work"), (2, "content")):
        for first, last in merge_ranges(rows, key):
            need = _line_count(_cell(rows[first], col), WIDTHS[col]) * line_pt + pad
            have = sum(heights[first:last + 1])
            if need > have:
                extra = (need - have) / (last - first + 1)
                for i in range(first, last + 1):
                    heights[i] += extra
    return heights


def _cell(row: dict, col: int) -> str:
    """Text of column ``col`` of a parsed row."""
    name = COLUMNS[col]
    if name == "work":
        return row["sections"][0]
    if name == "content":
        return row["sections"][1]
    return row[name]


def _formats(wb: xlsxwriter.Workbook) -> dict[str, Any]:
    border = {"border": 1, "text_wrap": True, "valign": "vcenter"}
    return {
        "title": wb.add_format({"font_name": "黑体", "font_size": 18,
                                "align": "center", "valign": "vcenter"}),
        "subtitle": wb.add_format({"font_name": "仿宋", "font_size": 12,
                                   "align": "center", "valign": "vcenter"}),
        "header": wb.add_format({**border, "font_name": "黑体", "font_size": 12,
                                 "align": "center"}),
        "center": wb.add_format({**border, "font_name": "仿宋", "font_size": 11,
                                 "align": "center"}),
        "left": wb.add_format({**border, "font_name": "仿宋", "font_size": 11,
                               "align": "left"}),
    }


def _write_header(ws: Any, fmt: dict[str, Any]) -> None:
    """Title, subtitle and the two merged header rows (Excel rows 1-4)."""
    last = len(COLUMNS) - 1
    ws.merge_range(0, 0, 0, last, META["title"], fmt["title"])
    ws.merge_range(1, 0, 1, last, SUBTITLE, fmt["subtitle"])
    for col, label in enumerate(HEADER_TOP):
        if col in (1, 2, 3):
            continue
        ws.merge_range(2, col, 3, col, label, fmt["header"])
    ws.merge_range(2, 1, 2, 2, HEADER_TOP[1], fmt["header"])
    ws.write(2, 3, HEADER_TOP[3], fmt["header"])
    for col in (1, 2, 3):
        ws.write(3, col, HEADER_SUB[col], fmt["header"])
    ws.set_row(0, 36)
    ws.set_row(1, 22)
    ws.set_row(2, 22)
    ws.set_row(3, 22)


def _write_value(ws: Any, row: int, col: int, value: str, fmt: Any) -> None:
    if col == 0 and value.isdigit():
        ws.write_number(row, col, int(value), fmt)
    elif value:
        ws.write_string(row, col, value, fmt)
    else:
        ws.write_blank(row, col, None, fmt)


def _write_rows(ws: Any, rows: list[dict], fmt: dict[str, Any]) -> None:
    """Data rows; 工作/内容 merged down over each range."""
    aligns = ["center", "center", "center", "left", "center", "center",
              "left", "center", "center", "center"]
    for i, (r, height) in enumerate(zip(rows, _row_heights(rows))):
        excel_row = FIRST_DATA_ROW + i
        ws.set_row(excel_row, height)
        for col in range(len(COLUMNS)):
            if col not in (1, 2):
                _write_value(ws, excel_row, col, _cell(r, col), fmt[aligns[col]])
    for col, key in ((1, "work"), (2, "content")):
        for first, last in merge_ranges(rows, key):
            value = _cell(rows[first], col)
            if first == last:
                _write_value(ws, FIRST_DATA_ROW + first, col, value, fmt["center"])
            else:
                ws.merge_range(FIRST_DATA_ROW + first, col, FIRST_DATA_ROW + last,
                               col, value, fmt["center"])


def _setup_page(ws: Any, n_rows: int) -> None:
    for col, width in enumerate(WIDTHS):
        ws.set_column(col, col, width)
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    ws.center_horizontally()
    ws.repeat_rows(2, 3)
    ws.fit_to_pages(1, 0)
    ws.set_footer("&C第 &P 页 共 &N 页")
    ws.freeze_panes(FIRST_DATA_ROW, 0)
    ws.print_area(0, 0, FIRST_DATA_ROW + n_rows - 1, len(COLUMNS) - 1)


def write_original(rows: list[dict], path: str | Path) -> None:
    """Write the workbook as the original attachment looked."""
    wb = xlsxwriter.Workbook(str(path))
    wb.set_properties({"title": META["title"], "created": datetime(2023, 3, 31)})
    ws = wb.add_worksheet("Sheet1")
    fmt = _formats(wb)
    _write_header(ws, fmt)
    _write_rows(ws, rows, fmt)
    _setup_page(ws, len(rows))
    wb.close()


def build(seeds_dir: Path, out_dir: Path) -> Path:
    """Parse the seed and write ``out_dir / OUTPUT``."""
    text = (Path(seeds_dir) / SEED).read_text(encoding="utf-8")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / OUTPUT
    write_original(parse(text), out)
    return out


if __name__ == "__main__":
    _repo = Path(__file__).resolve().parents[2]
    print(build(_repo / "examples" / "sources", _repo / "examples" / "data"))
