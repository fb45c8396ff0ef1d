"""The draft checker's rules for the browser: the rulebook as JSON, in a script that sets
`window.draftCheckRules` (a script, not a .json file, because Chromium refuses fetch() under file://).

Every pattern is the portable text Python compiled (base/portable.py), with the file and entry it came
from (`where`): the page compiles each one and, should one fail there, names it instead of checking
with a rule missing. The code rules' own patterns (half-width marks, markers, 讲三点……) come along
too, so that the browser never keeps a second copy of any of them.
"""
from __future__ import annotations

import json

from ..base import JS_FLAGS, SALUTATION, compile_portable, shown_path
from ..checking import CODE_PATTERNS, FULL_WIDTH, HINT_KINDS, KINDS, MARKER_PATTERNS, QUOTED
from ..reading import MIN_OVERLAP, Rulebook
from .docx_export import DRAFT_SAMPLES, LEAD_IN

RULES_URI = "assets/javascripts/draft-check-data.js"
RULES_GLOBAL = "draftCheckRules"


def draft_rules(rulebook: Rulebook) -> dict:
    draft, imports, registry = rulebook.draft, rulebook.imports, rulebook.registry
    draft_file, import_file = shown_path(draft.path), shown_path(imports.path)
    tifa_file, fixed_file = shown_path(registry.files["tifa"]), shown_path(draft.path.parent / "fixed_phrases.yml")

    def pattern(compiled, where: str) -> dict:
        return {"source": compiled.pattern, "where": where}

    return {
        "flags": JS_FLAGS,
        "maxChars": draft.max_chars,
        "kinds": list(KINDS),
        "hintKinds": sorted(HINT_KINDS),
        "severities": draft.severities,
        "messages": {kind: {"message": m.message, "why": m.why, "fix": m.fix} for kind, m in draft.messages.items()},
        "phrases": draft.phrases,
        "files": draft.files,
        "limits": {"fileBytes": imports.max_file_bytes, "docxXmlBytes": imports.max_docx_xml_bytes},
        # 下载 Word: the kinds of paragraph of the blank document, in order, and how lines are told apart
        "word": {"samples": list(DRAFT_SAMPLES), "salutation": compile_portable(SALUTATION.pattern).pattern,
                 "leadIn": compile_portable(LEAD_IN.pattern).pattern},
        "fullWidth": FULL_WIDTH,
        "quoted": QUOTED,
        "code": {name: pattern(p, f"scripts/speechkit/checking/draft.py：{name}") for name, p in CODE_PATTERNS.items()},
        "markers": [{"level": level, **pattern(p, f"scripts/speechkit/reading/parser.py：MARKERS {level}")} for level, p in MARKER_PATTERNS],
        "classified": [{"label": m.label, **pattern(m.pattern, f"{draft_file}：classified {m.label}")} for m in draft.classified],
        "html": pattern(draft.html, f"{draft_file}：html"),
        "doubled": pattern(draft.doubled, f"{draft_file}：doubled"),
        "doubledAllowed": pattern(draft.doubled_allowed, f"{draft_file}：doubled allowed"),
        "doubledMerge": list(imports.doubled_merge),
        "junkLines": [{"reason": r.reason, "maxChars": r.max_chars, **pattern(r.pattern, f"{import_file}：junk_lines {r.reason}")}
                      for r in imports.junk_lines if r.reason not in draft.junk_lines_skipped],
        "junkInline": [{"reason": r.reason, **pattern(r.pattern, f"{import_file}：junk_inline {r.reason}")} for r in imports.junk_inline],
        "tail": pattern(imports.tail_markers, f"{import_file}：tail_markers"),
        "mask": pattern(imports.mask, f"{import_file}：mask"),
        "maskRestores": [{"replace": r.replace, **pattern(r.pattern, f"{import_file}：mask_rules {r.replace}")}
                         for r in imports.mask_rules if r.kind == "restore"],
        "agenda": pattern(imports.agenda, f"{import_file}：agenda"),
        "minOverlap": MIN_OVERLAP,  # fixed_phrases.restoration: words shared with the text around
        "fixed": [{"standard": f.standard, "safe": f.safe, "why": f.why, "source": f.source,
                   "damaged": [pattern(d, f"{fixed_file}：{f.standard}") for d in f.damaged]}
                  for f in rulebook.fixed],
        "tifa": [{"term": e.tifa.term, "status": e.tifa.status, "since": e.tifa.since, "expires": e.tifa.expires.isoformat() if e.tifa.expires else None,
                  "why": e.tifa.why or e.tifa.meaning,  # what the finding says; the meaning only stands in for a missing why
                  "check": e.tifa.check, "replacement": e.tifa.replacement,
                  **pattern(e.pattern, f"{tifa_file}：{e.tifa.term}")} for e in rulebook.tifa],
    }


def draft_rules_script(rulebook: Rulebook) -> str:
    """The rules as a classic script (JSON is valid JavaScript; U+2028/2029 too, since ES2019)."""
    return f"window.{RULES_GLOBAL} = {json.dumps(draft_rules(rulebook), ensure_ascii=False, separators=(',', ':'))};\n"
