"""Score the PDF importer on the corpus: every table-like document's .html rendering (render.py) is
printed to PDF by LibreOffice (Writer/Web: borders as drawn, rows as tall as their text), and the
PDF is imported and compared with the gold like any rendering.

    python tests/corpus/score_pdf.py

A measurement, not a test (one LibreOffice call per page, about a second each; a page LibreOffice
does not print within a minute is listed and not scored). The .xlsx and
.docx renderings are not used: render.py writes no row heights (merged cells print clipped) and no
Word table borders (a PDF table without rules is no table to pdfplumber).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import score  # noqa: E402
from render import render_all  # noqa: E402


def main() -> int:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        print("LibreOffice (soffice) is not installed")
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        pages: dict[Path, Path] = {}
        for folder in (score.DOCS, *score.HELDOUTS):
            for doc in sorted(folder.iterdir()):
                gold_file = doc / "gold.json"
                if not gold_file.exists() or json.loads(gold_file.read_text(encoding="utf-8"))["shape"] not in score.TABLE_SHAPES:
                    continue
                html = dict(render_all(json.loads(gold_file.read_text(encoding="utf-8")), work / doc.name))["html"]
                pages[doc] = shutil.copyfile(html, work / f"{len(pages):03d}.html")
        exact = total = 0
        for doc, page in pages.items():
            gold = json.loads((doc / "gold.json").read_text(encoding="utf-8"))
            pdf = work / "pdf" / f"{page.stem}.pdf"
            # one file a call: LibreOffice hangs on some pages (h86's), and a hang must not stop the rest
            call = subprocess.Popen([exe, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
                                     "--convert-to", "pdf:writer_web_pdf_Export", "--outdir", str(work / "pdf"), str(page)],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
            try:
                call.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(call.pid, signal.SIGKILL)  # this call's processes only
                print(f"{doc.parent.name + '/' + doc.name:40s} LibreOffice did not print it in 60 s: not scored")
                continue
            try:
                got = score._import(pdf, "first" if gold.get("lead_rule") == "first" else "auto")
            except Exception as exc:  # a failed import scores 0 and is shown
                got = []
                print(f"{doc.name}: {exc}")
            result = score.compare(doc.name, "html.pdf", gold["tasks"], got)
            exact, total = exact + result.exact, total + result.total
            print(f"{doc.parent.name + '/' + doc.name:40s} {result.exact:3d}/{result.total:<3d}", *result.misses[:1])
        print(f"PDF of the html renderings: {exact}/{total} exact tasks ({100 * exact / total:.1f} %)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
