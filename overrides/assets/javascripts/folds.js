/**
 * folds.js: a closed block whose body is a <template> (details[data-lazy]: a section's guidance, the
 * long tables of a template page) gets its body when it is first opened, by click, keyboard or
 * otherwise; its slots get their values.
 */
speechKit.part("folds", function (kit) {
  "use strict";

  function unfold(details) {
    var body = details && details.querySelector(":scope > template");
    if (!body) return;
    details.replaceChild(body.content, body);
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
