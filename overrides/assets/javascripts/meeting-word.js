/**
 * meeting-word.js: 下载整场会议 on the meeting flow page. The build made one .docx per meeting (and level):
 * its 主持词 and speeches in agenda order, each from its own title on a new page (outputs/downloads.py).
 * Each speech is filled with the values its own template page shows (valuesOf), at the level chosen
 * (区/县/市/旗, on this page or any template page), by the same fill code as a single speech
 * (word-download.js, docx-fill.js).
 */
speechKit.part("meeting-word", function (kit) {
  "use strict";

  function list(b, key) { return JSON.parse(b.dataset[key] || "[]"); }

  /** What template `slug`'s own page shows, from storage (speech-state.js): shared values, its own for
   *  the names it keeps per template, the meeting's for the names its speeches share (a value v2 kept
   *  per template, not yet moved to its meeting, still counts). */
  function valuesOf(slug, meeting, perTemplate, perMeeting) {
    var out = {}, shared = kit.bucketAt({ kind: "shared" }), own = kit.bucketAt({ kind: "template", key: slug });
    var together = kit.bucketAt({ kind: "meeting", key: meeting });
    function put(name, value) { if (value && value.trim()) out[name] = value.trim(); }
    Object.keys(shared).forEach(function (name) {
      if (perTemplate.indexOf(name) < 0 && perMeeting.indexOf(name) < 0) put(name, shared[name]);
    });
    perTemplate.forEach(function (name) { put(name, own[name]); });
    perMeeting.forEach(function (name) { put(name, together[name] || own[name]); });
    return out;
  }

  function download(b) {
    var perTemplate = list(b, "templateScoped"), perMeeting = list(b, "meetingScoped"), meeting = b.dataset.meetingKey || "";
    var parts = list(b, "meetingSpeeches").map(function (slug) { return { values: valuesOf(slug, meeting, perTemplate, perMeeting) }; });
    kit.makeWord(b, { url: new URL(b.dataset.meetingDocx, kit.assets.replace(/assets\/$/, "")).href, parts: parts, head: list(b, "meetingHead"),
      title: b.dataset.meetingTitle }, "正在生成整场会议的 Word……", function (result) {
      kit.announce("已下载整场会议的 Word" + (result.open ? "（还有 " + result.open + " 处占位符未填写，在 Word 中以黄色标出）" : ""));
    }, function () { kit.announce("生成 Word 失败：请刷新页面再试"); });
  }

  document.addEventListener("click", function (e) {
    var b = e.target.closest && e.target.closest("button[data-meeting-docx]");
    if (b && !b.disabled) {
      kit.require("word-download").then(function () { download(b); }, function () { kit.announce("没能加载这项功能：请刷新页面再试"); });
    }
  });
});
