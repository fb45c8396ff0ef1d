/**
 * picker.js: the template picker on the home page and 讲话模板 (scripts/speechkit/outputs/picker.py).
 *
 * form[data-picker] holds four selects (会议类型, 讲话人, 层级, 巡察类型) whose values are positions in
 * the registries; each template's link in the list below carries the same four positions (data-pick).
 * Choosing shows, in the form's <output>, the template that fits; where none does, the nearest one of
 * the same meeting and speaker with what to change (data-hint of the level and kind options), or the
 * meeting's other templates, and a link to ask for the missing one (a[data-picker-ask], with the
 * choice filled into the issue form). 讲话人 lists only those who speak at the chosen meeting;
 * 巡察类型 shows only where the meeting's templates differ in it.
 * Without this part the list is the picker: the form is invisible until set up here (data-ready; its
 * space is kept, so the list does not move when it shows), and without JavaScript it is not shown.
 */
speechKit.part("picker", function (kit) {
  "use strict";

  var FIELDS = ["meeting", "speaker", "level", "kind"];

  function el(tag, text, attrs) {
    return kit.el(tag, attrs, text || null);
  }

  function optionText(select, value) {
    var option = select.querySelector('option[value="' + Number(value) + '"]');
    return option ? option.textContent : "";
  }

  function setUp(form) {
    if (form.dataset.ready) return;
    form.dataset.ready = "1";
    var scope = form.closest("article") || document;
    var selects = {};
    FIELDS.forEach(function (name) { selects[name] = form.elements[name]; });
    var speakers = Array.prototype.map.call(selects.speaker.options, function (o) {
      return { value: o.value, text: o.textContent, meetings: (o.getAttribute("data-meetings") || "").split(" ") };
    });
    var templates = Array.prototype.map.call(scope.querySelectorAll("a[data-pick]"), function (a) {
      var code = a.getAttribute("data-pick").split(" ");
      return { link: a, meeting: code[0], speaker: code[1], level: code[2], kind: code[3] };
    });
    var ask = scope.querySelector("a[data-picker-ask]");
    var output = form.querySelector("output");
    var kindLabel = form.querySelector("[data-picker-kind]");

    function fillSpeakers() {
      var keep = selects.speaker.value, m = selects.meeting.value;
      selects.speaker.textContent = "";
      speakers.forEach(function (s) {
        if (s.meetings.indexOf(m) >= 0) selects.speaker.appendChild(el("option", s.text, { value: s.value }));
      });
      var values = Array.prototype.map.call(selects.speaker.options, function (o) { return o.value; });
      if (values.indexOf(keep) >= 0) selects.speaker.value = keep;
      else {
        var first = templates.filter(function (t) { return t.meeting === m; })[0];
        if (first && values.indexOf(first.speaker) >= 0) selects.speaker.value = first.speaker;
      }
    }

    function showKind() {
      var m = selects.meeting.value, kinds = {};
      templates.forEach(function (t) { if (t.meeting === m) kinds[t.kind] = true; });
      var differ = Object.keys(kinds).length > 1;
      kindLabel.hidden = !differ;
      if (!differ) selects.kind.value = Object.keys(kinds)[0] || selects.kind.options[0].value;
    }

    function label(t) {
      return optionText(selects.level, t.level) + " · " + optionText(selects.kind, t.kind);
    }

    function linkTo(t) {
      var a = el("a", t.link.textContent, { href: t.link.getAttribute("href") });
      var item = el("li");
      item.appendChild(a);
      item.appendChild(document.createTextNode("（" + label(t) + "）"));
      return item;
    }

    function hint(select, value) {
      var option = select.querySelector('option[value="' + Number(value) + '"]');
      return option ? option.getAttribute("data-hint") || "" : "";
    }

    function askLine(want) {
      var p = el("p");
      if (!ask) return p;
      var href = ask.getAttribute("href");
      if (/\/issues\/new\?/.test(href)) { // the issue form: fill in what was chosen
        var url = new URL(href, location.href);
        url.searchParams.set("meeting", optionText(selects.meeting, want.meeting));
        url.searchParams.set("speaker", optionText(selects.speaker, want.speaker));
        url.searchParams.set("level", label(want));
        href = url.href;
      }
      p.appendChild(document.createTextNode("需要正好这一篇？"));
      p.appendChild(el("a", "提出需求", { href: href }));
      p.appendChild(document.createTextNode("。"));
      return p;
    }

    function list(items) {
      var ul = el("ul");
      items.forEach(function (t) { ul.appendChild(linkTo(t)); });
      return ul;
    }

    function show() {
      var want = {};
      FIELDS.forEach(function (name) { want[name] = selects[name].value; });
      var same = templates.filter(function (t) { return t.meeting === want.meeting && t.speaker === want.speaker; });
      var exact = same.filter(function (t) { return t.level === want.level && t.kind === want.kind; });
      output.textContent = "";
      if (exact.length) {
        exact.sort(function (a, b) { return a.link.textContent.length - b.link.textContent.length; }); // the full version first
        output.appendChild(el("p", exact.length > 1 ? "对应的模板（全文版和简短版）：" : "对应的模板："));
        output.appendChild(list(exact));
        return;
      }
      var meeting = optionText(selects.meeting, want.meeting), speaker = optionText(selects.speaker, want.speaker);
      if (same.length) {
        // the nearest: the same level first, then the same kind, then any; the full version before the short one
        same.sort(function (a, b) {
          return ((b.level === want.level) - (a.level === want.level)) || ((b.kind === want.kind) - (a.kind === want.kind)) ||
            (a.link.textContent.length - b.link.textContent.length);
        });
        var near = same[0], changes = [];
        if (near.level !== want.level) changes.push(hint(selects.level, want.level));
        if (near.kind !== want.kind) changes.push(hint(selects.kind, want.kind));
        output.appendChild(el("p", "暂无“" + label(want) + "”的这一篇。最接近的是："));
        output.appendChild(list([near]));
        output.appendChild(el("p", "改用时：" + changes.filter(Boolean).join("")));
      } else {
        var others = templates.filter(function (t) { return t.meeting === want.meeting; });
        output.appendChild(el("p", meeting + "上" + speaker + "的讲话，暂无模板。" + (others.length ? "这次会议已有的模板：" : "")));
        if (others.length) output.appendChild(list(others));
      }
      output.appendChild(askLine(want));
    }

    form.addEventListener("change", function (e) {
      if (e.target === selects.meeting) { fillSpeakers(); showKind(); }
      show();
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); });

    // start on the main speech of the first meeting (data-default): something useful before any choice
    var start = (form.getAttribute("data-default") || "").split(" ");
    FIELDS.forEach(function (name, i) { if (start[i]) selects[name].value = start[i]; });
    fillSpeakers();
    showKind();
    if (start[1]) selects.speaker.value = start[1];
    show();
    form.setAttribute("data-ready", "");
  }

  return function setup(page) {
    kit.$$("form[data-picker]", page.root).forEach(setUp);
  };
});
