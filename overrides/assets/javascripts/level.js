/**
 * level.js: on a page whose speech marks its 区 (span[data-lv]), loads level-switch.js when a level other
 * than 区 is stored or a level button is clicked; at 区, the page as built is already right.
 */
speechKit.part("level", function (kit) {
  "use strict";

  function need(then) {
    kit.require("level-switch").then(then, function () { kit.announce("没能加载这项功能：请刷新页面再试"); });
  }

  document.addEventListener("click", function (e) {
    var b = e.target.closest && e.target.closest("[data-level]");
    if (b && kit.page().root.contains(b)) need(function () { kit.chooseLevel(b); });
  });

  return function setup(page) {
    var group = page.root.querySelector("[data-level-name]");
    if (group && kit.value(group.dataset.levelName)) need(kit.refresh);
  };
});
