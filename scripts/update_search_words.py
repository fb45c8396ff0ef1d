#!/usr/bin/env python3
"""Write data/search_words.yml: the words of jieba's dictionary that occur in our sources.

The search worker splits a query such as 反馈会组长讲话 on the longest dictionary words. jieba's
dictionary (349,046 words, 5 MB) is far too big to ship, and most of it never occurs here; the words
that do (a few thousand) are what a query can usefully be split into. Restricting the dictionary to
our text needs every 2- to 8-character run of the text, which takes about a second for today's site
and grows with it, so it is not done in every build: this script writes the list once, it is committed
as data, and the build adds the registries' own words (meetings, speakers, 提法, synonyms…) so that a
new meeting or speaker is found at once. Run it again (`make search-words`) after adding many templates.

jieba is a test dependency (requirements-test.txt), not a build one.

Usage: python scripts/update_search_words.py [--check]   (--check: exit 1 if the file is out of date)
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from speechkit.base import DATA_DIR, DOCS_DIR, shown_path  # noqa: E402

TARGET = DATA_DIR / "search_words.yml"
SHORTEST, LONGEST = 2, 8  # one character is never a word to split on; longer words are names and 提法 (from the registries)
PER_LINE = 24

HEADER = """\
# 站内搜索把查询切成词时用的词表（搜索 worker：overrides/assets/javascripts/workers/phrase-search.js）：
# jieba 词典（jieba {version}）里在本站来源（docs/ 和 data/ 的文字）中出现过的 {shortest}～{longest} 字的词。
# 由 make search-words（scripts/update_search_words.py）生成，不要手改；新增很多模板后重新生成一次。
# 构建时另外加上登记表里的词（会议、讲话人、提法、规范表述、占位符、层级和巡察类型、近义词），
# 所以新登记的会议和讲话人不必重新生成也能切分。随搜索索引发出，打开页面时不加载。
#
# source: 词表的来源和版本。
# words: 词，用空格隔开（写成一个值：几千个词读起来也只要几毫秒）。
"""


def source_text(docs_dir: Path = DOCS_DIR, data_dir: Path = DATA_DIR) -> str:
    """Everything our pages are made of: the Markdown under docs/ and the registries under data/."""
    paths = sorted(docs_dir.rglob("*.md")) + sorted(p for p in data_dir.glob("*.yml") if p.name != TARGET.name)
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in paths)


def dictionary_words() -> tuple[list[str], str]:
    """jieba's dictionary words, in its own order, and jieba's version."""
    try:
        import jieba
    except ImportError:
        sys.exit("需要 jieba（测试依赖）。改法：先运行 make .venv/.test-installed，再运行 make search-words。")
    path = Path(jieba.__file__).with_name("dict.txt")
    words = [line.split(" ", 1)[0] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return words, str(getattr(jieba, "__version__", "?"))


def words_in(text: str, words: list[str]) -> list[str]:
    """The dictionary words of SHORTEST..LONGEST characters that occur in `text`, sorted, once each."""
    runs = {text[i : i + n] for n in range(SHORTEST, LONGEST + 1) for i in range(len(text) - n + 1)}
    return sorted({w for w in words if SHORTEST <= len(w) <= LONGEST and w in runs and not any(c.isspace() for c in w)})


def render(words: list[str], version: str) -> str:
    lines = [" ".join(words[i : i + PER_LINE]) for i in range(0, len(words), PER_LINE)]
    body = "\n".join(f"  {line}" for line in lines)
    return HEADER.format(version=version, shortest=SHORTEST, longest=LONGEST) + f"source: jieba {version}\nwords: >-\n{body}\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report whether the file is current")
    args = parser.parse_args()
    words, version = dictionary_words()
    found = words_in(source_text(), words)
    content = render(found, version)
    if args.check:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != content:
            print(f"{shown_path(TARGET)} 不是最新的。改法：运行 make search-words，提交生成的文件。", file=sys.stderr)
            return 1
        print(f"{shown_path(TARGET)} 是最新的（{len(found):,} 个词）。")
        return 0
    TARGET.write_text(content, encoding="utf-8")
    print(f"已写入 {shown_path(TARGET)}：{len(found):,} 个词（jieba {version}）。")
    return 0


if __name__ == "__main__":
    sys.exit(main())
