"""govtasks: the key-work supervision cycle (重点工作督查), offline.

Read or import a task breakdown, write it as the standard workbook, and work
with it as pandas DataFrames::

    import govtasks as gt
    bd = gt.import_breakdown("芜湖市2024年度市政府重点工作任务分解.xlsx")
    gt.write_breakdown(bd, "任务分解_标准.xlsx")
    bd.to_frame()
"""

from __future__ import annotations

from .breakdown import read_breakdown, read_roster, write_breakdown
from .deadlines import parse_deadline
from .errors import (GovtasksError, IssuesFoundError, LayoutError, SheetNotFoundError, TemplateError,
                     UnsupportedFileError, WorkbookError)
from .importers import import_breakdown
from .issues import Issue, IssueList, Severity
from .model import Breakdown, CellRef, Deadline, DeadlineKind, RosterUnit, Task
from .periods import Period
from .units import split_units

__version__ = "0.1.0"

__all__ = [
    "Breakdown",
    "CellRef",
    "Deadline",
    "DeadlineKind",
    "GovtasksError",
    "Issue",
    "IssueList",
    "IssuesFoundError",
    "LayoutError",
    "Period",
    "RosterUnit",
    "Severity",
    "SheetNotFoundError",
    "Task",
    "TemplateError",
    "UnsupportedFileError",
    "WorkbookError",
    "__version__",
    "import_breakdown",
    "parse_deadline",
    "read_breakdown",
    "read_roster",
    "split_units",
    "write_breakdown",
]
