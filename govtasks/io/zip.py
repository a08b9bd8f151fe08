"""Read a few members of a zip archive straight from its central directory. Stdlib only.

``zipfile.ZipFile`` builds a ZipInfo object per member and a file object per read:
about 70 µs per archive before anything is read. Reading returns needs two or three
small members (document properties, worksheet XML) of each of hundreds of workbooks,
so :class:`Archive` finds just those entries in the central directory (by their name
bytes) and inflates them. Anything unusual (zip64, encryption, a compression other
than deflate, a damaged directory) falls back to ``zipfile``, which also gives the
errors their usual types.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

_END = b"PK\x05\x06"
_CENTRAL = b"PK\x01\x02"
_LOCAL = b"PK\x03\x04"
_CENTRAL_HEAD = struct.Struct("<4s4xHH4xIII HHH8xI")  # sig, flags, method, crc, sizes, lengths, local offset
_LOCAL_HEAD = struct.Struct("<4s22xHH")                # sig, name and extra lengths


class Archive:
    """Members of one zip archive, by (ASCII) name.

    Raises:
        zipfile.BadZipFile: ``data`` is not a zip archive.
    """

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._zip: zipfile.ZipFile | None = None
        self._start = self._end = 0
        end = data.rfind(_END, max(0, len(data) - 65_557))
        if end >= 0 and end + 22 <= len(data):
            count, size, offset = struct.unpack_from("<HII", data, end + 10)
            if offset != 0xFFFFFFFF and count != 0xFFFF and offset + size <= end:
                self._start, self._end = offset, offset + size
        if not self._end:  # zip64, damaged, or not a zip: zipfile judges
            self._zip = zipfile.ZipFile(io.BytesIO(data))

    def _entry(self, name: str) -> tuple[int, int, int, int] | None:
        """(method, crc, compressed size, local header offset) of a member; None if absent."""
        key = name.encode()
        data, pos = self._data, self._start
        while (pos := data.find(key, pos, self._end)) >= 0:
            head = pos - _CENTRAL_HEAD.size
            if head >= self._start:
                sig, flags, method, crc, csize, _, name_len, _, _, local = _CENTRAL_HEAD.unpack_from(data, head)
                if sig == _CENTRAL and name_len == len(key):
                    if flags & 0x1 or method not in (0, 8):
                        raise _Unusual
                    return method, crc, csize, local
            pos += 1
        return None

    def crc(self, name: str) -> int | None:
        """The CRC-32 of a member, or None when there is no such member."""
        if self._zip is None:
            try:
                entry = self._entry(name)
                return entry[1] if entry else None
            except _Unusual:
                self._zip = zipfile.ZipFile(io.BytesIO(self._data))
        try:
            return self._zip.getinfo(name).CRC
        except KeyError:
            return None

    def read(self, name: str) -> bytes:
        """The bytes of a member; KeyError when there is none."""
        if self._zip is None:
            try:
                entry = self._entry(name)
            except _Unusual:
                self._zip = zipfile.ZipFile(io.BytesIO(self._data))
            else:
                if entry is None:
                    raise KeyError(name)
                return self._inflate(name, *entry)
        return self._zip.read(name)

    def _inflate(self, name: str, method: int, crc: int, size: int, offset: int) -> bytes:
        sig, name_len, extra_len = _LOCAL_HEAD.unpack_from(self._data, offset)
        if sig != _LOCAL:
            raise zipfile.BadZipFile(f"{name}: bad local header")
        start = offset + _LOCAL_HEAD.size + name_len + extra_len
        raw = self._data[start:start + size]
        out = raw if method == 0 else zlib.decompress(raw, -15)
        if zlib.crc32(out) != crc:
            raise zipfile.BadZipFile(f"{name}: bad CRC")
        return out


class _Unusual(Exception):
    """An entry zipfile should read (encrypted, or compressed other than by deflate)."""
