"""Import task tables as real documents lay them out (xlsx/xls/ods/csv grids).

Finds the header row itself (title rows above it, two-row headers), maps header
synonyms, fills vertically merged cells, and tells section rows (一、 / （一） /
topic rows numbered in their own sequence) from task rows. Section columns
(seed 000's 工作 / 内容) give the section path directly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

from .. import issues as codes
from ..errors import LayoutError
from ..issues import Issue, Severity
from ..layout import Header, find_header, norm_label
from ..model import Breakdown, CellRef, RosterUnit
from ..xlsx import Sheet, column_letter
from ._draft import DraftMeta, DraftTask, LeadRule, finish, guess_year

_SECTION_RANKS = (
    (0, re.compile(r"^第[一二三四五六七八九十百]+(部分|章|篇|方面)")),
    (1, re.compile(r"^[一二三四五六七八九十百]+\s*[、.．]")),
    (2, re.compile(r"^[（(]\s*[一二三四五六七八九十百]+\s*[）)]")),
)
_TOPIC = re.compile(r"^\d{1,3}\s*[、.．]\s*\D")
_PAYLOAD = ("lead", "coop", "deadline", "leaders", "persons", "progress")
_SECTION_FIELDS = ("section1", "section2", "section3")


@dataclass
class _Section:
    rank: int
    text: str


@dataclass
class _SheetResult:
    items: list[_Section | DraftTask] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)


def fill_down(rows: list[list[str]], merges: Sequence[tuple[int, int, int, int]], start: int) -> list[list[str]]:
    """Copy each vertically merged value into the cells it covers (first column of the range)."""
    grid = list(rows)  # rows are copied only where a merge writes into them
    copied: set[int] = set()
    for r0, c0, r1, _ in merges:
        if r1 > r0 and r0 >= start and r0 < len(grid):
            value = grid[r0][c0] if c0 < len(grid[r0]) else ""
            for r in range(r0 + 1, min(r1 + 1, len(grid))):
                if r not in copied:
                    grid[r] = list(grid[r])
                    copied.add(r)
                grid[r].extend([""] * (c0 + 1 - len(grid[r])))
                grid[r][c0] = value
    return grid


def _spans_to_end(merges: Sequence[tuple[int, int, int, int]], r: int, c: int, width: int) -> bool:
    return any(r0 == r and c0 == c and c1 >= width - 1 > c0 for r0, c0, _, c1 in merges)


def _section_rank(text: str) -> int | None:
    for rank, pattern in _SECTION_RANKS:
        if pattern.match(text):
            return rank
    return None


def _classify(values: dict[str, str], row: list[str], header: Header, merges: Sequence[tuple[int, int, int, int]],
              r: int, expected: int) -> _Section | None:
    """A section heading for this row, or None when it is a task row."""
    for f in _PAYLOAD:
        if values.get(f):
            return None
    cells = list(dict.fromkeys(x for x in (c.strip() for c in row) if x))
    joined = " ".join(cells)
    rank = _section_rank(joined)
    if rank is not None:
        return _Section(rank, joined)
    number, text = values.get("number", ""), values.get("text", "")
    text_col = next((c for c, f in header.fields.items() if f == "text"), -1)
    if number.isdigit() and text and (int(number) != expected or _spans_to_end(merges, r, text_col, len(row))):
        return _Section(3, f"{number} {text}")
    if not number and _TOPIC.match(joined):
        return _Section(3, joined)
    return None


def _draft(values: dict[str, str], extra: list[tuple[str, str]], source: CellRef) -> DraftTask:
    return DraftTask(
        number=values.get("number", ""), text=values.get("text", ""), deadline=values.get("deadline", ""),
        lead=values.get("lead", ""), coop=values.get("coop", ""), leaders=values.get("leaders", ""),
        persons=values.get("persons", ""), note=values.get("note", ""), progress=values.get("progress", ""),
        path=tuple(v for f in _SECTION_FIELDS if (v := values.get(f, ""))),
        extra=extra, source=source,
    )


def _read_sheet(sheet: Sheet, header: Header, file: str) -> _SheetResult:
    grid = fill_down(sheet.rows, sheet.merges, header.data_start)
    result = _SheetResult()
    header_texts = {norm_label(v) for v in header.labels.values()}
    text_col = next(c for c, f in header.fields.items() if f == "text")
    text_letter = column_letter(text_col)
    fields = list(header.fields.items())
    longest = max(len(v) for v in header.labels.values()) + 8  # labels may be spaced out
    extra_cols = [(c, header.labels[c]) for c in sorted(header.labels) if c not in header.fields]
    last = 0
    for r in range(header.data_start, len(grid)):
        row = grid[r]
        if not any(row):
            continue
        values = {f: (row[c].strip() if c < len(row) else "") for c, f in fields}
        if len(values["text"]) <= longest and norm_label(values["text"]) in header_texts \
                and {norm_label(c) for c in row if c.strip()} <= header_texts:
            continue  # the header repeated on a new page
        source = CellRef(file=file, sheet=sheet.name, row=r + 1, column=text_letter)
        section = _classify(values, row, header, sheet.merges, r, last + 1)
        if section is not None:
            result.items.append(section)
            continue
        numbered = bool(re.fullmatch(r"\d{1,5}", values.get("number", "")))
        if not numbered and not any(values.get(f) for f in _PAYLOAD) and (last or not values.get("text")):
            result.issues.append(Issue(code=codes.ROW_SKIPPED, severity=Severity.WARNING, where=source,
                                       message=f"该行既不是任务也不是标题，未导入：“{' '.join(c for c in row if c)[:60]}”"))
            continue
        extra = [(label, row[c].strip()) for c, label in extra_cols if c < len(row) and row[c].strip()]
        result.items.append(_draft(values, extra, source))
        if values.get("number", "").isdigit():
            last = int(values["number"])
    return result


def _with_paths(items: list[_Section | DraftTask]) -> list[DraftTask]:
    """Give each task the section-row path in force (ranks mapped to levels 1–3)."""
    ranks = sorted({i.rank for i in items if isinstance(i, _Section)})
    level_of = {rank: min(n, 2) for n, rank in enumerate(ranks)}
    path: list[str] = ["", "", ""]
    out: list[DraftTask] = []
    for item in items:
        if isinstance(item, _Section):
            level = level_of[item.rank]
            path[level:] = [item.text] + [""] * (2 - level)
        else:
            if not item.path:
                item.path = tuple(p for p in path if p)
            out.append(item)
    return out


def breakdown_from_sheets(file: str, sheets: Sequence[Sheet], *, roster: Sequence[RosterUnit] = (),
                          lead: LeadRule = "auto", title_hint: str = "") -> Breakdown:
    """Import every sheet that holds a task table; the others are reported.

    ``title_hint`` is the title when no title rows stand above the header
    (a web page or Word file has its title outside the table).
    """
    drafts: list[DraftTask] = []
    issues: list[Issue] = []
    titles: list[str] = []
    has_lead = False
    empty = [s.name for s in sheets if not any(c.strip() for row in s.rows for c in row)]
    if len(empty) == len(sheets):
        where = f"{file}!{sheets[0].name}" if len(sheets) == 1 else file
        raise LayoutError(f"{where}: 工作表是空的，没有任何内容", file=file, sheet=sheets[0].name if sheets else "")
    for sheet in sheets:
        header = find_header(sheet.rows, sheet.merges)
        if header is None:
            if sheet.name not in empty:
                issues.append(Issue(code=codes.SHEET_SKIPPED, severity=Severity.INFO, where=CellRef(file=file, sheet=sheet.name),
                                    message="该工作表没有任务表的表头，未导入"))
            continue
        result = _read_sheet(sheet, header, file)
        drafts += _with_paths(result.items)
        issues += result.issues
        titles += [c.strip() for row in sheet.rows[: header.row] for c in row if c.strip()]
        has_lead |= "lead" in header.fields.values()
    if not drafts:
        _raise_no_table(file, sheets, empty)
    title = titles[0] if titles else title_hint
    meta = DraftMeta(title=title, year=guess_year(title, file), issuer=_issuer_of(title), source=file)
    return finish(drafts, meta, roster=roster, lead=lead, has_lead_col=has_lead, issues=issues)


def _issuer_of(title: str) -> str:
    m = re.match(r"^(\S{1,12}?(?:省|市|区|县|旗|州))(?=\d{4}|人民政府)", title)
    return m.group(1) if m else ""


def _raise_no_table(file: str, sheets: Sequence[Sheet], empty: list[str]) -> None:
    names = "、".join(s.name for s in sheets if s.name not in empty)
    where = f"{file}!{sheets[0].name}" if len(sheets) == 1 else file
    msg = (f"{where}: 未找到任务表的表头行（需要“任务内容/目标与任务/主要任务”等列，以及“牵头单位/责任单位”等列）；"
           f"已查看工作表：{names}。请检查表头文字，或用标准任务分解表格式（见 docs/format.md）")
    raise LayoutError(msg, file=file, sheet=sheets[0].name if len(sheets) == 1 else "")
