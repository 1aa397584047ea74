"""The README's first two commands on a fresh machine: both install LibreOffice + poppler and the fonts the workbooks
use (Debian packages) when missing, through one shared step; the main job never skips the PDF in silence.

Each script runs for real in a copy of `scripts/`, with stand-ins that record what they were asked to do: a PATH
holding only `apt-get`/`sudo`/`fc-list` stand-ins (and `dirname`, `id`), a `.venv` whose `python` and `xl-iku` log
their arguments, a font list the `fc-list` stand-in answers from. No package is installed and no venv is built.
"""

import os
import shutil
import subprocess

import pytest

SCRIPTS = ("wotu.sh", "test.sh")
CHMOD = shutil.which("chmod")
GREP = shutil.which("grep")


def stub(path, body):
    path.write_text("#!" + shutil.which("bash") + "\n" + body)
    path.chmod(0o755)


#: The font families the workbooks need on paper, and the Debian package that brings each.
FONTS = {"fonts-crosextra-carlito": "Carlito", "fonts-liberation2": "Liberation Sans"}


def fc_list(bin_dir):
    """An `fc-list -q FAMILY` that answers from the machine's font list (one family a line)."""
    stub(bin_dir / "fc-list", f'[ "$1" = -q ] && {GREP} -qxF "$2" "{bin_dir.parent / "fonts.txt"}"\n')


@pytest.fixture
def machine(tmp_path, root):
    """A clone with stand-ins, fontconfig present but none of the fonts; returns (repo, bin, log)."""
    repo, bin_dir, log = tmp_path / "repo", tmp_path / "bin", tmp_path / "log.txt"
    shutil.copytree(root / "scripts", repo / "scripts")
    (repo / ".venv" / "bin").mkdir(parents=True)
    bin_dir.mkdir()
    for tool in ("dirname", "id"):
        os.symlink(shutil.which(tool), bin_dir / tool)
    for name in ("python", "xl-iku"):
        stub(repo / ".venv" / "bin" / name, f'echo "{name} $*" >> "{log}"\n')
    stub(bin_dir / "sudo", 'exec "$@"\n')
    fc_list(bin_dir)
    (tmp_path / "fonts.txt").write_text("")
    return repo, bin_dir, log


def with_apt(bin_dir, log, fonts=True):
    """An apt-get that 'installs' soffice and pdftoppm, fc-list and (unless `fonts` is false) the font families when
    asked for their packages."""
    fonts_file = bin_dir.parent / "fonts.txt"
    lines = [f'echo "apt-get $*" >> "{log}"',
             'for p in "$@"; do case "$p" in',
             f'  libreoffice-calc-nogui) printf "#!/bin/sh\\n" > "{bin_dir}/soffice";;',
             f'  poppler-utils) printf "#!/bin/sh\\n" > "{bin_dir}/pdftoppm";;',
             f'  fontconfig) {shutil.which("cp")} "{bin_dir.parent / "fc-list"}" "{bin_dir}/fc-list";;']
    if fonts:
        lines += [f'  {package}) echo "{family}" >> "{fonts_file}";;' for package, family in FONTS.items()]
    lines += ['esac; done', f'{CHMOD} +x "{bin_dir}"/* 2>/dev/null; true']
    stub(bin_dir / "apt-get", "\n".join(lines) + "\n")
    shutil.copy2(bin_dir / "fc-list", bin_dir.parent / "fc-list")  # what the fontconfig package brings


def with_office(bin_dir, *families):
    """LibreOffice and poppler already there, with these font families."""
    for tool in ("soffice", "pdftoppm"):
        stub(bin_dir / tool, "")
    (bin_dir.parent / "fonts.txt").write_text("".join(f"{f}\n" for f in families))


def run(repo, bin_dir, script):
    return subprocess.run([shutil.which("bash"), str(repo / "scripts" / script)], capture_output=True, text=True,
                          env={"PATH": str(bin_dir), "HOME": str(repo)}, timeout=60)


def logged(log):
    return log.read_text().splitlines() if log.exists() else []


def installed(repo, bin_dir, log, script):
    """Run `script`; check it ran its job after one `apt-get install`, and return that install's packages."""
    done = run(repo, bin_dir, script)
    assert done.returncode == 0, done.stderr
    calls = logged(log)
    install = [c for c in calls if c.startswith("apt-get install")]
    assert len(install) == 1, calls
    assert calls.index(install[0]) < len(calls) - 1  # before the job it serves
    if script == "wotu.sh":
        assert "xl-iku pdf workbooks/IKU_Wotu.xlsx" in calls
    else:
        assert any(c.startswith("python -m pytest") for c in calls)
    return set(install[0].split()[2:]) - {"-y", "-qq", "--no-install-recommends"}


@pytest.mark.parametrize("script", SCRIPTS)
def test_installs_libreoffice_poppler_and_fonts_when_missing(machine, script):
    repo, bin_dir, log = machine
    with_apt(bin_dir, log)
    assert installed(repo, bin_dir, log, script) == {"libreoffice-calc-nogui", "poppler-utils", "fontconfig", *FONTS}


@pytest.mark.parametrize("script", SCRIPTS)
@pytest.mark.parametrize("present", [(), ("Carlito",), ("Liberation Sans",)])
def test_fonts_installed_when_libreoffice_is_there_without_them(machine, script, present):
    """LibreOffice present, a font missing: the fonts are installed, LibreOffice is left as it is."""
    repo, bin_dir, log = machine
    with_apt(bin_dir, log)
    with_office(bin_dir, *present)
    assert installed(repo, bin_dir, log, script) == {"fontconfig", *FONTS}


@pytest.mark.parametrize("script", SCRIPTS)
def test_fontconfig_installed_when_fc_list_is_missing(machine, script):
    repo, bin_dir, log = machine
    with_apt(bin_dir, log)
    with_office(bin_dir, *FONTS.values())
    (bin_dir / "fc-list").unlink()  # fonts may be there, but nothing can tell
    assert "fontconfig" in installed(repo, bin_dir, log, script)


@pytest.mark.parametrize("script", SCRIPTS)
def test_nothing_installed_when_present(machine, script):
    repo, bin_dir, log = machine
    with_apt(bin_dir, log)
    with_office(bin_dir, *FONTS.values())
    assert run(repo, bin_dir, script).returncode == 0
    assert not [c for c in logged(log) if c.startswith("apt-get")]


@pytest.mark.parametrize("script", SCRIPTS)
def test_fonts_that_do_not_arrive_stop_the_job(machine, script):
    repo, bin_dir, log = machine
    with_apt(bin_dir, log, fonts=False)
    with_office(bin_dir)
    done = run(repo, bin_dir, script)
    assert done.returncode != 0 and "Carlito" in done.stderr and "fc-list" in done.stderr
    assert not [c for c in logged(log) if c.startswith(("xl-iku", "python -m pytest"))]


@pytest.mark.parametrize("script", SCRIPTS)
def test_missing_fonts_without_apt_warn_and_go_on(machine, script):
    """The PDF still prints (smaller, in a wider font): a warning naming the packages, not a stop."""
    repo, bin_dir, log = machine
    with_office(bin_dir, "Carlito")
    done = run(repo, bin_dir, script)
    assert done.returncode == 0, done.stderr
    assert "Peringatan" in done.stderr and "fonts-crosextra-carlito" in done.stderr and "fonts-liberation2" in done.stderr
    job = "xl-iku pdf workbooks/IKU_Wotu.xlsx" if script == "wotu.sh" else "python -m pytest"
    assert any(c.startswith(job) for c in logged(log))


@pytest.mark.parametrize("script", SCRIPTS)
def test_no_silent_skip_without_apt(machine, script):
    repo, bin_dir, log = machine
    done = run(repo, bin_dir, script)
    assert done.returncode != 0
    assert "LibreOffice" in done.stderr and "apt-get tidak tersedia" in done.stderr
    assert not [c for c in logged(log) if c.startswith(("xl-iku", "python -m pytest"))]
