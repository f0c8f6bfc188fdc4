"""What a project file may set: the model behind `config.load`, apart so
that pydantic is imported only when a project sets something (a re-run on an
unchanged corpus needs no validation when there is nothing to validate)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Severity = Literal["error", "warning", "info"]


class ProjectConfig(BaseModel):
    """What a project may set (all optional)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    sources: list[str] | None = None
    rules: str | None = None
    format: list[Literal["markdown", "json", "sarif", "github"]] | None = None
    output: str | None = None
    fail_on: Literal["error", "warning", "never"] | None = None
    severity: dict[str, Severity] | None = Field(default=None, description="slot id → severity, overriding the rule")
    baseline: str | None = None
    strict_baseline: bool | None = None
    timestamp: bool | None = None
    include: list[str] | None = None
    exclude: list[str] | None = None
    max_size_mb: float | None = Field(default=None, gt=0)
    strict: bool | None = None
    jobs: int | None = Field(default=None, ge=1)
    cache: bool | None = None
    engine: Literal["local", "dask"] | None = None
    scheduler: str | None = None
