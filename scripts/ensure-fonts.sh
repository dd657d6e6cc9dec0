#!/usr/bin/env bash
# Make sure DejaVu Sans exists for the PDFs (acta, agreement, final report): Debian's fonts-dejavu-core, never a font
# downloaded at run time. Without it Minga still works: its PDFs print with the core Latin-1 font (letters outside
# Latin-1 as «?»), so this never stops `make run`; it says what to do instead.
set -uo pipefail
# the folders core/record/pdf_fonts.py reads: only MINGA_FONTS when it is set
folders=("${MINGA_FONTS:-}")
[ -z "${MINGA_FONTS:-}" ] && folders=(/usr/share/fonts/truetype/dejavu /usr/share/fonts/dejavu /usr/local/share/fonts/dejavu)
for folder in "${folders[@]}"; do
  if [ -f "$folder/DejaVuSans.ttf" ] && [ -f "$folder/DejaVuSans-Bold.ttf" ]; then
    exit 0
  fi
done
if [ -z "${MINGA_FONTS:-}" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Instalando la fuente DejaVu Sans del sistema para los PDF (apt: fonts-dejavu-core)…"
  if [ "$(id -u)" = "0" ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-dejavu-core >/dev/null && exit 0
  elif command -v sudo >/dev/null 2>&1; then
    # -n: never wait for a password; without one, say what to do
    sudo -n apt-get update -qq && sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-dejavu-core \
      >/dev/null && exit 0
  fi
fi
echo "Falta la fuente DejaVu Sans: las actas y demás PDF se imprimirán con la fuente básica, y las letras fuera de" \
  "Latin-1 (ŋ, ā, griego, cirílico) como «?». Instálela (apt install fonts-dejavu-core) o indique su carpeta en" \
  "MINGA_FONTS." >&2
exit 0
