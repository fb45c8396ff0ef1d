/**
 * level-switch.js: 区 / 县 / 市（县级市）/ 旗 (data/levels.yml). Each {区} of a template is a span[data-lv];
 * the buttons [data-level] store the choice as a shared value named by data-level-name, and the page,
 * copy, print and both Word downloads (kit.levelWord) follow it. Loaded by level.js when needed.
 */
speechKit.part("level-switch", function (kit) {
  "use strict";

  /** The page's levels from its buttons, the first as written (区). */
  function levels(page) {
    if (!page.levels) {
      var group = page.root.querySelector("[data-level-name]");
      page.levelName = group ? group.dataset.levelName : "";
      page.levels = kit.$$("[data-level]", group || page.root).map(function (b) {
        return { char: b.dataset.level, label: b.textContent, words: JSON.parse(b.dataset.levelWords || "{}"), button: b };
      });
    }
    return page.levels;
  }

  function current(page) {
    var all = levels(page), stored = page.levelName && kit.value(page.levelName);
    return all.filter(function (l) { return l.char === stored; })[0] || all[0];
  }

  /** A word as written at 区 (data-lv, or the one character) at `level`. */
  function word(level, base) { return level.words[base] || level.char + base.slice(1); }

  function rewrite(root, level, first) {
    kit.$$("[data-lv]", root).forEach(function (span) {
      var text = word(level, span.getAttribute("data-lv") || first.char);
      if (span.textContent !== text) span.textContent = text;
    });
  }

  function apply(page) {
    var level = current(page), first = levels(page)[0];
    if (!level) return;
    rewrite(page.root, level, first);
    page.list.forEach(function (f) { if (f.original) rewrite(f.original, level, first); }); // a head's default, kept to put back
    levels(page).forEach(function (l) { l.button.setAttribute("aria-pressed", String(l === level)); });
  }
  kit.onRefresh("level", apply);

  /** For the Word downloads: the word a LevelWord run gets; null at 区. */
  kit.levelWord = function () {
    var page = kit.page(), level = current(page);
    return level && level !== levels(page)[0] ? function (base) { return word(level, base); } : null;
  };

  kit.chooseLevel = function (b) {
    var page = kit.page(), chosen = levels(page).filter(function (l) { return l.button === b; })[0];
    if (!chosen || !page.levelName) return;
    kit.setValue(page.levelName, chosen === page.levels[0] ? "" : chosen.char);
    kit.save();
    kit.refresh();
    kit.announce("已换成“" + chosen.label + "”：" + word(chosen, page.levels[0].char) + "委、我" + chosen.char + "……随之改变，复制、打印和 Word 也一样");
  };

});
