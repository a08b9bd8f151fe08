"""govtasks: the key-work supervision cycle (重点工作督查), offline.

Read or import a task breakdown, write it as the standard workbook, and work
with it as pandas DataFrames::

    import govtasks as gt
    bd = gt.import_breakdown("芜湖市2024年度市政府重点工作任务分解.xlsx")
    gt.write_breakdown(bd, "任务分解_标准.xlsx")
    bd.to_frame()
    gt.write_forms(bd, "out/forms", period="2024Q2")   # one progress form per unit
    rets = gt.read_returns("in/returns/", bd, period="2024Q2")
    gt.write_report(gt.merge(bd, rets), "汇总表.xlsx")

In two rounds (cooperating units report to the lead unit, the lead unit to the office)::

    gt.write_forms(bd, "round1", period="2021H1", round="coop", send_by="6月15日")
    coop = gt.read_returns("received_by_leads/", bd, period="2021H1", round="coop")
    gt.write_forms(bd, "round2", period="2021H1", round="lead", feedback=coop, send_by="6月25日")
    gt.write_report(gt.merge(bd, gt.read_returns("office/", bd, period="2021H1")), "汇总表.xlsx")

    report = gt.merge(bd, rets, previous=gt.read_history("2024Q1汇总表.xlsx"))
    gt.write_report(report, "汇总表.xlsx")              # with 统计, 亮灯情况, 历次进展
    report.stats_frame()                                 # counts per section and unit
    gt.write_bulletin(report, "通报.docx")               # the quarter's 通报 (Word)
"""

from __future__ import annotations

from govtasks.breakdown.deadlines import parse_deadline
from govtasks.breakdown.importer import import_breakdown
from govtasks.breakdown.standard import read_breakdown, read_roster, write_breakdown
from govtasks.breakdown.units import split_units
from govtasks.errors import (
    GovtasksError,
    IssuesFoundError,
    LayoutError,
    SheetNotFoundError,
    TemplateError,
    UnsupportedFileError,
    WorkbookError,
)
from govtasks.forms.rounds import Feedback
from govtasks.forms.template import check_template
from govtasks.forms.write import write_forms
from govtasks.issues import Issue, IssueList, Severity
from govtasks.model import Breakdown, CellRef, Deadline, DeadlineKind, RosterUnit, Task
from govtasks.periods import Period
from govtasks.report.assess import Assessment
from govtasks.report.bulletin import write_bulletin
from govtasks.report.history import History, read_history
from govtasks.report.merge import merge
from govtasks.report.model import Report, ReportRow
from govtasks.report.rules import StatusRules, read_rules
from govtasks.report.status import TaskStatus, UnitStatus
from govtasks.report.write import write_report
from govtasks.returns.model import OtherVersion, Progress, ReturnFile, Returns, UnitReturn
from govtasks.returns.read import read_returns

__version__ = "0.1.0"

__all__ = [
    "Assessment",
    "Breakdown",
    "CellRef",
    "Deadline",
    "DeadlineKind",
    "Feedback",
    "GovtasksError",
    "History",
    "Issue",
    "IssueList",
    "IssuesFoundError",
    "LayoutError",
    "OtherVersion",
    "Period",
    "Progress",
    "Report",
    "ReportRow",
    "ReturnFile",
    "Returns",
    "RosterUnit",
    "Severity",
    "SheetNotFoundError",
    "StatusRules",
    "Task",
    "TaskStatus",
    "TemplateError",
    "UnitReturn",
    "UnitStatus",
    "UnsupportedFileError",
    "WorkbookError",
    "__version__",
    "check_template",
    "import_breakdown",
    "merge",
    "parse_deadline",
    "read_breakdown",
    "read_history",
    "read_returns",
    "read_roster",
    "read_rules",
    "split_units",
    "write_breakdown",
    "write_bulletin",
    "write_forms",
    "write_report",
]
