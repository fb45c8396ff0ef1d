/**
 * phrase-search.js: the search worker behind Material's search box (replaces Material's lunr worker).
 *
 * Chinese has no spaces, so word-based search misses words inside longer words (治党 in 全面从严治党)
 * and splits phrases (两个维护 → 两个). This worker matches the typed text itself as a substring of
 * every page, so every page that contains what was typed is found; pages with the whole phrase rank
 * first; the whole phrase is highlighted.
 *
 * The online build gives Material an index with no docs (Material would fetch, parse and post the whole
 * index on the page's main thread at every page load): the worker fetches PHRASE_INDEX itself at the
 * first query. The intranet build (file://, where a worker cannot fetch) sends the docs with SETUP.
 *
 * Protocol (Material's src/templates/assets/javascripts/integrations/search/worker/message):
 *   in:  { type: 0 SETUP, data: { config, docs: [{ location, title, text }], options } }
 *   out: { type: 1 READY }
 *   in:  { type: 2 QUERY, data: "typed text" }
 *   out: { type: 3 RESULT, data: { items: [[ { location, title, text, score, terms }, … ], …] } }
 * Each inner list is one page: its sections with the best first, and the page itself. `terms` maps
 * each typed word to whether it was found; Material builds the ?h= highlight link from it.
 */
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
var SNIPPETS = 2; // blocks of text shown under a result
var BEFORE = 30, AFTER = 90; // characters of context around the first match in a block
var MAX_PAGES = 200;

var pages = []; // [{ path, docs: [{ location, title, text, blocks, haystack }] }]
var PHRASE_INDEX = "../../../search/phrase_index.json"; // from assets/javascripts/workers/ (overrides/hooks/search_index.py)
var loading = null; // the fetch of PHRASE_INDEX, started by the first query when SETUP carried no docs

var ENTITIES = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": "\"", "&#39;": "'", "&#x27;": "'" };

function unescape(s) {
  return s.replace(/&(amp|lt|gt|quot|#39|#x27);/g, function (m) { return ENTITIES[m]; });
}

function escape(s) {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Index HTML (p, li, code… kept by Material's indexer) → plain blocks of text. */
function blocksOf(html) {
  return unescape(html.replace(/\u200b/g, "").replace(/<[^>]*>/g, "\n"))
    .split("\n")
    .map(function (b) { return b.replace(/\s+/g, " ").trim(); })
    .filter(Boolean);
}

function setup(data) {
  var byPath = {};
  pages = [];
  (data.docs || []).forEach(function (doc) {
    var path = doc.location.split("#")[0];
    var page = byPath[path];
    if (!page) {
      page = byPath[path] = { path: path, docs: [] };
      pages.push(page);
    }
    var title = blocksOf(doc.title || "").join(" ");
    var blocks = blocksOf(doc.text || "");
    page.docs.push({
      location: doc.location,
      title: title,
      blocks: blocks,
      lowTitle: title.toLowerCase(),
      lowBlocks: blocks.map(function (b) { return b.toLowerCase(); })
    });
  });
}

function count(haystack, needle, cap) {
  var n = 0, at = haystack.indexOf(needle);
  while (at >= 0 && n < cap) { n++; at = haystack.indexOf(needle, at + needle.length); }
  return n;
}

/** Split what was typed into words; the phrase is the words as typed (and without spaces, for Chinese). */
function parse(query) {
  var words = query.replace(/\u200b/g, "").trim().split(/[\s\u3000]+/).filter(Boolean);
  var seen = {}, unique = [];
  words.forEach(function (w) {
    var low = w.toLowerCase();
    if (!seen[low]) { seen[low] = true; unique.push(w); }
  });
  var low = unique.map(function (w) { return w.toLowerCase(); });
  var phrases = [low.join(" ")];
  if (low.length > 1) phrases.push(low.join(""));
  return { words: unique, low: low, phrases: phrases };
}

function scoreDoc(doc, q) {
  var score = 0, text = doc.lowBlocks.join("\n");
  q.phrases.forEach(function (p) {
    score += 60 * count(doc.lowTitle, p, 5) + 6 * count(text, p, 20);
  });
  q.low.forEach(function (w) {
    score += 8 * count(doc.lowTitle, w, 5) + count(text, w, 20);
  });
  return score;
}

/** `text` with every occurrence of the words marked, escaped for HTML. */
function mark(text, q) {
  var low = text.toLowerCase(), out = "", at = 0;
  var needles = q.phrases.concat(q.low).sort(function (a, b) { return b.length - a.length; });
  while (at < text.length) {
    var best = -1, len = 0;
    for (var i = 0; i < needles.length; i++) {
      var j = low.indexOf(needles[i], at);
      if (j >= 0 && (best < 0 || j < best || (j === best && needles[i].length > len))) { best = j; len = needles[i].length; }
    }
    if (best < 0) break;
    out += escape(text.slice(at, best)) + "<mark>" + escape(text.slice(best, best + len)) + "</mark>";
    at = best + len;
  }
  return out + escape(text.slice(at));
}

/** Up to SNIPPETS blocks that hold a match (whole phrase first), cut around the first match. */
function teaser(doc, q) {
  var hits = [];
  doc.lowBlocks.forEach(function (block, i) {
    var phrase = q.phrases.some(function (p) { return block.indexOf(p) >= 0; });
    var first = -1;
    q.phrases.concat(q.low).forEach(function (w) {
      var j = block.indexOf(w);
      if (j >= 0 && (first < 0 || j < first)) first = j;
    });
    if (first >= 0) hits.push({ i: i, phrase: phrase, first: first });
  });
  hits.sort(function (a, b) { return (b.phrase - a.phrase) || (a.i - b.i); });
  return hits.slice(0, SNIPPETS).map(function (hit) {
    var block = doc.blocks[hit.i];
    var start = Math.max(0, hit.first - BEFORE), end = Math.min(block.length, hit.first + AFTER);
    var cut = block.slice(start, end);
    return "<p>" + (start > 0 ? "…" : "") + mark(cut, q) + (end < block.length ? "…" : "") + "</p>";
  }).join("");
}

function search(query) {
  var q = parse(query);
  if (!q.low.length) return { items: [] };
  var groups = [];
  pages.forEach(function (page) {
    var all = page.docs.map(function (d) { return d.lowTitle + "\n" + d.lowBlocks.join("\n"); }).join("\n");
    for (var k = 0; k < q.low.length; k++) if (all.indexOf(q.low[k]) < 0) return; // every word, somewhere on the page
    var phrase = q.phrases.some(function (p) { return all.indexOf(p) >= 0; });
    var items = [], article = null;
    page.docs.forEach(function (doc) {
      var score = scoreDoc(doc, q);
      var isArticle = doc.location === page.path;
      if (score <= 0 && !isArticle) return;
      var item = {
        location: doc.location,
        title: mark(doc.title, q),
        text: score > 0 ? teaser(doc, q) : "",
        score: score,
        terms: {}
      };
      q.words.forEach(function (w) { item.terms[w] = true; });
      if (isArticle) article = item;
      if (score > 0) items.push(item);
    });
    items.sort(function (a, b) { return b.score - a.score; });
    if (article && items.indexOf(article) < 0) items.push(article);
    if (!items.length) return;
    groups.push({ rank: (phrase ? 100000 : 0) + items[0].score, items: items });
  });
  groups.sort(function (a, b) { return b.rank - a.rank; });
  return { items: groups.slice(0, MAX_PAGES).map(function (g) { return g.items; }) };
}

/** Resolves once there are pages to search: at once, or after fetching PHRASE_INDEX (a failed fetch
 * answers with no results and is tried again at the next query). */
function loaded() {
  if (pages.length || typeof fetch !== "function") return Promise.resolve();
  if (!loading) {
    loading = fetch(new URL(PHRASE_INDEX, self.location.href).href)
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(setup)
      .catch(function () { loading = null; });
  }
  return loading;
}

if (typeof addEventListener === "function") addEventListener("message", function (ev) {
  var message = ev.data;
  if (message.type === SETUP) {
    setup(message.data);
    postMessage({ type: READY });
  } else if (message.type === QUERY) {
    var query = String(message.data || "");
    if (!parse(query).low.length) { // Material asks with the empty box as each page starts: no need to load
      postMessage({ type: RESULT, data: { items: [] } });
      return;
    }
    loaded().then(function () { postMessage({ type: RESULT, data: search(query) }); });
  }
});

if (typeof module === "object" && module.exports) module.exports = { setup: setup, search: search }; // for node (benchmark)
