"""OpenDocument spreadsheets written by hand (content.xml, and styles.xml when asked): what LibreOffice writes, as
small as the reader needs, without starting LibreOffice."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

_NAMESPACES = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"')


def _cell(value) -> str:
    if value is None:
        return "<table:table-cell/>"
    if isinstance(value, (int, float)):
        return (f'<table:table-cell office:value-type="float" office:value="{value}">'
                f"<text:p>{value}</text:p></table:table-cell>")
    if isinstance(value, dt.datetime):
        return (f'<table:table-cell office:value-type="date" office:date-value="{value.isoformat()}">'
                f"<text:p>{value:%d/%m/%Y}</text:p></table:table-cell>")
    return f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}</text:p></table:table-cell>'


def table_style(name: str, display: str | None = None, parent: str | None = None) -> str:
    """A table style: `display` "true"/"false" (None: the style does not say), `parent` a style it inherits from."""
    inherits = f" style:parent-style-name={quoteattr(parent)}" if parent else ""
    properties = f'<style:table-properties table:display="{display}"/>' if display else ""
    return f'<style:style style:name={quoteattr(name)} style:family="table"{inherits}>{properties}</style:style>'


def write_ods(path: Path, sheets: list[tuple[str, list[list], str]], styles: list[str],
              common_styles: list[str] = ()) -> Path:
    """`sheets`: (name, rows, table style name), a number among the rows standing for that many empty rows;
    `styles`: content.xml's automatic styles; `common_styles`: styles.xml's styles (written only when given)."""
    tables = "".join(
        f"<table:table table:name={quoteattr(name)} table:style-name={quoteattr(style)}>"
        + "".join(f'<table:table-row table:number-rows-repeated="{row}"><table:table-cell/></table:table-row>'
                  if isinstance(row, int) else "<table:table-row>" + "".join(map(_cell, row)) + "</table:table-row>"
                  for row in rows)
        + "</table:table>" for name, rows, style in sheets)
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_NAMESPACES} office:version="1.2">'
               f"<office:automatic-styles>{''.join(styles)}</office:automatic-styles>"
               f"<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body>"
               "</office:document-content>")
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" '
                'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                "</manifest:manifest>")
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        if common_styles:
            z.writestr("styles.xml", f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {_NAMESPACES}>'
                       f"<office:styles>{''.join(common_styles)}</office:styles></office:document-styles>",
                       compress_type=zipfile.ZIP_DEFLATED)
    return path
