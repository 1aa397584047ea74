"""Every `xl-iku …` command in the README and in the staff guide (PANDUAN.md) runs as shown, on the bundled files.

Code blocks are what a reader pastes: each block's commands run verbatim, one after another, in a fresh folder
holding a copy of `templates/` and `workbooks/` (a later line may use a file an earlier one wrote), and name no
placeholder. Inline synopses in the README run in their required form (`[optional parts]` and `...` dropped; a bare
`xl-iku pdf` is a mention), each with a copy of the bundled file each placeholder name (`BOOK.xlsx`, …) stands for.
A synopsis with a new placeholder needs one line in `PLACEHOLDERS` (a file) or `ARGUMENTS` (a value such as a year).
"""

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

#: placeholder name in the README → the bundled file (or folder) it stands for, relative to the repository
PLACEHOLDERS = {
    "SURVEI.xlsx": "workbooks/SKM_Wotu.xlsx",
    "BOOK.xlsx": "templates/IKU_Wotu.xlsx",
    "PATH": "workbooks/SKM_Wotu.xlsx",
    "FOLDER": "templates",  # a kabupaten's folder of office workbooks (xl-iku rekap)
}
#: placeholder argument (not a file) → the value it takes on the bundled files
ARGUMENTS = {
    "YYYY": "2026",  # the template's Tahun PK
}
#: commands whose first argument is a file they create: its placeholder is not copied in beforehand
CREATES_FIRST_ARGUMENT = {"init"}
BUNDLED = ("templates", "workbooks")


def code_blocks(path: Path) -> list[tuple[int, list[str]]]:
    """(first line number, the block's `xl-iku` commands, trailing `# comment` dropped) for each fenced code block."""
    blocks, block, fenced = [], None, False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.lstrip().startswith("```"):
            fenced = not fenced
            if not fenced and block and block[1]:
                blocks.append(block)
            block = (number + 1, []) if fenced else None
        elif fenced and line.strip().startswith("xl-iku "):
            block[1].append(shlex.join(shlex.split(line, comments=True)))
    return blocks


def readme_commands(readme: Path) -> list[tuple[int, str]]:
    """(line number, command) for each inline `xl-iku SUBCOMMAND ARG…` span outside code blocks."""
    commands, fenced = [], False
    for number, line in enumerate(readme.read_text(encoding="utf-8").splitlines(), start=1):
        if line.lstrip().startswith("```"):
            fenced = not fenced
        elif not fenced:
            for span in re.findall(r"`(xl-iku [^`]+)`", line):
                required = re.sub(r"\s*\[[^\]]*\]|\.\.\.|…", "", span)
                if len(shlex.split(required)) > 2:
                    commands.append((number, required))
    return commands


COMMANDS = readme_commands(ROOT / "README.md")
BLOCKS = [(doc, line, block) for doc in ("README.md", "PANDUAN.md") for line, block in code_blocks(ROOT / doc)]


def xl_iku() -> list[str]:
    script = Path(sys.executable).with_name("xl-iku")
    return [str(script)] if script.exists() else [sys.executable, "-m", "xl_iku.cli"]


def test_the_readme_shows_commands():
    assert len(COMMANDS) >= 3 and sum(len(b) for d, _, b in BLOCKS if d == "README.md") >= 5
    assert all(c.split()[1] for _, c in COMMANDS)
    assert {"init", "regenerate", "pdf", "pk"} <= {c.split()[1] for d, _, b in BLOCKS if d == "PANDUAN.md" for c in b}


def needs_office(command: str) -> bool:
    """`xl-iku pdf`, `xl-iku pk` and `export --pdf` print through LibreOffice."""
    return shlex.split(command)[1] in ("pdf", "pk") or "--pdf" in shlex.split(command)


@pytest.mark.parametrize("doc,line,block", [
    pytest.param(d, n, b, marks=[pytest.mark.libreoffice] if any(needs_office(c) for c in b) else [])
    for d, n, b in BLOCKS
], ids=[f"{d}:{n}" for d, n, _ in BLOCKS])
def test_code_block_runs_as_pasted(tmp_path, doc, line, block):
    for folder in BUNDLED:
        shutil.copytree(ROOT / folder, tmp_path / folder)
    for command in block:
        args = shlex.split(command)
        named = [a for a in args if a in PLACEHOLDERS or a in ARGUMENTS]
        assert not named, f"{doc} line {line}: `{command}` shows placeholders {named}: show a runnable command"
        done = subprocess.run(xl_iku() + args[1:], cwd=tmp_path, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, (
            f"{doc} code block at line {line}: `{command}` exited {done.returncode}\n{done.stderr.strip()}")


@pytest.mark.parametrize("line,command", [
    pytest.param(n, c, marks=[pytest.mark.libreoffice] if needs_office(c) else []) for n, c in COMMANDS
], ids=[f"README.md:{n}" for n, _ in COMMANDS])
def test_readme_command_runs_as_shown(tmp_path, line, command):
    for folder in BUNDLED:
        shutil.copytree(ROOT / folder, tmp_path / folder)
    args = [ARGUMENTS.get(arg, arg) for arg in shlex.split(command)]
    created = args[2] if args[1] in CREATES_FIRST_ARGUMENT else None
    for name, source in PLACEHOLDERS.items():
        if name in args and name != created:
            copy = shutil.copytree if (ROOT / source).is_dir() else shutil.copyfile
            copy(ROOT / source, tmp_path / name)
    done = subprocess.run(xl_iku() + args[1:], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, (
        f"README.md line {line}: `{command}` exited {done.returncode}\n{done.stderr.strip()}\n"
        f"(placeholders known: {', '.join([*PLACEHOLDERS, *ARGUMENTS])}; a new one goes in PLACEHOLDERS or ARGUMENTS "
        f"in {Path(__file__).name})")
