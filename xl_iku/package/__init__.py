"""OOXML package editing that knows nothing of IKU, one module per part (in the manner of openpyxl's `packaging/`
and XlsxWriter's one class per part):

- `zip`: the container; unchanged entries copied as they are (compressed bytes, never inflated again);
- `relationships`: which part reaches which; part names allocated against the whole package;
- `content_types`: `[Content_Types].xml`;
- `workbook_xml`: the sheet list, sheet states, defined names, the active tab;
- `app_xml`: the sheet titles in `docProps/app.xml`;
- `styles`: the scratch formats merged into `styles.xml`, existing indices unchanged;
- `sheet_xml`: worksheet XML (scratch cells made ready, computed values beside formulas, what users put there);
- `parts`: a read-only view of a package (case-insensitive part names);
- `replace`: replace or add named sheets with sheets built in a scratch package; show only some sheets.

Why package level: an openpyxl load + save parses and re-serialises every cell of every sheet and drops what
openpyxl does not model (images, shapes, sparklines, x14 extensions, slicers, …). Here only the parts that belong to
the replaced sheets are written; package-wide parts that must name them are edited as text, in whatever spelling
the producer used (`xml`), never re-serialised; `calcChain.xml` is dropped (Excel rebuilds it; stale entries make it
repair the file).
"""

from .parts import Package, PackageError
from .relationships import Rel, rels_part
from .replace import replace_sheets, sheet_names, show_only
from .sheet_xml import shared_strings as _parse_shared_strings
from .sheet_xml import user_content
from .workbook_xml import SheetEntry
from .xml import MAIN, PKG_REL_NS, REL_NS


def shared_strings(package: Package) -> list[str]:
    """The shared strings of a package's workbook (none when it has no table)."""
    rel = package.workbook_rel("sharedStrings")
    if rel is None or not package.has(rel.target):
        return []
    return _parse_shared_strings(package.read(rel.target))


__all__ = ["Package", "PackageError", "Rel", "SheetEntry", "replace_sheets", "show_only", "sheet_names",
           "shared_strings", "user_content", "rels_part", "MAIN", "REL_NS", "PKG_REL_NS"]
