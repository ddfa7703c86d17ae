"""Draft -> Article: run the detectors, settle each front-matter field, say how.

Every field records where it came from (for the per-file report); a field that could
not be detected stays null and, when the timeline needs it, gets an entry in the
article's ``todo`` mapping that `timeline check` shows until the editor fills it in.
Publication times without a zone are read in the outlet's home zone when the time is the
outlet's own page stamp ("Published Thu, Feb 28, 2019 · 07:44 AM" on a Singapore paper's
site is Singapore time, whatever the dateline), else in the dateline place's zone
(zoneinfo, DST-correct), else in the project's default zone (content/site.yaml
``timezone``), and the report says so. Nothing is ever dated from today.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from ..errors import InputError
from ..model import Article
from ..places import format_offset, lookup
from ..schema import ARTICLE_URL_RE
from .detect import Findings, Removed, When, analyse_text, parse_when
from .detok import detokenise, is_tokenised
from .readers import Draft
from .resources import Resources


@dataclass(frozen=True)
class Overrides:
    """Values given on the command line (--source, --url); they beat detection."""

    source: str | None = None
    url: str | None = None


@dataclass
class Built:
    article: Article                      # id is still empty: the writer picks the slug
    notes: list[str] = field(default_factory=list)      # what was found and how
    missing: list[str] = field(default_factory=list)    # what could not be detected
    removed: tuple[Removed, ...] = ()                    # lines taken out of the text


_SENTENCE = re.compile(r"(.+?[.!?])(?=\s+[\"“'‘(]?[A-Z0-9]|\s*$)", re.S)


def stand_in_title(body: str, dateline: str | None = None, words: int = 14) -> str:
    """The first sentence (cut to ``words`` words, dateline left out) as a title when the
    input has none."""
    first = body.strip().split("\n", 1)[0]
    if dateline and first.startswith(dateline) and len(first) > len(dateline):
        first = first[len(dateline):]
    m = _SENTENCE.match(first)
    sentence = (m.group(1) if m else first).strip()
    parts = sentence.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def _place(written: str | None, region: str | None = None, res: Resources | None = None
           ) -> tuple[str | None, str | None, str | None]:
    """Dateline place as written ("HANOI", region "Maine") -> (name, IANA zone, note) via
    the gazetteer; a region the dateline names beats a same-named city elsewhere."""
    if not written:
        return None, None, None
    as_written = " ".join(w.capitalize() if w.isupper() else w for w in written.split())
    found = lookup(written)
    known = res.region_named(region) if res is not None else None
    if known is not None and (found is None or found.timezone not in known.zones):
        why = ("is not in the gazetteer" if found is None else
               f"is not the gazetteer's {found.name} ({found.country}, {found.timezone})")
        return (as_written, known.zones[0],
                f"{as_written}, {region} {why}: zone {known.zones[0]} from {known.name}")
    if found is None:
        return as_written, None, None
    # "ZURICH" -> "Zürich" (the same name), but "ACAPULCO" stays "Acapulco", not the
    # gazetteer's "Acapulco de Juárez".
    same = _fold(found.name) == _fold(written)
    return (found.name if same else as_written), found.timezone, None


def _fold(name: str) -> str:
    text = unicodedata.normalize("NFKD", name)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def _outlet(draft: Draft, over: Overrides, findings: Findings, res: Resources,
            url: str | None) -> tuple[str | None, str | None]:
    """(outlet, how it was found)."""
    candidates = (
        (over.source, "--source"),
        (draft.source, "given in the input" if draft.fmt != "html" else "page metadata"),
    )
    for value, how in candidates:
        if value:
            known = res.outlet_named(value)
            return (known.name if known else value), how
    if url:
        known = res.outlet_for_host(urlsplit(url).hostname or "")
        if known and known.kind == "outlet":
            return known.name, "URL domain"
    if findings.outlet_hint:
        return findings.outlet_hint, "named in page boilerplate"
    return None, None


def _localise(when: When, place_name: str | None, place_zone: str | None,
              default_zone: str | None, home: tuple[str, str] | None = None,
              zone_names: dict[str, str] | None = None
              ) -> tuple[datetime, str | None, bool]:
    """(aware datetime, note, zone was assumed from the project default). ``home`` is
    (outlet, its newsroom zone) when the time is the outlet's own page stamp."""
    if when.value.tzinfo is not None:
        local = place_zone or (home[1] if home else None)
        if local and when.zone_word is None and when.value.utcoffset() == timedelta(0):
            # A machine stamp in UTC ("2020-03-04T02:00:00Z" in the page's metadata) is
            # the same instant in the dateline's (else the newsroom's) zone, and that
            # local date is what "Monday" and "yesterday" in the text count from.
            value = when.value.astimezone(ZoneInfo(local))
            return value, (f"publication time given in UTC: written in {local} time "
                           f"(UTC{format_offset(value.utcoffset())})"), False
        return _named_zone(when, (home[1] if home else None, place_zone), zone_names or {})
    zone, where, assumed = place_zone, place_name, False
    if home is not None:
        zone, where = home[1], f"{home[0]}'s newsroom"
    if zone is None and default_zone:
        zone, where, assumed = default_zone, f"the project's default zone {default_zone}", True
    if zone is None:
        zone, where, assumed = "UTC", "UTC (no dateline place and no default zone)", True
    value = when.value.replace(tzinfo=ZoneInfo(zone))
    offset = format_offset(value.utcoffset())
    what = "date" if when.precision == "day" else f"time {when.value:%H:%M}"
    label = f"{where} time ({zone}, UTC{offset})" if not assumed else where
    return value, f"publication {what} gave no zone: read as {label}", assumed


def _named_zone(when: When, candidates: tuple[str | None, ...], zone_names: dict[str, str]
                ) -> tuple[datetime, str | None, bool]:
    """A time written with a zone word. A region's civil time ("ET") is read in its IANA
    zone on that date (EDT in summer); a word that the outlet's or the dateline's zone
    uses on that date ("IST" on an Indian page: +05:30, not Israel's +02:00) is read in
    that zone; any other word keeps the offset it stands for."""
    word = when.zone_word
    wall = when.value.replace(tzinfo=None)
    named = zone_names.get(word) if word else None
    if named is None and word:
        named = next((z for z in candidates if z and wall.replace(tzinfo=ZoneInfo(z)).tzname()
                      == word), None)
    if named is None:
        return when.value, None, False
    value = wall.replace(tzinfo=ZoneInfo(named))
    note = None
    if value.utcoffset() != when.value.utcoffset():
        note = (f"zone {word} read as {named} (UTC{format_offset(value.utcoffset())} on "
                f"{wall:%Y-%m-%d})")
    return value, note, False


# Where a publication time was read from when it is the outlet's own page stamp.
_PAGE_STAMPS = ("publication line", "update line")


def _published(draft: Draft, findings: Findings, res: Resources
               ) -> tuple[When | None, str | None, list[str]]:
    """The best publication date: given > publication line/stamp > photo caption. A more
    precise date from the text replaces a date-only given one when they agree."""
    notes: list[str] = []
    given = parse_when(draft.published, res)
    if draft.published and given is None:
        notes.append(f"given publication date {draft.published!r} could not be read")
    text_when = parse_when(findings.published[1], res) if findings.published else None
    if findings.published and text_when is None:
        notes.append(f"the {findings.published[0]} {findings.published[1]!r} (taken out of "
                     "the text) could not be read as a date")
    if given and text_when and given.precision == "day" and text_when.precision != "day":
        if text_when.value.date() == given.value.date():
            return text_when, findings.published[0], notes
        notes.append(f"the {findings.published[0]} says {findings.published[1]!r} but the "
                     f"input gives {draft.published}; kept the input's date")
    if given:
        return given, "input metadata" if draft.fmt != "html" else "HTML metadata", notes
    if text_when:
        return text_when, findings.published[0], notes
    for written in findings.caption_dates:
        when = parse_when(written, res)
        if when:
            notes.append(f"date taken from the photo caption ({written!r}); time of day unknown")
            return when, "photo caption", notes
    return None, None, notes


def build_article(draft: Draft, res: Resources, *, default_zone: str | None = None,
                  over: Overrides = Overrides()) -> Built:
    notes = list(draft.notes)
    missing: list[str] = []
    todo: dict[str, str] = {}
    text = draft.text
    if draft.fmt == "jsonl" and is_tokenised(text):
        text = detokenise(text)
        notes.append("Penn-Treebank tokens detokenised (quotes, brackets, spacing)")
    body, f = analyse_text(text, res, want_title=draft.title is None and draft.title_in_text)
    if not body.strip():
        raise InputError("no article text left once page boilerplate, headline and metadata "
                         "lines are taken out", path=draft.origin)

    title = draft.title or f.title or f.headline
    if title and not (draft.title or f.title):
        notes.append("headline from the line of the agency stamp")
    if not title:
        title = stand_in_title(body, f.dateline)
        todo["title"] = "no headline in the input: the first sentence stands in; write the title"
        missing.append("title (the first sentence stands in)")

    url = over.url or draft.url or f.url
    if url and not ARTICLE_URL_RE.match(url):   # what check accepts
        notes.append(f"url {url!r} is not an http(s) address: left out")
        url = None
    elif url and not (over.url or draft.url):
        notes.append(f"url {url} (a line of the text)")
    if not url:
        missing.append("url")

    source, how = _outlet(draft, over, f, res, url)
    if source:
        notes.append(f"outlet {source} ({how})")
    else:
        todo["source"] = "outlet not detected: write the name of the publication"
        missing.append("outlet (pass --source NAME)")
    wire = f.wire if f.wire and f.wire != source else None
    if wire:
        notes.append(f"wire service {wire} (dateline or credit)")

    place, zone, place_note = _place(draft.place or f.place,
                                     None if draft.place else f.region, res)
    if place_note:
        notes.append(place_note)
    if place and zone:
        notes.append(f"place {place} ({zone}) from the dateline")
    elif place:
        todo["timezone"] = f"place {place!r} is not in the gazetteer: write its IANA time zone"
        missing.append(f"time zone of {place}")
    else:
        missing.append("dateline place")

    when, how, date_notes = _published(draft, f, res)
    notes += date_notes
    published = None
    precision = None
    if when is None:
        todo["published"] = ("no publication date found: write it as ISO 8601 with the UTC "
                              "offset, e.g. 2019-02-28T07:44:00+07:00")
        missing.append("publication date")
    else:
        outlet = res.outlet_named(source) if source else None
        # The outlet's newsroom zone reads its own page stamps, and any zoneless date
        # when there is no dateline place (a dataset's "time": "2010-01-25" from the BBC
        # is a London date, not a UTC one).
        home = ((outlet.name, outlet.timezone)
                if outlet and outlet.timezone and (how in _PAGE_STAMPS or zone is None)
                else None)
        published, zone_note, assumed = _localise(when, place, zone, default_zone, home,
                                                  res.zone_names)
        notes.append(f"published {published.isoformat()} ({how})")
        if zone_note:
            notes.append(zone_note)
        if assumed:
            todo["published"] = (f"the input gave no zone and no dateline place: read in "
                                 f"{published.tzinfo}; check the UTC offset")
        if how == "update line":
            todo["published"] = ("the page gives only the time it was updated: if the "
                                 "article first appeared earlier, write that time")
        if when.ambiguous:
            todo["published"] = (f"the date is written in figures that can be read day "
                                 f"first or month first; read as {published:%d %B %Y}: "
                                 "check it")
            notes.append("publication date in figures: day and month order is a guess")
        precision = "day" if when.precision == "day" else None

    language = draft.language or res.language
    if language.split("-")[0].lower() == res.language and not in_language(body, res):
        todo["language"] = (f"the text does not read as {res.language}: write its language "
                            "code (extract reads only languages it has models for)")
        notes.append(f"the text does not look like {res.language} (few of its common words)")
    ending = body.rstrip()[-60:]
    if not ending.endswith(_TEXT_ENDS):
        todo["text"] = ("the text stops mid-sentence (a paywall or a cut-off copy?): paste the "
                        "whole article, or delete this entry if it is complete")
        notes.append(f"the text stops mid-sentence: …{ending.split(chr(10))[-1][-40:]!r}")

    author = draft.author or f.author
    if not author:
        missing.append("author")
    if f.removed:
        counts = Counter(r.kind.replace("_", " ") for r in f.removed)
        notes.append("lines removed: " + ", ".join(f"{k} {n}" for k, n in counts.items()))

    article = Article(
        id="", title=_one_line(title), text=body, published=published,
        source=_one_line(source), url=url, place=_one_line(place), timezone=zone,
        language=language, author=_one_line(author),
        wire=_one_line(wire), published_precision=precision, todo=todo, path=draft.origin,
        extra=dict(draft.extra))
    return Built(article, notes, missing, f.removed)


_TEXT_ENDS = (".", "!", "?", '"', "”", "'", "’", ")", "]", "…", "»")


def in_language(body: str, res: Resources, min_words: int = 40) -> bool:
    """Whether a text reads as the resources' language: at least one word in eight is one
    of its commonest words (function_words). Short texts are assumed to."""
    words = re.findall(r"[^\W\d_]+", body.casefold())
    if len(words) < min_words:
        return True
    return sum(w in res.function_words for w in words) * 8 >= len(words)


def _one_line(value: str | None) -> str | None:
    """Front-matter names are one line: runs of spaces and line breaks become one space."""
    return " ".join(value.split()) or None if value else None


# --------------------------------------------------------------------------- slugs

def slugify(title: str, max_len: int = 80) -> str:
    """A readable ASCII slug from a title: "Trump-Kim summit ends" -> "trump-kim-summit-ends"."""
    text = unicodedata.normalize("NFKD", title)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"['’]", "", text)
    words = re.sub(r"[^a-z0-9]+", " ", text).split()
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_len:
            break
        slug = candidate
    return slug or (words[0][:max_len] if words else "article")
