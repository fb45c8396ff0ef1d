/**
 * phrase-search.js: the search worker behind Material's search box (replaces Material's lunr worker).
 *
 * A query is split into terms: on spaces, then on the longest words of a word list (jieba's dictionary
 * restricted to our text, plus the registries' own words; data/search_words.yml). Each term is matched
 * as a substring, so 治党 still finds 全面从严治党 and nothing is lost to word boundaries. A page must
 * hold every term (AND); when no page does, the pages holding some of them are listed (OR), and the
 * first line says so. A term also matches its synonyms (data/search_synonyms.yml: 县委 → 区委…) and
 * a broader word (县委 → 党委), ranked after the term itself and named in the first line (含近义词). Single characters left between
 * words are optional: they rank, but a page need not hold them.
 *
 * Ranking (weights in data/search_ranking.yml): where each term is found, title ≫ a template's front
 * matter (会议, 讲话人, 层级, 巡察类型) ≫ headings ≫ body; the whole query in one piece adds more than
 * its terms apart; how much of the title the query covers breaks ties (the full version before the
 * 简短版); generated and listing pages are scaled down, so for the same match templates and guides
 * come first. A query too short, only of stop words, found only inside 【占位符】, or found nowhere
 * gets a first line that says why and what to do instead of a list of everything or nothing.
 *
 * The first item of every answer is that line (a link to the home page's picker or the placeholder
 * index, with the lowest score so that Enter still opens the best page); Material's own count line
 * shows a fixed label (overrides/main.html), since its count would include this item.
 *
 * The online build gives Material an index with no docs (Material would fetch, parse and post the whole
 * index on the page's main thread at every page load): the worker fetches PHRASE_INDEX itself at the
 * first query. The intranet build (file://, where a worker cannot fetch) sends the docs with SETUP,
 * and the ranking data in config.phrase.
 *
 * Protocol (Material's src/templates/assets/javascripts/integrations/search/worker/message):
 *   in:  { type: 0 SETUP, data: { config, docs: [{ location, title, text }], options } }
 *   out: { type: 1 READY }
 *   in:  { type: 2 QUERY, data: "typed text" }
 *   out: { type: 3 RESULT, data: { items: [[ { location, title, text, score, terms }, … ], …] } }
 * Each inner list is one page: its sections with the best first, and the page itself. `terms` maps
 * each term to whether the page holds it; Material builds the ?h= highlight link from the found ones
 * and lists the others as missing.
 */
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
var SNIPPETS = 2; // blocks of text shown under a result
var BEFORE = 30, AFTER = 90; // characters of context around the first match in a block
var MAX_PAGES = 200;
var MAX_QUERY = 100; // characters of a query read (a pasted paragraph is not a query)
var MAX_ALTERNATIVES = 12; // spellings tried for one term: itself and its synonyms
var MAX_PHRASES = 16;
var MAX_SECTIONS = 6; // sections listed under one page (Material folds all but the best)
var OPTIONAL = 0.2; // weight of a single character left between words
var PAIR = 0.5; // weight of two terms side by side, against the whole query in one piece
var WORD = 100, SINGLE = 101; // what a piece costs when a query is split: a word, a single character
var SEPARATORS = /[\s\u3000，、。；：！？,;:!?“”"'‘’《》]+/;
var DROPPED = /[\u200b-\u200d\ufeff【】\[\]]/g; // zero-width characters, and the brackets of a pasted 【占位符】

var PHRASE_INDEX = "../../../search/phrase_index.json"; // from assets/javascripts/workers/ (overrides/hooks/search_index.py)
var loading = null; // the fetch of PHRASE_INDEX, started by the first query when SETUP carried no docs

var pages = []; // [{ path, kind, factor, title, meta, heads, body, all, docs: [{ location, title, blocks, low… }] }]
var ranking = null; // data/search_ranking.yml: weights, stop words, messages, links
var words = Object.create(null), longest = 1; // the word list: word → true
var groupOf = Object.create(null), groups = []; // synonyms: word → index of its group
var broader = Object.create(null); // word → a broader word it also finds (县委 → 党委)
var stop = Object.create(null);
var GRAM_BITS = 16; // each page keeps a 2^16-bit set of the pairs of characters it holds (8 KB a page)

var ENTITIES = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": "\"", "&#39;": "'", "&#x27;": "'" };

function unescape(s) {
  return String(s || "").replace(/&(amp|lt|gt|quot|#39|#x27);/g, function (m) { return ENTITIES[m]; });
}

var SPECIAL = /[&<>"]/, SPECIALS = /[&<>"]/g, ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;" };

function escape(s) {
  return SPECIAL.test(s) ? s.replace(SPECIALS, function (c) { return ESCAPES[c]; }) : s; // Chinese text rarely has any
}

/** Index HTML (p, li, code… kept by Material's indexer) → plain blocks of text. */
function blocksOf(html) {
  return unescape(html.replace(/\u200b/g, "").replace(/<[^>]*>/g, "\n"))
    .split("\n")
    .map(function (b) { return b.replace(/\s+/g, " ").trim(); })
    .filter(Boolean);
}

/* ---- setup ---- */

function configure(extra) {
  ranking = {
    weights: extra.weights,
    units: (extra.units || []).map(unescape),
    messages: extra.messages || {}, // HTML already (escaped at build time)
    links: {}
  };
  Object.keys(extra.links || {}).forEach(function (k) { ranking.links[k] = unescape(extra.links[k]); });
  words = Object.create(null);
  longest = 1;
  unescape(extra.words).split(" ").forEach(function (w) {
    if (w.length > 1) { words[w.toLowerCase()] = true; longest = Math.max(longest, w.length); }
  });
  groups = (extra.synonyms || []).map(function (g) { return g.map(function (w) { return unescape(w).toLowerCase(); }); });
  groupOf = Object.create(null);
  groups.forEach(function (g, i) { g.forEach(function (w) { groupOf[w] = i; words[w] = true; longest = Math.max(longest, w.length); }); });
  broader = Object.create(null);
  Object.keys(extra.broader || {}).forEach(function (w) {
    var word = unescape(w).toLowerCase();
    broader[word] = unescape(extra.broader[w]).toLowerCase();
    words[word] = true;
    longest = Math.max(longest, word.length);
  });
  stop = Object.create(null);
  (extra.stop || []).forEach(function (w) { stop[unescape(w).toLowerCase()] = true; });
  return extra.pages || {};
}

function setup(data) {
  var extra = data.phrase || (data.config && data.config.phrase);
  var records = extra ? configure(extra) : {};
  var byPath = {};
  pages = [];
  (data.docs || []).forEach(function (doc) {
    var path = doc.location.split("#")[0];
    var page = byPath[path];
    if (!page) {
      var record = records[path] || {};
      var kind = record.kind || "guide";
      page = byPath[path] = {
        path: path, kind: kind, factor: ranking ? ranking.weights.kinds[kind] : 1,
        index: pages.length, title: "", meta: unescape(record.meta).toLowerCase(), heads: [], body: [], docs: []
      };
      pages.push(page);
    }
    var title = blocksOf(doc.title || "").join(" ");
    var blocks = blocksOf(doc.text || "");
    var item = {
      location: doc.location,
      title: title,
      blocks: blocks,
      lowTitle: title.toLowerCase(),
      lowBlocks: blocks.map(function (b) { return b.toLowerCase(); })
    };
    item.lowText = item.lowBlocks.join("\n");
    item.offsets = [];
    for (var i = 0, at = 0; i < blocks.length; at += blocks[i].length + 1, i++) item.offsets.push(at);
    if (doc.location === path) page.title = item.lowTitle;
    else page.heads.push(item.lowTitle);
    page.body.push(item.lowText);
    page.docs.push(item);
  });
  pages.forEach(function (page) {
    page.heads = page.heads.join("\n");
    page.body = page.body.join("\n");
    page.all = [page.title, page.meta, page.heads, page.body].join("\n");
    page.grams = new Uint32Array(1 << (GRAM_BITS - 5));
    for (var i = 0, s = page.all, prev = s.charCodeAt(0); i < s.length - 1; i++) {
      var next = s.charCodeAt(i + 1), h = gram(prev, next);
      page.grams[h >>> 5] |= 1 << (h & 31);
      prev = next;
    }
  });
}

function gram(a, b) {
  return Math.imul((a << 16) | b, 0x9e3779b1) >>> (32 - GRAM_BITS);
}

/** For each page, whether it may hold `text` (1): its set has every pair of characters of `text`. A quick
 * test that spares most substring scans (a page it lets through by chance is then scanned); cached for
 * the query in `cache`. */
function possible(text, cache) {
  if (cache[text]) return cache[text];
  var marks = new Uint8Array(pages.length), hashes = [];
  for (var i = 0; i < text.length - 1; i++) hashes.push(gram(text.charCodeAt(i), text.charCodeAt(i + 1)));
  for (var k = 0; k < pages.length; k++) {
    var bits = pages[k].grams, ok = 1;
    for (var j = 0; j < hashes.length && ok; j++) ok = (bits[hashes[j] >>> 5] >>> (hashes[j] & 31)) & 1;
    marks[k] = ok;
  }
  return (cache[text] = marks);
}

/* ---- the query ---- */

/** The fewest pieces `part` splits into: words of the list, else single characters (which count a
 * little more than a word: 巡察|组长, not 巡察组|长); of splits that cost the same, the one whose words
 * start longest (表态发言|稿, not 表态|发言稿). */
function segment(part) {
  var n = part.length, cost = [], step = [];
  cost[n] = 0;
  for (var i = n - 1; i >= 0; i--) {
    cost[i] = cost[i + 1] + SINGLE;
    step[i] = 1;
    for (var len = Math.min(longest, n - i); len > 1; len--) {
      if (words[part.substr(i, len)] && (cost[i + len] + WORD < cost[i] || (cost[i + len] + WORD === cost[i] && step[i] === 1))) {
        cost[i] = cost[i + len] + WORD;
        step[i] = len;
      }
    }
  }
  var out = [];
  for (var at = 0; at < n; at += step[at]) out.push(part.substr(at, step[at]));
  return out;
}

/** Terms of one space-separated part: its words, stop words left out, runs of single characters
 * joined (make, 某某), a lone character kept as an optional term. */
function termsOf(part, out) {
  var run = "";
  function flush() {
    if (run) out.push({ text: run, optional: run.length < 2 });
    run = "";
  }
  segment(part).forEach(function (piece) {
    if (stop[piece]) { flush(); return; }
    if (piece.length === 1 && !words[piece]) { run += piece; return; }
    flush();
    out.push({ text: piece, optional: false });
  });
  flush();
}

/** The term and its synonyms: where a word of a synonym group occurs in the term (leftmost, longest),
 * each other word of the group in its place (factor: synonym), then its broader word (factor: broader).
 * A spelling that holds the term itself adds nothing. */
function alternatives(term) {
  var w = ranking.weights, alts = [{ text: term, factor: 1, exact: true }], seen = {};
  seen[term] = true;
  function add(text, factor) {
    if (!seen[text] && text.indexOf(term) < 0 && alts.length < MAX_ALTERNATIVES) { seen[text] = true; alts.push({ text: text, factor: factor, exact: false }); }
  }
  for (var i = 0; i < term.length && alts.length < MAX_ALTERNATIVES;) {
    var hit = "";
    for (var len = Math.min(longest, term.length - i); len > 1; len--) {
      var piece = term.substr(i, len);
      if (groupOf[piece] !== undefined || broader[piece]) { hit = piece; break; }
    }
    if (!hit) { i++; continue; }
    var before = term.slice(0, i), after = term.slice(i + hit.length);
    if (groupOf[hit] !== undefined) groups[groupOf[hit]].forEach(function (other) { add(before + other + after, w.synonym); });
    if (broader[hit]) add(before + broader[hit] + after, w.broader);
    i += hit.length;
  }
  return alts;
}

function analyse(query) {
  query = String(query).slice(0, MAX_QUERY);
  var text = query.replace(DROPPED, "").toLowerCase().trim();
  var q = { typed: query.replace(DROPPED, "").trim(), compact: text.replace(/\s+/g, ""), terms: [], phrases: [], reason: "" };
  if (!q.compact) return q;
  if (q.compact.length < ranking.weights.min_chars) { q.reason = "short"; return q; }
  var terms = [], seen = {};
  text.split(SEPARATORS).filter(Boolean).forEach(function (part) { termsOf(part, terms); });
  terms.forEach(function (t) {
    if (seen[t.text]) return;
    seen[t.text] = true;
    t.alts = alternatives(t.text);
    q.terms.push(t);
  });
  if (!q.terms.length) { q.reason = "stop"; return q; }
  if (q.terms.every(function (t) { return t.optional; })) { q.reason = "short"; return q; }
  // the whole query in one piece: as typed, its terms joined, and with one term replaced by a synonym
  var joined = q.terms.map(function (t) { return t.text; });
  var add = function (text, factor) {
    if (text.length > 1 && q.phrases.length < MAX_PHRASES && !q.phrases.some(function (p) { return p.text === text; })) q.phrases.push({ text: text, factor: factor });
  };
  add(q.compact, 1);
  add(text.replace(/\s+/g, " "), 1);
  add(joined.join(""), 1);
  q.terms.forEach(function (t, i) {
    t.alts.forEach(function (a) {
      if (!a.exact) add(joined.slice(0, i).concat([a.text], joined.slice(i + 1)).join(""), a.factor);
    });
  });
  if (joined.length > 2) joined.slice(1).forEach(function (t, i) { add(joined[i] + t, PAIR); }); // two terms side by side
  return q;
}

/* ---- ranking ---- */

function count(haystack, needle, cap) {
  var n = 0, at = haystack.indexOf(needle);
  while (at >= 0 && n < cap) { n++; at = haystack.indexOf(needle, at + needle.length); }
  return n;
}

/** The weight of the best part of `page` that holds `text` (0: nowhere). */
function placeOf(page, text, table, cache) {
  if (!possible(text, cache)[page.index] || page.all.indexOf(text) < 0) return 0;
  if (page.title.indexOf(text) >= 0) return table.title;
  if (page.meta.indexOf(text) >= 0) return table.meta;
  if (page.heads.indexOf(text) >= 0) return table.heading;
  return table.body;
}

function rankPage(page, q, cache) {
  var w = ranking.weights, score = 0, matched = 0, found = [], synonyms = [], missing = [], covered = 0;
  q.terms.forEach(function (t) {
    var best = 0, bestAlt = null, exactHere = false;
    t.alts.forEach(function (a) {
      var place = placeOf(page, a.text, w.fields, cache);
      if (!place) return;
      found.push(a.text);
      if (a.exact) exactHere = true;
      var s = place * a.factor;
      if (s > best) { best = s; bestAlt = a; }
    });
    if (!bestAlt) { if (!t.optional) missing.push(t.text); return; }
    best += w.repeat * count(page.body, bestAlt.text, w.repeat_cap) * bestAlt.factor;
    if (page.title.indexOf(bestAlt.text) >= 0) covered += bestAlt.text.length;
    if (!exactHere) synonyms.push([t.text, bestAlt.text]);
    if (t.optional) { score += OPTIONAL * best; return; }
    matched++;
    score += best;
  });
  if (!matched) return null;
  var phrase = null, bonus = 0;
  q.phrases.forEach(function (p) {
    var s = placeOf(page, p.text, w.phrase, cache) * p.factor;
    if (s > bonus) { bonus = s; phrase = p.text; }
  });
  if (phrase) found.push(phrase);
  score += bonus;
  if (page.title) score += w.title_cover * Math.min(1, covered / page.title.length);
  return { page: page, score: score * page.factor, matched: matched, found: found, synonyms: synonyms, missing: missing };
}

/** Is `text` on the templates and guides only inside 【占位符】 (and there at least once)? */
function onlyInPlaceholders(text) {
  var seen = false;
  for (var k = 0; k < pages.length; k++) {
    var page = pages[k];
    if (page.kind !== "template" && page.kind !== "guide") continue;
    if (page.title.indexOf(text) >= 0 || page.meta.indexOf(text) >= 0 || page.heads.indexOf(text) >= 0) return false;
    var body = page.body;
    for (var at = body.indexOf(text); at >= 0; at = body.indexOf(text, at + text.length)) {
      seen = true;
      var open = body.lastIndexOf("【", at), closed = body.lastIndexOf("】", at);
      var end = body.indexOf("】", at + text.length), next = body.indexOf("【", at + text.length);
      if (open <= closed || end < 0 || (next >= 0 && next < end)) return false;
    }
  }
  return seen;
}

/* ---- the answer ---- */

/** `text` with every occurrence of the needles marked, escaped for HTML. */
function mark(text, needles) {
  var low = text.toLowerCase(), out = "", at = 0;
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

/** Index of the block of `doc` that holds the character at `at` of its lowText. */
function blockAt(doc, at) {
  var low = 0, high = doc.offsets.length - 1;
  while (low < high) {
    var mid = (low + high + 1) >> 1;
    if (doc.offsets[mid] <= at) low = mid; else high = mid - 1;
  }
  return low;
}

/** Up to SNIPPETS blocks that hold a match (of the longest needle first), cut around the match. */
function teaser(doc, needles) {
  var picked = [];
  for (var k = 0; k < needles.length && picked.length < SNIPPETS; k++) {
    for (var at = doc.lowText.indexOf(needles[k]); at >= 0 && picked.length < SNIPPETS;) {
      var i = blockAt(doc, at);
      if (!picked.some(function (p) { return p.i === i; })) picked.push({ i: i, first: at - doc.offsets[i] });
      at = i + 1 < doc.offsets.length ? doc.lowText.indexOf(needles[k], doc.offsets[i + 1]) : -1;
    }
  }
  picked.sort(function (a, b) { return a.i - b.i; });
  return picked.map(function (hit) {
    var block = doc.blocks[hit.i];
    var start = Math.max(0, hit.first - BEFORE), end = Math.min(block.length, hit.first + AFTER);
    return "<p>" + (start > 0 ? "…" : "") + mark(block.slice(start, end), needles) + (end < block.length ? "…" : "") + "</p>";
  }).join("");
}

/** A section's own score: its heading and text hold which needles. */
function rankDoc(doc, needles, article) {
  var w = ranking.weights, s = 0;
  needles.forEach(function (n) {
    if (doc.lowTitle.indexOf(n) >= 0) s += n.length * (article ? w.fields.title : w.fields.heading);
    if (doc.lowText.indexOf(n) >= 0) s += n.length * (w.fields.body + w.repeat * count(doc.lowText, n, w.repeat_cap));
  });
  return s;
}

/** One page's entry: its sections with matches, best first, and the page itself. Scores go down from
 * `top` (Material's Enter opens the highest score on the list, so they must follow the page order). */
function group(hit, top) {
  var needles = hit.found.filter(function (n, i, all) { return all.indexOf(n) === i; }).sort(function (a, b) { return b.length - a.length; });
  var terms = {};
  hit.found.forEach(function (n) { terms[n] = true; });
  hit.missing.forEach(function (n) { terms[n] = false; });
  var scored = hit.page.docs.map(function (doc) {
    return { doc: doc, score: rankDoc(doc, needles, doc.location === hit.page.path), article: doc.location === hit.page.path };
  });
  var most = scored.reduce(function (m, d) { return Math.max(m, d.score); }, 0) || 1;
  var shown = scored.filter(function (d) { return d.score > 0; }).sort(function (a, b) { return b.score - a.score; }).slice(0, MAX_SECTIONS);
  if (!shown.some(function (d) { return d.article; })) shown = shown.concat(scored.filter(function (d) { return d.article; }));
  var items = shown.map(function (d) {
    return {
      location: d.doc.location,
      title: mark(d.doc.title, needles),
      text: d.score > 0 ? teaser(d.doc, needles) : "",
      score: top - 1 + d.score / most,
      terms: terms
    };
  });
  return items;
}

/** `template` (HTML from data/search_ranking.yml) with its codes filled in, escaped. */
function say(key, values) {
  return String(ranking.messages[key] || "").replace(/\{(\w+)\}/g, function (m, code) {
    return code in values ? values[code] : m;
  });
}

function quoted(list) {
  return list.map(function (t) { return "“" + escape(t) + "”"; }).join("");
}

/** The first item: what was found, or why nothing is listed. */
function summary(html, link) {
  return [{ location: ranking.links[link] || "", title: "<span class=\"search-summary\">" + html + "</span>", text: "", score: 0, terms: {} }];
}

function search(query) {
  if (!ranking) return { items: [] };
  var q = analyse(query);
  if (!q.compact) return { items: [] };
  var values = { query: escape(q.typed) };
  if (q.reason) return { items: [summary(say(q.reason, values) + say("picker", values), "picker")] };

  var hits = [], cache = Object.create(null);
  pages.forEach(function (page) {
    var hit = rankPage(page, q, cache);
    if (hit) hits.push(hit);
  });
  var required = q.terms.filter(function (t) { return !t.optional; }).length;
  var all = hits.filter(function (h) { return h.matched === required; });
  var partial = !all.length;
  var listed = partial ? hits : all;
  // one word found nowhere, not even with a synonym, ending like a unit's name (教育局): a placeholder to fill in
  var unit = !/\s/.test(q.typed) && ranking.units.some(function (u) { return q.compact.slice(-u.length) === u; }) &&
    !q.phrases.some(function (p) { return pages.some(function (page) { return placeOf(page, p.text, ranking.weights.phrase, cache) > 0; }); });
  if (unit || !listed.length) return { items: [summary(say(unit ? "unit" : "none", values) + say("picker", values), "picker")] };
  listed.sort(function (a, b) { return (b.matched - a.matched) || (b.score - a.score); });
  listed = listed.slice(0, MAX_PAGES);

  values.count = String(listed.length);
  values.terms = quoted(q.terms.filter(function (t) { return !t.optional; }).map(function (t) { return t.text; }));
  var pairs = {};
  listed.forEach(function (h) { h.synonyms.forEach(function (s) { (pairs[s[0]] = pairs[s[0]] || {})[s[1]] = true; }); });
  values.synonyms = Object.keys(pairs).map(function (t) { return escape(t) + " → " + Object.keys(pairs[t]).map(escape).join("、"); }).join("；");
  var line, link = "picker";
  if (!partial && onlyInPlaceholders(q.compact)) {
    line = say("placeholder", values);
    link = "placeholders";
  } else {
    line = say(partial ? "partial" : "found", values) + (values.synonyms ? say("synonyms", values) : "");
  }
  var items = [summary(line, link)];
  listed.forEach(function (hit, rank) { items.push(group(hit, MAX_PAGES - rank)); });
  return { items: items };
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
    if (!query.replace(DROPPED, "").trim()) { // Material asks with the empty box as each page starts: no need to load
      postMessage({ type: RESULT, data: { items: [] } });
      return;
    }
    loaded().then(function () { postMessage({ type: RESULT, data: search(query) }); });
  }
});

if (typeof module === "object" && module.exports) module.exports = { setup: setup, search: search, analyse: analyse }; // for node (benchmark, tests)
