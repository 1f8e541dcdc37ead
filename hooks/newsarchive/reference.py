"""The front matter reference for editors, written from the same model as the validator."""

from __future__ import annotations

from typing import Any

from .model import json_schema

__all__ = ["front_matter_reference"]

_SECTIONS = [
    ("Top level", None),
    ("`source`", "Source"),
    ("`source.published`", "Published"),
    ("Each item of `figures`", "Figure"),
    ("Each item of `events`", "Event"),
    ("Each item of `quotes`", "Quote"),
]


def _type(spec: dict[str, Any]) -> str:
    if "$ref" in spec:
        return "group of fields"
    if "enum" in spec:
        return " \\| ".join(f"`{v}`" for v in spec["enum"])
    if "anyOf" in spec:
        kinds = [_type(s) for s in spec["anyOf"] if s.get("type") != "null"]
        nullable = any(s.get("type") == "null" for s in spec["anyOf"])
        text = " or ".join(dict.fromkeys(kinds))
        return f"{text} or `null`" if nullable else text
    kind = spec.get("type", "")
    if kind == "array":
        items = spec.get("items", {})
        return "list (see below)" if "$ref" in items else f"list of {_type(items)}"
    if spec.get("format") == "date":
        return "date YYYY-MM-DD"
    return {"string": "text", "integer": "whole number", "boolean": "true/false"}.get(kind, kind)


def front_matter_reference() -> str:
    """A Markdown table per part of the front matter: field, type, required, meaning."""
    schema = json_schema()
    parts = []
    for heading, name in _SECTIONS:
        model = schema if name is None else schema["$defs"][name]
        required = set(model.get("required", []))
        rows = [
            f"| `{field}` | {_type(spec)} | {'yes' if field in required else 'no'} "
            f"| {spec.get('description', '').replace('|', '/')} |"
            for field, spec in model["properties"].items()
        ]
        parts.append(
            f"**{heading}**\n\n| field | type | required | meaning |\n|---|---|---|---|\n"
            + "\n".join(rows)
        )
    return "\n\n".join(parts) + "\n"
