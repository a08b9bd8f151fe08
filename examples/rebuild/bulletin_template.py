"""Build the default 通报 template, templates/bulletin.docx (docxtpl placeholders), with python-docx.

    python examples/rebuild/bulletin_template.py [OUT.docx]     # default: templates/bulletin.docx

The template is an ordinary Word document that a 督查室 could have typed; this script only
makes it reproducible. It follows GB/T 9704 (党政机关公文格式):

* A4, margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (版心 156 × 225 mm), 22
  lines of 28 characters (a line grid of 28.95 pt; body characters condensed by 0.2 pt, so 28
  of them fill the 156 mm line — Word's and LibreOffice's character grids differ, a line grid
  and condensed spacing read the same in both);
* title 2号 (22 pt) 方正小标宋简体, centred; body 3号 (16 pt) 仿宋_GB2312, first line indented
  two characters, lines exactly 28.95 pt; 一、 headings 3号 黑体, （一） headings 3号 楷体_GB2312;
  tables in 仿宋_GB2312 12 pt;
* page numbers 4号 (14 pt) 宋体 as "— 1 —", odd pages right and even pages left.

The fonts are the ones offices use. Each is declared in the font table with the name of a
common font for the same style (``w:altName``: 仿宋, 楷体, 黑体, 宋体), the GB2312 character
set and a serif or sans family, so that Word, WPS and LibreOffice can substitute a font that
is installed (LibreOffice: Noto Serif CJK SC / Noto Sans CJK SC).

The placeholders (docxtpl: ``{{ … }}``, ``{%p … %}`` paragraphs, ``{%tr … %}`` table rows)
are listed in templates/README.md.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

REPO = Path(__file__).resolve().parent.parent.parent
TITLE_FONT, BODY_FONT, HEI_FONT, KAI_FONT, SONG_FONT = "方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312", "宋体"
LATIN_FONT = "Times New Roman"
FONTS = {  # name → (altName, family): the font table's hints for substitution
    TITLE_FONT: ("宋体", "roman"), BODY_FONT: ("仿宋", "roman"), HEI_FONT: ("SimHei", "swiss"),
    KAI_FONT: ("楷体", "roman"), SONG_FONT: ("SimSun", "roman"),
}
LINE = Pt(28.95)  # 225 mm / 22 lines
UNIT_COLUMNS = (("单位", "u.name", 36), ("牵头任务", "u.tasks", 16), ("已完成", "u.done", 14), ("序时推进", "u.on_track", 16),
                ("滞后", "u.lagging", 12), ("未启动", "u.not_started", 14), ("未报送", "u.missing", 14),
                ("报送情况", "u.returned", 18))


def set_fonts(run_or_style: object, east_asia: str, size: float, *, bold: bool = False) -> None:
    """Font of a run or style: the Chinese font for East Asian text, Times New Roman for Latin."""
    font = run_or_style.font  # type: ignore[attr-defined]
    font.name = LATIN_FONT
    font.size = Pt(size)
    font.bold = bold
    element = run_or_style.element if hasattr(run_or_style, "element") else run_or_style._element  # type: ignore[attr-defined]
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)


def defaults(doc: Document) -> None:
    """The document defaults: explicit fonts (no theme fonts, which would win over them), Chinese, no spacing."""
    root = doc.styles.element
    for fonts in root.iter(qn("w:rFonts")):
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attr), None)
        fonts.set(qn("w:ascii"), LATIN_FONT)
        fonts.set(qn("w:hAnsi"), LATIN_FONT)
        fonts.set(qn("w:eastAsia"), BODY_FONT)
    for size in root.find(qn("w:docDefaults")).iter(qn("w:sz")):
        size.set(qn("w:val"), "32")  # 3号: the grid's character is a body character
    for lang in root.iter(qn("w:lang")):
        lang.set(qn("w:val"), "en-US")
        lang.set(qn("w:eastAsia"), "zh-CN")
    for spacing in root.find(qn("w:docDefaults")).iter(qn("w:spacing")):
        spacing.set(qn("w:after"), "0")


def styles(doc: Document) -> None:
    """Normal (body), 公文标题, 一级标题 (黑体), 二级标题 (楷体), 表格文字, 页码."""
    defaults(doc)
    normal = doc.styles["Normal"]
    set_fonts(normal, BODY_FONT, 16)
    condensed = OxmlElement("w:spacing")  # 28 characters of 3号 in the 156 mm line: 15.8 pt each
    condensed.set(qn("w:val"), "-4")
    normal.element.get_or_add_rPr().append(condensed)
    pf = normal.paragraph_format
    pf.line_spacing_rule, pf.line_spacing = WD_LINE_SPACING.EXACTLY, LINE
    pf.space_before = pf.space_after = Pt(0)
    pf.first_line_indent = Pt(32)  # two characters of 3号
    for name, font, size, indent, align in (("公文标题", TITLE_FONT, 22, 0, WD_ALIGN_PARAGRAPH.CENTER),
                                            ("一级标题", HEI_FONT, 16, 32, None), ("二级标题", KAI_FONT, 16, 32, None),
                                            ("表格文字", BODY_FONT, 12, 0, WD_ALIGN_PARAGRAPH.CENTER),
                                            ("页码", SONG_FONT, 14, 0, None), ("主送", BODY_FONT, 16, 0, None),
                                            ("落款", BODY_FONT, 16, 0, WD_ALIGN_PARAGRAPH.RIGHT)):
        style = doc.styles.add_style(name, 1)
        style.base_style = normal
        set_fonts(style, font, size)
        style.paragraph_format.first_line_indent = Pt(indent)
        if align is not None:
            style.paragraph_format.alignment = align
    doc.styles["公文标题"].paragraph_format.line_spacing = Pt(35)
    table = doc.styles["表格文字"].paragraph_format
    table.line_spacing_rule = WD_LINE_SPACING.SINGLE
    off = OxmlElement("w:snapToGrid")  # table text keeps its own spacing, not the page's character grid
    off.set(qn("w:val"), "0")
    doc.styles["表格文字"].element.get_or_add_pPr().append(off)
    doc.styles["落款"].paragraph_format.right_indent = Pt(64)


def page(doc: Document) -> None:
    """A4 portrait, the GB/T 9704 margins, a line grid of 22 lines, odd/even page numbers."""
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(25)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), "579")  # 22 lines: 28.95 pt in twentieths of a point
    doc.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(section.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT)


def _page_number(paragraph: object, align: WD_ALIGN_PARAGRAPH) -> None:
    """"— N —" with a PAGE field, one character in from the edge."""
    paragraph.style = "页码"  # type: ignore[attr-defined]
    paragraph.alignment = align  # type: ignore[attr-defined]
    fmt = paragraph.paragraph_format  # type: ignore[attr-defined]
    fmt.first_line_indent = Pt(0)
    if align == WD_ALIGN_PARAGRAPH.RIGHT:
        fmt.right_indent = Pt(14)
    else:
        fmt.left_indent = Pt(14)
    paragraph.add_run("— ")  # type: ignore[attr-defined]
    run = paragraph.add_run()  # type: ignore[attr-defined]
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text == "1":
            el = OxmlElement("w:t")
            el.text = text
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)
    paragraph.add_run(" —")  # type: ignore[attr-defined]


def font_table(doc: Document) -> None:
    """Declare each font with its substitution hints (altName, GB2312 charset, family) in word/fontTable.xml."""
    from lxml import etree

    part = next(rel.target_part for rel in doc.part.rels.values() if rel.reltype.endswith("/fontTable"))
    root = etree.fromstring(part.blob)
    for child in list(root):
        if child.get(qn("w:name")) in FONTS:
            root.remove(child)
    for name, (alt, family) in FONTS.items():
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), name)
        for tag, value in (("w:altName", alt), ("w:charset", "86"), ("w:family", family), ("w:pitch", "variable")):
            etree.SubElement(font, qn(tag)).set(qn("w:val"), value)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def body(doc: Document) -> None:
    """The 通报's text with its placeholders."""
    add = doc.add_paragraph
    add("{{ doc_number }}", style="主送").alignment = WD_ALIGN_PARAGRAPH.CENTER
    add("{{ title }}", style="公文标题")
    add("", style="主送")
    add("{{ addressees }}：", style="主送")
    add("为推动《{{ breakdown_title }}》确定的各项重点工作落地见效，{{ office }}对{{ period.label }}重点工作推进情况进行了"
        "督查汇总（序时进度{{ expected }}）。现将有关情况通报如下：")
    add("一、总体情况", style="一级标题")
    add("{{ summary }}{{ lights_summary }}")
    add("{{ timeliness.sentence }}")
    add("二、各板块推进情况", style="一级标题")
    add("{%p for s in sections %}")
    add("{{ s.sentence }}")
    add("{%p endfor %}")
    add("三、各单位推进情况", style="一级标题")
    add("各牵头单位牵头任务推进情况如下表：")
    _unit_table(doc)
    add("四、需要重点关注的任务", style="一级标题")
    for heading, name in (("（一）红灯任务（{{ red_tasks|length }}项）", "red_tasks"),
                          ("（二）黄灯任务（{{ yellow_tasks|length }}项）", "yellow_tasks"),
                          ("（三）牵头单位未报送的任务（{{ missing_tasks|length }}项）", "missing_tasks")):
        add(heading, style="二级标题")
        add(f"{{%p if not {name} %}}")
        add("无。")
        add("{%p endif %}")
        add(f"{{%p for t in {name} %}}")
        add("{{ loop.index }}.第{{ t.number }}项：{{ t.text }}（牵头单位：{{ t.lead }}）。{{ t.reason }}。")
        add("{%p endfor %}")
    add("五、报送情况", style="一级标题")
    add("逾期报送的单位（{{ late_units|length }}个）：{{ late_units|join('、') or '无' }}。")
    add("未报送的单位（{{ missing_units|length }}个）：{{ missing_units|join('、') or '无' }}。")
    add("六、下步工作要求", style="一级标题")
    add("{{ next_steps }}")
    add("", style="主送")
    add("{{ office }}", style="落款")
    add("{{ date }}", style="落款")


def _unit_table(doc: Document) -> None:
    table = doc.add_table(rows=4, cols=len(UNIT_COLUMNS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for c, (label, value, width) in enumerate(UNIT_COLUMNS):
        table.columns[c].width = Mm(width)
        for r, text in enumerate((label, "{%tr for u in units %}" if c == 0 else "", f"{{{{ {value} }}}}",
                                  "{%tr endfor %}" if c == 0 else "")):
            cell = table.cell(r, c)
            cell.width = Mm(width)
            paragraph = cell.paragraphs[0]
            paragraph.style = "表格文字"
            run = paragraph.add_run(text)
            if r == 0:
                set_fonts(run, HEI_FONT, 12)


def build(out: Path) -> Path:
    doc = Document()
    styles(doc)
    page(doc)
    body(doc)
    font_table(doc)
    props = doc.core_properties
    props.title, props.author = "重点工作推进情况通报（模板）", "govtasks"
    props.created = props.modified = dt.datetime(2024, 1, 1)
    props.revision = 1
    out.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(out))
    return out


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "templates" / "bulletin.docx"
    print(build(target))
