"""Several versions of one unit's return → one answer per task, and every other text kept. Pure.

A unit often sends its form more than once: a corrected copy, a second copy with one more
answer, or by mistake the blank form again. The versions are ranked (right period, no unit
conflict, then newest: :func:`govtasks.returns.read.choose`). Then, for each task:

* the answer is the one of the newest version that answers the task (any answer column
  not blank); a newer version that leaves the task blank, or has no row for it, never
  erases an older answer, and an issue (``answer-from-older-version``, info) names the
  file the answer came from;
* only versions as good as the best one fill in (a form of another period, or one whose
  file name names another unit, never does);
* every other text the unit wrote for the task, in any version, that the answer in use
  does not hold is an :class:`~govtasks.returns.model.OtherVersion` (sheet 其他版本), with
  its cell and the version's time; so is every text of an older version's unmatched rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from govtasks import issues as codes
from govtasks.io.workbook import column_letter
from govtasks.issues import CellRef, Issue, Severity
from govtasks.returns.form import FormRead
from govtasks.returns.match import FIELD_LABELS
from govtasks.returns.model import OtherVersion, Progress, ReturnFile

_COVERAGE = (codes.EMPTY_ANSWER, codes.MISSING_ROW)
_LETTER = re.compile(r"^([A-Z]{1,3})列")
_LABEL_FIELDS = {label: fld for fld, label in FIELD_LABELS.items()}


@dataclass
class Combined:
    """One unit's versions combined: the answers in use, the texts kept aside, the issues."""

    entries: list[Progress] = field(default_factory=list)
    versions: list[OtherVersion] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    used: dict[str, int] = field(default_factory=dict)
    """File → tasks whose answer was taken from it."""


def combine(ranked: list[FormRead], fills: int) -> Combined:
    """Combine a unit's forms, best first; the first ``fills`` of them may give answers."""
    best = ranked[0]
    if len(ranked) == 1:  # the usual case: one version, nothing to combine
        return Combined(entries=list(best.entries), issues=list(best.issues),
                        used={best.file.file: len({e.task_id for e in best.entries if e.task_id})})
    winners = _winners(ranked[:fills])
    out = Combined()
    placed: set[str] = set()
    for entry in best.entries:
        tid = entry.task_id
        if not tid:
            out.entries.append(entry)
        elif tid not in placed:
            placed.add(tid)
            out.entries += _task_entries(winners[tid], tid)
    for tid, form in winners.items():  # tasks the best version has no row for
        if tid not in placed:
            out.entries += _task_entries(form, tid)
    for tid, form in winners.items():
        out.used[form.file.file] = out.used.get(form.file.file, 0) + 1
        if form is not best:
            out.issues.append(_older_issue(form, best, tid))
    out.issues += _row_issues(ranked[:fills], winners)
    out.versions = _other_texts(ranked, winners)
    return out


def _answered(form: FormRead, tid: str) -> bool:
    return any(e.task_id == tid and not e.is_empty for e in form.entries)


def _winners(forms: list[FormRead]) -> dict[str, FormRead]:
    """Task → the form its answer comes from: the first (best ranked) that answers it, else the first
    that has a row for it; in the order the tasks first appear."""
    out: dict[str, FormRead] = {}
    tasks = dict.fromkeys(e.task_id for f in forms for e in f.entries if e.task_id)
    for tid in tasks:
        found = next((f for f in forms if _answered(f, tid)), None)
        out[tid] = found or next(f for f in forms if any(e.task_id == tid for e in f.entries))
    return out


def _task_entries(form: FormRead, tid: str) -> list[Progress]:
    return [e for e in form.entries if e.task_id == tid]


def _when(f: ReturnFile) -> str:
    return f"{f.time:%Y-%m-%d %H:%M}" if f.time else "时间不详"


def _older_issue(form: FormRead, best: FormRead, tid: str) -> Issue:
    source = next((e.source for e in form.entries if e.task_id == tid and not e.is_empty), None)
    f, b = form.file, best.file
    return Issue(code=codes.OLDER_VERSION, severity=Severity.INFO, where=source or CellRef(file=f.file),
                 unit=f.unit or None, task_id=tid,
                 message=f"最新的“{b.file}”（{_when(b)}）中该任务未填写，已采用较早的“{f.file}”（{_when(f)}）中的答复；"
                         "如该任务确实无需填报，请与单位核实")


def _row_issues(forms: list[FormRead], winners: dict[str, FormRead]) -> list[Issue]:
    """The best form's row issues, less the blank-answer ones of tasks an older version answers; and
    the row issues of an older version about the tasks whose answer it gives."""
    best = forms[0]
    out = [i for i in best.issues if not (i.code in _COVERAGE and i.task_id in winners
                                          and winners[i.task_id] is not best and _answered(winners[i.task_id], i.task_id))]
    for form in forms[1:]:
        mine = {tid for tid, f in winners.items() if f is form}
        out += [i for i in form.issues if i.task_id in mine and i.code not in _COVERAGE]
    return out


def _other_texts(ranked: list[FormRead], winners: dict[str, FormRead]) -> list[OtherVersion]:
    """Every text of a version that the answer in use does not hold."""
    best = ranked[0]
    kept: dict[str, set[tuple[str, str]]] = {}
    for tid, form in winners.items():
        kept[tid] = {pair for e in _task_entries(form, tid) for pair in e.texts()}
    out: list[OtherVersion] = []
    for form in ranked:
        for entry in form.entries:
            tid = entry.task_id
            if (tid and winners.get(tid) is form) or (not tid and form is best):
                continue
            for label, text in entry.texts():
                if (label, text) in kept.get(tid, set()):
                    continue
                out.append(OtherVersion(unit=entry.unit, task_id=tid, label=label, text=text,
                                        source=_cell(form, entry, label), time=form.file.time,
                                        task_text=entry.task_text))
    return _unique(out)


def _unique(items: list[OtherVersion]) -> list[OtherVersion]:
    """One row per text and task (a text repeated by several older versions is listed once, the newest)."""
    seen: set[tuple[str, str, str]] = set()
    out = []
    for v in items:
        key = (v.task_id or v.task_text, v.label, v.text)
        if key not in seen:
            seen.add(key)
            out.append(v)
    return out


def _cell(form: FormRead, entry: Progress, label: str) -> CellRef | None:
    """The cell of one text of an entry: its answer column (or the column with that label) in the entry's row."""
    src = entry.source
    if src is None:
        return None
    fld = _LABEL_FIELDS.get(label)
    col = form.header.fields.get(fld) if fld else None
    if col is None:
        col = next((c for c, text in form.header.labels.items() if text == label), None)
    if col is None:
        m = _LETTER.match(label)
        return src._replace(column=m.group(1) if m else src.column)
    return src._replace(column=column_letter(col))


def file_states(ranked: list[FormRead], combined: Combined) -> list[ReturnFile]:
    """The best file (its answered count as combined) and the others, superseded by it."""
    best = ranked[0].file
    total = {t.id for t in ranked[0].expected(best.unit)} if best.unit else set()
    answered = {e.task_id for e in combined.entries if e.task_id and not e.is_empty}
    out = [replace(best, answered=len(answered & total) if total else best.answered)]
    for form in ranked[1:]:
        used = combined.used.get(form.file.file, 0)
        note = f"已由 {best.file} 替代；其中 {used} 项任务的答复因较新版本未填写仍被采用" if used else ""
        out.append(replace(form.file, state="superseded", superseded_by=best.file, message=note))
    return out
