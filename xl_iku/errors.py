"""The one error type staff ever see.

Every rule rejects bad input with an `InputError` whose text is Bahasa Indonesia and says *where* (row/column in the
range, the unsur, or the sheet and cell once a reader knows them) and *what to do*. It subclasses `ValueError` so
generic Python callers can still catch it as such.
"""

from __future__ import annotations


class InputError(ValueError):
    """Invalid input, with a staff-facing message in Bahasa Indonesia.

    `row`/`column` are 1-based positions inside the range the caller passed (None when not about one cell), so a
    reader that knows where the range sits on a sheet can turn them into a cell address with `located()`.
    """

    def __init__(self, message: str, *, row: int | None = None, column: int | None = None, where: str = "",
                 subject: str = ""):
        self.message = message
        self.row = row
        self.column = column
        self.where = where
        self.subject = subject  # what the cell holds, e.g. "U3 Waktu Penyelesaian"
        place = f"{where} ({subject})" if where and subject else where
        super().__init__(f"{place}: {message}" if place else message)

    def located(self, where: str) -> InputError:
        """The same error at a place the user can find ("Sheet 'Data SKM', sel D7"), replacing any position
        relative to the range it was found in."""
        return InputError(self.message, row=self.row, column=self.column, where=where, subject=self.subject)


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
        return f"{name} tidak ditemukan. Periksa nama dan foldernya."
    if code in (errno.EACCES, errno.EPERM, errno.EBUSY, errno.ETXTBSY):
        return (f"{name} tidak dapat dibaca atau ditulis (akses ditolak). Tutup berkas itu di Excel bila sedang "
                "dibuka, periksa izin berkas dan foldernya, lalu coba lagi. Berkas asli tidak diubah.")
    if code == errno.EIO:
        return f"{name} tidak dapat dibaca atau ditulis: galat perangkat (disk, flashdisk atau jaringan). Salin ulang berkasnya."
    if code == errno.EISDIR:
        return f"{name} adalah folder, bukan berkas."
    return (f"{name} tidak dapat dibaca atau ditulis ({error.strerror or error}). Periksa berkas dan foldernya, lalu "
            "coba lagi. Berkas asli tidak diubah.")
