/**
 * word-download.js: the Word kit (kit.wordKit: the zip library ../vendor/fflate.js, then docx-fill.js,
 * which fills a .docx the build made, in the browser) and the downloads that use it: 下载已填写的 Word,
 * 下载大字版 Word, 下载 Word at a level other than 区 or under file:// (the blank template with that
 * level's words, under the link's name), and 下载整场会议 (meeting-word.js). Loaded on the first click.
 */
speechKit.part("word-download", function (kit) {
  "use strict";
  var $$ = kit.$$, wordKit = null;

  kit.wordKit = function () {
    wordKit = wordKit || kit.loadScript(kit.assets + "vendor/fflate.js").then(function () {
      return kit.loadScript(kit.assets + "javascripts/docx-fill.js");
    }).then(function () { return window.speechDocxFill; }, function (e) { wordKit = null; throw e; });
    return wordKit;
  };

  /** The word a LevelWord run gets at the level chosen (level-switch.js, loaded first when one is stored); null at 区. */
  kit.levelWordReady = function () {
    var group = kit.page().root.querySelector("[data-level-name]");
    return (group && kit.value(group.dataset.levelName) ? kit.require("level-switch") : Promise.resolve())
      .then(function () { return kit.levelWord ? kit.levelWord() : null; });
  };

  /** A head line as the blank template has it: placeholders as 【名称】, the level as chosen. */
  function blankText(line) {
    var c = line.cloneNode(true);
    $$(".ph[data-ph]", c).forEach(function (ph) { ph.textContent = "【" + ph.dataset.ph + "】"; });
    return c.textContent.trim();
  }

  /** Make one download with `options` (the level's words added), announcing `busy`, then done(result) or `failed`. */
  kit.makeWord = function (b, options, busy, done, failed) {
    if (b.disabled) return;
    b.disabled = true; // a button greys out; on the link it only guards against a second click
    kit.announce(busy);
    Promise.all([kit.wordKit(), kit.levelWordReady()]).then(function (got) {
      options.levelWord = got[1];
      return got[0].download(options);
    }).then(done, failed).then(function () { b.disabled = false; });
  };

  function filled(b, href, large) {
    var speech = b.closest(".speech");
    if (!speech || !href) return;
    if (!kit.collect) return kit.require("copy-text").then(function () { filled(b, href, large); }, function () { kit.announce("没能加载这项功能：请刷新页面再试"); });
    var values = {}, title = kit.collect(speech.querySelector(".speech-head") || speech).lines[0], text = title ? title.text : "";
    kit.page().list.forEach(function (f) { if (kit.value(f.name)) values[f.name] = kit.value(f.name); });
    kit.makeWord(b, { url: href, values: values, head: $$(".speech-head [data-head]", speech).map(function (l) { return l.dataset.head; }),
      title: text, name: large ? text + "（大字版）" : text }, "正在生成已填写的 Word……", function (result) {
      kit.announce("已下载已填写的 Word" + (result.open ? "（还有 " + result.open + " 处占位符未填写，在 Word 中以黄色标出）" : ""));
    }, function () { kit.announce("生成 Word 失败：请刷新页面再试；仍不行时用“下载 Word”下载空白模板"); });
  }

  /** 下载 Word (the link), 下载已填写的 Word, 下载大字版 Word (copy-print.js). */
  (kit.lazy = kit.lazy || {})["word-download"] = function (node) {
    if (node.dataset.speechDocxLarge) return filled(node, new URL(node.dataset.speechDocxLarge, location.href).href, true);
    var link = node.closest(".speech") && node.closest(".speech").querySelector("a[data-speech-docx]");
    if (node !== link) return filled(node, link && link.href);
    var name = link.getAttribute("download");
    if (!(kit.levelWord && kit.levelWord())) { // at 区: the file as built, under its own name (file://)
      kit.wordKit().then(function (word) { return word.saveAs(link.href, name); }).catch(function () { location.href = link.href; });
      return;
    }
    var head = link.closest(".speech").querySelector(".speech-head [data-head]");
    kit.makeWord(link, { url: link.href, values: {}, title: head ? blankText(head) : "", name: name.replace(/\.docx$/, "") }, "正在生成 Word……",
      function () { kit.announce("已下载 Word（按所选层级）"); }, function () { kit.announce("生成 Word 失败：请刷新页面再试"); });
  };
});
