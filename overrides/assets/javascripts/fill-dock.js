/**
 * fill-dock.js: the fill-in dock, fixed to the window so it never pushes the speech. It opens on the
 * slot clicked, without scrolling; Enter goes to the next empty name, Shift+Enter back, Escape returns.
 * Its panel lists the fields and holds 段首空两格, and 清空 (this template's own values, or with
 * 连同共用的内容 the shared ones too), 导入, 导出 (fill-transfer.js); 撤销 shows while there is one.
 */
speechKit.part("fill-dock", function (kit) {
  "use strict";
  var button = kit.button, el = kit.el;

  /** The dock at load: its open button only; the rest comes when it is first opened (completeDock). */
  function buildDock(mount) {
    var dock = el("div", { "class": "fill-dock is-collapsed", role: "region", "aria-label": "填写占位符" });
    var bar = el("div", { "class": "fill-dock__bar" });
    bar.appendChild(button({ "class": "speech-button fill-dock__open", "data-fill-open": "" }));
    dock.appendChild(bar);
    mount.textContent = "";
    mount.appendChild(dock);
    return dock;
  }

  /** The open dock's input, buttons and hint, and the place of its panel (buildPanel), made once. */
  function completeDock(page) {
    if (inDock(page, "[data-fill-input]")) return;
    var id = "fd" + kit.uid(), dock = page.dock, bar = inDock(page, ".fill-dock__bar");
    dock.insertBefore(el("div", { "class": "fill-dock__panel", id: id + "-panel", hidden: "" }), bar); // filled when first opened
    bar.appendChild(el("label", { "class": "fill-dock__label", "for": id + "-input" }));
    bar.appendChild(el("input", { id: id + "-input", type: "text", autocomplete: "off", "data-fill-input": "",
      "aria-describedby": id + "-hint", enterkeyhint: "next" }));
    bar.appendChild(button({ "data-fill-prev": "" }, "上一个"));
    bar.appendChild(button({ "data-fill-next": "" }, "下一个未填"));
    bar.appendChild(button({ "data-fill-toggle": "", "aria-expanded": "false", "aria-controls": id + "-panel" }));
    bar.appendChild(button({ "data-fill-close": "", "aria-label": "收起填写栏" }, "收起"));
    dock.appendChild(el("small", { "class": "fill-dock__hint", id: id + "-hint" }));
    dock.appendChild(el("span", { "class": "speech-offscreen", "aria-live": "polite", "data-fill-live": "" }));
  }

  /** The panel's list and actions, made when it is first opened (most visits never open it). */
  function buildPanel(panel) {
    if (panel.firstChild) return;
    panel.appendChild(el("p", { "class": "fill-dock__summary" }));
    panel.appendChild(el("ul", { "class": "fill-dock__list" }));
    var option = el("label", { "class": "fill-dock__option" });
    option.appendChild(el("input", { type: "checkbox", "data-speech-indent": "" }));
    option.appendChild(document.createTextNode(" 复制时段首空两格"));
    var actions = el("div", { "class": "fill-dock__actions" });
    var all = el("label", {});
    all.appendChild(el("input", { type: "checkbox", "data-fill-clear-shared": "" }));
    all.appendChild(document.createTextNode(" 连同共用的内容"));
    [option, button({ "data-fill-export": "" }, "导出填写内容"), button({ "data-fill-import": "" }, "导入填写内容"),
      el("input", { type: "file", accept: ".json,application/json", hidden: "", "data-fill-file": "" }),
      all, button({ "data-fill-clear": "" }, "清空本页填写"), button({ "data-fill-undo": "", hidden: "" }, "撤销")
    ].forEach(function (n) { actions.appendChild(n); });
    panel.appendChild(actions);
    panel.appendChild(el("p", { "class": "fill-dock__note" }, "同名的占位符各模板共用；日期同一会议共用；标题、讲话人按模板保存，“清空本页填写”只清空它们。内容只存在本机浏览器，不上传；换电脑用“导出”“导入”。"));
  }

  function inDock(page, sel) { return page.dock.querySelector(sel); }

  /** Whether the last 清空 (fill-transfer.js keeps its undo in storage) was on this page. */
  function cleared(page) {
    try { return JSON.parse(localStorage.getItem("xuncha-speech-fill.undo")).page === page.key; } catch (e) { return false; }
  }
  function isFilled(field) { return field.hasDefault || !!kit.value(field.name); }
  function empties(page) { return page.list.filter(function (f) { return !isFilled(f); }); }

  /** The field the dock's input is for: the one chosen last, else the first empty one. */
  function shown(page) { return page.current || empties(page)[0] || page.list[0]; }

  kit.onRefresh("fill-dock", function (page) {
    if (!page.dock) return;
    var empty = empties(page), current = shown(page);
    inDock(page, "[data-fill-open]").textContent = empty.length ? "填写占位符（未填 " + empty.length + " 项）" : "填写占位符（已全部填写）";
    if (!inDock(page, "[data-fill-input]")) return; // never opened yet: only its button is there
    inDock(page, ".fill-dock__label").textContent = "【" + current.name + "】";
    var input = inDock(page, "[data-fill-input]");
    input.dataset.phInput = current.name;
    input.placeholder = current.hasDefault ? "默认：" + current.original.textContent : current.example ? "例：" + current.example : "";
    if (input !== document.activeElement || input.dataset.shown !== current.name) {
      input.value = kit.value(current.name);
      input.dataset.shown = current.name;
    }
    var where = current.nodes.length > 1 ? "（本页 " + current.nodes.length + " 处）" : "";
    inDock(page, ".fill-dock__hint").textContent = current.hint + where;
    inDock(page, "[data-fill-toggle]").textContent = empty.length ? "未填 " + empty.length + " 项" : "清单";
    if (inDock(page, ".fill-dock__panel").hidden) return; // the list is drawn while it is open
    inDock(page, "[data-speech-indent]").checked = kit.indent();
    inDock(page, ".fill-dock__summary").textContent = "共 " + page.list.length + " 项，已填写 " + (page.list.length - empty.length) + " 项，未填写 " + empty.length + " 项。点名称跳到那一处。";
    var list = inDock(page, ".fill-dock__list");
    list.textContent = "";
    page.list.forEach(function (f) {
      var item = el("li"), go = button({ "class": "fill-dock__item" + (isFilled(f) ? "" : " is-empty"), "data-fill-goto": f.name });
      go.appendChild(el("strong", {}, f.name));
      go.appendChild(el("span", {}, kit.value(f.name) || (f.hasDefault ? "默认" : "未填写")));
      item.appendChild(go);
      list.appendChild(item);
    });
  });

  function setOpen(page, open) {
    if (open) completeDock(page);
    page.open = open;
    page.dock.classList.toggle("is-collapsed", !open);
    if (!open) { togglePanel(page, false); kit.refresh(); }
  }

  function togglePanel(page, open) {
    var panel = inDock(page, ".fill-dock__panel");
    if (!panel) return; // the dock was never opened
    if (open) buildPanel(panel);
    if (open && cleared(page)) transfer("showUndo", page); // 清空 was here: undo
    panel.hidden = !open;
    inDock(page, "[data-fill-toggle]").setAttribute("aria-expanded", String(open));
    if (open) kit.refresh();
  }

  /** Make `field` current: open the dock, focus its input, and bring its first visible slot into view if asked. */
  function goTo(page, field, scroll, from) {
    if (!field) return;
    page.current = field;
    if (from) page.returnTo = from;
    setOpen(page, true);
    kit.refresh();
    var slot = field.nodes.filter(function (n) { return n.getClientRects().length; })[0];
    if (scroll && slot) slot.scrollIntoView({ block: "center" });
    var input = inDock(page, "[data-fill-input]");
    input.focus({ preventScroll: true });
    input.select();
    inDock(page, "[data-fill-live]").textContent = "第 " + (page.list.indexOf(field) + 1) + " 项，共 " + page.list.length + " 项：" + field.name;
  }

  /** The first empty field after the current one, wrapping round; null when all are filled. */
  function nextEmpty(page) {
    var n = page.list.length, at = page.list.indexOf(page.current);
    for (var i = 1; i <= n; i++) {
      var f = page.list[(at + i + n) % n];
      if (!isFilled(f) && f !== page.current) return f;
    }
    return null;
  }

  function advance(page) {
    var next = nextEmpty(page);
    if (next) return goTo(page, next, true);
    kit.refresh();
    kit.announce("本页 " + page.list.length + " 项都已填写：可以复制全文，或下载已填写的 Word");
  }

  function back(page) {
    var at = page.list.indexOf(page.current);
    goTo(page, page.list[(at - 1 + page.list.length) % page.list.length], true);
  }

  /** Put the dock away and return to where the user came from (the placeholder in the text). */
  function closeDock(page) {
    setOpen(page, false);
    var target = page.returnTo && document.contains(page.returnTo) ? page.returnTo : inDock(page, "[data-fill-open]");
    page.returnTo = null;
    target.focus();
  }

  function changed() { kit.save(); kit.refresh(); }

  /** 清空, 撤销, 导出 and 导入 are rare: fill-transfer.js is loaded on the first of them. */
  function transfer(action, page, arg) {
    kit.require("fill-transfer").then(function () { kit.transfer[action](page, arg); },
      function () { kit.announce("没能加载这项功能：请刷新页面再试"); });
  }

  /* ---- listeners, for whichever page is on show ---- */

  function onInput(e) {
    var page = kit.page();
    if (!e.target.hasAttribute || !e.target.hasAttribute("data-fill-input") || e.isComposing || !page.dock) return;
    var field = page.current = shown(page);
    if (page.undo) kit.transfer.dropUndo(page); // a 导入's undo ends here (a 清空's does not)
    kit.setValue(field.name, e.target.value);
    changed();
  }
  document.addEventListener("input", onInput);
  document.addEventListener("compositionend", onInput);

  document.addEventListener("change", function (e) {
    var t = e.target;
    if (t.hasAttribute && t.hasAttribute("data-speech-indent")) { kit.setIndent(t.checked); changed(); }
    if (t.hasAttribute && t.hasAttribute("data-fill-file") && t.files && t.files[0]) { transfer("importFile", kit.page(), t.files[0]); t.value = ""; }
  });

  document.addEventListener("click", function (e) {
    var t = e.target.closest ? e.target : e.target.parentNode;
    var b = t.closest("button, .ph[role=button]"), page = kit.page();
    if (!b || !page.dock) return;
    if (b.matches(".ph")) return goTo(page, page.byName[b.dataset.ph], false, b);
    if (b.dataset.fillGoto) { togglePanel(page, false); return goTo(page, page.byName[b.dataset.fillGoto], true, b.matches(".speech-head-edit") ? b : null); }
    if (b.hasAttribute("data-fill-open")) return goTo(page, page.current && !isFilled(page.current) ? page.current : nextEmpty(page) || page.list[0], true);
    if (b.hasAttribute("data-fill-next")) return advance(page);
    if (b.hasAttribute("data-fill-prev")) return back(page);
    if (b.hasAttribute("data-fill-close")) return closeDock(page);
    if (b.hasAttribute("data-fill-toggle")) return togglePanel(page, inDock(page, ".fill-dock__panel").hidden);
    if (b.hasAttribute("data-fill-clear")) return transfer("clearPage", page, inDock(page, "[data-fill-clear-shared]").checked);
    if (b.hasAttribute("data-fill-undo")) return transfer("undo", page);
    if (b.hasAttribute("data-fill-export")) return transfer("exportValues", page);
    if (b.hasAttribute("data-fill-import")) return inDock(page, "[data-fill-file]").click(); // now: a file picker needs the click
  });

  document.addEventListener("keydown", function (e) {
    var page = kit.page();
    if (!page.dock) return;
    if (e.key === "Escape") { // outside the dock: highlight and focus ring go
      if (page.dock.contains(e.target)) return page.dock.classList.contains("is-collapsed") || closeDock(page);
      setOpen(page, false);
      if (e.target.matches && e.target.matches(".ph")) e.target.blur();
      return;
    }
    if (e.target.hasAttribute && e.target.hasAttribute("data-fill-input") && e.key === "Enter" && !e.isComposing && e.keyCode !== 229) {
      e.preventDefault();
      return e.shiftKey ? back(page) : advance(page);
    }
    var ph = e.target.closest && e.target.closest(".ph[role=button]");
    if (ph && (e.key === "Enter" || e.key === " ")) { e.preventDefault(); goTo(page, page.byName[ph.dataset.ph], false, ph); }
  });

  return function setup(page) {
    var mount = page.root.querySelector("[data-fill-panel]");
    if (!mount || !page.list.length) return;
    page.dock = buildDock(mount);
    kit.decorate(page, page.root);
    page.list.forEach(function (f) { // a default title: edited from here
      if (f.line && f.hasDefault && f.line === f.line.parentNode.firstElementChild) {
        f.line.parentNode.insertBefore(button({ "class": "speech-button speech-head-edit", "data-fill-goto": f.name }, "修改标题"), f.line.nextSibling);
      }
    });
    kit.refresh();
  };
});
