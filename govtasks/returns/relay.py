"""The cooperating units' answers a lead unit's round-two form relays. Pure.

A lead-round form (``write_forms(round="lead")``) carries its cooperating units' round-one
answers twice: in full on the protected sheet 配合单位反馈 (with the cell each came from),
and as ``【单位】…`` text in the read-only 配合单位反馈 column of the form sheet. The sheet is
read back into :class:`~govtasks.returns.model.Progress` entries of the cooperating units
(``source``: the round-one cell; ``via``: the row of that sheet), so the office's report shows
which answers fed each task. If the sheet is gone (the table was copied into a new
workbook), the column's text is split by 【单位】 instead (``source`` and ``via``: that cell).
"""

from __future__ import annotations

from govtasks.forms.feedback import FEEDBACK_SHEET
from govtasks.forms.rounds import Feedback, feedback_text, parse_feedback_text
from govtasks.io.workbook import Sheet, Workbook, column_letter
from govtasks.issues import CellRef
from govtasks.returns.match import Context, Header, RawRow
from govtasks.returns.model import ROLE_COOP, Progress

_FIELDS = {"任务编号": "id", "配合单位": "unit", "完成状态": "status", "进展情况": "progress", "存在问题": "problems",
           "下步计划": "next_steps", "备注": "note", "来源": "source"}


def parse_ref(text: str) -> CellRef | None:
    """``file!sheet!I6`` (as CellRef prints it) back into a CellRef; None when it is not one."""
    parts = text.strip().rsplit("!", 2)
    if len(parts) != 3 or not parts[0]:
        return None
    file, sheet, cell = parts
    letters = cell.rstrip("0123456789")
    digits = cell[len(letters):]
    if not digits or not letters.isalpha():
        return None
    return CellRef(file=file, sheet=sheet, row=int(digits), column=letters)


def _sheet_header(sheet: Sheet) -> tuple[int, dict[str, int]] | None:
    for r, row in enumerate(sheet.rows[:8]):
        cols = {_FIELDS[c.strip()]: i for i, c in enumerate(row) if c.strip() in _FIELDS}
        if {"id", "unit", "progress"} <= cols.keys():
            return r, cols
    return None


def _role(ctx: Context, task_id: str, unit: str) -> str:
    task = ctx.tasks.get(task_id)
    return ROLE_COOP if task is not None and unit in task.coop else ""


def relayed_from_sheet(wb: Workbook, ctx: Context, file: str) -> list[Progress] | None:
    """The answers on the form's sheet 配合单位反馈; None when the workbook has no such sheet."""
    sheet = next((s for s in wb.sheets if s.name == FEEDBACK_SHEET), None)
    found = _sheet_header(sheet) if sheet is not None else None
    if sheet is None or found is None:
        return None
    head, cols = found
    out = []
    for r in range(head + 1, len(sheet.rows)):
        value = {fld: sheet.cell(r, c).strip() for fld, c in cols.items()}
        tid, _ = ctx.task_id(value.get("id", ""))
        texts = [value.get(f, "") for f in ("status", "progress", "problems", "next_steps", "note")]
        if tid is None or not any(texts):
            continue
        unit = ctx.resolve_unit(value["unit"]) or value["unit"]
        out.append(Progress(task_id=tid, unit=unit, role=_role(ctx, tid, unit), status=texts[0], progress=texts[1],
                            problems=texts[2], next_steps=texts[3], note=texts[4],
                            source=parse_ref(value.get("source", "")),
                            via=CellRef(file=file, sheet=sheet.name, row=r + 1, column=column_letter(cols["progress"]))))
    return out


def relayed_from_column(rows: list[RawRow], sheet: Sheet, header: Header, ctx: Context, file: str) -> list[Progress]:
    """Without the sheet: the 配合单位反馈 column's text, one entry per 【单位】 block."""
    col = header.fields.get("feedback")
    if col is None:
        return []
    out = []
    for raw in rows:
        text = raw.values.get("feedback", "")
        if raw.task is None or not text:
            continue
        where = CellRef(file=file, sheet=sheet.name, row=raw.row + 1, column=column_letter(col))
        for unit_text, answer in parse_feedback_text(text):
            unit = (ctx.resolve_unit(unit_text) or unit_text) if unit_text else ""
            out.append(Progress(task_id=raw.task.id, unit=unit, role=_role(ctx, raw.task.id, unit), progress=answer,
                                source=where, via=where))
    return out


def shown_text(entries: list[Progress]) -> dict[str, str]:
    """Task ID → the 配合单位反馈 column text the form was written with (to tell a lead's edits)."""
    by_task: dict[str, list[Feedback]] = {}
    for p in entries:
        by_task.setdefault(p.task_id, []).append(Feedback(
            task_id=p.task_id, unit=p.unit, status=p.status, progress=p.progress, problems=p.problems,
            next_steps=p.next_steps, note=p.note))
    return {tid: feedback_text(items) for tid, items in by_task.items()}
