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

    def located(self, where: str) -> "InputError":
        """The same error at a place the user can find ("Sheet 'Data SKM', sel D7"), replacing any position
        relative to the range it was found in."""
        return InputError(self.message, row=self.row, column=self.column, where=where, subject=self.subject)
