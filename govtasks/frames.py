"""pandas interop: the bodies of the ``to_frame()`` methods. pandas is imported lazily."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from .layout import PROGRESS_LABEL, STANDARD_COLUMNS

if TYPE_CHECKING:
    import pandas as pd

    from .issues import Issue
    from .model import Breakdown


def breakdown_frame(bd: Breakdown) -> pd.DataFrame:
    """One row per task; units joined with 、; 截止日期 is the parsed due date."""
    import pandas as pd

    labels = dict(STANDARD_COLUMNS)
    rows = []
    for t in bd.tasks:
        path = list(t.path) + ["", "", ""]
        row = {
            labels["id"]: t.id, labels["number"]: t.number, labels["section1"]: path[0],
            labels["section2"]: path[1], labels["section3"]: path[2], labels["text"]: t.text,
            labels["deadline"]: t.deadline.text, "截止日期": t.deadline.due, labels["lead"]: "、".join(t.lead),
            labels["coop"]: "、".join(t.coop), labels["leaders"]: "、".join(t.leaders),
            labels["persons"]: "、".join(t.persons), labels["note"]: t.note, PROGRESS_LABEL: t.progress,
        }
        row.update(t.extra)
        rows.append(row)
    columns = [labels[f] for f, _ in STANDARD_COLUMNS[:7]] + ["截止日期"] + [labels[f] for f, _ in STANDARD_COLUMNS[7:]]
    columns.append(PROGRESS_LABEL)
    extras = dict.fromkeys(k for t in bd.tasks for k, _ in t.extra if k not in columns)
    return pd.DataFrame(rows, columns=columns + list(extras))


def issues_frame(issues: Iterable[Issue]) -> pd.DataFrame:
    """One row per issue."""
    import pandas as pd

    rows = [{"级别": i.severity.label, "代码": i.code, "位置": str(i.where or ""), "单位": i.unit or "",
             "任务编号": i.task_id or "", "说明": i.message} for i in issues]
    return pd.DataFrame(rows, columns=["级别", "代码", "位置", "单位", "任务编号", "说明"])


def units_frame(bd: Breakdown) -> pd.DataFrame:
    """One row per unit: how many tasks it leads and cooperates on."""
    import pandas as pd

    rows = [{"单位": u, "牵头任务数": sum(u in t.lead for t in bd.tasks),
             "配合任务数": sum(u in t.coop for t in bd.tasks)} for u in bd.units]
    return pd.DataFrame(rows, columns=["单位", "牵头任务数", "配合任务数"])
