"""What users copy must run: the README's Python example and the Excel configuration files."""

import re

import pytest


def readme_blocks(root, language):
    text = (root / "README.md").read_text(encoding="utf-8")
    return re.findall(rf"```{language}\n(.*?)```", text, flags=re.S)


def test_readme_python_examples_run(root, tmp_path, monkeypatch):
    """Both blocks, as a user runs them from a clone (the sample survey in workbooks/), the plot saved headless."""
    import shutil

    import matplotlib

    matplotlib.use("Agg")
    (tmp_path / "workbooks").mkdir()
    shutil.copy(root / "workbooks" / "SKM_Wotu.xlsx", tmp_path / "workbooks")
    monkeypatch.chdir(tmp_path)
    pandas_way, lists = readme_blocks(root, "python")
    namespace = {}
    exec(compile(pandas_way, "README.md", "exec"), namespace)
    xl_iku, survei, per_layanan = namespace["xl_iku"], namespace["survei"], namespace["per_layanan"]
    assert (tmp_path / "ikm_per_layanan.png").stat().st_size > 1000
    layanan = sorted(survei["Jenis Layanan"].unique())
    assert list(per_layanan.index) == layanan == sorted(namespace["unsur_per_layanan"])
    for name in layanan:
        alone = survei[survei["Jenis Layanan"] == name]
        assert per_layanan.loc[name, "ikm"] == xl_iku.ikm_score(alone)
        assert namespace["unsur_per_layanan"][name]["nrr"].tolist() == xl_iku.ikm_nrr(alone)
    assert namespace["per_unsur"].attrs["ikm"] == xl_iku.ikm_score(survei)
    assert namespace["per_layanan_semester"]["responden"].sum() == len(survei)
    exec(compile(lists, "README.md", "exec"), namespace)
    assert xl_iku.ikm_category(88.305).code == "A"


def test_readme_lists_every_excel_function(root):
    from xl_iku import udfs

    text = (root / "README.md").read_text(encoding="utf-8")
    exported = {name for name in dir(udfs) if name.isupper() and callable(getattr(udfs, name))}
    assert exported == {"IKM_SCORE", "IKM_NRR", "IKM_TABEL", "IKM_CATEGORY", "IKM_LABEL", "AKIP_SCORE",
                        "AKIP_CATEGORY", "AKIP_LABEL", "CAPAIAN", "LKE_SCORE", "LKE_PREDIKAT"}
    for name in exported:
        assert f"`={name}(" in text


def test_classic_xlwings_conf_as_xlwings_reads_it(root):
    config = {}
    for line in (root / "excel" / "classic" / "xlwings.conf").read_text(encoding="utf-8").splitlines():
        values = re.findall(r'"[^"]*"', line)  # the parsing of xlwings.utils.read_user_config
        if values:
            config[values[0].strip('"').lower()] = values[1].strip('"')
    assert config["udf modules"] == "xl_iku.udfs"
    assert config["interpreter_win"].endswith(r"\.venv\Scripts\python.exe")
    import importlib

    assert importlib.import_module(config["udf modules"]).IKM_SCORE


def test_lite_requirements_do_not_pin_pyodide_packages(root):
    lines = [l.strip() for l in (root / "excel" / "lite" / "requirements.txt").read_text().splitlines()
             if l.strip() and not l.startswith("#")]
    assert "numpy" in lines
    assert any(l.endswith(".whl") for l in lines)
    assert not any(l.startswith(("numpy=", "pandas=")) for l in lines)


def test_lite_wheel_line_names_the_version_pip_wheel_builds(root):
    """The version is written once, in pyproject.toml; the wheel name staff replace in requirements.txt is the one
    `pip wheel --no-deps .` builds from it, so a version bump that forgets this line fails here."""
    import tomllib

    version = tomllib.loads((root / "pyproject.toml").read_text())["project"]["version"]
    wheels = [l.strip() for l in (root / "excel" / "lite" / "requirements.txt").read_text().splitlines()
              if l.strip().endswith(".whl") and not l.startswith("#")]
    assert len(wheels) == 1 and wheels[0].rsplit("/", 1)[1] == f"xl_iku-{version}-py3-none-any.whl"


@pytest.mark.parametrize("script", ["scripts/test.sh", "scripts/wotu.sh", ".ci/run"])
def test_setup_scripts_are_executable(root, script):
    import os

    assert os.access(root / script, os.X_OK)
