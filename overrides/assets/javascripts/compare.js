/**
 * compare.js: the version filter of a comparison page: three selects filter the table's rows and the
 * versions shown, the table shows data-page-size rows at a time. Without it everything stays visible.
 */
speechKit.part("compare", function () {
  "use strict";

  var FIELDS = ["meeting", "speaker", "level"];
  var page = 0;

  function wanted(form) {
    var want = {};
    FIELDS.forEach(function (name) { want[name] = form.elements[name] ? form.elements[name].value : ""; });
    return want;
  }

  function matches(values, want) {
    return FIELDS.every(function (name) { return !want[name] || values[name] === want[name]; });
  }

  function rowValues(row) {
    var values = {};
    FIELDS.forEach(function (name, i) { values[name] = (row.cells[i + 1] || {}).textContent.trim(); });
    return values;
  }

  function pager(form) {
    var nav = form.parentNode.querySelector(".version-table__pager");
    if (!nav) {
      nav = document.createElement("div");
      nav.className = "version-table__pager";
      [["prev", "上一页"], ["next", "下一页"]].forEach(function (b) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "speech-button";
        button.setAttribute("data-version-page", b[0]);
        button.textContent = b[1];
        nav.appendChild(button);
      });
      var table = form.parentNode.querySelector(".version-table");
      if (table) table.parentNode.insertBefore(nav, table.nextSibling);
    }
    return nav;
  }

  function apply(form) {
    var want = wanted(form);
    var size = Math.max(1, parseInt(form.getAttribute("data-page-size"), 10) || 20);
    var rows = Array.prototype.slice.call(document.querySelectorAll(".version-table tbody tr"));
    var hits = rows.filter(function (row) { return matches(rowValues(row), want); });
    var pages = Math.max(1, Math.ceil(hits.length / size));
    page = Math.min(Math.max(page, 0), pages - 1);
    rows.forEach(function (row) { row.hidden = true; });
    hits.slice(page * size, (page + 1) * size).forEach(function (row) { row.hidden = false; });
    Array.prototype.forEach.call(document.querySelectorAll(".speech-excerpt[data-meeting]"), function (excerpt) {
      excerpt.hidden = !matches(excerpt.dataset, want);
    });
    var status = form.querySelector(".version-filter__status");
    if (status) {
      status.textContent = "符合条件的版本 " + hits.length + " 个" + (pages > 1 ? "，第 " + (page + 1) + " / " + pages + " 页" : "");
    }
    if (rows.length > size) {
      var nav = pager(form);
      nav.querySelector("[data-version-page=prev]").disabled = page === 0;
      nav.querySelector("[data-version-page=next]").disabled = page >= pages - 1;
    }
  }

  function form() { return document.querySelector("form.version-filter"); }

  document.addEventListener("change", function (e) {
    var f = e.target.form;
    if (f && f.classList.contains("version-filter")) { page = 0; apply(f); }
  });

  document.addEventListener("click", function (e) {
    var button = e.target.closest && e.target.closest("[data-version-page]");
    var f = form();
    if (!button || !f) return;
    page += button.getAttribute("data-version-page") === "next" ? 1 : -1;
    apply(f);
  });

  document.addEventListener("submit", function (e) {
    if (e.target.classList && e.target.classList.contains("version-filter")) e.preventDefault();
  });

  return function setup() {
    var f = form();
    if (!f) return;
    page = 0;
    apply(f);
  };
});
