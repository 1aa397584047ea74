"""How many processes a many-file command uses, and how many files each task carries: one rule for `xl-iku skm`
and `xl-iku rekap`."""

from __future__ import annotations

import os

MIN_FILES = 8  # below this, starting the processes costs more than it saves


def jobs_for(files: int, jobs: int = 0) -> int:
    """`jobs` as asked (--jobs N); 0 (not asked): every core from `MIN_FILES` files, else one process."""
    if jobs:
        return jobs
    return min(os.cpu_count() or 1, files) if files >= MIN_FILES else 1


def chunk_size(files: int, jobs: int) -> int:
    """Files per task: one small file is often quicker than the round trip to a worker, and about eight tasks per
    worker still balance the load when some files are bigger."""
    return max(1, files // (jobs * 8))
