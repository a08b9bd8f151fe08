"""A template's look, read with openpyxl and turned into plain XlsxWriter data.

Cell styles become XlsxWriter format dicts; data validations (including the
Excel 2010 ``x14`` ones openpyxl drops, read here from the sheet XML) become
XlsxWriter ``data_validation`` options; page setup and sheet protection become
plain values. Nothing here knows about tasks or units.
"""

from __future__ import annotations

import colorsys
import zipfile
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree

if TYPE_CHECKING:
    from openpyxl.styles.colors import Color
    from openpyxl.workbook import Workbook as OpenpyxlWorkbook
    from openpyxl.worksheet.worksheet import Worksheet

Range = tuple[int, int, int, int]
"""First row, first column, last row, last column (0-based, inclusive)."""

_BORDERS = {"thin": 1, "medium": 2, "dashed": 3, "dotted": 4, "thick": 5, "double": 6, "hair": 7,
            "mediumDashed": 8, "dashDot": 9, "mediumDashDot": 10, "dashDotDot": 11, "mediumDashDotDot": 12,
            "slantDashDot": 13}
_PATTERNS = ("none", "solid", "mediumGray", "darkGray", "lightGray", "darkHorizontal", "darkVertical", "darkDown",
             "darkUp", "darkGrid", "darkTrellis", "lightHorizontal", "lightVertical", "lightDown", "lightUp",
             "lightGrid", "lightTrellis", "gray125", "gray0625")
_HALIGN = {"left": "left", "center": "center", "right": "right", "fill": "fill", "justify": "justify",
           "centerContinuous": "center_across", "distributed": "distributed"}
_VALIGN = {"top": "top", "center": "vcenter", "bottom": "bottom", "justify": "vjustify", "distributed": "vdistributed"}
_UNDERLINE = {"single": 1, "double": 2, "singleAccounting": 33, "doubleAccounting": 34}
_VALIDATE = {"list": "list", "whole": "integer", "decimal": "decimal", "date": "date", "time": "time",
             "textLength": "length", "custom": "custom"}
_CRITERIA = {"between": "between", "notBetween": "not between", "equal": "==", "notEqual": "!=",
             "greaterThan": ">", "lessThan": "<", "greaterThanOrEqual": ">=", "lessThanOrEqual": "<="}
_PROTECTION = {"objects": "objects", "scenarios": "scenarios", "formatCells": "format_cells",
               "formatColumns": "format_columns", "formatRows": "format_rows", "insertColumns": "insert_columns",
               "insertRows": "insert_rows", "insertHyperlinks": "insert_hyperlinks", "deleteColumns": "delete_columns",
               "deleteRows": "delete_rows", "selectLockedCells": "select_locked_cells", "sort": "sort",
               "autoFilter": "autofilter", "pivotTables": "pivot_tables", "selectUnlockedCells": "select_unlocked_cells"}
_THEME_ORDER = ("lt1", "dk1", "lt2", "dk2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6",
                "hlink", "folHlink")
_NS = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main",
       "main": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
       "x14": "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main",
       "xm": "http://schemas.microsoft.com/office/excel/2006/main",
       "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
       "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}


@dataclass(frozen=True, slots=True)
class Validation:
    """One data validation: XlsxWriter options and the template ranges it covers."""

    options: dict[str, Any]
    ranges: tuple[Range, ...]


@dataclass(frozen=True, slots=True)
class PageSetup:
    """Print settings of a sheet, ready for XlsxWriter."""

    landscape: bool | None = None
    paper: int | None = None
    fit: tuple[int, int] | None = None
    scale: int | None = None
    margins: dict[str, float] = field(default_factory=dict)
    header: str = ""
    footer: str = ""
    header_margin: float | None = None
    footer_margin: float | None = None
    center_h: bool = False
    center_v: bool = False
    gridlines: int = 1
    """XlsxWriter ``hide_gridlines`` option: 0 show, 1 hide when printed, 2 hide."""
    title_rows: tuple[int, int] | None = None
    title_cols: tuple[int, int] | None = None
    print_area: Range | None = None
    zoom: int | None = None
    tab_color: str | None = None
    freeze: tuple[int, int] | None = None
    autofilter: Range | None = None


class StyleReader:
    """Converts openpyxl styles of one workbook to XlsxWriter format dicts, once per distinct style."""

    def __init__(self, wb: OpenpyxlWorkbook) -> None:
        self.theme = _theme_colors(wb.loaded_theme)
        self.styles: list[dict[str, Any]] = []
        self._index: dict[tuple[int, ...], int] = {}
        self.font_sizes: list[float] = []
        self.wraps: list[bool] = []

    def index(self, obj: Any) -> int:
        """Index into :attr:`styles` of a cell's or column's style; -1 for the default style."""
        style = getattr(obj, "_style", None)
        key = tuple(style) if style is not None else ()
        if not any(key):
            return -1
        found = self._index.get(key)
        if found is None:
            fmt = self.convert(obj)
            found = self._index[key] = len(self.styles)
            self.styles.append(fmt)
            self.font_sizes.append(float(fmt.get("font_size", 11)))
            self.wraps.append(bool(fmt.get("text_wrap")))
        return found

    def convert(self, obj: Any) -> dict[str, Any]:
        """An XlsxWriter format dict for a styled openpyxl object (cell or dimension)."""
        fmt: dict[str, Any] = {}
        self._font(obj.font, fmt)
        self._fill(obj.fill, fmt)
        self._border(obj.border, fmt)
        _alignment(obj.alignment, fmt)
        if obj.number_format and obj.number_format != "General":
            fmt["num_format"] = obj.number_format
        if obj.protection.locked is False:
            fmt["locked"] = False
        if obj.protection.hidden:
            fmt["hidden"] = True
        return fmt

    def color(self, color: Color | None) -> str | None:
        """``#RRGGBB`` of an openpyxl colour (rgb, indexed or theme with tint), None when unknown."""
        if color is None:
            return None
        if color.type == "rgb" and isinstance(color.rgb, str) and len(color.rgb) >= 6:
            return "#" + color.rgb[-6:].upper()
        if color.type == "indexed" and isinstance(color.indexed, int):
            from openpyxl.styles.colors import COLOR_INDEX

            return "#" + COLOR_INDEX[color.indexed][-6:] if color.indexed < 64 else None
        if color.type == "theme" and isinstance(color.theme, int) and color.theme < len(self.theme):
            return _tint(self.theme[color.theme], float(color.tint or 0))
        return None

    def _font(self, font: Any, fmt: dict[str, Any]) -> None:
        if font.name:
            fmt["font_name"] = font.name
        if font.sz:
            fmt["font_size"] = float(font.sz)
        for attr, key in (("b", "bold"), ("i", "italic"), ("strike", "font_strikeout")):
            if getattr(font, attr):
                fmt[key] = True
        if font.u in _UNDERLINE:
            fmt["underline"] = _UNDERLINE[font.u]
        if font.vertAlign in ("superscript", "subscript"):
            fmt["font_script"] = 1 if font.vertAlign == "superscript" else 2
        rgb = self.color(font.color)
        if rgb and rgb != "#000000":
            fmt["font_color"] = rgb

    def _fill(self, fill: Any, fmt: dict[str, Any]) -> None:
        kind = getattr(fill, "patternType", None) or getattr(fill, "fill_type", None)
        if kind not in _PATTERNS or kind == "none":
            return
        fg, bg = self.color(fill.fgColor), self.color(fill.bgColor)
        if kind == "solid":  # XlsxWriter: a solid fill's colour is bg_color
            fmt.update({"pattern": 1, **({"bg_color": fg} if fg else {})})
            return
        fmt["pattern"] = _PATTERNS.index(kind)
        fmt.update({k: v for k, v in (("fg_color", fg), ("bg_color", bg)) if v})

    def _border(self, border: Any, fmt: dict[str, Any]) -> None:
        for side in ("left", "right", "top", "bottom"):
            edge = getattr(border, side)
            if edge is not None and edge.style in _BORDERS:
                fmt[side] = _BORDERS[edge.style]
                rgb = self.color(edge.color)
                if rgb and rgb != "#000000":
                    fmt[f"{side}_color"] = rgb
        diagonal = border.diagonal
        if diagonal is not None and diagonal.style in _BORDERS and (border.diagonalUp or border.diagonalDown):
            fmt["diag_type"] = 3 if border.diagonalUp and border.diagonalDown else 1 if border.diagonalUp else 2
            fmt["diag_border"] = _BORDERS[diagonal.style]


def _alignment(al: Any, fmt: dict[str, Any]) -> None:
    if al.horizontal in _HALIGN:
        fmt["align"] = _HALIGN[al.horizontal]
    if al.vertical in _VALIGN:
        fmt["valign"] = _VALIGN[al.vertical]
    if al.wrapText:
        fmt["text_wrap"] = True
    if al.shrinkToFit:
        fmt["shrink"] = True
    if al.indent:
        fmt["indent"] = int(al.indent)
    rotation = int(al.textRotation or 0)
    if rotation:
        fmt["rotation"] = 270 if rotation == 255 else rotation if rotation <= 90 else 90 - rotation


def _theme_colors(theme: bytes | None) -> list[str]:
    """Theme palette in Excel's theme-index order (lt1, dk1, lt2, dk2, accents …)."""
    default = ["FFFFFF", "000000", "EEECE1", "1F497D", "4F81BD", "C0504D", "9BBB59", "8064A2", "4BACC6",
               "F79646", "0000FF", "800080"]
    if not theme:
        return default
    try:
        scheme = ElementTree.fromstring(theme).find("a:themeElements/a:clrScheme", _NS)
    except ElementTree.ParseError:
        return default
    if scheme is None:
        return default
    found: dict[str, str] = {}
    for child in scheme:
        name = child.tag.split("}")[-1]
        for colour in child:
            value = colour.get("val") if colour.tag.endswith("srgbClr") else colour.get("lastClr")
            if value:
                found[name] = value
    return [found.get(name, fallback) for name, fallback in zip(_THEME_ORDER, default)]


def _tint(rgb: str, tint: float) -> str:
    r, g, b = (int(rgb[i:i + 2], 16) / 255 for i in (0, 2, 4))
    h, lum, s = colorsys.rgb_to_hls(r, g, b)
    lum = lum * (1 + tint) if tint < 0 else lum * (1 - tint) + tint
    r, g, b = colorsys.hls_to_rgb(h, min(max(lum, 0.0), 1.0), s)
    return "#{:02X}{:02X}{:02X}".format(*(round(x * 255) for x in (r, g, b)))


# --- validations -----------------------------------------------------------------

def _value(formula: str | None) -> Any:
    text = (formula or "").strip()
    try:
        number = float(text)
    except ValueError:
        return "=" + text.lstrip("=")
    return int(number) if number.is_integer() else number


def validation_options(dv: Any) -> dict[str, Any]:
    """XlsxWriter ``data_validation`` options for an openpyxl DataValidation."""
    kind = _VALIDATE.get(dv.type or "", "any")
    opts: dict[str, Any] = {"validate": kind, "ignore_blank": bool(dv.allow_blank),
                            "show_input": bool(dv.showInputMessage), "show_error": bool(dv.showErrorMessage)}
    if kind == "list":
        f1 = (dv.formula1 or "").strip()
        opts["source"] = f1[1:-1].split(",") if f1.startswith('"') else "=" + f1.lstrip("=")
        opts["dropdown"] = not dv.showDropDown  # OOXML's showDropDown=1 *hides* the arrow
    elif kind in ("date", "time", "custom"):
        opts["value"] = "=" + (dv.formula1 or "").lstrip("=")
    elif kind != "any":
        opts["criteria"] = _CRITERIA.get(dv.operator or "between", "between")
        if opts["criteria"] in ("between", "not between"):
            opts.update(minimum=_value(dv.formula1), maximum=_value(dv.formula2))
        else:
            opts["value"] = _value(dv.formula1)
    if kind in ("date", "time") and dv.formula2 is not None:
        opts.update(criteria=_CRITERIA.get(dv.operator or "between", "between"),
                    minimum=opts.pop("value"), maximum="=" + dv.formula2.lstrip("="))
    elif kind in ("date", "time"):
        opts["criteria"] = _CRITERIA.get(dv.operator or "between", "between")
    texts = (("input_title", dv.promptTitle), ("input_message", dv.prompt), ("error_title", dv.errorTitle),
             ("error_message", dv.error))
    opts.update({k: v for k, v in texts if v})
    if dv.errorStyle in ("warning", "information"):
        opts["error_type"] = dv.errorStyle
    return opts


def read_validations(ws: Worksheet, extra: list[Any]) -> list[Validation]:
    """The sheet's validations (openpyxl's and the x14 ones in ``extra``) with their ranges."""
    out = []
    for dv in list(ws.data_validations.dataValidation) + extra:
        ranges = tuple((r.min_row - 1, r.min_col - 1, r.max_row - 1, r.max_col - 1) for r in dv.sqref.ranges)
        if ranges:
            out.append(Validation(validation_options(dv), ranges))
    return out


def x14_validations(path: str, sheet_names: list[str]) -> dict[str, list[Any]]:
    """Excel 2010 ``x14:dataValidation`` elements per sheet name, as openpyxl DataValidation objects.

    Excel and WPS write a list validation that points at another sheet in this
    form; openpyxl drops it when loading, so it is read from the sheet XML here
    (best effort: an odd package gives none).
    """
    try:
        with zipfile.ZipFile(path) as z:
            return {name: found for name, part in _sheet_parts(z).items()
                    if name in sheet_names and (found := _x14_in(z.read(part)))}
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError, UnicodeDecodeError):
        return {}


def _x14_in(xml: bytes) -> list[Any]:
    from openpyxl.worksheet.datavalidation import DataValidation

    if b"x14:dataValidation" not in xml:
        return []
    out = []
    for el in ElementTree.fromstring(xml).iterfind(".//x14:dataValidation", _NS):
        attrs = {k: v for k, v in el.attrib.items() if "}" not in k}
        f1 = el.findtext("x14:formula1/xm:f", None, _NS)
        f2 = el.findtext("x14:formula2/xm:f", None, _NS)
        out.append(DataValidation(formula1=f1, formula2=f2, sqref=el.findtext("xm:sqref", "", _NS), **attrs))
    return out


def _sheet_parts(z: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → zip part of its XML, from workbook.xml and its relationships."""
    rels = ElementTree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iterfind("rel:Relationship", _NS)}
    book = ElementTree.fromstring(z.read("xl/workbook.xml"))
    parts = {}
    for sheet in book.iterfind("main:sheets/main:sheet", _NS):
        target = targets.get(sheet.get(f"{{{_NS['r']}}}id"), "")
        parts[sheet.get("name", "")] = target.lstrip("/") if target.startswith("/") else "xl/" + target
    return parts


# --- page setup and protection -------------------------------------------------------

def protection_options(ws: Worksheet) -> dict[str, bool] | None:
    """XlsxWriter ``protect`` options when the sheet is protected, else None."""
    prot = ws.protection
    if not prot.sheet:
        return None
    # openpyxl's flags say what is *protected*; XlsxWriter's options say what is *allowed*.
    return {key: not bool(getattr(prot, attr)) for attr, key in _PROTECTION.items()}


def page_setup(ws: Worksheet) -> PageSetup:
    """Print and view settings of a sheet."""
    ps, opts, view = ws.page_setup, ws.print_options, ws.sheet_view
    fit = None
    if ws.sheet_properties.pageSetUpPr is not None and ws.sheet_properties.pageSetUpPr.fitToPage:
        fit = (1 if ps.fitToWidth is None else int(ps.fitToWidth), 1 if ps.fitToHeight is None else int(ps.fitToHeight))
    m = ws.page_margins
    screen, printed = view.showGridLines is not False, bool(opts.gridLines)
    tab = ws.sheet_properties.tabColor
    return PageSetup(
        landscape=None if ps.orientation not in ("landscape", "portrait") else ps.orientation == "landscape",
        paper=int(ps.paperSize) if ps.paperSize else None, fit=fit,
        scale=int(ps.scale) if ps.scale and not fit else None,
        margins={"left": m.left, "right": m.right, "top": m.top, "bottom": m.bottom},
        header=str(ws.oddHeader) if ws.oddHeader else "", footer=str(ws.oddFooter) if ws.oddFooter else "",
        header_margin=m.header, footer_margin=m.footer,
        center_h=bool(opts.horizontalCentered), center_v=bool(opts.verticalCentered),
        gridlines=0 if screen and printed else 1 if screen else 2,
        title_rows=_span(ws.print_title_rows, rows=True), title_cols=_span(ws.print_title_cols, rows=False),
        print_area=_area(ws.print_area), zoom=int(view.zoomScale) if view.zoomScale else None,
        tab_color=_NO_THEME.color(tab) if tab is not None else None,
        freeze=_cell(ws.freeze_panes), autofilter=_area(ws.auto_filter.ref),
    )


def _span(text: str | None, *, rows: bool) -> tuple[int, int] | None:
    """``$1:$4`` → (0, 3); ``$A:$B`` → (0, 1)."""
    if not text:
        return None
    from openpyxl.utils.cell import column_index_from_string

    first, _, last = text.split(",")[0].split("!")[-1].replace("$", "").partition(":")
    conv = (lambda x: int(x) - 1) if rows else (lambda x: column_index_from_string(x) - 1)
    return conv(first), conv(last or first)


def _area(text: str | None) -> Range | None:
    """``'Sheet'!$A$1:$L$20`` → (0, 0, 19, 11)."""
    if not text:
        return None
    from openpyxl.utils.cell import range_boundaries

    text = text.split(",")[0].split("!")[-1].replace("$", "")
    c0, r0, c1, r1 = range_boundaries(text)
    if None in (c0, r0, c1, r1):
        return None
    return r0 - 1, c0 - 1, r1 - 1, c1 - 1


def _cell(text: str | None) -> tuple[int, int] | None:
    """``C5`` → (4, 2)."""
    if not text:
        return None
    from openpyxl.utils.cell import coordinate_to_tuple

    row, col = coordinate_to_tuple(text.replace("$", ""))
    return row - 1, col - 1


class _NoTheme(StyleReader):
    def __init__(self) -> None:  # a reader for colours outside any workbook (tab colours)
        self.theme = _theme_colors(None)


_NO_THEME = _NoTheme()
