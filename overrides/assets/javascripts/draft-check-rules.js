/**
 * draft-check-rules.js: the draft checker in the browser (the 检查讲话稿 page). The same rules as
 * `make lint`: scripts/speechkit/checking/draft.py is the other half, and the conformance corpus
 * (tests/fixtures/drafts/) holds both to the same findings at the same lines. The data rules and the
 * code rules' patterns come from draft-check-data.js (window.draftCheckRules, written at build time
 * from data/*.yml); what is code here (numbering, counts, adjacency) mirrors draft.py line by line.
 * Pure functions on text: nothing here touches the page, the network or storage.
 *
 * window.draftCheck = { load(rules) → engine or { broken: "文件：条目" }, … }
 * engine.check(text, today) → { lines, findings, refused }   (today: "2026-12-01")
 * engine.safeFixes(result) → findings 全部改 applies;  engine.apply(lines, fixes) → text;
 * engine.marker(line) → the numbering marker a line starts with ({ level, value, raw, suffix }) or null
 */
(function () {
  "use strict";

  var CN_DIGITS = "一二三四五六七八九十";

  var ONES = {}, SINGLE = { "十": 10, "两": 2 };
  for (var d = 0; d < 9; d++) { ONES[CN_DIGITS[d]] = d + 1; SINGLE[CN_DIGITS[d]] = d + 1; }

  function cnNumber(text) { // base/text.py cn_number: 一 … 九十九, and 两; null if not one
    if (Object.prototype.hasOwnProperty.call(SINGLE, text)) return SINGLE[text];
    var at = text.indexOf("十");
    if (at < 0) return null;
    var tens = text.slice(0, at), ones = text.slice(at + 1);
    if ((tens && !ONES.hasOwnProperty(tens)) || (ones && !ONES.hasOwnProperty(ones))) return null;
    return (tens ? ONES[tens] : 1) * 10 + (ones ? ONES[ones] : 0);
  }

  function toCn(n) { // base/text.py to_cn
    if (n <= 10) return n < 10 ? CN_DIGITS[n - 1] : "十";
    var tens = Math.floor(n / 10), ones = n % 10;
    return (tens > 1 ? CN_DIGITS[tens - 1] : "") + "十" + (ones ? CN_DIGITS[ones - 1] : "");
  }

  function countCn(n) { return n === 2 ? "两" : toCn(n); }

  function expectedLabel(level, value) {
    if (level === 1) return toCn(value) + "、";
    if (level === 2) return "（" + toCn(value) + "）";
    if (level === 3) return value + ".";
    return "（" + value + "）";
  }

  var LEVEL_NAMES = { 1: "一、", 2: "（一）", 3: "1.", 4: "（1）" };

  function chars(text) { return Array.from(text).length; } // code points, as Python counts
  function thousands(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ","); }
  function hasAstral(text) { return /[\uD800-\uDFFF]/.test(text); }

  /** line[a - before : b + after] in code points, a and b being code-unit offsets (Python slices code points). */
  function around(line, a, b, before, after) {
    if (!hasAstral(line)) return line.slice(Math.max(0, a - before), b + after);
    var points = Array.from(line), start = chars(line.slice(0, a)), end = chars(line.slice(0, b));
    return points.slice(Math.max(0, start - before), end + after).join("");
  }

  function fill(template, values) {
    return template.replace(/\{([a-z_]+)\}/g, function (_, name) { return String(values[name]); });
  }

  function load(rules) {
    var broken = null;
    function compile(entry) {
      if (broken) return null;
      try {
        return { once: new RegExp(entry.source, rules.flags), all: new RegExp(entry.source, rules.flags + "g") };
      } catch (e) {
        broken = entry.where;
        return null;
      }
    }
    function each(list, extra) { return list.map(function (entry) { return Object.assign({ re: compile(entry) }, extra ? extra(entry) : entry); }); }

    var R = {
      code: {}, markers: [], classified: each(rules.classified), html: compile(rules.html), doubled: compile(rules.doubled),
      allowed: compile(rules.doubledAllowed), junkLines: each(rules.junkLines), junkInline: each(rules.junkInline), tail: compile(rules.tail),
      mask: compile(rules.mask), restores: each(rules.maskRestores), agenda: compile(rules.agenda),
      fixed: rules.fixed.map(function (f) { return Object.assign({}, f, { damaged: each(f.damaged) }); }),
      tifa: each(rules.tifa)
    };
    Object.keys(rules.code).forEach(function (name) { R.code[name] = compile(rules.code[name]); });
    R.markers = each(rules.markers);
    if (broken) return { broken: broken };

    var ORDER = {};
    rules.kinds.forEach(function (kind, i) { ORDER[kind] = i; });
    var HINTS = rules.hintKinds;

    function find(re, text) { // every non-empty match, as Python's finditer gives them
      re.all.lastIndex = 0;
      return Array.from(text.matchAll(re.all)).filter(function (m) { return m[0] !== ""; });
    }
    function first(re, text) { return re.once.exec(text); }
    function strip(text) { return text.replace(R.code.strip.all, ""); }

    function make(line, kind, values, fix) {
      var m = rules.messages[kind];
      return Object.assign({
        line: line, kind: kind, severity: HINTS.indexOf(kind) >= 0 ? "hint" : "problem",
        message: fill(m.message, values), why: fill(m.why, values), fix: fill(m.fix, values),
        start: 0, end: 0, replacement: null, safe: false
      }, fix || {});
    }

    function check(text, today) {
      var lines = text.replace(/^\uFEFF/, "").split(/\r\n|[\r\n\u2028\u2029]/);
      var found = [];
      function add(line, kind, values, fix) { found.push(make(line, kind, values, fix)); }
      var total = lines.reduce(function (n, l) { return n + chars(l); }, 0);
      if (total > rules.maxChars) return { lines: lines, findings: [], refused: make(1, "too_long", { chars: thousands(total), limit: thousands(rules.maxChars) }) };
      if (!lines.some(function (l) { return strip(l); })) return { lines: lines, findings: [], refused: make(1, "empty", {}) };

      var checked = [];
      for (var i = 0; i < lines.length; i++) {
        var stripped = strip(lines[i]);
        if (i > Math.floor(lines.length / 3) && stripped && first(R.tail, stripped)) {
          add(i + 1, "tail", { found: stripped });
          break;
        }
        checked.push([i + 1, lines[i]]);
      }
      checked.forEach(function (pair) { lineRules(pair[0], pair[1], add, today); });
      numbering(checked, add);
      found.sort(function (a, b) {
        return ((a.kind !== "classified") - (b.kind !== "classified")) || (a.line - b.line) || (ORDER[a.kind] - ORDER[b.kind]) || (a.start - b.start);
      });
      return { lines: lines, findings: found, refused: null };
    }

    function overlaps(start, end, spans) { return spans.some(function (s) { return start < s[1] && s[0] < end; }); }

    function lineRules(number, line, add, today) {
      for (var c = 0; c < R.classified.length; c++) {
        var mark = first(R.classified[c].re, line);
        if (mark) { add(number, "classified", { found: strip(mark[0]), label: R.classified[c].label }); break; }
      }
      var invisible = find(R.code.invisible, line).map(function (m) { return m[0]; });
      if (invisible.length) {
        var codes = invisible.map(function (ch) { return "U+" + ch.codePointAt(0).toString(16).toUpperCase().padStart(4, "0"); })
          .filter(function (code, i, all) { return all.indexOf(code) === i; }).join("、");
        add(number, "invisible", { count: invisible.length, codes: codes }, { start: 0, end: line.length, replacement: line.replace(R.code.invisible.all, ""), safe: true });
      }
      var code = find(R.html, line).map(function (m) { return [m.index, m.index + m[0].length]; });
      code.forEach(function (s) { add(number, "html", { found: line.slice(s[0], s[1]) }, { start: s[0], end: s[1], replacement: "", safe: true }); });
      var stripped = strip(line);
      if (!stripped) return;
      var rest = strip(stripped.replace(R.html.all, ""));
      R.junkInline.forEach(function (rule) {
        find(rule.re, line).forEach(function (m) {
          if (strip(m[0])) add(number, "junk_inline", { found: m[0], reason: rule.reason }, { start: m.index, end: m.index + m[0].length, replacement: "" });
        });
        rest = strip(rest.replace(rule.re.all, ""));
      });
      for (var j = 0; j < R.junkLines.length; j++) {
        var rule = R.junkLines[j];
        if (rest && chars(rest) <= rule.maxChars && first(rule.re, rest)) {
          var short = rules.quoted.short, shown = chars(stripped) <= short ? stripped : Array.from(stripped).slice(0, short).join("") + "……";
          add(number, "junk_line", { found: shown, reason: rule.reason }, { start: 0, end: line.length, replacement: "" });
          return;
        }
      }
      var spans = masks(number, line, add);
      rules.fixed.forEach(function (phrase, p) {
        R.fixed[p].damaged.forEach(function (damaged) {
          find(damaged.re, line).forEach(function (m) {
            var end = m.index + m[0].length, got = restoration(phrase, m[0], line.slice(0, m.index), line.slice(end));
            spans.push([m.index, end]);
            add(number, "fixed", { found: m[0], standard: phrase.standard, restored: got[1], reason: phrase.why, source: phrase.source },
              { start: m.index, end: end, replacement: got[0], safe: phrase.safe });
          });
        });
      });
      tifa(number, line, add, today);
      find(R.doubled, line).forEach(function (m) {
        var word = m[1];
        if (first(R.allowed, word) || overlaps(m.index, m.index + m[0].length, spans)) return;
        add(number, "doubled", { found: m[0], word: word }, { start: m.index, end: m.index + m[0].length, replacement: word,
          safe: rules.doubledMerge.indexOf(word) >= 0 || chars(word) >= 3 });
      });
      find(R.code.half_width, line).forEach(function (m) {
        if (overlaps(m.index, m.index + m[0].length, code)) return; // inside web-page code, reported as such
        var mark = m[0], full = rules.fullWidth[mark];
        if (mark === '"') full = full[(line.slice(0, m.index).split('"').length - 1) % 2];
        var context = around(line, m.index, m.index + mark.length, rules.quoted.context, rules.quoted.context);
        add(number, "punctuation", { found: mark, context: context, full: full }, { start: m.index, end: m.index + mark.length, replacement: full, safe: true });
      });
      find(R.code.placeholder, line).forEach(function (m) { add(number, "placeholder", { found: m[0] }); });
    }

    /** fixed_phrases.py restoration: the clause of the standard wording the damaged words stand for,
     * without the words the text around already has. [replacement, wording as it then reads] */
    function restoration(phrase, damaged, before, after) {
      var clauses = phrase.standard.split(/[，、；。]/).filter(Boolean), wording = phrase.standard, least = rules.minOverlap;
      if (clauses.length > 1) {
        var best = -1;
        clauses.forEach(function (c) { var s = commonSuffix(c, damaged); if (s > best) { best = s; wording = c; } });
        var start = wording.indexOf(damaged.slice(0, least));
        if (start > 0) wording = wording.slice(start);
      }
      var fresh = wording, size;
      for (size = fresh.length - 1; size >= least; size--) if (before.endsWith(fresh.slice(0, size))) { fresh = fresh.slice(size); break; }
      for (size = fresh.length - 1; size >= least; size--) if (after.startsWith(fresh.slice(-size))) { fresh = fresh.slice(0, -size); break; }
      return [fresh, wording];
    }

    function commonSuffix(a, b) {
      var size = 0;
      while (size < Math.min(a.length, b.length) && a[a.length - 1 - size] === b[b.length - 1 - size]) size++;
      return size;
    }

    function masks(number, line, add) {
      var restores = [];
      R.restores.forEach(function (rule) {
        find(rule.re, line).forEach(function (m) { restores.push([m.index, m.index + m[0].length, rule.replace]); });
      });
      var spans = [], cjk = /^[\u3400-\u9fff]$/u;
      find(R.mask, line).forEach(function (m) {
        var start = m.index, end = start + m[0].length;
        var before = start > 0 ? Array.from(line.slice(0, start)).pop() : "", after = Array.from(line.slice(end, end + 2))[0] || "";
        if (!(cjk.test(before) || cjk.test(after))) return;
        spans.push([start, end]);
        var cover = restores.filter(function (r) { return r[0] <= start && end <= r[1]; })[0];
        if (cover) add(number, "mask_restore", { found: m[0], restored: cover[2] }, { start: cover[0], end: cover[1], replacement: cover[2], safe: true });
        else add(number, "mask", { found: m[0] });
      });
      return spans;
    }

    function tifa(number, line, add, today) {
      rules.tifa.forEach(function (t, i) {
        var kind;
        if (t.status === "过时") kind = t.since ? "tifa_dated_since" : "tifa_dated";
        else if (t.expires && today > t.expires) kind = "tifa_expired";
        else if (t.status === "核对") kind = "tifa_check";
        else return;
        find(R.tifa[i].re, line).forEach(function (m) {
          add(number, kind, {
            found: m[0], term: t.term, why: t.why, check: t.check, since: t.since, expires: t.expires || "",
            replacement: t.replacement ? fill(rules.phrases.replacement, { replacement: t.replacement }) : ""
          }, { start: m.index, end: m.index + m[0].length });
        });
      });
    }

    function marker(line) { // draft.py _marker
      var text = line.replace(R.code.leading_space.all, "");
      for (var i = 0; i < R.markers.length; i++) {
        var m = first(R.markers[i].re, text);
        if (!m) continue;
        var level = R.markers[i].level, raw = m[1];
        var value = /^[0-9]+$/.test(raw) ? parseInt(raw, 10) : cnNumber(raw);
        return value === null ? null : { level: level, value: value, raw: m[0], suffix: level === 0 ? m[2] : "" };
      }
      return null;
    }

    function numbering(lines, add) {
      var markers = lines.map(function (pair) { return [pair[0], marker(pair[1])]; });
      var numbered = markers.filter(function (p) { return p[1] && p[1].level >= 1; });
      // numbering.py walk_levels
      var expected = { 1: 1, 2: 1, 3: 1, 4: 1 }, open = {};
      numbered.forEach(function (p) {
        var mk = p[1], level = mk.level;
        if (level - 1 >= 1 && !open[level - 1]) { add(p[0], "numbering_level", { found: mk.raw, parent: LEVEL_NAMES[level - 1] }); return; }
        if (mk.value !== expected[level]) {
          var kind = mk.value < expected[level] ? (mk.value === expected[level] - 1 ? "repeat" : "order") : "skip";
          add(p[0], "numbering_" + kind, { found: mk.raw, expected: expectedLabel(level, expected[level]) });
        }
        expected[level] = mk.value + 1;
        for (var deeper = level + 1; deeper < 5; deeper++) { expected[deeper] = 1; open[deeper] = false; }
        open[level] = true;
      });
      // draft.py _run_in
      var want = 1, suffix = "";
      markers.forEach(function (p) {
        var mk = p[1];
        if (!mk) return;
        if (mk.level !== 0) { want = 1; suffix = ""; return; }
        if (mk.value !== want || (suffix && mk.suffix !== suffix)) add(p[0], "run_in", { found: mk.raw, expected: toCn(want) + (suffix || mk.suffix) });
        want = mk.value + 1;
        suffix = suffix || mk.suffix;
      });
      points(lines, markers, add);
    }

    function points(lines, markers, add) { // draft.py _points
      var tops = markers.filter(function (p) { return p[1] && p[1].level === 1; });
      var firstTop = tops.length ? tops[0][0] : null, last = tops.length ? tops[tops.length - 1][1] : null;
      var firsts = {}, nFirsts = 0;
      lines.forEach(function (pair) { if (first(R.code.first_point, pair[1].replace(R.code.leading_space.all, ""))) { firsts[pair[0]] = true; nFirsts++; } });
      var agenda = new Set();
      lines.forEach(function (pair) { find(R.agenda, pair[1]).forEach(function (m) { agenda.add(cnNumber(m[1])); }); });
      for (var i = 0; i < lines.length; i++) {
        var number = lines[i][0], line = lines[i][1];
        if (firstTop !== null && number >= firstTop) break;
        find(R.code.points, line).forEach(function (m) {
          var promised = cnNumber(m[1]), parts = partsAfter(markers, firsts, nFirsts, tops.length, number), count = parts[0];
          if (promised === null || !count) return;
          if (promised !== count) add(number, "points", { found: m[0], count: count, count_cn: countCn(count) });
          else if (parts[1] && last.value !== promised) add(number, "points_labels", { found: m[0], last: last.raw, promised_cn: toCn(promised) });
        });
        find(R.code.agenda_count, line).forEach(function (m) {
          var promised = cnNumber(m[1]);
          if (promised !== null && agenda.size && promised !== agenda.size) add(number, "agenda", { found: m[0], count: agenda.size, count_cn: countCn(agenda.size) });
        });
      }
    }

    function partsAfter(markers, firsts, nFirsts, tops, number) { // draft.py _parts_after
      var count = 0;
      for (var i = 0; i < markers.length; i++) {
        var at = markers[i][0], mk = markers[i][1];
        if (at <= number) continue;
        if (count) {
          if (!mk) continue;
          if (mk.level !== 0 || mk.value === 1) break;
          count++;
        } else if (firsts[at]) return [nFirsts, false];
        else if (mk && mk.level === 1) return [tops, true];
        else if (mk && mk.level === 0) count = 1;
      }
      return [count, false];
    }

    /** draft.py safe_fixes: safe, exact, not overlapping an earlier one on its line. */
    function safeFixes(result) {
      var taken = {};
      return result.findings.filter(function (f) {
        if (!f.safe || f.replacement === null) return false;
        var spans = taken[f.line] = taken[f.line] || [];
        if (overlaps(f.start, f.end, spans) || (f.start === f.end && spans.some(function (s) { return s[0] === f.start && s[1] === f.end; }))) return false;
        spans.push([f.start, f.end]);
        return true;
      });
    }

    /** draft.py apply_fixes: each line from its end, so earlier spans stay valid. */
    function apply(lines, fixes) {
      var out = lines.slice();
      fixes.slice().sort(function (a, b) { return (a.line - b.line) || (b.start - a.start); }).forEach(function (f) {
        var line = out[f.line - 1];
        out[f.line - 1] = line.slice(0, f.start) + f.replacement + line.slice(f.end);
      });
      return out.join("\n");
    }

    return { check: check, safeFixes: safeFixes, apply: apply, marker: marker, severities: rules.severities };
  }

  window.draftCheck = { load: load, cnNumber: cnNumber, toCn: toCn };
})();
