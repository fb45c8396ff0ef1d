/**
 * copy-print.js: the 复制全文 / 本节 / 本版本 buttons, the line kinds print uses, and the clicks on copy,
 * 打印大字版 and the Word downloads, which lazy parts answer (kit.lazy[part](node), loaded on first use):
 * copy-text.js (what a copy holds; fetched already when a copy button is pointed at or focused),
 * print-large.js, word-download.js.
 */
speechKit.part("copy-print", function (kit) {
  "use strict";
  var $$ = kit.$$, el = kit.el;
  var LEVEL2 = /^（[一二三四五六七八九十]+）/;
  var SALUTATION = /^(?:[^，。；！？：]{1,16}|[^。；！？：]{1,60}同志们?)：$/; // as SALUTATION in speechkit/base/text.py

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
  var kind = kit.lineKind = function (node, text) {
    if (node.dataset.head) return node.parentNode.firstElementChild === node ? "title" : "head";
    if (node.classList.contains("speech-heading")) return LEVEL2.test(text) || node.tagName === "H3" ? "h2" : "h1";
    return SALUTATION.test(text) ? "salutation" : "p";
  };

  /** A lazy part (copy-text, print-large, word-download), loaded on first use, does kit.lazy[part](node). */
  function later(part, node) {
    kit.require(part).then(function () { kit.lazy[part](node); }, function () { kit.announce("没能加载这项功能：请刷新页面再试"); });
  }
  // the copy comes before the first click: a clipboard write must follow the click closely
  ["pointerover", "focusin"].forEach(function (type) {
    document.addEventListener(type, function (e) {
      if (e.target.closest && e.target.closest("button[data-speech-copy]")) kit.require("copy-text").catch(function () {});
    });
  });

  /** A level other than 区 is stored (level-switch.js may not have loaded yet to say so). */
  function levelStored() {
    var group = kit.page().root.querySelector("[data-level-name]"), value = group && kit.value(group.dataset.levelName);
    return !!value && value !== group.querySelector("[data-level]").dataset.level;
  }

  document.addEventListener("click", function (e) {
    var t = e.target.closest && e.target.closest("a[data-speech-docx], button");
    if (!t) return;
    if (t.dataset.speechCopy) return later("copy-text", t);
    if (t.hasAttribute("data-speech-print-large")) return later("print-large", t);
    // 下载 Word: at 区 over http(s) the file as linked (a stored level counts before its code is loaded); under file:// Chromium would ignore its download name
    if (t.matches("a") ? location.protocol === "file:" || kit.levelWord && kit.levelWord() || levelStored() : t.matches("[data-speech-docx-filled],[data-speech-docx-large]")) {
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
