"""Importers: real documents in the layouts they come in → one Breakdown.

One module per layout family (``table``: grids; ``text``: notices as text;
``html`` and ``docx``: saved web pages and Word files, whose task tables go
through the table importer and whose text goes through the text importer).
:func:`import_breakdown` picks one by file type and content and records which
in ``Breakdown.layout``.
"""

from __future__ import annotations

import os
from functools import partial
from pathlib import Path
from typing import Mapping, Sequence

from govtasks import issues as codes
from govtasks._types import PathLike
from govtasks.breakdown.columns import parse_overrides
from govtasks.breakdown.draft import LeadRule
from govtasks.errors import LayoutError, UnsupportedFileError, WorkbookError
from govtasks.io.workbook import GRID_EXTENSIONS, read_workbook
from govtasks.issues import CellRef, Issue, IssueList, Severity
from govtasks.model import Breakdown, RosterUnit
from govtasks.outputs import KIND_LABELS, REPORT_MAIN_SHEET, kind_of

LAYOUTS = ("standard", "table", "text", "plan")
"""Layout names accepted by ``layout=`` (and ``--layout``)."""
LAYOUT_LABELS = {"standard": "标准任务分解表", "table": "表格", "text": "文本", "plan": "工作计划（草稿）"}
TEXT_EXTENSIONS = (".txt", ".text")
DOCUMENT_EXTENSIONS = (".html", ".htm", ".docx", ".pdf")
CONVERTED = {".doc": (".docx", "旧版 Word 文件"), ".wps": (".docx", "WPS 文字文件"), ".rtf": (".docx", "RTF 文件"),
             ".odt": (".docx", "OpenDocument 文字文件"), ".et": (".xlsx", "WPS 表格文件")}
"""Extensions read through a LibreOffice conversion (when LibreOffice is installed): → (the format
converted to, what the file is called in messages)."""
EXTENSIONS = GRID_EXTENSIONS + TEXT_EXTENSIONS + DOCUMENT_EXTENSIONS + tuple(CONVERTED)


def import_breakdown(
    path: PathLike,
    *,
    roster: PathLike | Sequence[RosterUnit] | None = None,
    lead: LeadRule = "auto",
    layout: str | None = None,
    columns: str | Mapping[str, str | int] | None = None,
) -> Breakdown:
    """Import a task breakdown from a real document.

    Args:
        path: a workbook (.xlsx/.xlsm/.xls/.ods/.csv: the standard workbook or a
            table as published), a text notice (.txt), a saved web page
            (.html/.htm), a Word file (.docx) or a PDF (.pdf); a .doc, .wps, .rtf, .odt or .et is read
            through LibreOffice's conversion to .docx / .xlsx when LibreOffice is installed.
        roster: a roster workbook (or RosterUnit objects): resolves aliases and
            expands groups such as 各镇政府.
        lead: ``"auto"`` (labelled columns or annotations; "*" marks; a lone
            责任单位 holds the leads) or ``"first"`` (first listed unit leads).
        layout: force ``"standard"``, ``"table"``, ``"text"`` or ``"plan"`` (a
            prose work plan: one draft task per commitment, no units yet).
        columns: which column of a table holds what, overriding what the importer decides
            (``bd.layout.decisions`` says what it decided): ``"任务内容=C,一级标题=B"`` or
            ``{"任务内容": "C"}``; labels as in the standard workbook, columns as letters or
            1-based numbers. Tables only (workbooks, and tables in pages, Word files and text).

    Raises:
        WorkbookError: the file cannot be read.
        LayoutError: no tasks were found (or the layout does not fit the file).
        ValueError: ``columns`` names an unknown label or column (the message says which).

    Example:
        >>> bd = import_breakdown("芜湖市2024年度市政府重点工作任务分解.xlsx")  # doctest: +SKIP
        >>> len(bd.tasks), bd.layout                                           # doctest: +SKIP
        (220, 'table')
    """
    from govtasks.breakdown.standard import read_roster

    p = Path(path)
    if p.is_dir():
        raise WorkbookError(f"{p}: 这是一个文件夹，不是任务分解文件；请给出分解表文件（.xlsx、.txt、.html、.docx 等）", file=p.name)
    suffix = p.suffix.lower()
    if layout is not None and layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {LAYOUTS}, not {layout!r}")
    overrides = parse_overrides(columns)
    units = read_roster(roster) if isinstance(roster, (str, os.PathLike)) else tuple(roster or ())
    if suffix in GRID_EXTENSIONS:
        bd = _from_grid(p, units, lead, layout, overrides)
    elif suffix in TEXT_EXTENSIONS:
        bd = _from_text(p, units, lead, layout, overrides)
    elif suffix in DOCUMENT_EXTENSIONS:
        bd = _from_document(p, units, lead, layout, overrides)
    elif suffix in CONVERTED:
        bd = _converted(p, units, lead, layout, overrides)
    else:
        msg = f"{p.name}: 不支持的文件类型“{p.suffix or '无扩展名'}”；可导入 {'、'.join(EXTENSIONS)}"
        raise UnsupportedFileError(msg, file=p.name)
    if overrides and bd.layout != "table":
        note = Issue(code=codes.COLUMNS_UNUSED, severity=Severity.WARNING, where=CellRef(file=p.name),
                     message=f"指定的列（{columns}）未使用：该文件按“{LAYOUT_LABELS.get(bd.layout, bd.layout)}”读取，"
                             f"不是表格；--columns 只适用于表格")
        bd = bd.replace(issues=IssueList((note, *bd.issues)))
    return bd


def _converted(p: Path, roster: Sequence[RosterUnit], lead: LeadRule, layout: str | None,
               columns: Mapping[str, int]) -> Breakdown:
    """A .doc / .wps / .et … read through LibreOffice's conversion to .docx / .xlsx (named as the
    original in every message); without LibreOffice, a message that says how to save it."""
    import tempfile

    from govtasks.io.libreoffice import convert_with_libreoffice, libreoffice_path

    target, kind = CONVERTED[p.suffix.lower()]
    if not p.is_file():
        raise WorkbookError(f"{p.name}: 文件不存在", file=p.name)
    if libreoffice_path() is None:
        raise UnsupportedFileError(f"{p.name}: 这是{kind}（{p.suffix}），需要安装 LibreOffice 才能读取；"
                                   f"或在 Word/WPS 中另存为 {target} 后再导入", file=p.name)
    with tempfile.TemporaryDirectory(prefix="govtasks-") as tmp:
        out = convert_with_libreoffice([p], Path(tmp), fmt=target[1:])[p]
        if out is None:
            raise WorkbookError(f"{p.name}: LibreOffice 无法转换该文件（可能已损坏或设有密码）；"
                                f"请在 Word/WPS 中打开后另存为 {target} 再导入", file=p.name)
        if target == ".xlsx":
            bd = _from_grid(out, roster, lead, layout, columns, name=p.name)
        else:
            bd = _from_document(out, roster, lead, layout, columns, name=p.name)
    note = Issue(code=codes.CONVERTED, severity=Severity.INFO, where=CellRef(file=p.name),
                 message=f"这是{kind}：已用 LibreOffice 转换为 {target} 后读取")
    return bd.replace(issues=IssueList((note, *bd.issues)))


def _refuse(p: Path, layout: str, name: str | None = None) -> LayoutError:
    shown = name or p.name
    return LayoutError(f"{shown}: 该文件不能按“{LAYOUT_LABELS[layout]}”格式读取", file=shown)


def _from_grid(p: Path, roster: Sequence[RosterUnit], lead: LeadRule, layout: str | None,
               columns: Mapping[str, int], name: str | None = None) -> Breakdown:
    from govtasks.breakdown.standard import breakdown_from_workbook, is_standard
    from govtasks.breakdown.table import breakdown_from_sheets

    if layout in ("text", "plan"):
        raise _refuse(p, layout, name)
    wb = read_workbook(p, display_name=name)
    if layout == "standard" or (layout is None and is_standard(wb.sheets)):
        return breakdown_from_workbook(wb).replace(layout="standard")  # the workbook read once
    kind = kind_of({s.name: s.rows for s in wb.sheets})
    if kind == "form":
        msg = (f"{wb.name}: 这是{KIND_LABELS[kind]}，不是任务分解表；报回的表请用 govtasks merge / status 汇总"
               f"（Python: read_returns），任务分解请给出分解表文件")
        raise LayoutError(msg, file=wb.name)
    sheets = [s for s in wb.sheets if s.name == REPORT_MAIN_SHEET] if kind == "report" else wb.sheets
    bd = breakdown_from_sheets(wb.name, sheets, roster=roster, lead=lead, columns=columns)
    if kind == "report":  # its other sheets list answers, not tasks
        note = Issue(code=codes.SHEET_SKIPPED, severity=Severity.INFO, where=CellRef(file=wb.name),
                     message=f"这是{KIND_LABELS[kind]}：只读取“{REPORT_MAIN_SHEET}”工作表的任务，其余工作表（填报情况、单位反馈等）不是任务")
        bd = bd.replace(issues=IssueList((note, *bd.issues)))
    return bd


def _from_text(p: Path, roster: Sequence[RosterUnit], lead: LeadRule, layout: str | None,
               columns: Mapping[str, int]) -> Breakdown:
    from govtasks.breakdown.text import import_text

    if layout == "standard":
        raise _refuse(p, layout)
    bd = import_text(p, roster=roster, lead=lead, plan=layout == "plan", tables=layout != "text", columns=columns)
    if layout == "table" and bd.layout != "table":
        raise _refuse(p, layout)
    return bd


def _from_document(p: Path, roster: Sequence[RosterUnit], lead: LeadRule, layout: str | None,
                   columns: Mapping[str, int], name: str | None = None) -> Breakdown:
    from govtasks.breakdown import docx, html, pdf
    from govtasks.breakdown.document import load_bytes
    from govtasks.breakdown.text import breakdown_from_text

    if layout == "standard":
        raise _refuse(p, layout, name)
    suffix = p.suffix.lower()
    if layout in ("text", "plan"):
        data, written = load_bytes(p)
        name = name or written
        text = ("\n".join(docx.read_docx(data, name)[1]) if suffix == ".docx" else
                "\n".join(pdf.read_pdf(data, name)[1]) if suffix == ".pdf" else html.read_html(data, name)[1])
        return breakdown_from_text(text, name, roster=roster, lead=lead, plan=layout == "plan", tables=False)
    text_importer = None if layout == "table" else partial(breakdown_from_text, roster=roster, lead=lead,
                                                           columns=columns)
    reader = {".docx": docx.import_docx, ".pdf": pdf.import_pdf}.get(suffix, html.import_html)
    return reader(p, roster=roster, lead=lead, text_importer=text_importer, columns=columns, display_name=name)
