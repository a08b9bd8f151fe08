"""One returned workbook → its unit, period and answers (with row-level issues). Pure: no file I/O.

Identification, strongest evidence first: the ``_meta`` sheet the form was
written with; the 填报单位/报告期 line and the title above the table
("{单位}{期间名称}重点工作进展情况表"); the file name; and last the tasks the
table contains (the unit whose task list they fit best).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from govtasks import issues as codes
from govtasks._perf import memo
from govtasks.forms.feedback import FEEDBACK_SHEET
from govtasks.forms.rounds import LEAD, round_of_label, round_tasks
from govtasks.io.workbook import Sheet, Workbook
from govtasks.issues import Issue, Severity
from govtasks.model import CellRef, Task, unit_tasks
from govtasks.outputs import LISTS_SHEET, META_SHEET, form_meta
from govtasks.periods import Period
from govtasks.returns.match import ANSWER_FIELDS, Context, Header, RawRow, find_header, scan_rows
from govtasks.returns.model import Progress, ReturnFile
from govtasks.returns.relay import relayed_from_column, relayed_from_sheet, shown_text
from govtasks.returns.rows import build_entries

_TITLE = re.compile(r"^(?P<unit>.*?)(?P<period>\d{4}\s*年.*?)重点工作进展(?:和完成)?情况")
_UNIT_LINE = re.compile(r"填报单位\s*[:：]\s*(?P<unit>[^\s　]+)")
_PERIOD_LINE = re.compile(r"报告期\s*[:：]\s*(?P<period>[^\s　]+)")
_PERIOD_TEXT = re.compile(r"(\d{4})\s*年\s*(第?[一二三四1-4]季度|[上下]半年|\d{1,2}\s*月份?|度)")
_PERIOD_CODE = re.compile(r"(?<![0-9])(\d{4})\s*([QqHh][1-4]|[Mm]\d{2})(?![0-9])")


@dataclass
class FormRead:
    """What one returned workbook holds; ``settle()`` fixes its unit and builds the entries."""

    file: ReturnFile
    sheet: Sheet
    header: Header
    rows: list[RawRow]
    meta: dict[str, str]
    claims: _Claims
    ctx: Context
    entries: list[Progress] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    """Row-level issues (only reported for the file in use)."""
    file_issues: list[Issue] = field(default_factory=list)
    """File-level issues (always reported)."""
    name_unit: str | None = None
    """The unit the file name names, when it differs from the form's unit."""
    name_period: Period | None = None
    """The period the file name names (weak evidence: dates are common in file names)."""
    candidates: tuple[str, ...] = ()
    """For a form whose unit could not be told: the units its tasks fit equally well."""
    round: str | None = None
    """The form's round of collection (``_meta`` 轮次, else the title): "coop", "lead" or None."""
    relayed: list[Progress] = field(default_factory=list)
    """A lead-round form: its cooperating units' answers it was pre-filled with (govtasks/returns/relay.py)."""
    shown: dict[str, str] | None = field(default_factory=dict)
    """Task ID → the 配合单位反馈 text the form was written with; None when that text is relayed
    feedback read from the column itself (no sheet 配合单位反馈)."""

    def expected(self, unit: str) -> tuple[Task, ...]:
        """The unit's tasks this form is to answer: those of its round (all of them in one round)."""
        led, coop = round_tasks(self.round, *unit_tasks(self.ctx.breakdown).get(unit, ((), ())))
        return tuple(led) + tuple(coop)

    def settle(self, unit: str | None, how: str) -> None:
        """Fix the unit; build entries, row issues and file issues."""
        from dataclasses import replace

        expected = self.expected(unit) if unit else ()
        self.entries, self.issues, answered = build_entries(self.rows, self.sheet, self.header, self.ctx, unit or "",
                                                            self.file.file, expected, self.shown)
        total = len(expected)
        self.file = replace(self.file, unit=unit or "", identified_by=how if unit else "", answered=answered, total=total)
        named = self.ctx.find_unit(_name_text(self.file.file))
        self.name_unit = named if named and unit and named != unit else None
        self.file_issues = _identity_issues(self)

    def drop_grid(self) -> None:
        """Forget the sheet's cells and the raw rows once the entries are built for good.

        1,500 returns hold about 250,000 grid lists and raw rows; kept until ``read_returns``
        ends, they double its peak memory and the collector walks them all when it resumes.
        """
        s = self.sheet
        self.sheet = Sheet(s.name, [], [], s.visible, s.formulas)
        self.rows = []


def _name_text(file: str) -> str:
    """The file's relative path without extension: a unit may name the file or its folder."""
    return os.path.splitext(file)[0]


def read_meta(wb: Workbook) -> dict[str, str]:
    """Key → value of the form's ``_meta`` sheet (found by name or by its 表单类型 row); {} when absent."""
    return form_meta({s.name: s.rows for s in wb.sheets})


def _candidates(wb: Workbook, meta: dict[str, str]) -> list[Sheet]:
    skip = {META_SHEET, LISTS_SHEET, FEEDBACK_SHEET} if meta else {META_SHEET, LISTS_SHEET}
    named = [s for s in wb.sheets if s.name == meta.get("数据表")]
    rest = sorted((s for s in wb.sheets if s not in named and s.name not in skip), key=lambda s: not s.visible)
    return named + rest


def pick_sheet(wb: Workbook, meta: dict[str, str]) -> tuple[Sheet, Header] | None:
    """The sheet holding the return table and its header (the one with most answers, if several)."""
    hint = int(meta["表头行"]) - 1 if meta.get("表头行", "").isdecimal() else None
    found = []
    for sheet in _candidates(wb, meta):
        header = find_header(sheet.rows, hint=hint if sheet.name == meta.get("数据表") else None)
        if header is not None:
            found.append((sheet, header))
    if len(found) <= 1:
        return found[0] if found else None
    return max(found, key=lambda sh: _answer_cells(*sh))


def _answer_cells(sheet: Sheet, header: Header) -> int:
    cols = [header.fields[f] for f in ANSWER_FIELDS if f in header.fields]
    return sum(1 for row in sheet.rows[header.row + 1:] for c in cols if c < len(row) and row[c].strip())


@memo(maxsize=1024)
def period_in(text: str) -> Period | None:
    """A period named in a title or file name (2024年第二季度, 2024Q2 …), or None."""
    for m in _PERIOD_CODE.finditer(text):
        try:
            return Period.parse(m.group(1) + m.group(2))
        except ValueError:
            continue
    for m in _PERIOD_TEXT.finditer(text):
        try:
            return Period.parse(m.group(1) + "年" + re.sub(r"\s|份", "", m.group(2)))
        except ValueError:
            continue
    return None


@dataclass
class _Claims:
    unit: str | None = None
    unit_by: str = ""
    period: Period | None = None
    titled_unit: str = ""
    """The unit as written in the form (meta/title), even when it is not a breakdown unit."""


def _claims(meta: dict[str, str], above: list[str], ctx: Context) -> _Claims:
    out = _Claims()
    sources: list[tuple[str, str, str]] = []  # (how, unit text, period text)
    if meta:
        sources.append(("表单信息", meta.get("单位", ""), meta.get("期间", "") or meta.get("期间名称", "")))
    for text in above:
        m, p = _UNIT_LINE.search(text), _PERIOD_LINE.search(text)
        if m or p:
            sources.append(("填报单位栏", m.group("unit") if m else "", p.group("period") if p else ""))
        t = _TITLE.match(text.strip())
        if t:
            sources.append(("标题", t.group("unit").strip(), t.group("period")))
    for how, unit_text, period_text in sources:
        if unit_text and out.unit is None:
            out.titled_unit = out.titled_unit or unit_text
            out.unit = ctx.resolve_unit(unit_text) or ctx.find_unit(unit_text)
            out.unit_by = how if out.unit else ""
        if period_text and out.period is None:
            out.period = period_in(period_text) or _parse_period(period_text)
    return out


def _parse_period(text: str) -> Period | None:
    try:
        return Period.parse(text)
    except ValueError:
        return None


def _above(sheet: Sheet, header: Header) -> list[str]:
    return [" ".join(c.strip() for c in row if c.strip()) for row in sheet.rows[: header.row]]


def unit_from_tasks(rows: list[RawRow], ctx: Context) -> tuple[str, ...]:
    """The unit(s) whose task list the matched rows fit best (Jaccard ≥ 0.5); several on a tie."""
    matched = {r.task.id for r in rows if r.task is not None}
    hits: dict[str, int] = {}
    for tid in matched:
        for unit in ctx.tasks[tid].units:
            hits[unit] = hits.get(unit, 0) + 1
    fits = {u: n / (len(matched) + len(ctx.for_unit(u)) - n) for u, n in hits.items()}
    best = max(fits.values(), default=0.0)
    return tuple(u for u, fit in fits.items() if fit == best) if best >= 0.5 else ()


def read_form(wb: Workbook, ctx: Context, record: ReturnFile) -> FormRead | None:
    """Read one workbook as a return; None when it holds no return table (not a form)."""
    from dataclasses import replace

    meta = read_meta(wb)
    picked = pick_sheet(wb, meta)
    if picked is None:
        return None
    sheet, header = picked
    formulas = wb.formulas(sheet.name)
    if formulas and not sheet.formulas:
        sheet = Sheet(sheet.name, sheet.rows, sheet.merges, sheet.visible, formulas)
    above = _above(sheet, header)
    claims = _claims(meta, above, ctx)
    rnd = round_of_label(meta.get("轮次", "")) or next((r for r in map(round_of_label, above) if r), None)
    stem = _name_text(record.file)
    unit, how = claims.unit, claims.unit_by
    if unit is None:
        unit, how = ctx.find_unit(stem), "文件名"
    candidates = ctx.for_unit(unit) if unit else tuple(ctx.tasks.values())
    rows, contact = scan_rows(sheet.rows, sheet.merges, header, ctx, candidates)
    period = claims.period.code if claims.period else ""
    record = replace(record, period=period, fingerprint=meta.get("分解表指纹", ""), generated=meta.get("生成时间", ""),
                     sheet=sheet.name, contact=tuple(contact), saved=wb.saved, round=rnd or "")
    form = FormRead(file=record, sheet=sheet, header=header, rows=rows, meta=meta, claims=claims, ctx=ctx,
                    name_period=period_in(stem), round=rnd)
    if rnd == LEAD:
        relayed = relayed_from_sheet(wb, ctx, record.file)
        form.relayed = relayed if relayed is not None else relayed_from_column(rows, sheet, header, ctx, record.file)
        form.shown = shown_text(relayed) if relayed is not None else None
    if unit is None:
        found = unit_from_tasks(rows, ctx)
        unit, how = (found[0], "任务内容") if len(found) == 1 else (None, "")
        form.candidates = found if len(found) > 1 else ()
    form.settle(unit, how)
    if form.file.unit or not form.candidates:  # only a form without a unit is settled again (_settle_ties)
        form.drop_grid()
    return form


def _identity_issues(form: FormRead) -> list[Issue]:
    f, claims, ctx = form.file, form.claims, form.ctx
    where = CellRef(file=f.file, sheet=form.sheet.name)
    out = []
    if not f.unit:
        written = f"表内写的单位“{claims.titled_unit}”不在任务分解中；" if claims.titled_unit else ""
        tie = f"表内任务同时符合{'、'.join(form.candidates)}；" if form.candidates else ""
        out.append(Issue(code=codes.UNKNOWN_RETURN_UNIT, severity=Severity.ERROR, where=where,
                         message=f"无法确定这是哪个单位的报送：{written}{tie}文件名和表内任务都不能确定单位；"
                                 f"内容已列入“配合单位反馈”，请核实后把文件名改为“单位名称.xlsx”再汇总"))
    if form.name_unit:
        out.append(Issue(code=codes.WRONG_UNIT, severity=Severity.ERROR, where=where, unit=f.unit,
                         message=f"文件名显示是“{form.name_unit}”报送的，但表内是“{f.unit}”的填报表，已按“{f.unit}”汇总；"
                                 f"请与{form.name_unit}核实：若误用了其他单位的表，请用本单位的表重新填报"))
    if "id" not in form.header.fields and form.rows:
        out.append(Issue(code=codes.MATCHED_BY_TEXT, severity=Severity.INFO, where=where, unit=f.unit or None,
                         message="表中没有“任务编号”列（可能被删除或表格被复制到新工作簿），已按序号和任务内容对应各行"))
    fp = form.meta.get("分解表指纹", "")
    if fp and fp != ctx.fingerprint:
        out.append(Issue(code=codes.OTHER_BREAKDOWN, severity=Severity.WARNING, where=where, unit=f.unit or None,
                         message=f"该表由另一版本的任务分解生成（指纹 {fp}），已按任务编号和任务内容对应；请核对任务是否有调整"))
    return out
