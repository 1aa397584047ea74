# Sourced by scripts/test.sh and scripts/wotu.sh: LibreOffice (soffice) and poppler (pdftoppm, pdftotext) from
# Debian's packages when missing, the one install step both need. Stops with a message when they cannot be had:
# the PDF lampiran is never skipped in silence.
ensure_office() {
  if command -v soffice >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1; then
    return 0
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "LibreOffice (soffice) dan poppler (pdftoppm) belum terpasang dan apt-get tidak tersedia." \
      "Pasang LibreOffice Calc dan poppler-utils, lalu jalankan lagi." >&2
    return 1
  fi
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Memasang LibreOffice dan poppler (apt-get) untuk PDF lampiran…" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    libreoffice-calc-nogui poppler-utils >/dev/null
  if ! command -v soffice >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1; then
    echo "Pemasangan LibreOffice/poppler gagal: soffice atau pdftoppm masih tidak ditemukan." >&2
    return 1
  fi
}
