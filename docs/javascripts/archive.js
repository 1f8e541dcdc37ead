// A table or code block that scrolls sideways (on a phone) must be reachable by keyboard:
// give each such region a tab stop and a name (axe: scrollable-region-focusable).
// Material wraps tables in .md-typeset__scrollwrap when a page loads (document$).
document$.subscribe(() => {
  for (const region of document.querySelectorAll(".md-typeset__scrollwrap, .md-typeset pre > code")) {
    if (region.scrollWidth > region.clientWidth && !region.hasAttribute("tabindex")) {
      region.setAttribute("tabindex", "0");
      region.setAttribute("role", "region");
      region.setAttribute("aria-label", "Scrolls sideways");
    }
  }
});

// A report's citation ends with the day the reader saw it (theirs, so it cannot be written
// into the page at build time), and a button copies it.
document$.subscribe(() => {
  for (const box of document.querySelectorAll(".citation-box")) {
    const text = box.querySelector(".citation-text");
    if (!text.querySelector(".citation-accessed")) {
      const accessed = document.createElement("span");
      accessed.className = "citation-accessed";
      const today = new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
      accessed.textContent = ` Accessed ${today}.`;
      text.append(accessed);
    }
    const slot = box.querySelector(".citation-copy-slot");
    if (!navigator.clipboard || slot.firstChild) continue;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "md-button citation-copy";
    button.textContent = "Copy the citation";
    button.addEventListener("click", async () => {
      await navigator.clipboard.writeText(text.textContent.trim());
      button.textContent = "Copied";
    });
    slot.append(button, " ");
  }
});
