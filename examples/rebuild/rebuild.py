"""Rebuild every bundled example from the source texts in examples/sources.

    python examples/rebuild/rebuild.py [SEEDS_DIR] [OUT_DIR]

For each seed module (seed000, seed001, seed004 tables; seed003 text) it writes
the real document as it was published, then imports it with govtasks and writes
its standard-format version as ``<name>_标准.xlsx``, with the document's metadata
(title, year, issuer, source) from the module's META. It also writes the
published forms of the same documents: seed 001 as the saved web page (.html),
seed 000 and seed 003 as Word files (.docx).
See docs/examples.md for where each document came from.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
SEED_MODULES = ("seed000", "seed001", "seed003", "seed004")


def standard_name(original: Path) -> str:
    """File name of the standard-format version of an example."""
    return f"{original.stem}_标准.xlsx"


def build_all(seeds_dir: Path, out_dir: Path) -> list[Path]:
    """Build every example workbook and its standard version; return the paths written."""
    import govtasks as gt

    sys.path.insert(0, str(HERE))
    written = []
    for name in SEED_MODULES:
        module = importlib.import_module(name)
        original = module.build(seeds_dir, out_dir)
        meta = module.META
        bd = gt.import_breakdown(original).replace(
            title=meta["title"], year=meta["year"], issuer=meta["issuer"],
            doc_number=meta["doc_number"], source=meta["source"],
        )
        written += [original, gt.write_breakdown(bd, out_dir / standard_name(original))]
    return written + _published(seeds_dir, out_dir)


def _published(seeds_dir: Path, out_dir: Path) -> list[Path]:
    """Seed 001 as a web page, seed 000 and seed 003 as Word files."""
    published = importlib.import_module("published")
    seed003 = importlib.import_module("seed003")
    text = (seeds_dir / seed003.SEED).read_text(encoding="utf-8")
    docx = published.write_docx(out_dir / Path(seed003.OUTPUT).with_suffix(".docx").name,
                                seed003.paragraphs(text), title=seed003.META["title"],
                                created="2021-03-25T00:00:00Z")
    return published.build(seeds_dir, out_dir) + [docx]


if __name__ == "__main__":
    seeds = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "examples" / "sources"
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else REPO / "examples" / "data"
    for path in build_all(seeds, out):
        print(path.relative_to(out.parent) if path.is_relative_to(out.parent) else path)
