"""Pydantic's validation errors, said in an editor's words with the fix."""

from __future__ import annotations

import difflib
import re
import types
import typing
from typing import Any

from pydantic import BaseModel

from ..model import FrontMatter

__all__ = ["schema_message"]


def _model_at(loc: tuple) -> type[BaseModel] | None:
    """The front matter model class that the field path `loc` points into."""
    model: type[BaseModel] | None = FrontMatter
    for part in loc:
        if isinstance(part, int) or model is None:
            continue
        field = model.model_fields.get(part)
        model = _find_model(field.annotation) if field else None
    return model


def _find_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is not None:
        for arg in typing.get_args(annotation):
            found = _find_model(arg)
            if found:
                return found
    return None


_TYPE_MESSAGES = {
    "int_type": "{value} is not a whole number; write digits without quotes, like 40",
    "int_from_float": "{value} is not a whole number; write digits only, like 40",
    "int_parsing": "{value} is not a whole number; write digits only, like 40",
    "string_type": "{value} is not text; put the value in quotes",
    "bool_type": "{value} is not true or false; write true or false",
    "list_type": "{value} is not a list; write one item per line, each starting with '- '",
    "model_type": "{value} is not a group of fields; indent 'field: value' lines under this key",
    "dict_type": "{value} is not a group of fields; indent 'field: value' lines under this key",
    "string_too_short": "the value is empty; write one, or remove the field if it is optional",
    "greater_than_equal": "{value} is negative; a count cannot be below 0",
}

_PATTERN_HINTS = {
    "label": "use lower-case words joined by _, like detained or victim_age",
    "key": "use lower-case words joined by -, like kadyrov-deadline-2017",
    "person": "use lower-case words joined by -, like alvi-karimov",
    "language": "use a language code, like en or ru",
    "tags": "use letters, digits, spaces and - only",
}


def schema_message(error: dict) -> str:
    """Say a pydantic error in an editor's words, with the fix."""
    kind = error["type"]
    loc = tuple(error["loc"])
    value = error.get("input")
    shown = repr(value) if not isinstance(value, dict | list) else "this"
    if kind == "missing":
        return f"required field is missing; add '{loc[-1]}:' here (see CONTRIBUTING.md)"
    if kind == "extra_forbidden":
        name = str(loc[-1])
        model = _model_at(loc[:-1])
        allowed = sorted(model.model_fields) if model else []
        close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
        lookalike = ""
        if not name.isascii():
            lookalike = " (it has a non-Latin letter that looks like a Latin one)"
        if close:
            return f"unknown field '{name}'{lookalike}; did you mean '{close[0]}'?"
        return f"unknown field '{name}'; remove it (allowed here: {', '.join(allowed)})"
    if kind == "int_type" and isinstance(value, str) and re.fullmatch(r"-?\d{1,3}(,\d{3})+", value):
        return (
            f"{shown} is not a whole number; write it without commas, like {value.replace(',', '')}"
        )
    if kind == "too_long":
        limit = error.get("ctx", {}).get("max_length")
        return f"at most {limit} items are allowed here; keep the {limit} that matter most"
    if kind in _TYPE_MESSAGES:
        return _TYPE_MESSAGES[kind].format(value=shown)
    if kind == "string_pattern_mismatch":
        name = next((str(part) for part in reversed(loc) if isinstance(part, str)), "")
        hint = _PATTERN_HINTS.get(name, "see the field's form in CONTRIBUTING.md")
        return f"{shown} is not allowed; {hint}"
    if kind == "literal_error":
        return f"{shown} is not allowed; write one of {_choices(loc)}"
    # Our own validators' words ("Value error, ..."), not pydantic's.
    return error["msg"].removeprefix("Value error, ")


def _choices(loc: tuple) -> str:
    """The values a Literal field allows, from the model (pydantic's wording of them
    changes between its versions)."""
    model = _model_at(loc[:-1])
    field = model.model_fields.get(str(loc[-1])) if model else None
    values = _literal_values(field.annotation) if field else []
    quoted = [f"'{value}'" for value in values]
    return ", ".join(quoted[:-1]) + f" or {quoted[-1]}" if len(quoted) > 1 else "".join(quoted)


def _literal_values(annotation: Any) -> list[Any]:
    if typing.get_origin(annotation) is typing.Literal:
        return list(typing.get_args(annotation))
    for arg in typing.get_args(annotation):
        if found := _literal_values(arg):
            return found
    return []
