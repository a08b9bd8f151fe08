"""Form templates: .xlsx workbooks whose cells hold Jinja2 expressions.

A template is read with openpyxl once and compiled into a plain-data
:class:`TemplateSpec`: every cell with its XlsxWriter format index and, for
text holding ``{{ … }}`` / ``{% … %}``, a compiled renderer; column widths, row
heights, merges, validations, print setup and protection. The per-task rows
are the rows of the defined name ``tasks`` (else the rows whose cells use
``task.…``); an optional section row is the defined name ``section``.
Every variable is checked when the template is loaded, so a misspelt name
fails before any form is written, naming the template file and cell.
See docs/forms.md and templates/README.md.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import re
import warnings
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govtasks._types import PathLike
from govtasks.errors import TemplateError, WorkbookError
from govtasks.forms.sheet import CellSpec, ColumnSpec, Region, Renderer, RowSpec, SheetSpec, TemplateSpec, Where
from govtasks.forms.style import StyleReader, page_setup, protection_options, read_validations, x14_validations
from govtasks.outputs import META_SHEET

if TYPE_CHECKING:
    from jinja2 import Environment
    from openpyxl.worksheet.worksheet import Worksheet

VARIABLES: dict[str, tuple[str, ...]] = {
    "unit": ("name", "lead_count", "coop_count", "task_count"),
    "period": ("code", "label", "start", "end", "year"),
    "round": ("code", "label", "send_to", "send_by", "note"),
    "task": ("id", "index", "number", "text", "path", "section", "deadline", "lead", "coop", "role", "previous",
             "leaders", "persons", "note", "coop_feedback"),
    "section": ("title", "level", "path", "role", "last", "count"),
    "breakdown": ("title", "year", "issuer", "doc_number"),
    "generated": (),
    "today": (),
}
"""Template variables: root → attributes (documented in templates/README.md)."""

_MARK = ("{{", "{%", "{#")
_SIMPLE = re.compile(r"\{\{-?\s*([A-Za-z_]\w*)\.([A-Za-z_]\w*)\s*-?\}\}")
_ROW_ROOTS = {"task": "tasks", "section": "section"}


def default_dir() -> Path:
    """The shipped templates: the installed package's copy, else the checkout's templates/."""
    try:
        shipped = importlib.resources.files("govtasks") / "templates"
        if shipped.is_dir():
            return Path(str(shipped))
    except (ModuleNotFoundError, TypeError):  # pragma: no cover - unusual import systems
        pass
    return Path(__file__).resolve().parents[2] / "templates"


def default_template(*, previous: bool = False, round: str | None = None) -> Path:
    """The default form template: with a 上期进展 column when ``previous``, and in the lead round
    (``round="lead"``) with a read-only 配合单位反馈 column."""
    lead = "_lead" if round == "lead" else ""
    return default_dir() / f"form{lead}{'_previous' if previous else ''}.xlsx"


def check_template(path: PathLike) -> set[str]:
    """The variables a form template uses, e.g. ``{"unit.name", "task.text"}``.

    Loads and compiles the template, so every problem a form run would meet
    is raised here first.

    Raises:
        TemplateError: syntax error, unknown variable or misplaced variable
            (``.file`` and ``.cell`` say where), or no task row.
        WorkbookError: the file is missing or not an .xlsx workbook.

    Example:
        >>> sorted(check_template("templates/form.xlsx"))[:3]  # doctest: +SKIP
        ['period.end', 'period.label', 'section.count']
    """
    return set(load_template(path).variables)


def load_template(path: PathLike) -> TemplateSpec:
    """Read and compile a template (cached while the file is unchanged)."""
    p = Path(path).resolve()
    try:
        stat = p.stat()
    except OSError as exc:
        raise WorkbookError(f"{p.name}: 模板文件不存在或无法读取", file=p.name) from exc
    return _load_cached(str(p), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=8)
def _load_cached(path: str, mtime: int, size: int) -> TemplateSpec:
    import openpyxl

    p = Path(path)
    if p.suffix.lower() not in (".xlsx", ".xlsm"):
        raise WorkbookError(f"{p.name}: 模板须为 .xlsx 文件（请在 Excel/WPS 中另存为 .xlsx）", file=p.name)
    try:
        with warnings.catch_warnings():  # x14 validations: openpyxl drops them, x14_validations reads them
            warnings.filterwarnings("ignore", "Data Validation extension", UserWarning)
            wb = openpyxl.load_workbook(p, rich_text=False)
    except Exception as exc:  # openpyxl raises many unrelated types for bad files
        raise WorkbookError(f"{p.name}: 无法作为 .xlsx 模板打开（{exc}）", file=p.name) from exc
    try:
        return _compile_workbook(wb, p)
    finally:
        wb.close()


def _compile_workbook(wb: Any, p: Path) -> TemplateSpec:
    region_sheet, region = _find_region(wb, p.name)
    env = _environment()
    reader = StyleReader(wb)
    extra = x14_validations(str(p), wb.sheetnames)
    sheets = tuple(_compile_sheet(ws, reader, env, p.name, region if ws.title == region_sheet else None,
                                  extra.get(ws.title, []))
                   for ws in wb.worksheets if ws.title != META_SHEET)
    form = next(s for s in sheets if s.region is not None)
    id_col = _id_column(form, p.name)
    sheets = tuple(_protect_id(s, id_col, reader.styles) if s is form else s for s in sheets)
    styles = tuple(reader.styles)
    variables = frozenset(n for s in sheets for r in s.rows for c in r.cells for n in c.names) | frozenset(
        n for s in sheets for c in s.page_texts if c is not None for n in c.names)
    version = f"{p.name}@{hashlib.sha256(p.read_bytes()).hexdigest()[:12]}"
    return TemplateSpec(file=p.name, version=version, sheets=sheets, styles=styles,
                        names=_other_names(wb), id_col=id_col, variables=variables)


def _environment() -> Environment:
    from jinja2 import Environment, StrictUndefined

    return Environment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True)


# --- the repeated rows ----------------------------------------------------------------

def _named_rows(wb: Any, name: str) -> tuple[str, tuple[int, int]] | None:
    """(sheet, (first row, last row)) of a defined name, global or sheet-scoped."""
    found = wb.defined_names.get(name)
    for ws in wb.worksheets:
        found = found or ws.defined_names.get(name)
    if found is None:
        return None
    from openpyxl.utils.cell import range_boundaries

    for sheet, ref in found.destinations:
        _, r0, _, r1 = range_boundaries(ref.replace("$", ""))
        if r0 is not None and r1 is not None:
            return sheet, (r0 - 1, r1 - 1)
    return None


def _marked_rows(wb: Any, root: str, skip: tuple[str, tuple[int, int]] | None = None) -> tuple[str, tuple[int, int]] | None:
    """Fallback without a defined name: the rows whose text cells use ``root.…`` (outside ``skip``)."""
    pattern = re.compile(r"\{[{%][^}]*\b" + root + r"\s*\.")
    for ws in wb.worksheets:
        rows = sorted({c.row - 1 for row in ws.iter_rows() for c in row
                       if isinstance(c.value, str) and pattern.search(c.value)
                       and not (skip and skip[0] == ws.title and skip[1][0] <= c.row - 1 <= skip[1][1])})
        if rows:
            return ws.title, (rows[0], rows[-1])
    return None


def _find_region(wb: Any, file: str) -> tuple[str, Region]:
    tasks = _named_rows(wb, "tasks") or _marked_rows(wb, "task")
    if tasks is None:
        raise TemplateError(f"{file}: 模板没有任务行：请把任务行定义为名称“tasks”（公式→定义名称），"
                            f"或在任务行的单元格中使用 {{{{ task.text }}}} 等变量", file=file)
    sheet, task_rows = tasks
    section = _named_rows(wb, "section") or _marked_rows(wb, "section", tasks)
    if section is None:
        return sheet, Region(task_rows)
    if section[0] != sheet:
        raise TemplateError(f"{file}: 名称“section”与“tasks”须在同一工作表", file=file, sheet=section[0])
    rows = section[1]
    if not (rows[1] + 1 == task_rows[0] or task_rows[1] + 1 == rows[0]):
        raise TemplateError(f"{file}!{sheet}: 标题行（section，第{rows[0] + 1}行）须紧挨任务行（tasks，第"
                            f"{task_rows[0] + 1}行）", file=file, sheet=sheet)
    return sheet, Region(task_rows, rows)


def _row_kind(region: Region | None, row: int) -> str:
    """"tasks", "section" or "" (a static row) for a template row."""
    if region is None:
        return ""
    if region.task[0] <= row <= region.task[1]:
        return "tasks"
    if region.section and region.section[0] <= row <= region.section[1]:
        return "section"
    return ""


def _id_column(form: SheetSpec, file: str) -> int:
    assert form.region is not None
    for row in form.rows:
        if _row_kind(form.region, row.row) == "tasks":
            for cell in row.cells:
                if cell.names == {"task.id"} and _SIMPLE.fullmatch(str(cell.value).strip()):
                    return cell.col
    raise TemplateError(f"{file}!{form.name}: 任务行须有一个只含 {{{{ task.id }}}} 的单元格（任务编号列，"
                        f"生成时自动隐藏并锁定，用于回收时识别任务）", file=file, sheet=form.name)


def _protect_id(sheet: SheetSpec, col: int, styles: list[dict[str, Any]]) -> SheetSpec:
    """The ID column is always hidden, and its task cells locked, whatever the template says."""
    region = sheet.region
    assert region is not None
    rows = []
    for row in sheet.rows:
        cells = list(row.cells)
        for i, cell in enumerate(cells):
            if cell.col == col and _row_kind(region, row.row) == "tasks" and cell.style >= 0 \
                    and styles[cell.style].get("locked") is False:
                styles.append({k: v for k, v in styles[cell.style].items() if k != "locked"})
                cells[i] = replace(cell, style=len(styles) - 1)
        rows.append(replace(row, cells=tuple(cells)))
    columns = [c for c in sheet.columns if not c.first <= col <= c.last]
    for c in sheet.columns:
        if c.first <= col <= c.last:
            columns += [replace(c, last=col - 1)] if c.first < col else []
            columns += [replace(c, first=col + 1)] if c.last > col else []
            columns.append(replace(c, first=col, last=col, hidden=True))
            break
    else:
        columns.append(ColumnSpec(col, col, None, True, -1))
    return replace(sheet, rows=tuple(rows), columns=tuple(sorted(columns, key=lambda c: c.first)))


def _other_names(wb: Any) -> tuple[tuple[str, str], ...]:
    out = [(name, "=" + dn.attr_text) for name, dn in wb.defined_names.items()
           if name not in ("tasks", "section") and not name.startswith("_xlnm") and dn.attr_text]
    for ws in wb.worksheets:
        out += [(f"'{ws.title}'!{name}", "=" + dn.attr_text) for name, dn in ws.defined_names.items()
                if name not in ("tasks", "section") and not name.startswith("_xlnm") and dn.attr_text]
    return tuple(out)


# --- cells ---------------------------------------------------------------------------------

def _compile_sheet(ws: Worksheet, reader: StyleReader, env: Environment, file: str, region: Region | None,
                   extra: list[Any]) -> SheetSpec:
    columns = _columns(ws, reader)
    merges = tuple((m.min_row - 1, m.min_col - 1, m.max_row - 1, m.max_col - 1) for m in ws.merged_cells.ranges)
    fmt = ws.sheet_format
    default_height = float(fmt.defaultRowHeight) if fmt.customHeight and fmt.defaultRowHeight else None
    setup = page_setup(ws)
    texts = tuple(_page_text(text, env, (file, ws.title, where)) for text, where in ((setup.header, "页眉"),
                                                                                    (setup.footer, "页脚")))
    sheet = SheetSpec(ws.title, ws.sheet_state, columns, (), merges, tuple(read_validations(ws, extra)),
                      setup, protection_options(ws), default_height, region, texts)  # type: ignore[arg-type]
    _check_merges(sheet, file)
    rows = _rows(ws, sheet, reader, env, file)
    styles = {(r.row, c.col): c.style for r in rows for c in r.cells}
    return replace(sheet, rows=rows, merge_styles=tuple(styles.get((m[0], m[1]), -1) for m in merges))


def _check_merges(sheet: SheetSpec, file: str) -> None:
    """A merged range lies above, below or inside one block of the repeated rows, never across."""
    region = sheet.region
    if region is None:
        return
    blocks = [region.task] + ([region.section] if region.section else [])
    for r0, c0, r1, c1 in sheet.merges:
        if r1 < region.first or r0 > region.last or any(b0 <= r0 and r1 <= b1 for b0, b1 in blocks):
            continue
        from openpyxl.utils.cell import get_column_letter

        ref = f"{get_column_letter(c0 + 1)}{r0 + 1}:{get_column_letter(c1 + 1)}{r1 + 1}"
        raise TemplateError(f"{file}!{sheet.name}!{ref}: 合并单元格跨越了重复的任务行（或标题行）的边界，请只在行内合并",
                            file=file, sheet=sheet.name, cell=ref)


def _page_text(text: str, env: Environment, where: Where) -> CellSpec | None:
    if not any(m in text for m in _MARK):
        return None
    render, names = compile_text(env, text, where, "")
    return CellSpec(0, text, -1, where[2], render, names)


def _columns(ws: Worksheet, reader: StyleReader) -> tuple[ColumnSpec, ...]:
    from openpyxl.utils.cell import column_index_from_string

    out = []
    for key, cd in ws.column_dimensions.items():
        first = (cd.min or column_index_from_string(key)) - 1
        last = (cd.max or first + 1) - 1
        stored = cd.width if cd.customWidth else None
        # Stored widths include cell padding; XlsxWriter adds it again.
        width = None if stored is None else (stored * 7 - 5) / 7 if stored * 7 > 12 else stored * 7 / 12
        out.append(ColumnSpec(first, last, width, bool(cd.hidden), reader.index(cd)))
    return tuple(sorted(out, key=lambda c: c.first))


def _rows(ws: Worksheet, sheet: SheetSpec, reader: StyleReader, env: Environment, file: str) -> tuple[RowSpec, ...]:
    from openpyxl.cell.cell import MergedCell

    col_style = {c: spec.style for spec in sheet.columns for c in range(spec.first, spec.last + 1)}
    cells: dict[int, list[CellSpec]] = {}
    for row in ws.iter_rows():
        for c in row:
            if isinstance(c, MergedCell):
                continue
            style = reader.index(c) if c.has_style else -1
            if c.value is None and style == col_style.get(c.column - 1, -1):
                continue  # the column's format covers it
            kind = _row_kind(sheet.region, c.row - 1)
            cells.setdefault(c.row - 1, []).append(_cell(c, style, env, (file, ws.title, c.coordinate), kind))
    dims = {r - 1: d for r, d in ws.row_dimensions.items() if d.height is not None or d.hidden}
    region_rows = range(sheet.region.first, sheet.region.last + 1) if sheet.region else range(0)
    out = []
    for r in sorted(set(cells) | set(dims) | set(region_rows)):
        d = dims.get(r)
        height = float(d.height) if d is not None and d.height is not None else None
        row_cells = tuple(cells.get(r, ()))
        out.append(RowSpec(r, row_cells, height, bool(d is not None and d.hidden),
                           _fits(sheet, row_cells, r, reader)))
    return tuple(out)


def _fits(sheet: SheetSpec, cells: tuple[CellSpec, ...], row: int, reader: StyleReader) -> tuple[tuple[int, float, float], ...]:
    """The wrapped text cells of a row, with their (merged) width and font size."""
    out = []
    for i, cell in enumerate(cells):
        if cell.style < 0 or not reader.wraps[cell.style] or not isinstance(cell.value, str):
            continue
        spans = [(r1, c1) for r0, c0, r1, c1 in sheet.merges if r0 == row and c0 == cell.col]
        if spans and spans[0][0] > row:
            continue  # a cell merged down over several rows: its text is shared by them
        last = spans[0][1] if spans else cell.col
        width = sum(sheet.width(c) for c in range(cell.col, last + 1))
        if width > 0:  # text in a hidden column needs no room
            out.append((i, width, reader.font_sizes[cell.style]))
    return tuple(out)


def _cell(c: Any, style: int, env: Environment, where: Where, kind: str) -> CellSpec:
    value, ref = c.value, c.coordinate
    if c.data_type == "f":
        return CellSpec(c.column - 1, str(getattr(value, "text", value)), style, ref, formula=True)
    if not isinstance(value, str) or not any(m in value for m in _MARK):
        return CellSpec(c.column - 1, value, style, ref)
    render, names = compile_text(env, value, where, kind)
    return CellSpec(c.column - 1, value, style, ref, render, names)


def compile_text(env: Environment, text: str, where: Where, kind: str) -> tuple[Renderer, frozenset[str]]:
    """Compile one cell's text; check its variables against VARIABLES and the row kind."""
    from jinja2 import TemplateSyntaxError

    try:
        ast = env.parse(text)
    except TemplateSyntaxError as exc:
        raise _error(where, f"模板语法错误（第{exc.lineno}行：{exc.message}）") from exc
    names = _names(ast)
    for name in sorted(names):
        _check_name(name, where, kind)
    simple = _SIMPLE.fullmatch(text.strip()) if text == text.strip() else None
    if simple:
        root, attr = simple.groups()
        return (lambda ctx: str(ctx[root][attr])), names
    return env.from_string(ast).render, names


def _names(ast: Any) -> frozenset[str]:
    from jinja2 import meta, nodes

    roots = meta.find_undeclared_variables(ast)
    dotted = set()
    for node in ast.find_all((nodes.Getattr, nodes.Getitem)):
        base = node.node
        if isinstance(base, nodes.Name) and base.name in roots:
            attr = node.attr if isinstance(node, nodes.Getattr) else getattr(node.arg, "value", None)
            if isinstance(attr, str):
                dotted.add(f"{base.name}.{attr}")
    used = {d.split(".")[0] for d in dotted}
    return frozenset(dotted | (roots - used))


def _check_name(name: str, where: Where, kind: str) -> None:
    root, _, attr = name.partition(".")
    if root not in VARIABLES:
        known = "、".join(VARIABLES)
        raise _error(where, f"未知变量 {name}（可用的变量：{known}；见 templates/README.md）")
    if attr and attr not in VARIABLES[root]:
        known = "、".join(f"{root}.{a}" for a in VARIABLES[root])
        raise _error(where, f"未知变量 {name}（{root} 可用：{known}）")
    row = _ROW_ROOTS.get(root)
    if row and row != kind:
        what = "任务行（名称 tasks 所指的行）" if row == "tasks" else "标题行（名称 section 所指的行）"
        raise _error(where, f"变量 {name} 只能用在{what}")


def _error(where: Where, message: str) -> TemplateError:
    file, sheet, cell = where
    return TemplateError(f"{file}!{sheet}!{cell}: {message}", file=file, sheet=sheet, cell=cell)
