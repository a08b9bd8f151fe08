"""Exceptions: only for what stops a run. Bad data becomes an Issue instead.

::

    GovtasksError(Exception)
    ├── WorkbookError(GovtasksError, OSError)     cannot open or save a file
    │   ├── UnsupportedFileError(WorkbookError)   a file type govtasks does not read
    │   └── SheetNotFoundError(WorkbookError, KeyError)
    ├── LayoutError(GovtasksError, ValueError)    no recognisable header / no tasks
    ├── TemplateError(GovtasksError)              a broken form template
    └── IssuesFoundError(GovtasksError)           strict=True and the data has errors

Every message is Chinese and starts with the place (file, sheet) it concerns.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from govtasks.issues import IssueList


class GovtasksError(Exception):
    """Base class of every govtasks exception."""

    def __init__(self, message: str, *, file: str = "", sheet: str = "", cell: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.sheet = sheet
        self.cell = cell

    def __str__(self) -> str:
        return self.message


class WorkbookError(GovtasksError, OSError):
    """A file cannot be opened, read or saved (missing, corrupt, encrypted, locked)."""

    __str__ = GovtasksError.__str__


class UnsupportedFileError(WorkbookError):
    """The file type is not one govtasks reads."""


class SheetNotFoundError(WorkbookError, KeyError):
    """The named sheet is not in the workbook."""

    __str__ = GovtasksError.__str__


class LayoutError(GovtasksError, ValueError):
    """The file is readable but holds no recognisable task table or task text."""


class TemplateError(GovtasksError):
    """A form template is broken (syntax error, unknown variable, no table region)."""


class IssuesFoundError(GovtasksError):
    """Raised by ``strict=True`` readers when the data has ERROR issues."""

    def __init__(self, message: str, *, issues: IssueList) -> None:
        super().__init__(message)
        self.issues = issues
