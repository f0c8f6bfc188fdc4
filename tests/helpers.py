"""Helpers shared by the command-line tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from consistency.cli import main


# A one-slot rule of our own: how many members the chess club has (SEVERITY: error, warning or info)
CLUB_RULE = """\
slots:
  - id: club.members
    description: How many members the chess club has.
    type: count
    unit: member
    unit_words: [member*]
    triggers: [has]
    context: [[club]]
    severity: SEVERITY
    examples:
      - text: The chess club has 32 members.
        expect: {low: 32, high: 32, unit: member}
      - text: The chess club has a new president.
        expect: none
"""


def call(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """The CLI in-process: (exit code, stdout, stderr)."""
    try:
        code = main(list(args))
    except SystemExit as exc:  # argparse
        code = exc.code if isinstance(exc.code, int) else 2
    out, err = capsys.readouterr()
    assert "Traceback" not in err, err
    return code, out, err


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
