"""Stable identities for findings.

A baseline entry, a SARIF alert and a "new since last run" line must all
recognise the same disagreement after unrelated edits to the sources, so the
identity is built from what the disagreement *is* (the slot, the normalised
values, the source ids, the quoted sentences), never from line numbers.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable

from consistency.model import Claim, Finding
from consistency.values import describe


def claim_key(c: Claim, described: str | None = None) -> tuple[str, str, str]:
    """(source, normalised value, quote with white space folded); `described`:
    the value's describe(), when the caller already has it."""
    return (c.source, describe(c.value) if described is None else described, " ".join(c.quote.split()))


# what json.dumps(ensure_ascii=False, separators=(",", ":")) makes anew for every call: SARIF hashes each
# conflicting claim on its own, and building the encoder was a fifth of that
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def fingerprint(slot: str, keys: Iterable[tuple[str, str, str]]) -> str:
    body = _ENCODER.encode([slot, sorted(set(keys))])
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:20]


def of_finding(f: Finding, claims: dict[str, Claim]) -> str:
    return fingerprint(f.slot, (claim_key(claims[i]) for i in f.claims))
