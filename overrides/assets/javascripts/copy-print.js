/**
 * copy-print.js: the 复制全文 / 本节 / 本版本 buttons, the line kinds print uses, 打印大字版, and the Word
 * downloads of a template page (下载已填写的 Word, 下载大字版 Word; 下载 Word under file://).
 * What a copy or a filled Word holds is copy-text.js, loaded on the way to the first click: the
 * .speech-text lines, values in, unfilled names as 【名称】, notes and buttons left out; with 段首空两格
 * every line but the head and a salutation (同志们：) starts with two U+3000 (GB/T 9704).
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
  var kind = kit.lineKind = function (node, text) {
    if (node.dataset.head) return node.parentNode.firstElementChild === node ? "title" : "head";
    if (node.classList.contains("speech-heading")) return LEVEL2.test(text) || node.tagName === "H3" ? "h2" : "h1";
    return SALUTATION.test(text) ? "salutation" : "p";
  };

  /** The copy itself (copy-text.js) comes when a copy button is first pointed at or focused. */
  function copier() {
    return kit.require("copy-text").then(function () { return kit.copyText; });
  }
  function isCopy(t) {
    return t.closest && t.closest("button[data-speech-copy], button[data-speech-docx-filled], button[data-speech-docx-large]");
  }
  ["pointerover", "focusin"].forEach(function (type) {
    document.addEventListener(type, function (e) { if (isCopy(e.target)) copier().catch(function () {}); });
  });

  /** 下载 Word under file://: Chromium ignores a local link's download name and would save <slug>.docx. */
  function saveBlank(a, e) {
    if (location.protocol !== "file:") return; // the link's own download name works
    e.preventDefault();
    kit.wordKit().then(function (word) { return word.saveAs(a.href, a.getAttribute("download")); })
      .catch(function () { location.href = a.href; });
  }

  /** 打印大字版: the print in data/gongwen.yml's large layout (print-large.css), for this one print. */
  function printLarge() {
    var root = document.documentElement;
    root.setAttribute("data-print", "large");
    window.addEventListener("afterprint", function done() {
      root.removeAttribute("data-print");
      window.removeEventListener("afterprint", done);
    });
    window.print();
  }

  /** Where a Word download starts from: the template's .docx, or its 大字版 (`large`). */
  function wordSource(b) {
    if (b.dataset.speechDocxLarge) return { href: new URL(b.dataset.speechDocxLarge, location.href).href, large: true };
    var link = b.closest(".speech") && b.closest(".speech").querySelector("a[data-speech-docx]");
    return { href: link && link.href, large: false };
  }

  document.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest("a[data-speech-docx]");
    if (a) return saveBlank(a, e);
    if (e.target.closest && e.target.closest("button[data-speech-print-large]")) return printLarge();
    var b = isCopy(e.target);
    if (!b) return;
    copier().then(function (c) {
      if (b.dataset.speechCopy) return c.copy(b);
      var from = wordSource(b);
      c.downloadFilled(b, from.href, from.large);
    }, function () { kit.announce("没能加载复制功能：请刷新页面再试"); });
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
