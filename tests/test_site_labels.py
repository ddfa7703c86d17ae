"""Date labels at their real precision, sort order, base URLs and slugs (unit tests)."""
from __future__ import annotations

import pytest

from timeline.errors import ConfigError
from timeline.site import labels
from timeline.site.calendar import fold, fold_octets
from timeline.site.urls import external_url, parse_base_url, slugify, unique_slugs

HANOI = [("Hanoi", "Asia/Ho_Chi_Minh")]


@pytest.mark.parametrize("value,mod,expected,html", [
    ("2018", None, "2018", "2018"),
    ("2019-02", None, "February 2019", "2019-02"),
    ("2019-02-28", None, "Thu 28 Feb 2019", "2019-02-28"),
    ("2019-02-28T14:00+07:00", None, "Thu 28 Feb 2019, 14:00 Hanoi (UTC+7)", "2019-02-28T14:00+07:00"),
    ("2019-02-28T13:30+07:00", "BEFORE", "Thu 28 Feb 2019, before 13:30 Hanoi (UTC+7)", "2019-02-28T13:30+07:00"),
    ("2019-02-28T14:30+08:00", None, "Thu 28 Feb 2019, 14:30 UTC+8", "2019-02-28T14:30+08:00"),
    ("2019-02-28T05:30Z", None, "Thu 28 Feb 2019, 05:30 UTC", "2019-02-28T05:30Z"),
    ("2019-02-28T14:00", None, "Thu 28 Feb 2019, 14:00", "2019-02-28T14:00"),
    ("2019-W09", None, "week of 25 Feb 2019", "2019-W09"),
    ("2019-W09-WE", None, "weekend of 2 Mar 2019", "2019-W09"),
    ("2019-02-28TMO", None, "Thu 28 Feb 2019, morning", "2019-02-28"),
    ("2019-SU", None, "summer 2019", "2019"),
    ("2019-Q1", None, "Q1 2019", "2019"),
    ("2019-H2", None, "second half of 2019", "2019"),
    ("201X", None, "the 2010s", "2010"),
    ("19", None, "1900–1999", "1900"),
    ("190X", None, "the 1900s", "1900"),
    ("2019-02-28", "APPROX", "about Thu 28 Feb 2019", "2019-02-28"),
    ("2019-02", "END", "late February 2019", "2019-02"),
    ("2019", "MID", "mid-2019", "2019"),
])
def test_label_and_time_element_value(value, mod, expected, html):
    when = labels.parse(value)
    assert labels.label(when, mod=mod, zones=HANOI) == expected
    assert when.html == html


def test_offset_label_uses_place_only_when_its_zone_matches_on_that_date():
    # New York is UTC-5 in February and UTC-4 in July (DST): the place is named only when right
    ny = [("New York", "America/New_York")]
    assert labels.label(labels.parse("2019-02-01T09:00-05:00"), zones=ny).endswith("New York (UTC-5)")
    assert labels.label(labels.parse("2019-07-01T09:00-05:00"), zones=ny).endswith("09:00 UTC-5")


@pytest.mark.parametrize("start,end,mod,expected", [
    ("2019-02-27", "2019-02-28", None, "27–28 Feb 2019"),
    ("2019-02-27", "2019-03-02", None, "27 Feb – 2 Mar 2019"),
    ("2018-12-30", "2019-01-02", None, "Sun 30 Dec 2018 – Wed 2 Jan 2019"),
    ("2019-02", "2019-03", None, "February – March 2019"),
    ("2019-02-27", "2019-02-28", "APPROX", "about Wed 27 Feb 2019 – Thu 28 Feb 2019"),
    ("2019-02-28T13:30+07:00", "2019-02-28T14:00+07:00", None,
     "Thu 28 Feb 2019, 13:30–14:00 Hanoi (UTC+7)"),
    ("2019-02-28T13:30+07:00", "2019-03-01T09:00+07:00", None,
     "Thu 28 Feb 2019, 13:30 Hanoi (UTC+7) – Fri 1 Mar 2019, 09:00 Hanoi (UTC+7)"),
])
def test_range_label(start, end, mod, expected):
    assert labels.label(labels.parse(start), mod=mod, end=labels.parse(end), zones=HANOI) == expected


def test_coarse_dates_sort_before_the_finer_dates_inside_them():
    values = ["2019-02-28T14:00+07:00", "2019-02-28", "2019-02", "2019", "2019-02-28TMO",
              "2019-02-28T13:30+07:00", "2019-W09", "2018", "2019-Q1", "2019-02-28T14:30+08:00"]
    ordered = sorted(values, key=lambda v: labels.parse(v).sort_key)
    assert ordered == ["2018", "2019", "2019-Q1", "2019-02", "2019-W09", "2019-02-28",
                       "2019-02-28TMO", "2019-02-28T13:30+07:00", "2019-02-28T14:30+08:00",
                       "2019-02-28T14:00+07:00"]


@pytest.mark.parametrize("bad", ["PRESENT_REF", "2019-02-30", "2019-13", "P2Y", "2019-W60"])
def test_values_that_are_not_calendar_dates(bad):
    with pytest.raises(labels.DateError):
        labels.parse(bad)


def test_base_url_forms():
    assert parse_base_url(None).path == "/"
    assert parse_base_url("/repo").path == "/repo/"
    b = parse_base_url("https://user.github.io/repo")
    assert (b.path, b.origin, b.full("feed.xml")) == ("/repo/", "https://user.github.io",
                                                      "https://user.github.io/repo/feed.xml")
    assert b.link("tags/kim-jong-un/") == "/repo/tags/kim-jong-un/"
    for bad in ("repo/", "javascript:alert(1)", "ftp://x/", "/a b/", "/x?y"):
        with pytest.raises(ConfigError):
            parse_base_url(bad)


def test_slugs_and_external_urls():
    assert slugify("Kim Jong Un") == "kim-jong-un"
    assert slugify("Hà Nội") == "ha-noi"
    assert slugify("金正恩") == "金正恩"
    assert unique_slugs(["U.S.", "US"]) == {"U.S.": "u-s", "US": "us"}
    assert unique_slugs(["a b", "a-b"]) == {"a b": "a-b", "a-b": "a-b-2"}
    assert external_url("https://example.com/a?b=1") == "https://example.com/a?b=1"
    for bad in ("javascript:alert(1)", "JAVASCRIPT:alert(1)", " data:text/html,x", "//evil",
                'https://x.com/"onmouseover=1', None, ""):
        assert external_url(bad) is None


def test_ics_folding_counts_octets_not_characters():
    line = "DESCRIPTION:" + "é" * 100
    folded = fold(line)
    parts = folded.removesuffix("\r\n").split("\r\n")
    assert all(len(p.encode()) <= 75 for p in parts)
    assert "".join(p[1:] if i else p for i, p in enumerate(parts)) == line


@pytest.mark.parametrize("length", [0, 1, 74, 75, 76, 148, 149, 150, 223, 224, 1000])
def test_ics_folding_of_ascii_by_slicing_equals_folding_by_octets(length):
    line = "".join(chr(33 + i % 90) for i in range(length))
    assert fold(line) == fold_octets(line)
    parts = fold(line).removesuffix("\r\n").split("\r\n")
    assert all(len(p) <= 75 for p in parts) and all(p.startswith(" ") for p in parts[1:])


def test_sitemap_splits_past_the_protocol_limit(monkeypatch):
    import xml.etree.ElementTree as ET
    from timeline.site import exports
    monkeypatch.setattr(exports, "SITEMAP_LIMIT", 2)
    files = exports.sitemaps(parse_base_url("https://h.example/r/"), ["a/", "b/", "c/", ""])
    assert sorted(files) == ["sitemap-1.xml", "sitemap-2.xml", "sitemap.xml"]
    index = ET.fromstring(files["sitemap.xml"])
    assert index.tag.endswith("sitemapindex")
    assert [e[0].text for e in index] == ["https://h.example/r/sitemap-1.xml",
                                          "https://h.example/r/sitemap-2.xml"]
    locs = [u[0].text for name in ("sitemap-1.xml", "sitemap-2.xml")
            for u in ET.fromstring(files[name])]
    assert locs == ["https://h.example/r/", "https://h.example/r/a/", "https://h.example/r/b/",
                    "https://h.example/r/c/"]
