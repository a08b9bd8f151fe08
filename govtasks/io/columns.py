"""Read a few labelled columns of a few sheets of a big workbook (an earlier report), fast.

:func:`govtasks.io.workbook.read_workbook` turns every cell of every sheet into text; an
earlier 汇总表 has tens of thousands of rows of long text in sheets that history does not
need (问题清单, 统计 …). Here only the named sheets are parsed, and only the labelled columns
of the rows below their header become text.
"""

from __future__ import annotations

from operator import itemgetter
from pathlib import Path
from typing import Any, Mapping, Sequence

import python_calamine as pc

from govtasks.errors import WorkbookError
from govtasks.io.workbook import cell_text, check_extension

_TEXT = {str}
Columns = list[tuple[str, ...]]
Found = tuple[list[str], Columns]
"""The first cell of each row above the header (title, note), and the rows of the labelled columns."""


def read_columns(path: Path, wanted: Mapping[str, Sequence[str]], *, display_name: str | None = None,
                 first: Sequence[str] = ()) -> tuple[dict[str, Found], list[str]]:
    """({sheet: (lines above the header, rows of the labelled columns in the labels' order)}, every sheet name).

    Args:
        path: the workbook.
        wanted: sheet name → the header labels to read; a sheet that is missing, or whose first
            10 rows have no row with all the labels, is left out.
        display_name: the name for messages.
        first: labels for the first sheet (under the key ``""``), whatever its name.

    Raises:
        WorkbookError: the file cannot be opened or is damaged.
    """
    name = display_name or path.name
    check_extension(path, name)
    try:
        book = pc.CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises several unrelated types for bad files
        raise WorkbookError(f"{name}: 无法读取（{exc}）；请确认是 Excel 工作簿", file=name) from exc
    out: dict[str, Found] = {}
    try:
        names = list(book.sheet_names)
        jobs = dict(wanted)
        if first and names:
            jobs[""] = first
        for sheet, labels in jobs.items():
            title = names[0] if sheet == "" and names else sheet
            if title in names:
                found = _labelled(book.get_sheet_by_name(title).to_python(skip_empty_area=False), labels)
                if found is not None:
                    out[sheet] = found
    except Exception as exc:
        raise WorkbookError(f"{name}: 文件内容已损坏，无法读取（{exc}）", file=name) from exc
    finally:
        book.close()
    return out, names


def _labelled(rows: Sequence[Sequence[Any]], labels: Sequence[str]) -> Found | None:
    for r, row in enumerate(rows[:10]):
        cells = [cell_text(c).strip() for c in row]
        if all(label in cells for label in labels):
            cols = [cells.index(label) for label in labels]
            width = max(cols) + 1
            body = [line for line in rows[r + 1:] if len(line) >= width]
            columns = []
            for c in cols:  # column by column, in C-level passes; calamine gives text as str, kept as it is
                values = list(map(itemgetter(c), body))
                columns.append(values if set(map(type, values)) <= _TEXT else list(map(cell_text, values)))
            return [cell_text(line[0]) if line else "" for line in rows[:r]], list(zip(*columns))
    return None
