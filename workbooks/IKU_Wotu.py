"""Tombol "Run main" xlwings untuk IKU_Wotu.xlsx (folder yang sama): membuat ulang semua sheet hasil (Tabel IKU,
Penjelasan IKU, …, Perjanjian Kinerja PK TAHUN, Catatan) dari sheet isian, langsung di Excel, tanpa VBA.

(Developers: the classic xlwings add-in runs `import IKU_Wotu; IKU_Wotu.main()` from the workbook's folder. Copy this
file beside any office's workbook and rename it to the workbook's base name.)
"""

import xlwings as xw

from xl_iku.oneclick import run


def main():
    run(xw.Book.caller())


if __name__ == "__main__":
    xw.Book("IKU_Wotu.xlsx").set_mock_caller()
    main()
