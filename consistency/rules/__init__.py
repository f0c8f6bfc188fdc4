"""Rules: YAML files that define comparable fact slots, validated and
resolved against the shared vocabulary (`rules/_vocab.yaml`).

`models` is the file format, `yamlfile` reads YAML safely with positions,
`problems` turns validation errors into actionable lines, `phrases` turns
rule phrases into patterns (RE2 for authors' regular expressions), and
`load` puts a folder together.
"""

from consistency.rules.load import RuleError, load_rules, rule_files
from consistency.rules.models import Event, Example, Expect, RuleFile, Slot, Tolerance, VocabFile
from consistency.rules.phrases import compile_phrases, phrase_regex

__all__ = [
    "RuleError", "load_rules", "rule_files", "Event", "Example", "Expect", "RuleFile", "Slot", "Tolerance",
    "VocabFile", "compile_phrases", "phrase_regex",
]
