/**
 * fill-transfer.js: the dock's 清空本页填写 (this template's own values; the shared ones too when
 * 连同共用的内容 is ticked; 撤销 kept in storage until the next 清空, so it outlives leaving the page),
 * 导入填写内容 (撤销 until the next value typed) and 导出填写内容. Loaded by fill-dock.js on the first
 * of them, not with the page.
 */
speechKit.part("fill-transfer", function (kit) {
  "use strict";
  var FORMAT = "xuncha-speech-fill", VERSION = 3; // the export file's own format; v1 has { values }, v2 no byMeeting
  var UNDO = FORMAT + ".undo"; // the last 清空, in localStorage
  var NAME = /^[\u3400-\u9fffA-Za-z0-9（）·、]{1,30}$/;
  var SLUG = /^[a-z0-9][a-z0-9-]{0,80}$/;
  var MAX_FILE = 1024 * 1024, MAX_VALUE = 2000;

  function inDock(page, sel) { return page.dock.querySelector(sel); }

  function has(obj, name) { return Object.prototype.hasOwnProperty.call(obj, name); }

  /** The last 清空 ({ page, entries }) if it was on this page; kept in storage until the next 清空. Only
   *  well-formed entries count: storage is input like any other. */
  function clearUndo(page) {
    var saved = null;
    try { saved = JSON.parse(localStorage.getItem(UNDO)); } catch (e) { /* none */ }
    if (!saved || saved.page !== page.key || !Array.isArray(saved.entries)) return null;
    saved.entries = saved.entries.filter(function (e) {
      return e && /^(shared|template|meeting)$/.test(e.kind) && typeof e.key === "string" && NAME.test(e.name) && typeof e.value === "string";
    });
    return saved.entries.length ? saved : null;
  }

  function setClearUndo(record) {
    try { if (record) localStorage.setItem(UNDO, JSON.stringify(record)); else localStorage.removeItem(UNDO); } catch (e) { /* page only */ }
  }

  /** 撤销导入 after an import on this page, else 撤销清空 while the last 清空 was here; hidden otherwise. */
  function showUndo(page) {
    var undo = inDock(page, "[data-fill-undo]"), label = page.undo ? "撤销导入" : clearUndo(page) ? "撤销清空" : "";
    undo.hidden = !label;
    undo.textContent = label;
  }

  /** Remove a name's value on this page; what was removed ({ kind, key, name, value }) or null. */
  function take(name) {
    var place = kit.place(name), b = kit.bucketAt(place);
    if (!has(b, name) || !b[name].trim()) return null;
    var taken = { kind: place.kind, key: place.key, name: name, value: b[name] };
    delete b[name];
    return taken;
  }

  /** Put taken values back where they were, each only where nothing has been typed since. */
  function putBack(entries) {
    entries.forEach(function (e) {
      var b = kit.bucketAt({ kind: e.kind, key: e.key }, true);
      if (!has(b, e.name) || !b[e.name].trim()) b[e.name] = e.value;
    });
  }

  function changed() { kit.save(); kit.refresh(); }

  function offerUndo(page) {
    changed();
    showUndo(page);
    inDock(page, "[data-fill-undo]").focus();
  }

  function dropUndo(page) {
    if (!page.undo) return;
    page.undo = null;
    showUndo(page);
  }

  /** Clear this page's own values (head, 本模板); with `shared`, the shared and meeting ones too. */
  function clearPage(page, shared) {
    var taken = page.list.filter(function (f) { return shared || kit.place(f.name).kind === "template"; })
      .map(function (f) { return take(f.name); }).filter(Boolean);
    if (!taken.length) {
      var others = page.list.some(function (f) { return kit.value(f.name); });
      return kit.announce(others ? "本页没有只属于本模板的填写；要清空共用的内容，先勾选“连同共用的内容”" : "本页还没有填写任何内容");
    }
    page.undo = null; // one 撤销 at a time: this 清空's
    setClearUndo({ page: page.key, entries: taken });
    offerUndo(page);
    kit.announce("已清空本页的 " + taken.length + " 项填写" + (shared ? "（共用的内容在其他模板中也一并清空）" : "（共用的内容保留）") + "；可以撤销");
  }

  function undo(page) {
    if (page.undo) { // the last 导入
      kit.restore(page.undo);
      page.undo = null;
    } else {
      var record = clearUndo(page);
      if (!record) return;
      putBack(record.entries);
      setClearUndo(null);
    }
    changed();
    showUndo(page);
    inDock(page, "[data-fill-clear]").focus();
    kit.announce("已撤销，填写内容已恢复");
  }

  /** The values of an exported file, checked; throws an Error whose message says what is wrong, in Chinese. */
  function readExport(text) {
    var data;
    try { data = JSON.parse(text); } catch (e) { throw new Error("文件内容不是有效的 JSON 格式"); }
    if (!data || data.format !== FORMAT) throw new Error("这不是本站导出的填写内容（缺少格式标记）");
    if (data.v !== 1 && data.v !== 2 && data.v !== VERSION) throw new Error("文件的版本（" + String(data.v).slice(0, 10) + "）是本页不认识的");
    function check(values, where) {
      if (values == null) return {};
      if (typeof values !== "object" || Array.isArray(values)) throw new Error(where + "不是“名称: 内容”的形式");
      Object.keys(values).forEach(function (name) {
        if (!NAME.test(name)) throw new Error(where + "里的“" + name.slice(0, 30) + "”不是有效的名称");
        if (typeof values[name] !== "string") throw new Error(where + "里“" + name + "”的内容不是文字");
        if (values[name].length > MAX_VALUE) throw new Error(where + "里“" + name + "”的内容超过 " + MAX_VALUE + " 字");
      });
      return values;
    }
    var out = { shared: check(data.v === 1 ? data.values : data.shared, "通用的填写内容"), byTemplate: {}, byMeeting: {} };
    [["byTemplate", "模板", "各模板"], ["byMeeting", "会议", "各会议"]].forEach(function (kind) {
      var all = data.v === 1 ? {} : data[kind[0]] || {};
      if (typeof all !== "object" || Array.isArray(all)) throw new Error(kind[2] + "的填写内容不是“" + kind[1] + ": 内容”的形式");
      Object.keys(all).forEach(function (key) {
        if (!SLUG.test(key)) throw new Error(kind[1] + "名“" + key.slice(0, 40) + "”不对");
        out[kind[0]][key] = check(all[key], kind[1] + " " + key + " ");
      });
    });
    return out;
  }

  /** Add checked values from an export file to the stored ones; returns how many there were. */
  function merge(got) {
    var state = kit.snapshot(), count = Object.keys(got.shared).length;
    Object.assign(state.shared, got.shared);
    ["byTemplate", "byMeeting"].forEach(function (kind) {
      Object.keys(got[kind]).forEach(function (key) {
        state[kind][key] = Object.assign(state[kind][key] || {}, got[kind][key]);
        count += Object.keys(got[kind][key]).length;
      });
    });
    kit.restore(state);
    return count;
  }

  function exportValues() {
    var state = kit.snapshot(); // every value of every template and meeting
    var day = new Date().toISOString().slice(0, 10);
    var file = new Blob([JSON.stringify({ format: FORMAT, v: VERSION, exported: new Date().toISOString(),
      shared: state.shared, byTemplate: state.byTemplate, byMeeting: state.byMeeting }, null, 2)], { type: "application/json" });
    var a = kit.el("a", { href: URL.createObjectURL(file), download: "巡察讲话填写内容-" + day + ".json", hidden: "" });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 10000);
    kit.announce("已导出填写内容：保存好这个文件，在另一台电脑上用“导入填写内容”");
  }

  function importFile(page, file) {
    var fail = function (why) {
      kit.announce("导入失败：文件“" + file.name + "”" + why + "。改法：选择本站“导出填写内容”保存的 .json 文件");
    };
    if (file.size > MAX_FILE) return fail("太大（超过 1 MB），不是本站导出的填写内容");
    var reader = new FileReader();
    reader.onerror = function () { fail("无法读取"); };
    reader.onload = function () {
      var before = kit.snapshot(), count;
      try { count = merge(readExport(String(reader.result))); } catch (e) { return fail(e.message); }
      page.undo = before;
      offerUndo(page);
      kit.announce("已导入 " + count + " 项填写内容；可以撤销");
    };
    reader.readAsText(file, "utf-8");
  }

  kit.transfer = { clearPage: clearPage, undo: undo, exportValues: exportValues, importFile: importFile, dropUndo: dropUndo, showUndo: showUndo };
});
