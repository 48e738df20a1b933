"""The JSON a model must answer with, as a strict JSON Schema (Structured Outputs) and a validator."""

from __future__ import annotations

from jsonschema import Draft202012Validator

ANSWER_SCHEMA: dict = {
    "type": "object",
    "additionalProperties": False,
    "required": ["replies", "boundary", "questions", "next_steps", "sources"],
    "properties": {
        # Keyed by style, so a grammar-constrained server can't produce three "formal" replies or drop one.
        "replies": {
            "type": "object", "additionalProperties": False, "required": ["empathetic", "concise", "formal"],
            "properties": {style: {"type": "string", "maxLength": 4000}  # an empty one is replaced, not fatal
                           for style in ("empathetic", "concise", "formal")},
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


def lenient(data: object) -> object:
    """Accept what small models commonly send instead: replies as a list of {style, text}, a lone string
    where a list belongs, a junk `sources`. The guard still checks every word afterwards."""
    if not isinstance(data, dict):
        return data
    data = dict(data)
    replies = data.get("replies")
    if isinstance(replies, list) and all(isinstance(r, dict) for r in replies):
        data["replies"] = {r.get("style"): r.get("text") for r in replies}
    for key in ("questions", "next_steps", "sources"):
        if isinstance(data.get(key), str):
            data[key] = [data[key]] if key != "sources" else []
    if isinstance(data.get("sources"), list):  # a junk source is dropped, not a reason to lose the drafts
        data["sources"] = [s for s in data["sources"] if isinstance(s, str) and len(s) <= 100]
    data.setdefault("boundary", None)
    data.setdefault("sources", [])
    return data


def as_list(replies: dict) -> list[dict]:
    return [{"style": style, "text": replies[style]} for style in ("empathetic", "concise", "formal")]


def schema_problems(data: object) -> list[str]:
    """Human-readable reasons the answer breaks the schema (empty when it fits)."""
    problems = []
    for error in sorted(_VALIDATOR.iter_errors(data), key=lambda e: list(e.path)):
        where = "/".join(str(p) for p in error.path) or "answer"
        problems.append(f"{where}: {error.message[:160]}")
    return problems[:8]


def _strict_subset(node: object, drop: tuple[str, ...] = ("minLength", "maxLength")) -> object:
    """Structured Outputs' strict mode rejects some keywords; lengths are checked locally instead."""
    if isinstance(node, dict):
        return {k: _strict_subset(v, drop) for k, v in node.items() if k not in drop}
    if isinstance(node, list):
        return [_strict_subset(v, drop) for v in node]
    return node


API_SCHEMA = _strict_subset(ANSWER_SCHEMA)
# Grammar-enforcing servers (llama.cpp) turn every length and count bound into nested optional rules: a
# 4,000-character bound makes a grammar llama-cpp-python can't parse (and its server dies). Shape only.
GRAMMAR_SCHEMA = _strict_subset(ANSWER_SCHEMA, drop=("minLength", "maxLength", "minItems", "maxItems"))


def response_format(mode: str) -> dict:
    """The request shape per server family: OpenAI, Azure, vLLM and llama-server take `json_schema`;
    llama-cpp-python takes a schema inside `json_object` (its grammar enforces it); anything else, JSON mode.
    (Ollama's native `format` is sent by bot.llm.transport.)"""
    if mode == "json_schema":
        return {"type": "json_schema", "json_schema": {"name": "composure_suggestion", "strict": True, "schema": API_SCHEMA}}
    if mode == "json_object_schema":
        return {"type": "json_object", "schema": GRAMMAR_SCHEMA}
    return {"type": "json_object"}
