#!/usr/bin/env python3
"""Pack the intranet build into the one file to hand over: dist/xuncha-speech-templates-offline.zip.

The zip unpacks to one folder with the site and a short 使用说明.txt beside it. Written to a
temporary file first, so a failed run never leaves half a zip behind.

Usage: python scripts/offline_zip.py [SITE_DIR] [ZIP]   (defaults: site-offline, dist/xuncha-speech-templates-offline.zip)
"""
from __future__ import annotations

import os
import sys
import zipfile
from pathlib import Path

FOLDER = "xuncha-speech-templates"  # the folder the zip unpacks to
README = "使用说明.txt"
README_TEXT = """巡察会议讲话模板（内网离线版）

一、在一台电脑上使用：解压后，用浏览器打开 {folder} 文件夹里的 index.html。不需要联网，也不需要安装任何软件。
二、放到内网网站上：把 {folder} 文件夹整个复制到内网网站的目录下，再用浏览器访问其中的 index.html。
三、填写的内容只保存在各自电脑的浏览器里，不会上传；换电脑时，点模板页右下角的“填写占位符”，再点填写栏里的“未填 N 项”按钮（全部填完后显示为“清单”），展开后用“导出填写内容”“导入填写内容”。
四、“下载 Word”和“下载已填写的 Word”得到的文件按 GB/T 9704 排版；电脑上没有方正小标宋简体、仿宋_GB2312 等字体时，Word 会用相近的字体代替。
"""


def fail(message: str) -> None:
    print(message, file=sys.stderr)
    raise SystemExit(1)


def pack(site: Path, target: Path) -> int:
    if not (site / "index.html").is_file():
        fail(f"{site}/index.html 不存在：没有可以打包的离线版。改法：运行 make offline，它先构建离线版再打包。")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".tmp")
    files = sorted(p for p in site.rglob("*") if p.is_file() and p.suffix != ".map")  # source maps: for developers only
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            archive.writestr(f"{FOLDER}/{README}", README_TEXT.format(folder=FOLDER))
            for path in files:
                archive.write(path, f"{FOLDER}/{path.relative_to(site).as_posix()}")
        os.replace(partial, target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        fail(f"无法写入 {target}（{exc.strerror}）。改法：确认 {target.parent} 可写、磁盘有空间。")
    return len(files)


def main(argv: list[str]) -> None:
    site = Path(argv[1]) if len(argv) > 1 else Path("site-offline")
    target = Path(argv[2]) if len(argv) > 2 else Path("dist/xuncha-speech-templates-offline.zip")
    count = pack(site, target)
    size = target.stat().st_size / 1024 / 1024
    print(f"离线版已打包：{target}（{count} 个文件，{size:.1f} MB）。交给内网：拷过去解压，打开 {FOLDER}/index.html。")


if __name__ == "__main__":
    main(sys.argv)
