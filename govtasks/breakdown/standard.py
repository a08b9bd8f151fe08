"""The standard task-breakdown workbook (docs/format.md): read and write.

Sheets: 任务分解 (one row per task, header row, an optional title row above it),
单位 (roster: 单位名称 | 别名 | 所属分组) and 说明 (title, year, issuer, document
number, source). Units and names are one per line inside a cell. Read → write →
read is lossless.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from govtasks import issues as codes
from govtasks._types import PathLike
from govtasks.breakdown.deadlines import parse_deadline
from govtasks.breakdown.draft import task_ids
from govtasks.breakdown.labels import INFO_KEYS, ROSTER_COLUMNS, SHEET_INFO, SHEET_ROSTER, SHEET_TASKS, norm_label
from govtasks.errors import LayoutError
from govtasks.io.workbook import Sheet, Workbook, column_letter, read_workbook
from govtasks.issues import Issue, IssueList, Severity
from govtasks.model import PROGRESS_LABEL, STANDARD_COLUMNS, Breakdown, CellRef, RosterUnit, Task
from govtasks.outputs import STANDARD_MARK

_LABEL_TO_FIELD = {norm_label(label): fld for fld, label in STANDARD_COLUMNS}
_LABEL_TO_FIELD[norm_label(PROGRESS_LABEL)] = "progress"


def _lines(cell: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in cell.split("\n") if x.strip())


def find_standard_header(sheet: Sheet, scan: int = 10) -> tuple[int, dict[int, str]] | None:
    """(row, column → field-or-label) of a standard header (任务编号 … 任务内容), or None."""
    for r, row in enumerate(sheet.rows[:scan]):
        fields = {c: _LABEL_TO_FIELD.get(norm_label(v), "") if len(v) <= 40 else "" for c, v in enumerate(row) if v.strip()}
        if {"id", "text"} <= set(fields.values()):
            return r, {c: f or f"extra:{row[c].strip()}" for c, f in fields.items()}
    return None


def is_standard(sheets: Sequence[Sheet]) -> bool:
    """Whether a workbook's sheets are in the standard format."""
    return any(find_standard_header(s) is not None for s in sheets if s.name == SHEET_TASKS)


def read_breakdown(path: PathLike, *, strict: bool = False) -> Breakdown:
    """Read a standard breakdown workbook.

    Args:
        path: the .xlsx (or .xls/.ods re-save) in the standard format.
        strict: raise IssuesFoundError when the data has errors.

    Raises:
        WorkbookError: the file cannot be read.
        LayoutError: the file is not a standard breakdown (use import_breakdown).

    Example:
        >>> bd = read_breakdown("芜湖市2024年度重点工作任务分解_标准.xlsx")  # doctest: +SKIP
        >>> bd.for_unit("市发改委")[0].text                                  # doctest: +SKIP
    """
    bd = breakdown_from_workbook(read_workbook(path))
    if strict:
        bd.issues.raise_if_errors()
    return bd


def breakdown_from_workbook(wb: Workbook) -> Breakdown:
    """The breakdown in a standard workbook already read (see :func:`read_breakdown`)."""
    by_name = {s.name: s for s in wb.sheets}
    sheet = by_name.get(SHEET_TASKS)
    found = find_standard_header(sheet) if sheet else None
    if sheet is None or found is None:
        msg = (f"{wb.name}: 不是标准任务分解表（未找到“{SHEET_TASKS}”工作表中的“任务编号”“任务内容”表头）；"
               f"其他格式的任务表请用 govtasks import 导入")
        raise LayoutError(msg, file=wb.name)
    info = _read_info(by_name.get(SHEET_INFO))
    year = int(info["year"]) if info.get("year", "").isdecimal() else None
    tasks, issues = _read_tasks(sheet, found, wb.name, year)
    title = info.get("title") or next((c for row in sheet.rows[: found[0]] for c in row if c.strip()), "")
    return Breakdown(title=title, year=year, issuer=info.get("issuer", ""), doc_number=info.get("doc_number", ""),
                     source=info.get("source", ""), tasks=tuple(tasks), roster=_read_roster(by_name.get(SHEET_ROSTER)),
                     issues=IssueList(issues))


def _read_info(sheet: Sheet | None) -> dict[str, str]:
    keys = {label: key for key, label in INFO_KEYS}
    out: dict[str, str] = {}
    for row in sheet.rows if sheet else []:
        if len(row) >= 2 and row[0].strip() in keys:
            out[keys[row[0].strip()]] = row[1].strip()
    return out


def _read_roster(sheet: Sheet | None) -> tuple[RosterUnit, ...]:
    if sheet is None:
        return ()
    units = []
    for row in sheet.rows:
        cells = [c.strip() for c in row] + ["", "", ""]
        if cells[0] and cells[0] != ROSTER_COLUMNS[0]:
            units.append(RosterUnit(name=cells[0], aliases=_lines(cells[1]), groups=_lines(cells[2])))
    return tuple(units)


def _read_tasks(sheet: Sheet, found: tuple[int, dict[int, str]], file: str, year: int | None) -> tuple[list[Task], list[Issue]]:
    header_row, columns = found
    text_col = next(c for c, f in columns.items() if f == "text")
    rows = [(r, sheet.rows[r]) for r in range(header_row + 1, len(sheet.rows)) if any(c.strip() for c in sheet.rows[r])]
    issues: list[Issue] = []
    fallback = task_ids([str(n) for n in range(1, len(rows) + 1)])
    tasks, seen = [], set()
    for (r, row), spare_id in zip(rows, fallback):
        values = {f: (row[c].strip() if c < len(row) else "") for c, f in columns.items()}
        where = CellRef(file=file, sheet=sheet.name, row=r + 1, column=column_letter(text_col))
        task_id = values.get("id", "")
        if not task_id:
            task_id = spare_id
            issues.append(Issue(code=codes.MISSING_ID, severity=Severity.WARNING, where=where, task_id=task_id,
                                message=f"该行没有任务编号，已临时编为 {task_id}；请补上任务编号，以免与已下发的填报表对不上"))
        elif task_id in seen:
            issues.append(Issue(code=codes.DUPLICATE_ID, severity=Severity.ERROR, where=where, task_id=task_id,
                                message=f"任务编号 {task_id} 重复，请改为唯一编号"))
        seen.add(task_id)
        tasks.append(_task(values, task_id, year, where))
    return tasks, issues


def _task(values: dict[str, str], task_id: str, year: int | None, where: CellRef) -> Task:
    get = values.get
    return Task(
        id=task_id, number=get("number", ""),
        path=tuple(v for v in (get("section1", ""), get("section2", ""), get("section3", "")) if v),
        text=get("text", ""), deadline=parse_deadline(get("deadline", ""), year),
        lead=_lines(get("lead", "")), coop=_lines(get("coop", "")), leaders=_lines(get("leaders", "")),
        persons=_lines(get("persons", "")), note=get("note", ""), progress=get("progress", ""),
        extra=tuple((k[6:], v) for k, v in values.items() if k.startswith("extra:") and v), source=where,
    )


def write_breakdown(bd: Breakdown, path: PathLike) -> Path:
    """Write ``bd`` as a standard breakdown workbook (atomically).

    Example:
        >>> write_breakdown(bd, "标准任务分解表.xlsx")  # doctest: +SKIP
    """
    return write_standard(bd, Path(path))


# --- writing -------------------------------------------------------------------

_WIDTHS = {"id": 9, "number": 6, "section1": 18, "section2": 18, "section3": 18, "text": 50, "deadline": 14,
           "lead": 18, "coop": 22, "leaders": 10, "persons": 10, "note": 12}


def _columns(bd: Breakdown) -> list[tuple[str, str, float]]:
    """(key, label, width) of every column: standard ones, 进展情况 if used, then extras."""
    cols = [(fld, label, float(_WIDTHS[fld])) for fld, label in STANDARD_COLUMNS]
    if any(t.progress for t in bd.tasks):
        cols.append(("progress", PROGRESS_LABEL, 60.0))
    extras = dict.fromkeys(k for t in bd.tasks for k, _ in t.extra)
    cols += [(f"extra:{k}", k, 16.0) for k in extras]
    return cols


def _values(task: Task) -> dict[str, str]:
    path = list(task.path) + ["", "", ""]
    values = {
        "id": task.id, "number": task.number, "section1": path[0], "section2": path[1], "section3": path[2],
        "text": task.text, "deadline": task.deadline.text, "lead": "\n".join(task.lead),
        "coop": "\n".join(task.coop), "leaders": "\n".join(task.leaders), "persons": "\n".join(task.persons),
        "note": task.note, "progress": task.progress,
    }
    values.update((f"extra:{k}", v) for k, v in task.extra)
    return values


def write_standard(bd: Breakdown, path: Path) -> Path:
    """Write the three sheets of the standard workbook."""
    from govtasks.io.textfit import row_height
    from govtasks.io.xlsxout import atomic_workbook

    cols = _columns(bd)
    with atomic_workbook(path) as wb:
        head = wb.add_format({"bold": True, "font_name": "黑体", "bg_color": "#D9E1F2", "border": 1,
                              "align": "center", "valign": "vcenter", "text_wrap": True})
        body = wb.add_format({"font_name": "仿宋", "text_wrap": True, "valign": "top", "border": 1})
        title = wb.add_format({"bold": True, "font_name": "黑体", "font_size": 16, "align": "center", "valign": "vcenter"})
        ws = wb.add_worksheet(SHEET_TASKS)
        top = 0
        if bd.title:
            ws.merge_range(0, 0, 0, len(cols) - 1, bd.title, title)
            ws.set_row(0, 30)
            top = 1
        for c, (_, label, width) in enumerate(cols):
            ws.set_column(c, c, width)
            ws.write_string(top, c, label, head)
        for r, task in enumerate(bd.tasks, start=top + 1):
            values = _values(task)
            for c, (key, _, _) in enumerate(cols):
                ws.write_string(r, c, values.get(key, ""), body)
            ws.set_row(r, row_height([(values.get(k, ""), w) for k, _, w in cols]))
        ws.freeze_panes(top + 1, 0)
        ws.autofilter(top, 0, top + len(bd.tasks), len(cols) - 1)
        ws.repeat_rows(top)
        ws.set_landscape()
        ws.set_paper(9)
        ws.fit_to_pages(1, 0)
        _write_roster(wb, bd, head, body)
        _write_info(wb, bd, head, body)
    return path


def _write_roster(wb: object, bd: Breakdown, head: object, body: object) -> None:
    ws = wb.add_worksheet(SHEET_ROSTER)  # type: ignore[attr-defined]
    for c, (label, width) in enumerate(zip(ROSTER_COLUMNS, (30, 30, 30))):
        ws.set_column(c, c, width)
        ws.write_string(0, c, label, head)
    for r, unit in enumerate(bd.roster, start=1):
        for c, value in enumerate((unit.name, "\n".join(unit.aliases), "\n".join(unit.groups))):
            ws.write_string(r, c, value, body)
    ws.freeze_panes(1, 0)


def _write_info(wb: object, bd: Breakdown, head: object, body: object) -> None:
    ws = wb.add_worksheet(SHEET_INFO)  # type: ignore[attr-defined]
    ws.set_column(0, 0, 12)
    ws.set_column(1, 1, 80)
    ws.write_string(0, 0, "项目", head)
    ws.write_string(0, 1, "内容", head)
    values = {"title": bd.title, "year": str(bd.year or ""), "issuer": bd.issuer,
              "doc_number": bd.doc_number, "source": bd.source}
    for r, (key, label) in enumerate(INFO_KEYS, start=1):
        ws.write_string(r, 0, label, body)
        ws.write_string(r, 1, values[key], body)
    ws.write_string(len(INFO_KEYS) + 1, 0, "格式", body)
    ws.write_string(len(INFO_KEYS) + 1, 1, f"{STANDARD_MARK} v1（说明见 docs/format.md）", body)


def read_roster(path: PathLike) -> tuple[RosterUnit, ...]:
    """Read a unit roster: the 单位 sheet of a standard workbook, or any sheet whose
    header row has 单位名称 (别名 and 所属分组 optional; several per cell, one per line or 、).

    Raises:
        LayoutError: no sheet has a 单位名称 header.
    """
    wb = read_workbook(path)
    for sheet in sorted(wb.sheets, key=lambda s: s.name != SHEET_ROSTER):
        for r, row in enumerate(sheet.rows[:10]):
            labels = [norm_label(c) for c in row]
            if norm_label(ROSTER_COLUMNS[0]) in labels:
                cols = [labels.index(norm_label(x)) if norm_label(x) in labels else -1 for x in ROSTER_COLUMNS]
                return _roster_rows(sheet.rows[r + 1:], cols)
    raise LayoutError(f"{wb.name}: 未找到单位名册（需要表头“单位名称”，可选“别名”“所属分组”）", file=wb.name)


def _roster_rows(rows: list[list[str]], cols: list[int]) -> tuple[RosterUnit, ...]:
    def get(row: list[str], c: int) -> str:
        return row[c].strip() if 0 <= c < len(row) else ""

    def many(text: str) -> tuple[str, ...]:
        return tuple(x.strip() for x in text.replace("、", "\n").replace("，", "\n").split("\n") if x.strip())

    return tuple(RosterUnit(name=get(row, cols[0]), aliases=many(get(row, cols[1])), groups=many(get(row, cols[2])))
                 for row in rows if get(row, cols[0]))


def fingerprint(bd: Breakdown) -> str:
    """A short hash of the tasks a form was made from (IDs, text, units).

    Forms carry it in their meta sheet, so a return made from an older or
    different breakdown can be recognised.
    """
    import hashlib

    h = hashlib.sha256()
    for t in bd.tasks:
        h.update("\x1f".join((t.id, t.text, "\x1e".join(t.lead), "\x1e".join(t.coop))).encode("utf-8"))
        h.update(b"\x1d")
    return h.hexdigest()[:12]
