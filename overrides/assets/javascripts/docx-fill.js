/**
 * docx-fill.js: 下载已填写的 Word (and 下载 Word at another level). Loaded by word-download.js only when a download is asked for, after the
 * zip library (assets/vendor/fflate.js, MIT, from npm by `make vendor`).
 *
 * Takes the template's .docx that the build made (scripts/speechkit/docx_export.py) and applies the
 * page's values, in the browser, with no server:
 *   - a run whose text is exactly 【名称】 gets the value of 名称 and loses its yellow highlight;
 *   - a head line of one's own (a title, a 讲话人 in place of its default) becomes the one run of that
 *     line's paragraph (the head: the first paragraphs, styled SpeechTitle and SpeechHead);
 *   - the level chosen on the page (区/县/市/旗): each run styled LevelWord gets its word (applyLevel),
 *     in the blank download too.
 * Values go in as DOM text and are serialised by XMLSerializer, so they are XML-escaped.
 *
 * Where the .docx comes from: fetch() over http(s); under file://, where Chromium refuses fetch() of
 * local files, the same bytes from downloads/<slug>.docx.js, a script the build writes beside it.
 */
(function () {
  "use strict";
  var W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
  var XML_NS = "http://www.w3.org/XML/1998/namespace";
  var PLACEHOLDER = /^【([^【】]+)】$/;
  var DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n';

  function fromScript(url, slug) {
    var have = window.__speechDocx && window.__speechDocx[slug];
    if (have) return Promise.resolve(have);
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = url + ".js";
      s.onload = function () { return window.__speechDocx && window.__speechDocx[slug] ? resolve(window.__speechDocx[slug]) : reject(new Error(s.src)); };
      s.onerror = function () { reject(new Error(s.src)); };
      document.head.appendChild(s);
    }).then(function (base64) {
      var text = atob(base64), bytes = new Uint8Array(text.length);
      for (var i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
      return bytes;
    });
  }

  function template(url, slug) {
    if (location.protocol === "file:") return fromScript(url, slug);
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

  function styleOf(node, tag) {
    var props = node.getElementsByTagNameNS(W, tag)[0];
    return props ? props.getAttributeNS(W, "val") : "";
  }

  /** The head's paragraphs, in order: the SpeechTitle one and the SpeechHead ones after it. */
  function headParagraphs(doc) {
    return Array.prototype.filter.call(doc.getElementsByTagNameNS(W, "p"), function (p) {
      return /^Speech(Title|Head)$/.test(styleOf(p, "pStyle"));
    });
  }

  /** The one place the level is put in: every LevelWord run gets levelWord(its text as written at 区). */
  function applyLevel(doc, levelWord) {
    if (!levelWord) return;
    Array.prototype.forEach.call(doc.getElementsByTagNameNS(W, "r"), function (run) {
      if (styleOf(run, "rStyle") !== "LevelWord") return;
      var t = run.getElementsByTagNameNS(W, "t")[0];
      if (t) setText(t, levelWord(t.textContent));
    });
  }

  /** Apply values to word/document.xml; returns how many placeholders are still unfilled. */
  function fillDocument(doc, values, own, levelWord) {
    var heads = headParagraphs(doc);
    Object.keys(own || {}).forEach(function (index) {
      var paragraph = heads[index], runs = paragraph ? paragraph.getElementsByTagNameNS(W, "r") : [];
      while (runs.length > 1) paragraph.removeChild(runs[runs.length - 1]);
      if (!runs.length) return;
      var props = runs[0].getElementsByTagNameNS(W, "rStyle")[0]; // the line's own text is no level word
      if (props) props.parentNode.removeChild(props);
      setText(runs[0].getElementsByTagNameNS(W, "t")[0], own[index]);
      unhighlight(runs[0]);
    });
    applyLevel(doc, levelWord);
    var open = 0;
    Array.prototype.forEach.call(doc.getElementsByTagNameNS(W, "t"), function (t) {
      var m = PLACEHOLDER.exec(t.textContent);
      if (!m) return;
      if (!values[m[1]]) { open++; return; }
      setText(t, values[m[1]]);
      unhighlight(t.parentNode);
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

  /** The filled .docx bytes and the number of placeholders left unfilled; `own` and `levelWord` as in download(). */
  function fill(bytes, values, title, own, levelWord) {
    var fflate = window.fflate, files = fflate.unzipSync(bytes);
    var doc = new DOMParser().parseFromString(fflate.strFromU8(files["word/document.xml"]), "application/xml");
    if (doc.getElementsByTagName("parsererror").length) throw new Error("word/document.xml");
    var open = fillDocument(doc, values, own, levelWord);
    files["word/document.xml"] = fflate.strToU8(serialise(doc));
    if (files["docProps/core.xml"]) files["docProps/core.xml"] = fflate.strToU8(setCoreTitle(fflate.strFromU8(files["docProps/core.xml"]), title));
    return { bytes: fflate.zipSync(files, { level: 6 }), open: open };
  }

  function fileName(title) {
    return (title.replace(/[\\\/:*?"<>|\u0000-\u001f]+/g, "").trim() || "讲话稿") + ".docx";
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
    /** options: { url, slug, values: { 名称: 值 }, own: { head line index: text }, title, levelWord: function
     *  (word at 区) → word at the chosen level, or null at 区; fileName (default: the title) }; resolves to
     *  { open, ms } once the file is saved. */
    download: function (options) {
      var started = performance.now();
      return template(options.url, options.slug).then(function (bytes) {
        var result = fill(bytes, options.values, options.title, options.own, options.levelWord);
        save(result.bytes, options.fileName || fileName(options.title));
        return { open: result.open, ms: performance.now() - started };
      });
    }
  };
})();
