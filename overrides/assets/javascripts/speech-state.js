/**
 * speech-state.js: the values filled in, in localStorage (format and migration: README.md), shared
 * by name, by the speeches of one meeting, or kept per template. They never leave the browser except
 * as an exported file. Also the undo of the last 清空本页填写, kept until the next one.
 */
speechKit.part("speech-state", function (kit) {
  "use strict";
  var STORE = "xuncha-speech-fill", UNDO = STORE + ".undo";
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
      state.byMeeting = keyed(saved.byMeeting); // v2 had none: a value now kept per meeting is adopted on first use
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

  /** Where a name's value lives on this page: { kind, key } with kind shared, template or meeting. */
  function where(name) {
    var page = kit.page(), field = page.byName[name], scope = field && field.scope;
    if (scope === "template" && page.slug) return { kind: "template", key: page.slug };
    if (scope === "meeting" && page.meeting) return { kind: "meeting", key: page.meeting };
    return { kind: "shared", key: "" };
  }

  function bucketOf(place, create) {
    if (place.kind === "shared") return state.shared;
    var all = place.kind === "template" ? state.byTemplate : state.byMeeting;
    if (!all[place.key] && create) all[place.key] = {};
    return all[place.key] || {};
  }

  function has(obj, name) { return Object.prototype.hasOwnProperty.call(obj, name); }

  function bucket(name, create) {
    var place = where(name), b = bucketOf(place, create);
    if (place.kind === "meeting" && !has(b, name)) { // kept per template before (v2, the date): the meeting takes it over
      var own = state.byTemplate[kit.page().slug];
      if (own && has(own, name)) {
        b = bucketOf(place, true);
        b[name] = own[name];
        delete own[name];
      }
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
  /** Whether a name's value is this template's own (its head, 本模板) rather than shared with others. */
  kit.isOwn = function (name) { return where(name).kind === "template"; };
  kit.save = function () {
    try { localStorage.setItem(STORE, JSON.stringify(state)); } catch (e) { /* private mode: values last for this page only */ }
  };
  kit.indent = function () { return state.indent; };
  kit.setIndent = function (on) { state.indent = on; };
  kit.snapshot = function () { return JSON.parse(JSON.stringify(state)); };
  kit.restore = function (snapshot) { state = snapshot; };

  /** Remove a name's value on this page; returns what was removed ({ kind, key, name, value }) or null. */
  kit.take = function (name) {
    var place = where(name), b = bucket(name);
    if (!has(b, name) || !b[name].trim()) return null;
    var taken = { kind: place.kind, key: place.key, name: name, value: b[name] };
    delete b[name];
    return taken;
  };

  /** Put taken values back where they were, each only where nothing has been typed since; how many. */
  kit.putBack = function (entries) {
    var count = 0;
    entries.forEach(function (e) {
      var b = bucketOf({ kind: e.kind, key: e.key }, true);
      if (!has(b, e.name) || !b[e.name].trim()) { b[e.name] = e.value; count++; }
    });
    return count;
  };

  /** The undo of the last 清空 ({ page, entries }), kept in storage until the next 清空; null for none. */
  kit.clearUndo = function (pageKey) {
    var saved = null;
    try { saved = JSON.parse(localStorage.getItem(UNDO) || "null"); } catch (e) { /* unreadable: no undo */ }
    return saved && saved.page === pageKey && Array.isArray(saved.entries) ? saved : null;
  };
  kit.setClearUndo = function (record) {
    try {
      if (record) localStorage.setItem(UNDO, JSON.stringify(record)); else localStorage.removeItem(UNDO);
    } catch (e) { /* private mode: the undo lasts for this page only */ }
  };

  /** For the export file (fill-transfer.js): every value of every template and meeting. */
  kit.stored = function () { return { shared: state.shared, byTemplate: state.byTemplate, byMeeting: state.byMeeting }; };

  /** Add checked values from an export file; returns how many there were. */
  kit.merge = function (got) {
    var count = Object.keys(got.shared).length;
    Object.assign(state.shared, got.shared);
    [["byTemplate", got.byTemplate], ["byMeeting", got.byMeeting || {}]].forEach(function (pair) {
      Object.keys(pair[1]).forEach(function (key) {
        state[pair[0]][key] = Object.assign(state[pair[0]][key] || {}, pair[1][key]);
        count += Object.keys(pair[1][key]).length;
      });
    });
    return count;
  };

  // another tab changed the values: show them here too
  window.addEventListener("storage", function (e) {
    if (e.key === STORE) { state = load(); kit.refresh(); }
  });

  return function setup() { state = load(); }; // each page starts from what is stored
});
