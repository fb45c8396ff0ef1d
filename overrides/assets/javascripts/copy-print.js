/**
 * copy-print.js: 复制全文 / 本节 / 本版本, the line kinds print uses; the clicks on 打印大字版 and the Word
 * downloads, which lazy parts answer (kit.lazy).
 * A copy is the .speech-text lines, values in, unfilled names as 【名称】, notes and buttons left out;
 * with 段首空两格 every line but the head and a salutation (同志们：) starts with two U+3000 (GB/T 9704).
 */
speechKit.part("copy-print", function (kit) {
  "use strict";
  var $$ = kit.$$, el = kit.el;
  var INDENT = "\u3000\u3000";
  var FONT = {
    p: "仿宋_GB2312,FangSong_GB2312,仿宋,FangSong,STFangsong,serif",
    h1: "黑体,SimHei,STHeiti,sans-serif",
    h2: "楷体_GB2312,KaiTi_GB2312,楷体,KaiTi,STKaiti,serif",
    title: "方正小标宋简体,FZXiaoBiaoSong-B05S,华文中宋,STZhongsong,宋体,SimSun,serif"
  };
  FONT.head = FONT.h2;
  var LEVEL2 = /^（[一二三四五六七八九十]+）/;
  var SALUTATION = /^(?:[^，。；！？：]{1,16}|[^。；！？：]{1,60}同志们?)：$/; // as SALUTATION in speechkit/base/text.py
  var LABELS = { all: ["全文", ".speech"], section: ["本节", ".speech-section"], excerpt: ["本版本", ".speech-excerpt"] };

  function copyButton(kind, label, what) {
    return kit.button({ "class": "speech-button speech-copy", "data-speech-copy": kind, "aria-label": label + "：" + what }, label);
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
      var bar = speech.querySelector(".speech-tools");
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
        var v = kit.value(ph.dataset.ph);
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

  function copy(b) {
    var what = LABELS[b.dataset.speechCopy], target = what && b.closest(what[1]);
    if (!target) return;
    var got = collect(target), indent = kit.indent();
    writeClipboard(plain(got.lines, indent), rich(got.lines, indent)).then(function (ok) {
      kit.announce(ok ? "已复制" + what[0] + (got.open ? "（还有 " + got.open + " 处占位符未填写）" : "")
        : "复制失败：请选中文字后按 Ctrl+C 复制");
    });
  }

  /** print-large.js or word-download.js, loaded on the first click, does kit.lazy[part](node). */
  function later(part, node) {
    kit.require(part).then(function () { kit.lazy[part](node); }, function () { kit.announce("没能加载这项功能：请刷新页面再试"); });
  }

  kit.collect = collect;

  document.addEventListener("click", function (e) {
    var t = e.target.closest && e.target.closest("a[data-speech-docx], button");
    if (!t) return;
    if (t.dataset.speechCopy) return copy(t);
    if (t.hasAttribute("data-speech-print-large")) return later("print-large", t);
    // 下载 Word: at 区 over http(s) the file as linked; under file:// Chromium would ignore its download name
    if (t.matches("a") ? location.protocol === "file:" || kit.levelWord && kit.levelWord() : t.matches("[data-speech-docx-filled],[data-speech-docx-large]")) {
      e.preventDefault();
      later("word-download", t);
    }
  });

  return function setup(page) {
    $$(".speech-text.speech-heading", page.root).forEach(function (h) {
      h.classList.toggle("speech-heading--2", kind(h, h.textContent.trim()) === "h2");
    });
    $$(".speech-text:not(.speech-heading):not([data-head])", page.root).forEach(function (p) {
      p.classList.toggle("speech-salutation", SALUTATION.test(p.textContent.trim()));
    });
    if (page.slug) page.root.classList.add("speech-page");
    addButtons(page.root);
  };
});
