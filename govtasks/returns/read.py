"""Read returned forms: a folder (or files) → :class:`~govtasks.returns_model.Returns`.

Files are read with python-calamine (.xlsx/.xlsm/.xls/.ods); .et files and
anything calamine cannot open go through LibreOffice in one batch when it is
installed. Each workbook is identified (unit, period) and its rows matched to
tasks (see ``_returnform`` and ``_match``; rules in docs/returns.md). Then, per
unit, one file is chosen — right period first, then the newest — and every unit
with tasks but no file is reported missing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import glob
import os
import tempfile
import threading
from collections import defaultdict
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, TypeVar

from govtasks import issues as codes
from govtasks._perf import paused_gc
from govtasks._types import PathsLike
from govtasks.errors import WorkbookError
from govtasks.io.workbook import (
    GRID_EXTENSIONS,
    Parsed,
    RawSheet,
    Workbook,
    ZipDetails,
    convert_with_libreoffice,
    finish_workbook,
    libreoffice_path,
    parse_sheets,
    read_bytes,
    read_workbook,
    zip_details,
)
from govtasks.issues import Issue, IssueList, Severity
from govtasks.model import Breakdown, CellRef, unit_tasks
from govtasks.periods import Period
from govtasks.returns.form import LISTS_SHEET, FormRead, read_form
from govtasks.returns.match import Context
from govtasks.returns.model import Progress, ReturnFile, Returns

ProgressCallback = Callable[[int, int, str], None]
"""``on_progress(done, total, file_name)``, called after each file is read."""

CONVERT_EXTENSIONS = (".et", ".ett", ".xlt", ".xltx", ".ots", ".fods", ".xml", ".htm", ".html", ".dbf", ".numbers")
"""Spreadsheet types calamine does not read; LibreOffice converts them."""
_SKIP_PREFIXES = ("~$", ".~", ".")


def read_returns(paths: PathsLike, breakdown: Breakdown, *, period: str | Period | None = None, strict: bool = False,
                 libreoffice: bool = True, on_progress: ProgressCallback | None = None) -> Returns:
    """Read returned forms.

    Args:
        paths: a folder (searched recursively), a glob pattern, a file, or several of these.
        breakdown: the breakdown the forms were made from.
        period: the period being collected (``"2024Q2"``); default: the period most returns carry.
        strict: raise IssuesFoundError when there are errors.
        libreoffice: convert .et files and files calamine cannot open with LibreOffice (if installed).
        on_progress: called as ``on_progress(done, total, file_name)`` after each file.

    Raises:
        WorkbookError: a path does not exist.

    Example:
        >>> rets = read_returns("收到的报表/", bd, period="2024Q2")  # doctest: +SKIP
        >>> rets.issues.to_frame()                                   # doctest: +SKIP
    """
    sources = collect_files(paths)
    with paused_gc(promote=True):
        ctx = Context(breakdown)
        forms, others, issues = _read_all(sources, ctx, libreoffice, on_progress)
        target = Period.parse(period) if isinstance(period, str) else period or _usual_period(forms)
        files, entries, chosen_issues = choose(forms, target)
        files = sorted(files + others, key=lambda f: f.file)
        issues += chosen_issues + missing_returns(breakdown, files)
        returns = Returns(entries=tuple(entries), files=tuple(files), issues=IssueList(issues),
                          period=target.code if target else "")
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
    files and folders; symlinked folders are not entered (as ``Path.rglob``). ``os.scandir``
    tells files from folders without a ``stat`` per file."""
    out: list[tuple[Path, str]] = []
    todo = [(folder, "")]
    while todo:
        here, prefix = todo.pop()
        with os.scandir(here) as entries:
            for entry in entries:
                if entry.name.startswith(_SKIP_PREFIXES):
                    continue
                if entry.is_dir(follow_symlinks=False):
                    todo.append((Path(entry.path), f"{prefix}{entry.name}/"))
                elif entry.is_file():
                    out.append((Path(entry.path), prefix + entry.name))
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


def _parse(source: tuple[Path, str]) -> list[RawSheet] | WorkbookError | str:
    """A worker thread's part of reading one file: calamine's parse of its sheets; a read error
    (returned, not raised: the file may still convert); or why it is not parsed here."""
    path, name = source
    if _kind(path) == "other":
        return _NOT_WORKBOOK
    if path.suffix.lower() == ".csv":
        return _CSV
    try:
        return parse_sheets(path, name, skip_hidden=(LISTS_SHEET,))
    except WorkbookError as exc:
        return exc


WORKERS = 1
"""Threads that parse returns with calamine ahead of the main thread (which parses too when it
would otherwise wait). Measured on 2 cores: two workers make three busy threads on two cores,
and 1,500 returns took 12 % longer than with one."""
READ_AHEAD = 32
"""Files parsed ahead of the one being finished (bounds the memory the pipeline holds)."""

T = TypeVar("T")
U = TypeVar("U")


@contextlib.contextmanager
def _in_order(fn: Callable[[T], U], items: list[T]) -> Iterator[Iterator[U]]:
    """``map(fn, items)``, computed ahead by worker threads from the start of the ``with`` block;
    its results are yielded in order, and the workers are stopped and joined when it ends.

    Items are claimed in order, by a worker or by the consumer itself: when the next result
    is not ready, the consumer computes the next unclaimed item instead of waiting (in
    ``read_returns`` the workers wait for the GIL after every calamine call, so they fall
    behind; measured, 芜湖's 80 returns 53 → 48 ms). Nothing is claimed more than READ_AHEAD
    items past the consumer. An exception in ``fn`` is raised by the iterator, at its item
    (Ctrl-C while the consumer computes an item: at once).
    """
    if len(items) < 2:
        yield map(fn, items)
        return
    n = len(items)
    results: list[Any] = [None] * n
    ready = [threading.Event() for _ in items]
    window = threading.Condition()
    state = {"next": 0, "consumed": 0, "stop": False}

    def claim(wait: bool) -> int:
        """The next item to compute, or -1: all claimed, stopping, or (``wait`` false) window full."""
        with window:
            while True:
                i = state["next"]
                if state["stop"] or i >= n:
                    return -1
                if i < state["consumed"] + READ_AHEAD:
                    state["next"] = i + 1
                    return i
                if not wait:
                    return -1
                window.wait()

    def compute(i: int, handed_over: type[BaseException]) -> None:
        try:
            results[i] = (True, fn(items[i]))
        except handed_over as exc:  # raised to the consumer at its item
            results[i] = (False, exc)
        ready[i].set()

    def work() -> None:
        while (i := claim(True)) >= 0:
            compute(i, BaseException)

    def in_order() -> Iterator[U]:
        for i in range(n):
            while not ready[i].is_set():
                j = claim(False)
                if j < 0:
                    ready[i].wait()
                else:
                    compute(j, Exception)  # (Ctrl-C stops at once)
            ok, value = results[i]
            results[i] = None
            with window:
                state["consumed"] = i + 1
                window.notify_all()
            if not ok:
                raise value
            yield value

    threads = [threading.Thread(target=work, name=f"govtasks-read-{k}", daemon=True) for k in range(WORKERS)]
    for t in threads:
        t.start()
    try:
        yield in_order()
    finally:
        with window:
            state["stop"] = True
            window.notify_all()
        for t in threads:
            t.join()


_NOT_WORKBOOK, _NOT_FORM, _CSV = "not-a-workbook", "not-a-form", "csv"


def _finish(path: Path, name: str, parsed: list[RawSheet] | WorkbookError | str, ctx: Context,
            record: ReturnFile, details: ZipDetails | None) -> FormRead | WorkbookError | str:
    """The main thread's part of reading one file: its form, its read error, or why it is not a form.

    ``details``: what :func:`~govtasks.xlsx.zip_details` found before the parsing started; else
    the bytes are read here, not in the worker: measured, that was faster (reading in the worker
    adds its Python to what holds the GIL).
    """
    if isinstance(parsed, WorkbookError) or parsed == _NOT_WORKBOOK:
        return parsed
    try:
        if details is not None and not isinstance(parsed, str):
            wb = finish_workbook(Parsed(path, name, b"", parsed), details=details)
        else:
            data = read_bytes(path, display_name=name)
            wb = finish_workbook(Parsed(path, name, data, None if isinstance(parsed, str) else parsed), details=True)
    except WorkbookError as exc:
        return exc
    return read_form(wb, ctx, record) or _NOT_FORM


def _read_all(sources: list[tuple[Path, str]], ctx: Context, use_lo: bool,
              on_progress: ProgressCallback | None) -> tuple[list[FormRead], list[ReturnFile], list[Issue]]:
    forms: list[FormRead] = []
    others: list[ReturnFile] = []
    issues: list[Issue] = []
    retry: list[tuple[Path, ReturnFile, str]] = []
    with _in_order(_parse, sources) as parsed_files:  # the worker starts parsing now
        # meanwhile every file's time and zip details: the file reads and inflating release the GIL,
        # and later, while the worker parses too, each release would cost the main thread its turn
        records = [_record(path, name) for path, name in sources]
        details = [zip_details(path) if path.suffix.lower() in (".xlsx", ".xlsm") else None for path, _ in sources]
        for done, ((path, name), record, known, parsed) in enumerate(zip(sources, records, details, parsed_files),
                                                                     start=1):
            _sort(_finish(path, name, parsed, ctx, record, known), path, record, forms, others, issues, retry)
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
    elif got == _NOT_FORM:
        others.append(_not_form(record, issues, _NO_TABLE))
    elif isinstance(got, WorkbookError):
        retry.append((path, record, str(got)))
    else:
        assert isinstance(got, FormRead)
        forms.append(got)


_NO_TABLE = "未找到填报表（需要表头“任务编号/序号/任务内容”和“进展情况”等栏），未汇总；如是报送内容，请让单位填写下发的表"


def _add_form(wb: Workbook, record: ReturnFile, ctx: Context, forms: list[FormRead], others: list[ReturnFile],
              issues: list[Issue]) -> None:
    form = read_form(wb, ctx, record)
    if form is None:
        others.append(_not_form(record, issues, _NO_TABLE))
    else:
        forms.append(form)


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
    for p, record, message in retry:
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


def choose(forms: list[FormRead], target: Period | None) -> tuple[list[ReturnFile], list[Progress], list[Issue]]:
    """Per unit, the file to use (right period, then newest); older versions and their issues are listed."""
    from dataclasses import replace

    _settle_ties(forms)
    groups: dict[str, list[FormRead]] = defaultdict(list)
    for n, form in enumerate(forms):
        groups[form.file.unit or f"\0{n}"].append(form)
    files: list[ReturnFile] = []
    entries: list[Progress] = []
    issues: list[Issue] = []
    for group in groups.values():
        ranked = sorted(group, key=lambda f: _rank(f, target), reverse=True)
        best = ranked[0]
        files.append(best.file)
        entries += best.entries
        issues += best.file_issues + best.issues + _period_issue(best, target, used=True)
        for older in ranked[1:]:
            files.append(replace(older.file, state="superseded", superseded_by=best.file.file))
            issues += older.file_issues + _period_issue(older, target, used=False)
            issues.append(_duplicate_issue(older, best))
    return files, entries, issues


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


def _duplicate_issue(older: FormRead, best: FormRead) -> Issue:
    o, b = older.file, best.file
    return Issue(code=codes.DUPLICATE_RETURN, severity=Severity.WARNING, where=CellRef(file=o.file), unit=o.unit,
                 message=f"{o.unit}报送了多份：已采用“{b.file}”（{_when(b)}），本文件（{_when(o)}）未汇总；"
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


def missing_returns(breakdown: Breakdown, files: Iterable[ReturnFile]) -> list[Issue]:
    """A missing-return issue for every unit with tasks and no file in use (ERROR when it leads a task)."""
    returned = {f.unit for f in files if f.state == "ok"}
    out = []
    for unit, (led, coop) in unit_tasks(breakdown).items():
        if unit not in returned:
            out.append(Issue(code=codes.MISSING_RETURN, severity=Severity.ERROR if led else Severity.WARNING, unit=unit,
                             message=f"{unit}未报送（牵头任务 {len(led)} 项、配合任务 {len(coop)} 项）；请催报"))
    return out


# --- 催报: the chasing notice ----------------------------------------------------------

NOTICE_TEMPLATE = "notice.txt.j2"


def chase_notice(breakdown: Breakdown, returns: Returns, *, template: str | os.PathLike[str] | None = None,
                 office: str = "", deadline: str = "", contact: str = "", today: dt.date | None = None) -> str:
    """The 催报 notice for the units that have not returned (Jinja2 text template, templates/notice.txt.j2).

    Variables: ``period`` (Period), ``title``, ``issuer``, ``office``, ``deadline`` (new time limit),
    ``due`` (original time limit, ""), ``contact``, ``today`` (date), ``total``, ``returned``,
    ``missing`` (unit, lead, coop), ``incomplete`` (unit, tasks: IDs left empty).

    Raises:
        TemplateError: the template cannot be read or rendered.
    """
    from govtasks.report.merge import return_status

    if not returns.period:
        raise ValueError("chase_notice needs the period: read the returns with period=")
    units = return_status(breakdown, returns)
    empty: dict[str, list[str]] = defaultdict(list)
    for issue in returns.issues:
        if issue.code in (codes.EMPTY_ANSWER, codes.MISSING_ROW) and issue.unit and issue.task_id:
            empty[issue.unit].append(issue.task_id)
    context = {
        "period": Period.parse(returns.period), "title": breakdown.title,
        "issuer": breakdown.issuer, "office": office, "deadline": deadline, "due": "", "contact": contact,
        "today": today or dt.date.today(), "total": len(units), "returned": sum(u.returned for u in units),
        "missing": [{"unit": u.unit, "lead": u.lead_tasks, "coop": u.coop_tasks} for u in units if not u.returned],
        "incomplete": [{"unit": u, "tasks": ids} for u, ids in empty.items()],
    }
    return _render(Path(template) if template else _default_dir() / NOTICE_TEMPLATE, context)


def _default_dir() -> Path:
    from govtasks.forms.template import default_dir

    return default_dir()


def _render(path: Path, context: dict[str, object]) -> str:
    import jinja2

    from govtasks.errors import TemplateError

    try:
        env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=True,
                                 trim_blocks=True, lstrip_blocks=True)
        return env.from_string(path.read_text(encoding="utf-8")).render(**context)
    except OSError as exc:
        raise TemplateError(f"{path.name}: 无法读取催报通知模板（{exc.strerror or exc}）", file=path.name) from exc
    except jinja2.TemplateError as exc:
        line = getattr(exc, "lineno", None)
        where = f"第{line}行: " if line else ""
        raise TemplateError(f"{path.name}: {where}催报通知模板有误（{exc}）", file=path.name) from exc
