"""`xl-iku skm` and `xl-iku rekap` walk each folder once: the walk that finds the inputs (to refuse an output over
one of them) is the one the run reads."""

import shutil

import xl_iku.batch
import xl_iku.rekap
from xl_iku.cli import main


def _counting(monkeypatch, module, name):
    calls = []
    real = getattr(module, name)

    def counted(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


def test_skm_walks_its_folders_once(root, tmp_path, monkeypatch, capsys):
    folder = tmp_path / "survei"
    folder.mkdir()
    shutil.copy(root / "workbooks" / "SKM_Wotu.xlsx", folder / "a.xlsx")
    walks = _counting(monkeypatch, xl_iku.batch, "find_surveys")
    assert main(["skm", str(folder), "--json"]) == 0
    assert len(walks) == 1 and '"berkas"' in capsys.readouterr().out


def test_rekap_walks_its_folders_once(root, tmp_path, monkeypatch, capsys):
    folder = tmp_path / "kantor"
    folder.mkdir()
    shutil.copy(root / "templates" / "IKU_Wotu.xlsx", folder / "wotu.xlsx")
    walks = _counting(monkeypatch, xl_iku.rekap, "find_books")
    assert main(["rekap", str(folder), "--json"]) == 0
    assert len(walks) == 1 and "Kecamatan Wotu" in capsys.readouterr().out
