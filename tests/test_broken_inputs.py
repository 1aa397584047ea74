"""Every command, the same catalogue of broken input files: a `Galat:` message naming the file, exit 2, the file
untouched, never a traceback. And no command writes over one of its inputs, however the path is spelled.

A command added to `xl_iku.cli.COMMANDS` must get an entry in `ARGV` (test_every_command_is_in_the_catalogue).
"""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import pytest

from xl_iku.cli import COMMANDS, main

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "templates" / "IKU_Wotu.xlsx"
SURVEY = ROOT / "workbooks" / "SKM_Wotu.xlsx"

#: How each command is called with one input file (`out` is a fresh folder for whatever it writes).
ARGV = {
    "ikm": lambda path, out: ["ikm", path],
    "skm": lambda path, out: ["skm", path, "-o", out / "ringkasan.xlsx"],
    "regenerate": lambda path, out: ["regenerate", path],
    "init": lambda path, out: ["init", path],
    "export": lambda path, out: ["export", path, "-o", out / "salinan.xlsx"],
    "pdf": lambda path, out: ["pdf", path, "-o", out / "lampiran.pdf"],
    "pk": lambda path, out: ["pk", path, "--tahun", "2026", "-o", out / "pk.pdf"],
    "lkjip": lambda path, out: ["lkjip", path, "--tahun", "2025", "-o", out / "lkjip.pdf"],
    "rekap": lambda path, out: ["rekap", path, "-o", out / "rekap.xlsx"],
    "lke": lambda path, out: ["lke", path],
}


def _zip(path: Path, parts: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)


def _without_calcpr(path: Path) -> None:
    with zipfile.ZipFile(BOOK) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    workbook = parts["xl/workbook.xml"].decode()
    start = workbook.index("<calcPr")
    parts["xl/workbook.xml"] = (workbook[:start] + workbook[workbook.index("/>", start) + 2:]).encode()
    _zip(path, parts)


def _damaged_member(path: Path, part: str = "xl/worksheets/sheet3.xml") -> None:
    """A package whose central directory is fine but one sheet's compressed data is not (bad CRC/deflate); by
    default Data SKM's, which every command reads but `lke` (it reads `LKE` and `Instansi` only: `DAMAGED`)."""
    with zipfile.ZipFile(BOOK) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            out.writestr(item.filename, source.read(item.filename), zipfile.ZIP_DEFLATED)
    with zipfile.ZipFile(path) as package:
        info = package.getinfo(part)
    data = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start + 20, start + min(info.compress_size, 400)):
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))


#: case → how to make it (None: the path is left missing).
CASES = {
    "empty": lambda p: p.write_bytes(b""),
    "truncated": lambda p: p.write_bytes(BOOK.read_bytes()[:3000]),
    "text_named_xlsx": lambda p: p.write_text("Nama,Nilai\nA,3\n"),
    "readme": None,  # README.md itself, copied
    "zip_not_workbook": lambda p: _zip(p, {"catatan.txt": b"bukan buku kerja"}),
    "encrypted": lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4088)),
    "directory": lambda p: p.mkdir(),
    "missing": None,
    "damaged_member": _damaged_member,
}
#: command → the sheet part its damaged member is in, when the command does not read Data SKM
DAMAGED = {"lke": "xl/worksheets/sheet6.xml"}  # the template's LKE sheet
#: what each case is called on disk
NAMES = {"readme": "README.md"}
#: what the libraries say in English: staff read Bahasa Indonesia (`xl-iku ikm README.md` said the first)
LIBRARY_ENGLISH = ("Cannot detect file format", "File is not a zip", "invalid Zip archive", "There is no item",
                   "Could not find")
#: (command, case) that legitimately succeed: init creates the missing file.
SUCCEEDS = {("init", "missing")}


def _make(case: str, folder: Path) -> Path:
    path = folder / NAMES.get(case, f"{case}.xlsx")
    if case == "readme":
        shutil.copy(ROOT / "README.md", path)
    elif CASES[case] is not None:
        CASES[case](path)
    return path


def _snapshot(path: Path):
    if path.is_dir():
        return sorted(os.listdir(path))
    return path.read_bytes() if path.exists() else None


def test_every_command_is_in_the_catalogue():
    names = {module.__name__.rsplit(".", 1)[1] for module in COMMANDS}
    assert names == set(ARGV), "add the new command to ARGV so it meets the broken files too"


def test_every_command_declares_its_files():
    """`files(args)` tells the CLI what the command reads and writes: the shared checks need it."""
    from xl_iku.cli import _parser

    parser = _parser()
    for name, argv in ARGV.items():
        args = parser.parse_args([str(a) for a in argv(Path("x.xlsx"), Path("out"))])
        assert callable(getattr(args, "files", None)), name


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("command", list(ARGV))
def test_broken_file(command, case, tmp_path, capsys):
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    out.mkdir()
    path = _make(case, inputs)
    if case == "damaged_member" and command in DAMAGED:
        _damaged_member(path, DAMAGED[command])
    before = _snapshot(path)
    status = main([str(a) for a in ARGV[command](path, out)])  # a traceback would raise here
    err = capsys.readouterr().err
    if (command, case) in SUCCEEDS:
        assert status == 0
        return
    assert status == 2
    assert "Traceback" not in err
    assert not [words for words in LIBRARY_ENGLISH if words in err], err
    galat = [line for line in err.splitlines() if line.startswith("Galat: ")]
    assert galat and any(path.name in line for line in galat), err
    assert _snapshot(path) == before
    assert os.listdir(out) == []


@pytest.mark.parametrize("command", [
    "ikm", "skm", "init", pytest.param("pdf", marks=pytest.mark.libreoffice),
    pytest.param("pk", marks=pytest.mark.libreoffice), pytest.param("lkjip", marks=pytest.mark.libreoffice),
    "regenerate", "export", "rekap",
])
def test_workbook_without_calcpr(command, tmp_path, capsys):
    """A valid workbook whose workbook.xml has no <calcPr>: the command works, or says why it cannot."""
    (tmp_path / "out").mkdir()
    path = tmp_path / "tanpa_calcpr.xlsx"
    _without_calcpr(path)
    before = path.read_bytes()
    status = main([str(a) for a in ARGV[command](path, tmp_path / "out")])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    if command == "init":  # the file exists: refused
        assert status == 2 and path.name in err
    else:
        assert status == 0, err
    if command != "regenerate":
        assert path.read_bytes() == before


def _said_as_ours(err: str, error: str) -> bool:
    """The traceback of `error`, then the message that a bug is ours (never a file's fault)."""
    return ("Traceback" in err and error in err and "tidak dapat dibaca" not in err
            and err.rstrip().splitlines()[-1].startswith("Galat: kesalahan program xl-iku, bukan kesalahan berkas"))


def test_a_bug_of_ours_keeps_its_traceback(tmp_path, monkeypatch, capsys):
    """An unexpected error with inputs that read cleanly is not blamed on the file: its traceback, exit 3."""
    def broken(*args, **kwargs):
        raise ZeroDivisionError("bug in xl-iku")

    monkeypatch.setattr("xl_iku.model.survey.survey_summary", broken)
    assert main(["ikm", str(SURVEY)]) == 3
    assert _said_as_ours(capsys.readouterr().err, "ZeroDivisionError: bug in xl-iku")


def test_a_bug_of_ours_keeps_its_traceback_even_on_a_damaged_file(tmp_path, monkeypatch, capsys):
    """Whose fault a failure is follows from its kind (issue 19), not from reading the inputs again: an unexpected
    error is a bug even when an input happens to be damaged (the damaged file alone is a `FileError`, exit 2:
    `test_broken_file`)."""
    path = tmp_path / "rusak.xlsx"
    _damaged_member(path)

    def crash(*args, **kwargs):
        raise KeyError("deep inside a reader")

    monkeypatch.setattr("xl_iku.readers.skm.read_survey", crash)
    assert main(["ikm", str(path)]) == 3
    assert _said_as_ours(capsys.readouterr().err, "KeyError: 'deep inside a reader'")


# --- no output over an input -------------------------------------------------------------------------------------


def _spellings(path: Path, tmp_path: Path) -> dict[str, Path]:
    link = tmp_path / "tautan.xlsx"
    link.symlink_to(path)
    (tmp_path / "sub").mkdir(exist_ok=True)
    return {"same": path, "dotdot": tmp_path / "sub" / ".." / path.name, "symlink": link}


@pytest.mark.parametrize("spelling", ["same", "dotdot", "symlink"])
@pytest.mark.parametrize("argv", [
    lambda book, survey, out: ["skm", survey, "-o", out(survey)],
    lambda book, survey, out: ["skm", survey, "--csv", out(survey)],
    lambda book, survey, out: ["pdf", book, "-o", out(book)],
    lambda book, survey, out: ["pk", book, "--tahun", "2026", "-o", out(book)],
    lambda book, survey, out: ["lkjip", book, "--tahun", "2025", "-o", out(book)],
    lambda book, survey, out: ["export", book, "-o", out(book)],
    lambda book, survey, out: ["rekap", book, "-o", out(book)],
], ids=["skm", "skm_csv", "pdf", "pk", "lkjip", "export", "rekap"])
def test_output_over_input_is_refused(argv, spelling, tmp_path, capsys):
    book, survey = tmp_path / "buku.xlsx", tmp_path / "survei.xlsx"
    shutil.copy(BOOK, book)
    shutil.copy(SURVEY, survey)
    before = {p: p.read_bytes() for p in (book, survey)}

    def out(path):
        return _spellings(path, tmp_path)[spelling]

    assert main([str(a) for a in argv(book, survey, out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Galat: ") and "tidak akan ditimpa" in err
    assert {p: p.read_bytes() for p in (book, survey)} == before


def test_skm_summary_over_a_survey_inside_a_folder_is_refused(tmp_path, capsys):
    folder = tmp_path / "survei"
    folder.mkdir()
    shutil.copy(SURVEY, folder / "a.xlsx")
    before = (folder / "a.xlsx").read_bytes()
    assert main(["skm", str(folder), "-o", str(folder / "a.xlsx")]) == 2
    assert "tidak akan ditimpa" in capsys.readouterr().err
    assert (folder / "a.xlsx").read_bytes() == before


def test_pdf_named_like_its_book_is_refused(tmp_path, capsys):
    """`xl-iku pdf b.pdf` would write its default output (b.pdf) over its input."""
    path = tmp_path / "b.pdf"
    path.write_bytes(b"%PDF-1.4")
    assert main(["pdf", str(path)]) == 2
    assert "tidak akan ditimpa" in capsys.readouterr().err
    assert path.read_bytes() == b"%PDF-1.4"


def test_regenerate_in_place_through_o_is_still_in_place(tmp_path, capsys):
    """Rewriting its own book is what regenerate is for: `-o BOOK` (any spelling) is the same as no `-o`."""
    book = tmp_path / "buku.xlsx"
    shutil.copy(BOOK, book)
    (tmp_path / "sub").mkdir()
    assert main(["regenerate", str(book), "-o", str(tmp_path / "sub" / ".." / "buku.xlsx")]) == 0
    assert "tidak akan ditimpa" not in capsys.readouterr().err
    assert sorted(os.listdir(tmp_path)) == ["buku.xlsx", "sub"]


def test_export_pdf_api_refuses_its_own_book(tmp_path):
    from xl_iku import InputError
    from xl_iku.pdf import export_pdf

    book = tmp_path / "buku.xlsx"
    shutil.copy(BOOK, book)
    with pytest.raises(InputError, match="tidak akan ditimpa"):
        export_pdf(book, tmp_path / "." / "buku.xlsx", ["Tabel IKU"])
    assert book.read_bytes() == BOOK.read_bytes()
