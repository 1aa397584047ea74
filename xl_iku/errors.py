"""The errors staff ever see, by kind, each message built in one place.

Every rule rejects bad input with an `InputError` whose text is Bahasa Indonesia and says *where* and *what to do*.
Where is data, not only text: a failure has a kind, and the kind carries the place.

- `FileError(path, message, reason=…)`: the file itself (missing, a folder, empty, not a workbook, damaged, locked
  with a password, unreadable). `reason` is a short code (`FileError.MISSING`, …) callers may decide by.
- `SheetError(sheet, message, path=…)`: a sheet missing, or its layout wrong (a header row or column missing, no
  respondents below the header).
- `CellError(sheet, cell, message, path=…, subject=…)`: one cell's content (`cell` an A1 address).
- `InputError(message, row=…, column=…)` itself: a value found wrong by a rule (rules/ know no sheet): `row`/`column`
  are 1-based positions inside the range the caller passed, and a reader that knows where the range sits turns it
  into a `CellError` with `located(sheet=…, cell=…)`.

All subclass `InputError`, which subclasses `ValueError`, so `except InputError` / `except ValueError` keep working.
`path` is None until someone who knows the file says it (`in_file`); the text shown to staff does not repeat it for
sheet and cell errors (a command reading one book names it; a batch names it in its row). The kinds pickle with their
fields (a batch's worker process hands them back).

Each message written more than once is built by one classmethod here (`FileError.not_found`, `FileError.unreadable`,
`CellError.uncomputed`, …): call it, never retype its text.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any, TypeVar

_E = TypeVar("_E", bound="InputError")


class InputError(ValueError):
    """Invalid input, with a staff-facing message in Bahasa Indonesia.

    `message` is what is wrong and the fix; `where` the place as staff read it ("Sheet 'Data SKM', sel D7"), built
    from `sheet`/`cell` unless given ("" when the message itself says the place); `subject` what the place holds ("U3 Waktu Penyelesaian"). `row`/`column`: see
    the module docstring.
    """

    def __init__(self, message: str, *, row: int | None = None, column: int | None = None, where: str | None = None,
                 subject: str = "", path: str | os.PathLike | None = None, sheet: str | None = None,
                 cell: str | None = None):
        self.message = message
        self.row = row
        self.column = column
        self.path = os.fspath(path) if path is not None else None
        self.sheet = sheet
        self.cell = cell
        self.subject = subject  # what the cell holds, e.g. "U3 Waktu Penyelesaian"
        self.where = _place(sheet, cell) if where is None else where
        place = f"{self.where} ({subject})" if self.where and subject else self.where
        super().__init__(f"{place}: {message}" if place else message)

    def _fields(self) -> dict[str, Any]:
        return {"message": self.message, "row": self.row, "column": self.column, "where": self.where,
                "subject": self.subject, "path": self.path, "sheet": self.sheet, "cell": self.cell}

    def _extra(self) -> dict[str, Any]:
        """Fields a kind adds to the common ones (kept by `located`, `in_file` and pickling)."""
        return {}

    def __reduce__(self):
        return _rebuild, (type(self), self._fields(), self._extra())

    def located(self, where: str | None = None, *, sheet: str | None = None, cell: str | None = None,
                path: str | os.PathLike | None = None, subject: str | None = None) -> InputError:
        """The same error at a place the user can find, replacing any position relative to the range it was found
        in: a `CellError` when `cell` is given, a `SheetError` when only `sheet` is (unless it already was a cell
        error), else the same kind. `where` overrides the place's wording ("Sheet 'X', kolom C")."""
        kind: type[InputError] = type(self)
        if cell is not None:
            kind = CellError
        elif sheet is not None and not isinstance(self, (CellError, SheetError)):
            kind = SheetError
        fields = self._fields()
        fields["subject"] = self.subject if subject is None else subject
        if sheet is not None or cell is not None:
            fields.update(sheet=sheet if sheet is not None else self.sheet, cell=cell, where=None)
        if where is not None:
            fields["where"] = where
        if path is not None:
            fields["path"] = os.fspath(path)
        return _rebuild(kind, fields, self._extra() if kind is type(self) else {})

    def in_file(self: _E, path: str | os.PathLike) -> _E:
        """The same error, its `path` set: the file it was found in (text unchanged)."""
        fields = self._fields()
        fields["path"] = os.fspath(path)
        return _rebuild(type(self), fields, self._extra())


def _place(sheet: str | None, cell: str | None) -> str:
    if sheet is None:
        return ""
    return f"Sheet '{sheet}', sel {cell}" if cell else f"Sheet '{sheet}'"


def _rebuild(kind: type[_E], fields: dict[str, Any], extra: dict[str, Any]) -> _E:
    error = kind.__new__(kind)
    InputError.__init__(error, **fields)
    for name, value in extra.items():
        setattr(error, name, value)
    return error


class FileError(InputError):
    """The file itself cannot be used: `path` names it (always set), `reason` says why as a short code."""

    MISSING = "missing"  # no such file
    FOLDER = "folder"  # a folder where a file was expected
    WRONG_KIND = "wrong_kind"  # a kind of file this command does not read (README.md)
    EMPTY = "empty"  # 0 bytes
    ENCRYPTED = "encrypted"  # password-protected, or an old .xls named .xlsx
    NOT_A_PACKAGE = "not_a_package"  # named .xlsx, not a zip at all (text, HTML)
    TRUNCATED = "truncated"  # the zip is cut short
    NOT_A_WORKBOOK = "not_a_workbook"  # a zip without a workbook part
    DAMAGED = "damaged"  # a part inside does not decompress or fails its checksum
    UNREADABLE = "unreadable"  # the reading library refused it (its words in the message)
    OVERWRITE = "overwrite"  # an output that is one of the command's inputs
    EXISTS = "exists"  # an output that must not exist yet
    OS = "os"  # the operating system refused (permission, full disk, name too long)
    READ_ONLY = "read_only"  # an output marked read-only: not overwritten
    IN_USE = "in_use"  # an output open in Excel (its ~$ lock file beside it)
    CHANGED = "changed"  # an output saved by someone else while xl-iku worked

    path: str

    def __init__(self, path: str | os.PathLike, message: str, *, reason: str = UNREADABLE):
        super().__init__(message, path=path)
        self.reason = reason

    def _extra(self) -> dict[str, Any]:
        return {"reason": self.reason}

    @classmethod
    def not_found(cls, path: str | os.PathLike) -> FileError:
        return cls(path, f"Berkas '{os.fspath(path)}' tidak ditemukan. Periksa nama dan foldernya.",
                   reason=cls.MISSING)

    @classmethod
    def folder(cls, path: str | os.PathLike, kinds: str) -> FileError:
        return cls(path, f"'{os.fspath(path)}' adalah folder, bukan berkas. Sebutkan berkas {kinds} di dalamnya.",
                   reason=cls.FOLDER)

    @classmethod
    def truncated(cls, path: str | os.PathLike) -> FileError:
        return cls(path, f"Berkas '{os.fspath(path)}' rusak atau terpotong (paket zip tidak utuh). Salin ulang dari "
                   "sumbernya, atau buka di Excel lalu simpan ulang.", reason=cls.TRUNCATED)

    @classmethod
    def damaged(cls, path: str | os.PathLike, part: str) -> FileError:
        """A part (zip member) of the package that does not decompress or fails its checksum."""
        return cls(path, f"Berkas '{os.fspath(path)}' rusak: bagian {part} di dalamnya tidak utuh. Salin ulang dari "
                   "sumbernya.", reason=cls.DAMAGED)

    @classmethod
    def unreadable(cls, path: str | os.PathLike, why: object, *, part: str | None = None) -> FileError:
        """The reading library refused the file: `why` is its own words (an exception, or text), shown in brackets.
        A decompression failure (zipfile's bad CRC, zlib's invalid data, a member cut short) becomes `damaged`,
        naming the member: the one zipfile's text or `PackageError.damaged_part` names, else `part` (what the
        caller was reading)."""
        if isinstance(why, BaseException):
            member = _damaged_member(why, part)
            if member:
                return cls.damaged(path, member)
            own = type(why).__module__.startswith("xl_iku")  # our own words are already staff's
            why = str(why) if own else f"{type(why).__name__}: {why}" if str(why) else type(why).__name__
        return cls(path, f"Berkas '{os.fspath(path)}' tidak dapat dibaca sebagai buku kerja ({why}). Periksa apakah "
                   "berkas itu utuh (tidak terpotong saat disalin atau diunduh), atau buka lalu simpan ulang di Excel "
                   "atau LibreOffice.", reason=cls.UNREADABLE)

    @classmethod
    def from_os(cls, error: OSError, path: str | os.PathLike | None = None) -> FileError:
        """An operating-system error on a file, in staff's words (`os_error_text`)."""
        return cls(path if path is not None else error.filename or "", os_error_text(error), reason=cls.OS)


def _damaged_member(error: BaseException, part: str | None) -> str | None:
    import re
    import zipfile
    import zlib

    if isinstance(error, zipfile.BadZipFile):
        found = re.search(r"Bad CRC-32 for file '([^']+)'", str(error))
        if found:
            return found.group(1)
    if getattr(error, "damaged_part", None):  # package.PackageError knows the member it was reading
        return error.damaged_part  # type: ignore[attr-defined]
    return part if part and isinstance(error, (zipfile.BadZipFile, zlib.error, EOFError)) else None


class SheetError(InputError):
    """A sheet missing, or its layout not what the reader needs: `sheet` names it (always set)."""

    sheet: str

    def __init__(self, sheet: str, message: str, *, path: str | os.PathLike | None = None, where: str | None = None,
                 row: int | None = None, column: int | None = None):
        super().__init__(message, path=path, sheet=sheet, where=where, row=row, column=column)

    @classmethod
    def missing(cls, sheet: str, available: Sequence[str], *, path: str | os.PathLike | None = None) -> SheetError:
        return cls(sheet, f"Sheet '{sheet}' tidak ada. Sheet yang tersedia: {', '.join(available)}.", path=path,
                   where="")

    @classmethod
    def missing_columns(cls, sheet: str, names: str, *, fix: str, row: int = 1,
                        path: str | os.PathLike | None = None) -> SheetError:
        """Header row `row` lacks the columns `names` (quoted, comma-separated: "'Tahun', 'Program'")."""
        return cls(sheet, f"kolom {names} tidak ditemukan. {fix}", where=f"Sheet '{sheet}', baris {row}", path=path)


class CellError(InputError):
    """One cell's content: `sheet` and `cell` (an A1 address) name it (always set)."""

    sheet: str
    cell: str

    def __init__(self, sheet: str, cell: str, message: str, *, path: str | os.PathLike | None = None,
                 subject: str = "", where: str | None = None, row: int | None = None, column: int | None = None):
        super().__init__(message, path=path, sheet=sheet, cell=cell, subject=subject, where=where, row=row,
                         column=column)

    @classmethod
    def uncomputed(cls, sheet: str, cell: str, *, instead: str = "atau ganti rumusnya dengan angka",
                   path: str | os.PathLike | None = None) -> CellError:
        """A formula Excel never computed (a file written by a program, never opened and saved)."""
        return cls(sheet, cell, "rumus belum punya nilai terhitung. Buka dan simpan berkas di Excel (atau "
                   f"LibreOffice) dahulu, {instead}.", path=path)


def os_error_text(error: OSError) -> str:
    """What an operating-system error means for staff, and what to do, in Bahasa Indonesia: a full disk is not a
    file left open in Excel, and a name too long is neither (the English strerror alone says little to staff)."""
    import errno

    name = f"'{error.filename}'" if error.filename else "berkas"
    code = error.errno
    if code == errno.ENOSPC or code == getattr(errno, "EDQUOT", None):
        return (f"{name} tidak dapat ditulis: disk atau kuota penuh. Kosongkan ruang disk atau simpan ke folder lain, "
                "lalu coba lagi. Berkas asli tidak diubah.")
    if code == errno.ENAMETOOLONG:
        return (f"nama atau jalur {name} terlalu panjang untuk sistem berkas ini. Pakai nama berkas atau folder yang "
                "lebih pendek.")
    if code == errno.EROFS:
        return f"{name} berada di media yang hanya dapat dibaca. Simpan ke folder lain."
    if code == errno.ENOENT:
        return FileError.not_found(error.filename).message if error.filename else \
            "Berkas tidak ditemukan. Periksa nama dan foldernya."
    if code in (errno.EACCES, errno.EPERM, errno.EBUSY, errno.ETXTBSY):
        return (f"{name} tidak dapat dibaca atau ditulis (akses ditolak). Tutup berkas itu di Excel bila sedang "
                "dibuka, periksa izin berkas dan foldernya, lalu coba lagi. Berkas asli tidak diubah.")
    if code == errno.EIO:
        return f"{name} tidak dapat dibaca atau ditulis: galat perangkat (disk, flashdisk atau jaringan). Salin ulang berkasnya."
    if code == errno.EISDIR:
        return f"{name} adalah folder, bukan berkas."
    return (f"{name} tidak dapat dibaca atau ditulis ({error.strerror or error}). Periksa berkas dan foldernya, lalu "
            "coba lagi. Berkas asli tidak diubah.")
