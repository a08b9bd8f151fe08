"""The 催报 notice: a text for the units that have not returned (Jinja2, templates/notice.txt.j2)."""

from __future__ import annotations

import datetime as dt
import os
from collections import defaultdict
from pathlib import Path

import jinja2

from govtasks import issues as codes
from govtasks.breakdown.units import is_group
from govtasks.errors import TemplateError
from govtasks.forms.template import default_dir
from govtasks.model import Breakdown
from govtasks.periods import Period
from govtasks.returns.model import Returns
from govtasks.returns.status import return_status

NOTICE_TEMPLATE = "notice.txt.j2"


def chase_notice(breakdown: Breakdown, returns: Returns, *, template: str | os.PathLike[str] | None = None,
                 office: str = "", deadline: str = "", contact: str = "", today: dt.date | None = None) -> str:
    """The 催报 notice for the units that have not returned (Jinja2 text template, templates/notice.txt.j2).

    Variables: ``period`` (Period), ``title``, ``issuer``, ``office``, ``deadline`` (new time limit),
    ``due`` (original time limit, ""), ``contact``, ``today`` (date), ``total``, ``returned``,
    ``missing`` (unit, lead, coop: the units that have not returned), ``groups`` (group names
    such as 各镇政府 that name no single unit: name, lead, coop; chased through their members),
    ``incomplete`` (unit, tasks: each with number, text, short — the 序号 and task text units see).

    Raises:
        TemplateError: the template cannot be read or rendered.
    """
    if not returns.period:
        raise ValueError("chase_notice needs the period: read the returns with period=")
    units = return_status(breakdown, returns)
    tasks = {t.id: t for t in breakdown.tasks}
    empty: dict[str, list[dict[str, str]]] = defaultdict(list)
    for issue in returns.issues:
        if issue.code in (codes.EMPTY_ANSWER, codes.MISSING_ROW) and issue.unit and issue.task_id in tasks:
            task = tasks[issue.task_id]
            short = task.text if len(task.text) <= 30 else task.text[:30] + "…"
            empty[issue.unit].append({"number": task.number, "text": task.text, "short": short})
    waiting = [u for u in units if not u.returned]
    context = {
        "period": Period.parse(returns.period), "title": breakdown.title,
        "issuer": breakdown.issuer, "office": office, "deadline": deadline, "due": "", "contact": contact,
        "today": today or dt.date.today(), "total": sum(not is_group(u.unit) for u in units),
        "returned": sum(u.returned for u in units),
        "missing": [{"unit": u.unit, "lead": u.lead_tasks, "coop": u.coop_tasks} for u in waiting if not is_group(u.unit)],
        "groups": [{"name": u.unit, "lead": u.lead_tasks, "coop": u.coop_tasks} for u in waiting if is_group(u.unit)],
        "incomplete": [{"unit": u, "tasks": found} for u, found in empty.items()],
    }
    return _render(Path(template) if template else default_dir() / NOTICE_TEMPLATE, context)


def _render(path: Path, context: dict[str, object]) -> str:
    try:
        env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=True,
                                 trim_blocks=True, lstrip_blocks=True)
        return env.from_string(path.read_text(encoding="utf-8")).render(**context)
    except OSError as exc:
        raise TemplateError(f"{path.name}: 无法读取催报通知模板（{exc.strerror or exc}）", file=path.name) from exc
    except jinja2.TemplateError as exc:
        line = getattr(exc, "lineno", None)
        where = f"第{line}行: " if line else ""
        raise TemplateError(f"{path.name}: {where}催报通知模板有误（{exc}）", file=path.name) from exc
