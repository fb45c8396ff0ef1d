/**
 * draft-check-page.js: the 检查讲话稿 page (docs/check.md). Loaded only there (overrides/partials/
 * page-scripts.html, when the content carries [data-draft-check]); it loads the rules (draft-check-data.js, written by the
 * build) and the checker (draft-check-rules.js), then builds the page: the draft in a text box,
 * the findings beside it, 改 / 全部改 / 撤销, copy, 下载 Word, open a file, keep or clear the text.
 *
 * Nothing leaves the browser: no request is made with the text. It is kept (localStorage, key
 * xuncha-draft-check) only while “在本机保存” is ticked, never when it bears a 密级 marking, and
 * “清除” removes it. Every text from the draft or the rules reaches the page as textContent.
 * Opening a file loads draft-check-files.js (and the zip library for .docx); 下载 Word loads
 * draft-check-docx.js: both only when asked for.
 */
(function () {
  "use strict";
  var me = document.currentScript;
  var ASSETS = me ? me.src.replace(/javascripts\/[^\/]*$/, "") : "assets/";
  var STORE = "xuncha-draft-check";
  var UNDO_LIMIT = 50;
  var loaded = {};

  function loadScript(src) {
    if (!loaded[src]) {
      loaded[src] = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = src;
        s.async = false;
        s.onload = resolve;
        s.onerror = function () { delete loaded[src]; reject(new Error(src)); };
        document.head.appendChild(s);
      });
    }
    return loaded[src];
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text != null) node.textContent = text;
    return node;
  }

  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0");
  }

  function stored() {
    try { var saved = JSON.parse(localStorage.getItem(STORE) || "null"); return saved && typeof saved.text === "string" ? saved.text : null; }
    catch (e) { return null; }
  }

  function start(mount) {
    if (mount.dataset.draftCheckReady) return;
    mount.dataset.draftCheckReady = "1";
    var ready = window.draftCheckRules && window.draftCheck ? Promise.resolve() // instant navigation: already loaded
      : Promise.all([loadScript(ASSETS + "javascripts/draft-check-data.js"), loadScript(ASSETS + "javascripts/draft-check-rules.js")]);
    ready.then(function () {
      var engine = window.draftCheck.load(window.draftCheckRules);
      if (engine.broken) throw new Error("规则“" + engine.broken + "”在这个浏览器里无法使用");
      build(mount, engine, window.draftCheckRules);
    }).catch(function (e) {
      mount.textContent = "";
      mount.appendChild(el("p", { "class": "draft-check__error", role: "alert" }, "检查工具没有载入（" + e.message + "）。请刷新页面；仍不行时，请把这条信息报告给网站维护者。"));
    });
  }

  function build(mount, engine, rules) {
    var box = el("textarea", { id: "draft-text", "class": "draft-check__text", spellcheck: "false", "aria-describedby": "draft-status",
      placeholder: "把讲话稿粘贴到这里，或点“打开文件”" });
    var list = el("ol", { "class": "draft-check__list" });
    var status = el("p", { id: "draft-status", "class": "draft-check__status", role: "status", "aria-live": "polite" });
    var fileInput = el("input", { type: "file", accept: ".docx,.txt,.md,.text,text/plain", "class": "draft-check__file", "data-dc": "file" });
    var keep = el("input", { type: "checkbox", "data-dc": "keep" });
    function button(name, label) { return el("button", { type: "button", "class": "md-button draft-check__button", "data-dc": name }, label); }
    var buttons = { open: button("open", "打开文件"), fixAll: button("fix-all", "全部改"), undo: button("undo", "撤销"),
      copy: button("copy", "复制全文"), word: button("word", "下载 Word"), clear: button("clear", "清除") };
    var keepLabel = el("label", { "class": "draft-check__keep" });
    keepLabel.append(keep, " 在本机保存");
    var tools = el("div", { "class": "draft-check__tools", role: "toolbar", "aria-label": "检查讲话稿" });
    tools.append(buttons.open, fileInput, buttons.fixAll, buttons.undo, buttons.copy, buttons.word, keepLabel, buttons.clear);
    var findings = el("section", { "class": "draft-check__findings", "aria-label": "检查结果" });
    findings.append(el("h2", { "class": "draft-check__heading" }, "检查结果"), list);
    var editor = el("div", { "class": "draft-check__editor" });
    editor.append(el("label", { "for": "draft-text", "class": "draft-check__heading" }, "讲话稿"), box);
    var panes = el("div", { "class": "draft-check__panes" });
    panes.append(editor, findings);
    mount.textContent = "";
    mount.append(tools, status, panes);

    var undo = [], result = null, timer = null, classified = false;

    function say(text) { status.textContent = text; }

    function counts() {
      var problems = result.findings.filter(function (f) { return f.severity === "problem"; }).length;
      var hints = result.findings.length - problems;
      var safe = engine.safeFixes(result).length;
      buttons.fixAll.textContent = safe ? "全部改（" + safe + " 处）" : "全部改";
      buttons.fixAll.disabled = !safe;
      if (!result.findings.length) return "没有发现问题（共 " + result.lines.length + " 行）。";
      return "共 " + result.lines.length + " 行：" + rules.severities.problem + " " + problems + " 处" +
        (hints ? "，" + rules.severities.hint + " " + hints + " 处" : "") + (safe ? "；其中 " + safe + " 处可以直接改" : "") + "。";
    }

    function render() {
      list.textContent = "";
      if (result.refused) {
        buttons.fixAll.disabled = true;
        buttons.fixAll.textContent = "全部改";
        say(result.refused.message + " 改法：" + result.refused.fix);
        return;
      }
      result.findings.forEach(function (f, i) {
        var item = el("li", { "class": "draft-check__finding draft-check__finding--" + (f.kind === "classified" ? "classified" : f.severity),
          "data-line": f.line, "data-kind": f.kind, "data-severity": f.severity, "data-safe": f.safe });
        if (f.replacement !== null) item.setAttribute("data-replacement", f.replacement);
        var head = el("p", { "class": "draft-check__what" });
        var line = el("button", { type: "button", "class": "draft-check__line", "data-dc-goto": f.line, title: "在稿子里选中这一行" }, "第 " + f.line + " 行");
        head.append(line, " ");
        if (f.severity === "hint") head.append(el("span", { "class": "draft-check__tag" }, rules.severities.hint), " ");
        head.append(el("span", { "class": "draft-check__message" }, f.message));
        item.append(head);
        if (f.why) item.append(el("p", { "class": "draft-check__why" }, f.why));
        var fix = el("p", { "class": "draft-check__fix" }, "改法：" + f.fix + " ");
        if (f.replacement !== null) fix.append(el("button", { type: "button", "class": "draft-check__apply", "data-dc-fix": i }, "改"));
        item.append(fix);
        list.append(item);
      });
      say(counts());
    }

    function check() {
      clearTimeout(timer);
      var started = performance.now();
      result = engine.check(box.value, today());
      render();
      classified = result.findings.some(function (f) { return f.kind === "classified"; });
      if (classified && keep.checked) {
        keep.checked = false;
        localStorage.removeItem(STORE);
        say("稿子上有密级或“内部”标志：没有在本机保存，已保存的也已删去。" + status.textContent);
      } else if (keep.checked) {
        save();
      }
      buttons.undo.disabled = !undo.length;
      mount.dataset.checkedMs = String(Math.round(performance.now() - started));
      mount.dispatchEvent(new CustomEvent("draft-checked"));
    }

    function save() {
      try { localStorage.setItem(STORE, JSON.stringify({ v: 1, text: box.value })); }
      catch (e) { keep.checked = false; say("无法在本机保存（浏览器的存储空间已满或被禁用）；文字仍在页面上。"); }
    }

    function change(text, message) {
      undo.push(box.value);
      if (undo.length > UNDO_LIMIT) undo.shift();
      box.value = text;
      check();
      if (message) say(message + " " + status.textContent);
    }

    function goTo(line) {
      var parts = box.value.split(/(\r\n|[\r\n\u2028\u2029])/), offset = 0;
      for (var i = 0; i < (line - 1) * 2 && i < parts.length; i++) offset += parts[i].length;
      var text = parts[(line - 1) * 2] || "";
      box.focus();
      box.setSelectionRange(offset, offset + text.length);
      var before = box.value.slice(0, offset).split("\n").length - 1;
      box.scrollTop = Math.max(0, before * parseFloat(getComputedStyle(box).lineHeight || "24") - box.clientHeight / 3);
    }

    function plainText() { return result ? result.lines.join("\n") : box.value; }

    function copy() {
      var text = plainText();
      var html = "<meta charset=\"utf-8\">" + result.lines.filter(function (l) { return l.trim(); }).map(function (l) {
        var p = document.createElement("p");
        p.textContent = l.trim();
        p.setAttribute("style", "margin:0;font-family:仿宋_GB2312,仿宋,FangSong,serif;font-size:16pt;line-height:28pt;text-indent:2em");
        return p.outerHTML;
      }).join("");
      var done = function (ok) { say(ok ? "已复制全文，可以粘贴到 Word 或 WPS。" : "复制失败：请在文本框里按 Ctrl+A 全选，再按 Ctrl+C 复制。"); };
      if (navigator.clipboard && navigator.clipboard.write && window.ClipboardItem) {
        navigator.clipboard.write([new ClipboardItem({ "text/plain": new Blob([text], { type: "text/plain" }), "text/html": new Blob([html], { type: "text/html" }) })])
          .then(function () { done(true); }, function () { done(fallbackCopy(text)); });
      } else {
        done(fallbackCopy(text));
      }
    }

    function fallbackCopy(text) {
      box.focus();
      box.select();
      try { return document.execCommand("copy"); } catch (e) { return false; }
    }

    function word() {
      if (!box.value.trim()) { say("没有可以下载的文字。"); return; }
      buttons.word.disabled = true;
      say("正在生成 Word……");
      loadScript(ASSETS + "vendor/fflate.js").then(function () { return loadScript(ASSETS + "javascripts/draft-check-docx.js"); }).then(function () {
        return window.draftCheckDocx.download(result.lines, engine, rules, ASSETS);
      }).then(function (name) { say("已下载 Word：" + name); }, function (e) { say("生成 Word 失败（" + e.message + "）：请刷新页面再试，或用“复制全文”。"); })
        .then(function () { buttons.word.disabled = false; });
    }

    function open(file) {
      if (!file) return;
      say("正在读取“" + file.name + "”……");
      loadScript(ASSETS + "javascripts/draft-check-files.js").then(function () {
        return window.draftCheckFiles.read(file, rules, function () { return loadScript(ASSETS + "vendor/fflate.js"); });
      }).then(function (got) {
        change(got.text, got.message);
      }, function (e) {
        say(e.message);
      }).then(function () { fileInput.value = ""; });
    }

    tools.addEventListener("click", function (e) {
      var name = e.target.closest("[data-dc]") && e.target.closest("[data-dc]").dataset.dc;
      if (name === "open") fileInput.click();
      else if (name === "fix-all" && result && !result.refused) {
        var fixes = engine.safeFixes(result);
        if (fixes.length) change(engine.apply(result.lines, fixes), "已改 " + fixes.length + " 处（点“撤销”可以退回）。");
      } else if (name === "undo" && undo.length) {
        box.value = undo.pop();
        check();
        say("已撤销。 " + status.textContent);
      } else if (name === "copy") copy();
      else if (name === "word") word();
      else if (name === "clear") {
        localStorage.removeItem(STORE);
        keep.checked = false;
        if (box.value) change("", "已清除：文本框和本机保存的文字都已删去（点“撤销”可以找回文本框里的文字，本机不再保存）。");
        else say("已清除本机保存的文字。");
      }
    });
    list.addEventListener("click", function (e) {
      var target = e.target.closest("button");
      if (!target) return;
      if (target.dataset.dcGoto) goTo(parseInt(target.dataset.dcGoto, 10));
      else if (target.dataset.dcFix) {
        var f = result.findings[parseInt(target.dataset.dcFix, 10)];
        if (f) change(engine.apply(result.lines, [f]), "第 " + f.line + " 行已改（点“撤销”可以退回）。");
      }
    });
    fileInput.addEventListener("change", function () { open(fileInput.files[0]); });
    keep.addEventListener("change", function () {
      if (keep.checked && classified) { keep.checked = false; say("稿子上有密级或“内部”标志，不能在本机保存。"); }
      else if (keep.checked) { save(); say("文字保存在这台电脑的浏览器里；点“清除”即删去。"); }
      else { localStorage.removeItem(STORE); say("已不在本机保存，保存过的文字已删去。"); }
    });
    box.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(check, 300); });

    var saved = stored();
    if (saved !== null) { box.value = saved; keep.checked = true; }
    check();
    if (saved !== null) say("已恢复本机保存的文字。" + status.textContent);
    mount.classList.add("is-ready");
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-draft-check]"), start);
})();
