"""consistency: find where sources disagree on checkable facts.

The pipeline (DESIGN.md): sources → sentences → claims per rule slot →
findings per slot → reports. `pipeline.check` runs it; `cli` is the command
line.
"""

__version__ = "0.1.0"
