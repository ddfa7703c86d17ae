"""Issue 6, audit: `timeline check` holds the record against its sources (the real Star
article of the demo), through the CLI: quotes, re-tagged expressions, events dated after
publication, sourceless events. The record is never changed by check."""
from __future__ import annotations

from errcase import ANNOUNCE, cli, STAR_RAW, no_traceback, real_text, star_project, tree_state

# The Star's story as stored (errcase.star_project): published 2019-02-28T12:00:00+08:00,
# before the 2pm signing that never happened.
COLLAPSE = ("HANOI (Bloomberg): US president Donald Trump's second summit with North Korean "
            "leader Kim Jong-un collapsed Thursday (Feb 28) without an agreement, plunging future "
            "talks on North Korea's nuclear programme into question.")
SIGNING = ("The leaders had earlier planned to sign a joint agreement at 2pm, following a working "
           "lunch.")


def event(event_id, date, quote, expression, *, extra="", title="Summit event"):
    return (f'id: {event_id}\ndate: "{date}"\ntitle: {title}\n{extra}sources:\n'
            f'- article: star\n  quote: "{quote}"\n  expression: {expression}\nstatus: auto\n')


def check(project):
    before = tree_state(project)
    proc = cli(project, "check")
    assert tree_state(project) == before, "check must not change any file"
    no_traceback(proc)
    return proc


def test_consistent_record_has_no_audit_findings(tmp_path):
    project = star_project(tmp_path, {
        "announced.yaml": event("announced", "2019-02-08", ANNOUNCE, "Feb 8"),
        "signing.yaml": event("signing", "2019-02-28T14:00+07:00", SIGNING, "2pm",
                              extra="kind: planned\n")})
    proc = check(project)
    assert proc.returncode == 0, proc.stdout
    assert "0 error(s), 0 warning(s)" in proc.stdout, proc.stdout


def test_changed_quote_is_an_error(tmp_path):
    body = real_text(STAR_RAW).replace("collapsed Thursday", "broke down Thursday")
    project = star_project(tmp_path, {"collapse.yaml": event("collapse", "2019-02-28", COLLAPSE,
                                                             "Thursday")}, body=body)
    proc = check(project)
    assert proc.returncode == 1
    assert ("content/events/collapse.yaml:6:10: quote no longer occurs in article 'star'"
            in proc.stdout), proc.stdout


def test_quote_matches_across_rewrapped_whitespace(tmp_path):
    body = real_text(STAR_RAW).replace("Donald Trump's second summit", "Donald Trump's\n  second summit")
    project = star_project(tmp_path, {"collapse.yaml": event("collapse", "2019-02-28", COLLAPSE,
                                                             "Thursday")}, body=body)
    proc = check(project)
    assert "quote no longer occurs" not in proc.stdout, proc.stdout


def test_changed_expression_value_is_a_warning_naming_old_and_new(tmp_path):
    # The record says Feb 7 (an older tagger's value); the current tagger resolves "Feb 8".
    project = star_project(tmp_path, {"announced.yaml": event("announced", "2019-02-07",
                                                              ANNOUNCE, "Feb 8")})
    proc = check(project)
    assert proc.returncode == 0, proc.stdout
    assert ("content/events/announced.yaml:7:15: warning: expression 'Feb 8' now resolves to "
            "\"2019-02-08\", the event says \"2019-02-07\"") in proc.stdout, proc.stdout


def test_event_after_publication_flagged_unless_planned(tmp_path):
    happened = event("signing", "2019-02-28T14:00+07:00", SIGNING, "2pm")
    project = star_project(tmp_path, {"signing.yaml": happened})
    proc = check(project)
    assert proc.returncode == 0, proc.stdout
    assert ('content/events/signing.yaml:2:7: warning: dated "2019-02-28T14:00+07:00", after its '
            "latest source was published (2019-02-28T12:00:00+08:00); if it had not happened "
            "yet, set kind: planned") in proc.stdout, proc.stdout
    planned = event("signing", "2019-02-28T14:00+07:00", SIGNING, "2pm", extra="kind: planned\n")
    (project / "content" / "events" / "signing.yaml").write_text(planned, encoding="utf-8")
    proc = check(project)
    assert "after its latest source was published" not in proc.stdout, proc.stdout


def test_sourceless_event_flagged_unless_reviewed(tmp_path):
    text = 'id: talks-resume\ndate: "2019-03"\ntitle: Working-level talks resume\nstatus: auto\n'
    project = star_project(tmp_path, {"talks-resume.yaml": text})
    proc = check(project)
    assert proc.returncode == 0, proc.stdout
    assert ("content/events/talks-resume.yaml:1:5: warning: no sources: add the article, quote "
            "and expression it comes from, or set status: reviewed") in proc.stdout, proc.stdout
    (project / "content" / "events" / "talks-resume.yaml").write_text(
        text.replace("status: auto", "status: reviewed"), encoding="utf-8")
    proc = check(project)
    assert "no sources" not in proc.stdout, proc.stdout


def test_rejected_events_are_not_audited(tmp_path):
    body = real_text(STAR_RAW).replace("collapsed Thursday", "broke down Thursday")
    text = event("collapse", "2019-02-28", COLLAPSE, "Thursday").replace("status: auto",
                                                                         "status: rejected")
    project = star_project(tmp_path, {"collapse.yaml": text}, body=body)
    proc = check(project)
    assert proc.returncode == 0, proc.stdout


def test_committed_demo_record_passes_check(demo_project):
    """The demo the repository ships (content/) is valid and agrees with its sources."""
    proc = check(demo_project)
    assert proc.returncode == 0, proc.stdout
    assert " 0 error(s)" in proc.stdout
    assert "quote no longer occurs" not in proc.stdout
    assert "now resolves to" not in proc.stdout, proc.stdout


def test_a_source_whose_date_is_a_recorded_conflict_is_no_finding(tmp_path):
    # extract keeps a dissenting report as a source and lists its date under conflicts;
    # check must not then warn that the expression "now resolves" to that very date
    conflict = ('conflicts:\n- date: "2019-02-08"\n  article: star\n  expression: Feb 8\n')
    project = star_project(tmp_path, {"announced.yaml": event("announced", "2019-02-07",
                                                              ANNOUNCE, "Feb 8", extra=conflict)})
    proc = check(project)
    assert proc.returncode == 0, proc.stdout
    assert "0 error(s), 0 warning(s)" in proc.stdout, proc.stdout
    # the conflict must be this article's: another article's dissent does not excuse it
    other = conflict.replace("article: star", "article: elsewhere")
    project = star_project(tmp_path / "b", {"announced.yaml": event(
        "announced", "2019-02-07", ANNOUNCE, "Feb 8", extra=other)})
    assert "now resolves to \"2019-02-08\"" in check(project).stdout


def test_a_quote_retyped_with_plain_dashes_and_quotes_still_matches(tmp_path):
    """The Star prints an en dash ("a US reporter – the first time"); an editor who retypes
    the quote with '-' (or ' for ’) quotes the same words: no "quote no longer occurs"."""
    quote = ("For his part, Kim publicly said he was willing to denuclearise, in answer to a "
             "question from a US reporter - the first time he is known to have taken questions "
             "from American journalists.")
    assert quote.replace(" - ", " – ") in real_text(STAR_RAW)
    project = star_project(tmp_path, {"reporter.yaml": event("reporter", "2019-02-28", quote, "''")})
    proc = check(project)
    assert "quote no longer occurs" not in proc.stdout, proc.stdout
    # a quote that really changed is still an error
    project = star_project(tmp_path / "changed", {"reporter.yaml": event(
        "reporter", "2019-02-28", quote.replace("willing", "unwilling"), "''")})
    assert "quote no longer occurs" in check(project).stdout
