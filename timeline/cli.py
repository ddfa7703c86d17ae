"""The `timeline` command: a thin layer over the library.

Each sub-command parses its arguments, calls one library function and prints
what it returns. Every user-caused failure is a TimelineError, caught once in
``main``: one message, exit 1 (2 for usage), no traceback unless --debug.
"""
from __future__ import annotations

import argparse
import errno
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import InputError, TimelineError, UsageError

if TYPE_CHECKING:
    from .project import Project


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # usage errors: exit 2, one line
        raise UsageError(f"{self.prog}: {message}")


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (0 to 65535; 0: any "
                                         "free port)")
    return port


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not value >= 0:   # also refuses nan, which would wait forever
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds (0 or more)")
    return value


def _given(text: str) -> str:
    """A folder, file, name or address that must not be empty: `--root "$DIR"` with DIR
    unset ran on the current folder, `--out ""` wrote the default site/, `--host ""`
    listened on every network interface, `--source ""` wrote an article without outlet."""
    if not text.strip():
        raise argparse.ArgumentTypeError("is empty (an unset variable in a script?)")
    return text


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of processes (1 or more)")
    return value


def _base_url(text: str) -> str:
    """--base-url checked as the build will read it (timeline.site.urls), while parsing:
    a wrong value is a usage error (exit 2) before the lock or any page is written.
    Empty is the site root (what the Pages workflow passes for a user site)."""
    from .errors import ConfigError
    from .site.urls import parse_base_url
    try:
        parse_base_url(text)
    except ConfigError as exc:
        raise argparse.ArgumentTypeError(exc.message) from None
    return text


def _article_url(text: str) -> str:
    """--url as `timeline check` will want it in the article: an http(s) address."""
    from .ingest.pipeline import url_problem
    text = text.strip()
    why = url_problem(text)
    if why:
        raise argparse.ArgumentTypeError(why)
    return text


def _dct(text: str) -> str:
    """--dct checked while parsing (exit 2, nothing tagged or written), with the reason
    a date is not real ("February 2019 has 28 days")."""
    from .timeml import dct_problem
    why = dct_problem(text)
    if why:
        raise argparse.ArgumentTypeError(f"document creation time {why}")
    return text


def _written_path(filename) -> str:
    """The file a failed write was for: every write goes through a temporary file
    ``.<name>.<pid>-<n>.tmp`` beside it (timeline.atomic), a name that means nothing to a
    user whose folder is read-only."""
    path = Path(str(filename))
    name = path.name
    if name.startswith(".") and name.endswith(".tmp"):
        stem, dot, counter = name[1:-4].rpartition(".")
        if dot and "-" in counter and counter.replace("-", "").isdigit():
            return str(path.with_name(stem))
    return str(filename)


def _project(args) -> Project:
    from .project import Project    # not at import: `timeline tag` works on files, not a project
    root = Path(args.root).resolve()
    if args.root_is_default:
        return Project.enclosing(root)
    if not root.is_dir():           # a mistyped --root: the command line
        raise UsageError(f"--root {args.root}: no such project folder; run `timeline init "
                         "DIR` to make one, or pass the project's folder")
    return Project(root)


# --------------------------------------------------------------------------- commands

def cmd_init(args) -> int:
    from .scaffold import init_project
    target = Path(args.dir)
    if not target.is_absolute():
        target = Path(args.root) / target
    for line in init_project(target):
        print(line)
    return 0


def _exclusive(project: Project, args, command: str, scratch: tuple[Path, ...] = ()):
    """One writer per project (see timeline.lock); notes about a killed predecessor to stderr."""
    from .lock import exclusive_run
    return exclusive_run(project, wait=args.wait, command=command, scratch=scratch,
                         notify=lambda note: print(note, file=sys.stderr))


def cmd_ingest(args) -> int:
    from .ingest.pipeline import check_url_option, ingest_paths
    check_url_option(args.url, args.files)      # before the lock
    project = _project(args)
    with _exclusive(project, args, "ingest"):
        report = ingest_paths(project, args.files, force=args.force, source=args.source,
                              url=args.url, show_removed=args.show_removed)
    for line in report.lines():   # per article, then refusals (each naming its file), then the summary
        print(line)
    return report.exit_code


def cmd_extract(args) -> int:
    from .extract import run_extract
    project = _project(args)
    with _exclusive(project, args, "extract"):
        report = run_extract(project, jobs=args.jobs, progress=not args.quiet)
    for line in report.lines():
        print(line)
    return report.exit_code


def cmd_check(args) -> int:
    from .check import run_check
    project = _project(args)
    project.require()        # else a wrong folder reads as "site config not found"
    report = run_check(project, strict=args.strict)
    for line in report.lines():
        print(line)
    return report.exit_code


def cmd_build(args) -> int:
    from .site import build_site
    project = _project(args)
    out = Path(args.out).resolve() if args.out else project.default_out
    why = project.output_problem(out)
    if why:
        if args.out:
            raise UsageError(f"--out {args.out}: {why}; choose another folder, e.g. --out site")
        raise InputError(f"the build's output folder {why}; move it away", path=out)
    from .site.load import cache_dir
    with _exclusive(project, args, "build", scratch=(out, cache_dir(project))):
        report = build_site(project, out=out, base_url=args.base_url, hold=args.hold)
    for line in report.lines():
        print(line)
    return 0


def cmd_serve(args) -> int:
    from .serve import serve
    serve(_project(args), port=args.port, host=args.host)
    return 0


def cmd_tag(args) -> int:
    from .timeml import tag_files
    for line in tag_files(args.files, dct=args.dct, place=args.place, fmt=args.format,
                          out=Path(args.out) if args.out else None):
        print(line, file=sys.stderr if line.startswith("warning:") else sys.stdout)
    return 0


def cmd_eval(args) -> int:
    from .evaluate import evaluate_dirs, format_scores
    scores = evaluate_dirs(Path(args.gold), Path(args.system),
                           errors_tsv=Path(args.errors) if args.errors else None)
    print(format_scores(scores, as_json=args.json))
    return 0


# --------------------------------------------------------------------------- parser

def build_parser() -> argparse.ArgumentParser:
    # SUPPRESS: a sub-command's own default must not undo `timeline --root DIR COMMAND`;
    # the real defaults are filled in once by parse_cli below.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--root", type=_given, default=argparse.SUPPRESS,
                        help="project folder (default: the current folder, or the project "
                        "it is inside, as in content/events/)")
    common.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                        help="show tracebacks")
    locking = argparse.ArgumentParser(add_help=False)
    locking.add_argument("--wait", type=_seconds, default=30.0, metavar="SECONDS",
                         help="how long to wait for another run on this project (default 30)")

    parser = _Parser(prog="timeline", parents=[common],
                     description="Turn news articles into a static, hand-editable timeline site.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("init", parents=[common], help="scaffold a new timeline project")
    p.add_argument("dir", type=_given, help="folder for the new project (made if missing; no file in it is "
                   "ever overwritten)")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("ingest", parents=[common, locking],
                       help="raw .txt/.md/.html/.jsonl articles -> content/articles/*.md")
    p.add_argument("files", nargs="+", help="files, folders, or - for standard input")
    p.add_argument("--force", action="store_true", help="overwrite an existing article")
    p.add_argument("--source", type=_given, metavar="NAME",
                   help="the outlet, when the text does not name it (e.g. \"The Star\")")
    p.add_argument("--url", type=_article_url,
                   help="the article's address (with exactly one input file)")
    p.add_argument("--show-removed", action="store_true",
                   help="list every line taken out of the text (boilerplate, captions, ...)")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("extract", parents=[common, locking],
                       help="articles -> content/events/*.yaml, merged with hand edits")
    p.add_argument("--jobs", type=_jobs, default=1, metavar="N",
                   help="articles processed in N parallel processes (default 1; same output "
                   "for any N)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("check", parents=[common],
                       help="validate every YAML file and audit events against their sources")
    p.add_argument("--strict", action="store_true", help="unknown keys are errors")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("build", parents=[common, locking], help="render the static site")
    p.add_argument("--out", type=_given, help="output folder (default: site/)")
    p.add_argument("--base-url", type=_base_url,
                   help="path or URL the site is served from, e.g. /repo/")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("serve", parents=[common], help="local preview with live reload")
    p.add_argument("--port", type=_port, default=8000, help="0: any free port (default 8000)")
    p.add_argument("--host", type=_given, default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1: this machine only)")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("tag", parents=[common], help="find and resolve time expressions")
    p.add_argument("files", nargs="+", help="TimeML (.tml, .TE3input), text or Markdown files, "
                   "or folders of them")
    p.add_argument("--dct", type=_dct, help="document creation time (ISO date) for plain text, "
                   "and for TimeML files that have none")
    p.add_argument("--place", type=_given, help="dateline place for 'local time' (e.g. Hanoi)")
    p.add_argument("--format", choices=("timeml", "json"), default="timeml",
                   help="timeml: the input with TIMEX3 tags (default); json: each expression "
                   "with offsets, value and zone")
    p.add_argument("--out", type=_given,
                   help="output folder (default: print to standard output)")
    p.set_defaults(func=cmd_tag)

    p = sub.add_parser("eval", parents=[common], help="TempEval-3 TIMEX3 scores, gold vs system")
    p.add_argument("gold", help="folder (or file) of gold TimeML annotations")
    p.add_argument("system", help="folder (or file) of the system's TimeML, matched to gold by "
                   "file name")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")
    p.add_argument("--errors", type=_given, metavar="FILE.tsv", help="write every miss, false alarm and "
                   "wrong span/type/value as TSV")
    p.set_defaults(func=cmd_eval)
    return parser


def parse_cli(argv: list[str]) -> argparse.Namespace:
    """Parse ``argv``; --root/--debug may come before or after the sub-command."""
    args = build_parser().parse_args(argv)
    args.root_is_default = not hasattr(args, "root")
    for name, default in (("root", "."), ("debug", False)):
        if not hasattr(args, name):
            setattr(args, name, default)
    return args


def main(argv: list[str] | None = None, hold: list | None = None) -> int:
    if argv is None:      # the program itself (console script, python -m): it ends on return
        held: list = []
        code = main(sys.argv[1:], held)
        # A build leaves ~100k objects in cycles (event views link to their neighbours
        # and articles); the collector would trace them at exit (~0.1 s at 10k events)
        # only to free memory the OS takes back anyway.
        import gc
        gc.freeze()
        if held:          # a build's data (build_site's hold): end without freeing it
            for stream in (sys.stdout, sys.stderr):    # object by object (0.1-0.2 s)
                try:
                    stream.flush()
                except (OSError, ValueError):
                    pass
            import os
            os._exit(code)
        return code
    debug = "--debug" in argv
    try:
        args = parse_cli(argv)
        args.hold = hold      # where a build leaves its data (see the program path above)
        if not getattr(args, "func", None):
            build_parser().print_help()
            return 2
        return args.func(args)
    except TimelineError as exc:
        if debug:
            raise
        print(f"error: {exc}" if exc.path is None and not hasattr(exc, "problems") else str(exc),
              file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt as exc:   # Ctrl-C; a command may say what it kept ("nothing written")
        print(f"interrupted; {exc}" if str(exc) else "interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into `head` and closed: not an error
        return 0
    except OSError as exc:  # the file system refused (permissions, disk full, ...)
        if debug:
            raise
        where = f"{_written_path(exc.filename)}: " if exc.filename else ""
        print(f"error: {where}{exc.strerror or exc}; {_os_error_hint(exc)}", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug in timeline: say so, never swallow it silently
        if debug:
            raise
        print(f"internal error: {type(exc).__name__}: {exc}\nThis is a bug in timeline, not in "
              "your files. Run the command again with --debug for the traceback and report it.",
              file=sys.stderr)
        return 70  # EX_SOFTWARE (sysexits.h)


def _os_error_hint(exc: OSError) -> str:
    if isinstance(exc, IsADirectoryError):
        return "a folder is where a file is expected: rename or remove it"
    if isinstance(exc, NotADirectoryError):
        return "a file is where a folder is expected: rename or remove it"
    if isinstance(exc, PermissionError):
        return "check the permissions of the path"
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    return "check that the path exists and is writable"


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
