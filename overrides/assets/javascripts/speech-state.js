/**
 * speech-state.js: the values filled in, in localStorage (format and migration: README.md), shared
 * by name, by the speeches of one meeting, or kept per template. They never leave the browser except
 * as an exported file.
 */
speechKit.part("speech-state", function (kit) {
  "use strict";
  var STORE = "xuncha-speech-fill";
  var VERSION = 3;

  function strings(obj) {
    var out = {};
    if (obj && typeof obj === "object") Object.keys(obj).forEach(function (k) { if (typeof obj[k] === "string") out[k] = obj[k]; });
    return out;
  }

  function keyed(obj) {
    var out = {};
    if (obj && typeof obj === "object") Object.keys(obj).forEach(function (key) { out[key] = strings(obj[key]); });
    return out;
  }

  /** A saved or imported state in any known version, as v3; null if it is not one. */
  function migrate(saved) {
    if (!saved || typeof saved !== "object") return null;
    var state = { v: VERSION, shared: {}, byTemplate: {}, byMeeting: {}, indent: saved.indent !== false };
    if (saved.v === 1) state.shared = strings(saved.values);
    else if (saved.v === 2 || saved.v === VERSION) {
      state.shared = strings(saved.shared);
      state.byTemplate = keyed(saved.byTemplate);
      state.byMeeting = keyed(saved.byMeeting);
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

  function has(obj, name) { return Object.prototype.hasOwnProperty.call(obj, name); }

  /** Where a name's value lives on this page: { kind: shared | template | meeting, key: slug or meeting }. */
  function place(name) {
    var page = kit.page(), field = page.byName[name], scope = field && field.scope;
    if (scope === "template" && page.slug) return { kind: "template", key: page.slug };
    if (scope === "meeting" && page.meeting) return { kind: "meeting", key: page.meeting };
    return { kind: "shared", key: "" };
  }

  function bucketAt(at, create) {
    if (at.kind === "shared") return state.shared;
    var all = at.kind === "template" ? state.byTemplate : state.byMeeting;
    if (!all[at.key] && create) all[at.key] = {};
    return all[at.key] || {};
  }

  function bucket(name, create) {
    var at = place(name), b = bucketAt(at, create), own = state.byTemplate[kit.page().slug];
    if (at.kind === "meeting" && !has(b, name) && own && has(own, name)) { // v2 kept the date per template
      b = bucketAt(at, true);
      b[name] = own[name];
      delete own[name];
    }
    return b;
  }

  kit.value = function (name) {
    var b = bucket(name);
    return has(b, name) ? b[name].trim() : "";
  };
  kit.setValue = function (name, v) {
    if (v) bucket(name, true)[name] = v; else delete bucket(name)[name];
  };
  kit.place = place;
  kit.bucketAt = bucketAt;
  kit.save = function () {
    try { localStorage.setItem(STORE, JSON.stringify(state)); } catch (e) { /* private mode: values last for this page only */ }
  };
  kit.indent = function () { return state.indent; };
  kit.setIndent = function (on) { state.indent = on; };
  kit.snapshot = function () { return JSON.parse(JSON.stringify(state)); }; // a copy: 撤销, and what fill-transfer.js exports or merges into
  kit.restore = function (snapshot) { state = snapshot; };

  // another tab changed the values: show them here too
  window.addEventListener("storage", function (e) {
    if (e.key === STORE) { state = load(); kit.refresh(); }
  });

  return function setup() { state = load(); }; // each page starts from what is stored
});
