"""The partial expression a recognition rule emits (see recognizer): its span, type and a
partly-filled value the resolver completes."""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Partial:
    start: int
    end: int
    rule: str
    type: str
    value: str                 # partial value (see resolver)
    mod: str | None = None
    direction: str | None = None   # "past" | "future" | "this" | None (from tense)
    quant: str | None = None
    freq: str | None = None
    zone: str | None = None    # "+07:00", "LOCAL" or a place name to look up
    weekday: int | None = None  # the ISO weekday written with a year-less date ("Thursday,
    #                             27 May"), which may choose its year (resolver.on_weekday)
    offset: str | None = None   # a stretch from the day written ("two weeks from Friday":
    #                             "+2W"; see offsets)


# Partial values more than one stage reads: a year written in full ("2008"), a weekday
# of no week yet ("XXXX-WXX-3")
YEAR_VALUE = re.compile(r"\d{4}")
WEEKDAY_PARTIAL = re.compile(r"XXXX-WXX-[1-7]")
