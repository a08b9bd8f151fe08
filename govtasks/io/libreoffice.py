"""LibreOffice: batch conversion of what calamine cannot open (.et, HTML or XML "xls"), and PDF output.

One soffice call costs about a second to start, then 60–230 ms per file, so files are
passed in batches, each batch with a private profile.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from pathlib import Path

from govtasks.errors import WorkbookError

_CALC_TEXT = (".htm", ".html", ".xml")
"""Text formats LibreOffice would open in Writer; named .xls they open in Calc (HTML / Excel 2003 XML)."""
LO_BATCH = 200
"""Files per soffice call (one call costs ~1 s to start, then 60–230 ms per file)."""


def libreoffice_path() -> str | None:
    """The LibreOffice executable (soffice), or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_with_libreoffice(paths: list[Path], outdir: Path, *, fmt: str = "xlsx",
                             timeout: float = 120.0) -> dict[Path, Path | None]:
    """Convert many files with as few soffice calls as possible (a private profile, headless).

    Inputs are copied under numbered names first, so two files with one stem
    (``a.xls`` and ``a.et``) cannot overwrite each other's output.

    Returns:
        Each input → its converted file, or None when LibreOffice wrote nothing.

    Raises:
        WorkbookError: LibreOffice is not installed.
    """
    exe = libreoffice_path()
    if exe is None:
        raise WorkbookError("未安装 LibreOffice，无法转换 .et 等文件；请在 WPS/Excel 中另存为 .xlsx 后再试")
    src_dir, out_dir = outdir / "in", outdir / "out"
    src_dir.mkdir(parents=True, exist_ok=True)
    out_dir.mkdir(parents=True, exist_ok=True)
    copies = {}
    for i, path in enumerate(paths):
        suffix = path.suffix.lower()
        copy = src_dir / f"{i:05d}{'.xls' if suffix in _CALC_TEXT else suffix}"
        shutil.copyfile(path, copy)
        copies[path] = copy
    order = list(copies.values())
    for start in range(0, len(order), LO_BATCH):
        batch = order[start:start + LO_BATCH]
        _run_soffice(exe, outdir / "profile", batch, out_dir, fmt, timeout + 2.0 * len(batch))
    result: dict[Path, Path | None] = {}
    for path, copy in copies.items():
        out = out_dir / f"{copy.stem}.{fmt.split(':')[0]}"
        result[path] = out if out.exists() and out.stat().st_size else None
    return result


def _run_soffice(exe: str, profile: Path, files: list[Path], out_dir: Path, fmt: str, timeout: float) -> None:
    """One soffice call; on a hang its whole process group is killed (what was converted is kept)."""
    cmd = [exe, f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless", "--norestore",
           "--convert-to", fmt, "--outdir", str(out_dir), *map(str, files)]
    posix = os.name == "posix"
    try:
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=posix)
    except OSError as exc:
        raise WorkbookError(f"无法启动 LibreOffice（{exc}）；请在 WPS/Excel 中另存为 .xlsx 后再试") from exc
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        if posix:
            os.killpg(proc.pid, signal.SIGKILL)
        else:
            proc.kill()
        proc.wait()
