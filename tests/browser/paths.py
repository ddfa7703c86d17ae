"""Where the browser tests find things (importable by the tests and their conftest)."""
from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"          # screenshots (git-ignored)
# the project whose site `demo_site` builds: the repository's demo unless told otherwise
DEMO_ROOT = Path(os.environ.get("TIMELINE_BROWSER_DEMO", REPO))
CHROMIUM = Path(os.environ.get("TIMELINE_CHROMIUM", "/usr/bin/chromium"))
