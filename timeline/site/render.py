"""The Jinja environment: the project's templates/ override the default theme file
by file (a ChoiceLoader), everything is autoescaped, an undefined name is an error,
and any template failure becomes a TemplateError naming the template and line.

Static assets (templates/assets/*) follow the same rule: a project file wins over
the theme's file of the same name.
"""
from __future__ import annotations

import hashlib
import html
import importlib.util
import os
import re
import shutil
import sys
import traceback
from functools import lru_cache
from pathlib import Path

import jinja2
import nh3
from markupsafe import Markup, escape

from ..errors import TemplateError
from ..project import DEFAULT_TEMPLATES, Project
from . import blocks, fastjinja
from .anchors import find_expression
from .provenance import expression_link

ASSETS = "assets"


def template_dirs(project: Project) -> list[Path]:
    """Search order: the project's own templates/, then the installed default theme."""
    dirs = []
    own = project.templates_dir
    if own.is_dir() and own.resolve() != DEFAULT_TEMPLATES.resolve():
        dirs.append(own)
    dirs.append(DEFAULT_TEMPLATES)
    return dirs


def bytecode_cache(folder: Path | None) -> jinja2.BytecodeCache | None:
    """Compiled templates kept in ``folder`` (the git-ignored cache): Jinja checks each
    template's source checksum, and the folder is named after this module and Jinja's
    version, whose environment settings the compiled code depends on. Saves compiling
    every template (~50 ms) on every build."""
    if folder is None:
        return None
    stamp = hashlib.blake2b(Path(__file__).read_bytes() + jinja2.__version__.encode(),
                            digest_size=6).hexdigest()
    where = folder / f"jinja-{stamp}"
    if not where.is_dir():
        for stale in folder.glob("jinja-*"):          # left by other code versions
            shutil.rmtree(stale, ignore_errors=True)
        where.mkdir(parents=True, exist_ok=True)
    return jinja2.FileSystemBytecodeCache(str(where))


def make_env(project: Project, cache: Path | None = None) -> jinja2.Environment:
    """The theme's environment; ``cache``: a folder for compiled templates."""
    loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(d)) for d in template_dirs(project)])
    env = jinja2.Environment(
        loader=loader,
        bytecode_cache=bytecode_cache(cache),
        autoescape=jinja2.select_autoescape(("html", "xml", "svg"), default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
        cache_size=-1,      # a plain dict of the few templates: every page looks up base.html
    )
    env.template_class = fastjinja.Template
    env.context_class = fastjinja.Context
    fastjinja.plain_callables(env)
    env.extend(theme_blocks=blocks.Checked())     # what compile_theme read, once per build
    return env


def theme_fingerprint(project: Project) -> str:
    """Hash of every template and asset file in the search path (changes re-render all)."""
    h = hashlib.blake2b(digest_size=12)
    for d in template_dirs(project):
        for path in sorted(p for p in d.rglob("*") if p.is_file()):
            h.update(str(path.relative_to(d)).encode())
            h.update(b"\0")
            h.update(path.read_bytes())
    return h.hexdigest()


def asset_files(project: Project) -> dict[str, Path]:
    """assets/<name> -> file to copy, the project's file winning over the theme's."""
    found: dict[str, Path] = {}
    for d in reversed(template_dirs(project)):
        base = d / ASSETS
        if base.is_dir():
            for path in sorted(p for p in base.rglob("*") if p.is_file()):
                found[f"{ASSETS}/{path.relative_to(base).as_posix()}"] = path
    return dict(sorted(found.items()))


def _template_location(exc: BaseException, default: str) -> tuple[str, int]:
    """The innermost template frame of a Jinja traceback: (template file, line)."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return exc.filename or exc.name or default, exc.lineno or 0
    where = (default, 0)
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename and frame.filename.endswith((".html", ".xml", ".svg", ".txt", ".j2")):
            where = (frame.filename, frame.lineno or 0)
    return where


def get_template(env: jinja2.Environment, name: str) -> jinja2.Template:
    try:
        return env.get_template(name)
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"template not found: {exc.name}", path=name) from None
    except jinja2.TemplateError as exc:
        path, line = _template_location(exc, name)
        raise TemplateError(f"template error: {exc.message or exc}", path=path, line=line) from None


def compile_theme(env: jinja2.Environment) -> list:
    """Load every page template of the theme now, so that a syntax error stops the build
    before any page is written (and before the site's writer marks a build under way);
    so does a block that the template's parents do not define or a name no page is given
    (timeline.site.blocks). Returns warnings (Problems): the project's unused templates."""
    loaded = {name: get_template(env, name) for name in env.list_templates(extensions=["html"])
              if not name.startswith("assets/")}
    return blocks.check_blocks(env, loaded, DEFAULT_TEMPLATES, env.theme_blocks)


def flat_globals(template: jinja2.Template) -> dict:
    """The template's globals as one plain dict, made once per template and build (Jinja
    keeps them as a ChainMap, which Template.render copies key by key for every page:
    ~8 us a page, 10k event pages). Globals must not change after the first render."""
    return dict(template.globals)


def render(template: jinja2.Template, context: dict, globals_: dict | None = None) -> str:
    """Template.render(context), through a context made straight from ``globals_`` (the
    template's flat_globals) and ``context`` when given."""
    try:
        if globals_ is None:
            return template.render(context)
        env = template.environment     # what Template.new_context makes, without copying
        ctx = env.context_class(env, dict(globals_, **context), template.name, template.blocks,
                                globals=globals_)                     # the globals' ChainMap
        try:
            return "".join(template.root_render_func(ctx))
        except Exception:
            template.environment.handle_exception()   # re-raises with template lines
            raise
    except jinja2.TemplateError as exc:
        path, line = _template_location(exc, template.filename or template.name or "?")
        raise TemplateError(f"template error: {exc.message or exc}", path=path, line=line) from None
    except (TypeError, ValueError, AttributeError, KeyError, ZeroDivisionError) as exc:
        path, line = _template_location(exc, template.filename or template.name or "?")
        raise TemplateError(f"template error: {type(exc).__name__}: {exc}", path=path,
                            line=line) from None


# --------------------------------------------------------------------------- filters

SUMMARY_TAGS = {"p", "br", "em", "strong", "b", "i", "a", "ul", "ol", "li", "blockquote", "code",
                "pre", "del", "sup", "sub", "h3", "h4", "hr"}


_TAGS_RE = re.compile(r"<(script|style)\b.*?</\1\s*>|<[^>]*>", re.S | re.I)
_LINK_RE = re.compile(r"!?\[([^\]]*)\]\((?:[^()]|\([^()]*\))*\)")
_EMPH_RE = re.compile(r"(\*\*|__|\*|_|`)(.+?)\1")
_MARKS_RE = re.compile(r"[<\[*_`]")    # a character each of the three above needs
_BLOCK_RE = re.compile(r"^[ \t]{0,3}(?:#{1,6}|>|[-*+]|\d+[.)])[ \t]+", re.M)


_CLEANER = nh3.Cleaner(tags=SUMMARY_TAGS, attributes={"a": {"href", "title"}},
                       url_schemes={"http", "https", "mailto"},
                       link_rel="noopener noreferrer nofollow", strip_comments=True)


class SummaryRenderer:
    """Python-Markdown, one converter reused (reset per text: building one costs ~1 ms)."""

    def __init__(self) -> None:
        import markdown   # imported and set up (~60 ms) only when a summary is not in the memo
        self._md = markdown.Markdown(extensions=["sane_lists"], output_format="html")

    def __call__(self, text: str) -> str:
        self._md.reset()
        return self._md.convert(text)


@lru_cache(maxsize=1)
def _summary_renderer() -> SummaryRenderer:
    return SummaryRenderer()


# A summary that is one line of words, plain punctuation and *emphasis*/**strong** around
# words: what Markdown + nh3 would make of it, made directly (~50x faster; most summaries
# are like this). Anything else (newlines, < > & \\ ` _ [ ] #, a list or numbered start,
# a '*' that is not such a pair) goes through Markdown. tests/test_site_summaries.py checks
# with hypothesis that both ways give the same bytes.
_PLAIN_SUMMARY = re.compile(r"(?!\d+[.)])(?:[^\W_]|\*+[^\W_])"
                            r"(?:[^\W_]|[ .,;:!?'\"()/%+=$€£’‘“”–—…*-])*(?<! )")
_EMPHASIS = re.compile(r"(?:(?<=^)|(?<=[ (\"'‘“]))(\*\*?)([^\W_](?:[^*]*[^\W_ ])?)\1"
                       r"(?=$|[ .,;:!?)\"'’”])")


def _emphasis(m: re.Match) -> str:
    tag = "strong" if len(m[1]) == 2 else "em"
    return f"<{tag}>{m[2]}</{tag}>"


def plain_summary_html(text: str) -> str | None:
    """The HTML of a summary simple enough not to need Markdown, else None."""
    text = text.rstrip("\n")          # a YAML block scalar's final line break
    if "\n" in text or not _PLAIN_SUMMARY.fullmatch(text):
        return None
    if "*" in text:
        text = _EMPHASIS.sub(_emphasis, text)
        if "*" in text:
            return None
    return f"<p>{text}</p>"


def summary_html(text: str | None) -> Markup:
    """Hand-written Markdown -> HTML, sanitised: no script, no event handler, no style,
    links only to http(s)/mailto, images dropped (no third-party requests)."""
    if not text:
        return Markup("")
    text = str(text)
    plain = plain_summary_html(text)
    if plain is not None:
        return Markup(plain)
    return Markup(_CLEANER.clean(_summary_renderer()(text)))


# The libraries whose code decides what a page, an export or a summary contains: Jinja
# (templates), MarkupSafe (escaping), Markdown and nh3 (summaries).
RENDERING_LIBRARIES = ("jinja2", "markupsafe", "markdown", "nh3")


def _library_stamp() -> str:
    parts = [sys.version]             # the interpreter too (html, json, unicodedata, zoneinfo)
    for name in RENDERING_LIBRARIES:
        spec = importlib.util.find_spec(name)
        origin = spec.origin if spec is not None and spec.origin else name
        parts.append(origin)
        for folder, dirs, files in os.walk(os.path.dirname(origin)) if spec is not None else ():
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for file in sorted(files):
                try:
                    st = os.stat(os.path.join(folder, file))
                except OSError:
                    continue
                parts.append(f"{folder}/{file}:{st.st_size}:{st.st_mtime_ns}")
    return hashlib.blake2b("\n".join(parts).encode(), digest_size=8).hexdigest()


# Taken when this module is imported, as code_version is: the libraries as this process
# runs them, not as an upgrade may have left them on disk since.
_LIBRARY_STAMP = _library_stamp()


def library_stamp() -> str:
    """Which Jinja, MarkupSafe, Markdown and nh3 are installed (every file of each
    package: path, size and mtime, read without importing Markdown) and which Python: a
    page, export piece or summary rendered by other versions is not reused
    (timeline.site.site_salt, Summaries)."""
    return _LIBRARY_STAMP


class Summaries:
    """The ``summary_html`` filter with its results kept across builds in ``pieces`` (a
    memo.Fragments), keyed by the summary text and the library versions: a rebuild after
    a title edit neither imports nor runs Markdown."""

    def __init__(self, pieces) -> None:
        self.pieces = pieces
        self.stamp = library_stamp()

    def key(self, text: str) -> str:
        return f"{self.stamp}\0{text}"

    def __call__(self, text: str | None) -> Markup:
        if not text:
            return Markup("")
        return Markup(self.pieces.text("summary", self.key(str(text)), lambda: str(summary_html(text))))

    def keep(self, views) -> None:
        self.pieces.keep_texts("summary", {self.key(str(v.summary)) for v in views if v.summary})


def keep_pieces(env: jinja2.Environment, pieces, views) -> None:
    """Let the rendered list items and summaries of every current event outlive this build."""
    pieces.keep("item", views)
    summaries = env.filters.get("summary_html")
    if isinstance(summaries, Summaries):
        summaries.keep(views)


def summary_text(text: str | None) -> str:
    """The summary as plain text for feeds and the calendar: Markdown marks, links and
    HTML tags (script/style with their content) dropped. Callers escape it for their
    format, so this only has to read well, not to be safe."""
    if not text:
        return ""
    t = str(text)
    if _MARKS_RE.search(t):     # else none of the three below can match (most summaries)
        t = _TAGS_RE.sub("", t)
        t = _LINK_RE.sub(r"\1", t)
        t = _EMPH_RE.sub(r"\2", t)
    t = _BLOCK_RE.sub("", t)
    return " ".join(html.unescape(t).split())


def highlight(quote: str, expression: str | None, href: str = "") -> Markup:
    """The quote, escaped, with the time expression in <mark> where find_expression finds
    it (as expression_link does); with ``href`` (expression_link(s): its place in the
    article's page) the marked words link there."""
    quote = str(quote or "")
    where = find_expression(quote, str(expression or ""))
    if where is None:
        return escape(quote)
    i, j = where
    words = escape(quote[i:j])
    if href:
        # what Markup(...).format(href, words) makes, without its formatter (~5 us a quote)
        words = f'<a href="{escape(href)}" title="Where the article says it">{words}</a>'
    return Markup(f"{escape(quote[:i])}<mark>{words}</mark>{escape(quote[j:])}")


class EventItems:
    """``event_item(e)``: an event's list item (_event_item.html), rendered once per build
    however many lists show it (year, tag, person, place and article pages), and kept
    across builds in ``pieces`` (a memo.Fragments keyed by the event's page fingerprint,
    salted with the theme) so that a rebuild after one edit renders only that item."""

    def __init__(self, env: jinja2.Environment, pieces=None):
        self.env = env
        self.pieces = pieces
        self.template: jinja2.Template | None = None
        self.globals: dict = {}
        self.memo: dict[str, Markup] = {}

    def _render(self, event) -> str:
        if self.template is None:
            self.template = get_template(self.env, "_event_item.html")
            self.globals = flat_globals(self.template)
        return render(self.template, {"e": event}, self.globals)

    def __call__(self, event) -> Markup:
        html_ = self.memo.get(event.id)     # one Markup per event and build, however many
        if html_ is None:                   # lists show it (~57k calls at 10k events)
            made = (self._render(event) if self.pieces is None
                    else self.pieces.get("item", event, self._render))
            html_ = self.memo[event.id] = Markup(made)
        return html_

    def many(self, events) -> Markup:
        """``event_items(events)``: their list items, one a line (what a loop calling
        event_item(e) prints, in one call: a list page shows up to 500 events)."""
        return Markup("\n".join([self(e) for e in events]))


class Once:
    """``once(*key)``, called as ``{% call once('footer') %}...{% endcall %}``: the body is
    rendered the first time its key comes up in a build and reused after (base.html's
    head, header and footer: ~60 values every page would print again). The body must
    depend on nothing but the key and the site-wide globals.

    A body is kept per call site (the ``{% call %}`` block's compiled code, the same for
    every page that template renders) and key: two blocks that use the same key, in two
    templates or in one, each get their own body, never the other's. Were Jinja's
    caller ever without its code, every body would be rendered each time (right, slower)."""

    def __init__(self) -> None:
        self.done: dict[tuple, Markup] = {}
        self.sites: dict[int, object] = {}     # id -> code: kept alive, so ids stay unique

    def __call__(self, *key, caller) -> Markup:
        code = getattr(getattr(caller, "_func", None), "__code__", None)
        if code is None:
            return Markup(caller())
        site = id(code)
        key = (site, *key)
        html_ = self.done.get(key)
        if html_ is None:
            self.sites[site] = code
            html_ = self.done[key] = Markup(caller())
        return html_


NAV = (("", "Timeline"), ("years/", "Years"), ("tags/", "Tags"), ("people/", "People"),
       ("places/", "Places"), ("articles/", "Sources"), ("about/", "About"))
HREFS = {"home": "", "style": "assets/style.css", "script": "assets/timeline.js",
         "atom": "feed.xml", "json_feed": "feed.json", "ics": "events.ics",
         "timelinejs": "timeline.json", "search_index": "search.json", "about": "about/",
         "years": "years/"}


def install_helpers(env: jinja2.Environment, site, base, pieces=None) -> None:
    """Filters and globals every template can use (see templates/README.md); ``pieces``
    (a memo.Fragments) keeps rendered list items across builds."""
    env.filters["summary_html"] = summary_html if pieces is None else Summaries(pieces)
    env.filters["highlight"] = highlight
    env.filters["join"] = fastjinja.join
    env.globals["expression_link"] = expression_link
    items = EventItems(env, pieces)
    env.globals.update(
        site=site, base=base, link=base.link, event_item=items, event_items=items.many,
        once=Once(), nav=[(path, name, ready_link(base.link(path))) for path, name in NAV],
        href={k: ready_link(base.link(v)) for k, v in HREFS.items()})
    fastjinja.plain_callables(env)


def ready_link(link: str) -> str:
    """A link built from the validated base path, safe as it is: Markup (not escaped) when
    escaping would change it (a '&' in the base path), else the plain str, which prints
    the same and which Jinja escapes faster than it passes a Markup through (~1 us, and
    every page prints about 17 of these)."""
    return link if escape(link) == link else Markup(link)
