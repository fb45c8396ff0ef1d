/**
 * speech.js: placeholder slots, the fill-in dock, the speech head and the 复制… buttons.
 *
 * Reads the HTML contract written by scripts/speechkit/render.py (see its docstring):
 *   .speech[data-speech]           a whole speech        → 复制全文, 下载已填写的 Word (in .speech-tools)
 *   .speech-head [data-head]       讲话标题, 讲话人, 日期 (copied with 复制全文, printed, in the Word file)
 *   .speech .speech-section        one part (## or ###)  → 复制本节 (in its .section-meta)
 *   .speech-excerpt[data-source]   one version on /compare/<role>/ → 复制本版本
 *   .speech-text                   the spoken headings and paragraphs, in reading order
 *   span.ph[data-ph]               a placeholder 【名称】 (data-ph-desc, data-ph-example, data-ph-scope)
 *   [data-fill-panel]              where the fill-in dock goes (the dock is fixed: it never pushes the speech)
 *
 * The dock fills where you are: clicking a placeholder opens it on that name without scrolling;
 * Enter moves to the next empty one (下一个未填), Shift+Enter back (上一个), Escape returns to the text.
 * Filling a page takes one action to open the dock and one Enter per name.
 *
 * Values live in localStorage under one key (STORE) as versioned JSON (v2: a shared value per
 * registered name, and per template the head and anything marked data-ph-scope="template"); v1
 * values are migrated, never dropped. They never leave the browser except as a file the user
 * exports, and are always inserted with textContent (never as HTML). Runs on every page change
 * through Material's document$ (navigation.instant); without it (file://) once when the DOM is ready.
 *
 * Copied text: the .speech-text elements of the target, one per line, values filled in, unfilled
 * placeholders kept as 【名称】, notes and buttons left out. Option 段首空两格 (on by default): every
 * line but the head and a salutation such as 同志们： starts with two U+3000, as GB/T 9704 indents
 * body lines, 一、 and （一） headings included. The text/html copy follows the same rule (仿宋 16pt,
 * 黑体 一、, 楷体 （一）, the title 22pt 小标宋 centred).
 *
 * 下载已填写的 Word loads docx-fill.js and the zip library only when asked for (see that file).
 */
(function () {
  "use strict";
  if (window.__speechKit) return; // loaded twice: keep the first
  window.__speechKit = true;

  var STORE = "xuncha-speech-fill";
  var VERSION = 2;
  var EXPORT_FORMAT = "xuncha-speech-fill";
  var INDENT = "\u3000\u3000";
  var FONT = {
    p: "仿宋_GB2312,FangSong_GB2312,仿宋,FangSong,STFangsong,serif",
    h1: "黑体,SimHei,STHeiti,sans-serif",
    h2: "楷体_GB2312,KaiTi_GB2312,楷体,KaiTi,STKaiti,serif",
    title: "方正小标宋简体,FZXiaoBiaoSong-B05S,华文中宋,STZhongsong,宋体,SimSun,serif"
  };
  FONT.head = FONT.h2;
  var LEVEL2 = /^（[一二三四五六七八九十]+）/;
  var SALUTATION = /^(?:[^，。；！？：]{1,16}|[^。；！？：]{1,60}同志们?)：$/; // as text.SALUTATION in speechkit
  var SCRIPT = document.currentScript && document.currentScript.src;
  var ASSETS = SCRIPT ? SCRIPT.replace(/javascripts\/[^\/]*$/, "") : "assets/";
  var uid = 0;

  /* ---- state: { v: 2, shared: { 名称: 值 }, byTemplate: { slug: { 名称: 值 } }, indent: true } ---- */

  function strings(obj) {
    var out = {};
    if (obj && typeof obj === "object") Object.keys(obj).forEach(function (k) { if (typeof obj[k] === "string") out[k] = obj[k]; });
    return out;
  }

  /** A saved or imported state in any known version, as v2; null if it is not one. */
  function migrate(saved) {
    if (!saved || typeof saved !== "object") return null;
    var state = { v: VERSION, shared: {}, byTemplate: {}, indent: saved.indent !== false };
    if (saved.v === 1) state.shared = strings(saved.values);
    else if (saved.v === VERSION) {
      state.shared = strings(saved.shared);
      Object.keys(saved.byTemplate || {}).forEach(function (slug) { state.byTemplate[slug] = strings(saved.byTemplate[slug]); });
    } else return null;
    return state;
  }

  function load() {
    var raw = null;
    try { raw = localStorage.getItem(STORE); } catch (e) { /* storage blocked: start empty */ }
    if (raw == null) return migrate({ v: VERSION });
    var state = null;
    try { state = migrate(JSON.parse(raw)); } catch (e) { /* unreadable: kept aside below */ }
    if (!state) {
      try { localStorage.setItem(STORE + ".unreadable", raw); } catch (e) { /* nothing more we can do */ }
      state = migrate({ v: VERSION });
    }
    return state;
  }

  var state = load();
  var page = null; // the current page's fields and dock, set up by setup()

  function save() {
    try { localStorage.setItem(STORE, JSON.stringify(state)); } catch (e) { /* private mode: values last for this page only */ }
  }

  function bucket(name, create) {
    var field = page && page.byName[name];
    if (!field || field.scope !== "template" || !page.slug) return state.shared;
    if (!state.byTemplate[page.slug] && create) state.byTemplate[page.slug] = {};
    return state.byTemplate[page.slug] || {};
  }

  function value(name) {
    var b = bucket(name);
    return Object.prototype.hasOwnProperty.call(b, name) ? b[name].trim() : "";
  }

  function setValue(name, v) {
    if (v) bucket(name, true)[name] = v; else delete bucket(name)[name];
  }

  /* ---- small DOM helpers ---- */

  function $$(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text != null) node.textContent = text;
    return node;
  }

  function content() { return document.querySelector(".md-content__inner") || document.body; }

  /** Values are applied on pages that have a dock or a speech; elsewhere (the placeholder index) names stay. */
  function fillScope() {
    return document.querySelector("[data-fill-panel], .speech, .speech-excerpt") ? content() : null;
  }

  function hintText(node) {
    var text = node.dataset.phDesc || "";
    if (node.dataset.phExample) text += (text ? " " : "") + "例：" + node.dataset.phExample;
    return text;
  }

  function download(blob, name) {
    var a = el("a", { href: URL.createObjectURL(blob), download: name, hidden: "" });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 10000);
  }

  /* ---- the fields of a page: the head first, then placeholders in reading order ---- */

  function fieldsOf(root) {
    var list = [], byName = {};
    function add(name, node, scope) {
      if (byName[name]) return byName[name].nodes.push(node);
      byName[name] = { name: name, scope: scope, hint: hintText(node), example: node.dataset.phExample || "", nodes: [node], hasDefault: false };
      list.push(byName[name]);
    }
    $$(".speech-head [data-head]", root).forEach(function (line) {
      add(line.dataset.head, line, "template");
      // compare names, never build a selector from one (a name is data: a quote would break the selector)
      byName[line.dataset.head].hasDefault = !$$(".ph[data-ph]", line).some(function (ph) { return ph.dataset.ph === line.dataset.head; });
      byName[line.dataset.head].line = line;
    });
    // what is spoken (the head included); a name that only a note mentions is shown, not asked for
    $$(".speech-text .ph[data-ph]", root).forEach(function (ph) { add(ph.dataset.ph, ph, ph.dataset.phScope || "shared"); });
    return { list: list, byName: byName };
  }

  function isFilled(field) { return field.hasDefault || !!value(field.name); }

  /* ---- applying values ---- */

  function refresh() {
    var scope = fillScope();
    if (!scope) return;
    if (page) page.list.forEach(function (field) {
      if (!field.line || !field.hasDefault) return;
      var custom = value(field.name); // a title of one's own replaces the default and its placeholders
      if (custom) {
        field.line.textContent = "";
        field.line.appendChild(el("span", { "class": "ph ph--filled", "data-ph-own": field.name }, custom));
      } else if (field.line.querySelector("[data-ph-own]")) {
        field.line.textContent = "";
        field.line.appendChild(field.original.cloneNode(true));
      }
    });
    $$(".ph[data-ph]", scope).forEach(function (ph) {
      var v = value(ph.dataset.ph), text = v || "【" + ph.dataset.ph + "】";
      if (ph.textContent !== text) ph.textContent = text; // text only: values are never parsed as HTML
      ph.classList.toggle("ph--filled", !!v);
      ph.classList.toggle("is-current", !!(page && page.open && page.current && page.current.name === ph.dataset.ph));
    });
    $$("[data-speech-indent]", scope).forEach(function (box) { box.checked = state.indent; });
    if (page && page.dock) renderDock();
  }

  /* ---- the fill-in dock ---- */

  function button(attrs, text) { return el("button", Object.assign({ type: "button", "class": "speech-button" }, attrs), text); }

  function buildDock(mount) {
    var id = "fd" + (++uid);
    var dock = el("div", { "class": "fill-dock is-collapsed", role: "region", "aria-label": "填写占位符" });
    var panel = el("div", { "class": "fill-dock__panel", id: id + "-panel", hidden: "" });
    panel.appendChild(el("p", { "class": "fill-dock__summary" }));
    panel.appendChild(el("ul", { "class": "fill-dock__list" }));
    var option = el("label", { "class": "fill-dock__option" });
    option.appendChild(el("input", { type: "checkbox", "data-speech-indent": "" }));
    option.appendChild(document.createTextNode(" 复制时段首空两格"));
    var actions = el("div", { "class": "fill-dock__actions" });
    [option, button({ "data-fill-export": "" }, "导出填写内容"), button({ "data-fill-import": "" }, "导入填写内容"),
      el("input", { type: "file", accept: ".json,application/json", hidden: "", "data-fill-file": "" }),
      button({ "data-fill-clear": "" }, "清空本页填写"), button({ "data-fill-undo": "", hidden: "" }, "撤销")
    ].forEach(function (n) { actions.appendChild(n); });
    panel.appendChild(actions);
    panel.appendChild(el("p", { "class": "fill-dock__note" }, "同名的占位符在各模板之间共用，填一次处处生效；讲话标题、讲话人和日期按模板分别保存。填写的内容只保存在本机浏览器中，不会上传；换电脑时用“导出”“导入”。"));
    dock.appendChild(panel);

    var bar = el("div", { "class": "fill-dock__bar" });
    bar.appendChild(button({ "class": "speech-button fill-dock__open", "data-fill-open": "" }));
    bar.appendChild(el("label", { "class": "fill-dock__label", "for": id + "-input" }));
    bar.appendChild(el("input", { id: id + "-input", type: "text", autocomplete: "off", "data-fill-input": "",
      "aria-describedby": id + "-hint", enterkeyhint: "next" }));
    bar.appendChild(button({ "data-fill-prev": "" }, "上一个"));
    bar.appendChild(button({ "data-fill-next": "" }, "下一个未填"));
    bar.appendChild(button({ "data-fill-toggle": "", "aria-expanded": "false", "aria-controls": id + "-panel" }));
    bar.appendChild(button({ "data-fill-close": "", "aria-label": "收起填写栏" }, "收起"));
    dock.appendChild(bar);
    dock.appendChild(el("small", { "class": "fill-dock__hint", id: id + "-hint" }));
    dock.appendChild(el("span", { "class": "speech-offscreen", "aria-live": "polite", "data-fill-live": "" }));
    mount.textContent = "";
    mount.appendChild(dock);
    return dock;
  }

  function part(sel) { return page.dock.querySelector(sel); }

  function empties() { return page.list.filter(function (f) { return !isFilled(f); }); }

  /** The field the dock's input is for: the one chosen last, else the first empty one. */
  function shown() { return page.current || empties()[0] || page.list[0]; }

  function renderDock() {
    var empty = empties(), current = shown();
    part("[data-fill-open]").textContent = empty.length ? "填写占位符（未填 " + empty.length + " 项）" : "填写占位符（已全部填写）";
    part(".fill-dock__label").textContent = "【" + current.name + "】";
    var input = part("[data-fill-input]");
    input.dataset.phInput = current.name;
    input.placeholder = current.hasDefault ? "默认：" + current.original.textContent : current.example ? "例：" + current.example : "";
    if (input !== document.activeElement || input.dataset.shown !== current.name) {
      input.value = value(current.name);
      input.dataset.shown = current.name;
    }
    var where = current.nodes.length > 1 ? "（本页 " + current.nodes.length + " 处）" : "";
    part(".fill-dock__hint").textContent = current.hint + where;
    part("[data-fill-toggle]").textContent = empty.length ? "未填 " + empty.length + " 项" : "清单";
    part(".fill-dock__summary").textContent = "共 " + page.list.length + " 项，已填写 " + (page.list.length - empty.length) + " 项，未填写 " + empty.length + " 项。点名称跳到那一处。";
    var list = part(".fill-dock__list");
    list.textContent = "";
    page.list.forEach(function (f) {
      var filled = isFilled(f), item = el("li");
      var go = button({ "class": "fill-dock__item" + (filled ? "" : " is-empty"), "data-fill-goto": f.name });
      go.appendChild(el("strong", {}, f.name));
      go.appendChild(el("span", {}, value(f.name) || (f.hasDefault ? "默认" : "未填写")));
      item.appendChild(go);
      list.appendChild(item);
    });
  }

  function setOpen(open) {
    page.open = open;
    page.dock.classList.toggle("is-collapsed", !open);
    if (!open) { togglePanel(false); refresh(); }
  }

  function togglePanel(open) {
    var panel = part(".fill-dock__panel");
    panel.hidden = !open;
    part("[data-fill-toggle]").setAttribute("aria-expanded", String(open));
  }

  /** Make `field` current: open the dock, focus its input, and bring its first visible slot into view if asked. */
  function goTo(field, scroll, from) {
    if (!field) return;
    page.current = field;
    if (from) page.returnTo = from;
    setOpen(true);
    refresh();
    var slot = field.nodes.filter(function (n) { return n.getClientRects().length; })[0];
    if (scroll && slot) slot.scrollIntoView({ block: "center" });
    var input = part("[data-fill-input]");
    input.focus({ preventScroll: true });
    input.select();
    part("[data-fill-live]").textContent = "第 " + (page.list.indexOf(field) + 1) + " 项，共 " + page.list.length + " 项：" + field.name;
  }

  /** The first empty field after the current one, wrapping round; null when all are filled. */
  function nextEmpty() {
    var n = page.list.length, at = page.list.indexOf(page.current);
    for (var i = 1; i <= n; i++) {
      var f = page.list[(at + i + n) % n];
      if (!isFilled(f) && f !== page.current) return f;
    }
    return null;
  }

  function advance() {
    var next = nextEmpty();
    if (next) return goTo(next, true);
    refresh();
    announce("本页 " + page.list.length + " 项都已填写：可以复制全文，或下载已填写的 Word");
  }

  function back() {
    var at = page.list.indexOf(page.current);
    goTo(page.list[(at - 1 + page.list.length) % page.list.length], true);
  }

  /** Put the dock away and return to where the user came from (the placeholder in the text). */
  function closeDock() {
    setOpen(false);
    var target = page.returnTo && document.contains(page.returnTo) ? page.returnTo : part("[data-fill-open]");
    page.returnTo = null;
    target.focus();
  }

  /* ---- 清空, 撤销, 导出, 导入 ---- */

  function snapshot() { return JSON.parse(JSON.stringify(state)); }

  function offerUndo(label, before) {
    page.undo = before;
    var undo = part("[data-fill-undo]");
    undo.textContent = "撤销" + label;
    undo.hidden = false;
    undo.focus();
  }

  function dropUndo() {
    if (!page || !page.undo) return;
    page.undo = null;
    part("[data-fill-undo]").hidden = true;
  }

  function clearPage() {
    var names = page.list.filter(function (f) { return value(f.name); });
    if (!names.length) return announce("本页还没有填写任何内容");
    var before = snapshot();
    names.forEach(function (f) { setValue(f.name, ""); });
    save();
    refresh();
    offerUndo("清空", before);
    announce("已清空本页的 " + names.length + " 项填写（同名占位符在其他模板中也一并清空）；可以撤销");
  }

  function undo() {
    if (!page.undo) return;
    state = page.undo;
    save();
    dropUndo();
    refresh();
    part("[data-fill-clear]").focus();
    announce("已撤销，填写内容已恢复");
  }

  function exportValues() {
    var data = { format: EXPORT_FORMAT, v: VERSION, exported: new Date().toISOString(), shared: state.shared, byTemplate: state.byTemplate };
    var day = new Date().toISOString().slice(0, 10);
    download(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }), "巡察讲话填写内容-" + day + ".json");
    announce("已导出填写内容：保存好这个文件，在另一台电脑上用“导入填写内容”");
  }

  var NAME = /^[\u3400-\u9fffA-Za-z0-9（）·、]{1,30}$/;
  var SLUG = /^[a-z0-9][a-z0-9-]{0,80}$/;
  var MAX_FILE = 1024 * 1024, MAX_VALUE = 2000;

  /** The values of an exported file, checked; throws an Error whose message says what is wrong, in Chinese. */
  function readExport(text) {
    var data;
    try { data = JSON.parse(text); } catch (e) { throw new Error("文件内容不是有效的 JSON 格式"); }
    if (!data || data.format !== EXPORT_FORMAT) throw new Error("这不是本站导出的填写内容（缺少格式标记）");
    if (data.v !== 1 && data.v !== VERSION) throw new Error("文件的版本（" + String(data.v).slice(0, 10) + "）是本页不认识的");
    function check(values, where) {
      if (values == null) return {};
      if (typeof values !== "object" || Array.isArray(values)) throw new Error(where + "不是“名称: 内容”的形式");
      Object.keys(values).forEach(function (name) {
        if (!NAME.test(name)) throw new Error(where + "里的“" + name.slice(0, 30) + "”不是有效的名称");
        if (typeof values[name] !== "string") throw new Error(where + "里“" + name + "”的内容不是文字");
        if (values[name].length > MAX_VALUE) throw new Error(where + "里“" + name + "”的内容超过 " + MAX_VALUE + " 字");
      });
      return values;
    }
    var out = { shared: check(data.v === 1 ? data.values : data.shared, "通用的填写内容"), byTemplate: {} };
    var templates = data.v === 1 ? {} : data.byTemplate || {};
    if (typeof templates !== "object" || Array.isArray(templates)) throw new Error("各模板的填写内容不是“模板: 内容”的形式");
    Object.keys(templates).forEach(function (slug) {
      if (!SLUG.test(slug)) throw new Error("模板名“" + slug.slice(0, 40) + "”不对");
      out.byTemplate[slug] = check(templates[slug], "模板 " + slug + " ");
    });
    return out;
  }

  function importFile(file) {
    var fail = function (why) {
      announce("导入失败：文件“" + file.name + "”" + why + "。改法：选择本站“导出填写内容”保存的 .json 文件");
    };
    if (file.size > MAX_FILE) return fail("太大（超过 1 MB），不是本站导出的填写内容");
    var reader = new FileReader();
    reader.onerror = function () { fail("无法读取"); };
    reader.onload = function () {
      var got;
      try { got = readExport(String(reader.result)); } catch (e) { return fail(e.message); }
      var before = snapshot(), count = Object.keys(got.shared).length;
      Object.assign(state.shared, got.shared);
      Object.keys(got.byTemplate).forEach(function (slug) {
        state.byTemplate[slug] = Object.assign(state.byTemplate[slug] || {}, got.byTemplate[slug]);
        count += Object.keys(got.byTemplate[slug]).length;
      });
      save();
      refresh();
      offerUndo("导入", before);
      announce("已导入 " + count + " 项填写内容；可以撤销");
    };
    reader.readAsText(file, "utf-8");
  }

  /* ---- copy buttons and the Word downloads ---- */

  function copyButton(kind, label, what) {
    return button({ "class": "speech-button speech-copy", "data-speech-copy": kind, "aria-label": label + "：" + what }, label);
  }

  function headingText(section) {
    var h = section.querySelector(":scope > h2, :scope > h3, :scope > .speech-heading");
    if (!h) return "";
    var c = h.cloneNode(true);
    $$(".headerlink", c).forEach(function (n) { n.remove(); });
    return c.textContent.trim();
  }

  function addButtons(root) {
    $$(".speech", root).forEach(function (speech) {
      var bar = speech.querySelector(".speech-tools"); // rendered with its buttons, so nothing shifts when this runs
      if (!bar) { bar = el("p", { "class": "speech-tools" }); speech.insertBefore(bar, speech.firstChild); }
      if (!bar.querySelector("[data-speech-copy]")) bar.insertBefore(copyButton("all", "复制全文", speech.dataset.speechTitle || ""), bar.firstChild);
      $$(".speech-section", speech).forEach(function (section) {
        var meta = section.querySelector(":scope > .section-meta");
        var b = copyButton("section", "复制本节", headingText(section));
        if (meta) meta.appendChild(b);
        else section.insertBefore(b, section.children[1] || null);
      });
    });
    $$(".speech-excerpt", root).forEach(function (excerpt) {
      var source = excerpt.querySelector(".excerpt-source");
      var b = copyButton("excerpt", "复制本版本", excerpt.dataset.speechTitle || "");
      if (source) { source.appendChild(document.createTextNode(" ")); source.appendChild(b); }
      else excerpt.insertBefore(b, excerpt.firstChild);
    });
  }

  /** Level of a spoken line: title and head lines, h1 (一、 heading), h2 (（一） heading), salutation or p. */
  function kind(node, text) {
    if (node.dataset.head) return node.parentNode.firstElementChild === node ? "title" : "head";
    if (node.classList.contains("speech-heading")) return LEVEL2.test(text) || node.tagName === "H3" ? "h2" : "h1";
    return SALUTATION.test(text) ? "salutation" : "p";
  }

  /** The clean lines of a target: [{ text, kind }], and how many placeholders are left unfilled. */
  function collect(target) {
    var lines = [], open = 0;
    $$(".speech-text", target).forEach(function (node) {
      var c = node.cloneNode(true);
      $$(".note, .note-ref, .headerlink, button, .speech-tools, [hidden]", c).forEach(function (n) { n.remove(); });
      $$(".ph[data-ph]", c).forEach(function (ph) {
        var v = value(ph.dataset.ph);
        if (!v) open++;
        ph.textContent = v || "【" + ph.dataset.ph + "】";
      });
      var text = c.textContent.replace(/\s*\n\s*/g, "").replace(/[ \t\u00a0]+/g, " ").trim();
      if (text) lines.push({ text: text, kind: kind(node, text) });
    });
    return { lines: lines, open: open };
  }

  function esc(s) {
    return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  function indented(line, indent) { return indent && (line.kind === "p" || line.kind === "h1" || line.kind === "h2"); }

  function plain(lines, indent) {
    return lines.map(function (l) { return (indented(l, indent) ? INDENT : "") + l.text; }).join("\n");
  }

  function rich(lines, indent) {
    var base = "margin:0;font-size:16pt;line-height:28pt;mso-line-height-rule:exactly;font-weight:normal;text-align:justify;";
    return '<meta charset="utf-8"><div style="font-family:' + FONT.p + ';font-size:16pt;line-height:28pt;">' +
      lines.map(function (l) {
        var head = l.kind === "title" || l.kind === "head";
        return '<p style="' + base + "font-family:" + (FONT[l.kind] || FONT.p) +
          (l.kind === "title" ? ";font-size:22pt" : "") + (head ? ";text-align:center" : "") +
          (indented(l, indent) ? ";text-indent:32pt;mso-char-indent-count:2" : ";text-indent:0") + '">' + esc(l.text) + "</p>";
      }).join("") + "</div>";
  }

  /** Fallback for browsers without the async clipboard API: a copy event on a selection. */
  function legacyCopy(text, html) {
    var done = false, focused = document.activeElement;
    var area = el("textarea", { "class": "speech-offscreen", readonly: "", "aria-hidden": "true" });
    area.value = text;
    document.body.appendChild(area);
    area.select();
    function onCopy(e) {
      e.clipboardData.setData("text/plain", text);
      e.clipboardData.setData("text/html", html);
      e.preventDefault();
      done = true;
    }
    document.addEventListener("copy", onCopy, true);
    try { done = document.execCommand("copy") && done; } catch (e) { done = false; }
    document.removeEventListener("copy", onCopy, true);
    area.remove();
    if (focused && focused.focus) focused.focus();
    return done;
  }

  function writeClipboard(text, html) {
    var clip = navigator.clipboard;
    if (clip && clip.write && window.ClipboardItem) {
      var item = new ClipboardItem({
        "text/plain": new Blob([text], { type: "text/plain" }),
        "text/html": new Blob([html], { type: "text/html" })
      });
      return clip.write([item]).then(function () { return true; }, function () { return legacyCopy(text, html); });
    }
    return Promise.resolve(legacyCopy(text, html));
  }

  var LABELS = { all: ["全文", ".speech"], section: ["本节", ".speech-section"], excerpt: ["本版本", ".speech-excerpt"] };

  function copy(b) {
    var what = LABELS[b.dataset.speechCopy], target = what && b.closest(what[1]);
    if (!target) return;
    var got = collect(target);
    writeClipboard(plain(got.lines, state.indent), rich(got.lines, state.indent)).then(function (ok) {
      announce(ok ? "已复制" + what[0] + (got.open ? "（还有 " + got.open + " 处占位符未填写）" : "")
        : "复制失败：请选中文字后按 Ctrl+C 复制");
    });
  }

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var s = el("script", { src: src });
      s.onload = resolve;
      s.onerror = function () { reject(new Error(src)); };
      document.head.appendChild(s);
    });
  }

  var wordKit = null;
  /** fflate and docx-fill.js, loaded on the first 下载已填写的 Word and never before. */
  function loadWordKit() {
    wordKit = wordKit || loadScript(ASSETS + "vendor/fflate.js").then(function () {
      return loadScript(ASSETS + "javascripts/docx-fill.js");
    }).then(function () { return window.speechDocxFill; }, function (e) { wordKit = null; throw e; });
    return wordKit;
  }

  function downloadFilled(b) {
    var speech = b.closest(".speech"), link = speech && speech.querySelector("a[data-speech-docx]");
    if (!link || b.disabled) return;
    var values = {}, title = collect(speech.querySelector(".speech-head") || speech).lines[0];
    page.list.forEach(function (f) { if (value(f.name)) values[f.name] = value(f.name); });
    b.disabled = true;
    announce("正在生成已填写的 Word……");
    loadWordKit().then(function (kit) {
      return kit.download({ url: link.href, slug: link.dataset.speechDocx, values: values, title: title ? title.text : "" });
    }).then(function (result) {
      announce("已下载已填写的 Word" + (result.open ? "（还有 " + result.open + " 处占位符未填写，在 Word 中以黄色标出）" : ""));
    }, function () {
      announce("生成 Word 失败：请刷新页面再试；仍不行时用“下载 Word”下载空白模板");
    }).then(function () { b.disabled = false; });
  }

  /* ---- status (aria-live) and tooltip, shared by all pages ---- */

  var statusTimer;
  function status() {
    var node = document.getElementById("speech-status");
    if (!node) {
      node = el("div", { id: "speech-status", "class": "speech-status", role: "status", "aria-live": "polite", "aria-atomic": "true" });
      document.body.appendChild(node);
    }
    return node;
  }

  function announce(message) {
    var node = status();
    node.textContent = ""; // emptied first so that the same message is announced again
    setTimeout(function () { node.textContent = message; }, 50);
    node.classList.add("is-visible");
    clearTimeout(statusTimer);
    statusTimer = setTimeout(function () { node.classList.remove("is-visible"); node.textContent = ""; }, 8000);
  }

  var tip, tipFor, tipTimer;
  function showTip(ph) {
    clearTimeout(tipTimer);
    if (!tip) {
      tip = el("div", { id: "ph-tip", "class": "ph-tip", role: "tooltip", hidden: "" });
      tip.addEventListener("mouseenter", function () { clearTimeout(tipTimer); });
      tip.addEventListener("mouseleave", hideTipSoon);
      document.body.appendChild(tip);
    }
    tipFor = ph;
    tip.textContent = "";
    tip.appendChild(el("strong", {}, "【" + ph.dataset.ph + "】"));
    if (ph.dataset.phDesc) tip.appendChild(el("span", {}, ph.dataset.phDesc));
    if (ph.dataset.phExample) tip.appendChild(el("span", {}, "例：" + ph.dataset.phExample));
    if (value(ph.dataset.ph) && ph.textContent !== value(ph.dataset.ph)) tip.appendChild(el("span", {}, "已填写：" + value(ph.dataset.ph)));
    tip.hidden = false;
    var r = ph.getBoundingClientRect(), w = tip.offsetWidth;
    var left = Math.max(8, Math.min(r.left, document.documentElement.clientWidth - w - 8));
    tip.style.left = left + window.scrollX + "px";
    tip.style.top = r.bottom + window.scrollY + 6 + "px";
  }

  function hideTip() { clearTimeout(tipTimer); if (tip) tip.hidden = true; tipFor = null; }
  function hideTipSoon() { clearTimeout(tipTimer); tipTimer = setTimeout(hideTip, 200); }

  /* ---- page set-up (once per page) and global listeners (once) ---- */

  function setup() {
    var root = content();
    if (root.hasAttribute("data-speech-ready")) return;
    root.setAttribute("data-speech-ready", "");
    state = load();
    status();
    var speech = root.querySelector(".speech[data-speech]");
    var found = fieldsOf(root), mount = root.querySelector("[data-fill-panel]");
    page = { slug: speech ? speech.dataset.speech : "", list: found.list, byName: found.byName, current: null, dock: null };
    if (mount && page.list.length) page.dock = buildDock(mount);
    var hints = {}, holder = el("div", { hidden: "" });
    $$(".ph[data-ph]", root).forEach(function (ph) {
      if (hints[ph.dataset.ph]) return;
      hints[ph.dataset.ph] = "ph-desc-" + (++uid);
      holder.appendChild(el("span", { id: hints[ph.dataset.ph] }, hintText(ph)));
    });
    root.appendChild(holder);
    $$(".ph[data-ph]", root).forEach(function (ph) {
      ph.tabIndex = 0;
      ph.setAttribute("aria-describedby", hints[ph.dataset.ph]);
      if (page.dock && page.byName[ph.dataset.ph]) ph.setAttribute("role", "button");
    });
    page.list.forEach(function (f) { // keep the default title to put back when a title of one's own is removed
      if (!f.line || !f.hasDefault) return;
      f.original = document.createDocumentFragment();
      Array.prototype.forEach.call(f.line.childNodes, function (n) { f.original.appendChild(n.cloneNode(true)); });
    });
    $$(".speech-text.speech-heading", root).forEach(function (h) {
      h.classList.toggle("speech-heading--2", kind(h, h.textContent.trim()) === "h2");
    });
    $$(".speech-text:not(.speech-heading):not([data-head])", root).forEach(function (p) {
      p.classList.toggle("speech-salutation", SALUTATION.test(p.textContent.trim()));
    });
    if (speech) root.classList.add("speech-page");
    addButtons(root);
    if (page.dock) $$(".speech-head [data-head]", root).forEach(function (line) {
      if (page.byName[line.dataset.head].hasDefault) {
        line.parentNode.insertBefore(button({ "class": "speech-button speech-head-edit", "data-fill-goto": line.dataset.head }, "修改标题"), line.nextSibling);
      }
    });
    refresh();
  }

  function onInput(e) {
    if (!e.target.hasAttribute || !e.target.hasAttribute("data-fill-input") || e.isComposing || !page || !page.dock) return;
    var field = page.current = shown();
    dropUndo();
    setValue(field.name, e.target.value);
    save();
    refresh();
  }
  document.addEventListener("input", onInput);
  document.addEventListener("compositionend", onInput);

  document.addEventListener("change", function (e) {
    var t = e.target;
    if (t.hasAttribute && t.hasAttribute("data-speech-indent")) { state.indent = t.checked; save(); refresh(); }
    if (t.hasAttribute && t.hasAttribute("data-fill-file") && t.files && t.files[0]) { importFile(t.files[0]); t.value = ""; }
  });

  document.addEventListener("click", function (e) {
    var t = e.target.closest ? e.target : e.target.parentNode;
    var b = t.closest("button, .ph[role=button]");
    if (!b) return;
    if (b.dataset.speechCopy) return copy(b);
    if (b.hasAttribute("data-speech-docx-filled")) return downloadFilled(b);
    if (!page || !page.dock) return;
    if (b.matches(".ph")) return goTo(page.byName[b.dataset.ph], false, b);
    if (b.dataset.fillGoto) { togglePanel(false); return goTo(page.byName[b.dataset.fillGoto], true, b.matches(".speech-head-edit") ? b : null); }
    if (b.hasAttribute("data-fill-open")) return goTo(page.current && !isFilled(page.current) ? page.current : nextEmpty() || page.list[0], true);
    if (b.hasAttribute("data-fill-next")) return advance();
    if (b.hasAttribute("data-fill-prev")) return back();
    if (b.hasAttribute("data-fill-close")) return closeDock();
    if (b.hasAttribute("data-fill-toggle")) return togglePanel(part(".fill-dock__panel").hidden);
    if (b.hasAttribute("data-fill-clear")) return clearPage();
    if (b.hasAttribute("data-fill-undo")) return undo();
    if (b.hasAttribute("data-fill-export")) return exportValues();
    if (b.hasAttribute("data-fill-import")) return part("[data-fill-file]").click();
  });

  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") {
      hideTip();
      if (page && page.dock && page.dock.contains(e.target) && !page.dock.classList.contains("is-collapsed")) closeDock();
      return;
    }
    if (e.target.hasAttribute && e.target.hasAttribute("data-fill-input") && e.key === "Enter" && !e.isComposing && e.keyCode !== 229) {
      e.preventDefault();
      return e.shiftKey ? back() : advance();
    }
    var ph = e.target.closest && e.target.closest(".ph[role=button]");
    if (ph && (e.key === "Enter" || e.key === " ")) { e.preventDefault(); goTo(page.byName[ph.dataset.ph], false, ph); }
  });

  document.addEventListener("mouseover", function (e) {
    var ph = e.target.closest && e.target.closest(".ph[data-ph]");
    if (ph && ph !== tipFor) showTip(ph);
    else if (ph) clearTimeout(tipTimer);
  });
  document.addEventListener("mouseout", function (e) {
    if (e.target.closest && e.target.closest(".ph[data-ph]")) hideTipSoon();
  });
  document.addEventListener("focusin", function (e) {
    var ph = e.target.closest && e.target.closest(".ph[data-ph]");
    if (ph) showTip(ph); else if (tipFor) hideTip();
  });

  // another tab changed the values: show them here too
  window.addEventListener("storage", function (e) {
    if (e.key === STORE) { state = load(); refresh(); }
  });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { hideTip(); setup(); });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
