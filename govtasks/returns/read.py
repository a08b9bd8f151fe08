"""Read returned forms: a folder (or files) → :class:`~govtasks.returns.model.Returns`.

Files are read with python-calamine (.xlsx/.xlsm/.xls/.ods); .et files and
anything calamine cannot open go through LibreOffice in one batch when it is
installed. Each workbook is identified (unit, period) and its rows matched to
tasks (see :mod:`.form` and :mod:`.match`; rules in docs/returns.md). Then, per
unit, one file is chosen — right period first, then the newest — and every unit
with tasks but no file is reported missing.
"""

from __future__ import annotations

import datetime as dt
import glob
import os
import tempfile
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Callable

from govtasks import issues as codes
from govtasks._types import PathsLike
from govtasks.errors import WorkbookError
from govtasks.forms.rounds import COOP, LEAD, ROUND_LABELS, parse_round
from govtasks.io.libreoffice import convert_with_libreoffice, libreoffice_path
from govtasks.io.workbook import (
    GRID_EXTENSIONS,
    RawSheet,
    Workbook,
    parse_sheets,
    read_bytes,
    read_workbook,
    text_workbook,
)
from govtasks.issues import Issue, IssueList, Severity
from govtasks.model import Breakdown, CellRef
from govtasks.outputs import KIND_LABELS, LISTS_SHEET, kind_of
from govtasks.periods import Period
from govtasks.returns.form import FormRead, read_form
from govtasks.returns.match import Context
from govtasks.returns.model import OtherVersion, Progress, ReturnFile, Returns
from govtasks.returns.status import missing_returns, parse_due, period_year_issue
from govtasks.returns.versions import combine, file_states

ProgressCallback = Callable[[int, int, str], None]
"""``on_progress(done, total, file_name)``, called after each file is read."""

CONVERT_EXTENSIONS = (".et", ".ett", ".xlt", ".xltx", ".ots", ".fods", ".xml", ".htm", ".html", ".dbf", ".numbers")
"""Spreadsheet types calamine does not read; LibreOffice converts them."""
_SKIP_PREFIXES = ("~$", ".~", ".")


def read_returns(paths: PathsLike, breakdown: Breakdown, *, period: str | Period | None = None,
                 due: dt.date | str | None = None, strict: bool = False, libreoffice: bool = True,
                 on_progress: ProgressCallback | None = None, round: str | None = None) -> Returns:
    """Read returned forms.

    Args:
        paths: a folder (searched recursively), a glob pattern, a file, or several of these.
        breakdown: the breakdown the forms were made from.
        period: the period being collected (``"2024Q2"``); default: the period most returns carry.
        due: the due date (a date, ``"2024-06-25"`` or ``"6月25日"``): each unit is marked 按时 or 逾期
            by its file's saved time (else the file's time).
        strict: raise IssuesFoundError when there are errors.
        libreoffice: convert .et files and files calamine cannot open with LibreOffice (if installed).
        on_progress: called as ``on_progress(done, total, file_name)`` after each file.
        round: the round being collected, in two rounds (govtasks/forms/rounds.py): ``"coop"``
            (round one, the cooperating units' forms, e.g. to pre-fill the lead forms with),
            ``"lead"`` (round two, the lead units' forms: the office's merge) or ``"one"``;
            default: ``"lead"`` if any form is a lead-round form, else ``"coop"`` if any is a
            round-one form, else one round. Only the units with tasks in the round are expected.

    Raises:
        WorkbookError: a path does not exist.
        GovtasksError: an unknown ``round``.

    Example:
        >>> rets = read_returns("收到的报表/", bd, period="2024Q2")  # doctest: +SKIP
        >>> rets.issues.to_frame()                                   # doctest: +SKIP
    """
    sources = collect_files(paths)
    ctx = Context(breakdown)
    forms, others, issues = _read_all(sources, ctx, libreoffice, on_progress)
    target = Period.parse(period) if isinstance(period, str) else period or _usual_period(forms)
    rnd = parse_round(round) if round is not None else _usual_round(forms)
    files, entries, chosen_issues, kept = choose(forms, target, rnd)
    files = sorted(files + others, key=lambda f: f.file)
    issues += period_year_issue(breakdown, target) + chosen_issues + missing_returns(breakdown, files, rnd)
    year = target.year if target else breakdown.year
    returns = Returns(entries=tuple(entries), files=tuple(files), issues=IssueList(issues),
                      period=target.code if target else "", due=parse_due(due, year) if isinstance(due, str) else due,
                      versions=tuple(kept), round=rnd or "")
    if strict:
        returns.issues.raise_if_errors()
    return returns


def collect_files(paths: PathsLike) -> list[tuple[Path, str]]:
    """(path, display name) of every file: folders recursively, globs expanded; lock/hidden files skipped."""
    items = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    out: dict[Path, str] = {}
    for item in items:
        p = Path(item)
        if p.is_dir():
            for f, rel in _files_under(p):
                out.setdefault(f, rel)
        elif p.is_file():
            out.setdefault(p, p.name)
        elif any(ch in str(item) for ch in "*?["):
            for found in map(Path, sorted(glob.glob(str(item), recursive=True))):
                if found.is_file() and not found.name.startswith(_SKIP_PREFIXES):
                    out.setdefault(found, found.name)
        else:
            raise WorkbookError(f"{p}: 文件或文件夹不存在", file=str(p))
    return sorted(out.items(), key=lambda kv: kv[1])


def _files_under(folder: Path) -> list[tuple[Path, str]]:
    """(path, path relative to ``folder`` with "/") of the files below it, skipping lock and hidden
    files and folders; symlinked folders are not entered."""
    out: list[tuple[Path, str]] = []
    for here, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(_SKIP_PREFIXES)]
        rel = Path(here).relative_to(folder).as_posix()
        prefix = "" if rel == "." else f"{rel}/"
        out += [(Path(here, n), prefix + n) for n in names if not n.startswith(_SKIP_PREFIXES)]
    return out


def _record(path: Path, name: str) -> ReturnFile:
    try:
        mtime: dt.datetime | None = dt.datetime.fromtimestamp(path.stat().st_mtime)
    except OSError:
        mtime = None
    return ReturnFile(file=name, mtime=mtime)


def _kind(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in GRID_EXTENSIONS:
        return "grid"
    return "convert" if suffix in CONVERT_EXTENSIONS else "other"


_NOT_WORKBOOK = "not-a-workbook"


PARSE_THREADS = 2
"""Threads that run calamine's parse (it releases the GIL) for a batch of files while the main
thread waits; the main thread then turns the batch into forms. 1,500 returns: 13 % off the
merge job (benchmarks/README.md)."""
BATCH = 64
"""Files parsed per batch (bounds the parsed workbooks held at once)."""


def _parse(source: tuple[Path, str]) -> list[RawSheet] | WorkbookError | None:
    """calamine's parse of a workbook's sheets, or its read error; None for a file parsed later
    (a .csv) or not at all (not a workbook)."""
    path, name = source
    if _kind(path) == "other" or path.suffix.lower() == ".csv":
        return None
    try:
        return parse_sheets(path, name, skip_hidden=(LISTS_SHEET,))
    except WorkbookError as exc:
        return exc


def _read_one(path: Path, name: str, parsed: list[RawSheet] | WorkbookError | None, ctx: Context,
              record: ReturnFile) -> FormRead | WorkbookError | str:
    """One file: its form, its read error (the file may still convert), or why it is not a form."""
    if _kind(path) == "other":
        return _NOT_WORKBOOK
    if isinstance(parsed, WorkbookError):
        return parsed
    try:
        if parsed is None:
            wb = read_workbook(path, display_name=name, details=True)
        else:
            wb = text_workbook(name, read_bytes(path, display_name=name), parsed, details=True)
    except WorkbookError as exc:
        return exc
    return _form_or_why(wb, ctx, record)


def _read_all(sources: list[tuple[Path, str]], ctx: Context, use_lo: bool,
              on_progress: ProgressCallback | None) -> tuple[list[FormRead], list[ReturnFile], list[Issue]]:
    forms: list[FormRead] = []
    others: list[ReturnFile] = []
    issues: list[Issue] = []
    retry: list[tuple[Path, ReturnFile, str]] = []
    done = 0
    with ThreadPoolExecutor(PARSE_THREADS, thread_name_prefix="govtasks-parse") as pool:
        for start in range(0, len(sources), BATCH):
            batch = sources[start:start + BATCH]
            for (path, name), parsed in zip(batch, list(pool.map(_parse, batch))):
                record = _record(path, name)
                _sort(_read_one(path, name, parsed, ctx, record), path, record, forms, others, issues, retry)
                done += 1
                if on_progress is not None:
                    on_progress(done, len(sources), name)
    _convert(retry, ctx, use_lo, forms, others, issues)
    return forms, others, issues


def _sort(got: FormRead | WorkbookError | str, path: Path, record: ReturnFile, forms: list[FormRead],
          others: list[ReturnFile], issues: list[Issue], retry: list[tuple[Path, ReturnFile, str]]) -> None:
    """File one file's outcome: a form, a file that is not one, or one to retry through LibreOffice."""
    if got == _NOT_WORKBOOK:
        others.append(_not_form(record, issues, f"不是 Excel 工作簿（{path.suffix or '无扩展名'}），未汇总；"
                                                "如是报送内容，请让单位填写下发的 Excel 表"))
    elif isinstance(got, str):
        others.append(_not_form(record, issues, got))
    elif isinstance(got, WorkbookError):
        retry.append((path, record, str(got)))
    else:
        assert isinstance(got, FormRead)
        forms.append(got)


_NO_TABLE = "未找到填报表（需要表头“任务编号/序号/任务内容”和“进展情况”等栏），未汇总；如是报送内容，请让单位填写下发的表"


def _form_or_why(wb: Workbook, ctx: Context, record: ReturnFile) -> FormRead | str:
    """The workbook's form, or why it is not one (another govtasks output, no return table)."""
    kind = kind_of({s.name: s.rows for s in wb.sheets})
    if kind in ("report", "standard"):
        return f"这是{KIND_LABELS[kind]}，不是单位报回的填报表，未汇总；请把它移出报回的文件夹"
    return read_form(wb, ctx, record) or _NO_TABLE


def _add_form(wb: Workbook, record: ReturnFile, ctx: Context, forms: list[FormRead], others: list[ReturnFile],
              issues: list[Issue]) -> None:
    found = _form_or_why(wb, ctx, record)
    if isinstance(found, str):
        others.append(_not_form(record, issues, found))
    else:
        forms.append(found)


def _not_form(record: ReturnFile, issues: list[Issue], message: str) -> ReturnFile:
    from dataclasses import replace

    issues.append(Issue(code=codes.NOT_A_FORM, severity=Severity.WARNING, message=message,
                        where=CellRef(file=record.file)))
    return replace(record, state="not-a-form", message=message)


def _unreadable(record: ReturnFile, issues: list[Issue], message: str) -> ReturnFile:
    from dataclasses import replace

    prefix = f"{record.file}: "
    message = message[len(prefix):] if message.startswith(prefix) else message
    issues.append(Issue(code=codes.UNREADABLE_FILE, severity=Severity.ERROR, message=message,
                        where=CellRef(file=record.file)))
    return replace(record, state="unreadable", message=message)


def _convertible(message: str) -> bool:
    """Whether LibreOffice may open what calamine could not (not for passwords or empty files)."""
    return not any(word in message for word in ("密码", "0 字节", "不存在", "Word 文档", "PowerPoint"))


def _convert(retry: list[tuple[Path, ReturnFile, str]], ctx: Context, use_lo: bool, forms: list[FormRead],
             others: list[ReturnFile], issues: list[Issue]) -> None:
    """Files calamine could not open: one LibreOffice batch, else a message saying to save as .xlsx."""
    todo = [(p, r, m) for p, r, m in retry if _convertible(m)]
    for _, record, message in retry:
        if not _convertible(message):
            others.append(_unreadable(record, issues, message))
    if not todo:
        return
    if not use_lo or libreoffice_path() is None:
        hint = "（未安装 LibreOffice，无法自动转换）" if use_lo else ""
        for p, record, message in todo:
            if p.suffix.lower() in CONVERT_EXTENSIONS:
                message = f"无法直接读取 {p.suffix} 文件{hint}；请在 WPS/Excel 中另存为 .xlsx 后再汇总"
            others.append(_unreadable(record, issues, message))
        return
    with tempfile.TemporaryDirectory(prefix="govtasks-lo-") as tmp:
        converted = convert_with_libreoffice([p for p, _, _ in todo], Path(tmp))
        for p, record, message in todo:
            out = converted.get(p)
            if out is None:
                others.append(_unreadable(record, issues, f"{message}（LibreOffice 也无法打开）"))
                continue
            from dataclasses import replace

            record = replace(record, converted=True)
            issues.append(Issue(code=codes.CONVERTED, severity=Severity.INFO, where=CellRef(file=record.file),
                                message="已用 LibreOffice 转换后读取；建议单位今后另存为 .xlsx 报送"))
            try:
                _add_form(read_workbook(out, display_name=record.file, details=True), record, ctx, forms, others, issues)
            except WorkbookError as exc:
                others.append(_unreadable(record, issues, str(exc)))


def _usual_period(forms: list[FormRead]) -> Period | None:
    counts: dict[str, int] = defaultdict(int)
    for f in forms:
        if f.file.period:
            counts[f.file.period] += 1
    return Period.parse(max(counts, key=lambda k: counts[k])) if counts else None


def _period_ok(form: FormRead, target: Period | None) -> bool:
    if target is None:
        return True
    if form.file.period:
        return form.file.period == target.code
    named = form.name_period  # file names carry dates too: only a period outside the target counts
    return named is None or not (named.end < target.start or named.start > target.end)


def _rank(form: FormRead, target: Period | None) -> tuple[object, ...]:
    f = form.file
    low = dt.datetime.min
    return (_period_ok(form, target), form.name_unit is None, f.time or low, f.mtime or low, f.generated, f.file)


def choose(forms: list[FormRead], target: Period | None, rnd: str | None = None,
           ) -> tuple[list[ReturnFile], list[Progress], list[Issue], list[OtherVersion]]:
    """Per unit, the versions ranked (right period, then newest) and combined task by task
    (:mod:`.versions`): the files, the answers in use (and the cooperating answers a lead form
    relays), the issues and the texts kept aside. A unit's round-one form is not a version of its
    other form: in two rounds a unit may send both."""
    _settle_ties(forms)
    groups: dict[tuple[str, bool], list[FormRead]] = defaultdict(list)
    for n, form in enumerate(forms):
        groups[(form.file.unit or f"\0{n}", form.round == COOP)].append(form)
    files: list[ReturnFile] = []
    entries: list[Progress] = []
    issues: list[Issue] = []
    kept: list[OtherVersion] = []
    for group in groups.values():
        ranked = sorted(group, key=lambda f: _rank(f, target), reverse=True)
        best = ranked[0]
        tier = _rank(best, target)[:2]
        fills = [f for f in ranked if _rank(f, target)[:2] == tier]
        combined = combine(ranked, len(fills))
        files += file_states(ranked, combined)
        entries += combined.entries + next((f.relayed for f in fills if f.relayed), [])
        kept += combined.versions
        issues += best.file_issues + _period_issue(best, target, used=True) + _round_issue(best, rnd) + combined.issues
        for older in ranked[1:]:
            issues += older.file_issues + _period_issue(older, target, used=False)
            issues.append(_duplicate_issue(older, best, combined.used.get(older.file.file, 0)))
    return files, entries, issues, kept


def _usual_round(forms: list[FormRead]) -> str | None:
    """The round being collected when not given: lead if any form is a lead form, else coop if any is a
    round-one form (round-one copies often reach the office too: a lead form decides)."""
    rounds = {f.round for f in forms}
    return LEAD if LEAD in rounds else COOP if COOP in rounds else None


def _round_issue(form: FormRead, rnd: str | None) -> list[Issue]:
    """A round-one form in another collection (sent to the office instead of, or as well as, the lead units)."""
    if form.round != COOP or rnd == COOP:
        return []
    f = form.file
    to = form.meta.get("报送对象", "") or "、".join(dict.fromkeys(u for t in form.expected(f.unit) for u in t.lead))
    return [Issue(code=codes.COOP_ROUND_RETURN, severity=Severity.INFO, where=CellRef(file=f.file), unit=f.unit or None,
                  message=f"这是{ROUND_LABELS[COOP]}的第一轮报表，不是牵头单位的综合报表；已作为配合单位反馈汇总。"
                          f"请提醒{f.unit or '该单位'}按要求报送牵头单位{f'（{to}）' if to else ''}，由牵头单位综合后报送")]


def _settle_ties(forms: list[FormRead]) -> None:
    """A form whose tasks fit several units equally goes to the one of them that sent nothing else."""
    returned = {f.file.unit for f in forms if f.file.unit}
    for form in forms:
        left = [u for u in form.candidates if u not in returned]
        if not form.file.unit and len(left) == 1:
            form.settle(left[0], "任务内容（其余符合的单位已报送）")
            returned.add(left[0])


def _when(f: ReturnFile) -> str:
    return f"{f.time:%Y-%m-%d %H:%M}" if f.time else "时间不详"


def _duplicate_issue(older: FormRead, best: FormRead, used: int) -> Issue:
    o, b = older.file, best.file
    if used:
        what = (f"本文件（{_when(o)}）较早：其中 {used} 项任务较新版本未填写，仍采用本文件的答复，"
                "其余与采用版本不同的文字列入“其他版本”")
    else:
        what = f"本文件（{_when(o)}）未汇总，其中与采用版本不同的文字列入“其他版本”"
    return Issue(code=codes.DUPLICATE_RETURN, severity=Severity.WARNING, where=CellRef(file=o.file), unit=o.unit,
                 message=f"{o.unit}报送了多份：已采用“{b.file}”（{_when(b)}），{what}；"
                         "如本文件才是最终版，请删除另一份后重新汇总")


def _period_issue(form: FormRead, target: Period | None, *, used: bool) -> list[Issue]:
    if _period_ok(form, target) or target is None:
        return []
    f = form.file
    named = Period.parse(f.period).label if f.period else (form.name_period.label if form.name_period else "其他期间")
    action = "已暂按本期汇总，请核实后让单位用本期的表重新填报" if used else "未汇总"
    return [Issue(code=codes.WRONG_PERIOD, severity=Severity.ERROR if used else Severity.WARNING,
                  where=CellRef(file=f.file), unit=f.unit or None,
                  message=f"这是{named}的填报表，不是本期（{target.label}）的；{action}")]
