"""Tombol "Run main" xlwings untuk IKU_Wotu.xlsx (folder yang sama): membuat ulang Tabel IKU, Penjelasan IKU dan
Catatan dari sheet Instansi dan Data IKU, langsung di Excel, tanpa VBA.

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
