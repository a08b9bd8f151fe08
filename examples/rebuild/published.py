"""Rebuild seeds 001 and 000 as the published pages they were: a web page and a Word file.

Seed 001 (芜湖市 2024) was scraped from the city's web page: the notice, then
the attachment table as the site rendered it. :func:`build_html` writes that
page again: a saved government article page (``<nav>``/footer chrome, the
notice paragraphs, "附件", the table title) and the table as a Word-to-web
table: section rows (一、/（一）) one cell with ``colspan="4"``, topic rows the
number plus ``colspan="3"`` text, multi-line unit cells with ``<br>``, empty
cells ``&nbsp;`` (the scrape shows them as NBSP lines). The one topic row the
source did not merge (seed001 docstring: "1 加快建设区域消费中心。", followed by
two empty cells) is written unmerged (``UNMERGED_TOPICS``).

Seed 000 (繁昌区 2023) is written by :func:`build_docx` as the Word file the
notice was issued as: title, addressees, body paragraphs, 附件 line, date and
"(此件公开发布)" on A4 portrait; then a section break and, on A4 landscape,
"附件", the table title and subtitle and the table: a two-row header (序号,
完成时限 … 备注 merged down over both header rows with ``w:vMerge``; 重点工作
over 工作/内容 with ``w:gridSpan``) and 工作/内容 merged down over exactly the
ranges of the .xlsx rebuild (``seed000.merge_ranges``, from the
``merge_start`` flags). The header rows repeat on every page.

Text comes from the seed modules' ``parse`` (see their docstrings for the
restorations); the notice lines are taken from the seed text above the table.
Seed 001's notice gets the same full-width punctuation as its table
(``seed001._restore``), seed 000's stays as scraped (as in seed000). The dates
"202446" and "2023331日" are restored as both seed modules document.

:func:`write_docx` is a small deterministic .docx writer (stdlib zipfile; fixed
timestamps; [Content_Types].xml, _rels, word/document.xml, word/styles.xml,
docProps/core.xml) for any notice: paragraphs, then tables.
"""
from __future__ import annotations

import html
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence, Union
from xml.sax.saxutils import escape

import seed000
import seed001

HTML_OUTPUT = "芜湖市2024年度市政府重点工作任务分解.html"
DOCX_OUTPUT = "繁昌区2023年区政府重点工作任务.docx"
HTML_000_OUTPUT = "繁昌区2023年区政府重点工作任务.html"
DATES = {"202446": "2024年4月6日", "2023331日": "2023年3月31日"}
UNMERGED_TOPICS = {"加快建设区域消费中心。"}
ZIP_TIME = (2023, 3, 31, 0, 0, 0)
_WS = " \t\xa0\u2002\u3000"
_INFO = re.compile(r"^发布时间:(?P<time>\S+ \S+?)信息来源: ?(?P<source>\S+?)阅读次数:编辑:(?P<editor>\S+)")
_COLSPAN4, _COLSPAN3 = ' colspan="4"', ' colspan="3"'

Paragraph = Union[str, tuple[str, str]]
"""A paragraph: its text (a body paragraph) or (kind, text); kinds are in ``_PARA_PROPS``."""


@dataclass
class DocTable:
    """A table for :func:`write_docx`: a full grid with merges, like a sheet."""

    rows: list[list[str]]
    """Cell text by grid position ("\\n" separates paragraphs); covered cells are ignored."""
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    """(first row, first col, last row, last col), 0-based inclusive."""
    widths: list[float] | None = None
    """Relative column widths (equal when None)."""
    header_rows: int = 1
    """Leading rows in 黑体, repeated on every page."""
    align: list[str] | None = None
    """Per column "left" or "center" (body rows; default center)."""


# -- notice text from the seeds ---------------------------------------------------------

def notice_lines(text: str) -> list[str]:
    """Non-blank lines of the seed above the table header cell "序号", dates restored."""
    lines = [ln.strip(_WS) for ln in text.split("\n")]
    end = lines.index("序号")
    return [DATES.get(ln, ln) for ln in lines[:end] if ln]


def published_info(line: str) -> list[str]:
    """The page's info bar items from the scraped line "发布时间:… 信息来源: …阅读次数:编辑:…"."""
    m = _INFO.match(line)
    if not m:
        raise ValueError(f"unexpected info line: {line!r}")
    return [f"发布时间：{m['time']}", f"信息来源：{m['source']}", "阅读次数：", f"编辑：{m['editor']}"]


# -- seed 001 as a web page ---------------------------------------------------------------

def _html_cell(text: str, attrs: str = "") -> str:
    """A ``<td>``: lines joined with ``<br>``, empty → ``&nbsp;``."""
    body = "<br>".join(html.escape(line, quote=False) for line in text.split("\n")) if text else "&nbsp;"
    return f"<td{attrs}>{body}</td>"


def html_row(row: dict[str, Any]) -> str:
    """One table row of seed 001 as the site's HTML."""
    if row["kind"] == "section" and row["level"] < 3:
        return f'<tr>{_html_cell(row["text"], _COLSPAN4)}</tr>'
    if row["kind"] == "section" and row["text"] in UNMERGED_TOPICS:
        return f'<tr>{_html_cell(row["number"])}{_html_cell(row["text"])}{_html_cell("")}{_html_cell("")}</tr>'
    if row["kind"] == "section":
        return f'<tr>{_html_cell(row["number"])}{_html_cell(row["text"], _COLSPAN3)}</tr>'
    cells = [row["number"], row["text"], row["lead"], row["units"]]
    return "<tr>" + "".join(_html_cell(c) for c in cells) + "</tr>"


def html_table(rows: list[dict[str, Any]]) -> str:
    """The attachment table of seed 001."""
    widths = "".join(f'<col width="{round(w * 100 / sum(seed001.WIDTHS))}%">' for w in seed001.WIDTHS)
    header = "".join(f"<td><p><strong>{h}</strong></p></td>" for h in seed001.HEADER)
    body = "\n".join(html_row(r) for r in rows)
    return (f'<table class="MsoTableGrid" border="1" cellspacing="0" cellpadding="0" width="100%">\n'
            f"<colgroup>{widths}</colgroup>\n<tbody>\n<tr>{header}</tr>\n{body}\n</tbody>\n</table>")


_PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{title}_{site}</title>
<style>body{{font-family:"Microsoft YaHei",sans-serif}} .content p{{text-indent:2em;line-height:2}}
table{{border-collapse:collapse}} td{{border:1px solid #000;padding:2px 4px;text-align:center}}</style>
<script>function doZoom(n){{document.getElementById("zoom").style.fontSize=n+"px";}}</script>
</head>
<body>
<nav class="crumb">首页 &gt; 政务公开 &gt; 政府文件</nav>
<div class="article">
<h1>{title}</h1>
<div class="info">{info} <span class="zoom">字体：【<a href="javascript:doZoom(18)">大</a> \
<a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a>】</span></div>
<div class="content" id="zoom">
{paragraphs}
{table}
</div>
</div>
<footer>主办：{site}办公室</footer>
</body>
</html>
"""


def _info_html(line: str) -> str:
    return " ".join(f"<span>{html.escape(item)}</span>" for item in published_info(line))


def page_html(text: str) -> str:
    """Seed 001 as the saved web page."""
    lines = notice_lines(text)
    restored = [seed001._restore(ln) for ln in lines[2:]]
    paras = []
    for ln in restored:
        style = ' style="text-align:right"' if ln in DATES.values() else ""
        if ln == seed001.META["title"]:
            style, ln = ' style="text-align:center;text-indent:0"', f"<strong>{html.escape(ln)}</strong>"
        else:
            ln = html.escape(ln, quote=False)
        paras.append(f"<p{style}>{ln}</p>")
    table = html_table(seed001.parse(text))
    return _PAGE.format(title=html.escape(lines[0]), info=_info_html(lines[1]), site=seed001.META["issuer"],
                        paragraphs="\n".join(paras), table=table)


def _write_page(out_dir: Path | str, name: str, page: str) -> Path:
    out = Path(out_dir) / name
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8", newline="\n")
    return out


def build_html(seeds_dir: Path | str, out_dir: Path | str) -> Path:
    """Write seed 001 as ``out_dir / HTML_OUTPUT``; return the path."""
    return _write_page(out_dir, HTML_OUTPUT, page_html((Path(seeds_dir) / seed001.SEED).read_text(encoding="utf-8")))


# -- a small .docx writer --------------------------------------------------------------------

_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_PARA_PROPS = {
    "body": '<w:ind w:firstLineChars="200" w:firstLine="640"/>',
    "plain": "",
    "title": '<w:pStyle w:val="DocTitle"/>',
    "heading": '<w:pStyle w:val="Heading"/>',
    "center": '<w:jc w:val="center"/>',
    "right": '<w:ind w:rightChars="400" w:right="1280"/><w:jc w:val="right"/>',
}
_SECTION_BREAK = "break"
_A4 = (11906, 16838)  # twips
_PORTRAIT_MARGINS = (2098, 1474, 1984, 1587)  # top, right, bottom, left (公文 GB/T 9704)
_LANDSCAPE_MARGINS = (1247, 1134, 1247, 1134)
_BORDERS = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                   for side in ("top", "left", "bottom", "right", "insideH", "insideV"))


def _runs(line: str) -> str:
    """The runs of one line of text (tabs as ``w:tab``)."""
    parts = [f'<w:t xml:space="preserve">{escape(p)}</w:t>' if p else "" for p in line.split("\t")]
    return f"<w:r>{'<w:tab/>'.join(parts)}</w:r>" if line else ""


def _para_xml(props: str, line: str) -> str:
    return f"<w:p><w:pPr>{props}</w:pPr>{_runs(line)}</w:p>"


def _sect_xml(landscape: bool) -> str:
    """Section properties: A4 portrait (公文 margins) or A4 landscape."""
    w, h = _A4
    top, right, bottom, left = _LANDSCAPE_MARGINS if landscape else _PORTRAIT_MARGINS
    size = f'<w:pgSz w:w="{h}" w:h="{w}" w:orient="landscape"/>' if landscape else f'<w:pgSz w:w="{w}" w:h="{h}"/>'
    return (f'<w:sectPr>{size}<w:pgMar w:top="{top}" w:right="{right}" w:bottom="{bottom}" '
            f'w:left="{left}" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>')


def _paragraphs_xml(paragraphs: Sequence[Paragraph]) -> str:
    """Body paragraphs; a ("break", "") item ends an A4 portrait section."""
    out = []
    for item in paragraphs:
        kind, text = ("body", item) if isinstance(item, str) else item
        if kind == _SECTION_BREAK:
            out.append(f"<w:p><w:pPr>{_sect_xml(landscape=False)}</w:pPr></w:p>")
        else:
            out += [_para_xml(_PARA_PROPS[kind], line) for line in text.split("\n")]
    return "".join(out)


def _cell_xml(text: str, width: int, span: int, vmerge: str, props: str) -> str:
    """One ``w:tc``: width, gridSpan, vMerge, centred vertically, one paragraph per line."""
    pr = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    pr += f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    pr += f'<w:vMerge w:val="{vmerge}"/>' if vmerge else ""
    paras = "".join(_para_xml(props, line) for line in text.split("\n"))
    return f'<w:tc><w:tcPr>{pr}<w:vAlign w:val="center"/></w:tcPr>{paras}</w:tc>'


def _row_xml(table: DocTable, r: int, widths: list[int], covers: dict[tuple[int, int], tuple[int, int, int, int]]) -> str:
    """One ``w:tr``: merged ranges become gridSpan (across) and vMerge restart/continue (down)."""
    header = r < table.header_rows
    cells, c = [], 0
    while c < len(widths):
        r0, c0, r1, c1 = covers.get((r, c), (r, c, r, c))
        vmerge = "" if r1 == r0 else "restart" if r == r0 else "continue"
        text = table.rows[r0][c0] if r == r0 and c0 < len(table.rows[r0]) else ""
        align = "center" if header or not table.align else table.align[c0]
        style = "TableHeader" if header else "TableText"
        props = f'<w:pStyle w:val="{style}"/><w:jc w:val="{align}"/>'
        cells.append(_cell_xml(text, sum(widths[c0:c1 + 1]), c1 - c0 + 1, vmerge, props))
        c = c1 + 1
    row_pr = "<w:trPr><w:tblHeader/></w:trPr>" if header else "<w:trPr><w:cantSplit/></w:trPr>"
    return f"<w:tr>{row_pr}{''.join(cells)}</w:tr>"


def _table_xml(table: DocTable, text_width: int) -> str:
    """A bordered, fixed-layout table filling the text width."""
    n = max(len(row) for row in table.rows)
    rel = table.widths or [1.0] * n
    widths = [round(text_width * w / sum(rel)) for w in rel]
    covers = {(r, c): m for m in table.merges
              for r in range(m[0], m[2] + 1) for c in range(m[1], m[3] + 1)}
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    rows = "".join(_row_xml(table, r, widths, covers) for r in range(len(table.rows)))
    pr = (f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>{_BORDERS}'
          '</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="57" w:type="dxa"/>'
          '<w:right w:w="57" w:type="dxa"/></w:tblCellMar>')
    # Word needs a paragraph after a table before the next table or the end of the body.
    return f"<w:tbl><w:tblPr>{pr}</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{rows}</w:tbl><w:p/>"


_STYLES = _XML + f"""<w:styles {_NS}><w:docDefaults><w:rPrDefault><w:rPr>\
<w:rFonts w:ascii="Times New Roman" w:eastAsia="仿宋_GB2312" w:hAnsi="Times New Roman" w:cs="Times New Roman"/>\
<w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>\
<w:pPrDefault><w:pPr><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>\
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>\
<w:pPr><w:spacing w:line="560" w:lineRule="exact"/></w:pPr></w:style>\
<w:style w:type="paragraph" w:styleId="DocTitle"><w:name w:val="Doc Title"/><w:basedOn w:val="Normal"/>\
<w:pPr><w:spacing w:before="240" w:after="240" w:line="600" w:lineRule="exact"/><w:jc w:val="center"/></w:pPr>\
<w:rPr><w:rFonts w:eastAsia="方正小标宋简体"/><w:sz w:val="44"/><w:szCs w:val="44"/></w:rPr></w:style>\
<w:style w:type="paragraph" w:styleId="Heading"><w:name w:val="Attachment Heading"/><w:basedOn w:val="Normal"/>\
<w:rPr><w:rFonts w:eastAsia="黑体"/></w:rPr></w:style>\
<w:style w:type="paragraph" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/>\
<w:pPr><w:spacing w:line="280" w:lineRule="exact"/></w:pPr><w:rPr><w:sz w:val="21"/><w:szCs w:val="21"/></w:rPr></w:style>\
<w:style w:type="paragraph" w:styleId="TableHeader"><w:name w:val="Table Header"/><w:basedOn w:val="TableText"/>\
<w:rPr><w:rFonts w:eastAsia="黑体"/></w:rPr></w:style></w:styles>"""

_CONTENT_TYPES = _XML + """<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
<Default Extension="xml" ContentType="application/xml"/>\
<Override PartName="/word/document.xml" \
ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
<Override PartName="/word/styles.xml" \
ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>\
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>\
</Types>"""

_RELS = _XML + """<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
<Relationship Id="rId1" \
Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>\
<Relationship Id="rId2" \
Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>\
</Relationships>"""

_DOC_RELS = _XML + """<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
<Relationship Id="rId1" \
Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
</Relationships>"""


def _core_xml(title: str, created: str) -> str:
    return (_XML + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
            'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:title>{escape(title)}</dc:title>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{created}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{created}</dcterms:modified></cp:coreProperties>')


def document_xml(paragraphs: Sequence[Paragraph], tables: Sequence[DocTable], *, landscape: bool = False) -> str:
    """word/document.xml: the paragraphs, then the tables, in one or two sections."""
    w, h = _A4
    top, right, bottom, left = _LANDSCAPE_MARGINS if landscape else _PORTRAIT_MARGINS
    text_width = (h if landscape else w) - left - right
    body = _paragraphs_xml(paragraphs) + "".join(_table_xml(t, text_width) for t in tables)
    return f"{_XML}<w:document {_NS}><w:body>{body}{_sect_xml(landscape)}</w:body></w:document>"


def write_docx(path: Path | str, paragraphs: Sequence[Paragraph], tables: Sequence[DocTable] = (), *,
               landscape: bool = False, title: str = "", created: str = "2023-03-31T00:00:00Z") -> Path:
    """Write a minimal, valid .docx; the same input always gives the same bytes.

    Args:
        path: the file to write.
        paragraphs: text (a body paragraph, first line indented) or (kind, text)
            with kind body/plain/title/heading/center/right, or ("break", "")
            to end an A4 portrait section (what follows is landscape when
            ``landscape``). "\\n" in a text starts a new paragraph.
        tables: written after the paragraphs, each followed by an empty paragraph.
        landscape: the last (or only) section is A4 landscape.
        title, created: docProps/core.xml title and W3CDTF dates.
    """
    parts = {
        "[Content_Types].xml": _CONTENT_TYPES,
        "_rels/.rels": _RELS,
        "docProps/core.xml": _core_xml(title, created),
        "word/_rels/document.xml.rels": _DOC_RELS,
        "word/document.xml": document_xml(paragraphs, tables, landscape=landscape),
        "word/styles.xml": _STYLES,
    }
    out = Path(path)
    with zipfile.ZipFile(out, "w") as zf:
        for name, xml in parts.items():
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, xml.encode("utf-8"))
    return out


# -- seed 000 as a Word file ------------------------------------------------------------------

def docx_paragraphs(text: str) -> list[Paragraph]:
    """The notice of seed 000 (the web page's info line dropped), then the attachment heading."""
    lines = notice_lines(text)
    title, rest = lines[0], lines[2:]
    attach = rest.index("附件")
    notice, head = rest[:attach], rest[attach + 1:]
    out: list[Paragraph] = [("title", title), ("plain", notice[0])]
    for line in notice[1:]:
        out.append(("right", line) if line in DATES.values() or line.startswith("(此件") else line)
    out += [(_SECTION_BREAK, ""), ("heading", "附件"), ("title", head[0])]
    out += [("center", line) for line in head[1:]]
    return out


def docx_table(rows: list[dict[str, Any]]) -> DocTable:
    """The attachment table of seed 000: two header rows, 工作/内容 merged down as in the .xlsx."""
    n = len(seed000.COLUMNS)
    header = [list(seed000.HEADER_TOP), seed000.HEADER_SUB + [""] * (n - len(seed000.HEADER_SUB))]
    merges = [(0, c, 1, c) for c in range(n) if c not in (1, 2, 3)] + [(0, 1, 0, 2)]
    body = [[seed000._cell(r, c) for c in range(n)] for r in rows]
    for col, key in ((1, "work"), (2, "content")):
        for first, last in seed000.merge_ranges(rows, key):
            for i in range(first + 1, last + 1):
                body[i][col] = ""  # the value sits in the first cell of the range only
            if last > first:
                merges.append((2 + first, col, 2 + last, col))
    align = ["center", "center", "center", "left", "center", "center", "left", "center", "center", "center"]
    return DocTable(header + body, merges, [float(w) for w in seed000.WIDTHS], header_rows=2, align=align)


def build_docx(seeds_dir: Path | str, out_dir: Path | str) -> Path:
    """Write seed 000 as ``out_dir / DOCX_OUTPUT``; return the path."""
    text = (Path(seeds_dir) / seed000.SEED).read_text(encoding="utf-8")
    out = Path(out_dir) / DOCX_OUTPUT
    out.parent.mkdir(parents=True, exist_ok=True)
    return write_docx(out, docx_paragraphs(text), [docx_table(seed000.parse(text))], landscape=True,
                      title=seed000.META["title"], created="2023-03-31T00:00:00Z")


def grid_html(table: DocTable) -> str:
    """A grid with merges as an HTML table: merges become rowspan/colspan."""
    starts: dict[tuple[int, int], tuple[int, int]] = {}
    covered: set[tuple[int, int]] = set()
    for r0, c0, r1, c1 in table.merges:
        starts[(r0, c0)] = (r1 - r0 + 1, c1 - c0 + 1)
        covered |= {(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)} - {(r0, c0)}
    rows = []
    for r, row in enumerate(table.rows):
        cells = []
        for c, text in enumerate(row):
            if (r, c) in covered:
                continue
            rs, cs = starts.get((r, c), (1, 1))
            attrs = (f' rowspan="{rs}"' if rs > 1 else "") + (f' colspan="{cs}"' if cs > 1 else "")
            body = "<br>".join(html.escape(x, quote=False) for x in text.split("\n")) or "&nbsp;"
            cells.append(f"<td{attrs}>{body}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return '<table border="1" cellspacing="0">\n' + "\n".join(rows) + "\n</table>"


_P_STYLES = {kind: f' style="text-align:{align}"' for kind, align in
             (("title", "center"), ("center", "center"), ("right", "right"))}


def page_html_000(text: str) -> str:
    """Seed 000 as the saved web page: the notice, then the attachment table."""
    lines = notice_lines(text)
    paras = []
    for para in docx_paragraphs(text):
        kind, line = ("body", para) if isinstance(para, str) else para
        if kind != _SECTION_BREAK:
            style = _P_STYLES.get(kind, "")
            paras.append(f"<p{style}>{html.escape(line, quote=False)}</p>")
    table = grid_html(docx_table(seed000.parse(text)))
    return _PAGE.format(title=html.escape(lines[0]), info=_info_html(lines[1]), site=seed000.META["issuer"],
                        paragraphs="\n".join(paras), table=table)


def build_html_000(seeds_dir: Path | str, out_dir: Path | str) -> Path:
    """Write seed 000 as ``out_dir / HTML_000_OUTPUT``; return the path."""
    text = (Path(seeds_dir) / seed000.SEED).read_text(encoding="utf-8")
    return _write_page(out_dir, HTML_000_OUTPUT, page_html_000(text))


def build(seeds_dir: Path | str, out_dir: Path | str) -> list[Path]:
    """Write the published pages into ``out_dir``: seeds 001 and 000 as web pages, seed 000 as Word."""
    return [build_html(seeds_dir, out_dir), build_html_000(seeds_dir, out_dir), build_docx(seeds_dir, out_dir)]


if __name__ == "__main__":
    _repo = Path(__file__).resolve().parents[2]
    for _path in build(_repo / "examples" / "sources", _repo / "examples" / "data"):
        print(_path)
