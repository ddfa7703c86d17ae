"""A theme's blocks must be ones their parent templates define, and the names it prints
ones its pages are given.

Jinja renders a template that ``{% extends %}`` another through the parent: a block the
child fills that no template up its chain defines is never printed, and no error says
so. A project's ``templates/event.html`` filling ``{% block content %}`` over the default
``base.html`` (which has ``main``) built every event page empty, with exit 0. The build
refuses such a theme instead, naming the template, the block's line, and the blocks the
chain does define (see templates/README.md, "Blocks").

The environment's StrictUndefined already stops a build at a misspelt name, but only on a
page that reaches it: ``{% if event.kind == 'planned' %}{{ evnt.title }}{% endif %}`` builds
until the first planned event arrives. So a name in a project's own template that no page
is given (PAGE_NAMES), that is no global and that the template does not set is an error
too, whatever the data (check_names); a name tested with ``is defined`` or given a
``default`` is the author's choice and passes.

A project template that no page uses (``templates/events.html`` meant as ``event.html``)
changes nothing and says nothing: the build warns about it (unused). So does markup the
site's Content-Security-Policy (base.html) makes a browser ignore, with only a console
message: an inline script, style element or attribute, an event handler attribute, a
``javascript:`` link, a script, style sheet, font or image from another site (blocked);
and escaping turned off (``|safe``, ``{% autoescape false %}``: unescaped).

Only chains with a file of the project's own ``templates/`` are read (the default theme is
tested as it ships), each template's source parsed once per build (``Checked``): a build
with the default theme parses nothing.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from jinja2 import nodes

from ..errors import Problem, TemplateError
from ..yamlcheck import display_path

# Names themes commonly give the block that holds a page's content: "content" filled
# over a parent with "main" is that mistake even though the words look nothing alike.
CONTENT_BLOCKS = ("main", "content", "body", "page", "article")

# Every name a page template is given (timeline.site.pages: each Page's context; "e":
# _event_item.html's event, from render.EventItems). A name only some pages get passes
# here and is left to StrictUndefined. tests/test_site_theme_compat.py keeps this equal
# to what the pages of a real build are given.
PAGE_NAMES = frozenset({
    "article", "articles", "canonical", "chart", "counts", "e", "event", "heading", "kind",
    "newest", "options", "pagination", "provenance", "reviewed", "sections", "shown", "term",
    "terms", "total", "years"})
# The templates the build renders pages with (timeline.site.pages; _event_item.html:
# render.EventItems); the test that keeps PAGE_NAMES keeps this too.
PAGE_TEMPLATES = frozenset({
    "404.html", "_event_item.html", "about.html", "article.html", "articles.html",
    "event.html", "index.html", "list.html", "terms.html", "years.html"})
# What the Content-Security-Policy of base.html (default-src, script-src and style-src
# 'self') stops in a browser, found in a template's literal markup.
BLOCKED = (
    (re.compile(r"<script\b(?![^>]*\bsrc\s*=)(?![^>]*\btype\s*=\s*[\"']?application/(?:ld\+)?json)"
                r"[^>]*>", re.I), "an inline <script>: move it to a file in templates/assets/ and "
     "load it with <script src=\"{{ link('assets/NAME.js') }}\">"),
    (re.compile(r"<style\b", re.I), "a <style> element: move the rules to a file in "
     "templates/assets/ (or override assets/style.css)"),
    (re.compile(r"<[a-z][^<>]*\sstyle\s*=", re.I), "a style attribute: give the element a "
     "class and style it in a style sheet in templates/assets/"),
    (re.compile(r"<[a-z][^<>]*\son[a-z]+\s*=", re.I), "an event handler attribute (on...=): "
     "attach the handler from a script file in templates/assets/"),
    (re.compile(r"\b(?:href|src|action)\s*=\s*[\"']?\s*javascript:", re.I), "a javascript: URL"),
    (re.compile(r"<(?:script|img|iframe|source|audio|video|embed)\b[^<>]*\bsrc\s*=\s*[\"']?"
                r"(?:https?:)?//|<link\b(?=[^<>]*\brel\s*=\s*[\"']?(?:stylesheet|icon|preload|"
                r"modulepreload))[^<>]*\bhref\s*=\s*[\"']?(?:https?:)?//", re.I),
     "a script, style sheet, font or image from another site (the site makes no third-party "
     "requests): copy the file into templates/assets/"),
)
_CSP = re.compile(r"http-equiv=[\"']?Content-Security-Policy[\"']?\s+content=\"([^\"]*)\"", re.I)
GUARDS = {"defined", "undefined", "default", "d"}     # tests and filters that expect absence
JINJA_NAMES = frozenset({"loop", "caller", "self", "super", "varargs", "kwargs"})


def _set_names(tree: nodes.Node) -> set[str]:
    """Every name the template sets anywhere (set, for, with, macro and its arguments,
    import, from-import): scopes ignored, so a name set in one place and used in another
    passes (left to StrictUndefined) rather than a right one being refused."""
    names = {n.name for n in tree.find_all(nodes.Name) if n.ctx in ("store", "param")}
    names.update(m.name for m in tree.find_all(nodes.Macro))
    names.update(i.target for i in tree.find_all(nodes.Import))
    for imp in tree.find_all(nodes.FromImport):
        names.update(n if isinstance(n, str) else n[1] for n in imp.names)
    return names


@dataclass
class Parsed:
    parent: str | None                   # the extended template's name; None: extends nothing
    blocks: list[tuple[str, int]]        # (name, line) of each block not inside another
    dynamic: bool = False                # {% extends some_variable %}: its parent is unknown
    tree: nodes.Template | None = None


@dataclass
class Checked:
    """What one build has read of its theme: parsed templates by name."""

    parsed: dict[str, Parsed] = field(default_factory=dict)
    done: bool = False
    warnings: list[Problem] = field(default_factory=list)


def _outer_blocks(node: nodes.Node) -> list[tuple[str, int]]:
    """The blocks that are not inside another block (a block nested in a rendered block
    is printed with it, so only the outer ones must exist up the chain)."""
    found = []
    for child in node.iter_child_nodes():
        if isinstance(child, nodes.Block):
            found.append((child.name, child.lineno))
        else:
            found.extend(_outer_blocks(child))
    return found


def _parse(env: jinja2.Environment, name: str) -> Parsed:
    source, filename, _ = env.loader.get_source(env, name)
    tree = env.parse(source, name, filename)
    extends = tree.find(nodes.Extends)
    if extends is None:
        return Parsed(None, [], tree=tree)
    if not isinstance(extends.template, nodes.Const) or not isinstance(extends.template.value, str):
        return Parsed(None, [], dynamic=True, tree=tree)
    return Parsed(extends.template.value, _outer_blocks(tree), tree=tree)


def _shown(template: jinja2.Template, name: str) -> str:
    """The template's file as a user should see it (relative to the current folder)."""
    return display_path(Path(template.filename)) if template.filename else name


def _suggestion(name: str, defined: list[str]) -> str:
    close = difflib.get_close_matches(name, defined, n=1, cutoff=0.6)
    if not close and name in CONTENT_BLOCKS:
        close = [b for b in defined if b in CONTENT_BLOCKS][:1]
    return f"; did you mean {close[0]}?" if close else ""


def check_blocks(env: jinja2.Environment, templates: dict[str, jinja2.Template],
                 default_dir: Path, checked: Checked) -> list[Problem]:
    """Raise a TemplateError for the first block (by template name, then line) that a
    template of ``templates`` fills and no template up its ``{% extends %}`` chain
    defines (then check_names); return warnings (unused). ``templates``: the loaded
    theme by name; ``default_dir``: the default theme's folder (chains wholly inside it
    are not read)."""
    if checked.done:
        return checked.warnings
    default = str(default_dir)

    def own(name: str) -> bool:
        template = templates.get(name)
        return template is not None and not str(template.filename or "").startswith(default)

    if not any(own(name) for name in templates):
        checked.done = True
        return checked.warnings

    def parsed(name: str) -> Parsed:
        if name not in checked.parsed:
            checked.parsed[name] = _parse(env, name)
        return checked.parsed[name]

    chains: dict[str, list[str]] = {}
    for name in sorted(templates):
        chain, parent, known = [name], parsed(name).parent, True
        chains[name] = chain
        while parent is not None and parent not in chain:
            if parent not in templates:     # not a page template: compile it as Jinja would
                from .render import get_template
                templates[parent] = get_template(env, parent)
            chain.append(parent)
            step = parsed(parent)
            known = known and not step.dynamic
            parent = step.parent
        if len(chain) == 1 or not known or not any(own(n) for n in chain):
            continue
        defined = sorted({b for n in chain[1:] for b in templates[n].blocks})
        for block, line in parsed(name).blocks:
            if block not in defined:
                parents = " and ".join(chain[1:])
                raise TemplateError(
                    f"{{% block {block} %}} is not a block of {chain[1]} "
                    f"({_shown(templates[chain[1]], chain[1])}), which this template "
                    "extends, so Jinja would drop it and its pages would miss what it holds; "
                    f"the blocks {parents} define{'s' if len(chain) == 2 else ''}: "
                    f"{', '.join(defined) or 'none'}" + _suggestion(block, defined),
                    path=_shown(templates[name], name), line=line)
    check_names(env, sorted(n for n in templates if own(n)), chains, parsed)
    mine = {n: templates[n] for n in templates if own(n)}
    checked.warnings = (unused(env, mine, parsed) + blocked_markup(env, mine, parsed)
                        + unescaped(mine, parsed))
    checked.done = True
    return checked.warnings


def _references(tree: nodes.Template) -> tuple[set[str], bool]:
    """The templates ``tree`` extends, includes or imports by name, and whether it also
    names one by a variable (then what it uses is unknown)."""
    names, dynamic = set(), False
    for node in tree.find_all((nodes.Extends, nodes.Include, nodes.Import, nodes.FromImport)):
        target = node.template
        items = target.items if isinstance(target, (nodes.List, nodes.Tuple)) else [target]
        for item in items:
            if isinstance(item, nodes.Const) and isinstance(item.value, str):
                names.add(item.value)
            else:
                dynamic = True
    return names, dynamic


def unused(env: jinja2.Environment, own: dict[str, jinja2.Template], parsed) -> list[Problem]:
    """A warning for each of the project's own templates that no page uses: neither a
    page template nor extended, included or imported by one, however indirectly."""
    seen, todo = set(), sorted(PAGE_TEMPLATES)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            names, dynamic = _references(parsed(name).tree)
        except jinja2.TemplateNotFound:
            continue
        if dynamic:                    # {% include page_kind ~ '.html' %}: anything may be used
            return []
        todo.extend(names - seen)
    return [Problem(_shown(template, name),
                    "no page uses this template: the build renders "
                    f"{', '.join(sorted(PAGE_TEMPLATES))} and what they extend, include or "
                    "import, and none of them names it"
                    + "".join(f"; did you mean {m}?" for m in
                              difflib.get_close_matches(name, sorted(PAGE_TEMPLATES), n=1)),
                    severity="warning")
            for name, template in sorted(own.items()) if name not in seen]


def _shared_names(chains: dict[str, list[str]], parsed) -> dict[str, set[str]]:
    """template -> the names other templates set that it may see: those of the templates
    that extend it (a child's top-level ``{% set active = 'home' %}`` read by base.html), of
    those it extends, and of those that include it or import it with context (their loop
    variables and sets)."""
    seen: dict[str, set[str]] = {}
    for name, chain in chains.items():
        tree = parsed(name).tree
        names = _set_names(tree)
        for other in chain[1:]:
            seen.setdefault(other, set()).update(names)
            seen.setdefault(name, set()).update(_set_names(parsed(other).tree))
        for node in tree.find_all((nodes.Include, nodes.Import, nodes.FromImport)):
            if isinstance(node.template, nodes.Const) and getattr(node, "with_context", True):
                seen.setdefault(node.template.value, set()).update(names)
    return seen


def check_names(env: jinja2.Environment, own: list[str], chains: dict[str, list[str]],
                parsed) -> None:
    """Raise a TemplateError for the first name (by template, then line) that one of the
    project's own templates ``own`` prints or tests but no page is given, no global
    holds and no template it shares names with sets (see the module's docstring).
    ``chains``: each page template's {% extends %} chain, itself first."""
    allowed = PAGE_NAMES | JINJA_NAMES | set(env.globals)
    shared = None
    for name in own:
        tree = parsed(name).tree
        unknown = {n.name for n in tree.find_all(nodes.Name) if n.ctx == "load"} - allowed
        unknown -= _set_names(tree)
        if not unknown:
            continue
        if shared is None:
            shared = _shared_names(chains, parsed)
        unknown -= shared.get(name, set())
        unknown -= {n.node.name for n in tree.find_all((nodes.Test, nodes.Filter))
                    if n.name in GUARDS and isinstance(n.node, nodes.Name)}
        if not unknown:
            continue
        line, word = min((n.lineno, n.name) for n in tree.find_all(nodes.Name)
                         if n.name in unknown and n.ctx == "load")
        close = difflib.get_close_matches(word, sorted(allowed), n=1, cutoff=0.6)
        raise TemplateError(
            f"'{word}' is not a name this template is given: no page has it, no global, and "
            "the template does not set it, so the first page that reaches this line would "
            "stop the build" + (f"; did you mean {close[0]}?" if close else "")
            + " (templates/README.md lists what each page gets; write "
            f"'{word} is defined' or '{word}|default(...)' if it may be missing)",
            path=_shown(env.get_template(name), name), line=line)


def _blocked_rules(env: jinja2.Environment) -> tuple:
    """The BLOCKED rules that the policy in the theme's base.html (the project's own, when
    it has one) enforces: none without a policy, no inline rule under 'unsafe-inline',
    no other-site rule when it allows other sites."""
    try:
        found = _CSP.search(env.loader.get_source(env, "base.html")[0])
    except jinja2.TemplateNotFound:
        return ()
    if found is None:
        return ()
    policy = found.group(1)
    rules = BLOCKED[:-1] if "'unsafe-inline'" not in policy else ()
    if not any(wide in policy.split() for wide in ("*", "https:", "http:")) and "//" not in policy:
        rules += BLOCKED[-1:]
    return rules


def unescaped(own: dict[str, jinja2.Template], parsed) -> list[Problem]:
    """A warning at each place the project's own templates turn escaping off: the ``safe``
    filter or ``{% autoescape false %}``. What pages print comes from articles and hand
    edits, which are untrusted: the site escapes it, and gives Markdown summaries already
    sanitised (the ``summary_html`` filter)."""
    found = []
    for name, template in sorted(own.items()):
        tree = parsed(name).tree
        places = [(f.lineno, "the 'safe' filter prints its value as HTML, unescaped")
                  for f in tree.find_all(nodes.Filter) if f.name == "safe"]
        places += [(m.lineno, "'autoescape false' prints values as HTML, unescaped")
                   for m in tree.find_all(nodes.ScopedEvalContextModifier)
                   for option in m.options
                   if option.key == "autoescape" and isinstance(option.value, nodes.Const)
                   and not option.value.value]
        found += [Problem(_shown(template, name), f"{what}: article text and hand-written "
                          "fields are untrusted (a <script> or onerror= in them would reach the "
                          "page); print them escaped", line, severity="warning")
                  for line, what in places]
    return sorted(set(found), key=lambda p: (p.path, p.line, p.message))


def blocked_markup(env: jinja2.Environment, own: dict[str, jinja2.Template],
                   parsed) -> list[Problem]:
    """A warning at each place the project's own templates write markup that the site's
    Content-Security-Policy makes a browser ignore (BLOCKED)."""
    found = []
    rules = _blocked_rules(env)
    for name, template in sorted(own.items()):
        for data in parsed(name).tree.find_all(nodes.TemplateData):
            for pattern, what in rules:
                for match in pattern.finditer(data.data):
                    line = data.lineno + data.data.count("\n", 0, match.start())
                    found.append(Problem(
                        _shown(template, name), f"{what}; the site's Content-Security-Policy "
                        "(base.html) makes browsers ignore it", line, severity="warning"))
    return sorted(set(found), key=lambda p: (p.path, p.line, p.message))
