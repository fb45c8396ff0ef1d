/**
 * folds.js: a closed block whose body waits in the page's <template> (div.speech-folds > template;
 * details[data-lazy=KEY]: a section's guidance, the long tables of a template page; the body is the
 * template's div[data-fold=KEY]) gets its body when it is first opened, by click, keyboard or
 * otherwise; its slots get their values and its level words the level.
 */
speechKit.part("folds", function (kit) {
  "use strict";

  function unfold(details) {
    var key = details && details.getAttribute("data-lazy");
    if (key === null) return;
    details.removeAttribute("data-lazy");
    var body = null;
    kit.$$(".speech-folds > template").some(function (t) { // an export may have one per fragment
      return (body = kit.$$("[data-fold]", t.content).filter(function (d) { return d.getAttribute("data-fold") === key; })[0]); // compared, never built into a selector
    });
    if (!body) return;
    for (var copy = document.importNode(body, true); copy.firstChild;) details.appendChild(copy.firstChild); // a copy: another block may share the body
    (kit.fillSlots || kit.refresh)(details); // values and level words in what came in
  }

  // before the summary's own toggle, so the body is there in the frame that shows it open
  document.addEventListener("click", function (e) {
    var summary = e.target.closest && e.target.closest("details[data-lazy] > summary");
    if (summary) unfold(summary.parentNode);
  }, true);
  // opened any other way (find in page, a script): toggle does not bubble
  document.addEventListener("toggle", function (e) {
    if (e.target.open && e.target.matches && e.target.matches("details[data-lazy]")) unfold(e.target);
  }, true);

  return function setup(page) {
    kit.$$("details[data-lazy][open]", page.root).forEach(unfold);
  };
});
