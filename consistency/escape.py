"""Text from sources, made safe for each place it is printed: one function
per output kind.

Source ids, paths, titles and quotes come from files anyone can write, and
were printed as they were: a file name holding a line break put
`::warning …` and `::add-mask::` workflow commands on lines of their own in
a CI log (stderr, `--strict`, the Markdown on stdout, `explain`); an id
holding a backtick or `<img …>` closed code spans and put raw HTML into the
Markdown report and the job summary, split its tables and closed its
Mermaid fences; bidi overrides and terminal escapes were copied raw, so a
report could show "40" where the text says "04", and `explain` could clear
a terminal. So:

- `visible`: every control character (but a tab), bidi control, line or
  paragraph separator, format character and lone surrogate written out as
  `\\x1b`, `\\u202e`: seen, never obeyed. The base of all the others.
- `terminal`: stderr and `explain`.
- `markdown_text`, `markdown_cell`, `markdown_code`, `markdown_code_cell`:
  Markdown prose, table cells and code spans (the step summary is the
  Markdown's bytes).
- `mermaid_label`: a chart's task or event label.
- `annotation_data`, `annotation_property`: GitHub workflow commands, as
  the Actions toolkit escapes them (line ends as `%0A`), the rest `visible`.

JSON and SARIF are data: JSON escapes control characters itself, and a
consumer gets the text as the source has it.
"""

from __future__ import annotations

import re

# Cc but a tab; Cf (bidi controls and marks, zero-width and other format characters); Zl, Zp; Cs
_INVISIBLE = (
    "\x00-\x08\x0a-\x1f\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u08e2\u180e\u200b-\u200f\u2028-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\ud800-\udfff"
    "\U000110bd\U000110cd\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
INVISIBLE = re.compile(f"[{_INVISIBLE}]")
_INVISIBLE_BUT_LINE_ENDS = re.compile("[" + _INVISIBLE.replace("\x0a-\x1f", "\x0b\x0c\x0e-\x1f") + "]")


_SHORT = {"\n": "\\n", "\r": "\\r"}


def _written(m: re.Match[str]) -> str:
    ch = m.group(0)
    if ch in _SHORT:
        return _SHORT[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def visible(text: str) -> str:
    """The text with each invisible or controlling character written out."""
    return INVISIBLE.sub(_written, text) if INVISIBLE.search(text) else text


def terminal(text: str) -> str:
    """A line for stderr or `explain`: nothing in it moves the cursor,
    colours, clears the screen, starts a new line or reorders what follows."""
    return visible(text)


# ---------------------------------------------------------------- Markdown

# the backslash first, so that the backslashes added are not escaped again
_MD_ESCAPES = (("\\", "\\\\"), *((ch, "\\" + ch) for ch in "*_`<>[]"))
_MD_SPECIAL = re.compile(rf"[\\*_`<>\[\]{_INVISIBLE}]")
_CELL_ESCAPES = (*_MD_ESCAPES, ("|", "\\|"), ("\n", " "))
_CELL_SPECIAL = re.compile(rf"[\\*_`<>\[\]|{_INVISIBLE}]")


def markdown_text(text: str) -> str:
    """Prose in Markdown: a backslash before each of \\ * _ ` < > [ ] (no
    markup, no HTML), then `visible` (no line break, no control). Most text
    has none of these, and is returned as it is, found by one search."""
    return visible(_escaped(text, _MD_ESCAPES)) if _MD_SPECIAL.search(text) else text


def markdown_cell(text: str) -> str:
    """A table cell: `markdown_text`, with `|` escaped and a line break as a
    space (a cell is one line of the row)."""
    return visible(_escaped(text, _CELL_ESCAPES)) if _CELL_SPECIAL.search(text) else text


def markdown_code(text: str) -> str:
    """A code span no text can close: `visible`, then fenced by one backtick
    more than the longest run of them inside (with spaces, when it starts or
    ends with one), as CommonMark allows. `<` and `*` are literal in it."""
    text = visible(text)
    if "`" not in text:
        return f"`{text}`"
    fence = "`" * (max(map(len, re.findall("`+", text))) + 1)
    return f"{fence} {text} {fence}"


def markdown_code_cell(text: str) -> str:
    """A code span in a table cell: a `|` would end the cell even there, so it is escaped (GFM reads `\\|`
    inside a cell's code span as `|`)."""
    return markdown_code(text).replace("|", "\\|")


def _escaped(text: str, escapes: tuple[tuple[str, str], ...]) -> str:
    """A replace per character present: each a scan in C, together a seventh
    of str.translate's time with a table of two-character replacements (and
    re.sub's template is Python code run per match)."""
    for ch, by in escapes:
        if ch in text:
            text = text.replace(ch, by)
    return text


# ---------------------------------------------------------------- Mermaid

_MERMAID = str.maketrans({":": " ", "#": "", ";": ",", "`": "'"})


def mermaid_label(text: str) -> str:
    """A chart label: `visible` (no line break can end the fenced block),
    and what Mermaid reads as syntax in a task or event made plain: `:` ends
    a task's name, `#` and `;` are syntax, `%%` opens a comment or an
    `%%{init}%%` directive, a backtick starts a Markdown string. (`<` and
    `>` stay: values are written with them, "> 40.6 billion", and GitHub
    renders charts with Mermaid's strict security, which strips HTML.)"""
    text = visible(text).translate(_MERMAID)
    while "%%" in text:
        text = text.replace("%%", "% %")
    return text


# ---------------------------------------------------------------- GitHub workflow commands

def annotation_data(text: str) -> str:
    """A workflow command's message, as the Actions toolkit's escapeData
    (line ends as %0D, %0A), every other invisible character `visible`."""
    if _INVISIBLE_BUT_LINE_ENDS.search(text):
        text = _INVISIBLE_BUT_LINE_ENDS.sub(_written, text)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def annotation_property(text: str) -> str:
    """A workflow command's property (file, title), as escapeProperty."""
    return annotation_data(text).replace(":", "%3A").replace(",", "%2C")
