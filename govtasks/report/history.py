"""Earlier periods: read earlier govtasks reports, and compare this period with the last one.

:func:`read_history` reads one or more earlier reports (or a folder of them) by their sheets:
the main sheet's hidden 任务编号 column and 进展情况 (the merged text), 牵头单位反馈 and
配合单位反馈 (单位, 任务编号, 完成状态, 进展情况: each unit's own answer) and, when the report
has it, 亮灯情况 (综合状态, 亮灯). A report's period is read from its 亮灯情况 note or its title.

:func:`compare` (pure) gives every task its 上期进展 and a 变化 mark, and the flags:
疑似照抄上期 (a unit's text at or above the rules' ``copy_threshold`` of rapidfuzz's
``fuzz.ratio`` against its own text last period), a status that went backwards, and 黄 twice.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from govtasks import issues as codes
from govtasks._types import PathsLike
from govtasks.errors import LayoutError
from govtasks.issues import Issue, Severity
from govtasks.model import Task
from govtasks.periods import Period
from govtasks.report.rules import DONE, MISSING, StatusRules
from govtasks.report.status import RANK, TaskStatus, text_status
from govtasks.returns.model import Progress

LIGHTS_SHEET = "亮灯情况"
_REPORT_EXTENSIONS = (".xlsx", ".xlsm", ".xls", ".ods")
_FEEDBACK = ("牵头单位反馈", "配合单位反馈")
_PERIOD = re.compile(r"\d{4}\s*年\s*(?:第?[一二三四1-4]\s*季度|[上下]半年|\d{1,2}\s*月份?|度)")
_CODE = re.compile(r"报告期[:：]\s*(\d{4}(?:[QqHh][1-4]|M\d{2})?)")
_WS = re.compile(r"\s+")


@dataclass(frozen=True, slots=True, kw_only=True)
class PastTask:
    """One task in an earlier report."""

    progress: str = ""
    """进展情况 as printed (the lead units' merged text)."""
    status: str = ""
    """综合状态 (from 亮灯情况, else told from the lead answers); ``""`` when unknown."""
    light: str = ""
    """亮灯 (from 亮灯情况); ``""`` when unknown or 未报送."""


@dataclass(frozen=True, slots=True, kw_only=True)
class PastPeriod:
    """What an earlier report says: per task, and per unit and task."""

    period: str
    """Period code (``2024Q1``); ``""`` when the report does not tell."""
    file: str
    title: str = ""
    tasks: dict[str, PastTask] = field(default_factory=dict)
    answers: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)
    """(unit, task ID) → (完成状态, 进展情况) as the unit wrote them."""

    @property
    def label(self) -> str:
        """The period's Chinese label, else the file name."""
        return Period.parse(self.period).label if self.period else self.file


@dataclass(frozen=True, slots=True)
class History:
    """Earlier periods, oldest first."""

    periods: tuple[PastPeriod, ...] = ()

    def before(self, period: str) -> tuple[PastPeriod, ...]:
        """The periods that ended before ``period`` (all of them when it is ``""``), oldest first."""
        if not period:
            return self.periods
        end = Period.parse(period).end
        return tuple(p for p in self.periods if not p.period or Period.parse(p.period).end < end)

    def last(self, period: str) -> PastPeriod | None:
        """The latest period before ``period``."""
        found = self.before(period)
        return found[-1] if found else None


@dataclass(frozen=True, slots=True, kw_only=True)
class TaskChange:
    """A task against the previous period: 上期进展, 变化, flags."""

    task_id: str
    previous_progress: str = ""
    previous_status: str = ""
    previous_light: str = ""
    change: str = ""
    """变化: 好转 / 倒退 / 持平 …, the light's change, 疑似照抄上期."""
    flags: tuple[str, ...] = ()
    """疑似照抄上期, 状态倒退, 连续黄灯."""


# --- reading ------------------------------------------------------------------------------------

def read_history(paths: PathsLike, *, rules: StatusRules | None = None) -> History:
    """Read earlier govtasks reports (files, folders of them, globs), oldest period first.

    In a folder, workbooks that are not govtasks reports (returned forms …) are skipped.

    Raises:
        WorkbookError: a file cannot be read.
        LayoutError: a file is not a govtasks report (no sheet with 任务编号 and 进展情况).

    Example:
        >>> history = read_history(["2024年第一季度汇总表.xlsx"])  # doctest: +SKIP
        >>> report = merge(bd, returns, previous=history)            # doctest: +SKIP
    """
    from govtasks.returns.read import collect_files

    items = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    periods = []
    for item in items:
        folder = Path(item).is_dir()
        for p, name in collect_files(item):
            if p.suffix.lower() not in _REPORT_EXTENSIONS:
                continue
            try:
                periods.append(read_report(p, display_name=name, rules=rules))
            except LayoutError:
                if not folder:
                    raise  # a file named on its own must be a report; in a folder, other workbooks are skipped
    periods.sort(key=lambda p: (Period.parse(p.period).end.isoformat() if p.period else "", p.file))
    return History(tuple(periods))


def read_report(path: Path, *, display_name: str | None = None, rules: StatusRules | None = None) -> PastPeriod:
    """One earlier report as a :class:`PastPeriod` (only the columns history needs are read)."""
    from govtasks.io.columns import read_columns

    answer = ("任务编号", "单位", "完成状态", "进展情况")
    found, _ = read_columns(path, {_FEEDBACK[0]: answer, _FEEDBACK[1]: answer, LIGHTS_SHEET: ("任务编号", "综合状态", "亮灯")},
                            display_name=display_name, first=("任务编号", "进展情况"))
    name = display_name or path.name
    if "" not in found or not any(k in found for k in (*_FEEDBACK, LIGHTS_SHEET)):
        raise LayoutError(f"{name}: 不是 govtasks 汇总表（没有“任务编号”“进展情况”列和“牵头单位反馈”工作表），不能作为往期汇总表",
                          file=name)
    head, main = found[""]
    answers = _answers(found)
    lights = {r[0].strip(): (r[1], r[2]) for r in found.get(LIGHTS_SHEET, ([], []))[1] if r[0].strip()}
    told = _told(answers, lights, rules or StatusRules())
    tasks = {}
    for tid, text in main:
        tid = tid.strip()
        if tid:
            status, light = lights.get(tid, ("", ""))
            tasks[tid] = PastTask(progress=text, status=status or told.get(tid, ""), light=light)
    title = head[0].strip() if head else ""
    note = " ".join(found.get(LIGHTS_SHEET, ([], []))[0][:2])
    return PastPeriod(period=_period(note, title), file=name, title=title, tasks=tasks, answers=answers)


def _answers(found: dict[str, tuple[list[str], list[tuple[str, ...]]]]) -> dict[tuple[str, str], tuple[str, str]]:
    out: dict[tuple[str, str], tuple[str, str]] = {}
    for name in _FEEDBACK:
        for tid, unit, status, text in found.get(name, ([], []))[1]:
            key = (unit.strip(), tid.strip())
            if not key[1]:
                continue
            if key in out:  # two rows of one unit for one task: joined, as merge joins them
                status, text = out[key][0] or status, "\n".join(x for x in (out[key][1], text) if x)
            out[key] = (status, text)
    return out


def _told(answers: dict[tuple[str, str], tuple[str, str]], lights: dict[str, tuple[str, str]],
          rules: StatusRules) -> dict[str, str]:
    """Task → status told from its answers, for a report without 亮灯情况 (worst of every answer)."""
    if lights:
        return {}
    out: dict[str, str] = {}
    for (_, tid), (status, text) in answers.items():
        cls = rules.status_of(status) if status else None
        cls = cls or (text_status(text, rules)[0] if text else None)
        if cls and (tid not in out or RANK[cls] < RANK[out[tid]]):
            out[tid] = cls
    return out


def _period(note: str, title: str) -> str:
    code = _CODE.search(note)
    if code:
        return Period.parse(code.group(1)).code
    label = _PERIOD.search(title)
    return Period.parse(_WS.sub("", label.group())).code if label else ""


# --- comparing ------------------------------------------------------------------------------------

def previous_lights(history: History | None, period: str) -> dict[str, str]:
    """Task → its light in the period before ``period``."""
    last = history.last(period) if history else None
    return {tid: t.light for tid, t in last.tasks.items() if t.light} if last else {}


def compare(tasks: Sequence[Task], statuses: Sequence[TaskStatus], answers: Sequence[Progress], *,
            history: History, period: str, rules: StatusRules) -> tuple[tuple[TaskChange, ...], list[Issue]]:
    """Each task against the previous period, and the flags as issues (every unit's answer is checked for copying)."""
    last = history.last(period)
    if last is None:
        return (), []
    copied, issues = _copied(answers, last, rules, {t.id: t for t in tasks})
    out: list[TaskChange] = []
    for task, st in zip(tasks, statuses):
        before = last.tasks.get(task.id)
        flags = ["疑似照抄上期"] if task.id in copied else []
        if before is None:
            out.append(TaskChange(task_id=task.id, change="上期无此任务", flags=tuple(flags)))
            continue
        change, worse = _mark(before, st)
        if worse:
            flags.append("状态倒退")
            issues.append(_backwards(task, st, before, last))
        if st.yellow_twice:
            flags.append("连续黄灯")
            issues.append(_twice(task, st, last))
        mark = "；".join([change, *(["疑似照抄上期"] if flags[:1] == ["疑似照抄上期"] else [])])
        out.append(TaskChange(task_id=task.id, previous_progress=before.progress, previous_status=before.status,
                              previous_light=before.light, change=mark, flags=tuple(flags)))
    return tuple(out), issues


def _mark(before: PastTask, st: TaskStatus) -> tuple[str, bool]:
    """(变化 text, whether the status went backwards)."""
    prev, now = before.status, st.status
    if not prev:
        mark, worse = f"本期{now}（上期状态不详）", False
    elif now == MISSING:
        mark, worse = "本期未报送" if prev != MISSING else "连续两期未报送", False
    elif prev == MISSING:
        mark, worse = f"本期报送（上期未报送），{now}", False
    elif RANK[now] > RANK[prev]:
        mark, worse = f"好转（{prev}→{now}）", False
    elif RANK[now] < RANK[prev]:
        mark, worse = f"倒退（{prev}→{now}）", True
    else:
        mark, worse = f"持平（{now}）", False
    if before.light and st.light and before.light != st.light:
        mark += f"；{before.light}灯→{st.light}灯"
    return mark, worse


def _backwards(task: Task, st: TaskStatus, before: PastTask, last: PastPeriod) -> Issue:
    where = next((u.source for u in st.units if u.source is not None), None)
    return Issue(code=codes.STATUS_BACKWARDS, severity=Severity.WARNING, where=where, task_id=task.id,
                 unit="、".join(task.lead) or None,
                 message=f"第{task.number or task.id}项的状态由上期（{last.label}）“{before.status}”退为本期“{st.status}”；"
                         f"请牵头单位说明原因")


def _twice(task: Task, st: TaskStatus, last: PastPeriod) -> Issue:
    where = next((u.source for u in st.units if u.source is not None), None)
    result = "，已按规则转为红灯" if st.light == "红" else ""
    return Issue(code=codes.YELLOW_TWICE, severity=Severity.WARNING, where=where, task_id=task.id,
                 unit="、".join(task.lead) or None,
                 message=f"第{task.number or task.id}项上期（{last.label}）和本期连续亮黄灯{result}；请重点督办")


def _copied(answers: Sequence[Progress], last: PastPeriod, rules: StatusRules,
            tasks: dict[str, Task]) -> tuple[set[str], list[Issue]]:
    """Tasks with a copied answer, and one issue per copied answer."""
    shortest = rules.copy_min_chars
    done = {w for w in {a[0] for a in last.answers.values()} if rules.status_of(w) == DONE}
    before = last.answers.get
    pairs = []
    for entry in answers:
        old = before((entry.unit, entry.task_id))
        # a task done last period may well say the same again
        if old is not None and len(entry.progress) >= shortest and len(old[1]) >= shortest and old[0] not in done:
            pairs.append((entry, old[1]))
    scores = similarities([_squeezed(e.progress) for e, _ in pairs], [_squeezed(o) for _, o in pairs])
    found: set[str] = set()
    issues = []
    label = last.label
    for (entry, _), score in zip(pairs, scores):
        task = tasks.get(entry.task_id)
        if score >= rules.copy_threshold and task is not None:
            found.add(entry.task_id)
            how = "完全相同" if score >= 100 else f"几乎相同（相似度{score:.0f}%）"
            issues.append(Issue(code=codes.COPIED_TEXT, severity=Severity.WARNING, where=entry.source, unit=entry.unit,
                                task_id=entry.task_id,
                                message=f"{entry.unit}第{task.number or task.id}项的进展情况与本单位上期（{label}）"
                                        f"{how}，疑似照抄上期；请核实并补报本期进展"))
    return found, issues


def _squeezed(text: str) -> str:
    """The text without white space (a re-wrapped copy is still a copy)."""
    return text if text.isprintable() and " " not in text and "\u3000" not in text else _WS.sub("", text)


def similarities(texts: Sequence[str], others: Sequence[str]) -> list[float]:
    """rapidfuzz ``fuzz.ratio`` (0–100) of each pair; equal texts are 100 without a call."""
    from rapidfuzz import fuzz
    from rapidfuzz.process import cpdist

    todo = [i for i, (a, b) in enumerate(zip(texts, others)) if a != b]
    scores = [100.0] * len(texts)
    if todo:
        found = cpdist([texts[i] for i in todo], [others[i] for i in todo], scorer=fuzz.ratio, workers=-1)
        for i, score in zip(todo, found.tolist()):
            scores[i] = float(score)
    return scores
