"""Printed pages read back word by word (`pdftotext -bbox-layout`: every word's box, grouped in lines and blocks), and
the checks a reader makes on paper: nothing off the page, nothing drawn over something else, every text whole.

Used by `test_office_corpus.py` on every office's PDFs. A row too short for its text shows up here as words of one
cell drawn over the next row's words (LibreOffice draws a clipped line where the next row's text is), and a block
cut at a page break as words over the repeated header or beyond the page's foot.
"""

from __future__ import annotations

import html
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_BLOCK = re.compile(r"<block [^>]*>(.*?)</block>", re.S)
_LINE = re.compile(r"<line [^>]*>(.*?)</line>", re.S)
_WORD = re.compile(r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*?)</word>')


@dataclass(frozen=True)
class Word:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str

    def overlap(self, other: Word) -> float:
        """Share of the smaller box covered by the other: 0 for words side by side, ~1 for one drawn over another."""
        w = min(self.x1, other.x1) - max(self.x0, other.x0)
        h = min(self.y1, other.y1) - max(self.y0, other.y0)
        if w <= 0 or h <= 0:
            return 0.0
        smaller = min((self.x1 - self.x0) * (self.y1 - self.y0), (other.x1 - other.x0) * (other.y1 - other.y0))
        return w * h / smaller if smaller > 0 else 0.0


@dataclass
class Page:
    number: int
    width: float
    height: float
    words: list[Word]
    blocks: list[str]  # each block's words joined by single spaces (a wrapped cell reads as one text)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


def read_pages(pdf: Path) -> list[Page]:
    out = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    pages = []
    for number, match in enumerate(_PAGE.finditer(out), start=1):
        body = match.group(3)
        words = [Word(float(a), float(b), float(c), float(d), html.unescape(t)) for a, b, c, d, t in _WORD.findall(body)]
        blocks = [" ".join(html.unescape(w[4]) for w in _WORD.findall(block)) for block in _BLOCK.findall(body)]
        pages.append(Page(number, float(match.group(1)), float(match.group(2)), words, blocks))
    return pages


def outside(page: Page) -> list[Word]:
    """Words not wholly on the paper."""
    return [w for w in page.words if w.x0 < 0 or w.y0 < 0 or w.x1 > page.width + 0.5 or w.y1 > page.height + 0.5]


def drawn_over(page: Page, share: float = 0.2) -> list[tuple[Word, Word]]:
    """Pairs of words whose boxes overlap by more than `share` of the smaller one."""
    words = sorted(page.words, key=lambda w: w.y0)
    pairs = []
    for i, a in enumerate(words):
        for b in words[i + 1:]:
            if b.y0 >= a.y1:
                break
            if a.overlap(b) > share:
                pairs.append((a, b))
    return pairs


def whole(pages: list[Page], text: str) -> int:
    """In how many blocks `text` is printed whole (its words in order, however it wrapped)."""
    wanted = " ".join(text.split())
    return sum(wanted in block for page in pages for block in page.blocks)


def words_in_order(page: Page, text: str) -> bool:
    """`text`'s words appear on the page one after another (a cell's lines, read in order)."""
    wanted = text.split()
    seq = [w.text for w in page.words]
    return any(seq[i:i + len(wanted)] == wanted for i in range(len(seq) - len(wanted) + 1))


def lines(page: Page, tolerance: float = 1.5) -> list[str]:
    """The page's printed lines left to right: words whose tops align (one table row's cells) joined by spaces."""
    rows: list[list[Word]] = []
    for word in sorted(page.words, key=lambda w: (w.y0, w.x0)):
        if rows and abs(rows[-1][0].y0 - word.y0) <= tolerance:
            rows[-1].append(word)
        else:
            rows.append([word])
    return [" ".join(w.text for w in sorted(row, key=lambda w: w.x0)) for row in rows]


def on_a_line(page: Page, text: str) -> bool:
    """`text` printed on one line of the page (a table row's numbers side by side)."""
    wanted = " ".join(text.split())
    return any(f" {wanted} " in f" {line} " for line in lines(page))


def has_words(page: Page, text: str) -> bool:
    """Every word of `text` printed on the page (as often as it has it): a cell's text, however it wrapped and
    whatever the neighbouring cells' words between its lines."""
    from collections import Counter

    return not Counter(text.split()) - Counter(w.text for w in page.words)
