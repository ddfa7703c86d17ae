"""The slug the site gives a tag, person or place name in its page address
(tags/<slug>/, people/<slug>/). Its own light module: `timeline check` compares
spellings by it without loading the site package (Jinja, the build's stages)."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


@lru_cache(maxsize=1 << 16)          # unique_slugs and views.slug_clashes ask for each name
def slugify(name: str) -> str:
    """A readable, file-system-safe slug: "Kim Jong Un" -> "kim-jong-un"; keeps letters
    of any script ("Hà Nội" -> "ha-noi", "金正恩" -> "金正恩")."""
    text = unicodedata.normalize("NFKD", str(name))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[^\w]+", "-", text.lower(), flags=re.UNICODE).strip("-_")
    return text[:80] or "x"
