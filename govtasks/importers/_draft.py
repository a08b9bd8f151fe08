"""Draft tasks → Breakdown: the step every importer ends with.

Importers only find rows and cells; this module turns unit cells into
canonical names (aliases, prefixes, groups, lead marks), parses deadlines,
assigns stable task IDs and reports what looks wrong.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterator, Literal, Sequence

from .. import issues as codes
from ..deadlines import parse_deadline
from ..issues import Issue, IssueList, Severity
from ..model import Breakdown, CellRef, DeadlineKind, RosterUnit, Task
from ..units import UnitResolver, is_group, split_names, split_units

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


def _units_of(cells: tuple[str, str], rule: LeadRule, has_lead_col: bool) -> tuple[list[str], list[str]]:
    """Lead and cooperating names of a task's (lead cell, cooperating cell), as written."""
    lead_cell, coop_cell = split_units(cells[0]), split_units(cells[1])
    lead, coop = list(lead_cell.names), list(coop_cell.names)
    if not has_lead_col:
        if coop_cell.marked:
            lead = list(coop_cell.marked)
        elif rule == "first":
            lead = coop[:1]
        else:  # only 责任单位: those are the leads
            lead = coop
    lead += [m for m in coop_cell.marked if m not in lead]
    return lead, [c for c in coop if c not in lead]


def task_ids(numbers: Sequence[str]) -> list[str]:
    """Stable IDs: ``T`` + the 序号 when they are unique integers, else + position."""
    ints = [int(n) if n.strip().isdigit() else None for n in numbers]
    use_numbers = all(i is not None for i in ints) and len(set(ints)) == len(ints)
    values = [i for i in ints if i is not None] if use_numbers else list(range(1, len(numbers) + 1))
    width = max(3, len(str(max(values, default=0))))
    return [f"T{v:0{width}d}" for v in values]


def finish(
    drafts: Sequence[DraftTask],
    meta: DraftMeta,
    *,
    roster: Sequence[RosterUnit] = (),
    lead: LeadRule = "auto",
    has_lead_col: bool = True,
    issues: Sequence[Issue] = (),
    plan: bool = False,
) -> Breakdown:
    """Resolve units, parse deadlines, assign IDs, collect issues.

    ``plan=True``: the drafts come from a prose work plan and have no units
    yet; each is reported as ``no-units-yet`` (INFO) instead of ``no-units``.
    """
    found: list[Issue] = list(issues)
    resolver = UnitResolver(roster)
    merged, units_of = _resolve_cells(drafts, resolver, lead, has_lead_col)
    tasks = [_task(draft, task_id, *units_of[draft.lead, draft.coop], meta.year)
             for draft, task_id in zip(drafts, task_ids([d.number for d in drafts]))]
    found += _task_issues(tasks, drafts, plan)
    found += _unit_issues(tasks, merged, resolver, drafts)
    return Breakdown(
        title=meta.title, year=meta.year, issuer=meta.issuer, doc_number=meta.doc_number,
        source=meta.source, tasks=tuple(tasks), roster=_roster_out(roster, tasks), issues=IssueList(found),
    )


def _resolve_cells(drafts: Sequence[DraftTask], resolver: UnitResolver, rule: LeadRule, has_lead_col: bool,
                   ) -> tuple[dict[str, tuple[str, ...]], dict[tuple[str, str], tuple[tuple[str, ...], tuple[str, ...]]]]:
    """Canonical (lead, cooperating) units per distinct pair of unit cells; documents repeat
    their unit cells, so each pair is split and resolved once. Spellings are counted per
    task, so the most used spelling still names the unit."""
    uses = Counter((d.lead, d.coop) for d in drafts)
    split = {cells: _units_of(cells, rule, has_lead_col) for cells in uses}
    spellings: Counter[str] = Counter()
    for cells, n in uses.items():
        for name in split[cells][0] + split[cells][1]:
            spellings[name] += n
    merged = resolver.learn(spellings)
    resolved = {}
    for cells, (ld, cp) in split.items():
        lead_units = resolver.resolve(ld)
        resolved[cells] = (lead_units, tuple(u for u in resolver.resolve(cp) if u not in lead_units))
    return merged, resolved


def _roster_out(roster: Sequence[RosterUnit], tasks: Sequence[Task]) -> tuple[RosterUnit, ...]:
    """The given roster plus every unit the tasks name that it lacks (groups excluded),
    so the 单位 sheet is where a clerk adds aliases and group memberships."""
    known = {u.name for u in roster}
    found = dict.fromkeys(u for t in tasks for u in t.lead + t.coop if u not in known and not is_group(u))
    return tuple(roster) + tuple(RosterUnit(name=u) for u in found)


def _task(draft: DraftTask, task_id: str, lead: tuple[str, ...], coop: tuple[str, ...], year: int | None) -> Task:
    return Task(
        id=task_id, number=draft.number, path=tuple(p for p in draft.path if p)[:3], text=draft.text,
        deadline=parse_deadline(draft.deadline, year), lead=lead, coop=coop,
        leaders=split_names(draft.leaders), persons=split_names(draft.persons), note=draft.note,
        progress=draft.progress, extra=tuple(draft.extra), source=draft.source,
    )


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


def _task_issues(tasks: Sequence[Task], drafts: Sequence[DraftTask], plan: bool = False) -> list[Issue]:
    return [Issue(code=code, severity=severity, where=draft.source, task_id=task.id,
                  message=f"第 {task.number or task.id} 项任务{tail}")
            for task, draft in zip(tasks, drafts) for code, severity, tail in _problems(task, plan)]


def _unit_issues(tasks: Sequence[Task], merged: dict[str, tuple[str, ...]], resolver: UnitResolver,
                 drafts: Sequence[DraftTask]) -> list[Issue]:
    out: list[Issue] = []
    first_seen: dict[str, tuple[int, CellRef | None]] = {}
    counts: dict[str, int] = {}
    for task, draft in zip(tasks, drafts):
        for unit in task.lead + task.coop:  # disjoint by construction
            if unit in counts:
                counts[unit] += 1
            else:
                counts[unit] = 1
                first_seen[unit] = (len(first_seen), draft.source)
    for canon, variants in merged.items():
        where = first_seen.get(canon, (0, None))[1]
        out.append(Issue(code=codes.UNIT_ALIAS, severity=Severity.INFO, where=where, unit=canon,
                         message=f"单位名称“{'”“'.join(variants)}”视为同一单位，统一为“{canon}”"))
    for unit, (_, where) in first_seen.items():
        if is_group(unit):
            hint = "请在单位名册的“所属分组”列登记其成员单位" if not resolver.roster else "名册中没有该分组的成员单位，请在“所属分组”列登记"
            out.append(Issue(code=codes.UNIT_GROUP, severity=Severity.WARNING, where=where, unit=unit,
                             message=f"“{unit}”是单位分组，未能展开为具体单位（涉及 {counts[unit]} 项任务）；{hint}"))
        elif resolver.roster and not resolver.known(unit):
            out.append(Issue(code=codes.UNIT_UNKNOWN, severity=Severity.WARNING, where=where, unit=unit,
                             message=f"单位“{unit}”不在单位名册中（涉及 {counts[unit]} 项任务），请核对名称或补充名册"))
    return out
