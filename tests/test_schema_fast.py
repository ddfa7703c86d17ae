"""schema._plain_event, the one-pass reading of the common valid event file, gives exactly
what the full validator gives (Event, problems, every ``where`` entry in the same order)
on every event file at hand and on variants of one that break each rule it checks; and
it takes the plain files a site is made of (else the build reads them the slow way)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from timeline import schema
from timeline.yamlcheck import parse_yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
import site_bench  # noqa: E402  (the generator of the site benchmark's projects)

BASE = """id: talks-resume
date: "2019-02-28"
title: Talks resume in Hanoi
summary: Both sides *met* again.
sources:
- article: article-01
  quote: Officials met on Thursday.
  expression: Thursday
tags:
- diplomacy
people:
- Kim Jong Un
places:
- Hanoi
status: auto
"""

SOURCE = BASE[BASE.index("sources:"):BASE.index("tags:")]

VARIANTS = [
    BASE,
    BASE.replace('status: auto\n', ''),
    BASE + 'end: "2019-03-02"\n',
    BASE + 'end: "2019-02-27"\n',                 # before the date
    BASE + 'end: "2019-02-30"\n',
    BASE + 'end: ""\n',
    BASE + 'mod: APPROX\n',
    BASE + 'mod: ROUGHLY\n',
    BASE + 'kind: planned\n',
    BASE + 'kind: maybe\n',
    BASE.replace('status: auto', 'status: reviewed'),
    BASE.replace('status: auto', 'status: done'),
    BASE.replace('status: auto', 'status:'),
    BASE.replace('Talks resume in Hanoi', '""'),
    BASE.replace('Talks resume in Hanoi', '"  "'),
    BASE.replace('title: Talks resume in Hanoi\n', ''),
    BASE.replace('Talks resume in Hanoi', '2019'),
    BASE.replace('Talks resume in Hanoi', 'Talks resume #1 story'),
    BASE.replace('Talks resume in Hanoi', '"Talks # resume"'),
    BASE.replace('id: talks-resume', 'id: other-name'),
    BASE.replace('id: talks-resume', 'id: Talks_Resume'),
    BASE.replace('id: talks-resume\n', ''),
    BASE.replace('"2019-02-28"', '2019-02-28'),
    BASE.replace('"2019-02-28"', '"2019-13"'),
    BASE.replace('"2019-02-28"', '"2019-02-28T14:00+07:00"'),
    BASE.replace('"2019-02-28"', '"PRESENT_REF"'),
    BASE.replace('- diplomacy', '- diplomacy\n- 1'),
    BASE.replace('tags:\n- diplomacy', 'tags: diplomacy'),
    BASE.replace('tags:\n- diplomacy', 'tags:'),
    BASE.replace('tags:\n- diplomacy', 'tags: []'),
    BASE.replace('tags:\n- diplomacy', 'tags: [[a]]'),
    BASE.replace('- diplomacy', '- diplomacy\n- diplomacy'),
    BASE.replace(SOURCE, 'sources: []\n'),
    BASE.replace(SOURCE, 'sources:\n'),
    BASE.replace(SOURCE, ''),
    BASE.replace('- article: article-01\n', '- article: ""\n'),
    BASE.replace('- article: article-01\n  quote', '- quote'),
    BASE.replace('  expression: Thursday\n', '  expression: Thursday\n  page: 3\n'),
    BASE.replace('  expression: Thursday\n', '  expression: Thursday\n  quote: again\n'),
    BASE.replace('  expression: Thursday\n', '  expression: Thursday\n- article: a-2\n'
                 '  expression: Friday\n  quote: ""\n- article: a-3\n'),
    BASE.replace('  expression: Thursday\n', '  expression: 2019\n'),
    BASE.replace('- article: article-01\n  quote: Officials met on Thursday.\n  expression: '
                 'Thursday\n', '- expression: Thursday\n  article: article-01\n  quote: Q\n'),
    BASE.replace('sources:\n- article', 'sources:\n- just text\n- article'),
    BASE.replace('Both sides *met* again.', '""'),
    BASE.replace('Both sides *met* again.', ''),
    BASE.replace('Both sides *met* again.', '|\n  Two lines\n  of text.'),
    BASE + 'colour: red\n',
    BASE + 'title: Again\n',
    BASE + 'conflicts:\n- date: "2019-03-01"\n  article: article-02\n',
    BASE + '? [a, b]\n: c\n',
    "status: auto\n" + BASE.replace('status: auto\n', ''),      # keys in another order
    BASE.replace('people:\n- Kim Jong Un', 'people: ["Kim Jong Un", "Donald Trump"]'),
]


def both(path: Path) -> tuple:
    parsed = parse_yaml(path.read_text("utf-8"), str(path))
    fast = schema.validate_event(parsed, path, str(path))
    full = schema.validate_event(parsed, path, str(path), fast=False)
    return fast, full


def same(fast, full) -> None:
    assert fast == full
    assert list(fast.where.items()) == list(full.where.items())


@pytest.mark.parametrize("n", range(len(VARIANTS)))
def test_plain_reading_equals_the_full_validator_on_each_variant(tmp_path, n):
    path = tmp_path / "talks-resume.yaml"
    path.write_text(VARIANTS[n], "utf-8")
    same(*both(path))


def test_plain_reading_equals_the_full_validator_on_every_event_file_at_hand(tmp_path):
    files = [*(REPO / "content" / "events").glob("*.yaml"),
             *(REPO / "tests" / "golden" / "events").glob("*.yaml"),
             *(REPO / "tests" / "fixtures").rglob("events/*.yaml")]
    site_bench.write_timeline_project(tmp_path / "bench", 300)
    generated = sorted((tmp_path / "bench" / "content" / "events").glob("*.yaml"))
    assert len(files) >= 10 and len(generated) == 300
    taken = 0
    for path in files + generated:
        fast, full = both(path)
        same(fast, full)
        if path in generated:
            parsed = parse_yaml(path.read_text("utf-8"), str(path))
            taken += schema._plain_event(parsed.node, path, str(path), path.stem,
                                         parsed.text) is not None
    assert taken == 300       # the generated site's files are all plain ones


def test_plain_reading_takes_the_common_file(tmp_path):
    path = tmp_path / "talks-resume.yaml"
    path.write_text(BASE, "utf-8")
    parsed = parse_yaml(BASE, str(path))
    plain = schema._plain_event(parsed.node, path, str(path), "talks-resume", BASE)
    assert plain is not None and plain.event.title == "Talks resume in Hanoi"
    assert plain.where["sources[0].quote"] == (7, 10)
