"""Source ids that no two sources share.

An id is a file's stem, a JSONL record's `id`, or a digest article's
`ID#N`, so two sources could have one: `sub/001.txt` beside `001.txt`, a
JSONL record named after a file. Their claims were then filed under one id
and merged, with no word said. Ids are handed out here in the run's order
(files by name, then path): the first source to ask keeps its id; a later
one is given its path as shown in the report (with `#line` for one of
several sources in a file), and a warning saying so. The order is the same
on every run, so are the ids.
"""

from __future__ import annotations

from dataclasses import replace

TYPE_CHECKING = False
if TYPE_CHECKING:
    from consistency.model import Claim
    from consistency.sources import Source


class Ids:
    """The ids given so far in a run, and whose they are."""

    def __init__(self) -> None:
        self.owner: dict[str, str] = {}  # id → the path of the source that has it

    def admit(self, sources: list[Source]) -> dict[str, str]:
        """Give each of one file's sources an id no source before it has
        (renaming it in place); old → new id for those renamed."""
        renamed: dict[str, str] = {}
        several = len(sources) > 1
        for src in sources:
            if src.id in self.owner:
                base = f"{src.path}#{src.line_base}" if several else src.path
                new, k = base, 2
                while new in self.owner:
                    new, k = f"{base}~{k}", k + 1
                src.warnings.append(f"its id `{src.id}` is {self.owner[src.id]}'s too, so it is `{new}` in this "
                                    "report; rename one of them to keep an id of your own")
                renamed[src.id] = new
                src.id = new
            self.owner[src.id] = src.path
        return renamed


def renamed_claims(claims: list[Claim], renamed: dict[str, str]) -> list[Claim]:
    """The claims of sources given another id, under their new id."""
    if not renamed:
        return claims
    return [replace(c, source=renamed[c.source]) if c.source in renamed else c for c in claims]


def renamed_mentions(mentioned: set[tuple[str, str]], renamed: dict[str, str]) -> set[tuple[str, str]]:
    if not renamed:
        return mentioned
    return {(slot, renamed.get(source, source)) for slot, source in mentioned}
