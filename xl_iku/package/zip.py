"""The zip container: write a package whose unchanged entries are copied as they are (their compressed bytes,
never inflated or deflated again: most of a large workbook is data sheets nobody changed) and whose new or edited
entries are deflated. Written with the zip format's own records (APPNOTE.TXT 4.3), through public APIs only: the
source's entries are found by `ZipInfo.header_offset` and read from the file; nothing of `zipfile`'s writer state is
touched. An archive that would need Zip64 (4 GB, 65,535 entries) is written by `zipfile` instead."""

from __future__ import annotations

import struct
import zipfile
import zlib
from typing import BinaryIO

_LOCAL = struct.Struct("<4s5H3L2H")  # signature, version, flags, method, time, date, crc, sizes, name/extra lengths
_CENTRAL = struct.Struct("<4s6H3L5H2L")
_END = struct.Struct("<4s4H2LH")
_LIMIT = 0xFFFFFFFF
_UTF8 = 0x800
_DESCRIPTOR = 0x08


class _NeedsZip64(Exception):
    pass


def _dos(date_time) -> tuple[int, int]:
    year, month, day, hour, minute, second = date_time
    return (hour << 11) | (minute << 5) | (second // 2), ((max(year, 1980) - 1980) << 9) | (month << 5) | day


def _name(name: str) -> tuple[bytes, int]:
    try:
        return name.encode("ascii"), 0
    except UnicodeEncodeError:
        return name.encode("utf-8"), _UTF8


class ZipWriter:
    """A new zip file, entry by entry: `copy` an entry of another zip as it is, `write` new bytes."""

    def __init__(self, fp: BinaryIO) -> None:
        self.fp = fp
        self.central: list[bytes] = []

    def _entry(self, name: str, flags: int, method: int, date_time, crc: int, compressed: int, size: int,
               external_attr: int, data) -> None:
        offset = self.fp.tell()
        if max(offset, compressed, size) >= _LIMIT or len(self.central) >= 0xFFFF:
            raise _NeedsZip64
        encoded, utf8 = _name(name)
        flags = (flags & ~(_DESCRIPTOR | _UTF8)) | utf8  # sizes go in the header: no data descriptor after the data
        time, date = _dos(date_time)
        self.fp.write(_LOCAL.pack(b"PK\x03\x04", 20, flags, method, time, date, crc, compressed, size, len(encoded), 0))
        self.fp.write(encoded)
        if isinstance(data, bytes):
            self.fp.write(data)
        else:
            data(self.fp)
        self.central.append(_CENTRAL.pack(b"PK\x01\x02", (3 << 8) | 20, 20, flags, method, time, date, crc,
                                          compressed, size, len(encoded), 0, 0, 0, 0, external_attr, offset) + encoded)

    def copy(self, source: BinaryIO, info: zipfile.ZipInfo, name: str | None = None) -> bool:
        """Copy `info`'s entry from the open zip file `source` byte for byte; False when its local header is not
        where the central directory says (the caller then writes the entry's content anew). `name`: another name
        for the copy."""
        source.seek(info.header_offset)
        header = source.read(_LOCAL.size)
        if len(header) < _LOCAL.size:
            return False
        fields = _LOCAL.unpack(header)
        if fields[0] != b"PK\x03\x04":
            return False
        start = info.header_offset + _LOCAL.size + fields[9] + fields[10]

        def data(out: BinaryIO) -> None:
            source.seek(start)
            left = info.compress_size
            while left:
                chunk = source.read(min(left, 1 << 20))
                if not chunk:
                    raise zipfile.BadZipFile(f"{info.filename}: truncated")
                out.write(chunk)
                left -= len(chunk)

        self._entry(name or info.filename, info.flag_bits, info.compress_type, info.date_time, info.CRC, info.compress_size,
                    info.file_size, info.external_attr, data)
        return True

    def write(self, name: str, data: bytes, date_time) -> None:
        deflate = zlib.compressobj(6, zlib.DEFLATED, -15)
        compressed = deflate.compress(data) + deflate.flush()
        self._entry(name, 0, zipfile.ZIP_DEFLATED, date_time, zlib.crc32(data), len(compressed), len(data),
                    0o600 << 16, compressed)

    def close(self) -> None:
        start = self.fp.tell()
        directory = b"".join(self.central)
        if start + len(directory) >= _LIMIT:
            raise _NeedsZip64
        self.fp.write(directory)
        self.fp.write(_END.pack(b"PK\x05\x06", 0, 0, len(self.central), len(self.central), len(directory), start, 0))


def write_package(source: zipfile.ZipFile, source_path: str, out: str, overrides: dict[str, bytes],
                  gone: set[str], renames: dict[str, str] | None = None) -> None:
    """Every entry of `source` in its order (copied as it is unless overridden or gone; under another name when
    `renames` says so), then the new parts."""
    renames = renames or {}
    date_time = source.infolist()[0].date_time if source.infolist() else (1980, 1, 1, 0, 0, 0)
    try:
        with open(source_path, "rb") as raw, open(out, "wb") as target:
            writer = ZipWriter(target)
            written = set()
            for info in source.infolist():
                name = info.filename
                if name in gone or name in written:
                    continue
                new = renames.get(name, name)
                if name in overrides:
                    writer.write(new, overrides[name], info.date_time)
                elif not writer.copy(raw, info, new):
                    writer.write(new, source.read(name), info.date_time)
                written.add(name)
            for name, data in overrides.items():
                if name not in written:
                    writer.write(name, data, date_time)
            writer.close()
    except _NeedsZip64:
        _write_with_zipfile(source, out, overrides, gone, date_time, renames)


def _write_with_zipfile(source: zipfile.ZipFile, out: str, overrides: dict[str, bytes], gone: set[str],
                        date_time, renames: dict[str, str]) -> None:
    """The same package through `zipfile` (Zip64 when needed): every entry inflated and deflated again."""
    written = set()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as target:
        for info in source.infolist():
            name = info.filename
            if name in gone or name in written:
                continue
            data = overrides[name] if name in overrides else source.read(name)
            target.writestr(zipfile.ZipInfo(renames.get(name, name), date_time=info.date_time), data,
                            zipfile.ZIP_DEFLATED)
            written.add(name)
        for name, data in overrides.items():
            if name not in written:
                target.writestr(zipfile.ZipInfo(name, date_time=date_time), data, zipfile.ZIP_DEFLATED)


__all__ = ["ZipWriter", "write_package"]
