"""`timeline check` on content/site.yaml as a journalist fills it in: a city where a zone
belongs is answered with that city's zone (from the gazetteer), a language written out
("english") is a warning asking for the lang code the pages declare."""
from __future__ import annotations

import pytest

from errcase import SITE_YAML, cli, make_project, no_traceback, output, tree_state


def check(tmp_path, site):
    root = make_project(tmp_path / "p", site=site)
    before = tree_state(root)
    proc = cli(root, "check")
    no_traceback(proc)
    assert tree_state(root) == before
    return proc


def test_a_city_as_timezone_is_answered_with_its_zone(tmp_path):
    proc = check(tmp_path, SITE_YAML.replace("timezone: Asia/Ho_Chi_Minh", "timezone: Paris"))
    assert proc.returncode == 1
    assert ('content/site.yaml:5:11: timezone "Paris" is not an IANA time zone (Paris is in '
            "Europe/Paris: write timezone: Europe/Paris)") in proc.stdout, proc.stdout


def test_a_misspelt_zone_gets_examples(tmp_path):
    proc = check(tmp_path, SITE_YAML.replace("timezone: Asia/Ho_Chi_Minh", "timezone: Europe/Pariss"))
    assert proc.returncode == 1
    assert ('content/site.yaml:5:11: timezone "Europe/Pariss" is not an IANA time zone (e.g. '
            in proc.stdout), proc.stdout


@pytest.mark.parametrize("language, ok", [("english", False), ("English (UK)", False),
                                          ("en", True), ("en-GB", True), ("zh-Hant-TW", True)])
def test_language_must_be_a_lang_code(tmp_path, language, ok):
    proc = check(tmp_path, SITE_YAML.replace("language: en", f'language: "{language}"'))
    assert proc.returncode == 0, output(proc)
    warning = f'content/site.yaml:4:11: warning: language "{language}" is not an HTML lang code'
    assert (warning not in proc.stdout) if ok else (warning in proc.stdout), proc.stdout
