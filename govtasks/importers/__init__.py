"""Importers: real documents in the layouts they come in → one Breakdown.

One module per layout family; :func:`import_breakdown` picks one by file type
and content and records which one it used in ``Breakdown.source``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from .._types import PathLike
from ..errors import UnsupportedFileError
from ..model import Breakdown, RosterUnit
from ..xlsx import GRID_EXTENSIONS, read_workbook
from ._draft import LeadRule

LAYOUTS = ("standard", "table")
"""Layout names accepted by ``layout=`` (and ``--layout``)."""


def import_breakdown(
    path: PathLike,
    *,
    roster: PathLike | Sequence[RosterUnit] | None = None,
    lead: LeadRule = "auto",
    layout: str | None = None,
) -> Breakdown:
    """Import a task breakdown from a real document.

    Args:
        path: .xlsx/.xlsm/.xls/.ods/.csv — the standard workbook or a table as
            published (title rows, two-row headers, merged cells, section rows).
        roster: a roster workbook (or RosterUnit objects): resolves aliases and
            expands groups such as 各镇政府.
        lead: ``"auto"`` (labelled columns; "*" marks; a lone 责任单位 column
            holds the leads) or ``"first"`` (first listed unit is the lead).
        layout: force ``"standard"`` or ``"table"`` instead of detecting it.

    Raises:
        WorkbookError: the file cannot be read.
        LayoutError: no task table was found.

    Example:
        >>> bd = import_breakdown("芜湖市2024年度市政府重点工作任务分解.xlsx")  # doctest: +SKIP
        >>> len(bd.tasks)                                                      # doctest: +SKIP
        220
    """
    from ..breakdown import is_standard, read_roster
    from .table import breakdown_from_sheets

    p = Path(path)
    if p.suffix.lower() not in GRID_EXTENSIONS:
        msg = f"{p.name}: 不支持的文件类型“{p.suffix or '无扩展名'}”；可导入 {'、'.join(GRID_EXTENSIONS)}"
        raise UnsupportedFileError(msg, file=p.name)
    units = read_roster(roster) if isinstance(roster, (str, Path)) else tuple(roster or ())
    wb = read_workbook(p)
    chosen = layout or ("standard" if is_standard(wb.sheets) else "table")
    if chosen == "standard":
        from ..breakdown import read_breakdown

        return read_breakdown(p)
    return breakdown_from_sheets(wb.name, wb.sheets, roster=units, lead=lead)
