/**
 * speech.js: placeholder slots, the 填写信息 panel and the 复制… buttons of the speech pages.
 *
 * Reads the HTML contract written by scripts/speechkit/render.py (see its docstring):
 *   .speech[data-speech]           a whole speech        → button 复制全文
 *   .speech .speech-section        one part (## or ###)  → button 复制本节 (in its .section-meta)
 *   .speech-excerpt[data-source]   one version on /compare/<role>/ → button 复制本版本
 *   .speech-text                   the spoken headings and paragraphs, in reading order
 *   span.ph[data-ph]               a placeholder 【名称】 (data-ph-desc, data-ph-example)
 *   [data-fill-panel]              empty mount point for the panel
 *
 * Values live in localStorage under one key (STORE) as versioned JSON, never leave the browser,
 * and are always inserted with textContent (never as HTML). Runs on every page change through
 * Material's document$ (navigation.instant); without document$ (file://, offline build) it runs
 * once when the DOM is ready.
 *
 * Copied text: the .speech-text elements of the target, one per line, values filled in,
 * unfilled placeholders kept as 【名称】, annotation markers and everything else left out.
 * Option 段首空两格 (persisted, on by default): every line but a salutation such as 同志们：
 * starts with two U+3000. Headings are indented as well: in a 公文 the 一、 and （一） headings
 * are body lines, and GB/T 9704 indents every body line by two characters; the salutation
 * stays flush left like 主送机关. The text/html copy follows the same rule with
 * text-indent:32pt (2em of 16pt), 仿宋 16pt body, 黑体 一、 headings, 楷体 （一） headings.
 */
(function () {
  "use strict";
  if (window.__speechKit) return; // loaded twice: keep the first
  window.__speechKit = true;

  var STORE = "xuncha-speech-fill";
  var VERSION = 1;
  var INDENT = "\u3000\u3000";
  var FONT = {
    p: "仿宋_GB2312,FangSong_GB2312,仿宋,FangSong,STFangsong,serif",
    h1: "黑体,SimHei,STHeiti,sans-serif",
    h2: "楷体_GB2312,KaiTi_GB2312,楷体,KaiTi,STKaiti,serif"
  };
  var LEVEL2 = /^（[一二三四五六七八九十]+）/;
  var SALUTATION = /^[^，。；！？：]{1,16}：$/;
  var uid = 0;

  /* ---- state: { v: 1, values: { 名称: "值" }, indent: true } ---- */

  function load() {
    var state = { v: VERSION, values: {}, indent: true };
    try {
      var saved = JSON.parse(localStorage.getItem(STORE));
      if (saved && saved.v === VERSION && saved.values && typeof saved.values === "object") {
        Object.keys(saved.values).forEach(function (k) {
          if (typeof saved.values[k] === "string") state.values[k] = saved.values[k];
        });
        state.indent = saved.indent !== false;
      }
    } catch (e) { /* unreadable or blocked storage: start empty */ }
    return state;
  }

  var state = load();

  function save() {
    try { localStorage.setItem(STORE, JSON.stringify(state)); } catch (e) { /* private mode: values last for this page only */ }
  }

  function value(name) {
    var v = Object.prototype.hasOwnProperty.call(state.values, name) ? state.values[name] : "";
    return v.trim();
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

  /** Values are applied on pages that have a panel or a speech; elsewhere (the placeholder index) names stay. */
  function fillScope() {
    return document.querySelector("[data-fill-panel], .speech, .speech-excerpt") ? content() : null;
  }

  function names(root) {
    var seen = [];
    $$(".ph[data-ph]", root).forEach(function (ph) {
      if (seen.indexOf(ph.dataset.ph) < 0) seen.push(ph.dataset.ph);
    });
    return seen;
  }

  function hintText(ph) {
    var text = ph.dataset.phDesc || "";
    if (ph.dataset.phExample) text += (text ? " " : "") + "例：" + ph.dataset.phExample;
    return text;
  }

  /* ---- applying values ---- */

  function refresh() {
    var scope = fillScope();
    if (!scope) return;
    $$(".ph[data-ph]", scope).forEach(function (ph) {
      var v = value(ph.dataset.ph), text = v || "【" + ph.dataset.ph + "】";
      if (ph.textContent !== text) ph.textContent = text; // text only: values are never parsed as HTML
      ph.classList.toggle("ph--filled", !!v);
    });
    $$("[data-ph-input]", scope).forEach(function (input) {
      var v = state.values[input.dataset.phInput] || "";
      if (input !== document.activeElement && input.value !== v) input.value = v;
    });
    $$("[data-speech-indent]", scope).forEach(function (box) { box.checked = state.indent; });
    $$(".fill-panel__count", scope).forEach(function (count) {
      var all = $$("[data-ph-input]", count.closest(".fill-panel"));
      var done = all.filter(function (input) { return value(input.dataset.phInput); }).length;
      count.textContent = "已填写 " + done + " / " + all.length + " 项";
    });
  }

  /* ---- the 填写信息 panel ---- */

  function buildPanel(mount, list, sample) {
    var id = "fp" + (++uid);
    var box = el("fieldset", { "class": "fill-panel__box" });
    var legend = el("legend", {}, "填写信息");
    legend.appendChild(el("span", { "class": "fill-panel__count" }));
    box.appendChild(legend);
    box.appendChild(el("p", { "class": "fill-panel__note" },
      "在这里填写一次，本页和其他模板中同名的【占位符】都会替换成你填的内容；点击正文中的占位符可跳到对应的输入框。填写的内容只保存在本机浏览器中，不会上传。"));
    var grid = el("div", { "class": "fill-panel__fields" });
    list.forEach(function (name, i) {
      var ph = sample[name], field = el("div", { "class": "fill-field" });
      var inputId = id + "-" + i, hintId = inputId + "-hint";
      field.appendChild(el("label", { "for": inputId }, name));
      field.appendChild(el("input", {
        id: inputId, type: "text", autocomplete: "off", "data-ph-input": name,
        "aria-describedby": hintId, placeholder: ph.dataset.phExample ? "例：" + ph.dataset.phExample : ""
      }));
      field.appendChild(el("small", { id: hintId, "class": "fill-field__hint" }, hintText(ph)));
      grid.appendChild(field);
    });
    box.appendChild(grid);
    var actions = el("div", { "class": "fill-panel__actions" });
    var option = el("label", { "class": "fill-panel__option" });
    option.appendChild(el("input", { type: "checkbox", "data-speech-indent": "" }));
    option.appendChild(document.createTextNode(" 复制时段首空两格"));
    actions.appendChild(option);
    actions.appendChild(el("button", { type: "button", "class": "speech-button", "data-speech-clear": "" }, "清空填写"));
    box.appendChild(actions);
    mount.textContent = "";
    mount.appendChild(box);
  }

  /* ---- copy buttons ---- */

  function copyButton(kind, label, what) {
    return el("button", { type: "button", "class": "speech-button speech-copy", "data-speech-copy": kind,
      "aria-label": label + "：" + what }, label);
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
      var bar = el("div", { "class": "speech-tools" });
      bar.appendChild(copyButton("all", "复制全文", speech.dataset.speechTitle || ""));
      speech.insertBefore(bar, speech.firstChild);
      $$(".speech-section", speech).forEach(function (section) {
        var meta = section.querySelector(":scope > .section-meta");
        var button = copyButton("section", "复制本节", headingText(section));
        if (meta) meta.appendChild(button);
        else section.insertBefore(button, section.children[1] || null);
      });
    });
    $$(".speech-excerpt", root).forEach(function (excerpt) {
      var source = excerpt.querySelector(".excerpt-source");
      var button = copyButton("excerpt", "复制本版本", excerpt.dataset.speechTitle || "");
      if (source) { source.appendChild(document.createTextNode(" ")); source.appendChild(button); }
      else excerpt.insertBefore(button, excerpt.firstChild);
    });
  }

  /** Level of a spoken line: h1 (一、 heading), h2 (（一） heading), salutation or p. */
  function kind(node, text) {
    if (node.classList.contains("speech-heading")) {
      return LEVEL2.test(text) || node.tagName === "H3" ? "h2" : "h1";
    }
    return SALUTATION.test(text) ? "salutation" : "p";
  }

  /** The clean lines of a target: [{ text, kind }], and how many placeholders are left unfilled. */
  function collect(target) {
    var lines = [], open = 0;
    $$(".speech-text", target).forEach(function (node) {
      var c = node.cloneNode(true);
      $$(".note, .note-ref, .headerlink, button, .speech-tools", c).forEach(function (n) { n.remove(); });
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

  function plain(lines, indent) {
    return lines.map(function (l) { return (indent && l.kind !== "salutation" ? INDENT : "") + l.text; }).join("\n");
  }

  function rich(lines, indent) {
    var base = "margin:0;font-size:16pt;line-height:28pt;mso-line-height-rule:exactly;font-weight:normal;text-align:justify;";
    return '<meta charset="utf-8"><div style="font-family:' + FONT.p + ';font-size:16pt;line-height:28pt;">' +
      lines.map(function (l) {
        var indented = indent && l.kind !== "salutation";
        return '<p style="' + base + "font-family:" + (FONT[l.kind] || FONT.p) +
          (indented ? ";text-indent:32pt;mso-char-indent-count:2" : ";text-indent:0") + '">' + esc(l.text) + "</p>";
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

  function copy(button) {
    var what = LABELS[button.dataset.speechCopy], target = what && button.closest(what[1]);
    if (!target) return;
    var got = collect(target);
    writeClipboard(plain(got.lines, state.indent), rich(got.lines, state.indent)).then(function (ok) {
      announce(ok ? "已复制" + what[0] + (got.open ? "（还有 " + got.open + " 处占位符未填写）" : "")
        : "复制失败：请选中文字后按 Ctrl+C 复制");
    });
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
    statusTimer = setTimeout(function () { node.classList.remove("is-visible"); node.textContent = ""; }, 6000);
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

  function inputFor(ph) {
    var scope = fillScope();
    return scope && $$("[data-ph-input]", scope).filter(function (i) { return i.dataset.phInput === ph.dataset.ph; })[0];
  }

  function goToInput(ph) {
    var input = inputFor(ph);
    if (!input) return;
    hideTip();
    input.scrollIntoView({ block: "center" });
    input.focus({ preventScroll: true });
  }

  /* ---- page set-up (once per page) and global listeners (once) ---- */

  function setup() {
    var root = content();
    if (root.hasAttribute("data-speech-ready")) return;
    root.setAttribute("data-speech-ready", "");
    state = load();
    status();
    var list = names(root), sample = {}, hints = {};
    $$(".ph[data-ph]", root).forEach(function (ph) { if (!sample[ph.dataset.ph]) sample[ph.dataset.ph] = ph; });
    var mount = root.querySelector("[data-fill-panel]");
    if (mount && list.length) {
      buildPanel(mount, list, sample);
      $$("[data-ph-input]", mount).forEach(function (input) { hints[input.dataset.phInput] = input.getAttribute("aria-describedby"); });
    } else {
      // no panel: hidden descriptions give the slots an accessible description all the same
      var holder = el("div", { hidden: "" });
      list.forEach(function (name) {
        hints[name] = "ph-desc-" + (++uid);
        holder.appendChild(el("span", { id: hints[name] }, hintText(sample[name])));
      });
      root.appendChild(holder);
    }
    var canFill = !!(mount && list.length);
    $$(".ph[data-ph]", root).forEach(function (ph) {
      ph.tabIndex = 0;
      ph.setAttribute("aria-describedby", hints[ph.dataset.ph]);
      if (canFill) ph.setAttribute("role", "button");
    });
    $$(".speech-text.speech-heading", root).forEach(function (h) {
      h.classList.toggle("speech-heading--2", kind(h, h.textContent.trim()) === "h2");
    });
    $$(".speech-text:not(.speech-heading)", root).forEach(function (p) {
      p.classList.toggle("speech-salutation", SALUTATION.test(p.textContent.trim()));
    });
    if (root.querySelector(".speech")) root.classList.add("speech-page");
    addButtons(root);
    refresh();
  }

  function onInput(e) {
    var name = e.target.dataset && e.target.dataset.phInput;
    if (name == null || e.isComposing) return; // IME: wait for the characters, not the pinyin
    if (e.target.value) state.values[name] = e.target.value; else delete state.values[name];
    save();
    refresh();
  }
  document.addEventListener("input", onInput);
  document.addEventListener("compositionend", onInput);

  document.addEventListener("change", function (e) {
    if (!e.target.hasAttribute || !e.target.hasAttribute("data-speech-indent")) return;
    state.indent = e.target.checked;
    save();
    refresh();
  });

  document.addEventListener("click", function (e) {
    var t = e.target.closest ? e.target : e.target.parentNode;
    var button = t.closest("[data-speech-copy]");
    if (button) return copy(button);
    if (t.closest("[data-speech-clear]")) {
      var count = Object.keys(state.values).length;
      if (!count) return announce("还没有填写任何信息");
      if (!window.confirm("确定清空已填写的 " + count + " 项信息吗？所有模板页面中的填写内容都会被清除，不能恢复。")) return;
      state.values = {};
      save();
      $$("[data-ph-input]").forEach(function (i) { i.value = ""; });
      refresh();
      return announce("已清空填写的信息");
    }
    var ph = t.closest(".ph[role=button]");
    if (ph) goToInput(ph);
  });

  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") return hideTip();
    var ph = e.target.closest && e.target.closest(".ph[role=button]");
    if (ph && (e.key === "Enter" || e.key === " ")) { e.preventDefault(); goToInput(ph); }
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
