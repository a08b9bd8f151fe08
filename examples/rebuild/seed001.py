"""Rebuild seed 001 as the Excel workbook it was.

The seed ``001_f882c3b85ce2465f.txt`` is a web scrape of the notice
"芜湖市人民政府关于分解下达2024年度重点工作任务的通知" (Wuhu city government,
signed 2024年4月6日, published 2024-04-09 15:23) followed by its attachment,
the table "2024年度市政府重点工作任务分解": four columns 序号 | 目标与任务 |
牵头责任单位 | 责任单位, 220 tasks numbered 1-220 through the whole table, and
the hierarchy as separate rows: 3 level-1 rows (一、 二、 三、), 14 level-2 rows
(（一）…（十） under 二、, （一）…（四） under 三、) and 37 level-3 topic rows numbered
1, 2, 3 … inside each level-2 section (none under 三、).

How the scrape encodes the table
--------------------------------
* One paragraph per line, lines separated by one blank line; a blank
  separator line is never content. The table starts after the header lines
  序号 / 目标与任务 / 牵头责任单位 / 责任单位.
* An empty cell is a line holding only a no-break space (U+00A0; any line that
  is whitespace only is treated the same way).
* A multi-paragraph cell is several consecutive lines, one unit per line.
  Nothing marks where the 牵头责任单位 cell ends and the 责任单位 cell begins.
* A task row is: its number (the next number of the 1…220 run), exactly one
  text line, then the unit lines. A topic row is a number that is not the
  next task number, then its text line. Level-1 rows match ``一、``; level-2
  rows match ``(一)``. The topic row "1 加快建设区域消费中心。" (under （五）) is
  followed by two empty-cell lines: that row was not merged in the source;
  it is written merged over B:D like every other topic row.

Lead / 责任单位 rule (every task has a non-empty lead cell)
----------------------------------------------------------
1. An empty-cell line closes the lead cell: everything before it is the lead.
   If it is the last line, 责任单位 is empty (128 tasks, e.g. 11 with six
   leads); if lines follow it, they are the 责任单位 cell (task 100 only).
2. Otherwise the 责任单位 cell starts at the group "各县市区政府、" (a line
   ending in "、" continues the same cell, so "各县市区政府、" + "开发区管委会"
   is one cell) and runs to the end of the row.
3. Otherwise the 责任单位 cell is the last line alone.
4. A unit never appears twice in one cell: a repeated line starts the
   责任单位 cell. A line starting with "(" (an alias such as "(市人民城建办)")
   stays in the cell of the line above.
5. Published evidence overrides the rule for tasks 13 and 14: the city's own
   2024 Q1 progress report (www.wuhu.gov.cn/openness/public/6596211/
   39266086.html) and the Q2 report reproduce the 牵头责任单位 column and give
   13 = 市经信局 市科技局 and 14 = 市税务局 市地方金融局 市人社局, so the
   remaining lines (13: 市发改委; 14: 人行芜湖分行, 国家金融监管总局芜湖分局)
   are 责任单位 (constant ``LEAD_LINES``). This shows that rule 2/3 keeps
   责任单位 minimal and may put a real 责任单位 into the lead cell elsewhere.

Judgement calls
---------------
* Rule 2 with two or more lines before the group (the split could be
  elsewhere): tasks 2 3 9 10 15 17 20 21 22 23 24 26 29 30 32 33 35 36 37 50
  68 140 178 192 200 203.
* Rule 3 with three or more lines: tasks 42 51 52 53 59 64 69 72 90 91 94 99
  102 109 112 123 127 138 146 158 176 179 188 189 191 198.
* Task 5: 市科技局 is listed twice; by rule 4 the lead is 市科技局 and 责任单位
  is 市科技局 + 各县市区政府、开发区管委会 (rather than a doubled lead).
* Task 89: the group comes before 市建投公司 / 市宜居公司; by rule 2 all four
  lines are 责任单位 and the lead is 市科技局.
* Task 100: an empty paragraph sits between 团市委 and 市科技局; read as the end
  of the lead cell (lead 市人才办 市人社局 市教育局 团市委, 责任单位 市科技局).
* Task 220, the last row, has a single unit line: the trailing empty
  责任单位 cell was trimmed with the end of the page; 责任单位 is empty.
* Tasks 13 and 14: rule 5.
* Wrapped names: cell text is the cell's lines joined by "\\n", without
  exception. The scrape keeps one paragraph per line, so the wrap was a hard
  break in the source cell (芜湖's own progress tables wrap "市数据资源" /
  "管理局" the same way): task 14 keeps "国家金融监管\\n总局芜湖分局" and every
  group cell is "各县市区政府、\\n开发区管委会".

Restored characters
-------------------
* Full-width punctuation: every seed was width-folded (NFKC): no "，（）：；"
  occurs anywhere while "。、" survive. In the table text, "," "(" ")" ";"
  are written back as "，" "（" "）" "；" (``RESTORE_FULLWIDTH``), e.g.
  "（一）优化政策机制，激发经济增长新动能。", "市机场（空港）公司".
  "%", digits and Latin letters are left half-width (not certain).
* The signature date "202446" is "2024年4月6日" (a four-digit year, then 4 and
  6: no other reading); used in ``META["source"]`` and the file's created date.
* Not restored (not certain): lost quotation marks (e.g. task 19
  "免申即享”“即申即享", task 78 "安徽出口品牌”5个以上", tasks 82 "中华数岛",
  176 "无废城市", 178 "长江十年禁渔"), a missing final "。" (tasks 19 77 82
  101 165 176 178 203 208), the lost class numeral in task 180
  "实现类及以上水质目标", and "120以上" in task 66.
"""
from __future__ import annotations

import math
import re
import unicodedata
from datetime import datetime
from pathlib import Path
from typing import Any

import xlsxwriter

SEED = "001_f882c3b85ce2465f.txt"
OUTPUT = "芜湖市2024年度市政府重点工作任务分解.xlsx"
META: dict[str, Any] = {
    "title": "2024年度市政府重点工作任务分解",
    "year": 2024,
    "issuer": "芜湖市人民政府",
    "doc_number": "",
    "source": "芜湖市人民政府关于分解下达2024年度重点工作任务的通知（芜湖市人民政府，"
    "2024年4月6日；发布时间 2024-04-09 15:23，信息来源：芜湖市人民政府）附件",
}
HEADER = ["序号", "目标与任务", "牵头责任单位", "责任单位"]
WIDTHS = [6, 62, 22, 18]
TASK_COUNT = 220
GROUP_HEAD = "各县市区政府、"
LEAD_LINES = {"13": 2, "14": 3}
RESTORE_FULLWIDTH = True
FULLWIDTH = str.maketrans({",": "，", "(": "（", ")": "）", ";": "；", ":": "："})
LEVEL1_RE = re.compile(r"^[一二三四五六七八九十]+、")
LEVEL2_RE = re.compile(r"^[(（][一二三四五六七八九十]+[)）]")
LINE_PT = 16.0


def _restore(text: str) -> str:
    """Undo the scrape's width folding of Chinese punctuation."""
    return text.translate(FULLWIDTH) if RESTORE_FULLWIDTH else text


def _body_lines(text: str) -> list[str]:
    """Content lines after the table header; empty cells become ""."""
    lines = [ln.rstrip("\r") for ln in text.split("\n")]
    lines = [ln for ln in lines if ln != ""]
    for i in range(len(lines) - 3):
        if lines[i:i + 4] == HEADER:
            return ["" if not ln.strip() else ln.strip() for ln in lines[i + 4:]]
    raise ValueError("table header 序号/目标与任务/牵头责任单位/责任单位 not found")


def _raw_rows(lines: list[str]) -> list[dict[str, Any]]:
    """Group body lines into rows: kind, level, number, text, extra lines."""
    rows: list[dict[str, Any]] = []
    nxt, i = 1, 0
    while i < len(lines):
        ln = lines[i]
        if ln.isdigit():
            kind = "task" if ln == str(nxt) else "section"
            nxt += kind == "task"
            rows.append({"kind": kind, "level": 3, "number": ln,
                         "text": lines[i + 1], "extra": []})
            i += 2
            continue
        level = 1 if LEVEL1_RE.match(ln) else 2 if LEVEL2_RE.match(ln) else 0
        if level:
            rows.append({"kind": "section", "level": level, "number": "",
                         "text": ln, "extra": []})
        elif rows:
            rows[-1]["extra"].append(ln)
        else:
            raise ValueError(f"line outside a row: {ln[:30]!r}")
        i += 1
    return rows


def _boundary(number: str, lines: list[str]) -> int:
    """Index of the first 责任单位 line (rules 2-5 of the module docstring)."""
    if number in LEAD_LINES:
        k = LEAD_LINES[number]
    elif GROUP_HEAD in lines:
        k = lines.index(GROUP_HEAD)
    else:
        k = len(lines) - 1
    for j in range(1, k):
        if lines[j] in lines[:j]:
            k = j
            break
    while 0 < k < len(lines) and lines[k].startswith(("(", "（")):
        k -= 1
    if k < 1:
        raise ValueError(f"task {number}: no lead line")
    return k


def _split_units(number: str, lines: list[str], last: bool) -> tuple[list[str], list[str]]:
    """Split a task's unit lines into (lead lines, 责任单位 lines)."""
    if not lines or lines[0] == "":
        raise ValueError(f"task {number}: empty lead cell")
    if "" in lines:
        k = lines.index("")
        return lines[:k], [ln for ln in lines[k + 1:] if ln]
    if len(lines) == 1:
        if not last:
            raise ValueError(f"task {number}: missing 责任单位 cell")
        return lines, []
    k = _boundary(number, lines)
    return lines[:k], lines[k:]


def _task(raw: dict[str, Any], path: list[str], last: bool) -> dict[str, Any]:
    """Build one task dict."""
    lead, units = _split_units(raw["number"], raw["extra"], last)
    return {
        "kind": "task", "number": raw["number"], "sections": list(path),
        "text": _restore(raw["text"]), "deadline": "",
        "lead": _restore("\n".join(lead)), "units": _restore("\n".join(units)),
        "leaders": "", "persons": "", "note": "", "progress": "",
    }


def _section(raw: dict[str, Any], path: list[str]) -> dict[str, Any]:
    """Build one section dict and update the heading path in place."""
    if any(raw["extra"]):
        raise ValueError(f"section row with content: {raw['text'][:20]!r}")
    text, level = _restore(raw["text"]), raw["level"]
    shown = f"{raw['number']} {text}" if level == 3 else text
    del path[level - 1:]
    path.append(shown)
    return {"kind": "section", "level": level, "number": raw["number"], "text": text}


def parse(text: str) -> list[dict[str, Any]]:
    """Parse the seed text into section and task rows, in table order."""
    raws = _raw_rows(_body_lines(text))
    rows: list[dict[str, Any]] = []
    path: list[str] = []
    for i, raw in enumerate(raws):
        if raw["kind"] == "section":
            if raw["level"] > len(path) + 1:
                raise ValueError(f"heading level skipped at {raw['text'][:20]!r}")
            rows.append(_section(raw, path))
        else:
            rows.append(_task(raw, path, i == len(raws) - 1))
    numbers = [r["number"] for r in rows if r["kind"] == "task"]
    if numbers != [str(n) for n in range(1, TASK_COUNT + 1)]:
        raise ValueError(f"expected tasks 1..{TASK_COUNT}, got {len(numbers)}")
    return rows


def _text_width(line: str) -> int:
    """Display width of a line in Excel character units (CJK = 2)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def _line_count(text: str, width: float) -> int:
    """Wrapped line count of a cell's text in a column of ``width`` units."""
    usable = max(width - 1.5, 1.0)
    return sum(max(1, math.ceil(_text_width(ln) / usable)) for ln in text.split("\n"))


def _row_height(cells: list[tuple[str, float]]) -> float:
    """Row height in points for (text, width) cells (Excel never auto-fits)."""
    lines = max(_line_count(text, width) for text, width in cells)
    return lines * LINE_PT + 6


def _formats(wb: Any) -> dict[str, Any]:
    """Cell formats: 黑体 title/header, 仿宋 body, thin borders, wrap."""
    body = {"font_name": "仿宋", "font_size": 12, "border": 1, "text_wrap": True,
            "valign": "vcenter"}
    return {
        "title": wb.add_format({"font_name": "黑体", "font_size": 18,
                                "align": "center", "valign": "vcenter"}),
        "header": wb.add_format({"font_name": "黑体", "font_size": 12, "border": 1,
                                 "align": "center", "valign": "vcenter", "text_wrap": True}),
        "section": wb.add_format({**body, "bold": True, "align": "left"}),
        "center": wb.add_format({**body, "align": "center"}),
        "left": wb.add_format({**body, "align": "left"}),
    }


def _setup_sheet(ws: Any, fmt: dict[str, Any]) -> None:
    """Columns, title, header and A4-landscape print setup."""
    for col, width in enumerate(WIDTHS):
        ws.set_column(col, col, width)
    ws.merge_range(0, 0, 0, 3, META["title"], fmt["title"])
    ws.set_row(0, 40)
    ws.write_row(1, 0, HEADER, fmt["header"])
    ws.set_row(1, 24)
    ws.set_landscape()
    ws.set_paper(9)
    ws.set_margins(left=0.5, right=0.5, top=0.7, bottom=0.7)
    ws.repeat_rows(1)
    ws.fit_to_pages(1, 0)
    ws.center_horizontally()
    ws.set_footer("&C第 &P 页，共 &N 页")
    ws.freeze_panes(2, 0)


def _write_row(ws: Any, r: int, row: dict[str, Any], fmt: dict[str, Any]) -> None:
    """Write one section or task row at sheet row ``r``."""
    total = float(sum(WIDTHS))
    if row["kind"] == "section" and row["level"] < 3:
        ws.merge_range(r, 0, r, 3, row["text"], fmt["section"])
        ws.set_row(r, _row_height([(row["text"], total)]))
    elif row["kind"] == "section":
        ws.write_number(r, 0, int(row["number"]), fmt["center"])
        ws.merge_range(r, 1, r, 3, row["text"], fmt["left"])
        ws.set_row(r, _row_height([(row["text"], total - WIDTHS[0])]))
    else:
        ws.write_number(r, 0, int(row["number"]), fmt["center"])
        ws.write_string(r, 1, row["text"], fmt["left"])
        ws.write_string(r, 2, row["lead"], fmt["center"])
        ws.write_string(r, 3, row["units"], fmt["center"])
        cells = [(row["text"], WIDTHS[1]), (row["lead"], WIDTHS[2]),
                 (row["units"], WIDTHS[3])]
        ws.set_row(r, _row_height(cells))


def write_original(rows: list[dict[str, Any]], path: Path | str) -> None:
    """Write the attachment table as the original workbook looked."""
    wb = xlsxwriter.Workbook(str(path))
    wb.set_properties({"title": META["title"], "author": META["issuer"],
                       "created": datetime(2024, 4, 6)})
    ws = wb.add_worksheet("任务分解")
    fmt = _formats(wb)
    _setup_sheet(ws, fmt)
    ws.print_area(0, 0, len(rows) + 1, 3)
    for i, row in enumerate(rows):
        _write_row(ws, i + 2, row, fmt)
    wb.close()


def build(seeds_dir: Path, out_dir: Path) -> Path:
    """Parse the seed and write ``out_dir / OUTPUT``; return the path."""
    text = (Path(seeds_dir) / SEED).read_text(encoding="utf-8")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / OUTPUT
    write_original(parse(text), out)
    return out


if __name__ == "__main__":
    HERE = Path(__file__).resolve().parent
    REPO = HERE.parent.parent
    print(build(REPO / "examples" / "sources", REPO / "examples" / "data"))
