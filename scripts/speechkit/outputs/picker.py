"""The template picker over the list of templates (pages.variant_picker, on the home page and 讲话模板):
choose 会议 → 讲话人 → 层级 (→ 巡察类型) and get the template, or the nearest one with what to change
(data/template_picker.yml) and a link to ask for the missing one.

Everything the picker knows is written into the page here, from the registries and the front matter:
the options (values are positions in the registries, so no text is ever used as a selector), which
speakers speak at which meeting, the hints, and on each template's link in the list its four
positions (data-pick). assets/javascripts/picker.js reads them and shows the form, which stays hidden
without JavaScript: then the list itself is the picker.
"""
from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlencode

from ..base import html_text
from ..checking import Corpus
from ..reading import Variant, variant_chars

ISSUE_FORM = "new-variant.yml"  # .github/ISSUE_TEMPLATE/new-variant.yml; picker.js fills its fields meeting, speaker, level
CONTRIBUTING = "contributing/index.md"
ANCHOR = "new-variant"
REPOSITORY = re.compile(r"https://[A-Za-z0-9.-]+(?:/[A-Za-z0-9._~-]+)+")  # REPO_URL as CI sets it; anything else is not linked
# (the URL goes into Markdown: these characters never end the link or start markup)


def _choices(corpus: Corpus) -> dict[str, list[str]]:
    registry = corpus.registry
    fields = registry.fields
    return {
        "meeting": list(registry.meetings),
        "speaker": list(registry.speakers),
        "level": list(fields["level"].choices) if "level" in fields else [],
        "kind": list(fields["kind"].choices) if "kind" in fields else [],
    }


def pick_code(variant: Variant, corpus: Corpus) -> str:
    """A template's meeting, speaker, level and kind as positions in the registries ("0 4 1 0"),
    or "" for a draft or a value the registries do not list (the picker leaves it out)."""
    if variant.is_draft:
        return ""
    positions = []
    for key, values in _choices(corpus).items():
        value = str(variant.meta.get(key, ""))
        if value not in values:
            return ""
        positions.append(str(values.index(value)))
    return " ".join(positions)


def ask_url(repository: str, depth: int) -> str:
    """Where to ask for a template that does not exist: the 新增变体 issue form, or without a
    repository (a local or intranet build) the contributing page."""
    repository = (repository or "").strip().rstrip("/")
    if REPOSITORY.fullmatch(repository):
        return f"{repository}/issues/new?{urlencode({'template': ISSUE_FORM, 'title': '[新增变体] '})}"
    return f"{'../' * depth}{CONTRIBUTING}#{ANCHOR}"


def ask_line(repository: str, depth: int) -> str:
    """The line under the list (Markdown: MkDocs turns the contributing page's path into its URL)."""
    return f"没有合适的模板？[提出需求]({ask_url(repository, depth)}){{ data-picker-ask }}，写明会议、讲话人和层级。"


def picker_form(corpus: Corpus) -> str:
    """The form (invisible until picker.js has set it up, its space kept: speech.css), as one line of HTML."""
    registry, choices = corpus.registry, _choices(corpus)
    hints = {"level": corpus.picker.levels, "kind": corpus.picker.kinds} if corpus.picker else {"level": {}, "kind": {}}
    meetings_of: dict[str, list[int]] = {speaker: [] for speaker in choices["speaker"]}
    for m, meeting in enumerate(registry.meetings.values()):
        speakers = [slot.speaker for slot in meeting.agenda if slot.speaker] + [
            str(v.meta.get("speaker")) for v in corpus.variants if v.meta.get("meeting") == meeting.name]
        for speaker in speakers:
            if speaker in meetings_of and m not in meetings_of[speaker]:
                meetings_of[speaker].append(m)

    def options(key: str) -> str:
        out = []
        for i, value in enumerate(choices[key]):
            extra = ""
            if key == "speaker":
                extra = f' data-meetings="{" ".join(map(str, meetings_of[value]))}"'
            elif key in hints:
                extra = f' data-hint="{html_text(hints[key].get(value, ""))}"'
            out.append(f'<option value="{i}"{extra}>{html_text(value)}</option>')
        return "".join(out)

    fields = registry.fields
    labels = {key: html_text(fields[key].label) if key in fields else key for key in choices}
    default = _default(corpus)
    selects = "".join(
        f'<label{" data-picker-kind" if key == "kind" else ""}>{labels[key]} <select name="{key}">{options(key)}</select></label>'
        for key in choices
    )
    return (
        f'<form class="variant-picker" data-picker data-default="{default}" aria-labelledby="variant-picker-legend">'
        '<p class="variant-picker__legend" id="variant-picker-legend">按会议、讲话人和层级挑一篇：</p>'
        f'<div class="variant-picker__fields">{selects}</div>'
        '<output class="variant-picker__result" aria-live="polite"></output></form>'
    )


def _default(corpus: Corpus) -> str:
    """What the picker shows before any choice: at the first meeting that has templates, the speaker of
    its longest one (the main speech), at the level most templates have, in the first kind of 巡察."""
    coded = [(v, pick_code(v, corpus).split()) for v in corpus.variants if pick_code(v, corpus)]
    if not coded:
        return ""
    meeting = min(code[0] for _, code in coded)
    longest = max((v for v, code in coded if code[0] == meeting), key=lambda v: variant_chars(v, corpus.registry))
    levels = Counter(code[2] for _, code in coded)
    return " ".join([meeting, pick_code(longest, corpus).split()[1], levels.most_common(1)[0][0], "0"])

