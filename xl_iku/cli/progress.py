"""Progress of long runs, with tqdm (the bar Python users know; pinned in pyproject): on stderr, so stdout stays
clean for `--json` and pipes, and silent when stderr is not a terminal (CI logs, redirected output)."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def progress_bar(total: int, label: str, unit: str) -> Iterator[Callable[[int, int], None] | None]:
    """A `step(done, total)` callback for `total` items, or None when there is nothing worth showing (total 0)."""
    if not total:
        yield None
        return
    from tqdm import tqdm

    with tqdm(total=total, desc=label, unit=f" {unit}", file=sys.stderr, disable=None, leave=True) as bar:
        yield lambda done, _total: bar.update(done - bar.n)


@contextmanager
def working(label: str) -> Iterator[None]:
    """One long step with no count to show (a LibreOffice conversion, a large book): the label and the time so far,
    redrawn twice a second, cleared when done. Not on a terminal, tqdm would draw nothing (`disable=None`): it is
    then not even imported (~20 ms of every scripted run)."""
    if not _terminal(sys.stderr):
        yield
        return
    from tqdm import tqdm

    with tqdm(total=None, desc=label, bar_format="{desc} … {elapsed}", file=sys.stderr, disable=None,
              leave=False) as bar:
        if bar.disable:
            yield
            return
        stop = threading.Event()
        ticker = threading.Thread(target=_tick, args=(bar, stop), daemon=True)
        ticker.start()
        try:
            yield
        finally:
            stop.set()
            ticker.join()


def _tick(bar, stop: threading.Event) -> None:
    while not stop.wait(0.5):
        bar.refresh()


def _terminal(stream) -> bool:
    """What tqdm's `disable=None` asks: a stream without `isatty` counts as a terminal there too."""
    return not hasattr(stream, "isatty") or bool(stream.isatty())


def warn(notes) -> None:
    """Each Catatan as a `Peringatan:` line on stderr (stdout stays for results and --json): one wording for every
    command that reports the book's warnings."""
    for note in notes:
        print(f"Peringatan: {note.tempat}: {note.pesan}", file=sys.stderr)
