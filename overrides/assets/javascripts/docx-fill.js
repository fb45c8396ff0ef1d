/**
 * docx-fill.js: the Word downloads filled in the browser. Loaded by word-download.js (kit.wordKit) only when a
 * download is asked for, after the zip library (assets/vendor/fflate.js, MIT, from npm by `make vendor`).
 *
 * Takes a .docx the build made (scripts/speechkit/outputs/docx_export.py: a template in GB/T 9704 or
 * 大字版 layout, or a whole meeting) and applies the values, with no server. The file is one or more
 * parts, each starting at a paragraph styled SpeechTitle (one per speech), each filled with its own values:
 *   - a run whose text is exactly 【名称】 gets the value of 名称 and loses its yellow highlight;
 *   - a head line of one's own (a title, a 讲话人 in place of its default) becomes the one run of that
 *     line's paragraph (a part's head: its SpeechTitle paragraph and the SpeechHead ones after it, named
 *     in order by `head`);
 *   - the level chosen on the page (区/县/市/旗): each run styled LevelWord gets its word (fillText), in
 *     the blank download, the 大字版 and the meeting's file too.
 * Values go in as DOM text and are serialised by XMLSerializer, so they are XML-escaped; characters XML
 * cannot hold are taken out first, in one place (xmlSafe), so the file always opens.
 *
 * Where the .docx comes from: fetch() over http(s); under file://, where Chromium refuses fetch() of
 * local files, the same bytes from <file>.docx.js, a script the build writes beside it that registers
 * them under the file's name without .docx (downloads.py, docx_key).
 */
(function () {
  "use strict";
  var W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
  var XML_NS = "http://www.w3.org/XML/1998/namespace";
  var PLACEHOLDER = /^【([^【】]+)】$/;
  var DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n';
  var TITLE_STYLE = "SpeechTitle", HEAD_STYLE = "SpeechHead", LEVEL_STYLE = "LevelWord";
  // What XML 1.0 cannot hold (C0 controls other than tab and line breaks, U+FFFE, U+FFFF, a surrogate
  // without its pair) and C1 controls, which no value needs: a typed, pasted or imported value with them
  // would make document.xml or core.xml unreadable, and Word would refuse the whole file.
  var NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

  /** A value as it may be written into the file: one line, nothing XML refuses. */
  function xmlSafe(value) {
    return String(value == null ? "" : value).replace(/[\t\n\r]+/g, " ").replace(NOT_XML, "");
  }

  function safeValues(values) {
    var out = {};
    Object.keys(values || {}).forEach(function (name) {
      var v = xmlSafe(values[name]).trim();
      if (v) out[name] = v;
    });
    return out;
  }

  function keyOf(url) {
    return decodeURIComponent(url.split(/[?#]/)[0].split("/").pop()).replace(/\.docx$/, "");
  }

  function fromScript(url) {
    var key = keyOf(url), have = window.__speechDocx && window.__speechDocx[key];
    return (have ? Promise.resolve(have) : new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = url + ".js";
      s.onload = function () { return window.__speechDocx && window.__speechDocx[key] ? resolve(window.__speechDocx[key]) : reject(new Error(s.src)); };
      s.onerror = function () { reject(new Error(s.src)); };
      document.head.appendChild(s);
    })).then(function (base64) {
      var text = atob(base64), bytes = new Uint8Array(text.length);
      for (var i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
      return bytes;
    });
  }

  function template(url) {
    if (location.protocol === "file:") return fromScript(url);
    return fetch(url).then(function (r) {
      if (!r.ok) throw new Error(url + ": " + r.status);
      return r.arrayBuffer();
    }).then(function (buffer) { return new Uint8Array(buffer); });
  }

  function unhighlight(run) {
    var props = run && run.getElementsByTagNameNS(W, "rPr")[0];
    var mark = props && props.getElementsByTagNameNS(W, "highlight")[0];
    if (mark) mark.parentNode.removeChild(mark);
  }

  function setText(t, text) {
    t.textContent = text;
    t.setAttributeNS(XML_NS, "xml:space", "preserve");
  }

  /** The style of a paragraph (pStyle) or a run (rStyle). */
  function styleOf(node, tag) {
    var style = node.getElementsByTagNameNS(W, tag)[0];
    return style ? style.getAttributeNS(W, "val") : "";
  }

  /** A head line of one's own replaces the default line's runs; it is no level word. */
  function ownLine(paragraph, text) {
    var runs = paragraph.getElementsByTagNameNS(W, "r");
    while (runs.length > 1) paragraph.removeChild(runs[runs.length - 1]);
    if (!runs.length) return;
    var style = runs[0].getElementsByTagNameNS(W, "rStyle")[0];
    if (style) style.parentNode.removeChild(style);
    setText(runs[0].getElementsByTagNameNS(W, "t")[0], text);
    unhighlight(runs[0]);
  }

  /**
   * One run's text: the one place where the text of the file is rewritten. A LevelWord run gets
   * levelWord(its word at 区) (none at 区); a 【名称】 run its value. Returns 1 if it stays unfilled.
   */
  function fillText(t, values, levelWord) {
    if (styleOf(t.parentNode, "rStyle") === LEVEL_STYLE) {
      if (levelWord) setText(t, levelWord(t.textContent));
      return 0;
    }
    var m = PLACEHOLDER.exec(t.textContent);
    if (!m) return 0;
    if (!values[m[1]]) return 1;
    setText(t, values[m[1]]);
    unhighlight(t.parentNode);
    return 0;
  }

  /**
   * Apply each part's values to word/document.xml; returns how many placeholders are still unfilled.
   * `head`: the head's names in order (讲话标题, 讲话人, 日期): a line whose default is not just its own
   * 【名称】 is replaced by a value typed for that name.
   */
  function fillDocument(doc, parts, head, levelWord) {
    var open = 0, part = -1, line = -1;
    Array.prototype.forEach.call(doc.getElementsByTagNameNS(W, "p"), function (paragraph) {
      var style = styleOf(paragraph, "pStyle");
      if (style === TITLE_STYLE) part = Math.min(part + 1, parts.length - 1);
      line = style === TITLE_STYLE ? 0 : style === HEAD_STYLE && line >= 0 ? line + 1 : -1;
      var values = parts[Math.max(part, 0)].values, texts = paragraph.getElementsByTagNameNS(W, "t"), name = line >= 0 && head[line];
      if (name && values[name] && !Array.prototype.some.call(texts, function (t) { return t.textContent === "【" + name + "】"; })) {
        return ownLine(paragraph, values[name]);
      }
      Array.prototype.forEach.call(texts, function (t) { open += fillText(t, values, levelWord); });
    });
    return open;
  }

  function serialise(doc) {
    var xml = new XMLSerializer().serializeToString(doc);
    return /^<\?xml/.test(xml) ? xml : DECLARATION + xml;
  }

  function setCoreTitle(xml, title) {
    var doc = new DOMParser().parseFromString(xml, "application/xml");
    var node = doc.getElementsByTagNameNS("http://purl.org/dc/elements/1.1/", "title")[0];
    if (!node || !title) return xml;
    node.textContent = title;
    return serialise(doc);
  }

  /**
   * The filled .docx bytes and the number of placeholders left unfilled. `parts`: [{ values: { 名称: 值 } }],
   * one per speech in the file, in order; `title`: the document's title (core.xml), if it is to change;
   * `head` and `levelWord` as in download().
   */
  function fill(bytes, parts, title, head, levelWord) {
    parts = (parts && parts.length ? parts : [{}]).map(function (p) { return { values: safeValues(p.values) }; });
    title = xmlSafe(title).trim();
    var fflate = window.fflate, files = fflate.unzipSync(bytes);
    var doc = new DOMParser().parseFromString(fflate.strFromU8(files["word/document.xml"]), "application/xml");
    if (doc.getElementsByTagName("parsererror").length) throw new Error("word/document.xml");
    var open = fillDocument(doc, parts, head || [], levelWord);
    files["word/document.xml"] = fflate.strToU8(serialise(doc));
    if (files["docProps/core.xml"]) files["docProps/core.xml"] = fflate.strToU8(setCoreTitle(fflate.strFromU8(files["docProps/core.xml"]), title));
    return { bytes: fflate.zipSync(files, { level: 6 }), open: open };
  }

  /** As speechkit's download_name: the title without what Windows refuses in a file name. */
  function fileName(title) {
    return (xmlSafe(title).replace(/[\\\/:*?"<>|\u0000-\u001f]+/g, "").trim() || "讲话稿") + ".docx";
  }

  function save(bytes, name) {
    var type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    var a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([bytes], { type: type }));
    a.download = name;
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 10000);
  }

  window.speechDocxFill = {
    fill: fill,
    /**
     * options: { url, values: { 名称: 值 } } for one speech, or { url, parts: [{ values }] } for a file of
     * several; title: the document's title, and the file's name unless `name` gives another; head: the
     * head's names in order; levelWord: function (word at 区) → word at the chosen level, or null at 区.
     * Resolves to { open, ms } once the file is saved.
     */
    download: function (options) {
      var started = performance.now();
      return template(options.url).then(function (bytes) {
        var result = fill(bytes, options.parts || [{ values: options.values }], options.title, options.head, options.levelWord);
        save(result.bytes, fileName(options.name || options.title));
        return { open: result.open, ms: performance.now() - started };
      });
    },
    /** The file as built, under `name` (下载 Word under file://, where Chromium ignores a link's download name). */
    saveAs: function (url, name) {
      return template(url).then(function (bytes) { save(bytes, name); });
    }
  };
})();
