"""Score govtasks' importer on the corpus of real published breakdowns (tests/corpus/README.md).

    python tests/corpus/score.py [-v] [--heldout | --heldout2 | --heldout3 | … ] [DOC_ID ...]

Each document in tests/corpus/docs/<id>/ has ``source.txt`` (the page text as published) and
``gold.json`` (its tasks, written by reading the document). The source is imported as it is;
each table-like document is also rendered as an .xlsx, an .html page and a .docx
(tests/corpus/render.py) and each rendering imported too. A task is exact when every field
equals the gold's under the comparison rules below; a document's score is its exact tasks over
the larger of the gold's and the import's task counts. The last line is the overall score.

Comparison (the same on both sides, so that it cannot hide a wrong task):

* text, deadline, progress, leaders: whitespace removed (a wrap space is kept in the data, but
  scrapes and renderings differ in it);
* path: each heading with whitespace and a trailing 。 removed;
* units: as sets, each name with whitespace removed, ASCII brackets as full-width, and without a
  leading place letter (区/市/县/省): a document that writes 区财政局 and 财政局 names one unit,
  and govtasks names it the way the document does most;
* number: as written.
"""

from __future__ import annotations

import difflib
import json
import re
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
DOCS = HERE / "docs"
HELDOUT = HERE / "heldout"
"""Documents collected after the importer's rules were written, scored without being read first."""
HELDOUTS = sorted(HERE.glob("heldout*"), key=lambda p: int(p.name[7:] or 1))
"""Every held-out round, in order: heldout/, heldout2/, heldout3/ …, each scored before any rule was
written for it (README); ``--heldoutN`` scores round N."""
REPO = HERE.parent.parent
TABLE_SHAPES = ("pipe-table", "cell-lines", "progress-table")
FIELDS = ("number", "path", "text", "deadline", "lead", "coop", "leaders", "progress")


def _plain(text: str) -> str:
    return re.sub(r"\s", "", text or "")


def _unit(name: str) -> str:
    name = _plain(name).replace("(", "（").replace(")", "）")
    return name[1:] if len(name) > 3 and name[0] in "区市县省" else name


def normalise(task: dict) -> dict:
    """A task (gold or imported) in the form the comparison uses."""
    return {
        "number": (task.get("number") or "").strip(),
        "path": [_plain(p).rstrip("。") for p in task.get("path") or []],
        "text": _plain(task.get("text", "")),
        "deadline": _plain(task.get("deadline", "")),
        "lead": sorted({_unit(u) for u in task.get("lead") or []}),
        "coop": sorted({_unit(u) for u in task.get("coop") or []}),
        "leaders": sorted({_plain(x) for x in task.get("leaders") or []}),
        "progress": _plain(task.get("progress", "")),
    }


def as_gold(task) -> dict:  # type: ignore[no-untyped-def]
    """A govtasks Task in the gold's shape."""
    return {"number": task.number, "path": list(task.path), "text": task.text, "deadline": task.deadline.text,
            "lead": list(task.lead), "coop": list(task.coop), "leaders": list(task.leaders), "progress": task.progress}


@dataclass
class Result:
    doc: str
    rendering: str
    gold: int
    got: int
    exact: int
    misses: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return max(self.gold, self.got)


def compare(doc: str, rendering: str, gold: list[dict], got: list[dict]) -> Result:
    """Align the imported tasks with the gold by their texts, then count the exact ones."""
    g, o = [normalise(t) for t in gold], [normalise(t) for t in got]
    matcher = difflib.SequenceMatcher(a=[t["text"] for t in g], b=[t["text"] for t in o], autojunk=False)
    pairs: dict[int, int] = {}
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            pairs[block.a + k] = block.b + k
    unpaired = [j for j in range(len(o)) if j not in pairs.values()]
    for i in range(len(g)):  # a gold task whose text differs: the imported task at its place, if free
        if i not in pairs and unpaired:
            pairs[i] = unpaired.pop(0)
    result = Result(doc, rendering, len(g), len(o), 0)
    for i, gt_task in enumerate(g):
        j = pairs.get(i)
        if j is None:
            result.misses.append(f"gold task {gold[i].get('number') or i + 1} not imported: {gold[i]['text'][:30]}")
            continue
        wrong = [f for f in FIELDS if gt_task[f] != o[j][f]]
        if wrong:
            detail = "; ".join(f"{f}: gold {gt_task[f]!r} got {o[j][f]!r}" for f in wrong)
            result.misses.append(f"task {gold[i].get('number') or i + 1}: {detail}")
        else:
            result.exact += 1
    for j in range(len(o)):
        if j not in pairs.values():
            result.misses.append(f"extra task imported: {got[j]['text'][:40]}")
    return result


def _import(path: Path, lead: str) -> list[dict]:
    import govtasks as gt

    try:
        bd = gt.import_breakdown(path, lead=lead)
    except gt.GovtasksError:
        return []
    return [as_gold(t) for t in bd.tasks]


def score_doc(folder: Path, work: Path) -> list[Result]:
    """The results of one document: its source, and each rendering of a table-like one."""
    from render import render_all

    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    lead = "first" if gold.get("lead_rule") == "first" else "auto"
    results = [compare(folder.name, "source", gold["tasks"], _import(folder / "source.txt", lead))]
    if gold.get("shape") in TABLE_SHAPES:
        for kind, path in render_all(gold, work / folder.name):
            results.append(compare(folder.name, kind, gold["tasks"], _import(path, lead)))
    return results


def score(ids: list[str] | None = None, verbose: bool = False, out=sys.stdout,  # type: ignore[no-untyped-def]
          docs: Path = DOCS) -> tuple[int, int]:
    """Print the scores; return (exact, total) over every rendering."""
    sys.path[:0] = [str(HERE), str(REPO)]
    exact = total = 0
    with tempfile.TemporaryDirectory(prefix="govtasks-corpus-") as tmp:
        for folder in sorted(docs.iterdir()):
            if not (folder / "gold.json").exists() or (ids and folder.name.split("_")[0] not in ids and folder.name not in ids):
                continue
            for r in score_doc(folder, Path(tmp)):
                exact, total = exact + r.exact, total + r.total
                print(f"{r.doc:28s} {r.rendering:7s} {r.exact:3d}/{r.total:<3d}", file=out)
                if verbose:
                    for miss in r.misses:
                        print(f"    {miss}", file=out)
    share = 100.0 * exact / total if total else 0.0
    print(f"corpus: {exact}/{total} exact tasks ({share:.1f} %) over all renderings", file=out)
    return exact, total


if __name__ == "__main__":
    sets = {f"--{d.name}": d for d in HELDOUTS}
    args = [a for a in sys.argv[1:] if a != "-v" and a not in sets]
    score(args or None, verbose="-v" in sys.argv, docs=next((d for a, d in sets.items() if a in sys.argv), DOCS))
