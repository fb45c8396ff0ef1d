/**
 * meeting-word.js: 下载整场会议 on the meeting flow page. The build made one .docx per meeting (and level):
 * its 主持词 and speeches in agenda order, each from its own title on a new page (outputs/downloads.py).
 * Each speech is filled with the values its own template page shows (kit.valuesOf), by the same fill
 * code as a single speech (docx-fill.js).
 */
speechKit.part("meeting-word", function (kit) {
  "use strict";

  function download(b) {
    var slugs = JSON.parse(b.dataset.meetingSpeeches), scoped = JSON.parse(b.dataset.templateScoped);
    var parts = slugs.map(function (slug) { return { values: kit.valuesOf(slug, scoped) }; });
    b.disabled = true;
    kit.announce("正在生成整场会议的 Word……");
    kit.wordKit().then(function (word) {
      return word.download({ url: new URL(b.dataset.meetingDocx, kit.root).href, parts: parts, title: b.dataset.meetingTitle });
    }).then(function (result) {
      kit.announce("已下载整场会议的 Word" + (result.open ? "（还有 " + result.open + " 处占位符未填写，在 Word 中以黄色标出）" : ""));
    }, function () {
      kit.announce("生成 Word 失败：请刷新页面再试");
    }).then(function () { b.disabled = false; });
  }

  document.addEventListener("click", function (e) {
    var b = e.target.closest && e.target.closest("button[data-meeting-docx]");
    if (b && !b.disabled) download(b);
  });
});
