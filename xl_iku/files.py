"""The files a command is given, checked before anything reads or writes them.

Three rules, each in one place so every command (and every command added later) gets them the same way:

- `refuse_overwrite`: no command writes over one of its own inputs, however the path is spelled (`./a.xlsx`,
  `x/../a.xlsx`, a symlink, a hard link).
- `check_readable`: an input is an existing file of a kind the command reads, and its first bytes say it is what
  its name says (a zip package for .xlsx/.xlsm/.ods, an OLE2 file for .xls). A broken file is a message naming it,
  never a traceback from deep inside zipfile or openpyxl.
- `unreadable_reason`: after an unexpected failure, each input is read on its own, fully, with the libraries that
  read it. If one fails, the failure was that file (the CLI says so); if all read cleanly, the failure is a bug in
  xl-iku and must stay visible (the CLI lets the traceback through).
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import FileError, InputError

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


def unreadable_reason(path: str | os.PathLike, suffixes: Sequence[str]) -> str | None:
    """Why `path` cannot be read, or None when every reader we use reads it in full.

    Only called after an unexpected failure, so it may be slow: it checks every zip member's checksum and reads the
    whole workbook with openpyxl and with calamine.
    """
    try:
        check_readable(path, suffixes)
    except InputError as error:
        return str(error)
    if Path(path).suffix.lower() in _MAIN_PART:
        bad = _damaged_member(path)
        if bad:
            return str(FileError.damaged(path, bad))
    for reader in (_read_with_openpyxl, _read_with_calamine):
        try:
            reader(path)
        except Exception as error:
            return str(FileError.unreadable(path, error))
    return None


def _damaged_member(path: str | os.PathLike) -> str | None:
    """The first zip member whose data does not decompress or fails its checksum, read in chunks."""
    with zipfile.ZipFile(path) as package:
        for info in package.infolist():
            try:
                with package.open(info) as member:
                    while member.read(1 << 20):
                        pass
            except Exception:  # zlib.error, BadZipFile (bad CRC), EOFError, …
                return info.filename
    return None


def _read_with_openpyxl(path: str | os.PathLike) -> None:
    if Path(path).suffix.lower() not in (".xlsx", ".xlsm"):
        return
    import openpyxl

    openpyxl.load_workbook(path).close()
    openpyxl.load_workbook(path, data_only=True).close()


def _read_with_calamine(path: str | os.PathLike) -> None:
    """Every sheet through calamine, except one whose A1-to-farthest rectangle the scan finds too large: calamine
    would allocate it whole (one stray far cell: 512 GiB, and the process aborts). A .csv is not calamine's."""
    from .readers.calamine import open_calamine

    suffix = Path(path).suffix.lower()
    if suffix not in (".xlsx", ".xlsm", ".ods"):
        return  # .csv: not a workbook; .xls: read by xlrd, whose errors were already the reason
    too_large: set[str] = set()
    if suffix == ".ods":
        from .readers.ods_scan import scan_ods
        from .readers.xlsx_scan import DENSE_CELL_LIMIT

        if any(scan.dense_cells > DENSE_CELL_LIMIT for scan in scan_ods(os.fspath(path))[0].values()):
            return  # calamine loads every sheet of an .ods when it opens it
    else:
        from .package import Package
        from .readers.xlsx_scan import DENSE_CELL_LIMIT, scan_sheet

        with Package(path) as package:
            too_large = {sheet.name for sheet in package.sheets() if sheet.part in package.names
                         and scan_sheet(package, sheet.part).dense_cells > DENSE_CELL_LIMIT}
    book = open_calamine(path)
    for name in book.sheet_names:
        if name not in too_large:
            book.get_sheet_by_name(name).to_python()


__all__ = ["Files", "same_file", "refuse_overwrite", "check_readable", "unreadable_reason"]
