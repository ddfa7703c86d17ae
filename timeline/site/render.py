"""The Jinja environment: the project's templates/ override the default theme file
by file (a ChoiceLoader), everything is autoescaped, an undefined name is an error,
and any template failure becomes a TemplateError naming the template and line.

Static assets (templates/assets/*) follow the same rule: a project file wins over
the theme's file of the same name.
"""
from __future__ import annotations

import hashlib
import html
import traceback
from pathlib import Path

import jinja2
import markdown
import nh3
from markupsafe import Markup, escape

from ..errors import TemplateError
from ..project import DEFAULT_TEMPLATES, Project

ASSETS = "assets"


def template_dirs(project: Project) -> list[Path]:
    """Search order: the project's own templates/, then the installed default theme."""
    dirs = []
    own = project.templates_dir
    if own.is_dir() and own.resolve() != DEFAULT_TEMPLATES.resolve():
        dirs.append(own)
    dirs.append(DEFAULT_TEMPLATES)
    return dirs


def make_env(project: Project) -> jinja2.Environment:
    loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(d)) for d in template_dirs(project)])
    env = jinja2.Environment(
        loader=loader,
        autoescape=jinja2.select_autoescape(("html", "xml", "svg"), default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
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


def render(template: jinja2.Template, context: dict) -> str:
    try:
        return template.render(context)
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


def summary_html(text: str | None) -> Markup:
    """Hand-written Markdown -> HTML, sanitised: no script, no event handler, no style,
    links only to http(s)/mailto, images dropped (no third-party requests)."""
    if not text:
        return Markup("")
    html = markdown.markdown(str(text), output_format="html")
    return Markup(nh3.clean(html, tags=SUMMARY_TAGS, attributes={"a": {"href", "title"}},
                            url_schemes={"http", "https", "mailto"},
                            link_rel="noopener noreferrer nofollow", strip_comments=True))


def summary_text(text: str | None) -> str:
    """The summary as plain text (feeds, calendar): Markdown rendered, every tag dropped."""
    if not text:
        return ""
    html_ = markdown.markdown(str(text), output_format="html")
    return html.unescape(nh3.clean(html_, tags=set())).strip()


def highlight(quote: str, expression: str | None) -> Markup:
    """The quote, escaped, with the first occurrence of the time expression in <mark>."""
    quote = str(quote or "")
    expr = str(expression or "").strip()
    i = quote.casefold().find(expr.casefold()) if expr else -1
    if i < 0 or len(quote.casefold()) != len(quote):
        return escape(quote)
    return Markup("{}<mark>{}</mark>{}").format(quote[:i], quote[i:i + len(expr)],
                                                 quote[i + len(expr):])


def install_helpers(env: jinja2.Environment, globals_: dict) -> None:
    env.filters["summary_html"] = summary_html
    env.filters["highlight"] = highlight
    env.globals.update(globals_)
