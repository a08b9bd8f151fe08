"""What leaders read, computed from a merged report: statuses, lights, history, hints. Pure.

:func:`assess` is the last step of :func:`govtasks.merge`: it adds an :class:`Assessment`
to the report (every task's :class:`~govtasks.report.status.TaskStatus`, and with earlier
periods every task's :class:`~govtasks.report.history.TaskChange`) and appends its issues
(unknown 完成状态 words, the history's flags, the weak-return hints) to the report's.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Mapping

from govtasks.issues import IssueList
from govtasks.model import Breakdown
from govtasks.report.hints import weak_returns
from govtasks.report.history import History, TaskChange, compare, previous_lights
from govtasks.report.model import Report
from govtasks.report.rules import StatusRules
from govtasks.report.status import TaskStatus, task_statuses
from govtasks.returns.model import Progress


@dataclass(frozen=True, slots=True, kw_only=True)
class Assessment:
    """Every task's status and light (and, with earlier periods, its change), in task order."""

    period: str = ""
    source_title: str = ""
    """The breakdown's title (the document a 通报 cites)."""
    rules: StatusRules = field(default_factory=StatusRules)
    tasks: tuple[TaskStatus, ...] = ()
    changes: tuple[TaskChange, ...] = ()
    """One per task when earlier reports were given, else empty."""
    history: History | None = None
    """The earlier periods (their tasks' texts, statuses and lights; not each unit's answers)."""

    def by_task(self) -> dict[str, TaskStatus]:
        """Task ID → status."""
        return {t.task_id: t for t in self.tasks}

    def changes_by_task(self) -> dict[str, TaskChange]:
        """Task ID → change (empty without history)."""
        return {c.task_id: c for c in self.changes}

    @property
    def expected(self) -> float | None:
        """序时进度 of the period (months elapsed ÷ 12), None without a period."""
        from govtasks.periods import Period

        return Period.parse(self.period).elapsed_share() if self.period else None


def as_rules(rules: StatusRules | Mapping[str, Any] | None) -> StatusRules:
    """The rules to use: the defaults, a StatusRules, or the defaults overridden by a mapping."""
    if rules is None:
        return StatusRules()
    if isinstance(rules, StatusRules):
        return rules
    return StatusRules().override(rules)


def assess(report: Report, breakdown: Breakdown, *, rules: StatusRules | Mapping[str, Any] | None = None,
           history: History | None = None) -> Report:
    """The report with its Assessment, and the assessment's issues after the report's own."""
    chosen = as_rules(rules)
    answers: dict[str, list[Progress]] = defaultdict(list)
    for entry in report.lead:
        answers[entry.task_id].append(entry)
    lights = previous_lights(history, report.period)
    statuses, issues = task_statuses(breakdown.tasks, answers, rules=chosen, period=report.period,
                                     year=breakdown.year, previous=lights)
    everyone = report.lead + report.coop
    changes: tuple[TaskChange, ...] = ()
    if history is not None and history.periods:
        changes, found = compare(breakdown.tasks, statuses, everyone, history=history, period=report.period,
                                 rules=chosen)
        issues += found
    tasks = {t.id: t for t in breakdown.tasks}
    issues += weak_returns(tasks, everyone, {s.task_id: s for s in statuses}, chosen)
    kept = History(tuple(dataclasses.replace(p, answers={}) for p in history.periods)) if history else None
    result = Assessment(period=report.period, source_title=breakdown.title, rules=chosen, tasks=statuses,
                        changes=changes, history=kept)  # each unit's earlier answers are not kept: only compared
    return dataclasses.replace(report, assessment=result, issues=IssueList(report.issues + tuple(issues)))
