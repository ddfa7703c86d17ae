"""`timeline ingest`: raw articles (.txt, .md, .html, JSON Lines, stdin) -> content/articles.

Stages (one module each): decode (bytes -> text or refusal) -> readers (format ->
Draft) -> detect (boilerplate, title, publication line, captions, dateline, credit;
patterns from resources/<lang>/*.yaml) -> build (Draft -> Article, fields settled,
report notes) -> pipeline (dedupe, slug, atomic write, Report).
"""
from .pipeline import ingest_paths, ingest_records, parse_record

__all__ = ["ingest_paths", "ingest_records", "parse_record"]
