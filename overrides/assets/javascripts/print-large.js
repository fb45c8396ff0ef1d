/**
 * print-large.js: 打印大字版, the print in data/gongwen.yml's large layout (stylesheets/print-large.css,
 * added to the page on the first click: no page needs it before), for that one print
 * (html[data-print="large"] until afterprint). Loaded by copy-print.js on the first click.
 */
speechKit.part("print-large", function (kit) {
  "use strict";
  var style = null;

  function stylesheet() {
    style = style || new Promise(function (resolve, reject) {
      var link = kit.el("link", { rel: "stylesheet", href: kit.assets + "stylesheets/print-large.css" });
      link.onload = resolve;
      link.onerror = function () { style = null; link.remove(); reject(new Error(link.href)); };
      document.head.appendChild(link);
    });
    return style;
  }

  (kit.lazy = kit.lazy || {})["print-large"] = function () {
    stylesheet().then(function () {
      var root = document.documentElement;
      root.setAttribute("data-print", "large");
      window.addEventListener("afterprint", function done() {
        root.removeAttribute("data-print");
        window.removeEventListener("afterprint", done);
      });
      window.print();
    }, function () { kit.announce("没能加载大字版的样式：请刷新页面再试"); });
  };
});
