"""The one rule for how many processes `skm` and `rekap` start, and how many files each task carries."""

import pytest

from xl_iku import parallel
from xl_iku.parallel import MIN_FILES, chunk_size, jobs_for


@pytest.mark.parametrize("cores, files, asked, expected", [
    (2, MIN_FILES - 1, 0, 1),  # few files: one process
    (2, MIN_FILES, 0, 2),  # enough files: every core
    (16, MIN_FILES, 0, MIN_FILES),  # never more processes than files
    (None, 100, 0, 1),  # core count unknown
    (2, 3, 4, 4),  # --jobs N is taken as asked
])
def test_jobs_for(monkeypatch, cores, files, asked, expected):
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: cores)
    assert jobs_for(files, asked) == expected


def test_chunk_size_gives_about_eight_tasks_per_worker():
    assert chunk_size(200, 2) == 12
    assert chunk_size(5, 2) == 1  # at least one file per task

