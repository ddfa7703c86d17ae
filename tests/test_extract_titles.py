"""Titles an editor would not have to rewrite, on real Timeline17 articles through the CLI:
a name of a place is written whole ("Port-au-Prince", not "Port Prince"), a negation
once ("Tents not to work", not "Tents not not to work"), a person by the part of the
name the article uses ("Murray", also when it writes "Murray's"; "Ban" of Ban Ki-moon),
and one person takes a singular verb ("Sanders says", though tagged plural)."""
from __future__ import annotations

import pytest

from test_extract import events, t17_extracted
from test_extract_resources import WORDS, run, titles_with

ARTICLES = {"haiti_bbc": ("808", "74"), "MJ_bbc": ("330",)}


@pytest.fixture(scope="module")
def titles(tmp_path_factory, run_cli_module) -> dict[str, str]:
    """First quote -> title of every event of the chosen articles."""
    root = t17_extracted(run_cli_module, tmp_path_factory.mktemp("titles"), ARTICLES)
    return {e["sources"][0]["quote"]: e["title"] for e in events(root).values()}


@pytest.fixture(scope="module")
def run_cli_module():
    import subprocess
    import sys
    from conftest import REPO

    def run(*args, cwd=None):
        return subprocess.run([sys.executable, "-m", "timeline", *map(str, args)],
                              cwd=cwd or REPO, capture_output=True, text=True, timeout=300)
    return run


def title_of(titles: dict[str, str], quote_part: str) -> str:
    found = [t for q, t in titles.items() if quote_part in q]
    assert len(found) == 1, (quote_part, titles)
    return found[0]


def test_a_place_name_is_written_whole(titles):
    # BBC, Haiti: "On 16 January, the first ship finally docked at Port-au-Prince, ..."
    assert title_of(titles, "first ship finally docked") == \
        "First ship finally docks at Port-au-Prince"
    assert not any("Port Prince" in t for t in titles.values())


def test_a_negation_is_written_once(titles):
    # BBC, Haiti: "Tents will not work in May when the long rainy season begins ..."
    assert title_of(titles, "Tents will not work in May") == "Tents not to work"
    # BBC, Michael Jackson: "... the footage is not a fair representation ..."
    assert title_of(titles, "footage is not a fair representation") == \
        "Footage is not fair representation of singer's health"
    assert not any(" not not " in t or "notn't" in t for t in titles.values())


def test_a_person_goes_by_the_name_the_article_uses(titles):
    # "Conrad Murray" twice, "Murray" and "Murray's" elsewhere: the headline says Murray
    assert title_of(titles, "has pleaded not guilty to the involuntary") == \
        "Murray pleads not guilty"


def test_hyphenated_given_names_and_one_person_subjects():
    assert titles_with(WORDS, "United Nations Secretary General Ban Ki-Moon said on Thursday "
                       "that one UN staff member was rescued.") == \
        ["Ban says one UN staff member was rescued"]
    # "Sanders" alone is tagged as a plural proper noun; the article names her in full
    assert titles_with(WORDS, "White House spokeswoman Sarah Sanders told reporters on "
                       "Thursday that the talks had collapsed. Sanders also said on Friday "
                       "that Trump would return.") == \
        ["Sanders says talks had collapsed", "Sanders says Trump would return"]
    assert titles_with(WORDS, "Many waited in the streets on Thursday.") == \
        ["Many wait in streets"]


def test_hyphenated_words_keep_their_hyphen():
    # BBC, Haiti, 13 January 2010 (the lead of several reports of the quake)
    assert titles_with(WORDS, "The 7.0-magnitude quake, Haiti's worst in two centuries, struck "
                       "south of the capital, Port-au-Prince, on Tuesday.",
                       "2010-01-13T12:00:00+00:00", None) == \
        ["7.0-magnitude quake strikes south of the capital Port-au-Prince"]


def test_a_hyphenated_name_the_recogniser_missed_is_written_whole():
    # BBC, Haiti, January 2010: no entity covers "Port-au-Prince" here, and "au" is parsed
    # as a preposition: the title was "Price spends in Port Prince". (The page says "has
    # spent the night", which the tagger now leaves undated, so it dates no event: the
    # night is named here.)
    assert titles_with(WORDS, "The BBC's Matthew Price spent last night in the "
                       "Port-au-Prince and sent us this report - which you may find disturbing.",
                       "2010-01-13T12:00:00+00:00", None) == \
        ["Price spends in Port-au-Prince"]


def test_a_person_is_written_once_and_by_the_name_in_use():
    # Reuters, 17 July 2010: every word of "Abdel Basset al-Megrahi" was written as the name
    assert titles_with(WORDS, "U.S. Secretary of State Hillary Clinton told Britain's foreign "
                       "minister in a phone call on Friday that Britain may want to communicate "
                       "with the U.S. Congress about Libyan intelligence officer Abdel Basset "
                       "al-Megrahi release.", "2010-07-17T12:00:00+00:00", None) == \
        ["Clinton says Britain may want to communicate al-Megrahi release"]


def test_a_wire_story_two_outlets_printed_is_one_event(tmp_path, run_cli):
    """Timeline17 (bpoil_reuters, records 545 and 53): the same Reuters story twice; its
    'In an interview with the Guardian newspaper published on May 14, ...' has one content
    word in its clause, too few to compare, and made two identical events."""
    root = t17_extracted(run_cli, tmp_path, {"bpoil_reuters": ("545", "53")})
    found = [e for e in events(root).values()
             if any("interview with the Guardian newspaper" in s["quote"] for s in e["sources"])]
    assert len(found) == 1, [e["title"] for e in found]
    assert len({s["article"] for s in found[0]["sources"]}) == 2


def test_a_passive_report_is_nobodys_statement():
    """Guardian, H1N1 (May 2009): 'was said to be', 'were told to' report nobody's words;
    the headline was 'Old man says old man to be in condition' (and 'Old man' lost its
    '25-year-' until hyphenated words were shown whole)."""
    assert "25-year-old man said to be in condition" in titles_with(
        WORDS, "The 25-year-old man had arrived in the territory on Thursday afternoon after a "
        "stopover in Shanghai and was said to be in a stable condition yesterday.",
        "2009-05-04T12:00:00+01:00", None)
    assert titles_with(WORDS, "As a result of the first confirmed case, all parents and staff "
                       "were told either to attend the school over the weekend to collect "
                       "antiviral medication or to receive medical attention at home.",
                       "2009-05-04T12:00:00+01:00", None) == \
        ["Parents and staff told to attend school"]


def test_what_someone_said_keeps_its_pronoun_subject():
    # BBC, Haiti live page of 14 January 2010: 'Pedre says has seen lot of bodies'
    assert titles_with(WORDS, "Mr Pedre said on Thursday that he had seen a lot of bodies "
                       "and buildings.") == ["Pedre says he had seen lot of bodies and buildings"]
    # a pronoun and a verb are no statement of a happening
    assert titles_with(WORDS, "The Red Cross said on Thursday that it believes.") == []


# ------------------------------------------------- faithful titles: what the sentence says
# A title may leave a whole phrase out, never part of one: a number keeps its phrase, a
# preposition its object, "and" both its sides, a modal or a "to" its meaning. Sentences
# from Timeline17 (topic, record id, publication day), as `timeline ingest` writes them.

DANGLING = {"of", "in", "on", "at", "by", "for", "with", "from", "to", "and", "or", "but",
            "as", "between", "than", "the", "a", "an"}


def _faithful(text: str, published: str) -> str:
    found = titles_with(WORDS, text, published + "T12:00:00+00:00", None)
    assert len(found) == 1, found
    title = found[0]
    assert title.split()[-1].casefold() not in DANGLING, title
    return title


def test_a_number_keeps_its_phrase():
    # bpoil_guardian 796: the title was "Odds are between one and one"
    title = _faithful("Hayward explains that today, the odds of a Blow Out Preventor failing is "
                      "somewhere between one in 100,000 and one in 1,000,000, and that needs to "
                      "be made even less likely.", "2010-06-04")
    assert "between one in 100,000 and one in 1,000,000" in title
    # bpoil_guardian 71: was "White bread has one"
    assert _faithful("RT @BrianSozzi: Within food, white bread had one of the strongest price "
                     "increases in December.", "2010-05-25") == \
        "White bread has one of strongest price increases"
    # bpoil_guardian 552: was "BP says costs had risen to $990" (and not the bracketed pounds)
    assert _faithful("BP said today that its costs from the disaster had risen to $990m "
                     "(#675m).", "2010-06-02") == "BP says costs had risen to $990m"
    # H1N1_reuters 1087: a phrase that goes on past a comma is left out whole, not cut
    # after its first item ("$800 billion in fake cigarettes")
    assert _faithful("An estimated $800 billion in fake cigarettes, branded shoes, bags and "
                     "belts, and pirated movies flowed across the globe in 2007, Stephen Sayell, "
                     "vice president of Hong Kong-based Asia Risk group, told Reuters.",
                     "2009-05-14") == "Estimated $800 billion flows across globe"
    # the session-12 end-to-end audit (bpoil): a rate keeps its article (the title was
    # "BP says cleanup effort was costing $6 million day")
    assert _faithful("BP said on Thursday the cleanup effort was costing $6 million a day.",
                     "2010-05-07") == "BP says cleanup effort was costing $6 million a day"


def test_a_complement_is_shown_whole_or_not_at_all():
    # bpoil_guardian 1726: was "BP dividend is worth sixth to shareholders" (the $10bn
    # dropped, the sixth cut from "of the overall FTSE 100 dividend payout")
    assert _faithful("The BP dividend was worth $10bn last year, about a sixth of the overall "
                     "FTSE 100 dividend payout to shareholders.", "2010-06-02") == \
        "BP dividend is worth $10bn"
    # bpoil_guardian 306: was "Svanberg's appointment regarded as out"
    assert "as bit out of left field" in _faithful(
        "Svanberg's appointment to BP last year was always regarded as a bit out of left "
        "field.", "2010-05-13")
    # bpoil_reuters 364: a rate keeps its "per day"; what follows the dash is an aside (the
    # title was "Coast Guard says flow of oil is 5,000 barrels greater")
    assert _faithful("April 28 - The Coast Guard says the flow of oil is 5,000 barrels per day "
                     "(bpd) (210,000 gallons/795,000 litres) -- five times greater than first "
                     "estimated.", "2010-06-03") == \
        "Coast Guard says flow of oil is 5,000 barrels per day"
    # bpoil_reuters 1076: was "Five-year credit default swaps are tighter at around 230 ..."
    assert "about 30 basis points tighter" in _faithful(
        "Five-year credit default swaps on BP were about 30 basis points tighter on Thursday at "
        "around 230 basis points, according to data from Markit.", "2010-06-03")


def test_an_adverb_that_completes_the_verb_stays():
    # the session-12 end-to-end audit (MJ, bpoil): "Thousands of fans come in Square", "Oil
    # could reach west"; Timeline17 (bpoil_reuters): "Tar balls wash in Florida ..."
    assert _faithful("Thousands of fans came together in Trafalgar Square on Sunday.",
                     "2009-06-29") == "Thousands of fans come together in Trafalgar Square"
    assert _faithful("Oil could reach as far west as Atchafalaya Bay by Saturday, forecasters "
                     "said.", "2010-05-07") == "Oil could reach as far west as Atchafalaya Bay"
    assert _faithful("Tar balls washed ashore in northwest Florida on Friday.",
                     "2010-06-05").startswith("Tar balls wash ashore")
    # ... but not a one-word adverb that adds nothing, nor a noun the parse calls one
    assert _faithful("BP also capped the well on Friday.", "2010-06-05") == "BP caps well"
    assert _faithful("BP hopes to cap the leaking well on Friday.", "2010-05-17") == \
        "BP hopes to cap leaking well"


def test_the_saying_of_a_happening_dated_in_its_own_clause_is_no_event():
    # the session-12 end-to-end audit: "Officials say overloaded ferry sank off coast" on
    # Monday beside "Overloaded ferry sinks off coast" on Saturday, from one sentence
    events = run("An overloaded ferry sank late Saturday off the southeastern coast of "
                 "Sulawesi island, killing at least 12 people, officials said Monday.",
                 "2025-03-10T12:00:00+08:00", None)
    assert [(e.date, e.title) for e in events] == [("2025-03-08", "Overloaded ferry sinks off coast")]
    # ... but a plan's announcement stays beside the plan
    events = run("The oil firm said today that the results would be released on Tuesday 2 "
                 "November, a week later than previously indicated.",
                 "2010-09-10T12:00:00+00:00", None)
    assert sorted(e.date for e in events) == ["2010-09-10", "2010-11-02"], events


def test_an_ordinal_stays_in_its_phrase():
    # the session-12 end-to-end audit: "Spokeswoman says he had met police for time";
    # Timeline17 bpoil_guardian 628: "Relief well starts" for the first and the second
    assert _faithful("A spokeswoman said Dr Murray met police on Thursday for a second time.",
                     "2009-07-03") == "Murray meets police for second time"
    assert _faithful("Work on the first relief well, which started 2 May, continues.",
                     "2010-07-05") == "First relief well starts"
    assert _faithful("Police on Thursday questioned Murray for the third day.",
                     "2009-07-03") == "Police question Murray for third day"


def test_a_place_the_model_calls_a_person_is_a_place():
    """spaCy labels "Trafalgar Square" a PERSON: its people page and the title's "Square"
    (a surname's short form) came from that; a name ending in a place word is a place."""
    [event] = run("Thousands of fans came together in Trafalgar Square on Sunday.",
                  "2009-06-29T12:00:00+00:00", None)
    assert event.people == [] and event.places == ["Trafalgar Square"]
    # the session-12 end-to-end audit: people/baubau, people/kendari pages; a town the
    # gazetteer knows, where a place goes ("in", "near", "<town> port")
    for text, town in (("Transport Minister Dudy Purwagandhi, who arrived in Baubau on Monday "
                        "morning, said he would meet families.", "Baubau"),
                       ("A ceremony to mark the opening of a new ferry terminal in nearby "
                        "Kendari, planned for Tuesday, has been called off.", "Kendari"),
                       ("A ferry that left Baubau port at 9:30 p.m. on Sunday capsized.",
                        "Baubau")):
        [event] = run(text, "2025-03-10T12:00:00+08:00", None)
        assert town in event.places and town not in event.people, (text, event)
    # ... not a person whose name is also a town's (Jackson, Mississippi), named as one
    [event] = run("Murray gave the drug in Jackson's home on Monday.",
                  "2011-10-01T12:00:00+00:00", None)
    assert "Jackson" in event.people and "Jackson" not in event.places


def test_a_date_inside_a_noun_phrase_dates_that_noun_not_the_clause():
    # the session-14 end-to-end audit: haiti "Adoptions to prevent child trafficking"
    # dated 12 January from "... after the 12 January earthquake"; the tagger's span
    # takes "the", which hangs on the noun
    assert run("Haiti has imposed new controls on adoptions to prevent child trafficking "
               "after the 12 January earthquake.", "2010-01-25T10:00:00+00:00", None) == []
    [event] = run("The 8 October gig at the Millennium Stadium was announced by producers "
                  "Global Live Events on Monday.", "2011-07-27T10:00:00+01:00", None)
    assert event.date == "2011-07-25"


def test_a_rate_written_with_a_slash_keeps_it():
    # the session-14 end-to-end audit (bp): "BP says cleanup effort was costing"; then
    # "... $6 million day" once the rate stayed
    assert _faithful("BP said on Monday the cleanup effort was costing $6 million/day.",
                     "2010-05-04") == "BP says cleanup effort was costing $6 million/day"


def test_an_object_pronoun_the_article_resolves_is_named():
    # MJ_bbc: "... the powerful anesthetic, Propofol, which killed him in 2009" after a
    # sentence about Jackson, whom the article gives "he"
    text = ("Michael Jackson was the biggest star of his age. He died at his home. A jury "
            "found Conrad Murray guilty for giving the pop star a dose of the powerful "
            "anesthetic, Propofol, which killed him in 2009.")
    [event] = run(text, "2011-11-08T10:00:00-08:00", None)
    assert event.title == "Powerful anesthetic Propofol kills Jackson"
    assert "Michael Jackson" in event.people
    # ... not when two men came before (either may be meant), nor the clause's subject
    # (the review of 0aa4276: "Jackson describes Jackson")
    [event] = run("Kim met Trump in Hanoi. Kim thanked him in 2019.",
                  "2019-03-01T10:00:00+07:00", None)[-1:]
    assert "him" in event.title
    [event] = run("Michael Jackson was a singer. He lived in Los Angeles. Jackson described "
                  "him as a genius in 2005.", "2010-01-25T10:00:00+00:00", None)
    assert event.title.count("Jackson") == 1, event.title


def test_a_pronoun_the_title_names_tells_a_two_word_happening():
    # the session-14 end-to-end audit (mj "He was arrested in 2003" lost); H1N1_reuters
    # "... but died five days later", bpoil "... but resigned in December 2008"
    [event] = run("Michael Jackson was a singer. He was arrested in 2003.",
                  "2010-01-25T10:00:00+00:00", None)
    assert (event.date, event.title) == ("2003", "Jackson arrested")


def test_a_word_of_a_persons_full_name_the_model_calls_a_place_is_the_person():
    # H1N1_bbc: the place "Pacquiao" beside the boxer "Manny Pacquiao" twice
    events = run("Princess, Pacquiao's two-year-old daughter, welcomed her father home on "
                 "Friday. Philippine boxing champion Manny Pacquiao arrived in Manila on "
                 "Friday. Manny Pacquiao knocked out Ricky Hatton on Saturday.",
                 "2009-05-08T10:00:00+08:00", "Manila")
    daughter = next(e for e in events if "daughter" in e.title)
    assert daughter.people == ["Manny Pacquiao"] and daughter.places == []
    # ... but a word that names a country stays the country
    [event] = run("Jordan's King Hussein met Michael Jordan in Amman on Monday. Michael Jordan "
                  "flew home on Monday.", "2009-05-08T10:00:00+03:00", "Amman")[:1]
    assert "Jordan" in event.places


def test_a_hedge_or_degree_stays():
    # haiti_bbc 231: was "Aid industry becomes obsessed with media campaigns"
    assert _faithful("The Lancet says the aid industry has become too obsessed with media "
                     "campaigns, despite past mistakes during the response to the Asian tsunami "
                     "five years ago.", "2010-01-22") == \
        "Aid industry becomes too obsessed with media campaigns"
    # bpoil_washingtonpost 540: was "BP lawyers say government estimates are big"
    assert "government estimates are too big" in _faithful(
        "Friday, December 3, 2010; 10:17 PM BP lawyers have said that government estimates of "
        "the size of the Gulf of Mexico oil spill are too big, perhaps by as much as 20 to 50 "
        "percent, signaling a dispute that will determine how many billions of dollars of fines "
        "BP will have to pay under the Clean Water Act.", "2010-12-03")


def test_an_expectation_and_its_adverb_stay():
    # bpoil_guardian 78, published 24 November 2010: was "Takings are by as half" (what
    # owners expect, said as a fact, with "down" and "much" dropped)
    assert _faithful("Beaches in the gulf are now clean but some resort owners still expect "
                     "takings to be down by as much as half next summer.", "2010-11-24") == \
        "Takings to be down by as much as half"


def test_a_to_clause_keeps_its_to_and_its_passive():
    # haiti_bbc 1498: was "Plans open Haiti's first ..." (plans opening an institute)
    assert _faithful("The charity is now accelerating plans to open Haiti's first Physical "
                     "Medicine and Rehabilitation Institute later this year.", "2010-01-22") == \
        "Plans to open Haiti's first Physical Medicine and Rehabilitation Institute"
    # haiti_bbc 632: was "Fate of marriages to decide" (the fate deciding)
    assert _faithful("The fate of gay marriages in the US is to be decided this week.",
                     "2010-01-14") == "Fate of marriages to be decided"
    # bpoil_guardian 552: was "Reich calls for BP's US operations to seized"
    assert _faithful("Robert Reich, the former labor secretary under Bill Clinton, today called "
                     "for BP's US operations to be seized by the government until the leak had "
                     "been plugged.", "2010-06-02") == \
        "Reich calls for BP's US operations to be seized"


def test_a_modal_stays_and_a_month_is_no_modal():
    # bpoil_guardian 531: was "Well permanently sealed" (it could be, by Sunday)
    assert _faithful("The emergency phase of the spill may now be all but over: administration "
                     "officials say the well could be permanently sealed by Sunday.",
                     "2010-09-17") == "Well could be permanently sealed"
    # bpoil_bbc 677: "May" of the date, tagged as an auxiliary, is not "may be sent"
    assert _faithful("Samples from the carcasses found in Louisiana, Mississippi and Alabama "
                     "since 2 May have been sent for testing.", "2010-05-12") == \
        "Samples sent for testing"


def test_an_and_needs_both_its_sides():
    # haiti_bbc 838: was "Unit's head says it has reacted to events and"
    assert _faithful("This week the unit's head, Debbie Ransome, tells Over To You how it has "
                     "reacted to the events of the past ten days or so and how it has balanced "
                     "the role of news gathering with a desire to ease the suffering.",
                     "2010-01-22") == "Unit's head says it has reacted to events"


def test_a_dateline_run_into_the_sentence_is_not_its_subject():
    # bpoil_guardian 427: a page's heading, standfirst and dateline ran into the photo
    # caption; the title was "Deaths Vessels work around Deepwater Horizon rig"
    assert _faithful("Gulf oil spill: BP well is ` dead ' five months after it blew BP finally "
                     "shuts off well that ruptured on 20 April, which caused explosion on "
                     "Deepwater Horizon rig, the deaths of 11 workers and billions of pounds of "
                     "damage Sunday 19 September 2010 22.02 BST Vessels work around the "
                     "Deepwater Horizon rig, site of the Gulf oil spill.", "2010-09-19") == \
        "Vessels work around the Deepwater Horizon rig"
    # bpoil_washingtonpost 488: a date that modifies the words after it is no dateline
    assert "Two chairmen express skepticism" in _faithful(
        "Monday, September 27, 2010; 7:13 PM The two chairmen of the president's Oil Spill "
        "Commission, which is conducting an inquiry into the April 20 Deepwater Horizon "
        "disaster in the Gulf of Mexico, expressed skepticism Monday about claims from BP and "
        "government officials that initial underestimation of the flow rate of the Macondo well "
        "had no impact on the response to the spill.",
        "2010-09-27")


# ------------------------------------------------------- a claim stays someone's claim
# A clause someone claims, alleges, denies or accuses someone of is titled with who claims
# it, the claimed clause's tenses as written; what is only "said" keeps its own handling.

def test_a_habitual_used_to_is_kept_as_written():
    # bpoil_guardian 304: was "BP uses to publish results"
    assert _faithful("He also noted that BP used to publish its third-quarter results in "
                     "November but had brought them forward in recent years.", "2010-09-10") == \
        "BP used to publish results"
    # "used" with an object is the verb "use", and keeps its object: bpoil_reuters 970
    # (was "About 250 boats use to break up thick oil")
    assert _faithful("About 250 boats deployed protective booms and used dispersants to break "
                     "up the thick oil on Friday.", "2010-05-07") == \
        "About 250 boats use dispersants to break up thick oil"


def test_a_claimed_happening_keeps_who_claims_it():
    # MJ_bbc 133, as an article's lead: was "Singer swallows several pills of Lorazepam on
    # morning", a fact the sentence only reports as the defence's claim
    assert _faithful("Murray's defense lawyer Ed Chernoff claimed the singer swallowed several "
                     "pills of Lorazepam on the morning of his death, enough to put six people "
                     "to sleep.", "2011-09-28").startswith(
        "Chernoff claims singer swallowed several pills of Lorazepam")
    # MJ_bbc 337 has the same sentence with "said": what "said" does is kept, the happening
    assert _faithful("Murray's defense lawyer Ed Chernoff said the singer swallowed several "
                     "pills of Lorazepam on the morning of his death, enough to put six people "
                     "to sleep.", "2011-11-08").startswith("Singer swallows several pills")
    # MJ_bbc 805's lead: was "Murray grabs handful of vials"
    assert _faithful("Jackson's bodyguard Alberto Alvarez claims Dr Murray \"grabbed a handful "
                     "of vials\" and told him to put them in a bag.", "2011-09-29") == \
        "Alvarez claims Murray grabbed handful of vials"
    # bpoil_guardian 1425: was "Remaining oil rapidly breaks down"
    assert _faithful("The growing evidence that the White House painted an overly optimistic "
                     "picture when officials claimed two weeks ago the remaining oil in the Gulf "
                     "was rapidly breaking down fuelled a sense of outrage in the scientific "
                     "community that government agencies are hiding data and spinning the "
                     "science of the oil spill.", "2010-08-19") == \
        "Officials claim remaining oil was rapidly breaking down"
    # H1N1_guardian 26: was "Government says was nothing unusual"
    assert "Government claims there was nothing unusual" in titles_with(
        WORDS, "The government had claimed until late on Thursday that there was nothing "
        "unusual about the flu cases and the sudden turnaround that saw schools closed across "
        "the capital on Friday angered many Mexicans.", "2009-04-25T12:00:00+00:00", None)


def test_a_denial_is_not_its_opposite_and_a_passive_accusation_says_itself():
    # bpoil_reuters 547: dated by what is denied; made no event (and must never read as
    # "There was link")
    assert _faithful("Hayward denied that there was any underlying link between the Deepwater "
                     "Horizon rig blast in April, which led to the United States' worst ever oil "
                     "spill, and previous safety lapses at BP such as a 2005 refinery blast that "
                     "killed 15 workers.", "2010-09-15") == \
        "Hayward denies there was underlying link"
    # bpoil_guardian 1136: a passive accusation keeps its own title
    assert _faithful("Last summer, Alyeska was accused of putting safety at risk by cutting "
                     "maintainance and safety budgets.", "2011-01-10") == \
        "Alyeska accused of putting safety"


def test_what_a_claim_noun_holds_is_a_claim():
    # bpoil_foxnews 59: was "BP lobbies British government", a fact the sentence gives as
    # allegations
    assert _faithful("Just as British-owned BP sealed the oil leak in the Gulf of Mexico, the "
                     "company came under fire again, but this time for allegations that BP, which "
                     "has lucrative oil contracts in Libya, lobbied the British government in 2007 "
                     "to proceed with a UK-Libya prisoner transfer agreement.", "2010-07-20") \
        .startswith("Allegations that BP lobbied British government")
    # bpoil_foxnews 1903: insurance claims are no claim that something happened
    assert _faithful("Of the more than 104,000 claims filed as of Monday, more than 39,000 "
                     "require additional documentation and remain on hold.", "2010-10-05") == \
        "More than 104,000 claims filed"


def test_a_to_clause_of_a_statement_does_not_repeat_the_speaker():
    # bpoil_guardian 1507: the to-clause's subject is the speaker's; the title was
    # "Hayes says Hayes to apologise"
    found = titles_with(WORDS, "But on 3 June, the interior department deputy secretary David "
                        "Hayes wrote to the experts to apologise.", "2010-11-10T12:00:00+00:00",
                        None)
    assert len(found) == 1 and found[0].split().count("Hayes") == 1, found


# ------------------------------------------------------- lemmas of "-ed"/"-es" verbs
# spaCy's rule lemmatizer lists "hop" before "hope" for "hoped"/"hopes": titles read
# "Company hops to divert more" (bpoil_bbc, 2,260-article check of session 8).

def test_a_verb_with_a_silent_e_keeps_it_in_its_title():
    assert titles_with(WORDS, "A BP spokesman said the company hoped later this week to divert "
                       "more than the 1,000 barrels of oil per day now envisaged.",
                       "2010-05-17T12:00:00+00:00", None) == ["Company hopes to divert more"]
    assert _faithful("BP hopes to cap the leaking well on Friday.", "2010-05-17") == \
        "BP hopes to cap leaking well"


@pytest.mark.parametrize("sentence,verb,lemma", [
    ("He hoped to win.", "hoped", "hope"), ("We hated it.", "hated", "hate"),
    ("It taped the box.", "taped", "tape"), ("He is hoping to win.", "hoping", "hope"),
    ("He hopped on one foot.", "hopped", "hop"), ("He fixes cars.", "fixes", "fix"),
    ("She passes the ball.", "passes", "pass"), ("They showed it.", "showed", "show")])
def test_the_lemma_of_a_regular_verb_is_its_own(sentence, verb, lemma):
    from test_extract_resources import analyzer_cache
    (doc,) = analyzer_cache().parse([sentence])
    assert next(t.lemma_ for t in doc if t.text == verb) == lemma


@pytest.mark.parametrize("word,forms,lemma", [
    ("hoped", ["hop", "hope"], "hope"), ("axes", ["ax", "axe"], "ax"),
    ("showed", ["show", "showe"], "show"), ("boxes", ["box", "boxe"], "box")])
def test_pick_lemma_keeps_a_silent_e_only_where_it_can_be(word, forms, lemma):
    # the parsed cases above get one candidate from spaCy for "hopped", "fixes", "showed":
    # these give pick_lemma both, so its two exceptions are what decide (review of 9acae19)
    from timeline.extract.nlp import pick_lemma
    assert pick_lemma(word, forms) == lemma
