/**
 * level.js: 区 / 县 / 市（县级市）/ 旗. A 区（县）级 template marks its own 区 once ({区}委, 我{区}); the
 * page has one span[data-lv] for each, and the speech head the buttons (.speech-level [data-level]).
 * The choice is stored like the filled values, under the name the buttons carry (data-level-name),
 * shared by every template; the page, the copy, the print and both Word downloads follow it.
 */
speechKit.part("level", function (kit) {
  "use strict";

  /** The levels this page offers, from its buttons: [{ char, label, words }], the first as written. */
  function options(page) {
    if (!page.levels) {
      var group = page.root.querySelector("[data-level-name]");
      page.levelName = group ? group.dataset.levelName : "";
      page.levels = kit.$$("[data-level]", group || page.root).map(function (b) {
        var words = {};
        try { words = JSON.parse(b.dataset.levelWords || "{}"); } catch (e) { /* the build writes valid JSON */ }
        return { char: b.dataset.level, label: b.textContent, words: words, button: b };
      });
    }
    return page.levels;
  }

  /** The chosen level on this page: the stored one if this page offers it, else the first (区). */
  function current(page) {
    var levels = options(page), stored = page.levelName ? kit.value(page.levelName) : "";
    return levels.filter(function (l) { return l.char === stored; })[0] || levels[0] || null;
  }

  /** A marked word as written at 区 (span[data-lv]: 区, or the whole word of an exception) at this level. */
  function word(level, base) {
    if (!level) return base;
    return Object.prototype.hasOwnProperty.call(level.words, base) ? level.words[base] : level.char + base.slice(1);
  }

  function rewrite(root, level, first) {
    var spans = root.querySelectorAll("[data-lv]");
    for (var i = 0; i < spans.length; i++) {
      var text = word(level, spans[i].getAttribute("data-lv") || first.char); // empty: the one character
      if (spans[i].textContent !== text) spans[i].textContent = text;
    }
  }

  function apply(page) {
    var level = current(page), first = options(page)[0];
    if (!level) return;
    rewrite(page.root, level, first);
    page.list.forEach(function (f) { if (f.original) rewrite(f.original, level, first); }); // a head's default, kept to put back
    options(page).forEach(function (l) { l.button.setAttribute("aria-pressed", String(l === level)); });
  }

  /** For the Word downloads (copy-print.js, docx-fill.js): the word a LevelWord run gets; null at 区. */
  kit.levelWord = function () {
    var page = kit.page(), level = current(page), first = options(page)[0];
    if (!level || level === first) return null;
    return function (base) { return word(level, base); };
  };

  kit.onRefresh("level", apply);

  document.addEventListener("click", function (e) {
    var b = e.target.closest && e.target.closest("[data-level]");
    var page = kit.page();
    if (!b || !page.root.contains(b) || !page.levelName) return;
    var levels = options(page), chosen = levels.filter(function (l) { return l.button === b; })[0];
    if (!chosen) return;
    kit.setValue(page.levelName, chosen === levels[0] ? "" : chosen.char);
    kit.save();
    kit.refresh();
    kit.announce("已换成“" + chosen.label + "”：讲话稿里的“" + word(chosen, levels[0].char) + "委”“我" + chosen.char + "”等随之改变，复制、打印和 Word 下载也一样");
  });

  return function setup(page) { apply(page); };
});
