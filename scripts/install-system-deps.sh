#!/usr/bin/env bash
# Install the Debian packages the project needs, only those missing:
#   browser  chromium (driven by Playwright for Python; never `playwright install`, which downloads its
#            own browser) and CJK fonts (else Chinese renders as boxes) — for the browser tests;
#   node     nodejs and npm — `make vendor` takes the site's front-end files from npm;
#   office   LibreOffice Writer (no GUI) and poppler-utils — the tests render every Word file to PDF
#            (soffice) and read its text back (pdftotext), as a user's word processor would lay it out.
# Usage: scripts/install-system-deps.sh [browser] [node] [office]   (default: browser)
set -euo pipefail

missing=()
for want in "${@:-browser}"; do
  case "$want" in
    browser)
      [ -x /usr/bin/chromium ] || missing+=(chromium)
      if ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK\|Noto Serif CJK"; then
        missing+=(fonts-noto-cjk fontconfig)
      fi
      ;;
    node)
      command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
      ;;
    office)
      command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
      command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
      ;;
    *)
      echo "不认识的参数“$want”。改法：写 browser、node 或 office。" >&2
      exit 2
      ;;
  esac
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "安装所需的系统软件包：${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo"
else
  echo "需要 root 权限安装 ${missing[*]}：请以 root 运行 apt-get install -y ${missing[*]}，或自行安装 Node.js（含 npm）后重试。" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "已安装：${missing[*]}"
