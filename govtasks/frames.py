"""pandas interop: the bodies of the ``to_frame()`` methods. pandas is imported lazily."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from govtasks.breakdown.labels import PROGRESS_LABEL, STANDARD_COLUMNS

if TYPE_CHECKING:
    import pandas as pd

    from govtasks.issues import Issue
    from govtasks.model import Breakdown
    from govtasks.returns.model import Progress, Report, UnitReturn


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


PROGRESS_COLUMNS = ("任务编号", "单位", "职责", "完成状态", "进展情况", "存在问题", "下步计划", "备注", "其他内容",
                    "序号（表内）", "任务内容（表内）", "来源")


def _extra_text(pairs: Iterable[tuple[str, str]]) -> str:
    return "\n".join(f"{label}：{text}" for label, text in pairs)


def progress_frame(entries: Iterable[Progress]) -> pd.DataFrame:
    """One row per answer of a unit (Returns.to_frame)."""
    import pandas as pd

    rows = [dict(zip(PROGRESS_COLUMNS, (
        p.task_id, p.unit, p.role, p.status, p.progress, p.problems, p.next_steps, p.note, _extra_text(p.extra),
        p.number, p.task_text, str(p.source or "")))) for p in entries]
    return pd.DataFrame(rows, columns=list(PROGRESS_COLUMNS))


def report_frame(report: Report) -> pd.DataFrame:
    """One row per task of the report (Report.to_frame)."""
    import pandas as pd

    depth = max((len(r.path) for r in report.tasks), default=0)
    levels = [("一级标题", "二级标题", "三级标题")[i] if i < 3 else f"{i + 1}级标题" for i in range(depth)]
    columns = ["任务编号", "序号", *levels, "目标与任务", "牵头责任单位", "责任单位", "进展情况", "完成状态",
               "未报牵头单位", "来源"]
    rows = []
    for r in report.tasks:
        path = list(r.path) + [""] * depth
        rows.append(dict(zip(columns, (
            r.task_id, r.number, *path[:depth], r.text, "、".join(r.lead), "、".join(r.coop), r.progress, r.status,
            "、".join(r.missing), r.sources_text))))
    return pd.DataFrame(rows, columns=columns)


def unit_returns_frame(units: Iterable[UnitReturn]) -> pd.DataFrame:
    """One row per unit: 填报情况."""
    import pandas as pd

    columns = ["单位", "牵头任务数", "配合任务数", "是否报送", "报送文件", "报送时间", "已填报任务数", "应填报任务数", "其他文件"]
    rows = [dict(zip(columns, (u.unit, u.lead_tasks, u.coop_tasks, "已报送" if u.returned else "未报送", u.file,
                               u.time, u.answered, u.total, "、".join(u.other_files)))) for u in units]
    return pd.DataFrame(rows, columns=columns)
