"""A return's matched rows → Progress entries and the row-level issues. Pure.

Every text a unit wrote ends up in an entry: answer columns in their fields,
anything typed elsewhere in the row (a read-only column, a column without a
header, a column the unit added) in ``Progress.extra``.
"""

from __future__ import annotations

import re
from typing import Mapping, Sequence

from govtasks import issues as codes
from govtasks.io.workbook import Sheet, column_letter
from govtasks.issues import CellRef, Issue, Severity
from govtasks.model import Task
from govtasks.returns.match import ANSWER_FIELDS, FIELD_LABELS, Context, Header, RawRow, custom_field, norm_text
from govtasks.returns.model import ROLE_LEAD, STATUSES, Progress

_SEPS = re.compile(r"[\s、，,；;/]+")
_READ_ONLY = ("deadline", "lead", "coop", "role")
_STATUS_TEXT = 10
"""A 完成状态 cell longer than this, with 进展情况 empty, is progress typed one column off."""


def _brief(task: Task) -> str:
    text = task.text if len(task.text) <= 24 else task.text[:24] + "…"
    return f"任务 {task.id}（{task.number + '. ' if task.number else ''}{text}）"


class _Row:
    """Builds one entry: the answers, extras and issues of one matched row."""

    def __init__(self, raw: RawRow, sheet: Sheet, header: Header, ctx: Context, unit: str, file: str,
                 shown: Mapping[str, str] | None) -> None:
        self.raw, self.sheet, self.header, self.ctx, self.unit, self.file = raw, sheet, header, ctx, unit, file
        self.shown = shown
        self.answers = {f: raw.values.get(f, "") for f in ANSWER_FIELDS}
        self.extra: list[tuple[str, str]] = []
        self.issues: list[Issue] = []
        self.task_id = raw.task.id if raw.task else None

    def where(self, fld: str | None = None, col: int | None = None) -> CellRef:
        c = col if col is not None else self.header.fields.get(fld or "", -1)
        r = self.raw.origin.get(fld, self.raw.row) if fld else self.raw.row
        return CellRef(file=self.file, sheet=self.sheet.name, row=r + 1, column=column_letter(c) if c >= 0 else "")

    def add(self, code: str, severity: Severity, message: str, where: CellRef) -> None:
        self.issues.append(Issue(code=code, severity=severity, message=message, where=where,
                                 unit=self.unit or None, task_id=self.task_id))

    def formulas(self) -> None:
        formulas = self.sheet.formulas
        if not formulas and not any(v.startswith("=") for v in self.answers.values()):
            return
        for fld in ANSWER_FIELDS:
            c = self.header.fields.get(fld)
            key = (self.raw.origin.get(fld, self.raw.row), c if c is not None else -1)
            if c is not None and formulas and key in formulas:
                value, text = self.answers[fld], formulas[key]
                shown = f"公式“={text}”" if text else "公式（.xls 文件不保存公式原文）"
                if not value and text:
                    self.answers[fld] = "=" + text
                    msg = f"单元格是{shown}，没有计算结果，已按公式原文汇总；请改为直接填写文字"
                elif not value:
                    msg = f"单元格是{shown}，没有计算结果；请改为直接填写文字"
                else:
                    msg = f"单元格是{shown}，已取其计算结果“{value[:40]}”汇总；请改为直接填写文字"
                self.add(codes.FORMULA, Severity.WARNING, msg, self.where(fld))
            elif self.answers[fld].startswith("="):
                self.add(codes.FORMULA_TEXT, Severity.INFO, f"内容以“=”开头（{self.answers[fld][:30]}），已按文字原样汇总",
                         self.where(fld))

    def status(self) -> None:
        status = self.answers["status"]
        if not status or status in STATUSES:
            return
        if len(status) > _STATUS_TEXT and not self.answers["progress"]:
            self.answers["progress"], self.answers["status"] = status, ""
            self.add(codes.MISPLACED_TEXT, Severity.WARNING, "“完成状态”栏填写了一段文字而“进展情况”为空，已作为进展情况汇总；"
                     "完成状态请从下拉列表选择", self.where("status"))
            return
        self.add(codes.BAD_STATUS, Severity.WARNING, f"完成状态“{status}”不在可选值（{'/'.join(STATUSES)}）中，"
                 "已按原文保留；请从下拉列表选择", self.where("status"))

    def expected(self, task: Task) -> dict[str, str]:
        """The read-only cells as the form showed them."""
        deadline, lead, coop = self.ctx.expected(task)
        return {"deadline": deadline, "lead": lead, "coop": coop, "role": task.role_of(self.unit) or ""}

    def misplaced(self, label: str, text: str, col: int) -> None:
        self.extra.append((label, text))
        self.add(codes.MISPLACED_TEXT, Severity.WARNING, f"“{label}”栏填有“{text[:60]}”，该栏不是填报栏，"
                 "内容已保留在“其他内容”中；请核实是否应填在“进展情况”等栏", self.where(col=col))

    def read_only(self, task: Task | None) -> None:
        values = self.raw.values
        if task is not None:
            expected = self.expected(task)
            for fld in _READ_ONLY:
                value = values.get(fld, "")
                if not value or value == expected[fld] or (fld == "role" and not self.unit):
                    continue
                if _SEPS.sub("", value) != _SEPS.sub("", expected[fld]):
                    self.misplaced(FIELD_LABELS[fld], value, self.header.fields[fld])
        previous = self.raw.values.get("previous", "")
        if previous and not self.answers["progress"]:
            self.misplaced(FIELD_LABELS["previous"], previous, self.header.fields["previous"])
        feedback = self.raw.values.get("feedback", "")
        if feedback and self.shown is not None and task is not None:
            self.feedback_edit(feedback, self.shown.get(task.id, ""))

    def feedback_edit(self, text: str, shown: str) -> None:
        """The read-only 配合单位反馈 column of a lead form, changed by the unit: its text is kept."""
        if _SEPS.sub("", text) == _SEPS.sub("", shown):
            return
        label, col = FIELD_LABELS["feedback"], self.header.fields["feedback"]
        self.extra.append((label, text))
        added = text[len(shown):].strip() if shown and text.startswith(shown) else text
        self.add(codes.MISPLACED_TEXT, Severity.WARNING, f"“{label}”栏（只读，预填的配合单位报送情况）被改动，"
                 f"{'增加了' if added is not text else '现为'}“{added[:120]}”；全文已保留在“其他内容”中，"
                 "请核实是否应填在“进展情况”栏", self.where(col=col))

    def extras(self, task: Task | None) -> None:
        for label, text, col, unlabelled in self.raw.extras:
            if unlabelled:
                self.misplaced(label, text, col)
                continue
            fld = custom_field(label)
            if task is not None and fld and _SEPS.sub("", text) == _SEPS.sub("", _task_value(task, fld)):
                continue  # a column the template added, holding the task's own value
            self.extra.append((label, text))

    def identity(self, task: Task | None, unit_tasks: set[str]) -> None:
        raw = self.raw
        if task is None:
            return
        text = raw.values.get("text", "")
        if text and text != task.text and norm_text(text) != self.ctx.norm(task):
            self.add(codes.TASK_TEXT_EDITED, Severity.WARNING, f"{_brief(task)}的任务内容被改动，表中为“{text}”；"
                     "汇总表仍用原任务内容，请核实改动是否需要调整任务", self.where("text") if "text" in self.header.fields
                     else self.where())
        if raw.how == "id-conflict":
            self.add(codes.MATCHED_BY_TEXT, Severity.WARNING, f"该行任务编号为“{raw.raw_id}”，但任务内容是{_brief(task)}"
                     "（可能排序时未选中隐藏的任务编号列），已按任务内容对应", self.where())
        elif raw.how in ("text", "number") and "id" in self.header.fields:
            basis = "任务内容" if raw.how == "text" else "序号"
            self.add(codes.MATCHED_BY_TEXT, Severity.INFO, f"该行没有可用的任务编号，已按{basis}对应到{_brief(task)}",
                     self.where())
        if self.unit and task.id not in unit_tasks:
            self.add(codes.FOREIGN_TASK, Severity.WARNING, f"{self.unit}不是{_brief(task)}的牵头或配合单位，但填写了该行；"
                     "内容已列入“配合单位反馈”，请核实", self.where("progress"))

    def progress(self) -> Progress:
        raw, a = self.raw, self.answers
        task = raw.task
        return Progress(task_id=task.id if task else "", unit=self.unit,
                        role=(task.role_of(self.unit) or "") if task and self.unit else "",
                        status=a["status"], progress=a["progress"], problems=a["problems"], next_steps=a["next"],
                        note=a["note"], extra=tuple(self.extra), number=raw.values.get("number", ""),
                        task_text=raw.values.get("text", ""),
                        source=self.where("progress") if "progress" in self.header.fields else self.where())


def _task_value(task: Task, fld: str) -> str:
    value = getattr(task, fld, "")
    return "".join(value) if isinstance(value, tuple) else str(value)


def build_entries(rows: list[RawRow], sheet: Sheet, header: Header, ctx: Context, unit: str, file: str,
                  expected: Sequence[Task] = (), shown: Mapping[str, str] | None = None,
                  ) -> tuple[list[Progress], list[Issue], int]:
    """Entries and row issues of a return, and how many of the ``expected`` tasks (the unit's tasks in
    the form's round) it answers. ``shown``: task ID → the 配合单位反馈 text the form was written
    with (text differing from it is the unit's own, kept); None when that column is not checked."""
    unit_tasks = {t.id for t in ctx.for_unit(unit)} if unit else set()
    entries: list[Progress] = []
    issues: list[Issue] = []
    first_row: dict[str, RawRow] = {}
    for raw in rows:
        entry, row_issues = _entry(raw, sheet, header, ctx, unit, file, unit_tasks, shown)
        if entry is None:
            continue
        issues += row_issues
        entries.append(entry)
        if raw.task is not None and raw.task.id in first_row:
            issues.append(Issue(code=codes.DUPLICATE_ROW, severity=Severity.WARNING, where=entry.source, unit=unit or None,
                                task_id=raw.task.id, message=f"{_brief(raw.task)}在表中出现了多行（另见第 "
                                f"{first_row[raw.task.id].row + 1} 行），各行内容均已汇总"))
        elif raw.task is not None:
            first_row[raw.task.id] = raw
    coverage, answered = _coverage(entries, first_row, expected, unit, file, sheet, header)
    return entries, issues + coverage, answered


def _entry(raw: RawRow, sheet: Sheet, header: Header, ctx: Context, unit: str, file: str,
           unit_tasks: set[str], shown: Mapping[str, str] | None) -> tuple[Progress | None, list[Issue]]:
    """A row that may need checking: its entry (None for a row with nothing in it) and its issues."""
    b = _Row(raw, sheet, header, ctx, unit, file, shown)
    b.formulas()
    b.status()
    b.read_only(raw.task)
    b.extras(raw.task)
    entry = b.progress()
    if raw.task is None:
        texts = [f"{label}：{text}" for label, text in entry.texts()]
        if not texts and not entry.task_text and not entry.number:
            return None, []
        about = f"（序号“{entry.number}”，任务内容“{entry.task_text}”）" if entry.task_text or entry.number else ""
        b.add(codes.UNMATCHED_ROW, Severity.WARNING, f"该行对不上任何任务{about}，内容已保留："
              f"{'；'.join(texts) or '（无填报内容）'}。请核实属于哪项任务", b.where())
        return entry, b.issues
    b.identity(raw.task, unit_tasks)
    return entry, b.issues


def _coverage(entries: list[Progress], rows: dict[str, RawRow], expected: Sequence[Task], unit: str, file: str,
              sheet: Sheet, header: Header) -> tuple[list[Issue], int]:
    """Missing rows and empty answers of the unit's tasks (in the form's round); the number answered."""
    if not unit:
        return [], 0
    answered = {e.task_id for e in entries if e.task_id and not e.is_empty}
    issues = []
    col = column_letter(header.fields.get("progress", header.fields.get("status", 0)))
    for task in expected:
        lead = task.role_of(unit) == ROLE_LEAD
        role = "牵头" if lead else "配合"
        if task.id not in rows:
            issues.append(Issue(code=codes.MISSING_ROW, severity=Severity.ERROR if lead else Severity.WARNING,
                                where=CellRef(file=file, sheet=sheet.name), unit=unit, task_id=task.id,
                                message=f"表中没有{_brief(task)}的行（{role}），可能被删除；请{unit}补报该任务进展"))
        elif task.id not in answered:
            where = CellRef(file=file, sheet=sheet.name, row=rows[task.id].row + 1, column=col)
            issues.append(Issue(code=codes.EMPTY_ANSWER, severity=Severity.ERROR if lead else Severity.WARNING,
                                where=where, unit=unit, task_id=task.id,
                                message=f"{unit}未填写{_brief(task)}的进展（{role}）；请补填后重新报送"))
    return issues, len(answered & {t.id for t in expected})
