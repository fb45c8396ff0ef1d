/**
 * placeholders.js: the slots (span.ph[data-ph]): fields in reading order, values put in (not on the
 * placeholder index, which lists names), reachable with Tab, described by a tooltip and aria-description;
 * kit.fillSlots does the same for slots put in later (notes, opened folds) and redraws the page.
 */
speechKit.part("placeholders", function (kit) {
  "use strict";
  var tip, tipFor, tipTimer;
  // a page swapped in by instant navigation, even one without our scripts, takes the tip away with its slot
  var gone = new MutationObserver(function () { if (tipFor && !tipFor.isConnected) hideTip(); });

  function fills(page) { return !!page.root.querySelector("[data-fill-panel], .speech, .speech-excerpt"); }

  function show(page, ph) {
    var v = kit.value(ph.dataset.ph), text = v || "【" + ph.dataset.ph + "】";
    if (ph.textContent !== text) ph.textContent = text; // text only: values are never parsed as HTML
    ph.classList.toggle("ph--filled", !!v);
    ph.classList.toggle("is-current", !!(page.open && page.current && page.current.name === ph.dataset.ph));
  }

  kit.onRefresh("placeholders", function (page) {
    if (fills(page)) kit.$$(".ph[data-ph]", page.root).forEach(function (ph) { show(page, ph); });
  });

  /** Slots under `root` take focus and say what they are (aria-description: no element per hint);
   * a name the dock fills makes its slot a button. */
  kit.decorate = function (page, root) {
    kit.$$(".ph[data-ph]", root).forEach(function (ph) {
      ph.tabIndex = 0;
      ph.setAttribute("aria-description", kit.hint(ph));
      if (page.dock && page.byName[ph.dataset.ph]) ph.setAttribute("role", "button");
    });
  };

  /** Slots put into the page later (a note, an opened fold): decorated, then the page redrawn so they
   * show their values and its level words the level chosen (level-switch.js). */
  kit.fillSlots = function (root) {
    var page = kit.page();
    if (!fills(page)) return;
    kit.decorate(page, root);
    kit.refresh();
  };

  function showTip(ph) {
    clearTimeout(tipTimer);
    if (!tip) {
      tip = kit.el("div", { id: "ph-tip", "class": "ph-tip", role: "tooltip", hidden: "" });
      tip.addEventListener("mouseenter", function () { clearTimeout(tipTimer); });
      tip.addEventListener("mouseleave", hideTipSoon);
      document.body.appendChild(tip);
    }
    tipFor = ph;
    tip.textContent = "";
    tip.appendChild(kit.el("strong", {}, "【" + ph.dataset.ph + "】"));
    if (ph.dataset.phDesc) tip.appendChild(kit.el("span", {}, ph.dataset.phDesc));
    if (ph.dataset.phExample) tip.appendChild(kit.el("span", {}, "例：" + ph.dataset.phExample));
    var v = kit.value(ph.dataset.ph);
    if (v && ph.textContent !== v) tip.appendChild(kit.el("span", {}, "已填写：" + v));
    tip.hidden = false;
    gone.observe(document.body, { childList: true, subtree: true });
    var r = ph.getBoundingClientRect(), w = tip.offsetWidth;
    var left = Math.max(8, Math.min(r.left, document.documentElement.clientWidth - w - 8));
    tip.style.left = left + window.scrollX + "px";
    tip.style.top = r.bottom + window.scrollY + 6 + "px";
  }

  function hideTip() { clearTimeout(tipTimer); gone.disconnect(); if (tip) tip.hidden = true; tipFor = null; }
  function hideTipSoon() { clearTimeout(tipTimer); tipTimer = setTimeout(hideTip, 200); }

  document.addEventListener("mouseover", function (e) {
    var ph = e.target.closest && e.target.closest(".ph[data-ph]");
    if (ph && ph !== tipFor) showTip(ph);
    else if (ph) clearTimeout(tipTimer);
  });
  document.addEventListener("mouseout", function (e) {
    if (e.target.closest && e.target.closest(".ph[data-ph]")) hideTipSoon();
  });
  document.addEventListener("focusin", function (e) {
    var ph = e.target.closest && e.target.closest(".ph[data-ph]");
    if (ph) showTip(ph); else if (tipFor) hideTip();
  });
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") hideTip(); });

  return function setup(page) {
    hideTip();
    kit.$$(".speech-text .ph[data-ph]", page.root).forEach(function (ph) {
      var name = ph.dataset.ph;
      if (page.byName[name]) return page.byName[name].nodes.push(ph);
      page.byName[name] = { name: name, scope: ph.dataset.phScope || "shared", hint: kit.hint(ph), example: ph.dataset.phExample || "", nodes: [ph], hasDefault: false };
      page.list.push(page.byName[name]);
    });
    kit.decorate(page, page.root);
    kit.refresh();
  };
});
