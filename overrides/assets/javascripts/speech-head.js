/**
 * speech-head.js: 讲话标题, 讲话人, 日期 as the page's first fields, kept per template (or, data-ph-scope
 * "meeting", by the speeches of one meeting); a line of one's own replaces a default line (the title,
 * a 讲话人 written as placeholders), removing it puts the default back.
 */
speechKit.part("speech-head", function (kit) {
  "use strict";

  kit.onRefresh("speech-head", function (page) {
    page.list.forEach(function (field) {
      if (!field.line || !field.hasDefault) return;
      var custom = kit.value(field.name); // a title of one's own replaces the default and its placeholders
      if (custom) {
        field.line.textContent = "";
        field.line.appendChild(kit.el("span", { "class": "ph ph--filled", "data-ph-own": field.name }, custom));
      } else if (field.line.querySelector("[data-ph-own]")) {
        field.line.textContent = "";
        var restored = field.original.cloneNode(true);
        kit.decorate(page, restored);
        field.line.appendChild(restored);
      }
    });
  });

  return function setup(page) {
    kit.$$(".speech-head [data-head]", page.root).forEach(function (line) {
      var name = line.dataset.head;
      var field = { name: name, scope: line.dataset.phScope || "template", hint: kit.hint(line), example: line.dataset.phExample || "", nodes: [line], line: line,
        // names are compared, never put into a selector
        hasDefault: !kit.$$(".ph[data-ph]", line).some(function (ph) { return ph.dataset.ph === name; }) };
      if (field.hasDefault) { // kept to put back when a title of one's own is removed
        field.original = document.createDocumentFragment();
        Array.prototype.forEach.call(line.childNodes, function (n) { field.original.appendChild(n.cloneNode(true)); });
      }
      page.byName[name] = field;
      page.list.push(field);
    });
  }; // no refresh yet: placeholders.js first finds the placeholders of the default title
});
