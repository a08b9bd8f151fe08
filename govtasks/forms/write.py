"""Per-unit progress forms (进展情况表): a Breakdown → one .xlsx per unit, from a template.

The template is compiled once (govtasks/templates.py); each form is written
with XlsxWriter: the rows above the task region as they are, then per task of
the unit (those it leads first, then those it cooperates on) the template's
task rows, with section rows where the heading changes, then the rows below,
moved down. Merges, validations, print titles and print area follow the rows.
The contract a form keeps (hidden 任务编号 column, ``_meta`` sheet, labels) is
in docs/form-contract.md; the template guide in docs/forms.md.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence

from govtasks._types import PathLike
from govtasks.breakdown.roster import apply_roster
from govtasks.errors import GovtasksError, LayoutError, WorkbookError
from govtasks.forms.feedback import write_feedback_sheet, write_feedback_workbook
from govtasks.forms.rounds import (
    FORM_NAMES,
    LEAD,
    Feedback,
    feedback_map,
    feedback_text,
    meta_pairs,
    parse_round,
    round_tasks,
    round_vars,
    send_to,
)
from govtasks.forms.sheet import BlockCache, Item, SheetWriter, TemplateSpec, blocks
from govtasks.forms.template import default_template, load_template
from govtasks.model import Breakdown, RosterUnit, Task, unit_tasks
from govtasks.outputs import FORM_TYPE, META_SHEET
from govtasks.periods import Period

if TYPE_CHECKING:
    from xlsxwriter.workbook import Workbook

    from govtasks.returns.model import Progress, Returns

FORM_KIND = FORM_TYPE
"""表单类型 written into every form's _meta sheet."""
_ILLEGAL = re.compile(r'[\\/:*?"<>|\x00-\x1f]')
_FORM_DEPENDENT = ("unit.", "task.index")


def write_forms(
    bd: Breakdown,
    out_dir: PathLike,
    *,
    period: Period | str,
    units: Sequence[str] | None = None,
    roster: PathLike | Sequence[RosterUnit] | None = None,
    template: PathLike | None = None,
    previous: PathLike | Mapping[str, str] | None = None,
    password: str | None = None,
    generated: dt.datetime | None = None,
    overwrite: bool = False,
    round: str | None = None,
    send_to: str = "",
    send_by: str = "",
    feedback: Returns | Iterable[Progress] | Mapping[str, Sequence[Feedback]] | None = None,
    coop_workbook: bool = False,
) -> list[Path]:
    """Write one progress form per unit; return the paths written, in unit order.

    Args:
        bd: the breakdown.
        out_dir: folder for the forms (created if missing).
        period: the reporting period, a Period or a code such as ``"2024Q2"``.
        units: only these units (names as in ``bd.units``; aliases accepted).
        roster: a roster (path or RosterUnit objects): aliases resolve to the roster's names and
            groups expand to their members first; every unit still gets its form, those the
            roster does not list too (``govtasks.breakdown.roster.not_in_roster`` lists them).
        template: a form template (.xlsx); default ``templates/form.xlsx``.
        previous: the previous period's report (a workbook with 任务编号 and
            进展情况 columns) or a mapping task ID → text, shown as 上期进展: from a
            govtasks report each unit's own answer (its 牵头/配合单位反馈 rows).
        password: sheet-protection password (default: protected, no password).
        generated: time written into the forms (default: now).
        overwrite: replace existing files of the same names.
        round: ``None`` (one round: every unit answers all its tasks), ``"coop"`` (round one:
            a form per cooperating unit listing only the tasks it cooperates on, to be sent to
            their lead units) or ``"lead"`` (round two: a form per lead unit listing the tasks it
            leads, pre-filled with ``feedback``). See govtasks/forms/rounds.py.
        send_to: to whom the forms go (default in round one: each form's lead units).
        send_by: by when, as the notice says it (``"6月15日"``).
        feedback: round two: the cooperating units' answers, as ``read_returns(…, round="coop")``
            returns them (or their entries, or a mapping task ID → Feedback).
        coop_workbook: round two: also write ``<单位>_<期间名称>_配合单位反馈汇总.xlsx`` per lead
            unit (returned after the forms).

    Raises:
        TemplateError: the template is broken (names the template cell).
        WorkbookError: a file cannot be read or written, or exists already.
        GovtasksError: a unit in ``units`` is not in the breakdown.

    Example:
        >>> paths = write_forms(bd, "out/forms", period="2024Q2")  # doctest: +SKIP
    """
    per = period if isinstance(period, Period) else Period.parse(period)
    rnd = parse_round(round)
    spec = load_template(template if template is not None else
                         default_template(previous=previous is not None, round=rnd))
    bd = apply_roster(bd, load_roster(roster))
    index = unit_tasks(bd)
    chosen = [u for u in select_units(bd, units=units) if any(round_tasks(rnd, *index.get(u, ((), ()))))]
    books = [u for u in chosen if index[u][0]] if coop_workbook and rnd == LEAD else []
    names = [form_filename(u, per, FORM_NAMES[rnd]) for u in chosen]
    names += [form_filename(u, per, "配合单位反馈汇总") for u in books]
    targets = _targets(Path(out_dir), names, overwrite=overwrite)
    run = _Run.start(bd, spec, per, _previous_map(previous), password, generated)
    run.rounds = _Rounds(rnd, send_to, send_by, feedback_map(feedback, bd) if rnd == LEAD else {})
    for unit, target in zip(chosen, targets):
        led, coop = round_tasks(rnd, *index.get(unit, ((), ())))
        _write_form(run, unit, led, coop, target)
    for unit, target in zip(books, targets[len(chosen):]):
        write_feedback_workbook(target, unit, per.label, index[unit][0], run.rounds.feedback)
    return targets


# --- units and file names -------------------------------------------------------------

def select_units(bd: Breakdown, *, units: Sequence[str] | None = None) -> list[str]:
    """The units that get a form: ``units`` if given (aliases accepted), else every unit of the breakdown."""
    if units is not None:
        return list(dict.fromkeys(_find_unit(bd, name) for name in units))
    return list(bd.units)


def load_roster(roster: PathLike | Sequence[RosterUnit] | None) -> tuple[RosterUnit, ...]:
    """A roster given as a workbook path or as RosterUnit objects."""
    from govtasks.breakdown.standard import read_roster

    if roster is None:
        return ()
    return read_roster(roster) if isinstance(roster, (str, os.PathLike)) else tuple(roster)


def _find_unit(bd: Breakdown, name: str) -> str:
    from govtasks.breakdown.units import alias_key

    if name in bd.units:
        return name
    found = [u for u in bd.units if alias_key(u) == alias_key(name)]
    if found:
        return found[0]
    close = difflib.get_close_matches(name, bd.units, n=3, cutoff=0.5)
    hint = f"；是否指：{'、'.join(close)}" if close else ""
    raise GovtasksError(f"分解表中没有单位“{name}”{hint}")


def form_filename(unit: str, period: Period, kind: str = FORM_NAMES[None]) -> str:
    """``<单位>_<期间名称>_重点工作进展情况表.xlsx`` (in two rounds ``…_配合任务进展情况表.xlsx`` and
    ``…_牵头任务进展情况表.xlsx``), characters illegal on Windows replaced by ``_``."""
    name = _ILLEGAL.sub("_", f"{unit}_{period.label}_{kind}").strip(" .")
    return f"{name}.xlsx"


def _targets(out_dir: Path, wanted: list[str], *, overwrite: bool) -> list[Path]:
    if out_dir.exists() and not out_dir.is_dir():
        raise WorkbookError(f"{out_dir}: 这是一个文件，不是文件夹；填报表要写进一个文件夹，请换一个输出位置（-o）",
                            file=out_dir.name)
    names: list[str] = []
    for first in wanted:
        name, n = first, 2
        while name.lower() in (x.lower() for x in names):  # two names the same after replacing
            name, n = f"{first[:-5]}({n}).xlsx", n + 1
        names.append(name)
    paths = [out_dir / n for n in names]
    existing = [p for p in paths if p.exists()]
    if existing and not overwrite:
        raise WorkbookError(f"{out_dir}: 已有 {len(existing)} 个同名填报表（如“{existing[0].name}”），未写入任何文件；"
                            f"如要覆盖，请加 --overwrite（Python：overwrite=True）", file=existing[0].name)
    return paths


# --- the previous period's progress -------------------------------------------------------

class PreviousProgress(dict[str, str]):
    """Task ID → 进展情况 as the previous report printed it, and each unit's own answer (``by_unit``)."""

    def __init__(self, by_task: Mapping[str, str], by_unit: Mapping[tuple[str, str], str]) -> None:
        super().__init__(by_task)
        self.by_unit = dict(by_unit)
        """(unit, task ID) → the unit's own 进展情况 (from 牵头单位反馈 / 配合单位反馈); empty for a returned form."""

    def for_unit(self, unit: str, task_id: str) -> str:
        """The unit's own last answer; the printed text only when the workbook has no per-unit answers."""
        if self.by_unit:
            return self.by_unit.get((unit, task_id), "")
        return self.get(task_id, "")


_FEEDBACK_SHEETS = ("牵头单位反馈", "配合单位反馈")


def read_previous(path: PathLike) -> PreviousProgress:
    """The previous period's 进展情况 from a report or a returned form.

    Task ID → text from the first sheet whose header has 任务编号 and 进展情况; and from a
    govtasks report's 牵头单位反馈 and 配合单位反馈 (which have 单位) every unit's own answer,
    which is what each unit's form shows as 上期进展.

    Raises:
        LayoutError: no sheet has both columns.
    """
    from govtasks.io.workbook import read_workbook

    wb = read_workbook(path)
    by_task: dict[str, str] | None = None
    by_unit: dict[tuple[str, str], str] = {}
    for sheet in sorted(wb.sheets, key=lambda s: not s.visible):
        found = _id_text_columns(sheet.rows)
        if found is None:
            continue
        head, id_col, text_col, unit_col = found
        lines = sheet.rows[head + 1:]
        if by_task is None and sheet.name not in _FEEDBACK_SHEETS:
            by_task = {}
            for line in lines:
                _add(by_task, _at(line, id_col).strip(), _at(line, text_col))
        elif sheet.name in _FEEDBACK_SHEETS and unit_col is not None:
            for line in lines:
                key = (_at(line, unit_col).strip(), _at(line, id_col).strip())
                if all(key):
                    _add(by_unit, key, _at(line, text_col))
    if by_task is None:
        raise LayoutError(f"{wb.name}: 未找到同时有“任务编号”和“进展情况”表头的工作表，无法读取上期进展", file=wb.name)
    return PreviousProgress(by_task, by_unit)


def _add(out: dict[Any, str], key: Any, text: str) -> None:
    """Add a text under a key; a second text of one key is joined by a newline."""
    text = text.strip()
    if key and text:
        out[key] = f"{out[key]}\n{text}" if key in out else text


def _id_text_columns(rows: list[list[str]]) -> tuple[int, int, int, int | None] | None:
    """(header row, 任务编号 column, 进展情况 column, 单位 column or None) of the first header naming both."""
    from govtasks.breakdown.labels import SYNONYMS, norm_label

    progress = {norm_label(x) for x in SYNONYMS["progress"]}
    ids = {norm_label(x) for x in SYNONYMS["id"]}
    for r, row in enumerate(rows[:30]):
        labels = [norm_label(c) for c in row]
        id_col = next((c for c, x in enumerate(labels) if x in ids), None)
        text_col = next((c for c, x in enumerate(labels) if x in progress), None)
        if id_col is not None and text_col is not None:
            return r, id_col, text_col, next((c for c, x in enumerate(labels) if x == "单位"), None)
    return None


def _at(row: list[str], col: int) -> str:
    return row[col] if col < len(row) else ""


def _previous_map(previous: PathLike | Mapping[str, str] | None) -> Mapping[str, str]:
    if previous is None:
        return {}
    if isinstance(previous, Mapping):
        return previous
    return read_previous(previous)


# --- what is the same for every form of one call ------------------------------------------

@dataclass
class _Rounds:
    round: str | None = None
    send_to: str = ""
    send_by: str = ""
    feedback: dict[str, tuple[Feedback, ...]] = field(default_factory=dict)


@dataclass
class _Run:
    spec: TemplateSpec
    base: dict[str, Any]
    previous: Mapping[str, str]
    password: str | None
    meta: list[tuple[str, str]]
    cache: BlockCache
    task_cache: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    rounds: _Rounds = field(default_factory=_Rounds)

    @classmethod
    def start(cls, bd: Breakdown, spec: TemplateSpec, period: Period, previous: Mapping[str, str],
              password: str | None, generated: dt.datetime | None) -> _Run:
        from xlsxwriter.utility import xl_col_to_name

        from govtasks.breakdown.standard import fingerprint

        when = generated or dt.datetime.now().replace(microsecond=0)
        base = {"period": {"code": period.code, "label": period.label, "start": period.start, "end": period.end,
                           "year": period.year},
                "breakdown": {"title": bd.title, "year": bd.year or "", "issuer": bd.issuer,
                              "doc_number": bd.doc_number},
                "generated": when, "today": when.date()}
        form = spec.form
        meta = [("表单类型", FORM_KIND), ("期间", period.code), ("期间名称", period.label),
                ("分解表指纹", fingerprint(bd)), ("模板版本", spec.version),
                ("生成时间", when.isoformat(timespec="seconds")), ("数据表", form.name),
                ("表头行", str(spec.header_row + 1)), ("任务编号列", xl_col_to_name(spec.id_col))]
        cacheable = {kind: not any(n.startswith(_FORM_DEPENDENT) for r in rows for c in r.cells for n in c.names)
                     for kind, rows in blocks(form).items()}
        return cls(spec, base, previous, password, meta, BlockCache(cacheable))

    def task_vars(self, task: Task, role: str, index: int) -> dict[str, Any]:
        found = self.task_cache.get((task.id, role))
        if found is None:
            found = self.task_cache[(task.id, role)] = {
                "id": task.id, "number": task.number, "text": task.text, "path": task.path,
                "section": " / ".join(task.path), "deadline": task.deadline.text, "lead": "、".join(task.lead),
                "coop": "、".join(task.coop), "role": role, "previous": self.previous.get(task.id, ""),
                "leaders": "、".join(task.leaders), "persons": "、".join(task.persons), "note": task.note,
                "coop_feedback": feedback_text(self.rounds.feedback.get(task.id, ()))}
        return {**found, "index": index}


def _items(run: _Run, led: Sequence[Task], coop: Sequence[Task], unit: str = "") -> list[Item]:
    """Section headings and tasks in form order: leads then cooperations, each under its headings.

    A heading is emitted for every level that changes from one task to the next
    (level 0 is the role block: 牵头任务 / 配合任务); ``last`` marks the
    innermost heading of the task that follows.
    """
    items: list[Item] = []
    index = 0
    for role, tasks in (("牵头", led), ("配合", coop)):
        if not tasks:
            continue
        items.append(_section(0, f"{role}任务", "", role, last=False))
        path: tuple[str, ...] = ()
        for task in tasks:
            same = next((i for i, (a, b) in enumerate(zip(path, task.path)) if a != b), min(len(path), len(task.path)))
            if same == len(task.path) and len(path) > same > 0:
                same -= 1  # back up to an outer heading after deeper ones: show it again
            for level in range(same, len(task.path)):
                items.append(_section(level + 1, task.path[level], " / ".join(task.path[:level + 1]), role,
                                      last=level == len(task.path) - 1))
            path, index = task.path, index + 1
            values = run.task_vars(task, role, index)
            own = run.previous.for_unit(unit, task.id) if isinstance(run.previous, PreviousProgress) else values["previous"]
            if own != values["previous"]:  # the unit's own last answer, not the merged text
                values = {**values, "previous": own}
            items.append(Item("tasks", values, (task.id, role, own)))
    return _count_sections(items)


def _section(level: int, title: str, path: str, role: str, *, last: bool) -> Item:
    return Item("section", {"title": title, "level": level, "path": path, "role": role, "last": last, "count": 0}, ())


def _count_sections(items: list[Item]) -> list[Item]:
    """Fill each heading's count: the tasks under it, up to the next heading of the same or a higher level."""
    counts = [0] * len(items)
    open_: list[int] = []  # indexes of the headings in force, outermost first
    for i, item in enumerate(items):
        if item.kind == "section":
            while open_ and items[open_[-1]].values["level"] >= item.values["level"]:
                open_.pop()
            open_.append(i)
        else:
            for j in open_:
                counts[j] += 1
    out = []
    for item, count in zip(items, counts):
        if item.kind == "section":
            values = {**item.values, "count": count}
            item = Item("section", values, tuple(values.values()))
        out.append(item)
    return out


# --- writing one form ------------------------------------------------------------------------

def _write_form(run: _Run, unit: str, led: Sequence[Task], coop: Sequence[Task], target: Path) -> None:
    from govtasks.forms.worksheet import FormWorksheet
    from govtasks.io.xlsxout import atomic_workbook

    spec, rounds = run.spec, run.rounds
    to = send_to(rounds.round, coop, rounds.send_to)
    ctx = {**run.base, "unit": {"name": unit, "lead_count": len(led), "coop_count": len(coop),
                                "task_count": len(led) + len(coop)}, "round": round_vars(rounds.round, to, rounds.send_by)}
    items = _items(run, led, coop, unit)
    with atomic_workbook(target) as wb:
        # the workbook's time is the generation time (deterministic when `generated` is given),
        # so a return nobody re-saved shows when its form was made, not a placeholder date
        wb.set_properties({"title": f"{unit}{ctx['period']['label']}重点工作进展情况表", "created": ctx["generated"]})
        fmts = [wb.add_format(style) for style in spec.styles]
        for sheet in spec.sheets:
            writer = SheetWriter(wb.add_worksheet(sheet.name, worksheet_class=FormWorksheet), sheet, fmts, spec.file, unit)
            if sheet.region is not None:
                writer.form(run.cache, ctx, items)
            else:
                writer.plain(ctx)
            writer.finish(run.password)
        if rounds.round == LEAD:
            write_feedback_sheet(wb, unit, ctx["period"]["label"], led, rounds.feedback, password=run.password)
        _write_meta(wb, [run.meta[0], ("单位", unit), *run.meta[1:3], *meta_pairs(rounds.round, to, rounds.send_by),
                         *run.meta[3:], ("任务数", str(len(led) + len(coop)))])
        for name, formula in spec.names:
            wb.define_name(name, formula)


def _write_meta(wb: Workbook, pairs: list[tuple[str, str]]) -> None:
    """The very hidden _meta sheet: key in A, value in B, in the order of docs/form-contract.md."""
    ws = wb.add_worksheet(META_SHEET)
    for r, (key, value) in enumerate(pairs):
        ws.write_string(r, 0, key)
        ws.write_string(r, 1, value)
    ws.very_hidden()
