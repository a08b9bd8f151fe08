"""Automatic numbering: the numbers Word's numbering button puts before paragraphs are in no
paragraph's text, only in word/numbering.xml (govtasks/breakdown/wordnum.py), and those a browser
puts before the items of an ``<ol>`` are in no element's text (html.py). The Word documents here are
written by LibreOffice (a real second client) from ODF text, or built part by part where a test needs
one numbering feature; the expected numbers are those a reader sees in the document."""

from __future__ import annotations

import zipfile
from pathlib import Path

import govtasks as gt
from govtasks.breakdown.docx import read_docx
from govtasks.breakdown.html import read_html

_ODF = ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:version="1.3" '
        'office:mimetype="application/vnd.oasis.opendocument.text"><office:automatic-styles>{styles}</office:automatic-styles>'
        '<office:body><office:text>{body}</office:text></office:body></office:document>')

_LEVELS = ('<text:list-style style:name="L1">'
           '<text:list-level-style-number text:level="1" style:num-format="一, 二, 三, ..." style:num-suffix="、"/>'
           '<text:list-level-style-number text:level="2" style:num-format="一, 二, 三, ..." style:num-prefix="（" style:num-suffix="）"/>'
           '<text:list-level-style-number text:level="3" style:num-format="1" style:num-suffix="."/></text:list-style>')


def _item(text: str, inner: str = "") -> str:
    return f"<text:list-item><text:p>{text}</text:p>{f'<text:list>{inner}</text:list>' if inner else ''}</text:list-item>"


def _word(libreoffice, tmp_path: Path, name: str, styles: str, body: str) -> Path:  # type: ignore[no-untyped-def]
    src = tmp_path / f"{name}.fodt"
    src.write_text(_ODF.format(styles=styles, body=body), encoding="utf-8")
    return libreoffice(src, "docx", tmp_path / "out")


def test_a_notice_numbered_by_words_numbering_button(libreoffice, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # 一、 / （一） / 1. from a three-level list: no number is in any paragraph's text. The tasks'
    # numbers restart under each （一）, as Word and LibreOffice show them.
    body = ("<text:p>某区2024年政府工作报告重点工作任务分解</text:p><text:list text:style-name=\"L1\">"
            + _item("经济发展",
                    _item("扩大有效投资",
                          _item("推进重点项目建设，全年完成投资100亿元。（区发改委牵头，区财政局配合）")
                          + _item("加快专项债券项目建设。（区财政局牵头）"))
                    + _item("促进消费升级", _item("举办消费季活动20场。（区商务局牵头）")))
            + _item("民生保障", _item("稳定扩大就业", _item("城镇新增就业5000人。（区人社局牵头，各街道配合）")))
            + "</text:list>")
    docx = _word(libreoffice, tmp_path, "某区通知", _LEVELS, body)
    assert read_docx(docx.read_bytes(), docx.name)[1][:4] == [
        "某区2024年政府工作报告重点工作任务分解", "一、经济发展", "（一）扩大有效投资", "1.推进重点项目建设，全年完成投资100亿元。（区发改委牵头，区财政局配合）"]
    bd = gt.import_breakdown(docx)
    assert [(t.number, t.path, t.text, t.lead, t.coop) for t in bd.tasks] == [
        ("1", ("一、经济发展", "（一）扩大有效投资"), "推进重点项目建设，全年完成投资100亿元。", ("区发改委",), ("区财政局",)),
        ("2", ("一、经济发展", "（一）扩大有效投资"), "加快专项债券项目建设。", ("区财政局",), ()),
        ("1", ("一、经济发展", "（二）促进消费升级"), "举办消费季活动20场。", ("区商务局",), ()),
        ("1", ("二、民生保障", "（一）稳定扩大就业"), "城镇新增就业5000人。", ("区人社局",), ("各街道",)),
    ]


def test_a_table_whose_number_column_is_numbered_by_word(libreoffice, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # The 序号 cells are empty paragraphs of one numbered list that runs down the column.
    rows = [("推进重点项目建设。", "区发改委", "区财政局"), ("加快专项债券项目建设。", "区财政局", ""), ("城镇新增就业5000人。", "区人社局", "")]
    cell = "<table:table-cell><text:p>{}</text:p></table:table-cell>"
    body = ("<table:table table:name=\"T1\"><table:table-column table:number-columns-repeated=\"4\"/><table:table-row>"
            + "".join(cell.format(h) for h in ("序号", "工作任务", "牵头单位", "配合单位")) + "</table:table-row>"
            + "".join("<table:table-row><table:table-cell><text:list text:style-name=\"L2\""
                      + (' text:continue-numbering="true"' if i else "") + "><text:list-item><text:p/></text:list-item>"
                      "</text:list></table:table-cell>" + "".join(cell.format(v) for v in row) + "</table:table-row>"
                      for i, row in enumerate(rows))
            + "</table:table>")
    styles = '<text:list-style style:name="L2"><text:list-level-style-number text:level="1" style:num-format="1"/></text:list-style>'
    bd = gt.import_breakdown(_word(libreoffice, tmp_path, "分解表", styles, body))
    assert [(t.id, t.number, t.text, t.lead) for t in bd.tasks] == [
        ("T001", "1", "推进重点项目建设。", ("区发改委",)),
        ("T002", "2", "加快专项债券项目建设。", ("区财政局",)),
        ("T003", "3", "城镇新增就业5000人。", ("区人社局",)),
    ]


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def _parts(path: Path, paragraphs: str, numbering: str, styles: str = "") -> Path:
    """A .docx of the given document body, numbering.xml and styles.xml contents."""
    types = ('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
             'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
    rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{_REL}officeDocument" Target="word/document.xml"/></Relationships>')
    doc_rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                f'<Relationship Id="rId1" Type="{_REL}numbering" Target="numbering.xml"/>'
                f'<Relationship Id="rId2" Type="{_REL}styles" Target="styles.xml"/></Relationships>')
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", types)
        z.writestr("_rels/.rels", rels)
        z.writestr("word/_rels/document.xml.rels", doc_rels)
        z.writestr("word/document.xml", f"<w:document {_W}><w:body>{paragraphs}</w:body></w:document>")
        z.writestr("word/numbering.xml", f"<w:numbering {_W}>{numbering}</w:numbering>")
        z.writestr("word/styles.xml", f"<w:styles {_W}>{styles}</w:styles>")
    return path


def _lvl(ilvl: int, fmt: str, text: str, start: int = 1) -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/></w:lvl>')


def _p(text: str, num: int | None = None, ilvl: int = 0, style: str = "") -> str:
    ppr = (f'<w:pStyle w:val="{style}"/>' if style else "") + (
        f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr>' if num is not None else "")
    return f"<w:p><w:pPr>{ppr}</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"


def test_number_formats_counters_restarts_and_styles(libreoffice, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    numbering = (
        '<w:abstractNum w:abstractNumId="0">' + _lvl(0, "chineseCountingThousand", "%1、")
        + _lvl(1, "decimal", "%1.%2") + "</w:abstractNum>"
        '<w:abstractNum w:abstractNumId="1">' + _lvl(0, "decimalEnclosedCircle", "%1", start=20) + "</w:abstractNum>"
        '<w:abstractNum w:abstractNumId="2">' + _lvl(0, "bullet", "●") + "</w:abstractNum>"
        '<w:abstractNum w:abstractNumId="3">' + _lvl(0, "ideographTraditional", "%1.") + "</w:abstractNum>"
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
        '<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>'
        '<w:num w:numId="4"><w:abstractNumId w:val="3"/></w:num>'
        '<w:num w:numId="5"><w:abstractNumId w:val="3"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/>'
        "</w:lvlOverride></w:num>")
    styles = ('<w:style w:type="paragraph" w:styleId="Item"><w:name w:val="Item"/><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="4"/></w:numPr></w:pPr></w:style>'
              '<w:style w:type="paragraph" w:styleId="SubItem"><w:name w:val="SubItem"/><w:basedOn w:val="Item"/></w:style>')
    body = ("".join(_p(f"第{k}项", 1) for k in range(1, 12))  # 一、 … 十一、
            + _p("子项", 1, 1) + _p("子项", 1, 1) + _p("第十二项", 1) + _p("子项", 1, 1)  # the sub-level restarts
            + _p("圈二十", 2) + _p("圈二十一", 2)
            + _p("要点", 3)
            + _p("甲项", style="Item") + _p("乙项", style="SubItem") + _p("重新编号", 5) + _p("不编号")
            + '<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr><w:r><w:t>有制表位</w:t></w:r></w:p>')
    docx = _parts(tmp_path / "formats.docx", body, numbering, styles)
    ours = read_docx(docx.read_bytes(), docx.name)[1]
    assert ours == [
        "一、第1项", "二、第2项", "三、第3项", "四、第4项", "五、第5项", "六、第6项", "七、第7项", "八、第8项", "九、第9项",
        "十、第10项", "十一、第11项", "十一.1 子项", "十一.2 子项", "十二、第十二项", "十二.1 子项",  # %1 in its own format
        "⑳ 圈二十", "㉑ 圈二十一",
        "要点",
        "甲.甲项", "乙.乙项", "甲.重新编号", "不编号", "有制表位",
    ]
    # LibreOffice, reading the same file, shows the same numbers (its text export puts a tab after each
    # number; a bullet, which govtasks leaves out, is shown as •)
    export = libreoffice(docx, "txt:Text", tmp_path / "lo").read_text(encoding="utf-8-sig")
    shown = [line.strip().replace("\t", " ").removeprefix("• ") for line in export.splitlines() if line.strip()]
    assert [line.replace(" ", "") for line in shown] == [line.replace(" ", "") for line in ours]


_PAGE = """<html><head><meta charset="utf-8"></head><body>
<p>某区2024年重点工作任务分解</p>
<ol style="list-style-type: cjk-ideographic">
 <li>经济发展
  <ol>
   <li>推进重点项目建设，全年完成投资100亿元。（区发改委牵头，区财政局配合）</li>
   <li>加快专项债券项目建设。（区财政局牵头）</li>
  </ol>
 </li>
 <li>民生保障
  <ol start="3">
   <li>城镇新增就业5000人。（区人社局牵头）</li>
   <li>新建养老服务站10个。<ul><li>社区站6个</li></ul>（区民政局牵头）</li>
  </ol>
 </li>
</ol>
</body></html>"""


def test_a_web_page_numbered_by_its_ordered_lists(tmp_path: Path) -> None:
    # A browser shows 一、 for list-style-type cjk-ideographic, "1. " for a plain <ol>, and counts on
    # from start=; a <ul>'s items get no number.
    page = tmp_path / "某区.html"
    page.write_text(_PAGE, encoding="utf-8")
    assert read_html(page.read_bytes(), page.name)[1].split("\n") == [
        "某区2024年重点工作任务分解", "一、经济发展", "1. 推进重点项目建设，全年完成投资100亿元。（区发改委牵头，区财政局配合）",
        "2. 加快专项债券项目建设。（区财政局牵头）", "二、民生保障", "3. 城镇新增就业5000人。（区人社局牵头）", "4. 新建养老服务站10个。",
        "社区站6个", "（区民政局牵头）"]
    bd = gt.import_breakdown(page)
    assert [(t.number, t.path, t.text, t.lead, t.coop) for t in bd.tasks] == [
        ("1", ("一、经济发展",), "推进重点项目建设，全年完成投资100亿元。", ("区发改委",), ("区财政局",)),
        ("2", ("一、经济发展",), "加快专项债券项目建设。", ("区财政局",), ()),
        ("3", ("二、民生保障",), "城镇新增就业5000人。", ("区人社局",), ()),
        ("4", ("二、民生保障",), "新建养老服务站10个。社区站6个", ("区民政局",), ()),
    ]


def test_ordered_list_types_starts_and_values_as_libreoffice_shows_them(libreoffice, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = tmp_path / "lists.html"
    page.write_text('<html><head><meta charset="utf-8"></head><body><ol type="I"><li>甲</li><li>乙</li></ol>'
                    '<ol type="a" start="3"><li>丙</li><li value="7">丁</li><li>戊</li></ol>'
                    '<ol type="i"><li>辛</li><li>壬</li><li>癸</li><li>子</li></ol></body></html>', encoding="utf-8")
    ours = read_html(page.read_bytes(), page.name)[1].split("\n")
    assert ours == ["I. 甲", "II. 乙", "c. 丙", "g. 丁", "h. 戊", "i. 辛", "ii. 壬", "iii. 癸", "iv. 子"]
    export = libreoffice(page, "txt:Text", tmp_path / "lo").read_text(encoding="utf-8-sig")
    assert [line.strip() for line in export.splitlines() if line.strip()] == ours
    # reversed (which LibreOffice does not show): counts down, as browsers do
    page.write_text('<ol reversed start="3"><li>己</li><li>庚</li></ol>', encoding="utf-8")
    assert read_html(page.read_bytes(), page.name)[1].split("\n") == ["3. 己", "2. 庚"]
