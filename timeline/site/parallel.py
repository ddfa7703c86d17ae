"""Rendering many pages on every core. Forked workers inherit the page plan (pages hold
closures, which cannot be pickled, and need not be: a fork shares the parent's memory),
each renders and writes every n-th page, and returns only (path, fingerprint, written).
Small jobs (a rebuild after an edit, a small site) stay in the calling process.
"""
from __future__ import annotations

import os

from . import render
from .writer import FileWriter

PARALLEL_MIN_PAGES = 1500
PIECES_BACK_MAX = 20_000      # workers send their rendered list items/summaries back up to here
_JOB: tuple | None = None     # (env, pages, out, memo) for the forked workers; set only around a Pool


def _fork_context(jobs: int, items: int, least: int):
    """The fork start method when ``jobs`` processes are worth it for ``items`` items, else
    None. multiprocessing is imported only then (~10 ms a rebuild need not pay)."""
    if jobs < 2 or items < least or not hasattr(os, "fork"):
        return None
    import multiprocessing
    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    return multiprocessing.get_context("fork")


def default_jobs() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def render_one(env, templates: dict, page) -> str:
    tpl = templates.get(page.template)
    if tpl is None:
        tpl = templates[page.template] = render.get_template(env, page.template)
    return render.render(tpl, page.context())


def _work(share: tuple[int, int]) -> tuple[list[tuple[str, str, bool]], dict]:
    """Render and write every step-th page from start; also the memo pieces this worker made
    (none from the calling process itself: its memo is the real one)."""
    env, pages, out, memo = _JOB
    start, step = share
    templates: dict = {}
    files = FileWriter(out)
    done = []
    for page in pages[start::step]:
        written = files.put(page.rel, render_one(env, templates, page).encode("utf-8"))
        done.append((page.rel, page.fp, written))
    return done, (memo.new if memo is not None and start else {})


def forked_map(func, items: list, jobs: int, min_items: int = 400) -> list:
    """[func(x) for x in items], on ``jobs`` forked processes when there are enough items
    (``func`` must be a module-level function; items and results are pickled)."""
    context = _fork_context(jobs, len(items), min_items)
    if context is None:
        return [func(x) for x in items]
    with context.Pool(jobs) as pool:
        return pool.map(func, items, chunksize=max(1, len(items) // (jobs * 8)))


def render_many(env, pages: list, out, jobs: int, memo=None) -> list[tuple[str, str, bool]] | None:
    """Render and write ``pages`` with ``jobs`` forked processes; None when not worth it
    (few pages, one core, or no fork on this platform): the caller renders them itself.
    The list items and summaries the workers render join ``memo`` (a memo.Fragments), so
    the next build reuses them, unless the site is so large that carrying them to this
    process would cost more memory than re-rendering a few later costs time."""
    global _JOB
    context = _fork_context(jobs, len(pages), PARALLEL_MIN_PAGES)
    if context is None:
        return None
    _JOB = (env, pages, out, memo if len(pages) <= PIECES_BACK_MAX else None)
    try:
        # jobs - 1 workers; this process renders the first share itself instead of
        # waiting: one fork fewer, and each fork duplicates the pages it touches (the
        # refcounts it writes), ~450 MB per worker at 100k events
        with context.Pool(jobs - 1) as pool:
            others = pool.map_async(_work, [(i, jobs) for i in range(1, jobs)])
            own = _work((0, jobs))
            results = [own] + others.get()
    finally:
        _JOB = None
    for _, pieces in results:
        if pieces and memo is not None:
            memo.adopt(pieces)
    return [item for share, _ in results for item in share]
