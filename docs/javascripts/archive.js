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
