"""The look of the generated sheets, in one place: government documents' plain black-on-white with grey headers."""

from .base import Style

#: Excel's locale tag for Bahasa Indonesia (LCID 0x0421). A format code carrying it prints a decimal comma and a
#: thousands dot in LibreOffice whatever its own locale (so the PDF lampiran reads `75,00`, `1.500`); Excel shows
#: its own regional separators, which for staff whose Windows runs in Indonesian are the same comma and dot.
INDONESIAN = "[$-421]"


def number_format(code: str) -> str:
    """A number format in Indonesian convention: `code` in Excel's (en-US) syntax, tagged with the locale."""
    return INDONESIAN + code


TITLE = Style(bold=True, size=12, halign="center", valign="center")
SUBTITLE = Style(bold=True, size=11, halign="center", valign="center")
HEADER = Style(bold=True, fill="D9D9D9", halign="center", valign="center", wrap=True, border=True)
NUMBER_ROW = Style(italic=True, size=8, fill="F2F2F2", halign="center", valign="center", border=True)
TEXT = Style(valign="top", wrap=True, border=True)
CENTER = TEXT.but(halign="center")
NUMBER = Style(valign="top", halign="right", border=True, number_format=number_format("#,##0.00"))
INTEGER = NUMBER.but(number_format=number_format("#,##0"))  # counts and rupiah: 1.500, 1.250.000.000
DECIMAL3 = NUMBER.but(number_format=number_format("0.000"))  # NRR per unsur (1–4), as the regulation shows it


def fixed(places: int, base: Style = NUMBER) -> Style:
    """`base` printing numbers with exactly `places` decimals, thousands grouped (`1.500`, `0,890`, `97,60`): an
    indicator's numbers as staff wrote them (`Indikator.desimal`, from `rules.decimals`)."""
    return base.but(number_format=number_format("#,##0" + ("." + "0" * places if places > 0 else "")))


SIGN = Style(halign="center", valign="top")
SIGN_NAME = Style(bold=True, underline=True, halign="center", valign="top")
NOTE = Style(italic=True, size=9, valign="top", wrap=True)
