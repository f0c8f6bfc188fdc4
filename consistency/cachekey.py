"""The key that makes a cache this machine's own.

A cache file is data anyone can write: `.consistency-cache/` copied into a
checkout (a pull request can add it) turned exit 1 into exit 0 and 19
drones into 7, because every key in it could be recomputed. So each cache
is bound to a secret that never lives in a repository: 32 random bytes made
at first use under the user's cache directory (`$XDG_CACHE_HOME/consistency/`,
else `~/.cache/consistency/`), readable by the user alone. Every entry and
finished run is kept with a MAC under a key derived from that secret and
the cache folder's absolute path, so a cache made on another machine, in
another checkout or by hand is told apart and rebuilt, never believed.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from pathlib import Path

SECRET_BYTES = 32


class NoSecret(Exception):
    """The secret cannot be made or read: the run goes without the cache."""


def secret_path() -> Path:
    base = os.environ.get("XDG_CACHE_HOME")
    if base and os.path.isabs(base):
        return Path(base) / "consistency" / "secret"
    try:
        return Path.home() / ".cache" / "consistency" / "secret"
    except RuntimeError:  # no home directory to be found
        raise NoSecret("no home directory, and XDG_CACHE_HOME is not set") from None


def secret() -> bytes:
    """This user's secret, made on first use. A file of another size than
    a secret (truncated, or not ours) is replaced."""
    path = secret_path()
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            data = b""
        if len(data) == SECRET_BYTES:
            return data
        return _make(path, replace=bool(data) or path.exists())
    except OSError as exc:
        raise NoSecret(f"{path.parent}: {exc.strerror or exc}") from None


def _make(path: Path, replace: bool) -> bytes:
    """A new secret, written whole to a file of its own first: two first runs
    at once keep one secret (os.link fails for the second, which reads the
    first's), and no run ever reads half a secret."""
    data = os.urandom(SECRET_BYTES)
    tmp = path.with_name(f".secret.{os.getpid()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, data)
    finally:
        os.close(fd)
    try:
        if replace:
            os.replace(tmp, path)
            return data
        try:
            os.link(tmp, path)
        except FileExistsError:
            got = path.read_bytes()
            if len(got) == SECRET_BYTES:
                return got
            os.replace(tmp, path)
        return data
    finally:
        if tmp.exists():
            tmp.unlink()


def cache_key(folder: Path) -> bytes:
    """The key for the cache in `folder`: this machine's secret and where the
    cache is (a cache copied from another checkout is not this one's)."""
    where = os.path.abspath(folder).encode("utf-8", "surrogateescape")
    return hmac.digest(secret(), b"consistency cache\0" + where, hashlib.sha256)


def mac(key: bytes, *parts: str | bytes) -> str:
    """A MAC over the parts, each framed by its length (so no two lists of
    parts give the same bytes)."""
    h = hmac.new(key, digestmod=hashlib.sha256)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        h.update(f"{len(data)}:".encode())
        h.update(data)
    return h.hexdigest()
