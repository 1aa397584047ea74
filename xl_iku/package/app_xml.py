"""`docProps/app.xml`: the sheet titles (`TitlesOfParts`, counted by the first `HeadingPairs` entry) follow the
new sheet list when the file lists them the way Excel does; anything else is left as it was."""

from __future__ import annotations

import re
from html import escape, unescape

from .xml import set_attr

PART = "docProps/app.xml"


def retitle(text: str, old: list[str], new: list[str]) -> str | None:
    """docProps/app.xml with the sheet titles of the new order, when it lists them the way Excel does (the first
    heading pair counts the worksheets, whose names open TitlesOfParts); otherwise None (left as it was)."""
    pairs = re.search(r"<(?:\w+:)?HeadingPairs>.*?<(?:\w+:)?i4>(\d+)</(?:\w+:)?i4>", text, re.S)
    titles = re.search(r"(<(?:\w+:)?TitlesOfParts>\s*<(?:\w+:)?vector\b[^>]*>)(.*?)(</(?:\w+:)?vector>)", text, re.S)
    if not pairs or not titles or old == new:
        return None
    items = re.findall(r"<(\w+:)?lpstr>(.*?)</(?:\w+:)?lpstr>", titles.group(2), re.S)
    count = int(pairs.group(1))
    if count != len(old) or [unescape(v) for _, v in items[:count]] != old:
        return None
    vt = items[0][0] if items else "vt:"
    rest = "".join(f"<{q}lpstr>{v}</{q}lpstr>" for q, v in items[count:])
    body = "".join(f"<{vt}lpstr>{escape(n, quote=False)}</{vt}lpstr>" for n in new) + rest
    vector = set_attr(titles.group(1)[titles.group(1).rindex("<"):], "size", str(len(new) + len(items) - count))
    start = titles.group(1)[:titles.group(1).rindex("<")] + vector
    text = text[:titles.start()] + start + body + titles.group(3) + text[titles.end():]
    return text[:pairs.start(1)] + str(len(new)) + text[pairs.end(1):]


__all__ = ["PART", "retitle"]
