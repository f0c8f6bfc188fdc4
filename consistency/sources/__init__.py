"""Sources: files and folders → Source objects, one per article.

A broken file must never cost the others their results, so every failure
(unreadable, binary, undecodable, too large, malformed metadata, a bad JSONL
line) becomes a Source carrying its problem instead of an exception.
"""

from __future__ import annotations

import fnmatch
import functools
import os
import stat
from pathlib import Path
from collections.abc import Iterator

from consistency.sources.suffixes import HTML_SUFFIXES, SOURCE_SUFFIXES

TYPE_CHECKING = False  # as typing's, without importing typing: a re-run on an unchanged corpus needs none of it
if TYPE_CHECKING:
    from typing import Any

    from consistency.sources.model import Source

__all__ = ["Source", "discover", "discover_files", "load", "load_file", "read_file", "display_path", "SOURCE_SUFFIXES",
           "MAX_BYTES", "SIDECAR"]

MB = 1024 * 1024
MAX_BYTES = 20 * MB
SIDECAR = "sources.yaml"
_BROKEN = "\x00broken"  # key under which a sidecar's own problem is kept
_READ = os.O_RDONLY | getattr(os, "O_BINARY", 0)  # no line-end translation on Windows


def __getattr__(name: str) -> Any:
    """`Source` is imported when first asked for: finding files and
    telling which changed (a re-run on an unchanged corpus) makes none."""
    if name == "Source":
        from consistency.sources.model import Source

        return Source
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def discover(paths: list[Path], include: list[str] = (), exclude: list[str] = ()  # type: ignore[assignment]
             ) -> tuple[list[Path], list[Source]]:
    """Expand folders (recursively, without following links to folders) into
    source files, filtered by glob; a path that does not exist becomes a
    source with a problem. Sorted by (stem, path)."""
    files, broken = discover_files(paths, include, exclude)
    return [Path(f) for f in files], broken


def discover_files(paths: list[Path], include: list[str] = (), exclude: list[str] = ()  # type: ignore[assignment]
                   ) -> tuple[list[str], list[Source]]:
    """discover, each file's path as a string, as str(Path) gives it: a
    caller that only stats most files (a re-run on an unchanged corpus)
    builds no Path for them. The order's keys are worked out from the names
    the walk gives: pathlib would parse each path again."""
    found: list[tuple[tuple[str, str], str | None]] = []  # ((stem, file), where it really is when known)
    broken: list[Source] = []
    unreadable: list[tuple[str, str]] = []  # folders that could not be listed, and why
    for p in paths:
        if p.is_dir():
            for root, dirs, names, links in _walk(p, unreadable):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                base = Path(root)
                rel_dir = base.relative_to(p).as_posix()
                prefix = "" if str(base) == "." else os.path.join(str(base), "")  # str(base / n) is prefix + n
                real_dir: str | None = None  # with a trailing separator, once known
                for n in sorted(names):
                    if n.startswith(".") or not n.lower().endswith(SOURCE_SUFFIXES):
                        continue
                    if include or exclude:
                        rel = n if rel_dir == "." else f"{rel_dir}/{n}"
                        if include and not any(fnmatch.fnmatch(rel, g) or fnmatch.fnmatch(n, g) for g in include):
                            continue
                        if any(fnmatch.fnmatch(rel, g) or fnmatch.fnmatch(n, g) for g in exclude):
                            continue
                    real = None
                    if n not in links:  # not a link itself: it is where its folder really is
                        if real_dir is None:
                            real_dir = _resolved(base)
                        if real_dir is not None:
                            real = real_dir + n
                    else:
                        outside = _leads_outside(base / n, p)
                        if outside is not None:
                            broken.append(outside)
                            continue
                    # the stem as pathlib's: the name has a source suffix and does not start with a dot
                    found.append(((n[:n.rfind(".")], prefix + n), real))
        elif p.exists() or p.is_symlink():
            found.append(((p.stem, str(p)), None))
        else:
            from consistency.sources.model import Source

            broken.append(Source(p.stem, p.as_posix(), errors=[f"{p}: no such file or folder"]))
    if unreadable:
        from consistency.sources.model import Source

        for folder, why in unreadable:
            shown = display_path(Path(folder))
            broken.append(Source(Path(folder).name or shown, shown, errors=[
                f"this folder cannot be read ({why}), so none of its files were checked; make it readable "
                "or leave it out of the paths"]))
    unique: dict[str, tuple[str, str]] = {}
    for order, real in reversed(found):  # the first of several names for one file is kept
        if real is None:
            try:
                real = str(Path(order[1]).resolve())
            except (OSError, RuntimeError):  # a link loop resolves to nothing; keep it to report it
                real = str(Path(order[1]).absolute())
        unique[real] = order
    return [f for _, f in sorted(unique.values())], broken


def _walk(top: str | Path, unreadable: list[tuple[str, str]]) -> Iterator[tuple[str, list[str], list[str], set[str]]]:
    """os.walk (top down, links to folders listed but not followed), also
    saying which names are links: a file that is not a link needs no
    resolving to tell whether it was seen before. A folder that cannot be
    listed is added to `unreadable` with the reason: its files are not
    checked, and the report must say so. A stack, not recursion: a tree
    1,200 folders deep is legal."""
    stack = [os.fspath(top)]
    while stack:
        root = stack.pop()
        try:
            with os.scandir(root) as it:
                entries = list(it)
        except OSError as exc:
            unreadable.append((root, exc.strerror or str(exc)))
            continue
        dirs: list[str] = []
        names: list[str] = []
        links: set[str] = set()
        for entry in entries:
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            (dirs if is_dir else names).append(entry.name)
            try:
                if entry.is_symlink():
                    links.add(entry.name)
            except OSError:
                links.add(entry.name)  # unknown: resolve it
        yield root, dirs, names, links  # the caller may prune and order `dirs`
        subs = [os.path.join(root, d) for d in dirs]
        stack += reversed([sub for sub in subs if not os.path.islink(sub)])


def _leads_outside(link: Path, top: Path) -> Source | None:
    """A source saying why a link found inside the folder `top` is not read,
    when it leads to a file outside that folder: a pull request can add a
    link to a secret anywhere the checker may read (`~/.ssh/…`), and the
    report would quote it. A file named on the command line is read wherever
    it is."""
    try:
        target = link.resolve()
        inside = target.is_relative_to(top.resolve())
    except (OSError, RuntimeError):  # a loop: read_file says so
        return None
    if inside:
        return None
    from consistency.sources.model import Source

    return Source(link.stem, display_path(link), errors=[
        f"a symbolic link to a file outside {display_path(top)}/ ({target.as_posix()}), so it was not read; copy the "
        "file in, or name it on the command line"])


def _resolved(folder: Path) -> str | None:
    """Where the folder really is, ending with a separator: a name added is a path."""
    try:
        return os.path.join(folder.resolve(), "")
    except (OSError, RuntimeError):
        return None


def read_file(path: Path, max_bytes: int = MAX_BYTES) -> bytes | Source:
    """The file's bytes, or a source saying why they cannot be read (not a
    regular file, too large, unreadable)."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return _unreadable(path, "not a regular file (a pipe, socket or device); only files are read")
        if info.st_size > max_bytes:
            return _unreadable(path, f"larger than the {max_bytes / MB:g} MB limit ({info.st_size / MB:.1f} MB); "
                                     "split it or raise --max-size")
        return _read_all(path, info.st_size)
    except FileNotFoundError:
        try:
            target = os.readlink(path)
        except OSError:  # not a link: the file itself went
            return _unreadable(path, "vanished before it could be read")
        return _unreadable(path, f"a symbolic link to {target}, which does not exist; fix the link or remove it")
    except OSError as exc:
        return _unreadable(path, f"cannot read: {exc.strerror or exc}")


def _unreadable(path: Path, why: str) -> Source:
    from consistency.sources.model import Source

    return Source(path.stem, display_path(path), errors=[why])


def _read_all(path: Path, size: int) -> bytes:
    """Every byte, to the end even if the file grew since it was stat'ed:
    os.read of the size stat gave (and a byte more); io's buffered reader
    would ask the size again and cost twice as much on a small file."""
    fd = os.open(path, _READ)
    try:
        first = os.read(fd, size + 1)
        if len(first) <= size:  # a short read of a regular file is its end
            return first
        chunks = [first]
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def load_file(path: Path, max_bytes: int = MAX_BYTES, raw: bytes | None = None) -> list[Source]:
    """Every source in one file (a JSONL file holds many). `raw`: its bytes,
    when the caller has read them already (read_file), so a file is read once."""
    if raw is None:
        got = read_file(path, max_bytes)
        if not isinstance(got, bytes):
            return [got]
        raw = got
    split_digest, from_text, DecodeError, decode, read, Source = _parsing()
    where = os.path.dirname(path)
    shown = _display(path, where)
    try:
        text, how = decode(raw)
    except DecodeError as exc:
        return [Source(path.stem, shown, errors=[str(exc)])]
    if not text or text.isspace():  # as `not text.strip()`, without copying the text
        return [Source(path.stem, shown, errors=["empty"])]
    sources = [a for s in read(path, shown, text) for a in (split_digest(s) if not s.errors else [s])]
    folder = _sidecar(where)
    side = (folder.get(path.name) or folder.get(path.stem) or {}) if folder else {}
    for src in sources:
        src.encoding = how
        if _BROKEN in folder:
            src.warnings.append(folder[_BROKEN])
        if side and not src.errors:
            _apply_sidecar(src, side, html=path.suffix.lower() in HTML_SUFFIXES)
        if src.published is None and not src.errors:
            src.published, src.published_from = from_text(src.text)
    return sources


@functools.cache
def _parsing() -> tuple[Any, ...]:
    """What load_file parses with, imported when the first file is parsed
    (a re-run on an unchanged corpus discovers files and parses none), and
    looked up once: five imports in load_file cost 2 us a file."""
    from consistency.sources.dating import from_text
    from consistency.sources.decode import DecodeError, decode
    from consistency.sources.digest import split
    from consistency.sources.formats import read
    from consistency.sources.model import Source

    return split, from_text, DecodeError, decode, read, Source


def load(path: Path, max_bytes: int = MAX_BYTES) -> Source:
    """The single source of a plain file (tests and tools)."""
    return load_file(path, max_bytes)[0]


_SIDECARS: dict[tuple[int, int, int, int], dict[str, Any]] = {}


def _sidecar(folder: str) -> dict[str, Any]:
    """`sources.yaml` beside plain files: metadata without editing them.
    Parsed once per version of the file, known by its device, inode, size
    and modification time: one stat per source file finds it, with no
    resolving of the folder (which costs a system call per path component).
    Each entry that is a mapping keeps, under _LINE, the line of its
    `published:` key (for a warning); one that is not a mapping becomes its
    warning (under _BROKEN_ENTRY)."""
    f = os.path.join(folder, SIDECAR)
    if not os.access(f, os.F_OK):  # most folders have none: no exception raised and caught for each file
        return {}
    try:
        info = os.stat(f)
    except OSError:
        return {}
    if not stat.S_ISREG(info.st_mode):
        return {_BROKEN: f"{SIDECAR} is not a file (a folder?), so no metadata was taken from it"}
    key = (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)
    if key not in _SIDECARS:
        _SIDECARS[key] = _read_sidecar(f)
    return _SIDECARS[key]


def _read_sidecar(f: str) -> dict[str, Any]:
    """A sidecar's entries, or its problem under _BROKEN (safe YAML: no alias
    bomb, no date that does not exist, no nesting that recurses)."""
    from consistency.safeyaml import YamlProblem, parse, position
    from consistency.sources.formats import YAML_KIND

    try:
        with open(f, encoding="utf-8") as fh:
            data, root = parse(fh.read(), kind=YAML_KIND)
    except (YamlProblem, OSError, UnicodeDecodeError) as exc:
        where = f" (line {exc.line})" if isinstance(exc, YamlProblem) else ""
        why = exc.message.removeprefix("not valid YAML: ") if isinstance(exc, YamlProblem) else exc
        return {_BROKEN: f"{SIDECAR}{where} could not be read, so its metadata was not applied: {why}"}
    if data is None:
        return {}
    if not isinstance(data, dict) or root is None:
        return {_BROKEN: f"{SIDECAR} is not a mapping of file names"}
    entries: dict[str, Any] = {}
    for name, meta in data.items():
        line = position(root, (str(name),))[0]
        if isinstance(meta, dict):
            entries[str(name)] = {**meta, _LINE: position(root, (str(name), "published"))[0]}
        else:
            entries[str(name)] = {_BROKEN_ENTRY: f"{SIDECAR} line {line}: the entry for `{name}` is not a mapping "
                                                 "of keys (title: …, published: …), so it was not applied"}
    return entries


_LINE = "\x00line"  # where a sidecar entry's `published:` stands
_BROKEN_ENTRY = "\x00broken entry"  # a sidecar entry that is not a mapping


def _apply_sidecar(src: Source, meta: dict[str, Any], html: bool) -> None:
    if _BROKEN_ENTRY in meta:
        src.warnings.append(meta[_BROKEN_ENTRY])
        return
    for key in ("title", "outlet", "url", "author"):
        if meta.get(key) is not None and (getattr(src, key) is None or html):
            setattr(src, key, str(meta[key]))
    if meta.get("published") is not None and (src.published is None or src.published_from == "HTML metadata"):
        from consistency.sources.dating import parse

        date = parse(meta["published"])
        if date is not None:
            src.published, src.published_from = date, SIDECAR
        else:
            src.warnings.append(f"{SIDECAR} line {meta[_LINE]}: `published: {meta['published']}` is not a date; "
                                "write it as 2025-06-12")


def display_path(path: Path) -> str:
    """Paths in reports are relative to where the tool runs, so reports are
    the same on every machine. Worked out once per folder (and working
    folder): pathlib's relative_to costs more than reading a small file."""
    return _display(path, os.path.dirname(path))


def _display(path: Path, folder_name: str) -> str:
    """display_path, given os.path.dirname(path)."""
    cwd, name = os.getcwd(), path.name
    folder = _shown_folder(cwd, folder_name) if name else None
    if folder is not None:
        return name if folder == "." else folder + name if folder.endswith("/") else f"{folder}/{name}"
    if name and os.fspath(path) != cwd:  # outside the working folder (getcwd's path is normalised, as pathlib's)
        return path.as_posix()
    return _inside(path, cwd) or path.as_posix()  # `.`, `/`, or the working folder itself


@functools.lru_cache(maxsize=1024)
def _shown_folder(cwd: str, folder: str) -> str | None:
    """display_path of a folder named as os.path.dirname names it ("" for
    `.`), or None when it is not inside `cwd`."""
    return _inside(Path(folder), cwd)


def _inside(path: Path, cwd: str) -> str | None:
    try:
        return (path if path.is_absolute() else Path(cwd, path)).relative_to(Path(cwd)).as_posix()
    except ValueError:
        return None
