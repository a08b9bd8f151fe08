"""Draft tasks → Breakdown: the step every importer ends with.

Importers only find rows and cells; this module turns unit cells into
canonical names (aliases, prefixes, groups, lead marks), parses deadlines,
assigns stable task IDs and reports what looks wrong.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterator, Literal, Mapping, Sequence

from govtasks import issues as codes
from govtasks.breakdown.deadlines import parse_deadline
from govtasks.breakdown.units import CellUnits, UnitResolver, is_group, split_names, split_units
from govtasks.issues import Issue, IssueList, Severity
from govtasks.model import Breakdown, CellRef, Deadline, DeadlineKind, RosterUnit, Task

LeadRule = Literal["auto", "first"]


@dataclass(slots=True)
class DraftTask:
    """A task as an importer found it: cells as written."""

    number: str = ""
    path: tuple[str, ...] = ()
    text: str = ""
    deadline: str = ""
    lead: str = ""
    coop: str = ""
    leaders: str = ""
    persons: str = ""
    note: str = ""
    progress: str = ""
    extra: list[tuple[str, str]] = field(default_factory=list)
    source: CellRef | None = None
    """Where the task is (its text cell, or its line)."""
    refs: Mapping[str, CellRef | str] = field(default_factory=dict)
    """Field → where that field's cell is (the lead cell, the deadline cell …) when it is not ``source``:
    a CellRef, or a column letter in ``source``'s row (a table's columns, one mapping for all its rows)."""

    def where(self, fld: str) -> CellRef | None:
        """The cell of a field: its own place, else the task's."""
        ref = self.refs.get(fld)
        if isinstance(ref, str):
            src = self.source
            return CellRef(file=src.file, sheet=src.sheet, row=src.row, column=ref) if src is not None else None
        return ref or self.source


@dataclass
class DraftMeta:
    """What an importer knows about the document."""

    title: str = ""
    year: int | None = None
    issuer: str = ""
    doc_number: str = ""
    source: str = ""


def guess_year(*texts: str) -> int | None:
    """The first plausible year (1990–2099) named in the texts."""
    for text in texts:
        m = re.search(r"(19[9]\d|20\d\d)\s*年", text or "")
        if m:
            return int(m.group(1))
    return None


def _units_of(coop_cell: CellUnits, rule: LeadRule) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Lead and cooperating names as written when there is no lead column (only 责任单位)."""
    coop = coop_cell.names
    if coop_cell.marked:
        lead = tuple(dict.fromkeys(coop_cell.marked))
    elif rule == "first":
        lead = coop[:1]
    else:  # only 责任单位: those are the leads
        lead = coop
    return lead, tuple(c for c in coop if c not in lead)


def task_ids(numbers: Sequence[str]) -> list[str]:
    """Stable IDs: ``T`` + the 序号 when they are unique integers, else + position."""
    ints = [int(s) for n in numbers if (s := n.strip()).isdigit() and s.isascii()]
    use_numbers = len(ints) == len(numbers) and len(set(ints)) == len(ints)  # every 序号 an integer, none twice
    values = ints if use_numbers else range(1, len(numbers) + 1)
    width = max(3, len(str(max(values, default=0))))
    return ["T" + str(v).zfill(width) for v in values]


def finish(
    drafts: Sequence[DraftTask],
    meta: DraftMeta,
    *,
    roster: Sequence[RosterUnit] = (),
    lead: LeadRule = "auto",
    has_lead_col: bool | None = True,
    issues: Sequence[Issue] = (),
    plan: bool = False,
) -> Breakdown:
    """Resolve units, parse deadlines, assign IDs, collect issues.

    ``has_lead_col``: the document has a lead column (a task's lead cell names its leads);
    False: only 责任单位 (their leads follow ``lead``); None: decided per task (a text notice,
    where a task without a lead label has only 责任单位).

    ``plan=True``: the drafts come from a prose work plan and have no units
    yet; each is reported as ``no-units-yet`` (INFO) instead of ``no-units``.
    """
    found: list[Issue] = list(issues)
    resolver = UnitResolver(roster)
    uses = Counter((d.lead, d.coop) for d in drafts)  # distinct pairs of unit cells, first-seen order
    merged, units_of, named_of = _resolve_cells(uses, resolver, lead, has_lead_col)
    tasks = _tasks(drafts, task_ids([d.number for d in drafts]), units_of, named_of, meta.year)
    found += _task_issues(tasks, drafts, plan) + _deep_paths(drafts)
    first_seen, counts = _unit_uses(uses, units_of, drafts)
    found += _unit_issues(first_seen, counts, merged, resolver)
    return Breakdown(
        title=meta.title, year=meta.year, issuer=meta.issuer, doc_number=meta.doc_number,
        source=meta.source, tasks=tuple(tasks), roster=_roster_out(roster, first_seen), issues=IssueList(found),
    )


_Pair = tuple[str, str]
"""A task's (lead cell, cooperating cell) as written."""
_Units = tuple[tuple[str, ...], tuple[str, ...]]
"""(lead units, cooperating units)."""


def _resolve_cells(uses: Counter[_Pair], resolver: UnitResolver, rule: LeadRule, has_lead_col: bool | None,
                   ) -> tuple[dict[str, tuple[str, ...]], dict[_Pair, _Units], dict[_Pair, tuple[str, ...]]]:
    """Canonical (lead, cooperating) units per distinct pair of unit cells (``uses``: pair → tasks),
    and the persons the cells of a pair name beside their units (only pairs that name some).

    Documents repeat their unit cells, so each cell is split once and each pair
    resolved once. Spellings are counted per task, so the most used spelling
    still names the unit.
    """
    cells = {c: split_units(c) for c in {c: None for pair in uses for c in pair}}  # each distinct cell once
    named_of = {pair: named for pair in uses if (named := cells[pair[0]].persons + cells[pair[1]].persons)}
    if has_lead_col:  # the cells are independent
        split = {pair: _lead_and_coop(cells[pair[0]], cells[pair[1]]) for pair in uses}
    elif has_lead_col is None:
        split = {pair: _lead_and_coop(cells[pair[0]], cells[pair[1]]) if pair[0] else _units_of(cells[pair[1]], rule)
                 for pair in uses}
    else:
        split = {pair: _units_of(cells[pair[1]], rule) for pair in uses}
    spellings: Counter[str] = Counter()
    for pair, n in uses.items():
        ld, cp = split[pair]
        for name in ld:
            spellings[name] += n
        for name in cp:
            spellings[name] += n
    merged = resolver.learn(spellings)
    one = {name: resolver.resolve_one(name) for name in spellings}  # each spelling resolved once
    renamed = {name for name, units in one.items() if units != (name,)}
    if not renamed:  # every name is already canonical (no aliases, no groups expanded)
        return merged, split, named_of
    resolved = {}
    for pair, (ld, cp) in split.items():
        if renamed.isdisjoint(ld) and renamed.isdisjoint(cp):
            resolved[pair] = (ld, cp)
            continue
        lead_units = one[ld[0]] if len(ld) == 1 else tuple(dict.fromkeys(u for n in ld for u in one[n]))
        coop_units = tuple(dict.fromkeys(u for n in cp for u in one[n] if u not in lead_units)) if cp else ()
        resolved[pair] = (lead_units, coop_units)
    return merged, resolved, named_of


def _lead_and_coop(lead_cell: CellUnits, coop_cell: CellUnits) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Names as written with a lead column: the lead cell's, plus any "*"-marked in the
    cooperating cell; the cooperating cell's without the leads."""
    lead = lead_cell.names
    if coop_cell.marked:
        lead += tuple(m for m in dict.fromkeys(coop_cell.marked) if m not in lead)
    if not coop_cell.names:
        return lead, ()
    return lead, tuple(c for c in coop_cell.names if c not in lead)


def _unit_uses(uses: Counter[_Pair], units_of: dict[_Pair, _Units], drafts: Sequence[DraftTask],
               ) -> tuple[dict[str, CellRef | None], dict[str, int]]:
    """Every unit the tasks name, first-seen order, with the cell it is first named in (the lead or
    cooperating cell, else the task's) and in how many tasks.

    Counted per distinct pair of unit cells (``uses``, in first-seen order): a unit is first named
    in the first task of the first pair that names it.
    """
    first_seen: dict[str, CellRef | None] = {}
    counts: dict[str, int] = {}
    first_task: dict[_Pair, DraftTask] = {}
    for draft in drafts:
        first_task.setdefault((draft.lead, draft.coop), draft)
    for pair, n in uses.items():
        lead, coop = units_of[pair]
        for fld, units in (("lead", lead), ("coop", coop)):  # disjoint by construction
            for unit in units:
                if unit in counts:
                    counts[unit] += n
                else:
                    counts[unit] = n
                    draft = first_task[pair]
                    first_seen[unit] = draft.where(fld if fld in draft.refs else "coop")
    return first_seen, counts


def _roster_out(roster: Sequence[RosterUnit], first_seen: dict[str, CellRef | None]) -> tuple[RosterUnit, ...]:
    """The given roster plus every unit the tasks name that it lacks (groups excluded),
    so the 单位 sheet is where a clerk adds aliases and group memberships."""
    known = {u.name for u in roster}
    return tuple(roster) + tuple(RosterUnit(name=u) for u in first_seen if u not in known and not is_group(u))


_NO_DEADLINE = Deadline()


def _tasks(drafts: Sequence[DraftTask], ids: Sequence[str], units_of: dict[_Pair, _Units],
           named_of: dict[_Pair, tuple[str, ...]], year: int | None) -> list[Task]:
    """The Tasks, with canonical units, parsed deadlines and split person names.

    Speed: a frozen dataclass's ``__init__`` sets each of Task's 13 fields through
    ``object.__setattr__`` (1.8 µs a task); filling the new instance's dict takes 0.3 µs. For a
    5,000-task import that is 14 % of ``import_breakdown`` (benchmarks/README.md), so Task keeps
    no ``__slots__`` and is built here this way. Every field is given.
    """
    out: list[Task] = []
    new_task = object.__new__
    for draft, task_id in zip(drafts, ids):
        pair = draft.lead, draft.coop
        lead, coop = units_of[pair]
        path = draft.path if len(draft.path) <= 3 and all(draft.path) else _three_levels(draft.path)
        task = new_task(Task)
        task.__dict__.update(
            id=task_id, number=draft.number, path=path, text=draft.text,
            deadline=parse_deadline(draft.deadline, year) if draft.deadline else _NO_DEADLINE, lead=lead, coop=coop,
            leaders=split_names(draft.leaders) if draft.leaders else (),
            persons=_persons(draft.persons, named_of.get(pair, ())) if draft.persons or named_of else (),
            note=draft.note, progress=draft.progress, extra=tuple(draft.extra) if draft.extra else (), source=draft.source)
        out.append(task)
    return out


def _three_levels(path: tuple[str, ...]) -> tuple[str, ...]:
    """A path of at most three levels (the standard workbook's 一级/二级/三级标题): the levels below
    the second are written together in the third ("1.城乡居民增收工程 (1)增加城镇居民收入"), so no
    heading is lost."""
    levels = tuple(p for p in path if p)
    return levels if len(levels) <= 3 else (*levels[:2], " ".join(levels[2:]))


def _persons(cell: str, named: tuple[str, ...]) -> tuple[str, ...]:
    """责任人: the persons column's cell, and ``named``, the persons the unit cells name beside a
    unit (市民政局 伍泽国)."""
    if not named:
        return split_names(cell) if cell else ()
    return tuple(dict.fromkeys(split_names(cell) + named))


def _problems(task: Task, plan: bool) -> Iterator[tuple[str, Severity, str]]:
    """(code, severity, message tail) for what is wrong with one task."""
    if not task.text.strip():
        yield codes.EMPTY_TEXT, Severity.ERROR, "没有任务内容，请补充或删除该行"
    if not task.lead and not task.coop:
        if plan:
            yield codes.NO_UNITS_YET, Severity.INFO, "尚未分配单位（由工作计划生成的草稿），请补充牵头单位和责任单位"
        else:
            yield codes.NO_UNITS, Severity.ERROR, "没有牵头单位和责任单位，请补充后再下发填报表"
    elif not task.lead:
        yield codes.NO_LEAD, Severity.WARNING, "没有牵头单位，只有责任单位，请确认牵头单位"
    if task.deadline.kind is DeadlineKind.UNPARSED:
        yield codes.DEADLINE_UNPARSED, Severity.WARNING, f"的完成时限“{task.deadline.text}”无法识别为日期，已按原文保留"


def _deep_paths(drafts: Sequence[DraftTask]) -> list[Issue]:
    """One INFO issue when headings nest deeper than the standard workbook's three levels."""
    deep = [d for d in drafts if len([p for p in d.path if p]) > 3]
    if not deep:
        return []
    levels = max(len([p for p in d.path if p]) for d in deep)
    return [Issue(code=codes.DEEP_PATH, severity=Severity.INFO, where=deep[0].where(""),
                  message=f"有 {len(deep)} 项任务的标题多达 {levels} 级，标准任务分解表只有三级标题：第三级及以下的标题合写在“三级标题”中")]


_WHERE = {codes.DEADLINE_UNPARSED: "deadline", codes.NO_LEAD: "lead", codes.NO_UNITS: "lead"}
"""The cell an issue concerns, by code (the task's own cell for the others)."""


def _task_issues(tasks: Sequence[Task], drafts: Sequence[DraftTask], plan: bool = False) -> list[Issue]:
    unparsed = DeadlineKind.UNPARSED
    return [Issue(code=code, severity=severity, where=draft.where(_WHERE.get(code, "")), task_id=task.id,
                  message=f"第 {task.number or task.id} 项任务{tail}")
            for task, draft in zip(tasks, drafts)
            if not task.lead or task.deadline.kind is unparsed or not task.text.strip()  # else nothing to say
            for code, severity, tail in _problems(task, plan)]


def _unit_issues(first_seen: dict[str, CellRef | None], counts: dict[str, int], merged: dict[str, tuple[str, ...]],
                 resolver: UnitResolver) -> list[Issue]:
    out: list[Issue] = []
    for canon, variants in merged.items():
        where = first_seen.get(canon)
        out.append(Issue(code=codes.UNIT_ALIAS, severity=Severity.INFO, where=where, unit=canon,
                         message=f"单位名称“{'”“'.join(variants)}”视为同一单位，统一为“{canon}”"))
    for unit, where in first_seen.items():
        if is_group(unit):
            hint = "请在单位名册的“所属分组”列登记其成员单位" if not resolver.roster else "名册中没有该分组的成员单位，请在“所属分组”列登记"
            out.append(Issue(code=codes.UNIT_GROUP, severity=Severity.WARNING, where=where, unit=unit,
                             message=f"“{unit}”是单位分组，未能展开为具体单位（涉及 {counts[unit]} 项任务）；{hint}"))
    unknown = [u for u in first_seen if resolver.roster and not is_group(u) and not resolver.known(u)]
    if unknown:  # one issue for all of them: a roster often lists only some units (the members of groups)
        out.append(Issue(code=codes.UNIT_UNKNOWN, severity=Severity.WARNING, where=first_seen[unknown[0]],
                         message=f"单位名册中没有以下 {len(unknown)} 个单位（已照常导入，也照常生成填报表）："
                                 f"{'、'.join(unknown)}；如是名称写法不同，请在名册的“别名”列登记"))
    return out
