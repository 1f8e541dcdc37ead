"""What lives across the builds of one MkDocs process, or runs in another process or thread.

The core (load/, analyse/, render/, export/) is functions of their inputs; this package is
the rest: the build session, the compilation in a child process, the site's search
(Pagefind), the sanitiser's thread, memory and timings, and what a server remembers of
its last build so that the next one writes only what changed (`outputs`).
"""
