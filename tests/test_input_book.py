"""One reader of .xlsx input (`readers/book.InputBook`), for the input book's sheets and for a survey alike: what
calamine or the package refuse is the file's error (`FileError`, with the path as data), one message for both
uses; anything else is a bug of ours and is not blamed on the file."""

from __future__ import annotations

import zipfile

import pytest
from test_xlsx_extent import one_sheet_book

from xl_iku.errors import FileError
from xl_iku.readers.book import InputBook
from xl_iku.readers.skm import read_survey

HEADER = '<row r="1">' + "".join(f'<c r="{c}1" t="inlineStr"><is><t>U{i}</t></is></c>'
                                 for i, c in enumerate("ABCDEFGHI", 1)) + "</row>"
ANSWERS = "".join(f'<row r="{r}">' + "".join(f'<c r="{c}{r}"><v>3</v></c>' for c in "ABCDEFGHI") + "</row>"
                  for r in range(2, 6))


def test_a_sheet_calamine_cannot_parse_is_the_files_error_in_both_uses(tmp_path):
    path = one_sheet_book(tmp_path / "rusak.xlsx", HEADER + ANSWERS + '<row r="6"><c r="A6"><v>1</v></row>')
    with pytest.raises(FileError) as as_survey:
        read_survey(path)
    with InputBook(path) as book, pytest.raises(FileError) as as_book:
        book.rows("S")
    for error in (as_survey.value, as_book.value):
        assert error.path == str(path) and error.reason == FileError.UNREADABLE
        assert "tidak dapat dibaca sebagai buku kerja (XmlError" in error.message
    assert as_survey.value.message == as_book.value.message


def test_a_part_that_does_not_inflate_is_named(tmp_path):
    path = one_sheet_book(tmp_path / "s.xlsx", HEADER + ANSWERS)
    data = bytearray(path.read_bytes())
    info = zipfile.ZipFile(path).getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    data[start + 10:start + 30] = b"\xff" * 20  # inside the compressed sheet
    path.write_bytes(bytes(data))
    with pytest.raises(FileError) as found:
        read_survey(path)
    assert found.value.reason == FileError.DAMAGED and "xl/worksheets/sheet1.xml" in found.value.message


def test_a_failure_of_ours_is_not_blamed_on_the_file(tmp_path, monkeypatch):
    """Only calamine's own error types (and the operating system's) are the file's: a bug propagates as itself."""
    import xl_iku.readers.calamine as calamine

    def broken(path):
        raise RuntimeError("a bug in xl-iku")

    monkeypatch.setattr(calamine, "open_calamine", broken)
    path = one_sheet_book(tmp_path / "s.xlsx", HEADER + ANSWERS)
    with pytest.raises(RuntimeError):
        read_survey(path)
    with InputBook(path) as book, pytest.raises(RuntimeError):
        book.rows("S")


@pytest.mark.parametrize("kind", [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED], ids=["stored", "deflated"])
def test_a_sheet_stored_or_deflated_reads_the_same(tmp_path, kind):
    """The sheet part is inflated by one zlib call when deflated (`xlsx_scan.inflated`); zipfile reads the rest."""
    source = one_sheet_book(tmp_path / "a.xlsx", HEADER + ANSWERS)
    path = tmp_path / "b.xlsx"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(path, "w", kind) as new:
        for info in old.infolist():
            new.writestr(info.filename, old.read(info), compress_type=kind)
    table = read_survey(path)
    assert len(table.rows) == 4 and all(row == (3.0,) * 9 for row in table.rows)


def test_a_sheet_whose_checksum_fails_is_named_damaged(tmp_path):
    path = one_sheet_book(tmp_path / "s.xlsx", HEADER + ANSWERS)
    data = bytearray(path.read_bytes())
    name = b"xl/worksheets/sheet1.xml"
    central = data.find(b"PK\x01\x02")  # the central directory's first entry
    while data[central + 46:central + 46 + len(name)] != name:
        central = data.find(b"PK\x01\x02", central + 4)
    data[central + 16] ^= 0xFF  # the CRC-32 the central directory states for the sheet, first byte
    path.write_bytes(bytes(data))
    with pytest.raises(FileError) as found:
        read_survey(path)
    assert found.value.reason == FileError.DAMAGED and "xl/worksheets/sheet1.xml" in found.value.message


def test_a_missing_styles_part_is_the_files_error(tmp_path):
    """The number formats of Data IKU and a sparse read's dates come from xl/styles.xml: a book without it (or with
    one that is not XML) is the file's error, named, not a PackageError escaping the reader."""
    from iku_books import office_book

    whole = office_book(tmp_path / "utuh.xlsx")
    for name, styles in (("tanpa_styles.xlsx", None), ("styles_rusak.xlsx", b"<styleSheet")):
        path = tmp_path / name
        with zipfile.ZipFile(whole) as old, zipfile.ZipFile(path, "w") as new:
            for item in old.infolist():
                if item.filename != "xl/styles.xml":
                    new.writestr(item, old.read(item.filename))
                elif styles is not None:
                    new.writestr(item, styles)
        with InputBook(path) as book, pytest.raises(FileError) as found:
            book.number_formats("Data IKU")
        assert found.value.path == str(path) and found.value.reason in (FileError.UNREADABLE, FileError.DAMAGED)
