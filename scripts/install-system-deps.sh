#!/usr/bin/env bash
# Install what the browser tests need from Debian: chromium (driven by Playwright for Python;
# never `playwright install`, which downloads its own browser) and CJK fonts (else Chinese renders as boxes).
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
if ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK\|Noto Serif CJK"; then
  missing+=(fonts-noto-cjk)
fi
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "安装浏览器测试所需的软件包：${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo"
else
  echo "需要 root 权限安装 ${missing[*]}：请以 root 运行 apt-get install -y ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" fontconfig >/dev/null
echo "已安装：${missing[*]}"
