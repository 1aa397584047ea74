"""The README's first two commands on a fresh machine: both install LibreOffice + poppler (Debian packages) when
missing, through one shared step; the main job never skips the PDF in silence.

Each script runs for real in a copy of `scripts/`, with stand-ins that record what they were asked to do: a PATH
holding only `apt-get`/`sudo` stand-ins (and `dirname`, `id`), a `.venv` whose `python` and `xl-iku` log their
arguments. No package is installed and no venv is built.
"""

import os
import shutil
import subprocess

import pytest

SCRIPTS = ("wotu.sh", "test.sh")
CHMOD = shutil.which("chmod")


def stub(path, body):
    path.write_text("#!" + shutil.which("bash") + "\n" + body)
    path.chmod(0o755)


@pytest.fixture
def machine(tmp_path, root):
    """A clone with stand-ins; returns (repo, bin, log)."""
    repo, bin_dir, log = tmp_path / "repo", tmp_path / "bin", tmp_path / "log.txt"
    shutil.copytree(root / "scripts", repo / "scripts")
    (repo / ".venv" / "bin").mkdir(parents=True)
    bin_dir.mkdir()
    for tool in ("dirname", "id"):
        os.symlink(shutil.which(tool), bin_dir / tool)
    for name in ("python", "xl-iku"):
        stub(repo / ".venv" / "bin" / name, f'echo "{name} $*" >> "{log}"\n')
    stub(bin_dir / "sudo", 'exec "$@"\n')
    return repo, bin_dir, log


def with_apt(bin_dir, log):
    """An apt-get that 'installs' soffice and pdftoppm when asked for their packages."""
    stub(bin_dir / "apt-get", f'echo "apt-get $*" >> "{log}"\n'
                              f'case "$*" in *libreoffice-calc-nogui*poppler-utils*)\n'
                              f'  for t in soffice pdftoppm; do printf "#!/bin/sh\\n" > "{bin_dir}/$t"; '
                              f'{CHMOD} +x "{bin_dir}/$t"; done;;\nesac\n')


def run(repo, bin_dir, script):
    return subprocess.run([shutil.which("bash"), str(repo / "scripts" / script)], capture_output=True, text=True,
                          env={"PATH": str(bin_dir), "HOME": str(repo)}, timeout=60)


def logged(log):
    return log.read_text().splitlines() if log.exists() else []


@pytest.mark.parametrize("script", SCRIPTS)
def test_installs_libreoffice_and_poppler_when_missing(machine, script):
    repo, bin_dir, log = machine
    with_apt(bin_dir, log)
    done = run(repo, bin_dir, script)
    assert done.returncode == 0, done.stderr
    calls = logged(log)
    install = [c for c in calls if c.startswith("apt-get install")]
    assert install and "libreoffice-calc-nogui" in install[0] and "poppler-utils" in install[0]
    assert calls.index(install[0]) < len(calls) - 1  # before the job it serves
    if script == "wotu.sh":
        assert "xl-iku pdf workbooks/IKU_Wotu.xlsx" in calls
    else:
        assert any(c.startswith("python -m pytest") for c in calls)


@pytest.mark.parametrize("script", SCRIPTS)
def test_nothing_installed_when_present(machine, script):
    repo, bin_dir, log = machine
    with_apt(bin_dir, log)
    for tool in ("soffice", "pdftoppm"):
        stub(bin_dir / tool, "")
    assert run(repo, bin_dir, script).returncode == 0
    assert not [c for c in logged(log) if c.startswith("apt-get")]


@pytest.mark.parametrize("script", SCRIPTS)
def test_no_silent_skip_without_apt(machine, script):
    repo, bin_dir, log = machine
    done = run(repo, bin_dir, script)
    assert done.returncode != 0
    assert "LibreOffice" in done.stderr and "apt-get tidak tersedia" in done.stderr
    assert not [c for c in logged(log) if c.startswith(("xl-iku", "python -m pytest"))]
