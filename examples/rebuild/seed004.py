"""Rebuild seed 004 as the Excel workbook it was.

The seed ``004_8d04ce5b0ce2eadc.txt`` is a web scrape of the consolidated
progress report "弋江区2023年二季度重点工作进展和完成情况" (Yijiang district,
Wuhu, 2023 Q2): a five-column table 序号 | 目 标 与 任 务 | 牵头责任单位 |
责任单位 | 进展情况 with four section rows "(一)…" to "(四)…" and 126 tasks.

How the scrape encodes the HTML table
-------------------------------------
* Line 1 is the title. Every other line is one or more table cells; a cell
  is written as ``text + " |"`` on its own line. No cell spans two lines
  (every content line ends with " |"), so multi-paragraph cells do not occur
  in this seed. The file has no final newline.
* A present but empty ``<td>`` is a line consisting of a single ``|``, written
  *in place* (before the 进展情况 cell).
* A row with fewer ``<td>`` than five columns - because cells are covered by a
  ``rowspan`` from a row above - is padded *at the end of the row* (after the
  进展情况 cell) with one ``|`` per missing cell, all on one line: ``||`` = two
  covered cells, ``|`` = one. Every row therefore counts exactly five cells.
* A section row is its text cell, an empty ``|`` cell and ``|||`` padding:
  the section spans the table; it is written merged over A:E.

Parsing rules
-------------
1. A row starts at a line ``"<n> |"`` (task) or ``"(一)… |"`` (section).
2. The row's own cells are the lines up to the last non-empty cell, which is
   always 进展情况 (no 进展情况 is empty or shared in this seed, so the
   progress column is never merged). Trailing pipe-only lines are padding;
   their pipe count is the number of covered columns.
3. Own cells = 序号, 任务, then 0, 1 or 2 unit cells, then 进展情况.
   Two unit cells: lead and 责任单位 as written; an in-place empty ``|`` is a
   truly empty cell (e.g. task 58 规划建设部 with no 责任单位, task 126).
   Zero unit cells: both lead and 责任单位 continue the merged ranges above.
4. One unit cell: one column is covered, and the scrape does not say which.
   Rule: the covered column continues the column covered in the previous row;
   otherwise it is the lead, unless the present cell equals the lead in force
   (a lead cannot also be its own 责任单位), in which case it is 责任单位.
   Merged ranges never cross a section row.
5. Cell text is kept exactly as written (wrap spaces inside unit names such as
   "智能网联及新能源 汽车招商中心 成员单位" are kept; units are not split).

Judgement calls (outcomes of rule 4, each checked against the task wording)
--------------------------------------------------------------------------
* Task 15: lead 区商务局 continues from 14; the present cell is its 责任单位.
* Tasks 24-27: the empty 责任单位 cell of task 24 is merged over 24-27 and the
  present cells are leads (25 科技经贸部, 26 区发改委 区商务局, 27 投资促进部):
  reading them as 责任单位 under lead 科技经贸部 would make 科技经贸部 both lead
  and 责任单位 of task 25, and task 26's progress (促消费 events, R&D platform
  funds) is the work of 发改委/商务局 as leads.
* Tasks 29, 34, 40, 42, 61-64, 81-82, 100, 102-103, 109-114, 120-121: the lead
  continues from above (经信局, 科技经贸部, 财政局, 农水局, 规划建设部,
  生态环境分局, 人社局, 人社局, 教育局, 政府办 - all matching the task
  wording) and the present cell is 责任单位 (empty except 42 and 64
  "白马街道 火龙街道", 109 and 110 "区重点处"). Reading it as the lead instead
  would leave tasks such as 29 (工业互联网) or 113 (双减) without a lead.
* Tasks 1-9 (and 36-37, 118-119) repeat the same lead/责任单位 in separate
  cells in the scrape; they are kept as separate (unmerged) cells.
* The section row is written merged over A:E although the scrape shows a text
  cell plus an empty cell (the split of that empty cell is unknown).

Restored characters: none. The text shows no lost 年/月/日 and no unreadable
characters; spellings such as 瑞联电子 (task 7 progress, 睿联电子 in the task)
and 鲁港/澛港, and the typo 己完工 (task 58), are kept as written.
Cell values written to Excel are the parsed texts; 序号 is written as a number.
"""
from __future__ import annotations

import math
import re
from datetime import datetime
from pathlib import Path
from typing import Any

import xlsxwriter

SEED = "004_8d04ce5b0ce2eadc.txt"
OUTPUT = "弋江区2023年二季度重点工作进展和完成情况.xlsx"
META: dict[str, Any] = {
    "title": "弋江区2023年二季度重点工作进展和完成情况",
    "year": 2023,
    "issuer": "弋江区人民政府",
    "doc_number": "",
    "source": "web scrape of the published 弋江区 2023 Q2 progress table "
    "(examples/sources/004_8d04ce5b0ce2eadc.txt)",
}
HEADER = ["序号", "目 标 与 任 务", "牵头责任单位", "责任单位", "进展情况"]
WIDTHS = [6, 36, 14, 18, 70]
TASK_RE = re.compile(r"^(\d+) \|$")
SECTION_RE = re.compile(r"^\([一二三四五六七八九十]+\)")


def _split_rows(text: str) -> list[list[str]]:
    """Group the lines after the header into table rows (first line = key)."""
    lines = [ln.rstrip("\r") for ln in text.split("\n")]
    if len(lines) < 7 or lines[1:6] != [h + " |" for h in HEADER]:
        raise ValueError("unexpected title/header layout")
    rows: list[list[str]] = []
    for line in lines[6:]:
        if not line.strip():
            continue
        if TASK_RE.match(line) or SECTION_RE.match(line):
            rows.append([line])
        elif rows:
            rows[-1].append(line)
        else:
            raise ValueError(f"cell outside a row: {line[:30]!r}")
    return rows


def _cells(row: list[str]) -> tuple[list[str], int]:
    """Return the row's own cell texts and the number of covered cells."""
    last = max(i for i, ln in enumerate(row) if set(ln) != {"|"})
    own = [ln[:-2] if ln.endswith(" |") else "" for ln in row[: last + 1]]
    for ln in row[: last + 1]:
        if not (ln.endswith(" |") or ln == "|"):
            raise ValueError(f"cell without ' |': {ln[:30]!r}")
    covered = sum(len(ln) for ln in row[last + 1:])
    if len(own) + covered != 5:
        raise ValueError(f"row does not count 5 cells: {row[0]!r}")
    return own, covered


def _units(mid: list[str], prev: dict[str, Any] | None) -> tuple[dict[str, Any], dict[str, bool]]:
    """Resolve lead/责任单位 values and merge starts for one task row."""
    if len(mid) == 2:
        return {"lead": mid[0], "units": mid[1]}, {"lead": True, "units": True}
    if prev is None:
        raise ValueError("covered cell right after a section row")
    vals = {"lead": prev["lead"], "units": prev["units"]}
    if not mid:
        return vals, {"lead": False, "units": False}
    prev_start = prev["merge_start"]
    if not prev_start["units"] and prev_start["lead"]:
        covered = "units"
    elif not prev_start["lead"] and prev_start["units"]:
        covered = "lead"
    else:
        covered = "units" if mid[0] == prev["lead"] else "lead"
    present = "units" if covered == "lead" else "lead"
    vals[present] = mid[0]
    return vals, {covered: False, present: True}


def _task(own: list[str], section: str, prev: dict[str, Any] | None) -> dict[str, Any]:
    """Build one task dict from its own cells."""
    number, text, *mid, progress = own
    vals, starts = _units(mid, prev)
    return {
        "kind": "task", "number": number, "sections": [section], "text": text,
        "deadline": "", "lead": vals["lead"], "units": vals["units"],
        "leaders": "", "persons": "", "note": "", "progress": progress,
        "merge_start": {"lead": starts["lead"], "units": starts["units"],
                        "progress": True},
    }


def parse(text: str) -> list[dict[str, Any]]:
    """Parse the seed text into table body rows (sections and tasks) in order."""
    out: list[dict[str, Any]] = []
    section = ""
    prev: dict[str, Any] | None = None
    count = 0
    for row in _split_rows(text):
        own, _covered = _cells(row)
        if SECTION_RE.match(row[0]):
            section, prev = own[0], None
            out.append({"kind": "section", "level": 1, "number": "", "text": section})
            continue
        task = _task(own, section, prev)
        count += 1
        if task["number"] != str(count):
            raise ValueError(f"task number out of order: {task['number']}")
        out.append(task)
        prev = task
    return out


def _formats(wb: xlsxwriter.Workbook) -> dict[str, Any]:
    """Cell formats: 黑体 title/header, 仿宋 body, thin borders, wrap."""
    body = {"font_name": "仿宋", "font_size": 11, "border": 1, "text_wrap": True,
            "valign": "vcenter"}
    return {
        "title": wb.add_format({"font_name": "黑体", "font_size": 18,
                                "align": "center", "valign": "vcenter"}),
        "header": wb.add_format({"font_name": "黑体", "font_size": 12, "border": 1,
                                 "align": "center", "valign": "vcenter",
                                 "text_wrap": True}),
        "section": wb.add_format({**body, "bold": True, "align": "left"}),
        "center": wb.add_format({**body, "align": "center"}),
        "left": wb.add_format({**body, "align": "left"}),
    }


def _display_width(text: str) -> int:
    """Width in Excel character units: CJK/full-width characters count 2."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _height(cells: list[tuple[str, int]]) -> float:
    """Row height (points) fitting wrapped text of (text, column width) pairs."""
    lines = 1
    for text, width in cells:
        per_line = max(width - 2, 1)
        n = sum(max(1, math.ceil(_display_width(p) / per_line))
                for p in text.split("\n"))
        lines = max(lines, n)
    return min(409.0, lines * 14.5 + 6)


def _runs(rows: list[dict[str, Any]], key: str) -> list[tuple[int, int]]:
    """(first, last) body-row indexes of each range of a column, tasks only."""
    runs: list[tuple[int, int]] = []
    for i, row in enumerate(rows):
        if row["kind"] != "task":
            continue
        if row["merge_start"][key] or not runs:
            runs.append((i, i))
        else:
            runs[-1] = (runs[-1][0], i)
    return runs


def _setup_sheet(ws: Any, fmt: dict[str, Any]) -> None:
    """Title, header, widths and print settings (A4 landscape, header repeat)."""
    for col, width in enumerate(WIDTHS):
        ws.set_column(col, col, width)
    ws.merge_range(0, 0, 0, 4, META["title"], fmt["title"])
    ws.set_row(0, 40)
    ws.write_row(1, 0, HEADER, fmt["header"])
    ws.set_row(1, 30)
    ws.set_paper(9)
    ws.set_landscape()
    ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    ws.center_horizontally()
    ws.repeat_rows(1)
    ws.fit_to_pages(1, 0)
    ws.set_footer("&C第 &P 页 共 &N 页")
    ws.freeze_panes(2, 0)


def _write_column(ws: Any, rows: list[dict[str, Any]], key: str, col: int,
                  fmt: Any) -> None:
    """Write one unit column, merging each run (value in the top cell only)."""
    for first, last in _runs(rows, key):
        value = rows[first][key]
        if first == last:
            ws.write(first + 2, col, value, fmt)  # "" -> formatted blank
        else:
            ws.merge_range(first + 2, col, last + 2, col, value, fmt)


def write_original(rows: list[dict[str, Any]], path: Path | str) -> None:
    """Write the workbook as the original report looked."""
    wb = xlsxwriter.Workbook(str(path))
    wb.set_properties({"title": META["title"], "created": datetime(2023, 7, 15)})
    ws = wb.add_worksheet("Sheet1")
    fmt = _formats(wb)
    _setup_sheet(ws, fmt)
    for i, row in enumerate(rows):
        r = i + 2
        if row["kind"] == "section":
            ws.merge_range(r, 0, r, 4, row["text"], fmt["section"])
            ws.set_row(r, 24)
            continue
        ws.write_number(r, 0, int(row["number"]), fmt["center"])
        ws.write_string(r, 1, row["text"], fmt["left"])
        ws.write_string(r, 4, row["progress"], fmt["left"])
        ws.set_row(r, _height([(row["text"], WIDTHS[1]),
                               (row["progress"], WIDTHS[4])]))
    _write_column(ws, rows, "lead", 2, fmt["center"])
    _write_column(ws, rows, "units", 3, fmt["center"])
    wb.close()


def build(seeds_dir: Path, out_dir: Path) -> Path:
    """Parse the seed from seeds_dir and write OUTPUT into out_dir."""
    text = (Path(seeds_dir) / SEED).read_text(encoding="utf-8")
    rows = parse(text)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / OUTPUT
    write_original(rows, path)
    return path


if __name__ == "__main__":
    _repo = Path(__file__).resolve().parents[2]
    print(build(_repo / "examples" / "sources", _repo / "examples" / "data"))
