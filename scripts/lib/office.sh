# Sourced by scripts/test.sh and scripts/wotu.sh: LibreOffice (soffice), poppler (pdftoppm, pdftotext) and the fonts
# the workbooks use, from Debian's packages when missing: the one install step both need. Stops with a message when
# LibreOffice or poppler cannot be had: the PDF lampiran is never skipped in silence.
#
# Fonts: cells are in Arial and the workbook's default font (openpyxl's Calibri) sets the unit of column widths.
# Without their metric-compatible stand-ins (Liberation Sans, Carlito) LibreOffice falls back to DejaVu Sans, wider:
# columns come out ~1.3x wider than in Excel and the pages print smaller (Tabel IKU at 67 % instead of 85 %).
OFFICE_FONTS=("Carlito" "Liberation Sans")
OFFICE_FONT_PACKAGES=(fontconfig fonts-crosextra-carlito fonts-liberation2)

office_fonts_present() {
  command -v fc-list >/dev/null 2>&1 || return 1
  local family
  for family in "${OFFICE_FONTS[@]}"; do
    fc-list -q "$family" || return 1
  done
}

office_tools_present() {
  command -v soffice >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1
}

ensure_office() {
  local packages=()
  office_tools_present || packages+=(libreoffice-calc-nogui poppler-utils)
  office_fonts_present || packages+=("${OFFICE_FONT_PACKAGES[@]}")
  [ "${#packages[@]}" -eq 0 ] && return 0
  if ! command -v apt-get >/dev/null 2>&1; then
    if ! office_tools_present; then
      echo "LibreOffice (soffice) dan poppler (pdftoppm) belum terpasang dan apt-get tidak tersedia." \
        "Pasang LibreOffice Calc dan poppler-utils, lalu jalankan lagi." >&2
      return 1
    fi
    echo "Peringatan: font Carlito dan Liberation Sans belum terpasang dan apt-get tidak tersedia:" \
      "PDF tercetak dengan font pengganti yang lebih lebar (halaman lebih kecil daripada di Excel)." \
      "Pasang fonts-crosextra-carlito dan fonts-liberation2." >&2
    return 0
  fi
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Memasang ${packages[*]} (apt-get) untuk PDF lampiran…" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
  if ! office_tools_present; then
    echo "Pemasangan LibreOffice/poppler gagal: soffice atau pdftoppm masih tidak ditemukan." >&2
    return 1
  fi
  if ! office_fonts_present; then
    echo "Pemasangan font gagal: ${OFFICE_FONTS[*]} masih tidak ditemukan (fc-list)." >&2
    return 1
  fi
}
