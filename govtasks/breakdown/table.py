"""Import task tables as real documents lay them out (xlsx/xls/ods/csv grids).

Finds the header row itself (title rows above it, two-row headers), maps header
synonyms, fills vertically merged cells, and tells section rows (一、 / （一） /
topic rows numbered in their own sequence) from task rows. Section columns
(seed 000's 工作 / 内容) give the section path directly.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import Mapping, NamedTuple, Sequence

from govtasks import issues as codes
from govtasks.breakdown.columns import Roles, resolve
from govtasks.breakdown.draft import DraftMeta, DraftTask, LeadRule, finish, guess_year
from govtasks.breakdown.fold import fold
from govtasks.breakdown.labels import Header, field_of, find_header, norm_label
from govtasks.breakdown.textrules import MARKER_RANKS, lead_heading, marker, without_count
from govtasks.errors import LayoutError
from govtasks.io.workbook import Sheet, column_letter
from govtasks.issues import Issue, Severity
from govtasks.model import Breakdown, CellRef, Layout, RosterUnit

_SECTION_RANKS = (
    (0, re.compile(r"^第[一二三四五六七八九十百]+(部分|章|篇|方面)")),
    (1, re.compile(r"^[一二三四五六七八九十百]+\s*[、.．]")),
    (2, re.compile(r"^[（(]\s*[一二三四五六七八九十百]+\s*[）)]")),
)
_TOPIC = re.compile(r"^\d{1,3}\s*[、.．]\s*\D")


_UNNUMBERED = 4
"""The rank of an unnumbered heading row (below 第X部分 0, 一、 1, （一） 2 and numbered topics 3)."""


class _Section(NamedTuple):
    rank: float
    text: str
    gives: dict[str, str] | None = None
    """A heading that names who leads ("王宏副市长牵头重点工作"): the leaders or lead it gives the
    tasks under it (field → cell as written); it is no level of their path."""


def _gives(text: str) -> dict[str, str] | None:
    """What a lead heading gives (see :func:`govtasks.breakdown.textrules.lead_heading`), as written."""
    mark = marker(text)
    words = mark.rest if mark is not None else text
    folded = fold(words)
    found = lead_heading(folded)
    if found is None:
        return None
    return {kind: "、".join(words[(at := folded.find(v)):at + len(v)] for v in values) for kind, values in found.items()}


@dataclass
class _SheetResult:
    items: list[_Section | DraftTask] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    roles: Roles | None = None


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


def _spans_to_end(right_of: dict[tuple[int, int], int], r: int, c: int, width: int) -> bool:
    """Whether cell (r, c) is merged across to the last column; ``right_of``: (r0, c0) → c1 of each merge."""
    return right_of.get((r, c), -1) >= width - 1 > c


_RANK_START = frozenset("第一二三四五六七八九十百（(")  # the first characters _SECTION_RANKS can match


def _section_rank(text: str) -> int | None:
    if not text or text[0] not in _RANK_START:
        return None
    for rank, pattern in _SECTION_RANKS:
        if pattern.match(text):
            return rank
    return None


def _classify(row: list[str], number: str, text: str, text_col: int, right_of: dict[tuple[int, int], int],
              r: int, expected: int) -> _Section | None:
    """The section heading of a row with no unit, deadline or progress cell; None for a task row."""
    joined = " ".join(dict.fromkeys(filter(None, map(str.strip, row))))  # distinct cells: a merged row repeats one
    joined = without_count(joined) if "项" in joined else joined  # "（15项）" is no part of the heading
    rank = _section_rank(joined)
    if rank is not None:
        return _Section(rank, joined, _gives(joined))
    if number.isdecimal() and text and (int(number) != expected or _spans_to_end(right_of, r, text_col, len(row))):
        return _Section(3, f"{number} {text}")
    if not number.isdecimal() and _TOPIC.match(joined):
        return _Section(3, joined)
    if not number.isdecimal() and len(joined) <= 60 and _spans_to_end(right_of, r, min(c for c, v in enumerate(row) if v.strip()), len(row)):
        return _Section(_UNNUMBERED, joined)  # an unnumbered heading merged across the table
    return None


# The fields a row is read into, in this order (absent columns read as "").
_FIELDS = ("number", "text", "deadline", "lead", "coop", "leaders", "persons", "note", "progress",
           "section1", "section2", "section3")


def _read_sheet(sheet: Sheet, header: Header, file: str, overrides: Mapping[str, int]) -> _SheetResult:
    grid = fill_down(sheet.rows, sheet.merges, header.data_start)
    roles = resolve(header.fields, header.labels, grid[header.data_start:], overrides, header.by_content)
    result = _SheetResult(roles=roles)
    items, sheet_name = result.items, sheet.name
    header_texts = {norm_label(v) for v in header.labels.values()}
    col_of = roles.columns
    width = max([*header.labels, *col_of.values()]) + 1
    body = [row if len(row) >= width else row + [""] * (width - len(row)) for row in grid[header.data_start:]]
    # Column-wise: each field's stripped cells in one C-level pass; an absent field is all "".
    blank = itertools.repeat("")
    columns = [list(map(str.strip, map(itemgetter(col_of[f]), body))) if f in col_of else blank for f in _FIELDS]
    right_of = {(r0, c0): c1 for r0, c0, _, c1 in sheet.merges}
    text_col = col_of["text"]
    text_letter = column_letter(text_col)
    letters: dict[str, str] = {f: column_letter(col_of[f]) for f in ("lead", "coop", "deadline") if f in col_of}
    longest = max(len(v) for v in header.labels.values()) + 8  # labels may be spaced out
    extra_cols = [(c, header.labels[c]) for c in roles.extras]
    last = 0
    numbered: list[DraftTask] = []  # the tasks whose text starts with a digit
    for r, row, (number, text, deadline, lead, coop, leaders, persons, note, progress, s1, s2, s3) in zip(
            itertools.count(header.data_start), body, zip(*columns)):
        if not any(row):
            continue
        if len(text) <= 40 and not number.isdecimal() and (
                len(text) <= longest and norm_label(text) in header_texts
                and {norm_label(c) for c in row if c.strip()} <= header_texts or _header_again(row, header)):
            continue  # the header repeated on a new page (its cells are labels: short, no task number)
        if not (lead or coop or deadline or leaders or persons or progress):  # a section row, or a stray line
            section = _classify(row, number, text, text_col, right_of, r, last + 1)
            if section is not None:
                items.append(section)
                continue
            if not (number.isdecimal() and number.isascii() and len(number) <= 5) and (last or not text):
                result.issues.append(Issue(
                    code=codes.ROW_SKIPPED, severity=Severity.WARNING,
                    where=CellRef(file=file, sheet=sheet_name, row=r + 1, column=text_letter),
                    message=f"该行既不是任务也不是标题，未导入：“{' '.join(c for c in row if c)[:60]}”"))
                continue
        path = () if not (s1 or s2 or s3) else tuple(v for v in (s1, s2, s3) if v)
        extra = [(label, v) for c, label in extra_cols if (v := row[c].strip())] if extra_cols else []
        if number and number[-1] in _NUMBER_MARKS:  # "1*": the mark is kept in the note
            note = f"{note}\n序号原为“{number}”".strip()
            number = number.rstrip(_NUMBER_MARKS)
        task = DraftTask(number, path, text, deadline, lead, coop, leaders, persons, note, progress, extra,
                         CellRef(file=file, sheet=sheet_name, row=r + 1, column=text_letter), letters)
        items.append(task)
        if text[:1].isdecimal():
            numbered.append(task)
        if number.isdecimal():
            last = int(number)
    if numbered:
        _own_numbers(numbered, [i for i in items if isinstance(i, DraftTask)])
    return result


_NUMBER_MARKS = "*＊★"


def _own_numbers(numbered: list[DraftTask], tasks: list[DraftTask]) -> None:
    """Task texts that carry their number ("1.地区生产总值增长5%以上。"): when most do and the
    序号 column does not number the tasks one by one (it is empty, or numbers groups of them), the
    texts' numbers are the tasks'; a text's number equal to its 序号 is dropped from the text.
    ``numbered``: the tasks (of ``tasks``) whose text starts with a digit."""
    dotted = [(t, m) for t in numbered if (m := marker(t.text)) is not None and m.style == "dot"]
    if not dotted:
        return
    dots = len(dotted)
    numbers = [t.number for t in tasks]
    own = dots >= 2 and 2 * dots >= len(tasks) and (not all(numbers) or len(set(numbers)) < len(numbers))
    for task, m in dotted:
        if own or task.number == m.number:
            task.number, task.text = m.number, m.rest.strip()


def _header_again(row: list[str], header: Header) -> bool:
    """A row of labels naming the header's columns again (a new page's header, reworded)."""
    if max(map(len, row), default=0) > 40:  # a task's text
        return False
    cells = [(c, v) for c, v in enumerate(row) if v.strip()]
    if len(cells) < 2 or any(v.strip().isdecimal() for _, v in cells):  # a task's number
        return False
    return all((f := field_of(v)) is not None and
               (header.fields.get(c) == f or {f, header.fields.get(c)} <= {"text", "section"}) for c, v in cells)


def _outer_unnumbered(items: list[_Section | DraftTask]) -> list[_Section | DraftTask]:
    """An unnumbered heading row right above a numbered one ("强化科技创新支撑能力。" over "（一）加强…")
    is half a level above it, not below every numbered level."""
    out = list(items)
    for n in range(len(out) - 2, -1, -1):
        item, nxt = out[n], out[n + 1]
        if isinstance(item, _Section) and item.rank == _UNNUMBERED and isinstance(nxt, _Section) and nxt.rank < _UNNUMBERED:
            out[n] = item._replace(rank=nxt.rank - 0.5)
    return out


def _with_paths(items: list[_Section | DraftTask]) -> list[DraftTask]:
    """Give each task the section-row path in force (ranks mapped to levels 1–3) before the
    sections of its own cells, and what the lead headings above it give."""
    ranks = sorted({i.rank for i in items if isinstance(i, _Section)})
    if _UNNUMBERED in ranks and len(ranks) > 1:
        items = _outer_unnumbered(items)
        ranks = sorted({i.rank for i in items if isinstance(i, _Section)})
    level_of = {rank: min(n, 2) for n, rank in enumerate(ranks)}
    path: list[str] = ["", "", ""]
    current: tuple[str, ...] = ()
    given: list[tuple[float, dict[str, str]]] = []
    nearest_first: list[dict[str, str]] = []  # what the lead headings in force give
    out: list[DraftTask] = []
    for item in items:
        if isinstance(item, _Section):
            level = level_of[item.rank]
            given = [g for g in given if g[0] < item.rank]
            if item.gives is not None:
                given.append((item.rank, item.gives))
                path[level:] = [""] * (3 - level)
            else:
                path[level:] = [item.text] + [""] * (2 - level)
            current = tuple(p for p in path if p)  # computed once per section row, shared by its tasks
            nearest_first = [gives for _, gives in reversed(given)]
        else:
            item.path = _nested(current, item.path) if item.path else current
            for gives in nearest_first:
                if not item.leaders and "leaders" in gives:
                    item.leaders = gives["leaders"]
                if not item.lead and not item.coop and "lead" in gives:
                    item.lead = gives["lead"]
            out.append(item)
    return out


def _nested(rows: tuple[str, ...], cells: tuple[str, ...]) -> tuple[str, ...]:
    """A task's path from the section rows above it and the section cells beside it: rows first,
    unless every heading is numbered, when numbering decides (a 二、 cell holds the （一） row above
    its first task: the row spans the merged column, so the column's cell starts below it)."""
    path = rows + tuple(p for p in cells if p not in rows)
    marks = [m for p in path if (m := marker(p)) is not None]
    if len(marks) == len(path):
        order = sorted(range(len(path)), key=lambda i: MARKER_RANKS[marks[i].style])
        path = tuple(path[i] for i in order)
    return path


def breakdown_from_sheets(file: str, sheets: Sequence[Sheet], *, roster: Sequence[RosterUnit] = (),
                          lead: LeadRule = "auto", title_hint: str = "",
                          columns: Mapping[str, int] | None = None) -> Breakdown:
    """Import every sheet that holds a task table; the others are reported.

    ``title_hint`` is the title when no title rows stand above the header
    (a web page or Word file has its title outside the table); ``columns`` overrides the
    columns' roles (field → 0-based column, see :func:`govtasks.breakdown.columns.parse_overrides`).
    """
    decisions: list[str] = []
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
        result = _read_sheet(sheet, header, file, columns or {})
        drafts += _with_paths(result.items)
        issues += result.issues
        titles += [c.strip() for row in sheet.rows[: header.row] for c in row if c.strip()]
        assert result.roles is not None
        has_lead |= "lead" in result.roles.columns
        where = f"{sheet.name}：" if len(sheets) > 1 else ""
        decisions += [where + d for d in result.roles.decisions]
    if not drafts:
        _raise_no_table(file, sheets, empty)
    title = titles[0] if titles else title_hint
    issuer = _issuer_of(title) or _issuer_of(_ATTACHMENT.sub("", Path(file).stem))  # 芜湖市2024年度….xlsx
    meta = DraftMeta(title=title, year=guess_year(title, file), issuer=issuer, source=file)
    bd = finish(drafts, meta, roster=roster, lead=lead, has_lead_col=has_lead, issues=issues)
    return bd.replace(layout=Layout("table", decisions))


_ATTACHMENT = re.compile(r"^\s*附件\s*\d*\s*[:：.、_\-]?\s*")


def _issuer_of(title: str) -> str:
    """The place a title starts with (芜湖市2024年… / 弋江区人民政府…), else ""."""
    m = re.match(r"^(\S{1,12}?(?:省|市|区|县|旗|州))(?=\d{4}|人民政府)", title)
    return m.group(1) if m else ""


def _raise_no_table(file: str, sheets: Sequence[Sheet], empty: list[str]) -> None:
    names = "、".join(s.name for s in sheets if s.name not in empty)
    where = f"{file}!{sheets[0].name}" if len(sheets) == 1 else file
    msg = (f"{where}: 未找到任务表的表头行（需要“任务内容/目标与任务/主要任务”等列，以及“牵头单位/责任单位”等列）；"
           f"已查看工作表：{names}。请检查表头文字，或用标准任务分解表格式（见 docs/format.md）")
    raise LayoutError(msg, file=file, sheet=sheets[0].name if len(sheets) == 1 else "")
