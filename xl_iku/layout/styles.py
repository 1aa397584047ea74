"""The look of the generated sheets, in one place: government documents' plain black-on-white with grey headers."""

from .base import Style

TITLE = Style(bold=True, size=12, halign="center", valign="center")
SUBTITLE = Style(bold=True, size=11, halign="center", valign="center")
HEADER = Style(bold=True, fill="D9D9D9", halign="center", valign="center", wrap=True, border=True)
NUMBER_ROW = Style(italic=True, size=8, fill="F2F2F2", halign="center", valign="center", border=True)
TEXT = Style(valign="top", wrap=True, border=True)
CENTER = TEXT.but(halign="center")
NUMBER = Style(valign="top", halign="right", border=True, number_format="#,##0.00")
SIGN = Style(halign="center", valign="top")
SIGN_NAME = Style(bold=True, underline=True, halign="center", valign="top")
NOTE = Style(italic=True, size=9, valign="top", wrap=True)
