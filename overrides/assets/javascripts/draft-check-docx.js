/**
 * draft-check-docx.js: 下载 Word on the 检查讲话稿 page (loaded by draft-check-page.js on the first
 * click, after the zip library vendor/fflate.js). The draft is set in the blank document the build
 * made (downloads/draft_check.docx, scripts/speechkit/outputs/docx_export.py draft_docx): the layout,
 * styles and fonts of every template's Word file, and one sample paragraph of each kind. Each line
 * becomes a copy of its kind's sample with the line as its text, as DOM text (XML-escaped by the
 * serialiser); the samples are then removed. Nothing is sent anywhere: the file is made here.
 *
 * Where the blank document comes from: fetch() over http(s); under file://, where Chromium refuses
 * fetch() of local files, the same bytes from downloads/draft_check.docx.js.
 */
(function () {
  "use strict";
  var W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
  var XML_NS = "http://www.w3.org/XML/1998/namespace";
  var DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n';
  var KEY = "draft_check";
  var SENTENCE_END = /[。！？；]/;

  function blank(root) {
    var url = root + "downloads/draft_check.docx";
    if (location.protocol !== "file:") {
      return fetch(url).then(function (r) {
        if (!r.ok) throw new Error(url + ": " + r.status);
        return r.arrayBuffer();
      }).then(function (b) { return new Uint8Array(b); });
    }
    var have = window.__speechDocx && window.__speechDocx[KEY];
    return (have ? Promise.resolve(have) : new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = url + ".js";
      s.onload = function () { return window.__speechDocx && window.__speechDocx[KEY] ? resolve(window.__speechDocx[KEY]) : reject(new Error(s.src)); };
      s.onerror = function () { reject(new Error(s.src)); };
      document.head.appendChild(s);
    })).then(function (base64) {
      var text = atob(base64), bytes = new Uint8Array(text.length);
      for (var i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
      return bytes;
    });
  }

  /** [kind, text, lead] for each paragraph: the title and head lines, then the speech (blank lines dropped). */
  function layout(lines, engine, word) {
    var salutation = new RegExp(word.salutation, "u"), leadIn = new RegExp(word.leadIn, "u");
    var texts = lines.map(function (l) { return l.trim(); }).filter(Boolean), out = [], i = 0;
    function plain(t, max) { return !engine.marker(t) && !salutation.test(t) && !SENTENCE_END.test(t) && Array.from(t).length <= max; }
    if (texts.length > 1 && plain(texts[0], 40)) {
      out.push(["title", texts[i++]]);
      while (i < texts.length && i < 3 && plain(texts[i], 30)) out.push(["head", texts[i++]]);
      out.push(["body", ""]);
    }
    for (; i < texts.length; i++) {
      var t = texts[i], m = engine.marker(t), short = Array.from(t).length <= 40 && !SENTENCE_END.test(t.slice(0, -1));
      if (salutation.test(t)) out.push(["salutation", t]);
      else if (m && m.level === 1 && short) out.push(["heading1", t]);
      else if (m && m.level === 2 && short) out.push(["heading2", t]);
      else if (m && m.level === 2 && leadIn.test(t)) { var lead = t.match(leadIn)[0]; out.push(["body", t.slice(lead.length), lead]); }
      else out.push(["body", t]);
    }
    return out;
  }

  function setRun(run, text) {
    var t = run.getElementsByTagNameNS(W, "t")[0];
    t.textContent = text;
    t.setAttributeNS(XML_NS, "xml:space", "preserve");
  }

  function serialise(doc) {
    var xml = new XMLSerializer().serializeToString(doc);
    return /^<\?xml/.test(xml) ? xml : DECLARATION + xml;
  }

  function fileName(title) {
    return (title.replace(/[\\\/:*?"<>|\u0000-\u001f]+/g, "").trim() || "讲话稿") + ".docx";
  }

  function build(bytes, lines, engine, word) {
    var fflate = window.fflate, files = fflate.unzipSync(bytes);
    var doc = new DOMParser().parseFromString(fflate.strFromU8(files["word/document.xml"]), "application/xml");
    var body = doc.getElementsByTagNameNS(W, "body")[0], samples = {};
    var paragraphs = Array.prototype.filter.call(body.childNodes, function (n) { return n.namespaceURI === W && n.localName === "p"; });
    word.samples.forEach(function (kind, i) { samples[kind] = paragraphs[i]; });
    var end = body.getElementsByTagNameNS(W, "sectPr")[0];
    var parts = layout(lines, engine, word);
    parts.forEach(function (part) {
      var p = samples[part[0]].cloneNode(true), run = p.getElementsByTagNameNS(W, "r")[0];
      if (part[1]) setRun(run, part[1]); else p.removeChild(run);
      if (part[2]) {
        var lead = samples.heading2.getElementsByTagNameNS(W, "r")[0].cloneNode(true);
        setRun(lead, part[2]);
        p.insertBefore(lead, run.parentNode === p ? run : null);
      }
      body.insertBefore(p, end);
    });
    word.samples.forEach(function (kind) { body.removeChild(samples[kind]); });
    files["word/document.xml"] = fflate.strToU8(serialise(doc));
    var title = parts.length && parts[0][0] === "title" ? parts[0][1] : "";
    if (title && files["docProps/core.xml"]) {
      var core = new DOMParser().parseFromString(fflate.strFromU8(files["docProps/core.xml"]), "application/xml");
      var node = core.getElementsByTagNameNS("http://purl.org/dc/elements/1.1/", "title")[0];
      if (node) { node.textContent = title; files["docProps/core.xml"] = fflate.strToU8(serialise(core)); }
    }
    return { bytes: fflate.zipSync(files, { level: 6 }), name: fileName(title) };
  }

  function save(bytes, name) {
    var a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([bytes], { type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" }));
    a.download = name;
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 10000);
  }

  window.draftCheckDocx = {
    build: build,
    /** Resolves to the file name once the browser has the file to save. */
    download: function (lines, engine, rules, assets) {
      return blank(assets + "../").then(function (bytes) {
        var made = build(bytes, lines, engine, rules.word);
        save(made.bytes, made.name);
        return made.name;
      });
    }
  };
})();
