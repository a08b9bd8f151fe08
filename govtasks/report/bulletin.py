"""The quarter's 通报 as a Word document the office can edit: a docxtpl template filled from a report.

The default template (templates/bulletin.docx, built by examples/rebuild/bulletin_template.py)
follows GB/T 9704. Its placeholders, and those a custom template may use, are the keys of
:func:`bulletin_context` (templates/README.md). A template naming a placeholder that does not
exist fails with a :class:`~govtasks.errors.TemplateError` naming it, before anything is written.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

from govtasks._types import PathLike
from govtasks.errors import GovtasksError, TemplateError, WorkbookError
from govtasks.periods import Period
from govtasks.report.model import Report
from govtasks.report.rules import DONE, LAGGING, MISSING, NOT_STARTED, ON_TRACK, RED, YELLOW
from govtasks.report.stats import Counts, Stats, compute_stats, lights_sentence, overall_sentence, percent, scope_word

BULLETIN_TEMPLATE = "bulletin.docx"
NEXT_STEPS = "（请督查室填写下一步工作要求：一是……；二是……；三是……。）"
_FIELDS = {DONE: "done", ON_TRACK: "on_track", LAGGING: "lagging", NOT_STARTED: "not_started", MISSING: "missing"}
_ATTRIBUTE = re.compile(r"has no attribute '([^']+)'|'([^']+)' is undefined")


def write_bulletin(report: Report, path: PathLike, *, template: PathLike | None = None, office: str = "",
                   date: dt.date | None = None, addressees: str = "各有关单位", doc_number: str = "",
                   next_steps: str = NEXT_STEPS) -> Path:
    """Write the 通报 (.docx) of a merged report.

    Args:
        report: from :func:`govtasks.merge` (it has the statuses and lights).
        path: the .docx to write (replaced if it exists).
        template: a docxtpl .docx template; default templates/bulletin.docx.
        office: who issues it (落款); default ``<地方>人民政府督查室`` from the report's title.
        date: the date under the 落款; default today.
        addressees: 主送 (各街道、区直各单位 …).
        doc_number: 文号 or 期号 line (弋督通〔2024〕2号, 督查通报 第3期); default none.
        next_steps: the 下步工作要求 paragraph; default a placeholder for the clerk.

    Raises:
        TemplateError: the template is missing, broken, or names a placeholder that does not exist.
        WorkbookError: the file cannot be written.

    Example:
        >>> write_bulletin(merge(bd, returns), "2024年第二季度通报.docx")  # doctest: +SKIP
    """
    source = Path(template) if template is not None else default_bulletin_template()
    context = bulletin_context(report, office=office, date=date, addressees=addressees, doc_number=doc_number,
                               next_steps=next_steps)
    tpl = _load(source)
    env = _environment()
    _check(tpl, env, context, source)
    try:
        tpl.render(context, jinja_env=env)
    except Exception as exc:  # jinja2's and docxtpl's errors
        raise _template_error(exc, source) from exc
    return _save(tpl, Path(path))


def default_bulletin_template() -> Path:
    """templates/bulletin.docx (shipped in the package, else the checkout's)."""
    from govtasks.forms.template import default_dir

    return default_dir() / BULLETIN_TEMPLATE


def _environment() -> Any:
    import jinja2

    return jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False)


_LISTING = re.compile(r"[\t\a\n\f]")


def _load(source: Path) -> Any:
    from docxtpl import DocxTemplate

    class Template(DocxTemplate):  # type: ignore[misc]  # docxtpl ships no type information
        """docxtpl's template; its pass turning tab, line and page breaks in text into Word's elements
        (a regex over every run of the document) is skipped when the text has none of them."""

        def resolve_listing(self, xml: str) -> str:
            return super().resolve_listing(xml) if _LISTING.search(xml) else xml

    if not source.is_file():
        raise TemplateError(f"{source.name}: 通报模板不存在", file=source.name)
    try:
        tpl = Template(str(source))
        tpl.init_docx()
    except Exception as exc:
        raise TemplateError(f"{source.name}: 不是可用的 Word（.docx）通报模板（{exc}）", file=source.name) from exc
    return tpl


def _check(tpl: Any, env: Any, context: dict[str, Any], source: Path) -> None:
    """Every placeholder the template names must be one of the context's."""
    try:
        names = tpl.get_undeclared_template_variables(env)
    except Exception as exc:
        raise _template_error(exc, source) from exc
    unknown = sorted(set(names) - set(context))
    if unknown:
        quoted = "、".join(f"“{n}”" for n in unknown)
        raise TemplateError(f"{source.name}: 通报模板中的占位符{quoted}不存在；可用的占位符："
                            f"{'、'.join(sorted(context))}（说明见 templates/README.md）", file=source.name)


def _template_error(exc: Exception, source: Path) -> TemplateError:
    found = _ATTRIBUTE.search(str(exc))
    if found:
        name = found.group(1) or found.group(2)
        return TemplateError(f"{source.name}: 通报模板中的占位符“{name}”不存在（{exc}）；说明见 templates/README.md",
                             file=source.name)
    return TemplateError(f"{source.name}: 通报模板无法填写（{type(exc).__name__}：{exc}）", file=source.name)


def _save(tpl: Any, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".~", suffix=".docx", dir=target.parent)
    os.close(fd)
    try:
        tpl.save(tmp)
        os.replace(tmp, target)
    except PermissionError as exc:
        raise WorkbookError(f"{target.name}: 文件被占用（可能正在 Word/WPS 中打开），请关闭后重试", file=target.name) from exc
    except OSError as exc:
        raise WorkbookError(f"{target.name}: 无法写入（{exc.strerror or exc}）", file=target.name) from exc
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target


# --- the context ------------------------------------------------------------------------------------

def bulletin_context(report: Report, *, office: str = "", date: dt.date | None = None, addressees: str = "各有关单位",
                     doc_number: str = "", next_steps: str = NEXT_STEPS) -> dict[str, Any]:
    """Everything a 通报 template may name (templates/README.md): plain strings, numbers, lists and dicts."""
    if report.assessment is None:
        raise GovtasksError("该汇总结果没有完成状态，无法生成通报（请用 govtasks.merge 生成）")
    stats = compute_stats(report)
    scope = scope_word(report.title)
    period = Period.parse(report.period) if report.period else None
    when = date or dt.date.today()
    place = report.title.split("20", 1)[0].strip()
    return {
        "title": f"关于{period.label if period else ''}{scope}重点工作推进情况的通报",
        "doc_number": doc_number, "addressees": addressees,
        "office": office or (f"{place}人民政府督查室" if place else "督查室"),
        "date": f"{when.year}年{when.month}月{when.day}日", "report_title": report.title,
        "breakdown_title": report.assessment.source_title or report.title,
        "period": {"code": period.code if period else "", "label": period.label if period else ""},
        "scope": scope, "expected": percent(period.elapsed_share()) if period else "—",
        "summary": overall_sentence(stats, scope), "lights_summary": lights_sentence(stats),
        "total": _numbers(stats.total), "sections": [_section(c) for c in stats.sections],
        "units": [_unit(c) for c in stats.units], **_tasks(report), **_timeliness(stats),
        "next_steps": next_steps,
    }


def _numbers(c: Counts) -> dict[str, Any]:
    out: dict[str, Any] = {"name": c.name, "tasks": c.tasks, "green": c.count("绿"), "yellow": c.count(YELLOW),
                           "red": c.count(RED)}
    for status, key in _FIELDS.items():
        out[key] = c.count(status)
        out[f"{key}_share"] = percent(c.share(status))
    return out


def _section(c: Counts) -> dict[str, Any]:
    parts = "、".join(f"{s}{c.count(s)}项" for s in _FIELDS)
    return {**_numbers(c), "sentence": f"{c.name}：共{c.tasks}项，其中{parts}。"}


def _unit(c: Counts) -> dict[str, Any]:
    returned = c.returned + ("（逾期）" if c.on_time == "逾期" else "")
    return {**_numbers(c), "returned": returned, "on_time": c.on_time}


def _tasks(report: Report) -> dict[str, list[dict[str, str]]]:
    assert report.assessment is not None
    statuses = report.assessment.by_task()
    out: dict[str, list[dict[str, str]]] = {"red_tasks": [], "yellow_tasks": [], "missing_tasks": []}
    key = {RED: "red_tasks", YELLOW: "yellow_tasks", "": "missing_tasks"}
    for row in report.tasks:
        st = statuses[row.task_id]
        if st.light in key:
            out[key[st.light]].append({"number": row.number, "text": _one_line(row.text), "lead": "、".join(row.lead),
                                       "status": st.status, "light": st.light, "reason": st.reason.rstrip("。")})
    return out


def _one_line(text: str) -> str:
    """A task's text in a paragraph of the 通报: its line breaks become spaces."""
    return " ".join(text.split("\n")) if "\n" in text else text


def _timeliness(stats: Stats) -> dict[str, Any]:
    t = stats.timeliness
    due = f"报送截止日期为{t.due.year}年{t.due.month}月{t.due.day}日，" if t.due else ""
    rate = f"，报送及时率{percent(t.rate)}" if t.rate is not None else ""
    sentence = (f"{due}应报送单位{t.units}个，已报送{t.returned}个，报送率{percent(t.returned_rate)}；"
                f"按时报送{t.on_time}个{rate}；逾期报送{len(t.late)}个，未报送{len(t.missing)}个。") if t.due else \
        f"应报送单位{t.units}个，已报送{t.returned}个，报送率{percent(t.returned_rate)}；未报送{len(t.missing)}个。"
    return {"timeliness": {"sentence": sentence, "units": t.units, "returned": t.returned, "on_time": t.on_time,
                           "rate": percent(t.rate) if t.rate is not None else "", "due": t.due.isoformat() if t.due else ""},
            "late_units": list(t.late), "missing_units": list(t.missing)}


# --- PDF ----------------------------------------------------------------------------------------------

def write_pdfs(paths: list[Path]) -> list[Path]:
    """A PDF beside each file (report .xlsx, 通报 .docx) with LibreOffice, in one soffice call.

    Raises:
        WorkbookError: LibreOffice is not installed, or wrote no PDF for a file.
    """
    from govtasks.io.libreoffice import convert_with_libreoffice

    work = Path(tempfile.mkdtemp(prefix="govtasks-pdf-"))
    try:
        _font_replacements(work / "profile")
        converted = convert_with_libreoffice(paths, work, fmt="pdf")
        out = []
        for src in paths:
            got = converted.get(src)
            if got is None:
                raise WorkbookError(f"{src.name}: LibreOffice 未能生成 PDF", file=src.name)
            target = src.with_suffix(".pdf")
            shutil.move(str(got), target)
            out.append(target)
        return out
    finally:
        shutil.rmtree(work, ignore_errors=True)


PDF_FONTS = {"方正小标宋简体": "Noto Serif CJK SC", "仿宋_GB2312": "Noto Serif CJK SC", "仿宋": "Noto Serif CJK SC",
             "楷体_GB2312": "Noto Serif CJK SC", "楷体": "Noto Serif CJK SC", "宋体": "Noto Serif CJK SC",
             "黑体": "Noto Sans CJK SC"}
"""LibreOffice's replacement table for the PDFs: the 公文 fonts (rarely installed on Linux) print in the
serif or sans CJK face of the same style, when that face is installed; otherwise LibreOffice's own
per-glyph fallback applies."""


def _font_replacements(profile: Path) -> None:
    """Seed the private LibreOffice profile with the replacement table (Tools ▸ Options ▸ Fonts)."""
    pairs = "".join(
        f'<node oor:name="_{i}" oor:op="replace">'
        '<prop oor:name="Always" oor:op="fuse"><value>true</value></prop>'
        '<prop oor:name="OnScreenOnly" oor:op="fuse"><value>false</value></prop>'
        f'<prop oor:name="ReplaceFont" oor:op="fuse"><value>{name}</value></prop>'
        f'<prop oor:name="SubstituteFont" oor:op="fuse"><value>{face}</value></prop></node>'
        for i, (name, face) in enumerate(PDF_FONTS.items()))
    xml = ('<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
           'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
           '<item oor:path="/org.openoffice.Office.Common/Font/Substitution">'
           '<prop oor:name="Replacement" oor:op="fuse"><value>true</value></prop></item>'
           f'<item oor:path="/org.openoffice.Office.Common/Font/Substitution/FontPairs">{pairs}</item></oor:items>\n')
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(xml, encoding="utf-8")
