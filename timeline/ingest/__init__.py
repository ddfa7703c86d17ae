"""`timeline ingest`: raw articles (.txt, .md, .html, JSON Lines, stdin) -> content/articles.

Stages (one module each): decode (bytes -> text or refusal) -> readers (format ->
Draft) -> detect (boilerplate, title, publication line, captions, dateline, credit;
patterns from resources/<lang>/*.yaml) -> build (Draft -> Article, fields settled,
report notes) -> pipeline (dedupe, slug, atomic write, Report).

Library API:
    ingest_paths(project, paths, force=False, source=None, url=None, show_removed=False)
        -> Report                    what the CLI runs
    ingest_records(project, records, force=False) -> (written Articles, Report)
                                     in-process, for JSON-like records (benchmarks, tools)
    parse_record(record, origin, default_zone=None) -> Article
                                     one record, nothing written (id = slug of the title)
"""
from .pipeline import ingest_paths, ingest_records, parse_record

__all__ = ["ingest_paths", "ingest_records", "parse_record"]
