"""The fast path for plain summaries (render.plain_summary_html) gives exactly the bytes
Python-Markdown + nh3 give (property test, hypothesis), and it is taken for the summaries
people usually write, so the proof is about something the build really uses."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.site import render

# Pieces chosen to sit on the fast path's edges: emphasis around words and not, markers
# of lists, headings, code, links and HTML, numbers that could start an ordered list,
# letters of other scripts, spaces where Markdown cares about them, line breaks.
WORDS = ["talks", "Kim", "1990s", "2019", "Hà", "Nội", "金正恩", "x", "*sanctions*",
         "**big**", "*a b*", "*", "**", "***", "(see", "that)", "it's", '"quoted"', "U.S.", "1.",
         "2)", "a*b*c", "—", "…", "$5", "50%", "+1", "-", "'", "*x", "y*", "***z***", "*(a)*",
         "(*a*)", "**a *b* c**", "e.g.,", ":", "/", "http://x.org/a", "_a_", "a_b", "#", "# h",
         "`c`", "[l](u)", "<b>", "&amp;", "&", "\\*", "> q", "- i", "+ i", "1. i", "\n", "\n\n",
         "  \n", "\t", "\u00a0", "e\u0301", "<script>", "’", "“", "”", "!", "?", "=", "==="]
PUNCT = " .,;:!?'\"()/%+=$€£’‘“”–—…*-_#[]<>&`\\\n\t\u00a0"

# Mostly what the fast path takes (so the comparison is made often), with its edges mixed in.
NEAR_PLAIN = ["talks", "Kim", "2019", "Hà", "金正恩", "*sanctions*", "**big**", "*a b*", "(see",
              "that)", "it's", '"quoted"', "U.S.", "e.g.,", "—", "50%", "*", "**", "a*b*c",
              "*(a)*", "(*a*)", "1.", "2)", "-", "+1", "http://x.org/a", "‘a’", "“b”"]
word_texts = st.lists(st.sampled_from(WORDS), min_size=1, max_size=10).flatmap(
    lambda ws: st.sampled_from(["", " ", "  "]).map(lambda sep: sep.join(ws)))
near_plain_texts = st.lists(st.sampled_from(NEAR_PLAIN), min_size=1, max_size=12).flatmap(
    lambda ws: st.sampled_from([" ", " ", "", "  "]).map(lambda sep: sep.join(ws))).flatmap(
    lambda t: st.sampled_from(["", "", ".", "\n", "\n\n", " "]).map(lambda end: t + end))
char_texts = st.text(alphabet=st.sampled_from(list(PUNCT) + list("aZ9é金")), min_size=1, max_size=16)
SETTINGS = settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def markdown_nh3(text: str) -> str:
    """The slow path itself: Python-Markdown, then nh3."""
    return render._CLEANER.clean(render._summary_renderer()(text))


@SETTINGS
@given(st.one_of(near_plain_texts, word_texts, char_texts))
def test_fast_path_is_byte_identical_to_markdown_and_nh3(text):
    fast = render.plain_summary_html(text)
    if fast is not None:
        assert fast == markdown_nh3(text)
    assert str(render.summary_html(text)) == markdown_nh3(text)


@pytest.mark.parametrize("text", [
    "Talks number 7 covered *sanctions* and the next steps.",
    "Kim Jong Un and Donald Trump met in Hà Nội on 27–28 February 2019.",
    "The **second** summit ended early: no deal (officials said).",
    "Trump said the U.S. would \u201cwalk away\u201d if needed.\n",
])
def test_usual_summaries_take_the_fast_path(text):
    assert render.plain_summary_html(text) == markdown_nh3(text)


@pytest.mark.parametrize("text", [
    "a * b", "1. first", "<b>bold</b>", "[link](http://x.org)", "x_y_z", "line\nbreak",
    "`code`", "# heading", "AT&T", "***both***", "trailing ",
])
def test_markdown_syntax_goes_through_markdown(text):
    assert render.plain_summary_html(text) is None
    assert str(render.summary_html(text)) == markdown_nh3(text)
