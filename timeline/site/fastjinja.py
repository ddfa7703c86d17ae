"""Jinja's per-value machinery made cheaper, with the same bytes out: a 10k-event build
prints ~500k values and calls ~100k helpers, and Jinja spends about a microsecond of
bookkeeping on each. render.make_env installs these (template and context classes, the
``join`` filter); each one says why its shortcut gives what Jinja's would.
"""
from __future__ import annotations

import jinja2
import markupsafe
from markupsafe import escape

from .views import Term


def _output_escape():
    """What a compiled template calls on every ``{{ value }}`` it prints (autoescaped):
    MarkupSafe's escape() without wrapping the text in a Markup. Jinja joins what a
    template prints into one str (a page, a macro's or call block's body, a ``{% set %}``
    block: each then made Markup by Jinja itself), so the type of a printed piece never
    reaches anything and the bytes are the same; ``Markup.__new__`` was ~0.4 us of the
    ~0.65 us escape() takes, and a 10k-event build prints ~520k values (~0.25 s of CPU).
    MarkupSafe's own escape() when its escaping function is not where this expects it,
    or does not escape as escape() does."""
    inner = getattr(markupsafe, "_escape_inner", None)
    probe = "<a href='x'>\"&amp;\"</a>"
    if inner is None or inner(probe) != str(escape(probe)):
        return escape

    def output_escape(value):
        if type(value) is str:
            return inner(value)
        if hasattr(value, "__html__"):
            safe = value.__html__()
            return safe if isinstance(safe, str) else str(safe)
        return inner(str(value))
    return output_escape


class Template(jinja2.Template):
    """A template whose printed values are escaped by _output_escape (the name Jinja's
    compiled code looks ``escape`` up by is the template module's own)."""

    _escape = staticmethod(_output_escape())

    @classmethod
    def _from_namespace(cls, environment, namespace, globals):
        if namespace.get("escape") is escape:
            namespace["escape"] = cls._escape
        return super()._from_namespace(environment, namespace, globals)


class Context(jinja2.runtime.Context):
    """Jinja's Context, whose call() (every ``{{ f(x) }}`` and ``{% call %}`` in a template)
    goes straight to the environment's global callables that take no context: Jinja's
    own call() looks for pass_context & co. on the object and on its __call__ each time
    (~1 us; ~7 calls per event page: link, once, expression_link, ...). The rest, e.g. a
    template's macros, go through Jinja's."""

    def call(__self, __obj, *args, **kwargs):  # noqa: N805 (Jinja's signature)
        if id(__obj) not in __self.environment.plain_calls:
            return super().call(__obj, *args, **kwargs)
        if kwargs:
            kwargs.pop("_loop_vars", None)
            kwargs.pop("_block_vars", None)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:
            return super().call(_stopped, __obj)


def _stopped(obj):
    raise StopIteration    # Jinja's call() turns it into its Undefined and message


def plain_callables(env: jinja2.Environment) -> None:
    """Note which of the environment's globals Context may call directly: the callables
    with no pass_context/pass_eval_context/pass_environment mark on them or on their
    __call__ (kept by id while the globals hold them; set again after globals change)."""
    def marked(obj) -> bool:
        return hasattr(obj, "jinja_pass_arg") or hasattr(getattr(obj, "__call__", None),
                                                         "jinja_pass_arg")
    env.plain_calls = {id(v): v for v in env.globals.values() if callable(v) and not marked(v)}


_JINJA_JOIN = jinja2.filters.FILTERS["join"]


@jinja2.pass_eval_context
def join(eval_ctx, value, d="", attribute=None):
    """Jinja's ``join`` filter, with a view's tuple of str or of Terms by name (a list
    item's data-tags, data-sources, ...: 4 joins per event) joined directly: Jinja's
    looks each item's attribute up as an item first (a TypeError per Term) and checks
    every item for __html__ (~3.5 us a call). Same str whenever it takes this path: an
    autoescaped join of plain str items with a str separator is their str.join."""
    if eval_ctx.autoescape and type(d) is str and type(value) is tuple:
        items = None
        if attribute is None:
            items = value
        elif attribute == "name" and all(type(x) is Term for x in value):
            items = [x.name for x in value]
        if items is not None and all(type(x) is str for x in items):
            return d.join(items)
    return _JINJA_JOIN(eval_ctx, value, d, attribute)
