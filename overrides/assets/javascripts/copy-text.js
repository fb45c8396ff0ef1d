/**
 * copy-text.js: what 复制全文 / 本节 / 本版本 put on the clipboard (text and 公文-styled HTML, 段首空两格),
 * and the clean lines of a speech (kit.collect, which word-download.js reads too). Loaded by
 * copy-print.js when a copy button is first pointed at, focused or clicked, not with the page.
 */
speechKit.part("copy-text", function (kit) {
  "use strict";
  var $$ = kit.$$, el = kit.el, kind = kit.lineKind;
  var INDENT = "\u3000\u3000";
  var FONT = {
    p: "仿宋_GB2312,FangSong_GB2312,仿宋,FangSong,STFangsong,serif",
    h1: "黑体,SimHei,STHeiti,sans-serif",
    h2: "楷体_GB2312,KaiTi_GB2312,楷体,KaiTi,STKaiti,serif",
    title: "方正小标宋简体,FZXiaoBiaoSong-B05S,华文中宋,STZhongsong,宋体,SimSun,serif"
  };
  FONT.head = FONT.h2;
  var LABELS = { all: ["全文", ".speech"], section: ["本节", ".speech-section"], excerpt: ["本版本", ".speech-excerpt"] };

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

  kit.collect = collect;
  (kit.lazy = kit.lazy || {})["copy-text"] = copy;
});
