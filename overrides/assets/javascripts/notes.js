/**
 * notes.js: a speech's notes are not in the DOM at load. Each marker (button.note-ref[data-note]) opens
 * the speech's one popover (#speech-note), filled with its note (kept in the page's folds <template>,
 * see folds.js) and placed under the marker; aria-expanded follows. Where popover is
 * missing, the same by hand (one note at a time, Esc closes and returns focus).
 */
speechKit.part("notes", function (kit) {
  "use strict";

  var NATIVE = typeof HTMLElement === "function" && Object.prototype.hasOwnProperty.call(HTMLElement.prototype, "popover");
  var MARGIN = 8;

  function refFor(note) {
    var id = note.dataset.for;
    var refs = id ? document.querySelectorAll(".note-ref[data-note]") : []; // compared, never built into a selector
    for (var i = 0; i < refs.length; i++) if (refs[i].getAttribute("data-note") === id) return refs[i];
    return null;
  }

  function isOpen(note) { return NATIVE ? note.matches(":popover-open") : note.classList.contains("is-open"); }

  /** A note's text: in the page's folds <template>, or in a fold already opened (folds.js). */
  function noteSource(id) {
    var found = document.getElementById(id);
    if (!found) kit.$$("template").some(function (t) { return (found = t.content.getElementById(id)); });
    return found;
  }

  /** Copy the note `id` into the popover (its source stays; values go into its slots). */
  function fill(note, id) {
    var source = noteSource(id);
    note.textContent = "";
    for (var copy = source && source.cloneNode(true); copy && copy.firstChild;) note.appendChild(copy.firstChild);
    note.dataset.for = id;
    (kit.fillSlots || kit.refresh)(note);
  }

  /** Put the note just under its marker, inside the viewport (document coordinates: it scrolls with the text). */
  function place(note, ref) {
    var width = Math.min(352, document.documentElement.clientWidth - 2 * MARGIN);
    var r = ref.getBoundingClientRect();
    var left = Math.max(MARGIN, Math.min(r.left - 16, document.documentElement.clientWidth - width - MARGIN));
    note.style.width = width + "px";
    note.style.left = left + window.pageXOffset + "px";
    note.style.top = r.bottom + window.pageYOffset + 4 + "px";
  }

  function setOpen(note, ref, open) {
    if (open) place(note, ref);
    ref.setAttribute("aria-expanded", open ? "true" : "false");
  }

  function close(note) {
    var ref = refFor(note);
    if (NATIVE) note.hidePopover();
    else { note.classList.remove("is-open"); if (ref) setOpen(note, ref, false); }
    return ref;
  }

  // The marker's click comes before the popover's own toggle: fill the note first. A second marker
  // while a note is open shows its note in place instead of closing the popover.
  document.addEventListener("click", function (e) {
    var ref = e.target.closest && e.target.closest(".note-ref[data-note]");
    var note = document.getElementById(ref ? ref.getAttribute("aria-controls") : "speech-note");
    if (!note) return;
    if (!ref) {
      if (!NATIVE && isOpen(note) && !note.contains(e.target)) close(note);
      return;
    }
    var same = note.dataset.for === ref.dataset.note;
    if (isOpen(note) && !same) {
      var before = refFor(note);
      if (before) before.setAttribute("aria-expanded", "false");
      fill(note, ref.dataset.note);
      setOpen(note, ref, true);
      e.preventDefault(); // keep it open: native popovertarget would toggle it shut
      return;
    }
    if (!isOpen(note)) fill(note, ref.dataset.note); // afresh: values may have changed since
    if (NATIVE) return; // popovertarget opens or closes it; beforetoggle below follows
    if (isOpen(note)) close(note);
    else { note.classList.add("is-open"); setOpen(note, ref, true); }
  });

  if (NATIVE) {
    // popover events do not bubble: listen in the capture phase
    document.addEventListener("beforetoggle", function (e) {
      var note = e.target, ref = note.id === "speech-note" && refFor(note);
      if (ref) setOpen(note, ref, e.newState === "open");
    }, true);
  } else {
    document.addEventListener("keydown", function (e) {
      var note = document.getElementById("speech-note");
      if (e.key !== "Escape" || !note || !isOpen(note)) return;
      var ref = close(note);
      if (ref) ref.focus();
    });
  }
});
