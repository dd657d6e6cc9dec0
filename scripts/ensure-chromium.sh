#!/usr/bin/env bash
# Make sure a system Chromium exists for the browser tests (never a downloaded browser build): Debian's chromium,
# and its headless shell (chromium-headless-shell, same source, lighter) when apt can install it; the tests take the
# shell when it is there and chromium otherwise. The shell is tried once per .venv (TRIED), not on every run.
set -euo pipefail
TRIED=.venv/.chromium-headless-shell-tried
if [ -n "${MINGA_CHROMIUM:-}" ]; then
  exit 0
fi
wanted=()
command -v chromium >/dev/null 2>&1 || wanted+=(chromium)
command -v chromium-headless-shell >/dev/null 2>&1 || [ -e "$TRIED" ] || wanted+=(chromium-headless-shell)
if [ ${#wanted[@]} -eq 0 ]; then
  exit 0
fi
apt=()
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  apt=(apt-get)
elif command -v sudo >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  apt=(sudo apt-get)
fi
if [ ${#apt[@]} -gt 0 ]; then
  echo "Instalando del sistema (apt): ${wanted[*]}…"
  "${apt[@]}" update -qq || true
  for package in "${wanted[@]}"; do
    DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y -qq "$package" >/dev/null \
      || echo "No se pudo instalar $package con apt." >&2
  done
fi
if [ -d .venv ]; then touch "$TRIED"; fi
if command -v chromium >/dev/null 2>&1 || command -v chromium-headless-shell >/dev/null 2>&1; then
  exit 0
fi
echo "Falta Chromium para las pruebas en navegador: instálelo (apt install chromium) o indique su ruta en MINGA_CHROMIUM." >&2
exit 1
