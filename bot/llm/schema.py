"""The JSON a model must answer with, as a strict JSON Schema (Structured Outputs) and a validator."""

from __future__ import annotations

from jsonschema import Draft202012Validator

ANSWER_SCHEMA: dict = {
    "type": "object",
    "additionalProperties": False,
    "required": ["replies", "boundary", "questions", "next_steps", "sources"],
    "properties": {
        "replies": {
            "type": "array", "minItems": 3, "maxItems": 3,
            "items": {"type": "object", "additionalProperties": False, "required": ["style", "text"],
                      "properties": {"style": {"type": "string", "enum": ["empathetic", "concise", "formal"]},
                                     "text": {"type": "string", "minLength": 1, "maxLength": 4000}}},
        },
        "boundary": {
            "anyOf": [{"type": "null"},
                      {"type": "object", "additionalProperties": False, "required": ["level", "text"],
                       "properties": {"level": {"type": "integer", "enum": [1, 2, 3]},
                                      "text": {"type": "string", "minLength": 1, "maxLength": 1500}}}],
        },
        "questions": {"type": "array", "maxItems": 6, "items": {"type": "string", "minLength": 1, "maxLength": 400}},
        "next_steps": {"type": "array", "maxItems": 10, "items": {"type": "string", "minLength": 1, "maxLength": 400}},
        "sources": {"type": "array", "maxItems": 20, "items": {"type": "string", "maxLength": 100}},
    },
}

_VALIDATOR = Draft202012Validator(ANSWER_SCHEMA)


def schema_problems(data: object) -> list[str]:
    """Human-readable reasons the answer breaks the schema (empty when it fits)."""
    problems = []
    for error in sorted(_VALIDATOR.iter_errors(data), key=lambda e: list(e.path)):
        where = "/".join(str(p) for p in error.path) or "answer"
        problems.append(f"{where}: {error.message[:160]}")
    if isinstance(data, dict) and isinstance(data.get("replies"), list):
        styles = [r.get("style") for r in data["replies"] if isinstance(r, dict)]
        if sorted(styles) != ["concise", "empathetic", "formal"]:
            problems.append("replies: need one each of empathetic, concise and formal")
    return problems[:8]


def _strict_subset(node: object) -> object:
    """Structured Outputs' strict mode rejects some keywords; lengths are checked locally instead."""
    if isinstance(node, dict):
        return {k: _strict_subset(v) for k, v in node.items() if k not in {"minLength", "maxLength"}}
    if isinstance(node, list):
        return [_strict_subset(v) for v in node]
    return node


API_SCHEMA = _strict_subset(ANSWER_SCHEMA)


def response_format(mode: str) -> dict:
    if mode == "json_schema":
        return {"type": "json_schema", "json_schema": {"name": "composure_suggestion", "strict": True, "schema": API_SCHEMA}}
    return {"type": "json_object"}
