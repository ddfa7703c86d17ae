"""yamlcheck's loader resolves tags in its own short method (libyaml calls it for every
node); it must give exactly the tags of PyYAML's SafeLoader, which decide every
'must be text, not a number' message and what an unknown key's value becomes."""
from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.yamlcheck import _Loader

SCALARS = ["", "~", "null", "Null", "NULL", "true", "False", "yes", "no", "on", "off", "y",
           "2019", "-2019", "+12", "0x1F", "0o17", "017", "1_000", "3.14", ".5", "-.inf", ".NaN",
           "1e3", "6.8523015e+5", "190:20:30", "2019-02-28", "2019-02-28T14:00:00+07:00",
           "2019-02-28 14:00", "2019-02", "2019-W09", "<<", "=", "Hanoi", "-", ".", "'x'",
           "0.", "1:20", "-0", "+.inf", "0b1010", "abc 123", "Kim Jong Un"]


def tags(text: str, loader) -> list:
    node = yaml.compose(text, Loader=loader)
    out = []

    def walk(n):
        out.append((type(n).__name__, n.tag))
        if isinstance(n, yaml.SequenceNode):
            for item in n.value:
                walk(item)
        elif isinstance(n, yaml.MappingNode):
            for k, v in n.value:
                walk(k)
                walk(v)
    walk(node)
    return out


def test_known_scalars_resolve_as_safe_loader_does():
    for value in SCALARS:
        for text in (f"k: {value}\n" if value else "k:\n", f"- {value}\n", f'k: "{value}"\n',
                     f"{{a: [{value}, {{b: {value}}}]}}\n" if value else "{a: []}\n"):
            try:
                expected = tags(text, yaml.SafeLoader)
            except yaml.YAMLError:
                continue
            assert tags(text, _Loader) == expected, text


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="0123456789.:-+eEx_TtrufalsnoyNY~ ", max_size=12), max_size=4))
def test_generated_scalars_resolve_as_safe_loader_does(values):
    text = "".join(f"k{i}: {v}\n" for i, v in enumerate(values)) or "{}\n"
    try:
        expected = tags(text, yaml.SafeLoader)
    except yaml.YAMLError:
        return
    assert tags(text, _Loader) == expected
