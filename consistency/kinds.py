"""The kinds of fact a slot holds, apart from the rule models so that the
command line offers them without importing pydantic."""

SLOT_TYPES = ("count", "quantity", "percent", "money", "date", "duration", "category", "ratio")
