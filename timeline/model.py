"""The one data model passed between the pipeline's stages.

Article  -- a news article with its publication date and place (the anchor).
Expression -- a time expression found in a text, resolved to a TimeML value.
Event    -- a dated happening with its evidence; the editable record.

Stages are pure functions over these values; nothing here does I/O.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

EVENT_STATUSES = ("auto", "reviewed", "rejected")
EVENT_KINDS = ("happened", "planned")
TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")
TIMEX_MODS = ("BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER", "LESS_THAN", "MORE_THAN",
              "EQUAL_OR_LESS", "EQUAL_OR_MORE", "START", "MID", "END", "APPROX")


@dataclass(frozen=True)
class Article:
    """An article as stored in content/articles/<id>.md (front matter + body)."""

    id: str                       # slug, the file's stem
    title: str
    text: str                     # the body, as published (Markdown/plain paragraphs)
    published: datetime | None    # timezone-aware; None = unknown (extract skips it)
    source: str | None = None     # outlet, e.g. "The Star"
    url: str | None = None
    place: str | None = None      # dateline place, e.g. "Hanoi"
    timezone: str | None = None   # IANA zone of the place, e.g. "Asia/Ho_Chi_Minh"
    language: str = "en"
    author: str | None = None
    wire: str | None = None       # wire service the outlet carried, e.g. "Bloomberg"
    published_precision: str | None = None  # "day": only the date is known (time is 00:00)
    todo: dict[str, str] = field(default_factory=dict)  # field -> what the editor must fill in
    path: str | None = None       # where it was read from (for messages)
    extra: dict[str, Any] = field(default_factory=dict)  # front-matter keys we do not model

    @property
    def anchor(self) -> datetime | date | None:
        """What the article's time expressions resolve against: the publication instant,
        or only its date when that is all that is known (published_precision: day), so
        "6 hrs ago" is not read from a made-up midnight."""
        if self.published is not None and self.published_precision == "day":
            return self.published.date()
        return self.published

    @property
    def zone_place(self) -> str | None:
        """Where the article's clock times are read: its IANA zone when known, else its
        dateline place (the tagger looks the place up)."""
        return self.timezone or self.place


@dataclass(frozen=True)
class Expression:
    """A TIMEX3: span in the text it was found in, and its resolved value.

    ``value`` follows TimeML (ISO 8601 extended: "2019-02-28", "2019-W09",
    "2019-02-28TMO", "PT2H", "PRESENT_REF", ...) and carries no UTC offset;
    ``zone`` holds the offset ("+07:00") when the expression is a clock time
    whose zone is known.
    """

    start: int
    end: int
    text: str
    type: str                      # DATE | TIME | DURATION | SET
    value: str
    mod: str | None = None
    zone: str | None = None        # "+07:00"
    quant: str | None = None       # SET: "EVERY", "EACH"
    freq: str | None = None        # SET: "2X"
    temporal_function: bool = False  # value depended on an anchor
    anchor: str | None = None      # the value it was resolved against

    @property
    def value_with_zone(self) -> str:
        """The value the events record uses: a clock time keeps its UTC offset."""
        if self.zone and "T" in self.value and self.value[-1].isdigit():
            return self.value + self.zone
        return self.value


@dataclass(frozen=True)
class Source:
    """One piece of evidence for an event."""

    article: str                   # article id
    quote: str                     # the sentence, verbatim from the article
    expression: str                # the time expression as written


@dataclass
class Event:
    """One dated happening: the unit of the editable record (content/events/<id>.yaml)."""

    id: str
    date: str                       # TimeML value, "2019-02-28T14:00+07:00" keeps its offset
    title: str
    sources: list[Source] = field(default_factory=list)
    mod: str | None = None
    end: str | None = None
    summary: str | None = None
    kind: str = "happened"          # happened | planned
    tags: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    status: str = "auto"            # auto | reviewed | rejected
    extra: dict[str, Any] = field(default_factory=dict)  # fields a person added; kept verbatim
