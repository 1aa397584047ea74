"""The files a command is given, checked before anything reads or writes them.

Two rules, each in one place so every command (and every command added later) gets them the same way:

- `refuse_overwrite`: no command writes over one of its own inputs, however the path is spelled (`./a.xlsx`,
  `x/../a.xlsx`, a symlink, a hard link).
- `check_readable`: an input is an existing file of a kind the command reads, and its first bytes say it is what
  its name says (a zip package for .xlsx/.xlsm/.ods, an OLE2 file for .xls). A broken file is a `FileError` naming
  it, never a traceback from deep inside zipfile or openpyxl.

What fails later is said by the reader that met it, as an error of its kind (`xl_iku.errors`); no file is read again
to learn why something failed.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import FileError

_ZIP = b"PK\x03\x04"
_EMPTY_ZIP = b"PK\x05\x06"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # compound file: .xls, and password-protected .xlsx/.xlsm
#: The part each zip-based kind must hold, by suffix.
_MAIN_PART = {".xlsx": "xl/workbook.xml", ".xlsm": "xl/workbook.xml", ".ods": "content.xml"}


@dataclass(frozen=True)
class Files:
    """What a command reads and what it writes, as it will use them (folders already expanded)."""

    inputs: Sequence[str | os.PathLike] = ()
    outputs: Sequence[str | os.PathLike] = ()
    suffixes: tuple[str, ...] = (".xlsx", ".xlsm")
    check_inputs: bool = True  # False: the command reports each bad input itself (a batch goes on without it)


def same_file(a: str | os.PathLike, b: str | os.PathLike) -> bool:
    """True when both names reach one file: another spelling, a symlink or a hard link."""
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet): compare what the names resolve to
        return os.path.normcase(os.path.realpath(a)) == os.path.normcase(os.path.realpath(b))


def refuse_overwrite(inputs: Iterable[str | os.PathLike], outputs: Iterable[str | os.PathLike]) -> None:
    inputs = list(inputs)
    for output in outputs:
        for source in inputs:
            if same_file(output, source):
                also = "" if str(output) == str(source) else f" (sama dengan '{source}')"
                raise FileError(
                    output, f"'{output}'{also} adalah berkas masukan perintah ini dan tidak akan ditimpa. Berkas itu "
                    "tidak diubah. Pilih nama lain untuk hasilnya (-o).", reason=FileError.OVERWRITE)


def check_readable(path: str | os.PathLike, suffixes: Sequence[str]) -> None:
    """Raise a `FileError` naming `path` unless it is an existing file that looks like one of `suffixes`."""
    path = Path(path)
    kinds = ", ".join(suffixes)
    if path.is_dir():
        raise FileError.folder(path, kinds)
    if not path.is_file():
        raise FileError.not_found(path)
    with open(path, "rb") as handle:
        head = handle.read(8)
    suffix = path.suffix.lower()
    if suffix not in suffixes:  # a name with no ending at all: what the content says it is, if we read that
        sniffed = ".xlsx" if head.startswith(_ZIP) else ".xls" if head.startswith(_OLE2) else ""
        if suffix or sniffed not in suffixes:
            raise FileError(path, f"'{path.name}' bukan buku kerja yang dapat dibaca perintah ini: hanya berkas {kinds}.",
                            reason=FileError.WRONG_KIND)
        suffix = sniffed
    if not head:
        raise FileError(path, f"Berkas '{path}' kosong (0 byte), bukan buku kerja. Salin ulang dari sumbernya.",
                        reason=FileError.EMPTY)
    if suffix in _MAIN_PART:
        if head.startswith(_OLE2):
            raise FileError(
                path, f"Berkas '{path}' terkunci dengan kata sandi (terenkripsi) atau sebenarnya berkas .xls lama. Buka "
                "di Excel, hapus kata sandinya (File → Info → Lindungi Buku Kerja) dan simpan ulang sebagai "
                f"{suffix}.", reason=FileError.ENCRYPTED)
        if not head.startswith((_ZIP, _EMPTY_ZIP)):
            raise FileError(path, f"Berkas '{path}' bukan buku kerja {suffix}: isinya bukan paket Excel. Buka di "
                            f"Excel lalu simpan ulang sebagai {suffix}.", reason=FileError.NOT_A_PACKAGE)
        try:
            with zipfile.ZipFile(path) as package:
                names = {name.lower() for name in package.namelist()}  # part names are case-insensitive
        except (zipfile.BadZipFile, OSError, ValueError):
            raise FileError.truncated(path) from None
        if _MAIN_PART[suffix] not in names and not _has_workbook_part(path, suffix):
            raise FileError(path, f"Berkas '{path}' adalah arsip zip, tetapi bukan buku kerja {suffix} (tidak ada "
                            f"{_MAIN_PART[suffix]}).", reason=FileError.NOT_A_WORKBOOK)
    elif suffix == ".xls" and not head.startswith(_OLE2):
        raise FileError(path, f"Berkas '{path}' bukan buku kerja .xls (mungkin halaman web atau teks yang diberi "
                        "nama .xls). Buka di Excel lalu simpan ulang sebagai .xlsx.", reason=FileError.NOT_A_PACKAGE)


def _has_workbook_part(path: str | os.PathLike, suffix: str) -> bool:
    """Whether the package's own relationships name a workbook part it holds (any name, any case)."""
    if suffix == ".ods":
        return False
    from .package import Package, PackageError

    try:
        Package(path).close()
    except (PackageError, OSError):
        return False
    return True


__all__ = ["Files", "same_file", "refuse_overwrite", "check_readable"]
