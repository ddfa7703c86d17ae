"""Writing the site: one file at a time (nothing is held in memory), atomically,
skipping files whose bytes did not change, and removing pages that no longer exist.

A manifest of what the previous build wrote (path -> fingerprint of the page's
inputs) lives in the project's git-ignored cache folder, not in the published site.
A page whose fingerprint is unchanged and whose file is still there is not even
rendered again: that is what makes a rebuild after one edit fast.

Files are written to a temporary name and renamed into place, so a build killed
half-way leaves every file either old or new, never half-written. Site files are
not fsync'ed one by one (they can always be rebuilt); the manifest is written last,
so an interrupted build re-renders what it had not recorded. A cold build (no output
folder yet) writes into a hidden staging folder beside it instead, every file straight
to its name, and renames the whole folder into place at the end (see Staging).
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

from ..atomic import replace_bytes, write_all
from ..errors import TimelineError


MANIFEST_VERSION = 1


class FileWriter:
    """Atomic, non-durable writes of site files with as few system calls as possible
    (a cold 10k-event build writes 10k pages, and the kernel time per file counted more
    than rendering): a folder is made once; in a folder this build just made there is no
    old file to compare with; the bytes go through store.replace_bytes (temporary file,
    rename) without an fsync. Returns False (and
    touches nothing) when the file already holds exactly these bytes."""

    def __init__(self, out: Path, fresh: bool = False):
        self.root = str(out)
        self.prefix = f"{out}{os.sep}"
        self.fresh = fresh               # a staging folder: no file is there before we write it
        self.seen: set[str] = set()      # folders known to exist
        self.made: set[str] = set()      # ... of which this build made these

    def _folder(self, folder: str) -> None:
        try:
            os.mkdir(folder)
            self.made.add(folder)
        except FileExistsError:
            pass
        except FileNotFoundError:
            os.makedirs(folder, exist_ok=True)
            self.made.add(folder)
        self.seen.add(folder)

    def put(self, rel: str, data: bytes) -> bool:
        path = self.prefix + rel
        head, _, name = rel.rpartition("/")          # rel: "events/x/index.html"
        folder = self.prefix + head if head else self.root
        if folder not in self.seen:
            self._folder(folder)
        if self.fresh:
            _write_new(path, data)
            return True
        if folder not in self.made:
            try:
                with open(path, "rb") as fh:
                    if fh.read() == data:
                        return False
            except FileNotFoundError:
                pass
        replace_bytes(path, data, durable=False)
        return True


_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)


def _write_new(path: str, data: bytes) -> None:
    """A new file straight to its name (in a staging folder no reader sees yet)."""
    fd = os.open(path, _NEW_FILE, 0o666)
    try:
        write_all(fd, data)
    finally:
        os.close(fd)


class Staging:
    """Where a cold build writes: ``out`` does not exist yet, so the build fills a hidden
    folder beside it and renames that into place when the site is complete. A killed cold
    build then leaves no half-built site (only the staging folder, which the next build
    into ``out`` removes), and each page costs the kernel one directory entry instead of
    two (no temporary file renamed into place; bench/site_io.py measures it alone: a
    tenth less at most on this disk). ``stage(out)`` is None when ``out``
    exists: a rebuild writes file by file, each atomically (FileWriter)."""

    PREFIX = ".building-"

    def __init__(self, out: Path):
        self.out = out
        self.folder = out.parent / f".{out.name}{self.PREFIX}{os.getpid()}"

    @classmethod
    def stage(cls, out: Path) -> "Staging | None":
        if os.path.lexists(out) or (os.path.lexists(out.parent) and not out.parent.is_dir()):
            return None                      # (a file where a folder should be: FileWriter says so)
        out.parent.mkdir(parents=True, exist_ok=True)
        cls.sweep(out)
        staging = cls(out)
        os.mkdir(staging.folder)
        return staging

    @classmethod
    def sweep(cls, out: Path) -> None:
        """Remove the staging folders of killed builds into ``out``: their process is gone,
        or it had this process's number (no live process but this one can have it)."""
        prefix = f".{out.name}{cls.PREFIX}"
        for name in os.listdir(out.parent):
            pid = name[len(prefix):]
            if name.startswith(prefix) and pid.isdigit() and (
                    int(pid) == os.getpid() or not _running(int(pid))):
                shutil.rmtree(out.parent / name, ignore_errors=True)

    def publish(self) -> None:
        """The complete site into place (an empty ``out`` made meanwhile is replaced)."""
        try:
            os.rename(self.folder, self.out)
        except OSError as exc:           # named by the hidden folder, which the caller removes
            if not os.path.isdir(self.out):
                raise
            raise TimelineError("was made and filled by something else during this first build "
                                "(nothing of it was changed); build again to update it",
                                path=self.out) from exc

    def abandon(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def content_fp(data: bytes) -> str:
    """A file's fingerprint when it is not a page: its bytes'."""
    return hashlib.blake2b(data, digest_size=12).hexdigest()


def fingerprint(*parts: object) -> str:
    """A short stable hash of a page's inputs (their repr must be deterministic)."""
    return hashlib.blake2b(repr(parts).encode("utf-8"), digest_size=12).hexdigest()


class SiteWriter:
    """Writes files under ``out``; ``finish()`` prunes stale pages and saves the manifest."""

    def __init__(self, out: Path, manifest_path: Path, staging: Staging | None = None):
        self.out = Path(out)
        self.prefix = f"{self.out}{os.sep}"     # str paths in the per-page checks: no Path objects
        self.files = (FileWriter(staging.folder, fresh=True) if staging is not None
                      else FileWriter(self.out))
        self.manifest_path = Path(manifest_path)
        self.previous = self._load_manifest()
        # A build that stopped midway (killed, or failed on a later page) wrote pages of its
        # own inputs that the manifest, still the build's before, would vouch for if the
        # inputs went back to those it lists: a marker left until finish() says so, and
        # then the manifest only tells which files to prune, no page is taken as current.
        self.marker = Path(f"{self.manifest_path}.building")
        self.trusted = not self.marker.exists()
        self.marker.parent.mkdir(parents=True, exist_ok=True)
        self.marker.touch()
        self.current: dict[str, str] = {}
        self.written = 0
        self.unchanged = 0
        self.skipped = 0
        self.removed = 0

    def _load_manifest(self) -> dict[str, str]:
        try:
            data = json.loads(self.manifest_path.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return {}
        if data.get("version") != MANIFEST_VERSION or data.get("out") != str(self.out):
            return {}
        return dict(data.get("files", {}))

    def is_current(self, rel: str, fp: str) -> bool:
        """True (and the page is kept as it is) when its inputs did not change since last build."""
        if self.trusted and self.previous.get(rel) == fp and os.path.isfile(f"{self.prefix}{rel}"):
            self.current[rel] = fp
            self.skipped += 1
            return True
        return False

    def write(self, rel: str, data: str | bytes, fp: str | None = None) -> None:
        if isinstance(data, str):
            data = data.encode("utf-8")
        fp = fp or content_fp(data)
        self.record(rel, fp, self.files.put(rel, data))

    def record(self, rel: str, fp: str, written: bool) -> None:
        """Note a file written (or found unchanged) by this build, here or in a worker."""
        self.current[rel] = fp
        if written:
            self.written += 1
        else:
            self.unchanged += 1

    def finish(self) -> None:
        """Remove files the previous build wrote and this one did not; save the manifest."""
        for rel in sorted(set(self.previous) - set(self.current)):
            path = self.out / rel
            try:
                path.unlink()
                self.removed += 1
            except FileNotFoundError:
                continue
            parent = path.parent
            while parent != self.out and parent.is_dir() and not any(parent.iterdir()):
                parent.rmdir()
                parent = parent.parent
        self.manifest_path.parent.mkdir(parents=True, exist_ok=True)
        data = {"version": MANIFEST_VERSION, "out": str(self.out),
                "files": dict(sorted(self.current.items()))}
        text = json.dumps(data, separators=(",", ":"))   # dumps: the C encoder, dump is not
        replace_bytes(str(self.manifest_path), text.encode("utf-8"), durable=False)
        self.marker.unlink(missing_ok=True)
