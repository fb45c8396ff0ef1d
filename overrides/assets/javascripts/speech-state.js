/**
 * speech-state.js: the values filled in, in localStorage (format and migration: README.md), shared
 * by name or kept per template. They never leave the browser except as an exported file.
 */
speechKit.part("speech-state", function (kit) {
  "use strict";
  var STORE = "xuncha-speech-fill";
  var VERSION = 2;

  function strings(obj) {
    var out = {};
    if (obj && typeof obj === "object") Object.keys(obj).forEach(function (k) { if (typeof obj[k] === "string") out[k] = obj[k]; });
    return out;
  }

  /** A saved or imported state in any known version, as v2; null if it is not one. */
  function migrate(saved) {
    if (!saved || typeof saved !== "object") return null;
    var state = { v: VERSION, shared: {}, byTemplate: {}, indent: saved.indent !== false };
    if (saved.v === 1) state.shared = strings(saved.values);
    else if (saved.v === VERSION) {
      state.shared = strings(saved.shared);
      Object.keys(saved.byTemplate || {}).forEach(function (slug) { state.byTemplate[slug] = strings(saved.byTemplate[slug]); });
    } else return null;
    return state;
  }

  function load() {
    var raw = null;
    try { raw = localStorage.getItem(STORE); } catch (e) { /* storage blocked: start empty */ }
    if (raw == null) return migrate({ v: VERSION });
    var state = null;
    try { state = migrate(JSON.parse(raw)); } catch (e) { /* unreadable: kept aside below */ }
    if (!state) {
      try { localStorage.setItem(STORE + ".unreadable", raw); } catch (e) { /* nothing more we can do */ }
      state = migrate({ v: VERSION });
    }
    return state;
  }

  var state = load();

  /** Where a name's value lives on this page: per template for the head and data-ph-scope="template". */
  function bucket(name, create) {
    var page = kit.page(), field = page.byName[name];
    if (!field || field.scope !== "template" || !page.slug) return state.shared;
    if (!state.byTemplate[page.slug] && create) state.byTemplate[page.slug] = {};
    return state.byTemplate[page.slug] || {};
  }

  kit.value = function (name) {
    var b = bucket(name);
    return Object.prototype.hasOwnProperty.call(b, name) ? b[name].trim() : "";
  };
  kit.setValue = function (name, v) {
    if (v) bucket(name, true)[name] = v; else delete bucket(name)[name];
  };
  kit.save = function () {
    try { localStorage.setItem(STORE, JSON.stringify(state)); } catch (e) { /* private mode: values last for this page only */ }
  };
  kit.indent = function () { return state.indent; };
  kit.setIndent = function (on) { state.indent = on; };
  kit.snapshot = function () { return JSON.parse(JSON.stringify(state)); };
  kit.restore = function (snapshot) { state = snapshot; };

  /** The values template `slug`'s own page fills in, from any page: shared ones, and its own for the
   *  names in `scoped` (the head's and data-ph-scope="template" ones). For 下载整场会议 (meeting-word.js). */
  kit.valuesOf = function (slug, scoped) {
    var out = {}, own = state.byTemplate[slug] || {};
    Object.keys(state.shared).forEach(function (name) {
      if (scoped.indexOf(name) < 0 && state.shared[name].trim()) out[name] = state.shared[name].trim();
    });
    scoped.forEach(function (name) { if (own[name] && own[name].trim()) out[name] = own[name].trim(); });
    return out;
  };

  /** For the export file (fill-transfer.js): every value of every template. */
  kit.stored = function () { return { shared: state.shared, byTemplate: state.byTemplate }; };

  /** Add checked values from an export file; returns how many there were. */
  kit.merge = function (got) {
    var count = Object.keys(got.shared).length;
    Object.assign(state.shared, got.shared);
    Object.keys(got.byTemplate).forEach(function (slug) {
      state.byTemplate[slug] = Object.assign(state.byTemplate[slug] || {}, got.byTemplate[slug]);
      count += Object.keys(got.byTemplate[slug]).length;
    });
    return count;
  };

  // another tab changed the values: show them here too
  window.addEventListener("storage", function (e) {
    if (e.key === STORE) { state = load(); kit.refresh(); }
  });

  return function setup() { state = load(); }; // each page starts from what is stored
});
