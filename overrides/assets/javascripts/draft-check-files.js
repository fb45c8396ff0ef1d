/**
 * draft-check-files.js: open a draft on the 检查讲话稿 page, in the browser (loaded by
 * draft-check-page.js on the first 打开文件). The text comes out as the importer reads it
 * (scripts/speechkit/importer/decode.py), so the page and `make lint` check the same lines:
 *   .txt/.md: UTF-8 (with or without BOM), UTF-16 by its BOM, else GB18030 if that reads as Chinese;
 *   .docx: word/document.xml, one line per paragraph (w:tab a space, w:br a line break).
 * A .docx is unzipped as a stream with the zip library (vendor/fflate.js, loaded for it) and
 * refused once its body passes the limit, however small the archive says it is (a zip bomb).
 * Limits and messages: window.draftCheckRules (data/import.yml limits, data/draft_check.yml files).
 */
(function () {
  "use strict";
  var W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
  var CHUNK = 8192; // compressed bytes pushed at a time: each step inflates to a bounded size

  function fail(rules, key, values) {
    return new Error(rules.files[key].replace(/\{([a-z_]+)\}/g, function (_, k) { return String(values[k]); }));
  }

  function thousands(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ","); }

  function garbled(text) { // decode.py _looks_garbled
    var all = 0, common = 0;
    for (var ch of text) {
      all++;
      var c = ch.codePointAt(0);
      if ((c >= 0x4e00 && c <= 0x9fff) || c < 0x80 || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xffef)) common++;
    }
    return all > 0 && common / all < 0.8;
  }

  function decodeText(bytes, name, rules) { // decode.py decode_bytes
    function decode(label, encoding) {
      try { return { text: new TextDecoder(label, { fatal: true }).decode(bytes), encoding: encoding }; }
      catch (e) { return null; }
    }
    var got;
    if (bytes[0] === 0xEF && bytes[1] === 0xBB && bytes[2] === 0xBF) got = decode("utf-8", "UTF-8");
    else if (bytes[0] === 0xFF && bytes[1] === 0xFE) got = decode("utf-16le", "UTF-16");
    else if (bytes[0] === 0xFE && bytes[1] === 0xFF) got = decode("utf-16be", "UTF-16");
    else {
      if (bytes.subarray(0, 4096).indexOf(0) >= 0) throw fail(rules, "binary", { name: name });
      got = decode("utf-8", "UTF-8") || decode("gb18030", "GB18030");
      if (got && got.encoding === "GB18030" && garbled(got.text)) got = null;
    }
    if (!got) throw fail(rules, "encoding", { name: name });
    return got;
  }

  /** word/document.xml of a .docx, inflated as a stream and cut off at `limit` bytes. */
  function documentXml(bytes, name, rules) {
    var fflate = window.fflate, limit = rules.limits.docxXmlBytes, chunks = [], total = 0, found = false, done = false, problem = null;
    var unzip = new fflate.Unzip(function (file) {
      if (file.name !== "word/document.xml" || found) return;
      found = true;
      file.ondata = function (err, data, final) {
        if (problem) return;
        if (err) { problem = "docx_broken"; return; }
        total += data.length;
        if (total > limit) { problem = "docx_too_big"; chunks = []; return; }
        chunks.push(data);
        if (final) done = true;
      };
      file.start();
    });
    unzip.register(fflate.UnzipInflate);
    try {
      for (var at = 0; at < bytes.length && !problem && !done; at += CHUNK) unzip.push(bytes.subarray(at, at + CHUNK), at + CHUNK >= bytes.length);
    } catch (e) {
      problem = problem || "docx_broken";
    }
    if (problem) throw fail(rules, problem, { name: name, limit: thousands(limit) });
    if (!found) throw fail(rules, "docx_no_body", { name: name });
    if (!done) throw fail(rules, "docx_broken", { name: name });
    var xml = new Uint8Array(total), offset = 0;
    chunks.forEach(function (c) { xml.set(c, offset); offset += c.length; });
    try { return new TextDecoder("utf-8", { fatal: true }).decode(xml); } catch (e) { throw fail(rules, "docx_broken", { name: name }); }
  }

  function docxText(bytes, name, rules) { // decode.py _docx_text
    if (!(bytes[0] === 0x50 && bytes[1] === 0x4B && bytes[2] === 3 && bytes[3] === 4)) throw fail(rules, "docx_broken", { name: name });
    var xml = documentXml(bytes, name, rules);
    if (xml.slice(0, 2048).indexOf("<!DOCTYPE") >= 0 || xml.indexOf("<!ENTITY") >= 0) throw fail(rules, "docx_declaration", { name: name });
    var doc = new DOMParser().parseFromString(xml, "application/xml");
    if (doc.getElementsByTagName("parsererror").length) throw fail(rules, "docx_broken", { name: name });
    var paragraphs = Array.prototype.map.call(doc.getElementsByTagNameNS(W, "p"), function (p) {
      var parts = [], walker = doc.createTreeWalker(p, NodeFilter.SHOW_ELEMENT);
      for (var node = p; node; node = walker.nextNode()) {
        if (node.namespaceURI !== W) continue;
        if (node.localName === "t" && node.textContent) parts.push(node.textContent);
        else if (node.localName === "tab") parts.push(" ");
        else if (node.localName === "br" || node.localName === "cr") parts.push("\n");
      }
      return parts.join("");
    });
    return paragraphs.join("\n");
  }

  function read(file, rules, loadZip) {
    var name = file.name, suffix = (name.match(/\.[^.]+$/) || [""])[0].toLowerCase();
    var docx = suffix === ".docx", text = [".txt", ".md", ".text"].indexOf(suffix) >= 0;
    if (!docx && !text) return Promise.reject(fail(rules, "not_supported", { name: name }));
    if (file.size > rules.limits.fileBytes) return Promise.reject(fail(rules, "too_big", { name: name, size: thousands(file.size), limit: thousands(rules.limits.fileBytes) }));
    return Promise.all([file.arrayBuffer(), docx ? loadZip() : null]).catch(function () {
      throw fail(rules, "read_failed", { name: name });
    }).then(function (got) {
      var bytes = new Uint8Array(got[0]);
      var out = docx ? { text: docxText(bytes, name, rules), encoding: "Word 文档（.docx）" } : decodeText(bytes, name, rules);
      out.message = rules.files.opened.replace("{name}", name).replace("{encoding}", out.encoding);
      return out;
    });
  }

  window.draftCheckFiles = { read: read };
})();
