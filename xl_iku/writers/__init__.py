"""Apply `SheetLayout`s: `openpyxl_writer` for files (headless), `xlwings_writer` for an open workbook (live)."""
