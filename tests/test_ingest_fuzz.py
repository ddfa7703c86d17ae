"""Property tests: whatever bytes or text arrive, ingest either makes an article or
refuses with an InputError; no other exception escapes."""
from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.errors import InputError
from timeline.ingest.build import build_article
from timeline.ingest.decode import decode_bytes
from timeline.ingest.detok import detokenise
from timeline.ingest.readers import draft_from_record, read_bytes
from timeline.ingest.resources import load_resources
from timeline.store import article_to_text

RES = load_resources("en")
SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

# Text built from the pieces the detectors look for, so the fuzzing reaches them.
PIECES = st.sampled_from([
    "HANOI (Bloomberg): ", "[HANOI] ", "Published Thu, Feb 28, 2019 · 07:44 AM", "– Reuters",
    "Next In World", "Campaign ID: 46", "By Jane Roe", " on Feb 28, 2019", "LONDON | Thu Jan 6, "
    "2011 12:01 pm EST ", "\n", "\n\n", "-LRB-", "``", "''", " , ", "Share", "(Photo: AFP)",
    "Views expressed in the comments do not represent those of Reuters.", "\u00a0", "\r\n"])
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=40)), max_size=40).map("".join)


@SETTINGS
@given(st.binary(max_size=3000))
def test_any_bytes_decode_or_are_refused(data):
    try:
        decoded = decode_bytes(data, "fuzz.txt")
    except InputError as exc:
        assert exc.path == "fuzz.txt"
    else:
        assert isinstance(decoded.text, str)


@SETTINGS
@given(TEXT, st.sampled_from([".txt", ".md"]))
def test_any_text_becomes_an_article_or_a_refusal(text, suffix):
    try:
        draft = read_bytes(text.encode("utf-8"), "fuzz" + suffix, suffix)
    except InputError:
        return
    try:
        built = build_article(draft, RES, default_zone="UTC")
    except InputError as exc:
        assert "no article text left" in exc.message
        return
    article = built.article
    assert article.title.strip()
    assert article.published is None or article.published.tzinfo is not None
    article_to_text(article)          # always writable


@SETTINGS
@given(st.dictionaries(st.sampled_from(["id", "time", "published", "title", "url", "text"]),
                       st.one_of(st.none(), st.integers(), TEXT), max_size=6))
def test_any_json_record_becomes_an_article_or_a_refusal(record):
    json.dumps(record)
    try:
        draft = draft_from_record(record, "fuzz.jsonl:1")
    except InputError:
        return
    try:
        assert build_article(draft, RES, default_zone="UTC").article.text.strip()
    except InputError as exc:
        assert exc.path == "fuzz.jsonl:1"


@SETTINGS
@given(TEXT)
def test_detokenise_never_raises_and_keeps_words(text):
    out = detokenise(text)
    for word in text.split():
        if word.isalpha() and len(word) > 3:
            assert word in out
