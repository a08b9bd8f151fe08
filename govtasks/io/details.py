"""What calamine does not tell about a workbook: when it was last saved, and which cells hold formulas.

A returned form's saved time tells a newer version from an older one; a formula in an answer
cell is worth an issue (its cached value may be stale, or 0). Read with the stdlib only:
``zipfile`` for .xlsx/.xlsm/.ods, :mod:`govtasks.io.xls` for the formula places of an .xls.
Anything unexpected gives no details; it never stops a read.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from html import unescape
from xml.etree.ElementTree import iterparse

from govtasks.io.xls import xls_formula_cells

_MODIFIED = re.compile(rb"<(?:\w+:)?modified\b[^>]*>([^<]+)<")
_ODS_DATE = re.compile(rb"<dc:date>([^<]+)<")
_SHEET_TAG = re.compile(rb"<(?:\w+:)?sheet\b[^>]*>")
_REL_TAG = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*>")
_ATTR = re.compile(rb'([\w:]+)="([^"]*)"')
_A1 = re.compile(r"([A-Z]+)(\d+)")
_FORMULA_MARK = b"f>"
"""In every worksheet with formulas each formula is <f …>text</f> (or <x:f>); a worksheet
without this mark has none and is not parsed."""


@dataclass(frozen=True, slots=True)
class Details:
    """A workbook's last-saved time and formula cells."""

    saved: dt.datetime | None = None
    """Last-saved time from the document properties (local time)."""
    formulas: dict[str, dict[tuple[int, int], str]] = field(default_factory=dict)
    """Sheet name → 0-based (row, col) → formula text without "=" ("" in an .xls, which keeps only
    parsed tokens); sheets without formulas are left out."""


def read_details(data: bytes, *, ods: bool = False) -> Details:
    """The details of an .xlsx/.xlsm (zip), an .ods (saved time only: its formulas come with its
    merges, see :func:`govtasks.io.workbook.read_workbook`) or an .xls; empty for anything else."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            if ods:
                m = _ODS_DATE.search(_member(zf, "meta.xml"))
                return Details(_parse_time(m.group(1).decode()) if m else None)
            return _xlsx_details(zf)
    except zipfile.BadZipFile:  # an .xls (formula places only), an .xlsb or a damaged file
        found = xls_formula_cells(data)
        return Details(None, {sheet: dict.fromkeys(cells, "") for sheet, cells in found.items()})
    except Exception:  # a part zipfile cannot read (another compression, encryption): calamine read the cells
        return Details()


def _xlsx_details(zf: zipfile.ZipFile) -> Details:
    m = _MODIFIED.search(_member(zf, "docProps/core.xml"))
    saved = _parse_time(m.group(1).decode()) if m else None
    cells = {name: found for name in zf.namelist()
             if name.startswith("xl/worksheets/") and name.endswith(".xml") and (found := _formulas(zf.read(name)))}
    if not cells:  # most returns: no formula, and no need to know which part is which sheet
        return Details(saved)
    parts = _sheet_parts(_member(zf, "xl/workbook.xml"), _member(zf, "xl/_rels/workbook.xml.rels"))
    return Details(saved, {title: cells[part] for title, part in parts.items() if part in cells})


def _member(zf: zipfile.ZipFile, name: str) -> bytes:
    try:
        return zf.read(name)
    except KeyError:
        return b""


def _parse_time(text: str) -> dt.datetime | None:
    try:
        value = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00")[:32])
    except ValueError:
        try:
            value = dt.datetime.fromisoformat(text.strip()[:19])
        except ValueError:
            return None
    return value.astimezone().replace(tzinfo=None) if value.tzinfo else value


def _attrs(tag: bytes) -> dict[str, str]:
    return {k.decode().rsplit(":", 1)[-1] if k != b"r:id" else "rid": unescape(v.decode()) for k, v in _ATTR.findall(tag)}


def _sheet_parts(workbook_xml: bytes, rels_xml: bytes) -> dict[str, str]:
    """Sheet name → worksheet part path of an .xlsx."""
    targets = {}
    for tag in _REL_TAG.findall(rels_xml):
        attrs = _attrs(tag)
        target = attrs.get("Target", "")
        targets[attrs.get("Id", "")] = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    sheets = (_attrs(tag) for tag in _SHEET_TAG.findall(workbook_xml))
    return {a.get("name", ""): targets.get(a.get("rid", ""), "") for a in sheets}


def _formulas(xml: bytes) -> dict[tuple[int, int], str]:
    """0-based (row, col) → formula text of one worksheet part."""
    if _FORMULA_MARK not in xml:
        return {}
    out: dict[tuple[int, int], str] = {}
    ref = ""
    for event, el in iterparse(io.BytesIO(xml), events=("start", "end")):
        tag = el.tag.rsplit("}", 1)[-1]
        if event == "start" and tag == "c":
            ref = el.get("r", "")
        elif event == "end" and tag == "f":
            m = _A1.fullmatch(ref)
            if m:
                col = 0
                for ch in m.group(1):
                    col = col * 26 + ord(ch) - 64
                out[(int(m.group(2)) - 1, col - 1)] = el.text or ""
        elif event == "end" and tag == "row":
            el.clear()
    return out
