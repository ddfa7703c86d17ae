"""TimeML reading and writing (timeline.timeml_doc, timeline.timeml): offsets on the
decoded text, byte-identical text around inserted TIMEX3, errors that name the file."""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import TBAQ, require_shared
from timeline.errors import InputError
from timeline.model import Expression
from timeline.timeml import load_input, parse_dct, render
from timeline.timeml_doc import (check_well_formed, insert_timexes, parse_timeml, plain_document,
                                 strip_timexes)

OUR_TAG_RE = re.compile(r"</?TIMEX3\b[^>]*>")


def tbaq_files() -> list[Path]:
    return sorted(require_shared(TBAQ).glob("*/*.tml"))


def gold_expressions(doc) -> list[Expression]:
    return [Expression(t.start, t.end, t.text, t.type, t.value, mod=t.attrs.get("mod"),
                       temporal_function=t.attrs.get("temporalFunction") == "true",
                       anchor=doc.dct if t.attrs.get("anchorTimeID") == doc.dct_tid else None)
            for t in doc.timexes]


def test_gold_spans_are_the_unescaped_element_text_in_every_tbaq_file():
    files = tbaq_files()
    assert len(files) == 256
    n = 0
    for path in files:
        raw = path.read_text(encoding="utf-8")
        doc = parse_timeml(raw, path)
        body = raw[raw.index("<TEXT>") + 6: raw.index("</TEXT>")]
        # independent of the parser: the content of each TIMEX3 element, tags removed, unescaped
        contents = [html.unescape(re.sub(r"<[^>]+>", "", m.group(1)))
                    for m in re.finditer(r"<TIMEX3\b[^>]*>(.*?)</TIMEX3>", body, re.S)]
        assert [t.text for t in doc.timexes] == [c for c in contents if c.strip()], path
        assert doc.text == html.unescape(re.sub(r"<[^>]+>", "", body))
        assert doc.dct and re.match(r"\d{4}-\d{2}-\d{2}", doc.dct)
        n += len(doc.timexes)
    assert n == 1822


def test_reinserting_gold_timexes_keeps_every_other_byte_in_all_of_tbaq():
    for path in tbaq_files():
        stripped = strip_timexes(parse_timeml(path.read_text(encoding="utf-8"), path))
        assert not stripped.timexes and "<EVENT" in stripped.raw
        gold = parse_timeml(path.read_text(encoding="utf-8"), path)
        out, dropped = insert_timexes(stripped, gold_expressions(gold))
        assert dropped == 0
        check_well_formed(out, str(path))
        assert OUR_TAG_RE.sub("", out) == OUR_TAG_RE.sub("", stripped.raw)  # DCT tag aside, identical
        again = parse_timeml(out, path)
        assert again.text == gold.text
        assert [(t.start, t.end, t.type, t.value) for t in again.timexes] == \
               [(t.start, t.end, t.type, t.value) for t in gold.timexes]


def test_stripping_drops_tlinks_to_removed_timexes_but_keeps_the_dct_and_events():
    path = TBAQ / "TimeBank" / "ABC19980108.1830.0711.tml"
    raw = require_shared(path).read_text(encoding="utf-8")
    stripped = strip_timexes(parse_timeml(raw, path))
    assert stripped.dct == "1998-01-08" and stripped.dct_tid == "t0"
    assert 'functionInDocument="CREATION_TIME"' in stripped.raw
    assert stripped.raw.count("<EVENT ") == raw.count("<EVENT ")
    assert 'relatedToTime="t83"' in raw and 'relatedToTime="t83"' not in stripped.raw
    assert 'relatedToTime="t0"' in stripped.raw          # links to the DCT stay


def doc_of(text_xml: str, dct: str = "2019-02-28"):
    raw = ('<?xml version="1.0" ?>\n<TimeML>\n<DOCID>d1</DOCID>\n'
           f'<DCT><TIMEX3 tid="t0" type="DATE" value="{dct}" temporalFunction="false" '
           f'functionInDocument="CREATION_TIME">{dct}</TIMEX3></DCT>\n<TEXT>{text_xml}</TEXT>\n</TimeML>\n')
    return parse_timeml(raw, "d1.tml")


def expr(text: str, phrase: str, value: str, type_: str = "DATE", **kw) -> Expression:
    start = text.index(phrase)
    return Expression(start, start + len(phrase), phrase, type_, value, **kw)


def test_offsets_are_on_the_unescaped_text_and_escapes_survive():
    doc = doc_of("AT&amp;T &lt;said&gt; on Monday &#233;t&#xE9; &quot;x&quot;")
    assert doc.text == 'AT&T <said> on Monday été "x"'
    out, dropped = insert_timexes(doc, [expr(doc.text, "Monday", "2019-02-25"),
                                        expr(doc.text, "été", "2019-SU")])
    assert dropped == 0
    assert ('AT&amp;T &lt;said&gt; on <TIMEX3 tid="t1" type="DATE" value="2019-02-25" '
            'temporalFunction="false">Monday</TIMEX3> <TIMEX3 tid="t2" type="DATE" value="2019-SU" '
            'temporalFunction="false">&#233;t&#xE9;</TIMEX3> &quot;x&quot;') in out
    assert parse_timeml(out).text == doc.text


def test_zone_mod_anchor_and_set_attributes():
    doc = doc_of("before 1:30pm local time, every week")
    t = doc.text
    out, _ = insert_timexes(doc, [
        expr(t, "1:30pm local time", "2019-02-28T13:30", "TIME", mod="BEFORE", zone="+07:00",
             temporal_function=True, anchor="2019-02-28"),
        expr(t, "every week", "P1W", "SET", quant="EVERY")])
    assert ('<TIMEX3 tid="t1" type="TIME" value="2019-02-28T13:30" mod="BEFORE" temporalFunction="true" '
            'anchorTimeID="t0" zone="+07:00">1:30pm local time</TIMEX3>') in out
    assert '<TIMEX3 tid="t2" type="SET" value="P1W" quant="EVERY" temporalFunction="false">every week' in out
    check_well_formed(out, "x")


def test_anchor_on_an_earlier_expression_points_to_its_tid():
    doc = doc_of("On March 3 it rained; the next day it snowed.")
    t = doc.text
    out, _ = insert_timexes(doc, [
        expr(t, "March 3", "2019-03-03", temporal_function=True, anchor="2019-02-28"),
        expr(t, "the next day", "2019-03-04", temporal_function=True, anchor="2019-03-03")])
    assert 'value="2019-03-04" temporalFunction="true" anchorTimeID="t1"' in out


def test_new_tids_do_not_collide_with_ids_already_in_the_file():
    raw = ('<TimeML><DCT><TIMEX3 tid="t1" type="DATE" value="2019-02-28" '
           'functionInDocument="CREATION_TIME">x</TIMEX3></DCT><TEXT>on Friday</TEXT></TimeML>')
    doc = parse_timeml(raw)
    out, _ = insert_timexes(doc, [expr(doc.text, "Friday", "2019-03-01")])
    assert '<TIMEX3 tid="t2" type="DATE" value="2019-03-01"' in out


def test_overlapping_and_markup_crossing_spans_are_left_out_and_counted():
    doc = doc_of('the <EVENT eid="e1">meeting on</EVENT> Friday morning and <EVENT eid="e2">week</EVENT>')
    t = doc.text
    crossing = expr(t, "on Friday", "2019-03-01")          # starts inside EVENT, ends outside
    friday = expr(t, "Friday", "2019-03-01")
    overlap = expr(t, "Friday morning", "2019-03-01TMO")    # longer, same start: wins over friday
    week = expr(t, "week", "P1W", "DURATION")               # exactly an EVENT's content: nests
    out, dropped = insert_timexes(doc, [crossing, friday, overlap, week])
    assert dropped == 2
    check_well_formed(out, "x")
    again = parse_timeml(out)
    assert [(x.text, x.value) for x in again.timexes] == [("Friday morning", "2019-03-01TMO"),
                                                          ("week", "P1W")]
    assert OUR_TAG_RE.sub("", out) == OUR_TAG_RE.sub("", doc.raw)


def test_plain_document_escapes_text_and_keeps_it_identical():
    text = 'Tom & Jerry <b>met</b> "today"\n\nat 2.30pm in Kuala Lumpur.\n'
    raw = plain_document(text, "art", "2019-02-28T07:44", "+07:00")
    check_well_formed(raw, "x")
    doc = parse_timeml(raw)
    assert doc.text == text and doc.dct == "2019-02-28T07:44" and doc.docid == "art"
    assert 'zone="+07:00"' in raw and 'type="TIME"' in raw


@pytest.mark.parametrize("value, timeml, zone, iso", [
    ("2019-02-28", "2019-02-28", None, "2019-02-28"),
    ("19980108", "1998-01-08", None, "1998-01-08"),
    ("1998-02-06T22:19:00", "1998-02-06T22:19:00", None, "1998-02-06T22:19:00"),
    ("2019-02-28T07:44+07:00", "2019-02-28T07:44", "+07:00", "2019-02-28T07:44:00+07:00"),
    ("2019-02-28T00:44Z", "2019-02-28T00:44", "+00:00", "2019-02-28T00:44:00+00:00"),
])
def test_parse_dct(value, timeml, zone, iso):
    a = parse_dct(value)
    assert (a.value, a.zone, a.when.isoformat()) == (timeml, zone, iso)


@pytest.mark.parametrize("value", ["yesterday", "2019-13-01", "2019-02-30", ""])
def test_parse_dct_rejects_non_dates(value):
    with pytest.raises(InputError, match="creation time"):
        parse_dct(value, "f.txt")


def test_load_input_errors_name_the_file(tmp_path):
    bad_xml = tmp_path / "bad.tml"
    bad_xml.write_text('<?xml version="1.0" ?>\n<TimeML>\n<TEXT>a <b>c</TEXT>\n</TimeML>\n')
    with pytest.raises(InputError) as exc:
        load_input(bad_xml)
    assert str(exc.value).startswith(f"{bad_xml}:3:") and "malformed XML" in str(exc.value)

    no_dct = tmp_path / "nodct.tml"
    no_dct.write_text("<TimeML><TEXT>on Friday</TEXT></TimeML>")
    with pytest.raises(InputError, match="--dct") as exc:
        load_input(no_dct)
    assert str(no_dct) in str(exc.value)
    assert load_input(no_dct, dct="2019-02-28").anchor.value == "2019-02-28"

    plain = tmp_path / "a.txt"
    plain.write_text("He left on Friday.")
    with pytest.raises(InputError, match="--dct"):
        load_input(plain)
    with pytest.raises(InputError, match="cannot read"):
        load_input(tmp_path / "missing.txt", dct="2019-02-28")
    binary = tmp_path / "b.tml"
    binary.write_bytes(b"\x00\x01\x02PK\x03\x04" * 10)
    with pytest.raises(InputError, match="binary"):
        load_input(binary)
    latin = tmp_path / "c.txt"
    latin.write_bytes("caf\xe9 on Friday".encode("cp1252"))
    with pytest.raises(InputError, match="UTF-8"):
        load_input(latin, dct="2019-02-28")


def test_markdown_article_brings_its_publication_date_and_place(tmp_path):
    art = tmp_path / "a.md"
    art.write_text("---\ntitle: T\npublished: '2019-02-28T07:44:00+07:00'\nplace: Hanoi\n---\n\n"
                   "The summit ended on Thursday.\n")
    inp = load_input(art)
    assert inp.text == "The summit ended on Thursday.\n"
    assert (inp.anchor.value, inp.anchor.zone, inp.place) == ("2019-02-28T07:44:00", "+07:00", "Hanoi")


def test_json_render_keeps_the_offset_in_value_with_zone():
    doc = doc_of("at 2.30pm in Kuala Lumpur")
    inp = load_input.__globals__["TagInput"]("x.txt", doc.text, parse_dct("2019-02-28"), None, None, "x")
    e = expr(doc.text, "2.30pm in Kuala Lumpur", "2019-02-28T14:30", "TIME", zone="+08:00")
    import json
    [got] = json.loads(render(inp, [e], "json")[0])
    assert got["value"] == "2019-02-28T14:30" and got["value_with_zone"] == "2019-02-28T14:30+08:00"
    assert (got["start"], got["end"], got["zone"], got["type"]) == (3, 25, "+08:00", "TIME")


# --------------------------------------------------------------------------- properties

XML_TEXT = st.text(st.characters(blacklist_categories=("Cs",),
                                 blacklist_characters="".join(map(chr, [*range(0, 9), 11, 12,
                                                                        *range(14, 32), 0xFFFE, 0xFFFF]))),
                   max_size=200)


@settings(max_examples=200, deadline=None)
@given(text=XML_TEXT | st.sampled_from(["a & b < c > d", "x\r\ny &amp; \"q\" 'z'", "]]> <!-- -->"]),
       cuts=st.lists(st.integers(0, 200), max_size=12))
def test_any_text_and_spans_round_trip_through_timeml(text, cuts):
    """Plain text -> TimeML with tags -> parsed back: same text, same spans, valid XML
    (also through a real XML parser, which normalises line ends)."""
    points = sorted({c % (len(text) + 1) for c in cuts})
    spans = [(a, b) for a, b in zip(points[::2], points[1::2]) if a < b]
    exprs = [Expression(a, b, text[a:b], "DATE", "2019-02-28") for a, b in spans]
    doc = parse_timeml(plain_document(text, "d", "2019-02-28", None))
    assert doc.text == text
    out, dropped = insert_timexes(doc, exprs)
    assert dropped == 0
    check_well_formed(out, "x")
    again = parse_timeml(out)
    assert again.text == text
    assert [(t.start, t.end) for t in again.timexes] == [s for s in spans if text[s[0]:s[1]].strip()]
    import xml.etree.ElementTree as ET
    body = ET.fromstring(out.split("?>", 1)[1]).find("TEXT")
    assert "".join(body.itertext()) == text


def test_plain_text_with_characters_xml_cannot_hold_is_refused(tmp_path):
    with pytest.raises(InputError, match=r"U\+000B") as exc:
        plain_document("line one\nvertical\x0btab", "d", "2019-02-28", None, "a.txt")
    assert str(exc.value).startswith("a.txt:2:")


SMALL_DOC = TBAQ / "TimeBank" / "wsj_0709.tml"


@settings(max_examples=120, deadline=None)
@given(edits=st.lists(st.tuples(st.floats(0, 1), st.integers(0, 6),
                                st.sampled_from(["<", ">", "&", "/", '"', "=", "TIMEX3", "</TEXT>",
                                                 "<TEXT>", "&amp;", "&#0;", "<!--", "\x00", "é", ""])),
                      min_size=1, max_size=6))
def test_damaged_timeml_is_tagged_or_refused_with_an_input_error(edits, tmp_path_factory):
    """Cut or inserted markup anywhere in a real document: `tag_files` either tags it
    (well-formed output, same text as the input) or raises one InputError naming the file."""
    from timeline.timeml import tag_files

    raw = require_shared(SMALL_DOC).read_text(encoding="utf-8")
    for where, cut, piece in edits:
        i = int(where * len(raw))
        raw = raw[:i] + piece + raw[i + cut:]
    path = tmp_path_factory.mktemp("fuzz") / "doc.tml"
    path.write_text(raw, encoding="utf-8")
    try:
        [out] = list(tag_files([path]))
    except InputError as exc:
        assert str(exc).startswith(str(path))
        return
    check_well_formed(out, "out")
    assert parse_timeml(out).text == strip_timexes(parse_timeml(raw)).text


def test_used_tids_are_what_a_word_boundary_search_finds():
    """insert_timexes numbers its TIMEX3 around every tid already in the file; the fast
    search must find exactly the tid attributes \\btid="..." finds (not xtid=, _tid=)."""
    from timeline.timeml_doc import _used_tids
    raw = ('tid="t0"<TIMEX3 tid="t1" x><EVENT eid="e1" xtid="t2" _tid="t3" \u00e9tid="t4"/>'
           '<TLINK lid="l1" timeID="t5"/>\n\ttid="t6" -tid="t7"')
    assert _used_tids(raw) == set(re.findall(r'\btid="([^"]*)"', raw)) == {"t0", "t1", "t6", "t7"}
    for path in sorted(require_shared(TBAQ / "TimeBank").glob("*.tml"))[:60]:
        text = path.read_text(encoding="utf-8")
        assert _used_tids(text) == set(re.findall(r'\btid="([^"]*)"', text)), path.name
