/**
 * notes.js: annotation notes are native popovers; this places an open one under its marker and keeps
 * aria-expanded in step, and where popover is missing it opens and closes them itself.
 */
speechKit.part("notes", function () {
  "use strict";

  var NATIVE = typeof HTMLElement === "function" && Object.prototype.hasOwnProperty.call(HTMLElement.prototype, "popover");
  var MARGIN = 8;

  function refFor(note) {
    var refs = document.querySelectorAll(".note-ref[popovertarget]"); // compared, never built into a selector
    for (var i = 0; i < refs.length; i++) if (refs[i].getAttribute("popovertarget") === note.id) return refs[i];
    return null;
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

  if (NATIVE) {
    // popover events do not bubble: listen in the capture phase
    document.addEventListener("beforetoggle", function (e) {
      var note = e.target;
      if (!note.classList || !note.classList.contains("note")) return;
      var ref = refFor(note);
      if (ref) setOpen(note, ref, e.newState === "open");
    }, true);
    return;
  }

  // Fallback: the same behaviour by hand (one open note at a time, Esc closes and returns focus)
  var openNote = null;

  function close() {
    if (!openNote) return;
    var ref = refFor(openNote);
    openNote.classList.remove("is-open");
    if (ref) setOpen(openNote, ref, false);
    openNote = null;
    return ref;
  }

  document.addEventListener("click", function (e) {
    var ref = e.target.closest && e.target.closest(".note-ref");
    if (!ref) {
      if (openNote && !(e.target.closest && e.target.closest(".note"))) close();
      return;
    }
    var note = document.getElementById(ref.getAttribute("popovertarget"));
    var wasOpen = note === openNote;
    close();
    if (note && !wasOpen) {
      note.classList.add("is-open");
      setOpen(note, ref, true);
      openNote = note;
    }
  });

  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape" || !openNote) return;
    var ref = close();
    if (ref) ref.focus();
  });
});
