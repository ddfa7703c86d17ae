"""A theme's blocks must be ones their parent templates define.

Jinja renders a template that ``{% extends %}`` another through the parent: a block the
child fills that no template up its chain defines is never printed, and no error says
so. A project's ``templates/event.html`` filling ``{% block content %}`` over the default
``base.html`` (which has ``main``) built every event page empty, with exit 0. The build
refuses such a theme instead, naming the template, the block's line, and the blocks the
chain does define (see templates/README.md, "Blocks").

Only chains with a file of the project's own ``templates/`` are read (the default theme is
tested as it ships), each template's source parsed once per build (``Checked``): a build
with the default theme parses nothing.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from jinja2 import nodes

from ..errors import TemplateError

# Names themes commonly give the block that holds a page's content: "content" filled
# over a parent with "main" is that mistake even though the words look nothing alike.
CONTENT_BLOCKS = ("main", "content", "body", "page", "article")


@dataclass
class Parsed:
    parent: str | None                   # the extended template's name; None: extends nothing
    blocks: list[tuple[str, int]]        # (name, line) of each block not inside another
    dynamic: bool = False                # {% extends some_variable %}: its parent is unknown


@dataclass
class Checked:
    """What one build has read of its theme: parsed templates by name."""

    parsed: dict[str, Parsed] = field(default_factory=dict)
    done: bool = False


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
        return Parsed(None, [])
    if not isinstance(extends.template, nodes.Const) or not isinstance(extends.template.value, str):
        return Parsed(None, [], dynamic=True)
    return Parsed(extends.template.value, _outer_blocks(tree))


def _suggestion(name: str, defined: list[str]) -> str:
    close = difflib.get_close_matches(name, defined, n=1, cutoff=0.6)
    if not close and name in CONTENT_BLOCKS:
        close = [b for b in defined if b in CONTENT_BLOCKS][:1]
    return f"; did you mean {close[0]}?" if close else ""


def check_blocks(env: jinja2.Environment, templates: dict[str, jinja2.Template],
                 default_dir: Path, checked: Checked) -> None:
    """Raise a TemplateError for the first block (by template name, then line) that a
    template of ``templates`` fills and no template up its ``{% extends %}`` chain
    defines. ``templates``: the loaded theme by name; ``default_dir``: the default
    theme's folder (chains wholly inside it are not read)."""
    if checked.done:
        return
    default = str(default_dir)

    def own(name: str) -> bool:
        template = templates.get(name)
        return template is not None and not str(template.filename or "").startswith(default)

    if not any(own(name) for name in templates):
        checked.done = True
        return

    def parsed(name: str) -> Parsed:
        if name not in checked.parsed:
            checked.parsed[name] = _parse(env, name)
        return checked.parsed[name]

    for name in sorted(templates):
        chain, parent, known = [name], parsed(name).parent, True
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
                    f"({templates[chain[1]].filename or chain[1]}), which this template "
                    "extends, so Jinja would drop it and its pages would miss what it holds; "
                    f"the blocks {parents} define{'s' if len(chain) == 2 else ''}: "
                    f"{', '.join(defined) or 'none'}" + _suggestion(block, defined),
                    path=templates[name].filename or name, line=line)
    checked.done = True
