"""Project configuration: defaults, then `[tool.consistency]` in
pyproject.toml or `consistency.yaml` at the project root, then the command
line, the later winning. Every value remembers where it came from, so
`check --show-config` can say why the run behaves as it does.
"""

from __future__ import annotations

from pathlib import Path

TYPE_CHECKING = False  # as typing's, without importing typing: a re-run needs none of it
if TYPE_CHECKING:
    from typing import Any

FORMATS = ("markdown", "json", "sarif", "github")

DEFAULTS: dict[str, Any] = {
    "sources": ["seeds"], "rules": "rules", "format": ["markdown"], "output": None, "fail_on": "error",
    "severity": {}, "baseline": "consistency-baseline.yaml", "strict_baseline": False, "timestamp": False,
    "include": [], "exclude": [], "max_size_mb": 20.0, "strict": False, "jobs": None,
    "cache": True, "engine": "local", "scheduler": None,
}


class ConfigError(Exception):
    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


class Settings:
    """The configuration in effect, and where each value came from."""

    def __init__(self) -> None:
        self.values: dict[str, Any] = dict(DEFAULTS)
        self.origin: dict[str, str] = {k: "default" for k in DEFAULTS}
        self.severity_origin: dict[str, str] = {}  # slot → where its override was set
        self.where: dict[tuple[str, ...], str] = {}  # key path → "file:line:col"

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    def set(self, key: str, value: Any, origin: str) -> None:
        if key == "severity" and isinstance(value, dict):
            merged = dict(self.values["severity"])
            merged.update(value)
            self.severity_origin.update({slot: origin for slot in value})
            value = merged
        self.values[key] = value
        self.origin[key] = origin

    def show(self) -> str:
        lines = []
        for key in DEFAULTS:
            value = self.values[key]
            if key == "severity":
                lines.append("severity:  # from the rules" if not value else "severity:")
                lines += [f"  {slot}: {sev}  # {self.severity_origin.get(slot, self.origin[key])}"
                          for slot, sev in sorted(value.items())]
                continue
            shown = ", ".join(value) if isinstance(value, list) else ("(none)" if value is None else str(value).lower()
                                                                     if isinstance(value, bool) else value)
            lines.append(f"{key}: {shown}  # {self.origin[key]}")
        return "\n".join(lines) + "\n"


def load(root: Path = Path(".")) -> Settings:
    """Defaults overlaid with the project's files (consistency.yaml wins
    over pyproject.toml when both set a key)."""
    settings = Settings()
    pyproject = root / "pyproject.toml"
    if pyproject.is_file():
        import tomllib  # a project without a pyproject.toml (or a re-run in one) need not import it

        try:
            data = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {}).get("consistency")
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError([f"{pyproject}: not valid TOML: {exc}"]) from None
        if data is not None:
            _apply(settings, data, "pyproject.toml [tool.consistency]", None, root)
    yaml_path = root / "consistency.yaml"
    if yaml_path.is_file():
        from consistency.safeyaml import YamlProblem, parse, position, read_text

        try:
            data, node = parse(read_text(yaml_path), unique_keys=True, kind="configuration files")
        except YamlProblem as exc:
            raise ConfigError([f"{yaml_path}:{exc.line}:{exc.column}: {exc.message}"]) from None
        if data is not None:
            _apply(settings, data, "consistency.yaml", (yaml_path, node, position), root)
    return settings


WRITTEN = ("output", "baseline")  # the settings that name a file the tool writes


def _outside(root: Path, value: str) -> bool:
    """Whether a path a project file gives lies outside the project."""
    if value == "-":
        return False
    path = Path(value)
    if path.is_absolute():
        return True
    try:
        return not (root / path).resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):
        return True


def _apply(settings: Settings, data: Any, origin: str, where: Any, root: Path = Path(".")) -> None:
    if not isinstance(data, dict):
        raise ConfigError([f"{origin}: expected a mapping of settings"])
    data = {k.replace("-", "_"): v for k, v in data.items()}
    if isinstance(data.get("format"), str):
        data["format"] = [f.strip() for f in data["format"].split(",")]
    from pydantic import ValidationError

    from consistency.config_schema import ProjectConfig
    from consistency.rules.problems import describe, show_loc

    try:
        cfg = ProjectConfig.model_validate(data)
    except ValidationError as exc:
        problems = []
        for loc, message in describe(exc, ProjectConfig):
            if where is not None:
                path, node, position = where
                line, col = position(node, loc)
                problems.append(f"{path}:{line}:{col}: {show_loc(loc)}: {message}")
            else:
                problems.append(f"{origin}: {show_loc(loc)}: {message}")
        raise ConfigError(problems) from None
    outside = [key for key in WRITTEN if isinstance(getattr(cfg, key), str) and _outside(root, getattr(cfg, key))]
    if outside:  # a cloned repository's configuration must not have the tool write anywhere its user can
        problems = []
        for key in outside:
            at = f"{where[0]}:{':'.join(map(str, where[2](where[1], (key,))))}" if where is not None else origin
            problems.append(f"{at}: {key}: `{getattr(cfg, key)}` is outside the project; a project's configuration "
                            f"writes only inside it (to write elsewhere, give --{key} on the command line)")
        raise ConfigError(problems)
    for key, value in cfg.model_dump(exclude_none=True).items():
        settings.set(key, value, origin)
    if where is not None:
        path, node, position = where
        for slot in (data.get("severity") or {}):
            line, col = position(node, ("severity", slot))
            settings.where[("severity", slot)] = f"{path.name}:{line}:{col}"
