"""Consolidate returns into one report. Pure: no I/O, plain objects in and out.

Rules (docs/returns.md):

* The lead units' 进展情况 is a task's progress. With several lead units, each
  text is prefixed 【单位】 — unless all of them wrote the same text (a joint
  answer), which then appears once, unprefixed.
* Cooperating units' answers go to the 配合单位反馈 list; with
  ``append_coop=True`` their text is also appended to the task's progress. In two rounds
  they are those a lead unit's form relays (pre-filled from round one; ``Progress.via``)
  and any round-one form sent to the office; ``ReportRow.coop_sources`` names their cells.
* Answers for unknown tasks and rows that match no task are kept in
  ``Report.unmatched``; every issue found while reading stays in ``Report.issues``.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any, Iterable, Mapping

from govtasks.model import Breakdown, Task
from govtasks.periods import Period
from govtasks.report.model import Report, ReportRow
from govtasks.returns.model import ROLE_LEAD, Progress, Returns
from govtasks.returns.status import return_status

if TYPE_CHECKING:
    from govtasks.report.history import History
    from govtasks.report.rules import StatusRules

TITLE_SUFFIX = "重点工作进展和完成情况"


def merge(breakdown: Breakdown, returns: Returns, *, title: str | None = None, append_coop: bool = False,
          rules: StatusRules | Mapping[str, Any] | None = None, previous: History | None = None) -> Report:
    """Merge returned answers into the consolidated report, with every task's status and light.

    Args:
        breakdown: the tasks, in report order, with their sections and units.
        returns: what :func:`govtasks.read_returns` read (or Returns built by hand).
        title: the report title; default ``<发文机关><期间>重点工作进展和完成情况``.
        append_coop: also append cooperating units' text to each task's 进展情况.
        rules: the status and light rules (docs/status.md): a StatusRules, or a mapping of
            rules to change (``{"临近时限天数": 15}``); default the published practice.
        previous: earlier periods (:func:`govtasks.read_history`): 上期进展, 变化 and the flags.

    Example:
        >>> report = merge(bd, returns)              # doctest: +SKIP
        >>> report.to_frame()["进展情况"].str.len()   # doctest: +SKIP
        >>> report.stats_frame()                     # doctest: +SKIP
    """
    from govtasks.report.assess import assess

    return assess(_merge(breakdown, returns, title, append_coop), breakdown, rules=rules, history=previous)


def _merge(breakdown: Breakdown, returns: Returns, title: str | None, append_coop: bool) -> Report:
    known = {t.id for t in breakdown.tasks}
    by_task: dict[str, list[Progress]] = defaultdict(list)
    for entry in returns.entries:
        if entry.task_id in known:
            by_task[entry.task_id].append(entry)
    rows = _rows(breakdown, by_task, append_coop)
    lead, coop = _split_roles(breakdown, by_task)
    return Report(
        title=title or default_title(breakdown, returns.period), period=returns.period, rows=tuple(rows),
        lead=lead, coop=coop, unmatched=tuple(e for e in returns.entries if e.task_id not in known),
        units=return_status(breakdown, returns), files=returns.files, issues=returns.issues, due=returns.due,
        append_coop=append_coop, versions=returns.versions,
    )


def default_title(breakdown: Breakdown, period: str) -> str:
    """``<发文机关><期间名称>重点工作进展和完成情况`` (发文机关 without 人民政府)."""
    issuer = breakdown.issuer.replace("人民政府", "")
    if not issuer:  # the place a title starts with: 芜湖市2024年度… → 芜湖市
        head = breakdown.title.split("20", 1)[0].strip()
        issuer = head if head.endswith(("市", "区", "县", "省", "镇", "乡", "州", "盟", "旗")) else ""
    label = Period.parse(period).label if period else ""
    return f"{issuer}{label}{TITLE_SUFFIX}"


def _rows(breakdown: Breakdown, by_task: dict[str, list[Progress]], append_coop: bool) -> list[ReportRow]:
    rows: list[ReportRow] = []
    path: tuple[str, ...] = ()
    for task in breakdown.tasks:
        for depth, heading in enumerate(task.path):
            if path[: depth + 1] != task.path[: depth + 1]:
                rows.append(ReportRow(kind="section", text=heading, level=depth + 1))
        path = task.path
        rows.append(_task_row(task, by_task.get(task.id, []), append_coop))
    return rows


def _by_unit(entries: Iterable[Progress]) -> dict[str, list[Progress]]:
    out: dict[str, list[Progress]] = {}
    for entry in entries:
        out.setdefault(entry.unit, []).append(entry)
    return out


def _joined(entries: list[Progress], attr: str) -> str:
    """One unit's text for a field; two rows for one task are joined by a newline."""
    return "\n".join(dict.fromkeys(v for v in (getattr(e, attr) for e in entries) if v))


def _combine(texts: list[tuple[str, str]], units: int) -> str:
    """Texts of the ``units`` lead units: plain for a sole lead or one joint text of all, else each prefixed 【单位】."""
    texts = [(u, t) for u, t in texts if t]
    if not texts:
        return ""
    if units == 1 or (len(texts) == units and len({t for _, t in texts}) == 1):
        return texts[0][1]
    return "\n".join(f"【{u}】{t}" for u, t in texts)


def _task_row(task: Task, entries: list[Progress], append_coop: bool) -> ReportRow:
    units = _by_unit(entries)
    leads = [(u, units[u]) for u in task.lead if u in units]
    progress = _combine([(u, _joined(es, "progress")) for u, es in leads], len(task.lead))
    status = _combine([(u, _joined(es, "status")) for u, es in leads], len(task.lead))
    used = [e for _, es in leads for e in es if e.progress or e.status]
    if append_coop:
        coop = [(u, es) for u, es in units.items() if u not in task.lead]
        extra = [f"【{u}（配合）】{text}" for u, es in coop if (text := _joined(es, "progress"))]
        progress = "\n".join([progress, *extra]) if progress else "\n".join(extra)
        used += [e for _, es in coop for e in es if e.progress]
    missing = tuple(u for u in task.lead if not any(e.progress for e in units.get(u, [])))
    sources = tuple(dict.fromkeys(e.source for e in used if e.source is not None))
    fed = tuple(dict.fromkeys(e.source for e in entries if e.unit not in task.lead and not e.is_empty and e.source))
    return ReportRow(kind="task", text=task.text, task_id=task.id, number=task.number, path=task.path,
                     lead=task.lead, coop=task.coop, progress=progress, status=status,
                     sources=sources, missing=missing, coop_sources=fed)


def _split_roles(breakdown: Breakdown, by_task: dict[str, list[Progress]]) -> tuple[tuple[Progress, ...], tuple[Progress, ...]]:
    lead: list[Progress] = []
    coop: list[Progress] = []
    for task in breakdown.tasks:
        leads = task.lead
        for entry in by_task.get(task.id, ()):
            if entry.is_empty:
                continue
            # the role the breakdown gives the unit, else the one its form gave (task.role_of inline)
            if entry.unit in leads or (entry.role == ROLE_LEAD and entry.unit not in task.coop):
                lead.append(entry)
            else:
                coop.append(entry)
    return tuple(lead), tuple(coop)
