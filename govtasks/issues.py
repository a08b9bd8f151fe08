"""Issues: problems in the data, collected as values, never raised; and where they are.

A :class:`CellRef` names a place as a clerk looks it up (``file!sheet!A1``, or
``file!第N行`` in a text). An :class:`Issue` has a stable English ``code`` (filter
on it, never on the message), a Chinese ``message`` written for the clerk who
must act on it, and ``where``. Part of the core: imports only :mod:`govtasks.errors`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Iterable, NamedTuple

from govtasks.errors import IssuesFoundError

if TYPE_CHECKING:
    import pandas as pd


class CellRef(NamedTuple):
    """Where something came from: ``file!sheet!A1`` as a clerk would look it up.

    Immutable and hashable, compared by value; built with keywords (``CellRef(file=…, row=…)``).
    A NamedTuple rather than a frozen dataclass: it is the most numerous object of an import and a
    merge (one per task, per answer cell), and a frozen dataclass's ``__init__`` (1.0 µs) costs
    twice a NamedTuple's (0.5 µs); copy one with ``ref._replace(column="F")``."""

    file: str
    """File name as the user knows it (not a temporary path)."""
    sheet: str = ""
    row: int = 0
    """1-based row as Excel shows it; 0 when unknown (whole file or sheet)."""
    column: str = ""
    """Column letter, e.g. ``"F"``; empty for a whole row."""

    def __str__(self) -> str:
        if self.sheet and self.row:  # the common case: file!sheet!A1
            return f"{self.file}!{self.sheet}!{self.column}{self.row}"
        parts = [self.file]
        if self.sheet:
            parts.append(self.sheet)
        if self.row and not self.sheet and not self.column:
            parts.append(f"第{self.row}行")  # a line of a text document
        elif self.row:
            parts.append(f"{self.column}{self.row}")
        return "!".join(parts)




# --- issue codes (stable; tests and notebooks filter on these) ---------------
NO_UNITS = "no-units"                      # a task with no lead and no cooperating unit
NO_LEAD = "no-lead"                        # a task with cooperating units but no lead
UNIT_GROUP = "unit-group"                  # a group name (各镇政府…) kept unexpanded
UNIT_ALIAS = "unit-alias"                  # several spellings merged into one unit
UNIT_UNKNOWN = "unit-unknown"              # a unit not in the roster
DEADLINE_UNPARSED = "deadline-unparsed"    # 完成时限 kept as written, meaning unknown
EMPTY_TEXT = "empty-text"                  # a numbered row with no task text
DUPLICATE_ID = "duplicate-id"              # two tasks with one 任务编号
MISSING_ID = "missing-id"                  # a task without 任务编号 in a standard workbook
SHEET_SKIPPED = "sheet-skipped"            # a sheet without a recognisable header
ROW_SKIPPED = "row-skipped"                # a row that is neither task nor heading (text kept here)
UNREADABLE_FILE = "unreadable-file"        # a file that could not be read at all (breakdown or return)
SECTION_COUNT = "section-count"            # "(13项)" disagrees with the tasks found
DEEP_PATH = "deep-path"                    # headings deeper than three levels: the lower ones share 三级标题
TEXT_CUT = "text-cut"                      # a text's last task stops inside a sentence (the copy may be cut)
ANNOTATION_UNUSED = "annotation-unused"    # a heading's units or progress that went to no task (kept in the message)
NO_UNITS_YET = "no-units-yet"              # draft task from a prose plan
COLUMNS_UNUSED = "columns-unused"          # --columns given for a document that was not read as a table
OUTSIDE_TABLE = "outside-table"            # a PDF's text after its first table, outside the table's borders (kept in the message)

# returned forms and the consolidated report (docs/returns.md)
MISSING_RETURN = "missing-return"          # a unit with tasks sent no return
EMPTY_ANSWER = "empty-answer"              # a task of the unit left without any answer
MISSING_ROW = "missing-row"                # a task of the unit has no row in its return (row deleted)
TASK_TEXT_EDITED = "task-text-edited"      # the unit changed the task text (or another read-only cell)
UNMATCHED_ROW = "unmatched-row"            # a row that matches no task (its text is in the message)
DUPLICATE_ROW = "duplicate-row"            # one task answered in two rows of one return (both kept)
MATCHED_BY_TEXT = "matched-by-text"        # a row matched by 序号 / task text, its ID missing or damaged
DUPLICATE_RETURN = "duplicate-return"      # two returns from one unit: the newer is used
OLDER_VERSION = "answer-from-older-version"  # a task's answer taken from an older version (the newer left it blank)
COOP_ROUND_RETURN = "coop-round-return"    # a round-one form (配合单位报牵头单位) sent to the office: merged as feedback
WRONG_PERIOD = "wrong-period"              # a return for another period
WRONG_UNIT = "wrong-unit"                  # a return on another unit's form
UNKNOWN_RETURN_UNIT = "unknown-return-unit"  # a form whose unit cannot be told
OTHER_BREAKDOWN = "other-breakdown"        # a form made from a different version of the breakdown
FOREIGN_TASK = "foreign-task"              # an answer for a task the unit has no part in (kept)
BAD_STATUS = "bad-status"                  # 完成状态 outside the vocabulary (kept as written)
MISPLACED_TEXT = "misplaced-text"          # text typed in a column that is not an answer column (kept)
FORMULA = "formula"                        # a formula cell in a return
FORMULA_TEXT = "formula-text"              # text that looks like a formula (written as text)
NOT_A_FORM = "not-a-form"                  # a file in the returns folder that is not a form (listed)
PERIOD_YEAR = "period-year"                # the period is of another year than the breakdown
CONVERTED = "converted"                    # a file read through a LibreOffice conversion

# statuses, history and weak returns (docs/status.md)
STATUS_UNKNOWN = "status-unknown"          # a 完成状态 word the rules cannot class (the text decided)
COPIED_TEXT = "copied-text"                # a unit's text the same or nearly the same as its own last period
STATUS_BACKWARDS = "status-backwards"      # a task's status fell since the previous period
YELLOW_TWICE = "yellow-twice"              # a task 黄 in this period and the previous one
TOKEN_ANSWER = "token-answer"              # an empty or token answer (已推进, 无) (hint)
NO_FIGURES = "no-figures"                  # a long answer with no number or date (hint: 缺少量化数据)
NO_PROBLEMS = "no-problems"                # a 黄/红 task whose 存在问题 is empty (hint: 只报喜不报忧)


class Severity(str, Enum):
    """How bad an issue is: ERROR needs action, WARNING deserves a look."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        """Chinese label for printing."""
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]


@dataclass(frozen=True, slots=True, kw_only=True)
class Issue:
    """One problem found in the data."""

    code: str
    """Stable English kebab-case code, e.g. ``"no-units"``."""
    severity: Severity
    message: str
    """Chinese message for the clerk, saying what is wrong and what to do."""
    where: CellRef | None = None
    """The file, sheet and cell concerned, when known."""
    unit: str | None = None
    """The unit concerned, when there is one."""
    task_id: str | None = None
    """The task concerned, when there is one."""

    def __str__(self) -> str:
        place = f"{self.where}: " if self.where is not None else ""
        return f"{place}{self.message} [{self.code}]"


class IssueList(tuple[Issue, ...]):
    """An immutable list of issues with filters and pandas interop."""

    __slots__ = ()

    def __new__(cls, items: Iterable[Issue] = ()) -> IssueList:
        return super().__new__(cls, tuple(items))

    @property
    def errors(self) -> IssueList:
        """Issues of ERROR severity."""
        return IssueList(i for i in self if i.severity is Severity.ERROR)

    @property
    def warnings(self) -> IssueList:
        """Issues of WARNING severity."""
        return IssueList(i for i in self if i.severity is Severity.WARNING)

    def by_code(self, code: str) -> IssueList:
        """Issues with the given code."""
        return IssueList(i for i in self if i.code == code)

    def codes(self) -> list[str]:
        """The codes in order, for quick assertions."""
        return [i.code for i in self]

    def __add__(self, other: tuple[Issue, ...]) -> IssueList:  # type: ignore[override]
        return IssueList(tuple(self) + tuple(other))

    def raise_if_errors(self) -> None:
        """Raise :class:`~govtasks.errors.IssuesFoundError` if any ERROR is present."""
        errors = self.errors
        if errors:
            msg = f"发现 {len(errors)} 个错误：{errors[0]}"
            raise IssuesFoundError(msg, issues=errors)

    def to_frame(self) -> pd.DataFrame:
        """One row per issue: 级别, 代码, 位置, 单位, 任务编号, 说明."""
        import pandas as pd

        rows = [(i.severity.label, i.code, str(i.where or ""), i.unit or "", i.task_id or "", i.message) for i in self]
        return pd.DataFrame(rows, columns=["级别", "代码", "位置", "单位", "任务编号", "说明"])

