"""Work on every core. Forked workers inherit what they work on (pages hold closures, which
cannot be pickled, and need not be: a fork shares the parent's memory); the calling
process takes a share itself instead of idling beside them, and only results travel back
(pickled). Small jobs (a rebuild after an edit, a small site) stay in the calling process.

A cold build renders its pages on every core: the workers start on the event pages as
soon as the events are in order, while the calling process saves the caches, plans and
renders the other pages and writes the whole-site exports (feeds, calendar, search
index), then joins them; the workers meanwhile take that many more event pages, so that
work costs no wall time of its own.
"""
from __future__ import annotations

import os
from typing import Callable, Iterable

from .. import workers
from . import render
from .writer import FileWriter, content_fp

PARALLEL_MIN_PAGES = 1500     # event pages to render before other processes are worth it
PIECES_BACK_MAX = 20_000      # workers send their rendered list items/summaries back up to here
CHUNK = 64                    # event pages (record files) taken from a shared queue at a time
# A worker leaves the end of a queue to the calling process, which works on it while the
# worker pickles and sends its results: 1/READ_TAIL of the record files, 1/RENDER_TAIL of
# the event pages (writing them can be slow on this file system: a smaller share)
READ_TAIL = 20
RENDER_TAIL = 40
_JOB: tuple | None = None     # what the forked workers work on; set only around a Pool


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
    return min(workers.usable_cores(), 8)


def _shared(context, job: tuple, work: Callable, shares: list) -> list:
    """[work(share) for share in shares]: the first in this process, the others in forked
    workers that see ``job`` as parallel._JOB and end with this process."""
    global _JOB
    _JOB = job
    try:
        # A Ctrl-C while the workers start is held until the pool has them all, then
        # raised inside it, whose exit ends and reaps them (raised in Pool's own start,
        # it left the started ones orphaned, dying only after this process): SIGINT
        # blocked from before the forks until each worker ignores it (as WorkerPool does)
        with workers.interrupts_held() as interrupted:
            with workers.sigint_blocked():
                pool = context.Pool(len(shares) - 1, workers.worker_started, (os.getpid(),))
        with pool:
            if interrupted:
                raise KeyboardInterrupt
            others = pool.map_async(work, shares[1:], chunksize=1)
            own = work(shares[0])
            return [own] + others.get()
    finally:
        _JOB = None


def _map_share(share: int) -> list[tuple[int, list]]:
    """(first index, results) of each chunk of the items this process took. A worker
    leaves the queue's last twentieth (READ_TAIL) to the calling process: meanwhile it
    pickles its results and sends them (about as long as reading a twentieth takes),
    which the calling process then only has to unpickle."""
    func, items, counter, first = _JOB
    done = []
    if share == 0 and first is not None:
        first()
    limit = None if share == 0 else len(items) - len(items) // READ_TAIL
    while (chunk := _steal(counter, len(items), limit)) is not None:
        done.append((chunk.start, [func(items[i]) for i in chunk]))
    return done


def forked_map(func, items: list, jobs: int, min_items: int = 400,
               first: Callable[[], object] | None = None) -> list:
    """[func(x) for x in items], on ``jobs`` processes when there are enough items (this
    one included; items are inherited, results are pickled back). The items are a queue
    every process takes CHUNK at a time from, so they finish together even when another
    job on the machine slows one of them down. ``first()`` runs in this process before
    it takes items (meanwhile the workers take more), or before all when none is forked."""
    context = _fork_context(jobs, len(items), min_items)
    if context is None:
        if first is not None:
            first()
        return [func(x) for x in items]
    results = _shared(context, (func, items, context.Value("l", 0), first), _map_share,
                      list(range(jobs)))
    out: list = [None] * len(items)
    for part in results:
        for start, values in part:
            out[start:start + len(values)] = values
    return out


def render_one(env, templates: dict, page) -> str:
    """``page`` rendered; ``templates``: name -> (template, its flat globals), filled as
    pages need them (one dict per process and build)."""
    known = templates.get(page.template)
    if known is None:
        tpl = render.get_template(env, page.template)
        known = templates[page.template] = (tpl, render.flat_globals(tpl))
    return render.render(known[0], page.context(), known[1])


def _steal(counter, count: int, limit: int | None = None) -> range | None:
    """The next chunk of the shared queue of ``count`` items, or None when it is empty
    (or, with ``limit``, when the chunks before that item are taken)."""
    if workers.orphaned():
        os._exit(1)                           # a worker whose build was killed
    with counter.get_lock():
        k = counter.value
        if k * CHUNK >= (count if limit is None else limit):
            return None
        counter.value = k + 1
    first = k * CHUNK
    return range(first, min(first + CHUNK, count))


def _work(share: int) -> tuple[list[tuple[str, str, bool]], dict]:
    """This share's own work, then chunks of the shared queue until it is empty: the
    calling process first runs ``first`` (work that can wait until the workers run),
    renders its own pages (planned as it goes: the list pages) and writes the extra files
    (e.g. the exports: their memo pieces are then made where they are kept, instead of
    being pickled back from a worker at the end); once the calling process has joined the queue,
    a worker leaves the queue's end to it (RENDER_TAIL), to render while the worker
    sends its results. Returns what was written and the memo pieces a worker made (none from the
    calling process itself: its memo is the real one)."""
    env, own, queue, counter, joined, files, memo, extra, first = _JOB
    templates: dict = {}
    done = []

    def put(page) -> None:
        written = files.put(page.rel, render_one(env, templates, page).encode("utf-8"))
        done.append((page.rel, page.fp, written))

    if share == 0:
        if first is not None:
            first()
        for page in own:
            put(page)
        if extra is not None:
            for rel, data in extra():
                done.append((rel, content_fp(data), files.put(rel, data)))
    tail = len(queue) - len(queue) // RENDER_TAIL
    if share == 0:
        joined.value = 1                     # from now on the workers leave it the tail
    while True:
        chunk = _steal(counter, len(queue), tail if share and joined.value else None)
        if chunk is None:
            break
        for i in chunk:
            put(queue[i])
    return done, (memo.new if memo is not None and share else {})


def render_many(env, queue: list, own: Iterable, files: FileWriter, jobs: int, memo=None,
                extra: Callable[[], Iterable[tuple[str, bytes]]] | None = None,
                first: Callable[[], object] | None = None,
                ) -> list[tuple[str, str, bool]] | None:
    """Render and write the pages of ``queue`` (the event pages: the bulk) and ``own``
    (the others, planned lazily) with ``jobs`` processes; None when not worth it (few
    event pages, one core, or no fork on this platform): the caller renders them itself.
    The workers start on the queue while this process runs ``first()``, then plans and
    renders ``own`` (home, years, tags, ...: each event's list item is then rendered
    once, not in every process) and writes ``extra()`` (files, e.g. the exports; given
    only up to PIECES_BACK_MAX event pages: past that the caller writes them once the
    workers are gone, for memory); all take event pages from the
    queue, CHUNK at a time, until none is left: every process stays busy however the
    costs fall on this machine. The list items and summaries the workers render join
    ``memo`` (a memo.Fragments), so the next build reuses them, unless the site is so
    large that carrying them to this process would cost more memory than re-rendering
    a few later costs time."""
    context = _fork_context(jobs, len(queue), PARALLEL_MIN_PAGES)
    if context is None:
        return None
    back = memo if len(queue) <= PIECES_BACK_MAX else None
    # this process works too instead of waiting: one fork fewer, and each fork
    # duplicates the pages it touches (the refcounts it writes)
    results = _shared(context, (env, own, queue, context.Value("l", 0), context.Value("b", 0), files,
                                back, extra, first), _work, list(range(jobs)))
    for _, pieces in results:
        if pieces and memo is not None:
            memo.adopt(pieces)
    return [item for share, _ in results for item in share]
