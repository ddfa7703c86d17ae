"""Running the timeline CLI of another git revision, for the side-by-side scripts
(first_run_ab.py, extract_ab.py): a `git worktree` checkout, removed at the end, and a
child process that runs that checkout's code with this checkout's virtualenv."""
from __future__ import annotations

import subprocess
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYTHON = REPO / ".venv" / "bin" / "python"
# The CLI from the revision on PYTHONPATH, refusing one imported from elsewhere. Run it
# with cwd=ROOT: "python -c" puts the current folder first on sys.path, before PYTHONPATH.
CHILD = ("import sys, timeline; from pathlib import Path; "
         "root = Path(sys.argv[1]).resolve(); "
         "Path(timeline.__file__).resolve().is_relative_to(root) or sys.exit('imported ' + timeline.__file__); "
         "from timeline.cli import main; sys.exit(main(sys.argv[2:]))")


def cli(root: Path, *args: str) -> list[str]:
    """The command that runs `timeline ARGS` with ``root``'s code (cwd and PYTHONPATH: root)."""
    return [str(PYTHON), "-c", CHILD, str(root), *args]


@contextmanager
def checkouts(revs: dict[str, str | None], tmp: str):
    """{side: folder of that side's code}: a worktree under ``tmp`` per revision, this
    checkout for None; the worktrees are removed on leaving."""
    roots, added = {}, []
    try:
        for side, rev in revs.items():
            if rev is None:
                roots[side] = REPO
                continue
            tree = Path(tmp, side)
            subprocess.run(["git", "worktree", "add", "--detach", "-q", str(tree), rev], cwd=REPO, check=True)
            roots[side] = tree
            added.append(tree)
        yield roots
    finally:    # check=False: a failed clean-up must not hide why we got here
        for tree in added:
            subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=REPO, check=False)
        subprocess.run(["git", "worktree", "prune"], cwd=REPO, check=False)
