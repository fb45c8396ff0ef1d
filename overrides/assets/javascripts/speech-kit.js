/**
 * speech-kit.js: the namespace our parts share (window.speechKit), the wait for their scripts, and the page on show.
 * How pages load parts, and why not Material's document$: README.md in this folder.
 */
(function () {
  "use strict";
  var me = document.currentScript;
  // Run again: Material's instant navigation swapped in a page that lists this script and re-ran it.
  // That is our signal to set the page up, so no part needs Material's document$.
  if (window.speechKit) return window.speechKit.load(me);

  var factories = {}, loading = {}, waiting = {}, refreshers = {}, current = null, uid = 0, statusTimer;
  var ASSETS = me ? me.src.replace(/javascripts\/[^\/]*$/, "") : "assets/";

  function $$(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text != null) node.textContent = text;
    return node;
  }

  function content() { return document.querySelector(".md-content__inner") || document.body; }

  /** The live region for what the scripts announce, shown as a toast too; made before any message. */
  function status() {
    var node = document.getElementById("speech-status");
    if (!node) {
      node = el("div", { id: "speech-status", "class": "speech-status", role: "status", "aria-live": "polite", "aria-atomic": "true" });
      document.body.appendChild(node);
    }
    return node;
  }

  /** Load a script; `ordered` ones run in the order they were asked for (async = false). */
  function loadScript(src, ordered) {
    return new Promise(function (resolve, reject) {
      var s = el("script", { src: src });
      s.async = !ordered;
      s.onload = resolve;
      s.onerror = function () { reject(new Error(src)); };
      document.head.appendChild(s);
    });
  }

  /** Set up the page on show with its parts, in the page's order, each once. */
  function start(names) {
    var page = kit.page();
    page.parts = names;
    status();
    names.forEach(function (name) {
      if (page.done[name] || !factories[name]) return;
      page.done[name] = true;
      factories[name](page);
    });
  }

  var kit = window.speechKit = {
    $$: $$,
    el: el,
    assets: ASSETS,
    loadScript: loadScript,
    uid: function () { return ++uid; },

    /** What a placeholder or head line asks for: data-ph-desc, then 例：data-ph-example. */
    hint: function (node) {
      var text = node.dataset.phDesc || "";
      if (node.dataset.phExample) text += (text ? " " : "") + "例：" + node.dataset.phExample;
      return text;
    },

    button: function (attrs, text) {
      return el("button", Object.assign({ type: "button", "class": "speech-button" }, attrs), text);
    },

    /** The page on show: its content root, the speech's slug and meeting, its fill-in fields (speech-head.js, placeholders.js). */
    page: function () {
      var root = content();
      if (!current || current.root !== root) {
        var speech = root.querySelector(".speech[data-speech]");
        current = { root: root, slug: speech ? speech.dataset.speech : "", meeting: speech ? speech.dataset.speechMeeting || "" : "",
          key: speech ? speech.dataset.speech : location.pathname, parts: [], list: [], byName: {}, done: {} };
      }
      return current;
    },

    /** A part, registered: at once if it has, when its own <script> in the page has run (the page
     * names its parts there, so they load beside this one, not after it), else loaded now (once,
     * again after a failure). */
    require: function (name) {
      if (factories[name]) return Promise.resolve();
      if (!loading[name]) {
        var inPage = $$("script[data-speech-part]").some(function (t) { return t.getAttribute("data-speech-part") === name; }); // compared, never built into a selector
        loading[name] = new Promise(function (resolve, reject) {
          waiting[name] = { resolve: resolve, reject: reject };
          if (!inPage) loadScript(ASSETS + "javascripts/" + name + ".js", true).catch(reject);
        }).catch(function (e) { delete loading[name]; throw e; });
      }
      return loading[name];
    },

    /** Load the parts `script` names, in order, then set up its page if it is still on show. */
    load: function (script) {
      if (!script) return;
      var names = (script.getAttribute("data-speech-parts") || "").split(/\s+/).filter(Boolean);
      Promise.all(names.map(function (name) {
        return kit.require(name).catch(function () { /* set up the others */ });
      })).then(function () { if (script.isConnected) start(names); });
    },

    /** Called by each part's script: keep its setup (the factory runs once). */
    part: function (name, factory) {
      if (!Object.prototype.hasOwnProperty.call(factories, name)) factories[name] = factory(kit) || function () {};
      if (waiting[name]) { waiting[name].resolve(); delete waiting[name]; }
    },

    /** What a part redraws when values change; refresh() runs them in the page's order of parts. */
    onRefresh: function (name, fn) { refreshers[name] = fn; },
    refresh: function () {
      var page = kit.page();
      page.parts.forEach(function (name) { if (refreshers[name]) refreshers[name](page); });
    },

    announce: function (message) {
      var node = status();
      node.textContent = ""; // emptied first so that the same message is announced again
      setTimeout(function () { node.textContent = message; }, 50);
      node.classList.add("is-visible");
      clearTimeout(statusTimer);
      statusTimer = setTimeout(function () { node.classList.remove("is-visible"); node.textContent = ""; }, 8000);
    }
  };

  // a part's own <script> that fails to load: give up on it, set up the others
  document.addEventListener("error", function (e) {
    var name = e.target && e.target.getAttribute && e.target.getAttribute("data-speech-part");
    if (name && waiting[name]) { waiting[name].reject(new Error(name)); delete waiting[name]; }
  }, true);

  kit.load(me);
})();
