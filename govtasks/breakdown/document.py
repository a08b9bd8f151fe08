"""Shared by the document importers (web pages, Word files): load bytes, choose tables or text.

A document's task tables go through the table importer; a document without one
goes to the text importer. The text above a table supplies its title.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Callable, Mapping, Sequence

from govtasks._types import PathLike
from govtasks.breakdown.draft import LeadRule
from govtasks.breakdown.labels import find_header
from govtasks.errors import LayoutError
from govtasks.io.workbook import Sheet, read_bytes
from govtasks.model import Breakdown, RosterUnit

TextImporter = Callable[[str, str], Breakdown]
"""A text-layout importer: ``(text, file name) -> Breakdown``."""

_TITLE_WORDS = re.compile(r"任务|工作|分解|清单|台账|方案|安排|责任")


def load_bytes(path: PathLike) -> tuple[bytes, str]:
    """The bytes of a source document and its file name; read errors → WorkbookError."""
    return read_bytes(path), Path(path).name


def breakdown_from_document(
    file: str, sheets: Sequence[Sheet], text: str, *, context: Mapping[str, Sequence[str]], kind: str,
    roster: PathLike | Sequence[RosterUnit] | None, lead: LeadRule, text_importer: TextImporter | None,
    columns: Mapping[str, int] | None = None,
) -> Breakdown:
    """Tables with a task header → the table importer; otherwise the text → ``text_importer``.

    ``context`` maps a sheet name to the document text before that table (for
    the title); ``kind`` names the document type in the error message.
    """
    from govtasks.breakdown.standard import read_roster
    from govtasks.breakdown.table import breakdown_from_sheets

    tables = [s for s in sheets if find_header(s.rows, s.merges) is not None]
    if tables:
        units = read_roster(roster) if isinstance(roster, (str, os.PathLike)) else tuple(roster or ())
        title = title_before(context.get(tables[0].name, ()))
        return breakdown_from_sheets(file, tables, roster=units, lead=lead, title_hint=title, columns=columns)
    if text_importer is not None and text.strip():
        return text_importer(text, file)
    msg = f"{file}: {kind}中没有任务表格，也没有可识别的任务文本"
    raise LayoutError(msg, file=file)


def title_before(lines: Sequence[str]) -> str:
    """The table's title among the short lines just above it (a subtitle in brackets is skipped)."""
    for line in reversed([ln.strip() for ln in lines if ln.strip()]):
        if len(line) > 60 or line.startswith("附件"):
            break
        if not line.startswith(("(", "（")) and _TITLE_WORDS.search(line):
            return line
    return ""
