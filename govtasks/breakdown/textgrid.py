"""Tables that arrive as text, rebuilt as a grid for the table importer. Pure.

Web pages scraped to text, and tables pasted from them, keep the cells but lose the rows:

* **one cell per paragraph**: cells separated by blank lines; a cell's own line breaks (a
  header word broken over two lines, units one per line) stay inside it; header words broken
  into two paragraphs ("责任" / "领导") are joined when the rows are narrower than the header;
  a table with no blank lines at all is read one cell per line;
* **pipe cells**: each cell ends with ``|`` (on its line or the next); a run of ``|`` with no
  text between them is a run of empty cells (where a scrape writes the cells a merged cell
  covers, at the end of the row);
* **pipe rows**: a row on one line, its cells separated by ``|``.

The header is the first run of cells that are all column labels (:func:`~govtasks.breakdown.
labels.field_of`), a task-family one among them. Rows are then found from the cells' content:
a row starts at its 序号 (the next number in sequence) when the table has a number column, else
at its task text; a pipe-cell table's rows are as long as its header. A section heading
(一、… / （一）…) is a row of its own. Within a row each cell goes to the column whose kind it
fits (a number, a task text, unit names, a person's name, a date …), in order; a column a row
has no cell for is covered by a merged cell above (its value carried down); cells beyond the
columns (units written one per paragraph) join the unit column they fit.
"""

from __future__ import annotations

import itertools
import re
from typing import NamedTuple, Sequence

from govtasks.breakdown.columns import resolve
from govtasks.breakdown.labels import field_of, is_synonym
from govtasks.breakdown.textrules import is_chrome
from govtasks.io.workbook import Merge, Sheet

_MARKER_ONLY = re.compile(r"^\s*(?:[一二三四五六七八九十百]+\s*[、.．]|[（(]\s*[一二三四五六七八九十百]+\s*[）)])\s*$")
_HEADING = re.compile(r"^(第[一二三四五六七八九十百]+(部分|章|篇|方面)|[一二三四五六七八九十百]+\s*[、.．]|[（(]\s*[一二三四五六七八九十百]+\s*[）)])")
_NUMBER = re.compile(r"^\d{1,4}\s*[*＊★]?$")
_UNIT_END = tuple("局委办府团司道位门会部院室社队所站行处组厅区镇乡县市馆校署联科股心关")
_DATE = re.compile(r"\d{1,2}\s*月|年底|年内|全年|季度|半年|持续|长期|常态|\d{4}\s*年")
_SPLIT_UNITS = re.compile(r"[、，,；;\s]+")
_COUNTED = re.compile(r"[（(]\s*共?\s*\d{1,4}\s*项\s*[）)]\s*$")
_KINDS = ("number", "text", "section", "units", "person", "date", "long")


class Cell(NamedTuple):
    """One cell of a table written as text (a tuple: a frozen dataclass's ``__init__`` costs 0.7 µs,
    and a notice of 10,000 tasks is split into 13,000 paragraph cells only to find it holds no table)."""

    text: str
    line: int
    """1-based line of the text where the cell starts."""
    row_end: bool = False
    """The last cell of a row written on one line (pipe rows)."""


def _pipe_rows(lines: Sequence[str]) -> bool:
    rows = [ln for ln in lines if ln.strip()]
    return sum(ln.count("|") >= 3 and not ln.strip().strip("|") == "" for ln in rows) >= max(2, len(rows) // 3)


def cells_of(text: str) -> tuple[list[Cell], str]:
    """The text's cells, in order, and the format (``"paragraphs"``, ``"pipes"`` or ``"rows"``)."""
    lines = text.split("\n")
    if _pipe_rows(lines):
        out: list[Cell] = []
        for n, line in enumerate(lines, 1):
            if line.count("|") >= 2:
                parts = line.strip().strip("|").split("|")
                out += [Cell(p.strip(), n) for p in parts[:-1]] + [Cell(parts[-1].strip(), n, row_end=True)]
        return out, "rows"
    if sum(bool(_PREFIXED.match(ln)) for ln in lines) >= 4:
        return _prefixed_cells(lines), "rows"
    if sum(ln.rstrip().endswith("|") for ln in lines) >= 4:
        return _pipe_cells(lines), "pipes"
    spaced = _spaced_cells(lines)
    if spaced:
        return spaced, "rows"
    cells, pending, start = [], [], 0
    for n, line in enumerate(lines + [""], 1):
        if line.strip():
            start = start or n
            pending.append(line.strip())
        elif pending:
            cells.append(Cell("\n".join(pending), start))
            pending, start = [], 0
    return cells, "paragraphs"


_PREFIXED = re.compile(r"^\s*\|\s*[^|\s]")


def _prefixed_cells(lines: Sequence[str]) -> list[Cell]:
    """Cells written "| cell" (each after the row's first), a bare "|" line ending the row."""
    cells: list[Cell] = []
    pending: list[str] = []
    start = 0
    in_table = False

    def close(row_end: bool) -> None:
        nonlocal pending, start
        if pending or row_end:
            cells.append(Cell("\n".join(pending), start, row_end=row_end))
        pending, start = [], 0

    for n, line in enumerate(lines, 1):
        bare = line.strip()
        if bare == "|":
            if in_table:
                close(True)
            continue
        if _PREFIXED.match(line):
            if not in_table:  # the row before the first "| cell" is the header's first cell only
                in_table, pending = True, pending[-1:]
            close(False)
            bare = bare[1:].strip()
        elif not bare:
            continue
        start = start or n
        pending.append(bare)
    close(False)
    return [c for c in cells if c.text or c.row_end]


_ROW_START = re.compile(r"^\s*(\d{1,4}[*＊★]?)\s+(\S.*)$")


def _spaced_cells(lines: Sequence[str]) -> list[Cell]:
    """A table written one row to a line with spaces between the cells ("序号 目标任务 责任单位
    上半年推进情况", then "1 地区生产总值增长6%以上。 区发展改革委 同比增长2.9%。"): a row starts
    with its number; a line without one is a section heading alone or the row's next cell (a unit
    or a wrapped cell on a line of its own). [] when no line is such a header."""
    for at, line in enumerate(lines):
        words = line.split()
        if len(words) >= 3 and all(_label_like(w) for w in words) and _header([Cell(w, 1) for w in words], "paragraphs"):
            break
    else:
        return []
    cells = [Cell(w, at + 1) for w in words[:-1]] + [Cell(words[-1], at + 1, row_end=True)]
    row: list[Cell] = []
    for n, line in enumerate(lines[at + 1:], at + 2):
        bare = line.strip()
        if not bare or is_chrome(bare):
            continue
        start = _ROW_START.match(bare)
        if start or kind_of(bare) == "section":
            if row:
                cells += row[:-1] + [Cell(row[-1].text, row[-1].line, row_end=True)]
            row = [Cell(w, n) for w in ([start.group(1), *start.group(2).split()] if start else [bare])]
            if not start:  # a heading is a row of its own
                cells += row[:-1] + [Cell(row[-1].text, n, row_end=True)]
                row = []
        elif row:
            row.append(Cell(bare, n))
    if row:
        cells += row[:-1] + [Cell(row[-1].text, row[-1].line, row_end=True)]
    return cells


def _pipe_cells(lines: Sequence[str]) -> list[Cell]:
    cells: list[Cell] = []
    pending: list[str] = []
    start = 0
    for n, line in enumerate(lines, 1):
        pieces = line.split("|")
        if not cells and len(pieces) > 1 and pieces[0].strip():
            pending, start = [], 0  # the table's first cell is on this line: what came before is not part of it
        if not cells and len(pieces) == 1:  # before the table: a line without "|" starts no cell yet
            pending, start = [line.strip()] if line.strip() else pending, n if line.strip() else start
            continue
        for i, piece in enumerate(pieces):
            if piece.strip():
                start = start or n
                pending.append(piece.strip())
            if i < len(pieces) - 1:  # a "|": the cell ends here
                cells.append(Cell("\n".join(pending), start or n))
                pending, start = [], 0
    return cells


def kind_of(text: str) -> str:
    """What a cell looks like: number, section, units, person, date, text (a task) or long."""
    t = text.strip()
    if not t:
        return ""
    if _NUMBER.match(t):
        return "number"
    if (_HEADING.match(t) or _COUNTED.search(t)) and len(t) <= 60 and "。" not in t.rstrip("。"):
        return "section"
    names = [x for x in _SPLIT_UNITS.split(re.sub(r"[（(][^）)]*[）)]", "", t.lstrip("★*＊"))) if x]
    if names and all(x.rstrip("等").endswith(_UNIT_END) and len(x) <= 20 for x in names):
        return "units"
    if len(t) <= 8 and not any(c.isdecimal() for c in t) and (" " in t or len(t) <= 4):
        return "person"
    if len(t) <= 16 and _DATE.search(t):
        return "date"
    return "text"


_FITS = {  # column role → cell kind → score
    "number": {"number": 4},
    "text": {"text": 3, "section": 1, "long": 3},
    "section": {"section": 3, "text": 1, "units": -1},
    "lead": {"units": 3, "person": 1},
    "coop": {"units": 3, "person": 1},
    "leaders": {"person": 3, "units": -1},
    "persons": {"person": 3},
    "deadline": {"date": 3},
    "progress": {"text": 2, "date": 1, "number": 1, "units": 0},
    "note": {"text": 1, "units": 1, "date": 1},
}


def _score(role: str, kind: str) -> int:
    return _FITS.get(role, {}).get(kind, -2) if kind else 0


def _align(cells: list[str], roles: list[str]) -> list[str | None]:
    """Each column's cell (None: the row has none there) — the order-keeping placement that
    fits best, and of equally good ones the one that leaves the leftmost columns to a merged cell
    above; cells left over join the last unit column they fit."""
    kinds = [kind_of(c) for c in cells]
    while len(cells) > len(roles):  # more cells than columns: join a unit cell to its neighbour
        joins = [i for i in range(1, len(cells)) if kinds[i] == "units" and kinds[i - 1] in ("units", "person")]
        i = joins[-1] if joins else len(cells) - 1
        cells = cells[: i - 1] + [cells[i - 1] + "\n" + cells[i]] + cells[i + 1:]
        kinds = kinds[: i - 1] + [kinds[i - 1] if joins else "text"] + kinds[i + 1:]
    best: tuple[int, tuple[int, ...]] | None = None
    for places in itertools.combinations(range(len(roles)), len(cells)):
        score = sum(_score(roles[p], k) for p, k in zip(places, kinds))
        if best is None or score >= best[0]:  # on a tie the later placement: the cells a rowspan covers are outer ones
            best = (score, places)
    out: list[str | None] = [None] * len(roles)
    assert best is not None
    for p, cell in zip(best[1], cells):
        out[p] = cell
    return out


def _label_like(text: str) -> bool:
    """A cell that can be a column label: short (a bracketed note aside), not a number or a heading."""
    bare = re.sub(r"[（(][^）)]*[）)]", "", text).strip()
    return 0 < len(re.sub(r"\s", "", bare)) <= 12 and kind_of(text) not in ("number", "section")


_UNIT_LABEL_LINE = re.compile(r"^[ \t\u3000]*(?:牵头|责任|配合|协办|主办)[^：:\s]{0,6}[ \t\u3000]*$", re.M)
"""A line that is a unit column's label alone ("牵头责任单位"): a table may be written one cell per line."""


def _one_per_line(lines: list[Cell], start: int, n: int) -> bool:
    """Whether the lines after a header read one cell per line: no row has more cells than the
    header (a cell wrapped onto a second line would make one), and some row has them all."""
    rough = [field_of(c.text) or "" for c in lines[start:start + n]]
    rows = _rows(lines[start + n:], rough, "paragraphs")
    return bool(rows) and all(len(r) <= n for r in rows) and any(len(r) == n for r in rows)


def _rejoined_header(cells: list[Cell], start: int) -> list[Cell]:
    """Header words each broken into two paragraphs ("责任" / "领导", "第二季度" / "完成情况"), told
    apart from two columns by the rows' width: when the labels from ``start`` to the first row (the
    cell "1") outnumber the cells from "1" to "2", pairs of short labels that read as one label are
    joined, until the header is as wide as the rows, and only where a broken word shows (a pair
    that is a label word, or a half that is none): whole labels side by side stay apart. The cells
    as they were when no such joining fits exactly."""
    end = start
    while end < len(cells) and _label_like(cells[end].text):
        end += 1
    if end >= len(cells) or cells[end].text.strip() != "1":
        return cells
    two = next((i for i in range(end + 1, len(cells)) if cells[i].text.strip() == "2"), None)
    labels = [c.text.replace("\n", "") for c in cells[start:end]]
    joins = len(labels) - (two - end) if two is not None else 0
    if joins <= 0 or _first_row_outer(cells, start, end - start):
        return cells  # rows narrower than the labels by the outer columns before 序号: no broken word
    ranked: list[tuple[int, int]] = []  # (rank, left index) of each pair that may be one label
    for i in range(len(labels) - 1):
        a, b = labels[i], labels[i + 1]
        exact = is_synonym(a) + is_synonym(b)  # two whole labels ("序号", "重点工作") are two columns
        if len(a) > 4 or len(b) > 4 or field_of(a + b) is None or exact == 2:
            continue
        rank = 0 if is_synonym(a + b) else 1 if field_of(a) is None or field_of(b) is None else 2 + exact
        ranked.append((rank, i))
    if not any(rank <= 2 for rank, _ in ranked):  # no broken word: only whole labels side by side
        return cells
    chosen: set[int] = set()
    for _, i in sorted(ranked):
        if len(chosen) < joins and not {i - 1, i, i + 1} & chosen:
            chosen.add(i)
    if len(chosen) != joins:
        return cells
    header: list[Cell] = []
    for i, cell in enumerate(cells[start:end]):
        if i - 1 in chosen:
            header[-1] = Cell(header[-1].text + cell.text, header[-1].line)
        else:
            header.append(cell)
    return cells[:start] + header + cells[end:]


def _header(cells: list[Cell], fmt: str) -> tuple[int, int] | None:
    """(first cell, cell count) of the table's header: a run of labels with a task one among them
    (a label of no known kind, such as 名称, may stand between known ones)."""
    for start in range(len(cells)):
        if field_of(cells[start].text) is None:
            continue
        n, known, seen = 0, 0, set()
        while start + n < len(cells) and _label_like(cells[start + n].text):
            role = field_of(cells[start + n].text)
            if fmt != "rows" and role is not None and role in seen and role not in ("text", "section"):
                break
            seen.add(role)
            n += 1
            known = n if role is not None else known
            if fmt == "rows" and cells[start + n - 1].row_end:
                known = n  # a row written on one line: its last labels are the header's, known or not
                break
        n = known - _first_row_outer(cells, start, known)
        roles = {field_of(c.text) for c in cells[start:start + n]}
        names_task = roles & {"text", "section"} or None in roles  # an unknown label may head the task (民生实事)
        if n >= 2 and names_task and roles & {"lead", "coop", "progress", "leaders", "deadline"}:
            return start, n
    return None


def _first_row_outer(cells: list[Cell], start: int, n: int) -> int:
    """How many of the ``n`` labels from ``start`` are the first row's cells, not labels: a table
    whose outer columns (分类, 类别) stand before its 序号 writes the first row's merged outer cells
    right before its "1", where they read as more labels ("分类 序号 事项 牵头单位 发展目标 1 …").
    Those columns are as many as the labels before 序号; the cells taken are no exact label word."""
    labels = [c.text for c in cells[start:start + n]]
    k = next((i for i, t in enumerate(labels) if field_of(t) == "number"), 0)
    if not k or start + n >= len(cells) or cells[start + n].text.strip() != "1" or n - k <= k + 1:
        return 0
    if any(field_of(t) != "section" for t in labels[:k]) or any(is_synonym(t) for t in labels[n - k:]):
        return 0
    return k


def _next_outer(row: list[str], k: int, n: int) -> list[str]:
    """The cells at the end of ``row`` that are the next row's outer cells (the ``k`` columns before
    序号, merged over a group of rows, so written only on its first row): cells beyond the row's own
    columns, or a row of no number that is no heading. Unit names one per paragraph stay."""
    at = next((i for i, c in enumerate(row[: k + 1]) if kind_of(c) == "number"), None)
    if at is None:
        return row[:] if len(row) <= k and kind_of(row[0]) != "section" else []
    surplus = min(len(row) - at - 1 - (n - k - 1), k)
    tail = row[len(row) - surplus:] if surplus > 0 else []
    return tail if all(kind_of(c) not in ("units", "number", "section") for c in tail) else []


def _rows(cells: list[Cell], roles: list[str], fmt: str) -> list[list[str]]:
    """The body's rows, as lists of cells (a section heading alone)."""
    rows: list[list[str]] = []
    if fmt == "rows":
        current: list[str] = []
        for c in cells:
            current.append(c.text)
            if c.row_end:
                rows.append(current)
                current = []
        return rows + ([current] if current else [])
    if fmt == "pipes":
        width = len(roles)
        for i in range(0, len(cells), width):
            rows.append([c.text for c in cells[i:i + width]])
        return rows
    outer = roles.index("number") if "number" in roles else -1  # columns before 序号
    numbered = outer >= 0
    expected = 1
    for c in cells:
        kind = kind_of(c.text)
        starts = (kind == "number" and c.text.strip().rstrip("*＊★").isdecimal()
                  and int(c.text.strip().rstrip("*＊★")) in (expected, 1)) if numbered else kind == "text"
        if numbered and kind == "text" and rows and len(rows[-1]) > 1 and _full(rows[-1], roles):
            rows.append([c.text])  # a second task under the same number: the number cell is merged (carried)
            continue
        if kind == "section" and not (rows and len(rows[-1]) == 1 and numbered and _waiting(rows[-1])):
            rows.append([c.text])
            continue
        if kind == "text" and rows and len(rows[-1]) == 1 and _MARKER_ONLY.match(rows[-1][0]):
            rows[-1] = [rows[-1][0] + c.text]  # "(一)" in the 序号 column, its words in the next one
            continue
        if starts or not rows or (rows and kind_of(rows[-1][0]) == "section" and len(rows[-1]) == 1):
            moved: list[str] = []
            if starts and numbered:
                expected = int(c.text.strip().rstrip("*＊★")) + 1
                if outer and rows and (moved := _next_outer(rows[-1], outer, len(roles))):
                    del rows[-1][len(rows[-1]) - len(moved):]
                    if not rows[-1]:
                        rows.pop()
            rows.append(moved + [c.text])
        else:
            rows[-1].append(c.text)
    return rows


def _full(row: list[str], roles: list[str]) -> bool:
    """A row that already has its task text and a cell in its last column: a task text after it
    begins a sub-row."""
    placed = _align(row, roles)
    return placed[-1] is not None and "text" in roles and placed[roles.index("text")] is not None


def _waiting(row: list[str]) -> bool:
    return kind_of(row[0]) == "number"


def _roles(header: list[str], body: list[Cell], fmt: str) -> list[str]:
    """Each column's role: the header's words, and for the task-family columns their content (as
    the table importer decides them), taken from the rows that have a cell in every column."""
    fields = {c: field_of(h) or "" for c, h in enumerate(header)}
    n = len(header)
    rough = [field_of(h) or "" for h in header]
    complete = [r for r in _rows(body, rough, fmt) if len(r) == n and all(c.strip() for c in r)]
    roles = resolve({c: f for c, f in fields.items() if f}, dict(enumerate(header)), complete).columns
    by_col = {c: ("section" if f.startswith("section") else f) for f, c in roles.items()}
    out = [by_col.get(c, "") for c in range(n)]
    if "text" not in out and out.count("") == 1:  # the one unknown label heads the task (the table importer checks its content)
        out[out.index("")] = "text"
    return out


def grid_of(text: str, name: str = "文本中的表格") -> tuple[Sheet, int] | None:
    """The table in ``text`` as a Sheet (header, rows, section rows merged across) and the line its
    header starts on; None when the text holds no table."""
    cells, fmt = cells_of(text)
    found = _header(cells, fmt)
    if found is None and fmt == "paragraphs" and any(  # one cell per line, no blank lines
            c.text.count("\n") >= 3 and _UNIT_LABEL_LINE.search(c.text) for c in cells):
        lines = [Cell(s.strip(), n) for n, s in enumerate(text.split("\n"), 1) if s.strip()]
        if (by_line := _header(lines, fmt)) is not None and _one_per_line(lines, *by_line):
            cells, found = lines, by_line
    if found is not None and fmt == "paragraphs" and (rejoined := _rejoined_header(cells, found[0])) is not cells:
        cells, found = rejoined, _header(rejoined, fmt)
    if found is None:
        return None
    start, n = found
    header = [c.text.replace("\n", "") for c in cells[start:start + n]]
    after = cells[start + n:]
    if fmt == "paragraphs":  # page chrome after the table (分享到:) is no cell; row numbers stay
        after = [c for c in after if c.text.strip().isdecimal() or not is_chrome(c.text.strip())]
    roles = _roles(header, after, fmt)
    body = _rows(after, roles, fmt)
    grid: list[list[str]] = [header]
    merges: list[Merge] = []
    above: list[str] = [""] * n
    lead_in = _heading_before(text, cells[start].line)
    if lead_in:  # the section the table is under ("一、10件民生实事任务分解表" above its header)
        merges.append((1, 0, 1, n - 1))
        grid.append([lead_in] + [""] * (n - 1))
    for at, row in enumerate(body):
        cells_present = [c for c in row]
        while cells_present and not cells_present[-1].strip():
            cells_present.pop()  # a scrape writes the cells a merged cell covers as empty ones, at the end
        if not cells_present:
            continue
        if len(cells_present) == 1 and (kind_of(cells_present[0]) == "section" or _lone_heading(body, at, roles)):
            merges.append((len(grid), 0, len(grid), n - 1))
            grid.append([cells_present[0]] + [""] * (n - 1))
            above = [""] * n
            continue
        placed = _align(cells_present, roles) if len(cells_present) != n else list(cells_present)
        filled = [above[i] if v is None and roles[i] in _CARRIED else (v or "") for i, v in enumerate(placed)]
        grid.append(filled)
        above = filled
    if len(grid) < 2:
        return None
    return Sheet(name, grid, merges), cells[start].line


def _lone_heading(body: list[list[str]], at: int, roles: list[str]) -> bool:
    """A row of one short cell, no number, in a numbered table, right before a heading row or a
    numbered row and not after a task's row ("强化科技创新支撑能力。" above "（一）…"): a heading the
    scrape left unnumbered."""
    row = body[at]
    if roles[:1] != ["number"] or len(row[0]) > 30 or kind_of(row[0]) != "text":
        return False
    nxt = body[at + 1] if at + 1 < len(body) else None
    after_row = at > 0 and len(body[at - 1]) > 1  # after a task's row it is that task's sub-row
    return not after_row and nxt is not None and kind_of(nxt[0]) in ("section", "number")


def _heading_before(text: str, line: int) -> str:
    """The section heading on the line right above the header (blank lines aside), or ""."""
    for before in reversed(text.split("\n")[: line - 1]):
        if before.strip():
            return before.strip() if kind_of(before) == "section" else ""
    return ""


_CARRIED = ("number", "section", "lead", "coop", "leaders", "deadline")
"""Columns whose cell a row may lack because a merged cell above covers it."""
