/**
 * search-worker.js: the worker Material starts for its search box on every page load (it cannot be
 * told to wait). It answers Material's start-up itself (SETUP → READY, the empty query that each page
 * sends) and loads the search (phrase-search.js, beside it) only at the first real query, handing it
 * what came before. A page that is only read costs this file, not the search.
 * Under file:// the iframe-worker shim runs this in a hidden frame: importScripts is the shim's, which
 * resolves against the page, so the search's address comes from this script's own.
 */
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
var held = []; // messages for the search, until it has loaded (then null)
var loading = false;
var here = typeof document === "object" && document.currentScript ? document.currentScript.src : self.location.href;

function start() {
  if (loading) return;
  loading = true;
  var post = self.postMessage;
  self.postMessage = function (message) { // Material was told READY at SETUP already
    if (!(message && message.type === READY)) post.apply(self, arguments);
  };
  Promise.resolve(importScripts(new URL("phrase-search.js", here).href)).then(function () {
    var replay = held;
    held = null;
    replay.forEach(function (data) { self.dispatchEvent(new MessageEvent("message", { data: data })); });
  });
}

addEventListener("message", function (ev) {
  if (!held) return; // the search answers from now on
  var message = ev.data;
  if (message.type === QUERY && !String(message.data || "").trim()) {
    postMessage({ type: RESULT, data: { items: [] } }); // the empty box at page start
    return;
  }
  held.push(message);
  if (message.type === SETUP) postMessage({ type: READY });
  else start();
});
