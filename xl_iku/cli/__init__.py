"""`xl-iku …`: thin entry points over readers, rules, layout and writers, one module per command.

Staff-facing text is Bahasa Indonesia.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from ..errors import InputError
from . import export, ikm, init, lke, lkjip, pdf, pk, regenerate, rekap, skm

#: One module per command, in the order `--help` lists them; each registers its parser and `run`.
COMMANDS = (ikm, skm, regenerate, init, export, pdf, pk, lkjip, rekap, lke)


def main(argv: Sequence[str] | None = None) -> int:
    _tolerant_output()
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    try:
        return _run(args)
    except InputError as error:
        print(f"Galat: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `xl-iku skm … --json | head`: the reader stopped reading; no file is to blame
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # and no second error at exit's flush
        return 1
    except OSError as error:  # open in Excel on Windows, a read-only folder, a full disk, a name too long
        from ..errors import os_error_text

        print(f"Galat: {os_error_text(error)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("Dibatalkan.", file=sys.stderr)
        return 130
    except Exception:  # not an input's fault: ours, with what a developer needs, and the exit status batches give it
        import traceback

        from ..many import FAULT_EXIT  # the status `skm` and `rekap` give a file that met such a fault

        traceback.print_exc()
        print(f"Galat: {BUG_MESSAGE}", file=sys.stderr)
        return FAULT_EXIT


BUG_MESSAGE = ("kesalahan program xl-iku, bukan kesalahan berkas atau isian Anda. Laporkan ke pengembang xl-iku "
               "beserta rincian di atas.")


def _tolerant_output() -> None:
    """Output to a console or pipe whose encoding cannot show every character (Windows' cp1252: "≥", "…", a
    respondent's name in another script) prints a replacement character instead of dying in mid-table; a file name
    that is not UTF-8 is printed as the bytes it is."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
        if encoding and hasattr(stream, "reconfigure"):
            try:  # UTF-8: a file name that is not UTF-8 (a surrogate-escaped str) is written as its own bytes
                stream.reconfigure(errors="surrogateescape" if encoding == "utf8" else "replace")
            except (ValueError, OSError):  # a closed or detached stream
                pass


def _run(args: argparse.Namespace) -> int:
    """Run a command after the checks every command shares (`xl_iku.files`): no output over an input, inputs that
    are readable files of the right kind. What a command refuses is an `InputError` of some kind (`xl_iku.errors`:
    a file, a sheet, a cell), said by `main` with exit 2; anything else is a bug of ours: its traceback, a message that says so,
    exit 3 (no file is read again to guess whose fault it was)."""
    from ..files import Files, check_readable, refuse_overwrite

    files: Files = args.files(args) if hasattr(args, "files") else Files()
    refuse_overwrite(files.inputs, files.outputs)
    if files.check_inputs:
        for path in files.inputs:
            check_readable(path, files.suffixes)
    if getattr(args, "acyclic", False):
        with _collector_paused():
            return args.run(args)  # its frame, and what it read, freed before the collector is back
    return args.run(args)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off while a command that builds no reference cycles runs (`xl-iku ikm`:
    `set_defaults(acyclic=True)`; not `skm`, whose workers read file after file), as it was after, an error included.

    Reading a survey builds a container per row (calamine's rows, the answer tuples: 200,000 for 100,000
    respondents), none of them in a cycle; every 700 of them started a collection that walked the young ones, and
    the older generations were walked again as they grew: ~0.05 s of CPU (and the cache misses of walking them)
    on a 100,000-respondent survey, for no garbage. Re-enabled inside `read_survey` it would walk them all at once;
    here the command has returned and reference counting has freed them first. Memory is freed as before."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[override]
        super().add_usage(usage, actions, groups, "Penggunaan: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse speaks English; staff read its help and usage errors in Bahasa Indonesia."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumen"
        self._optionals.title = "opsi"
        self.add_argument("-h", "--help", action="help", help="tampilkan bantuan ini lalu keluar")

    _WORDS = (
        ("the following arguments are required", "argumen berikut wajib diisi"),
        ("unrecognized arguments", "argumen tidak dikenal"),
        ("invalid choice", "pilihan tidak sah"),
        ("choose from", "pilih dari"),
        ("expected one argument", "membutuhkan satu nilai"),
        ("expected at least one argument", "membutuhkan paling sedikit satu nilai"),
        ("ambiguous option", "opsi ambigu"),
        ("could match", "dapat berarti"),
        ("not allowed with argument", "tidak boleh bersama"),
        ("invalid int value", "bukan bilangan bulat"),
        ("argument ", "isian "),
    )

    def error(self, message: str) -> None:  # type: ignore[override]
        for english, indonesian in self._WORDS:
            message = message.replace(english, indonesian)
        self.print_usage(sys.stderr)
        self.exit(2, f"Galat: {message.rstrip('.')}. Lihat: {self.prog} --help\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="xl-iku",
        description="IKU, IKM (SKM) dan Nilai AKIP untuk perangkat daerah, langsung dari buku kerja Excel.",
    )
    commands = parser.add_subparsers(dest="command", metavar="PERINTAH", parser_class=_Parser)
    for command in COMMANDS:
        command.register(commands)
    return parser
