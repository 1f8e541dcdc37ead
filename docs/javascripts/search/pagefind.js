// Pagefind's engine as the search page's PagefindUI sees it (its bundlePath points here).
// PagefindUI asks for every filter's counts as soon as it starts: at 10,000 reports they
// weigh 113 KB of a 400 KB search. Here its request waits until the reader opens the
// filters (openFilters), or the address already filters the search. And it fetches the
// index for every letter typed: "c", "ch"... each a part of the index (25 KB) that the
// word typed will not need; here only from the third letter on.
import * as engine from "../../pagefind/pagefind.js";

export * from "../../pagefind/pagefind.js";

let open, loaded;
const opened = new Promise((resolve) => (open = resolve));
const filtersLoaded = new Promise((resolve) => (loaded = resolve));

/** The reader asked for the filters: let PagefindUI's request through; resolves when the
 *  counts are in. */
export function openFilters() {
  open();
  return filtersLoaded;
}

const PRELOAD_FROM = 3; // letters

export async function preload(term, options) {
  if (term.trim().length >= PRELOAD_FROM) return engine.preload(term, options);
}

export async function filters() {
  await opened;
  const counts = await engine.filters();
  loaded(counts);
  return counts;
}
