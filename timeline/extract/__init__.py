"""Events from articles: `timeline extract`.

Stages (one module each): resources (word lists), nlp (spaCy analyser), mentions
(article -> dated mentions, pure per article), titles and entities (used by mentions),
cluster (mentions -> one group per happening), assemble (group -> Event, ids, order),
merge (into the record, hand edits kept), driver (files, --jobs, progress, report).
"""
from __future__ import annotations

from .driver import analyse_articles, run_extract

__all__ = ["run_extract", "analyse_articles"]
