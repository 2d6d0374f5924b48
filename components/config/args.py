"""Component args validated by the same models as the stack config.

A library user who never writes YAML gets the same rules and the same messages as a stack file:
the ``*Spec`` model of a component checks its args, and each problem names the arg path (in the
args' own snake_case spelling) instead of a YAML key."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic.alias_generators import to_snake

from ..errors import ComponentArgsError
from .base import ConfigIssue
from .loader import _issues_from_pydantic, _known_keys

Spec = TypeVar("Spec", bound=BaseModel)


def validate_args(spec: type[Spec], args: Mapping[str, Any], owner: str) -> Spec:
    """``args`` as a validated ``spec``; every problem at once as one ComponentArgsError."""
    if not isinstance(args, Mapping):
        raise ComponentArgsError(f"{owner}: args must be a mapping (a dict of arg names)")
    try:
        model = spec.model_validate(dict(args))
    except ValidationError as error:
        issues = [
            _snake_case_hint(spec, e, issue)
            for e in error.errors()
            for issue in _issues_from_pydantic(e, spec)
        ]
        raise ComponentArgsError(_message(owner, issues)) from None
    cross_key = getattr(model, "issues", None)
    issues = cross_key() if callable(cross_key) else []
    if issues:
        raise ComponentArgsError(_message(owner, issues))
    return model


def _snake_case_hint(spec: type[BaseModel], error: Any, issue: ConfigIssue) -> ConfigIssue:
    """'did you mean' for an unknown arg key, among the keys as args spell them (snake_case)."""
    if error["type"] != "extra_forbidden":
        return issue
    known = [to_snake(key) for key in _known_keys(issue.path[:-1], spec)]
    hint = difflib.get_close_matches(str(issue.path[-1]), known, n=1, cutoff=0.5)
    suggestion = f"did you mean '{hint[0]}'?" if hint else f"known keys: {', '.join(known)}"
    return ConfigIssue(issue.path, f"unknown key; {suggestion}")


def arg_path(path: tuple[str | int, ...]) -> str:
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            # field names are camelCase aliases; map keys (rule or zone names) stay as written
            name = to_snake(part) if re.fullmatch(r"[a-z]+(?:[A-Z][a-z0-9]*)+", part) else part
            text += ("." if text else "") + name
    return text or "(args)"


def _message(owner: str, issues: list[ConfigIssue]) -> str:
    count = f"{len(issues)} problem" + ("" if len(issues) == 1 else "s")
    lines = [f"{owner}: invalid args ({count}):"]
    lines += [f"  {arg_path(issue.path)}: {issue.message} [{issue.code}]" for issue in issues]
    return "\n".join(lines)
