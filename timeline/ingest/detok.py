"""Undo Penn-Treebank tokenisation (the Timeline17 / news-dataset convention).

``He said `` it 's over '' -LRB- Reuters -RRB- .`` -> ``He said "it's over" (Reuters).``
Only spacing and the bracket/quote tokens change; words are never altered.
"""
from __future__ import annotations

import re

_BRACKETS = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}"}
_BRACKET_RE = re.compile(r"-[LR][RSC]B-")

#: A text is treated as tokenised when these markers are frequent.
_MARKERS = re.compile(r" (?:,|\.|'s|n't|-[LR]RB-|``|'') ")

# Applied to the whole text at once (multiline); no pattern crosses a line break.
_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p, re.M), r) for p, r in (
    (r"[ \t]+$", ""),                                  # trailing blanks of each line
    (r"^[ \t]+", ""),
    (r"\\([/*])", r"\1"),                            # PTB escapes "\/" and "\*"
    (r"(\d) ,(\d{3})\b", r"\1,\2"),                   # "795 ,000" -> "795,000"
    (r"(\d) \.(\d)", r"\1.\2"),                         # "15 .9" -> "15.9"
    (r" ([,.;:?!%])(?=[ \t]|$)", r"\1"),              # "mess ," -> "mess,"
    (r"``[ \t]*", '"'),                               # opening double quote
    (r"[ \t]*''", '"'),                               # closing double quote
    (r"(\S) (n't|'s|'re|'ve|'ll|'d|'m|'S|'RE|'VE|'LL|'D|'M|N'T)\b", r"\1\2"),
    (r"\b(can) (not)\b", r"\1\2"),                     # PTB splits "cannot"
    (r"\b([Gg]on|[Ww]an) (na)\b", r"\1\2"),
    (r"([(\[{$£€#]) ", r"\1"),                          # no space after openers / currency
    (r" ([)\]}])", r"\1"),
    (r" ([,.;:?!%])(?=[ \t]|$)", r"\1"),
    (r" \.\.\.", "..."),
))


def is_tokenised(text: str) -> bool:
    sample = text[:4000]
    return len(_MARKERS.findall(sample)) >= 3 or bool(_BRACKET_RE.search(sample))


def _fix_quotes(line: str) -> str:
    """Attach straight double quotes left by the rules above to their words: an odd
    quote opens (no space after), an even one closes (no space before)."""
    parts = line.split('"')
    if len(parts) < 3:
        return line
    out = [parts[0]]
    for i, part in enumerate(parts[1:], start=1):
        if i % 2:  # text inside the quote follows an opening quote
            out.append('"' + part.lstrip(" "))
        else:
            out[-1] = out[-1].rstrip(" ")
            out.append('"' + part)
    return "".join(out)


# The dataset's sentence splitter broke Reuters instrument codes at their dot:
# "BP (BP.\nL) Chief Executive ..." -> "BP (BP.L) Chief Executive ...".
_SPLIT_CODE = re.compile(r"\([ \t]*([A-Z0-9][A-Za-z0-9]{0,6})[ \t]*\.[ \t]*\n[ \t]*([A-Z]{1,3})[ \t]*\)")


def detokenise(text: str) -> str:
    """Readable text from PTB tokens (line breaks are kept, but for the one inside an
    instrument code, "(BP.L)", that the dataset's sentence splitter put there)."""
    text = _BRACKET_RE.sub(lambda m: _BRACKETS[m.group(0)], text)
    text = _SPLIT_CODE.sub(r"(\1.\2)", text)
    for pattern, repl in _RULES:
        text = pattern.sub(repl, text)
    if '"' not in text:
        return text
    return "\n".join(_fix_quotes(line) if line.count('"') % 2 == 0 else line
                     for line in text.split("\n"))
