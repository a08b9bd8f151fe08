"""The checks a 督查室 applies to weak returns, as hints (INFO issues) in 问题清单. Pure.

They never change a text; each names the unit, the task and the cell:

* ``token-answer`` — an empty or token answer (已推进, 无, 同上 …, or a few characters);
* ``no-figures`` — a long answer with no number or date (缺少量化数据);
* ``no-problems`` — a lead unit's answer for a 黄 or 红 task whose 存在问题 is empty (只报喜不报忧).
"""

from __future__ import annotations

import re
from typing import Sequence

from govtasks import issues as codes
from govtasks.issues import Issue, Severity
from govtasks.model import Task
from govtasks.report.rules import RED, YELLOW, StatusRules
from govtasks.report.status import TaskStatus
from govtasks.returns.model import Progress

_PUNCT = re.compile(r"[\s。，,、；;：:！!？?“”\"'（）()【】\[\]…—\-/\\.·]+")
_FIGURE = re.compile(r"[0-9０-９]|[一二三四五六七八九十百千万两]+\s*(?:个|项|次|家|处|场|名|人|户|亩|件|条|座|所|批|期|元|"
                     r"万|亿|公里|平方米|吨|月|日|年|季度|天|轮|张|套|台|栋|间|份)")


def weak_returns(tasks: dict[str, Task], answers: Sequence[Progress], statuses: dict[str, TaskStatus],
                 rules: StatusRules) -> list[Issue]:
    """The hints for every answer (lead and cooperating), in the answers' order."""
    tokens = {_PUNCT.sub("", w) for w in rules.token_words}
    longest = max(map(len, tokens), default=0)
    short, long = longest + 8, rules.quantify_min_chars
    warned = {k for k, s in statuses.items() if s.light in (YELLOW, RED)}
    out: list[Issue] = []
    for entry in answers:
        text = entry.progress
        size = len(text)
        if size <= short:
            bare = _PUNCT.sub("", text)
            if bare in tokens or len(bare) <= rules.token_max_chars:
                out.append(_token(tasks, entry, bare))
        elif size >= long and _FIGURE.search(text) is None:
            out.append(_hint(codes.NO_FIGURES, tasks, entry, f"进展情况共{size}字，没有一个数字或日期（缺少量化数据）；"
                                                           "请补充完成了多少、投资多少、时间节点等具体数据"))
        if entry.task_id in warned and entry.unit in tasks[entry.task_id].lead and not entry.problems.strip():
            light = statuses[entry.task_id].light
            out.append(_hint(codes.NO_PROBLEMS, tasks, entry, f"该项亮{light}灯，但“存在问题”栏为空（只报喜不报忧）；"
                                                           "请说明滞后原因和存在的困难"))
    return [i for i in out if i.task_id is not None]


def _token(tasks: dict[str, Task], entry: Progress, bare: str) -> Issue:
    if not bare:
        what = "进展情况为空" + (f"（只选了完成状态“{entry.status}”）" if entry.status else "")
    else:
        what = f"进展情况只写了“{entry.progress.strip()}”"
    return _hint(codes.TOKEN_ANSWER, tasks, entry, f"{what}，没有实质内容；请补充本期具体做了什么、进展到哪一步")


def _hint(code: str, tasks: dict[str, Task], entry: Progress, what: str) -> Issue:
    """The hint for one answer (task_id None when the answer's task is not in the breakdown: dropped)."""
    task = tasks.get(entry.task_id)
    number = task.number if task is not None and task.number else entry.task_id
    return Issue(code=code, severity=Severity.INFO, where=entry.source, unit=entry.unit,
                 task_id=task.id if task is not None else None, message=f"{entry.unit}第{number}项：{what}")
