"""What this copy of the tool is, for keys that must change when it does.

A cache entry or a kept report is only valid for the code that made it. The
version number changes with releases, not with every edit of a checkout, so
an entry written before a change to the extractors would be served after it
as if nothing had changed. The key therefore holds a digest of the package's
own source files as well (about 60 files, read once per run: under 2 ms).
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from consistency import __version__

_PACKAGE = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def build_key() -> str:
    """The version and a digest of every `.py` file of the package, by path and content."""
    h = hashlib.sha256(__version__.encode() + b"\0")
    for path in sorted(_PACKAGE.rglob("*.py")):
        h.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0")
        h.update(path.read_bytes() + b"\0")
    return f"{__version__}+{h.hexdigest()[:16]}"
