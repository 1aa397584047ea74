"""Help and usage in Bahasa Indonesia, like every other message; help that names what the command reads."""

import pytest

from xl_iku.cli import COMMANDS, main
from xl_iku.layout.data_skm import SHEET as SKM_SHEET
from xl_iku.model.plan import DATA_SHEET, INSTANSI_SHEET
from xl_iku.model.program import SHEET as PROGRAM_SHEET
from xl_iku.readers.akip import SHEET as AKIP_SHEET

ENGLISH = ("usage:", "positional arguments", "optional arguments", "options:", "show this help message", "exit",
           "the following arguments", "required", "invalid choice")
COMMAND_NAMES = [module.__name__.rsplit(".", 1)[1] for module in COMMANDS]


def help_text(capsys, *argv) -> str:
    with pytest.raises(SystemExit) as exit_:
        main(list(argv))
    assert exit_.value.code == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("argv", [["--help"]] + [[name, "--help"] for name in COMMAND_NAMES])
def test_help_is_indonesian(capsys, argv):
    text = help_text(capsys, *argv)
    assert text.startswith("Penggunaan: xl-iku")
    assert "opsi:" in text and "tampilkan bantuan ini lalu keluar" in text
    assert not [word for word in ENGLISH if word in text.lower()]


@pytest.mark.parametrize("name", COMMAND_NAMES)
def test_usage_errors_are_indonesian(capsys, name):
    with pytest.raises(SystemExit) as exit_:
        main([name, "--tidak-ada"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("Penggunaan: xl-iku") and "Galat: " in err
    assert not [word for word in ENGLISH if word in err.lower()]


@pytest.mark.parametrize("name", ["init", "regenerate"])
def test_help_names_the_five_input_sheets(capsys, name):
    text = " ".join(help_text(capsys, name, "--help").split())
    for sheet in (INSTANSI_SHEET, DATA_SHEET, SKM_SHEET, AKIP_SHEET, PROGRAM_SHEET):
        assert f"'{sheet}'" in text, sheet
