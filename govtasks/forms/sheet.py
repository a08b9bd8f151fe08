"""The compiled template as plain data (TemplateSpec, SheetSpec …), and writing one sheet of one form from it.

The rows above the repeated region are written as they are; the region is
written once per entry (task or section heading); the rows below move down by
the number of rows added. Merges, validations, print titles, print area,
freeze panes and autofilter follow the rows they belong to.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Callable, Mapping, Sequence

from govtasks.errors import TemplateError
from govtasks.forms.style import PageSetup, Range, Validation
from govtasks.io.textfit import lines_height, lines_needed

if TYPE_CHECKING:
    from xlsxwriter.worksheet import Worksheet

_MAX_ROW = 1_048_575
Rendered = list[tuple[list[Any], float | None]]
"""A block's rows as written: (cell values, row height)."""
Renderer = Callable[[Mapping[str, Any]], str]
Where = tuple[str, str, str]
"""(template file, sheet, cell) for error messages."""


# --- the compiled template, as plain data ------------------------------------------------------

@dataclass(frozen=True, slots=True)
class CellSpec:
    """One template cell: a static value or a compiled text template."""

    col: int
    value: Any
    """Static value (str, number, bool, datetime) or None for a styled blank; the source text of a template."""
    style: int
    """Index into TemplateSpec.styles; -1 for the default style."""
    ref: str
    """Template address, e.g. ``C6``."""
    render: Renderer | None = None
    names: frozenset[str] = frozenset()
    """Variables used, e.g. ``{"task.text"}``."""
    formula: bool = False


@dataclass(frozen=True, slots=True)
class RowSpec:
    """One template row."""

    row: int
    cells: tuple[CellSpec, ...]
    height: float | None = None
    hidden: bool = False
    fits: tuple[tuple[int, float, float], ...] = ()
    """(cell index, width, font size) of the wrapped text cells: what the row height must hold."""


@dataclass(frozen=True, slots=True)
class ColumnSpec:
    first: int
    last: int
    width: float | None
    hidden: bool
    style: int


@dataclass(frozen=True, slots=True)
class Region:
    """The repeated rows: a task block (once per task) and an optional section block."""

    task: tuple[int, int]
    section: tuple[int, int] | None = None

    @property
    def first(self) -> int:
        return min(self.task[0], self.section[0]) if self.section else self.task[0]

    @property
    def last(self) -> int:
        return max(self.task[1], self.section[1]) if self.section else self.task[1]


@dataclass(frozen=True, slots=True)
class SheetSpec:
    name: str
    state: str
    columns: tuple[ColumnSpec, ...]
    rows: tuple[RowSpec, ...]
    merges: tuple[Range, ...]
    validations: tuple[Validation, ...]
    setup: PageSetup
    protection: dict[str, bool] | None
    default_height: float | None
    region: Region | None = None
    page_texts: tuple[CellSpec | None, CellSpec | None] = (None, None)
    """Page header and footer when they hold template text (rendered per form)."""
    merge_styles: tuple[int, ...] = ()
    """The style of each merged range (its top-left cell's), aligned with ``merges``."""

    def width(self, col: int) -> float:
        """Column width in character units (8.43 when not set, 0 when hidden)."""
        for spec in self.columns:
            if spec.first <= col <= spec.last:
                return 0.0 if spec.hidden else 8.43 if spec.width is None else spec.width
        return 8.43


@dataclass(frozen=True, slots=True)
class TemplateSpec:
    """A compiled template: everything needed to write forms, as plain data."""

    file: str
    version: str
    sheets: tuple[SheetSpec, ...]
    styles: tuple[dict[str, Any], ...]
    names: tuple[tuple[str, str], ...]
    """Other defined names: (name as XlsxWriter takes it, formula)."""
    id_col: int
    variables: frozenset[str]

    @property
    def form(self) -> SheetSpec:
        """The sheet holding the task rows."""
        return next(s for s in self.sheets if s.region is not None)

    @property
    def header_row(self) -> int:
        """0-based row of the table header: the row just above the repeated rows."""
        region = self.form.region
        assert region is not None
        return region.first - 1


# --- writing a sheet ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Item:
    """One entry of a form's table: a task (kind "tasks") or a section heading (kind "section")."""

    kind: str
    values: dict[str, Any]
    key: tuple[Any, ...]
    """What the rendered rows depend on besides the form (for the cache)."""


@dataclass
class BlockCache:
    """Rendered blocks shared by the forms of one run (a task's rows are the same in every form)."""

    cacheable: dict[str, bool]
    """Per block kind: False when its cells use unit.* or task.index (different in every form)."""
    rows: dict[tuple[Any, ...], Rendered | None] = field(default_factory=dict)


def blocks(sheet: SheetSpec) -> dict[str, list[RowSpec]]:
    """The template rows of the task block and of the section block."""
    region = sheet.region
    assert region is not None
    by_row = {r.row: r for r in sheet.rows}
    sec = region.section
    return {"tasks": [by_row[r] for r in range(region.task[0], region.task[1] + 1)],
            "section": [by_row[r] for r in range(sec[0], sec[1] + 1)] if sec else []}


class SheetWriter:
    """Writes one sheet of one form."""

    def __init__(self, ws: Worksheet, sheet: SheetSpec, fmts: list[Any], file: str, unit: str) -> None:
        self.ws, self.sheet, self.fmts, self.file, self.unit = ws, sheet, fmts, file, unit
        self.write_string, self.write_blank = ws.write_string, ws.write_blank
        self.first, self.last, self.delta = 0, -1, 0
        self.placed: dict[str, list[int]] = {"tasks": [], "section": []}
        self.ctx: Mapping[str, Any] = {}

    def plain(self, ctx: Mapping[str, Any]) -> None:
        """A sheet without repeated rows (e.g. the hidden list sheet)."""
        self.ctx = ctx
        self._static(lambda m: True, self.sheet.rows, ctx, 0)

    def form(self, cache: BlockCache, ctx: Mapping[str, Any], items: list[Item]) -> None:
        """The form sheet: rows above, one block per item, rows below moved down."""
        self.ctx = ctx
        region = self.sheet.region
        assert region is not None
        self.first, self.last = region.first, region.last
        parts = blocks(self.sheet)
        above = [r for r in self.sheet.rows if r.row < self.first]
        self._static(lambda m: m[2] < self.first, above, ctx, 0)
        at = self.first
        for item in items:
            at += self._block(cache, ctx, item, parts[item.kind], at)
        self.delta = at - (self.last + 1)
        below = [r for r in self.sheet.rows if r.row > self.last]
        self._static(lambda m: m[0] > self.last, below, ctx, self.delta)

    def _block(self, cache: BlockCache, ctx: Mapping[str, Any], item: Item, rows: list[RowSpec], at: int) -> int:
        if not rows:
            return 0
        key, reuse = (item.kind, *item.key), cache.cacheable[item.kind]
        if reuse and key in cache.rows:
            rendered = cache.rows[key]
        else:
            local = {**ctx, "task" if item.kind == "tasks" else "section": item.values}
            rendered = [self._render(row, local) for row in rows]
            if item.kind == "section" and all(_blank(row, values) for row, (values, _) in zip(rows, rendered)):
                rendered = None  # a heading the template renders empty is left out
            if reuse:
                cache.rows[key] = rendered
        if rendered is None:
            return 0
        top, bottom = rows[0].row, rows[-1].row
        for (r0, c0, r1, c1), style in zip(self.sheet.merges, self.sheet.merge_styles):
            if top <= r0 and r1 <= bottom:
                self._merge(r0 - top + at, c0, r1 - top + at, c1, style)
        for i, (row, (values, height)) in enumerate(zip(rows, rendered)):
            self._put(row, at + i, values, height)
        if item.kind == "tasks" and hasattr(self.ws, "growing"):  # a FormWorksheet (forms/worksheet.py)
            self.ws.growing.update(range(at + 1, at + len(rows) + 1))
        self.placed[item.kind].append(at)
        return len(rows)

    def _static(self, keep: Callable[[Range], bool], rows: Sequence[RowSpec], ctx: Mapping[str, Any],
                shift: int) -> None:
        for (r0, c0, r1, c1), style in zip(self.sheet.merges, self.sheet.merge_styles):
            if keep((r0, c0, r1, c1)):
                self._merge(r0 + shift, c0, r1 + shift, c1, style)
        for row in rows:
            values, height = self._render(row, ctx)
            self._put(row, row.row + shift, values, height)

    def _render(self, row: RowSpec, ctx: Mapping[str, Any]) -> tuple[list[Any], float | None]:
        values = [self._value(cell, ctx) for cell in row.cells]
        height = row.height
        if row.fits:
            need = max(lines_height(lines_needed(str(values[i] or ""), width, font_size=size), font_size=size)
                       for i, width, size in row.fits)
            if need > (row.height or self.sheet.default_height or 15.0):
                height = need
        return values, height

    def _value(self, cell: CellSpec, ctx: Mapping[str, Any]) -> Any:
        if cell.render is None:
            return cell.value
        try:
            return cell.render(ctx)
        except Exception as exc:  # jinja2 raises many types (UndefinedError, TypeError from filters …)
            where = f"{self.file}!{self.sheet.name}!{cell.ref}"
            raise TemplateError(f"{where}: 生成“{self.unit}”的填报表时出错（{exc}）", file=self.file,
                                sheet=self.sheet.name, cell=cell.ref) from exc

    def _put(self, row: RowSpec, at: int, values: list[Any], height: float | None) -> None:
        ws, fmts = self.ws, self.fmts
        if height is not None or row.hidden:
            ws.set_row(at, height, None, {"hidden": True} if row.hidden else None)
        for cell, value in zip(row.cells, values):
            fmt = fmts[cell.style] if cell.style >= 0 else None
            if cell.formula:
                ws.write_formula(at, cell.col, value, fmt)
            elif type(value) is str and value:
                self.write_string(at, cell.col, value, fmt)
            elif value is None or value == "":
                self.write_blank(at, cell.col, None, fmt)
            elif isinstance(value, bool):
                ws.write_boolean(at, cell.col, value, fmt)
            elif isinstance(value, (int, float)):
                ws.write_number(at, cell.col, value, fmt)
            elif isinstance(value, (dt.datetime, dt.date, dt.time)):
                ws.write_datetime(at, cell.col, value, fmt)
            else:
                ws.write_string(at, cell.col, str(value), fmt)

    def _merge(self, r0: int, c0: int, r1: int, c1: int, style: int) -> None:
        self.ws.merge_range(r0, c0, r1, c1, "", self.fmts[style] if style >= 0 else None)

    # --- sheet settings, after the rows ------------------------------------------------------

    def finish(self, password: str | None) -> None:
        """Columns, validations, print and view settings, protection and visibility."""
        ws, sheet = self.ws, self.sheet
        for col in sheet.columns:
            fmt = self.fmts[col.style] if col.style >= 0 else None
            ws.set_column(col.first, col.last, col.width, fmt, {"hidden": True} if col.hidden else None)
        if sheet.default_height:
            ws.set_default_row(sheet.default_height)
        self._validations()
        header, footer = (self._value(c, self.ctx) if c is not None else None for c in sheet.page_texts)
        setup = replace(sheet.setup, header=header or sheet.setup.header, footer=footer or sheet.setup.footer)
        _apply_setup(ws, setup, self.row, self.end)
        if sheet.protection is not None or (password and sheet.region is not None):
            ws.protect(password or "", sheet.protection or {})
        if sheet.state == "hidden":
            ws.hide()
        elif sheet.state == "veryHidden":
            ws.very_hidden()
        elif sheet.region is not None:
            ws.activate()

    def row(self, r: int) -> int:
        """Where template row ``r`` (or a range starting there) is in the form."""
        return r if r < self.first else min(r + self.delta, _MAX_ROW) if r > self.last else self.first

    def end(self, r: int) -> int:
        """Where a range ending at template row ``r`` ends in the form."""
        return r if r < self.first else min(r + self.delta, _MAX_ROW) if r > self.last else self.last + self.delta

    def _validations(self) -> None:
        parts = blocks(self.sheet) if self.sheet.region is not None else {}
        for v in self.sheet.validations:
            ranges: list[Range] = []
            for r0, c0, r1, c1 in v.ranges:
                if r0 < self.first:
                    ranges.append((r0, c0, min(r1, self.first - 1), c1))
                if r1 > self.last:
                    ranges.append((self.row(max(r0, self.last + 1)), c0, self.end(r1), c1))
                for kind, rows in parts.items():
                    lo, hi = (max(r0, rows[0].row), min(r1, rows[-1].row)) if rows else (1, 0)
                    ranges += [(at + lo - rows[0].row, c0, at + hi - rows[0].row, c1)
                               for at in self.placed[kind] if lo <= hi]
            joined = _join(ranges)
            if joined:
                from xlsxwriter.utility import xl_range

                multi = " ".join(xl_range(*r) for r in joined)
                self.ws.data_validation(*joined[0], {**v.options, "multi_range": multi})


def _join(ranges: list[Range]) -> list[Range]:
    """Ranges of the same columns that touch, joined (consecutive task rows → one range)."""
    out: list[Range] = []
    for r0, c0, r1, c1 in sorted(ranges, key=lambda r: (r[1], r[3], r[0])):
        if out and out[-1][1] == c0 and out[-1][3] == c1 and r0 <= out[-1][2] + 1:
            out[-1] = (out[-1][0], c0, max(r1, out[-1][2]), c1)
        else:
            out.append((r0, c0, r1, c1))
    return out


def _apply_setup(ws: Worksheet, s: PageSetup, row: Callable[[int], int], end: Callable[[int], int]) -> None:
    if s.landscape is not None:
        ws.set_landscape() if s.landscape else ws.set_portrait()
    if s.paper:
        ws.set_paper(s.paper)
    if s.fit:
        ws.fit_to_pages(*s.fit)
    if s.scale:
        ws.set_print_scale(s.scale)
    ws.set_margins(**{k: v for k, v in s.margins.items() if v is not None})
    if s.header:
        ws.set_header(s.header, {"margin": s.header_margin} if s.header_margin is not None else None)
    if s.footer:
        ws.set_footer(s.footer, {"margin": s.footer_margin} if s.footer_margin is not None else None)
    if s.center_h:
        ws.center_horizontally()
    if s.center_v:
        ws.center_vertically()
    ws.hide_gridlines(s.gridlines)
    if s.title_rows:
        ws.repeat_rows(row(s.title_rows[0]), end(s.title_rows[1]))
    if s.title_cols:
        ws.repeat_columns(*s.title_cols)
    if s.print_area:
        ws.print_area(row(s.print_area[0]), s.print_area[1], end(s.print_area[2]), s.print_area[3])
    if s.zoom:
        ws.set_zoom(s.zoom)
    if s.tab_color:
        ws.set_tab_color(s.tab_color)
    if s.freeze:
        ws.freeze_panes(row(s.freeze[0]), s.freeze[1])
    if s.autofilter:
        ws.autofilter(row(s.autofilter[0]), s.autofilter[1], end(s.autofilter[2]), s.autofilter[3])


def _blank(row: RowSpec, values: list[Any]) -> bool:
    return all(not str(v or "").strip() for cell, v in zip(row.cells, values) if cell.render is not None)
