/**
 * word-download.js: 下载已填写的 Word, and 下载 Word at a level other than 区 (the blank template with
 * that level's words). Loaded by copy-print.js on the first click; it loads the zip library
 * (../vendor/fflate.js) and docx-fill.js, which fills the template's .docx in the browser.
 */
speechKit.part("word-download", function (kit) {
  "use strict";
  var $$ = kit.$$, wordKit = null;

  function loadWordKit() {
    wordKit = wordKit || kit.loadScript(kit.assets + "vendor/fflate.js").then(function () {
      return kit.loadScript(kit.assets + "javascripts/docx-fill.js");
    }).then(function () { return window.speechDocxFill; }, function (e) { wordKit = null; throw e; });
    return wordKit;
  }

  /** The head lines replaced by a line of one's own (a title, a 讲话人): { index in the head: text }. */
  function ownLines(speech) {
    var own = {}, head = speech.querySelector(".speech-head"), lines = head ? kit.collect(head).lines : [];
    $$("[data-head]", head || speech).forEach(function (line, i) {
      if (line.querySelector("[data-ph-own]") && lines[i]) own[i] = lines[i].text;
    });
    return own;
  }

  /** A head line as the blank template has it: placeholders as 【名称】, the level as chosen. */
  function blankText(line) {
    var c = line.cloneNode(true);
    $$(".ph[data-ph]", c).forEach(function (ph) { ph.textContent = "【" + ph.dataset.ph + "】"; });
    return c.textContent.trim();
  }

  function make(b, options, busy, done, failed) {
    if (b.disabled) return;
    b.disabled = true; // a button greys out; on the link it only guards against a second click
    kit.announce(busy);
    loadWordKit().then(function (word) { return word.download(options); })
      .then(done, function () { kit.announce(failed); })
      .then(function () { b.disabled = false; });
  }

  function levelWord() { return kit.levelWord ? kit.levelWord() : null; }

  kit.word = {
    filled: function (b) {
      var speech = b.closest(".speech"), link = speech && speech.querySelector("a[data-speech-docx]");
      if (!link) return;
      var values = {}, title = kit.collect(speech.querySelector(".speech-head") || speech).lines[0];
      kit.page().list.forEach(function (f) { if (kit.value(f.name)) values[f.name] = kit.value(f.name); });
      make(b, { url: link.href, slug: link.dataset.speechDocx, values: values, own: ownLines(speech), title: title ? title.text : "",
        levelWord: levelWord() }, "正在生成已填写的 Word……", function (result) {
        kit.announce("已下载已填写的 Word" + (result.open ? "（还有 " + result.open + " 处占位符未填写，在 Word 中以黄色标出）" : ""));
      }, "生成 Word 失败：请刷新页面再试；仍不行时用“下载 Word”下载空白模板");
    },
    blank: function (link) {
      var head = link.closest(".speech").querySelector(".speech-head [data-head]");
      make(link, { url: link.href, slug: link.dataset.speechDocx, values: {}, own: {}, title: head ? blankText(head) : "",
        levelWord: levelWord(), fileName: link.getAttribute("download") }, "正在生成 Word……", function () {
        kit.announce("已下载 Word（按所选层级）");
      }, "生成 Word 失败：请刷新页面再试");
    }
  };
});
