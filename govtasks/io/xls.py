"""Where the formula cells of an .xls (BIFF8) workbook are. Stdlib only.

python-calamine reads an .xls's cached values but cannot say which cells hold
formulas. This finds them: it opens the OLE compound file, takes its Workbook
stream, and lists the FORMULA records of each sheet. The formulas themselves
are stored as parsed tokens, not text, so only their places are returned.
Anything unexpected gives an empty result: this never stops a read.
"""

from __future__ import annotations

import struct

_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_END_OF_CHAIN = 0xFFFFFFFE
_FREE = 0xFFFFFFFF
_BOUNDSHEET, _BOF, _EOF, _FORMULA, _CONTINUE = 0x0085, 0x0809, 0x000A, 0x0006, 0x003C


def xls_formula_cells(data: bytes) -> dict[str, set[tuple[int, int]]]:
    """Sheet name → 0-based (row, column) of every formula cell; {} when ``data`` is not a BIFF8 .xls."""
    try:
        stream = _workbook_stream(data)
        return _formula_cells(stream) if stream else {}
    except (struct.error, IndexError, ValueError, UnicodeDecodeError):
        return {}


def _workbook_stream(data: bytes) -> bytes | None:
    """The Workbook (or Book) stream of an OLE compound file."""
    if not data.startswith(_MAGIC):
        return None
    sector = 1 << struct.unpack_from("<H", data, 0x1E)[0]
    mini = 1 << struct.unpack_from("<H", data, 0x20)[0]
    first_dir, cutoff, first_minifat, n_minifat, first_difat, n_difat = struct.unpack_from("<I4xIIIII", data, 0x30)

    def at(sid: int) -> int:
        return (sid + 1) * int(sector)

    fat_sectors = [s for s in struct.unpack_from("<109I", data, 0x4C) if s not in (_FREE, _END_OF_CHAIN)]
    sid = first_difat
    for _ in range(n_difat):  # more FAT sector numbers, in a chain of DIFAT sectors
        entries = struct.unpack_from(f"<{sector // 4}I", data, at(sid))
        fat_sectors += [s for s in entries[:-1] if s not in (_FREE, _END_OF_CHAIN)]
        sid = entries[-1]
    fat: list[int] = []
    for s in fat_sectors:
        fat.extend(struct.unpack_from(f"<{sector // 4}I", data, at(s)))

    def chain(start: int) -> list[int]:
        out: list[int] = []
        sid = start
        while sid < len(fat) and len(out) <= len(fat):
            out.append(sid)
            sid = fat[sid]
        return out

    def read(start: int, size: int) -> bytes:
        return b"".join(data[at(s):at(s) + sector] for s in chain(start))[:size]

    directory = read(first_dir, len(data))
    root: tuple[int, int] | None = None
    found: tuple[int, int] | None = None
    for off in range(0, len(directory) - 127, 128):
        name_len, kind = struct.unpack_from("<HB", directory, off + 64)
        name = directory[off:off + max(0, name_len - 2)].decode("utf-16-le", "replace")
        start, size = struct.unpack_from("<II", directory, off + 0x74)
        if kind == 5:
            root = (start, size)
        elif kind == 2 and name in ("Workbook", "Book") and found is None:
            found = (start, size)
    if found is None:
        return None
    start, size = found
    if size >= cutoff or root is None:
        return read(start, size)
    ministream = read(*root)  # a small stream lives in the mini stream, in mini sectors
    minifat: list[int] = []
    for s in chain(first_minifat)[:n_minifat]:
        minifat.extend(struct.unpack_from(f"<{sector // 4}I", data, at(s)))
    out: list[bytes] = []
    sid = start
    while sid < len(minifat) and len(out) * mini < size:
        out.append(ministream[sid * mini:(sid + 1) * mini])
        sid = minifat[sid]
    return b"".join(out)[:size]


def _formula_cells(stream: bytes) -> dict[str, set[tuple[int, int]]]:
    """Sheet name → formula cells, from the BOUNDSHEET records and each sheet's substream."""
    sheets: list[tuple[int, str]] = []
    pos = 0
    while pos + 4 <= len(stream):  # workbook globals: up to the first EOF
        rec, length = struct.unpack_from("<HH", stream, pos)
        if rec == _BOUNDSHEET:
            offset, _state, _kind, cch, flags = struct.unpack_from("<IBBBB", stream, pos + 4)
            raw = stream[pos + 12:pos + 12 + (cch * 2 if flags & 1 else cch)]
            sheets.append((offset, raw.decode("utf-16-le" if flags & 1 else "latin-1")))
        pos += 4 + length
        if rec == _EOF:
            break
    out: dict[str, set[tuple[int, int]]] = {}
    for offset, name in sheets:
        cells: set[tuple[int, int]] = set()
        pos = offset
        while pos + 4 <= len(stream):
            rec, length = struct.unpack_from("<HH", stream, pos)
            if rec == _FORMULA and length >= 4:
                row, col = struct.unpack_from("<HH", stream, pos + 4)
                cells.add((row, col))
            pos += 4 + length
            if rec == _EOF:
                break
        if cells:
            out[name] = cells
    return out
