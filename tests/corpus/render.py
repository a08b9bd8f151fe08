"""Render a corpus document's gold tasks as the tables governments publish: .xlsx, .html, .docx.

Each table-like document of the corpus is also imported from these renderings, so that one
document proves the table importer on three file types and on header words it was not
written from. What varies, chosen from the document's id (so a rendering never changes):

* the header words, from the families real tables use (重点任务 / 工作内容 / 具体事项 …,
  牵头单位 / 主办单位 / 牵头部门 …);
* a one-row header, or a two-row one with 责任单位 spread over 牵头 and 配合;
* the first section level as rows across the table, or as a column merged down beside the task;
* units separated by 、 or one per line (Alt+Enter in Excel, <br> in a page, a paragraph in Word);
* the lead cell merged down over consecutive tasks with the same lead units.

Written with XlsxWriter and the stdlib only: no govtasks code is used to make a rendering.
"""

from __future__ import annotations

import hashlib
import html
import zipfile
from pathlib import Path

import xlsxwriter

FAMILIES = {
    "number": ("序号", "编号"),
    "section": ("重点领域", "工作领域", "类别", "方面"),
    "text": ("重点任务", "主要任务", "工作内容", "具体事项", "工作措施", "目标任务", "具体任务"),
    "deadline": ("完成时限", "时间节点", "完成期限", "时限要求"),
    "lead": ("牵头单位", "牵头部门", "主办单位", "牵头责任单位"),
    "coop": ("配合单位", "协办单位", "协同单位", "参与单位"),
    "leaders": ("牵头领导", "责任领导", "分管领导"),
    "progress": ("进展情况", "完成情况", "当前进度", "工作进展"),
}


class Choices:
    """The rendering's choices, fixed by the document id."""

    def __init__(self, doc_id: str) -> None:
        self.seed = int(hashlib.sha256(doc_id.encode()).hexdigest(), 16)

    def pick(self, key: str, options: tuple[str, ...] | tuple[bool, ...]):  # type: ignore[no-untyped-def]
        return options[(self.seed // (hash_of(key) % 9973 + 1)) % len(options)]


def hash_of(text: str) -> int:
    return int(hashlib.md5(text.encode()).hexdigest(), 16)


def _layout(gold: dict) -> tuple[list[tuple[str, str]], list[tuple[str, str]] | None, bool, str]:
    """(columns as (field, header word), second header row or None, section column?, unit separator)."""
    tasks, c = gold["tasks"], Choices(gold.get("url", "") + str(len(gold["tasks"])))
    used = {f for t in tasks for f in ("deadline", "lead", "coop", "leaders", "progress") if t.get(f)}
    paths = [t.get("path") or [] for t in tasks]
    section_column = bool(paths and all(paths)) and c.pick("sectioncol", (True, False))
    cols = [("number", c.pick("number", FAMILIES["number"]))]
    if section_column:
        cols.append(("section", c.pick("section", FAMILIES["section"])))
    cols.append(("text", c.pick("text", FAMILIES["text"])))
    if "deadline" in used:
        cols.append(("deadline", c.pick("deadline", FAMILIES["deadline"])))
    two_rows = "coop" in used and "lead" in used and c.pick("tworows", (True, False))
    if "coop" in used:
        cols += [("lead", c.pick("lead", FAMILIES["lead"])), ("coop", c.pick("coop", FAMILIES["coop"]))]
    elif "lead" in used:
        cols.append(("lead", c.pick("leadalone", ("责任单位",) + FAMILIES["lead"])))
    if "leaders" in used:
        cols.append(("leaders", c.pick("leaders", FAMILIES["leaders"])))
    if "progress" in used:
        cols.append(("progress", c.pick("progress", FAMILIES["progress"])))
    second = None
    if two_rows:
        second = [(f, {"lead": "牵头", "coop": "配合"}.get(f, "")) for f, _ in cols]
        cols = [(f, "责任单位" if f in ("lead", "coop") else label) for f, label in cols]
    return cols, second, section_column, c.pick("sep", ("、", "\n"))


def _rows(gold: dict) -> tuple[list[tuple[str, object]], list[tuple[str, str]], list[tuple[str, str]] | None, bool]:
    """The table's body as ("section", heading) / ("task", {field: text}) items, and its header."""
    cols, second, section_column, sep = _layout(gold)
    items: list[tuple[str, object]] = []
    shown: list[str] = []
    for t in gold["tasks"]:
        path = list(t.get("path") or [])
        rows_path = path[:-1] if section_column else path  # the column holds the innermost level
        for depth, heading in enumerate(rows_path):
            if shown[: depth + 1] != rows_path[: depth + 1]:
                items.append(("section", heading))
        shown = rows_path
        cells = {"number": t.get("number", ""), "section": path[-1] if section_column else "", "text": t["text"],
                 "deadline": t.get("deadline", ""), "lead": sep.join(t.get("lead") or []),
                 "coop": sep.join(t.get("coop") or []), "leaders": sep.join(t.get("leaders") or []),
                 "progress": t.get("progress", "")}
        items.append(("task", cells))
    return items, cols, second, section_column


def _merged_down(items: list[tuple[str, object]], field_name: str) -> dict[int, int]:
    """Task item index → how many task rows its cell covers (runs of equal, non-empty cells; 0: covered)."""
    spans: dict[int, int] = {}
    run_start = None
    for i, (kind, cells) in enumerate(items):
        if kind != "task":
            run_start = None
            continue
        value = cells[field_name]  # type: ignore[index]
        if run_start is not None and value and value == items[run_start][1][field_name]:  # type: ignore[index]
            spans[run_start] += 1
            spans[i] = 0
        else:
            run_start, spans[i] = i, 1
    return spans


def write_xlsx(gold: dict, path: Path) -> Path:
    items, cols, second, section_column = _rows(gold)
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("附件")
    wrap = wb.add_format({"text_wrap": True, "border": 1, "valign": "vcenter"})
    ws.merge_range(0, 0, 0, len(cols) - 1, gold.get("title") or "重点工作任务分解表", wrap)
    r = 1
    for c, (f, label) in enumerate(cols):
        if second and f not in ("lead", "coop"):
            ws.merge_range(r, c, r + 1, c, label, wrap)
        else:
            ws.write_string(r, c, label, wrap)
    if second:
        lead_col = next(c for c, (f, _) in enumerate(cols) if f == "lead")
        ws.merge_range(r, lead_col, r, lead_col + 1, "责任单位", wrap)
        ws.write_string(r + 1, lead_col, "牵头", wrap)
        ws.write_string(r + 1, lead_col + 1, "配合", wrap)
        r += 1
    r += 1
    lead_spans = _merged_down(items, "lead")
    section_spans = _merged_down(items, "section") if section_column else {}
    for i, (kind, cells) in enumerate(items):
        if kind == "section":
            ws.merge_range(r, 0, r, len(cols) - 1, str(cells), wrap)
        else:
            for c, (f, _) in enumerate(cols):
                spans = lead_spans if f == "lead" else section_spans if f == "section" else {}
                span = spans.get(i, 1)
                if span == 0:
                    continue
                value = str(cells[f])  # type: ignore[index]
                if span > 1:
                    ws.merge_range(r, c, r + span - 1, c, value, wrap)  # a run never crosses a section row
                elif value:
                    ws.write_string(r, c, value, wrap)
        r += 1
    wb.close()
    return path


def write_html(gold: dict, path: Path) -> Path:
    items, cols, second, section_column = _rows(gold)
    out = [f"<html><head><meta charset='utf-8'><title>{html.escape(gold.get('title') or '')}</title></head><body>",
           f"<h2>{html.escape(gold.get('title') or '重点工作任务分解表')}</h2>", "<table border='1'>"]
    if second:
        lead_col = next(c for c, (f, _) in enumerate(cols) if f == "lead")
        top = []
        for c, (f, label) in enumerate(cols):
            if f == "coop":
                continue
            top.append("<th colspan='2'>责任单位</th>" if c == lead_col else f"<th rowspan='2'>{html.escape(label)}</th>")
        out.append("<tr>" + "".join(top) + "</tr><tr><th>牵头</th><th>配合</th></tr>")
    else:
        out.append("<tr>" + "".join(f"<th>{html.escape(label)}</th>" for _, label in cols) + "</tr>")
    lead_spans = _merged_down(items, "lead")
    section_spans = _merged_down(items, "section") if section_column else {}
    for i, (kind, cells) in enumerate(items):
        if kind == "section":
            out.append(f"<tr><td colspan='{len(cols)}'>{html.escape(str(cells))}</td></tr>")
            continue
        tds = []
        for f, _ in cols:
            spans = lead_spans if f == "lead" else section_spans if f == "section" else {}
            span = spans.get(i, 1)
            if span == 0:
                continue
            value = html.escape(str(cells[f])).replace("\n", "<br>")  # type: ignore[index]
            tds.append(f"<td rowspan='{span}'>{value}</td>" if span > 1 else f"<td>{value}</td>")
        out.append("<tr>" + "".join(tds) + "</tr>")
    out.append("</table></body></html>")
    path.write_text("\n".join(out), encoding="utf-8")
    return path


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _para(text: str) -> str:
    return f"<w:p><w:r><w:t xml:space='preserve'>{html.escape(text)}</w:t></w:r></w:p>"


def _cell(text: str, *, span: int = 1, vmerge: str | None = None) -> str:
    props = (f"<w:gridSpan w:val='{span}'/>" if span > 1 else "") + (
        f"<w:vMerge w:val='{vmerge}'/>" if vmerge == "restart" else "<w:vMerge/>" if vmerge else "")
    paras = "".join(_para(line) for line in (text.split("\n") if text else [""]))  # a paragraph per unit
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{paras}</w:tc>"


def write_docx(gold: dict, path: Path) -> Path:
    items, cols, second, section_column = _rows(gold)
    rows = []
    if second:
        lead_col = next(c for c, (f, _) in enumerate(cols) if f == "lead")
        top, bottom = [], []
        for c, (f, label) in enumerate(cols):
            if f == "coop":
                continue
            if c == lead_col:
                top.append(_cell("责任单位", span=2))
                bottom += [_cell("牵头"), _cell("配合")]
            else:
                top.append(_cell(label, vmerge="restart"))
                bottom.append(_cell("", vmerge="continue"))
        rows += ["<w:tr>" + "".join(top) + "</w:tr>", "<w:tr>" + "".join(bottom) + "</w:tr>"]
    else:
        rows.append("<w:tr>" + "".join(_cell(label) for _, label in cols) + "</w:tr>")
    lead_spans = _merged_down(items, "lead")
    section_spans = _merged_down(items, "section") if section_column else {}
    for i, (kind, cells) in enumerate(items):
        if kind == "section":
            rows.append("<w:tr>" + _cell(str(cells), span=len(cols)) + "</w:tr>")
            continue
        tcs = []
        for f, _ in cols:
            spans = lead_spans if f == "lead" else section_spans if f == "section" else {}
            span = spans.get(i, 1)
            value = str(cells[f])  # type: ignore[index]
            tcs.append(_cell("", vmerge="continue") if span == 0 else _cell(value, vmerge="restart") if span > 1
                       else _cell(value))
        rows.append("<w:tr>" + "".join(tcs) + "</w:tr>")
    body = (_para(gold.get("title") or "重点工作任务分解表") + "<w:tbl><w:tblPr/>" + "".join(rows) + "</w:tbl>"
            + _para(""))
    document = f"<?xml version='1.0' encoding='UTF-8'?><w:document xmlns:w='{_W}'><w:body>{body}</w:body></w:document>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<?xml version='1.0' encoding='UTF-8'?><Types xmlns='http://schemas.openxmlformats.org/package/2006/content-types'>"
                   "<Default Extension='rels' ContentType='application/vnd.openxmlformats-package.relationships+xml'/>"
                   "<Default Extension='xml' ContentType='application/xml'/><Override PartName='/word/document.xml' "
                   "ContentType='application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml'/></Types>")
        z.writestr("_rels/.rels", "<?xml version='1.0' encoding='UTF-8'?><Relationships xmlns='http://schemas.openxmlformats.org/package/2006/relationships'>"
                   "<Relationship Id='rId1' Type='http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument' "
                   "Target='word/document.xml'/></Relationships>")
        z.writestr("word/document.xml", document)
    return path


def render_all(gold: dict, folder: Path) -> list[tuple[str, Path]]:
    """Every rendering of a document: (kind, path)."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = "重点工作任务分解表"
    return [("xlsx", write_xlsx(gold, folder / f"{stem}.xlsx")), ("html", write_html(gold, folder / f"{stem}.html")),
            ("docx", write_docx(gold, folder / f"{stem}.docx"))]
