"""Typed reading of TOML tables, so every loader names the file, the key and what it expected."""

from __future__ import annotations

import difflib
import tomllib
from pathlib import Path
from typing import Any

from bot.errors import ConfigError


def load_toml(path: Path) -> dict:
    """Parse one TOML file; a syntax error names the file and tomllib's line and column.

    A UTF-8 byte-order mark (some Windows editors write one) is accepted; any other encoding is
    refused with the line it breaks on, since TOML files are UTF-8.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(f"{path}: file not found") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the file ({exc.strerror})") from None
    try:
        return tomllib.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: {_not_utf8(data, exc.start)}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None


def _not_utf8(data: bytes, start: int) -> str:
    line = data.count(b"\n", 0, start) + 1
    utf16 = " (it looks saved as UTF-16)" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ""
    return f"line {line} is not UTF-8 text (byte 0x{data[start]:02x}){utf16}; save the file as UTF-8"


def _close_match(word: str, candidates) -> str | None:
    """The one candidate a mistyped `word` most likely meant, if any is close."""
    matches = difflib.get_close_matches(word, sorted(candidates), n=1)
    return matches[0] if matches else None


class Table:
    """A TOML table that remembers where it came from, for error messages."""

    def __init__(self, data: dict, source: Path | str, prefix: str = "") -> None:
        self.data = data
        self.source = source
        self.prefix = prefix
        self.allowed: set[str] | None = None  # set by reject_unknown

    def where(self, key: str) -> str:
        return f"{self.source}: key '{self.prefix}{key}'"

    def fail(self, key: str, expected: str, got: Any = None) -> ConfigError:
        shown = "" if got is None else f", got {got!r}"
        return ConfigError(f"{self.where(key)}: expected {expected}{shown}")

    def unknown_key(self, key: str, meant: str | None) -> ConfigError:
        """A key this table does not take: the likely typo fixed, else what it does take."""
        hint = f" — did you mean '{meant}'?" if meant else f" (allowed: {', '.join(sorted(self.allowed or ()))})"
        return ConfigError(f"{self.source}: unknown key '{self.prefix}{key}'{hint}")

    def reject_unknown(self, allowed: set[str]) -> None:
        self.allowed = set(allowed)
        unknown = sorted(set(self.data) - self.allowed)
        if unknown:
            raise self.unknown_key(unknown[0], _close_match(unknown[0], self.allowed))

    def _get(self, key: str, default: Any, kinds: tuple[type, ...], expected: str) -> Any:
        if key not in self.data:
            if default is _REQUIRED:
                # a key missing beside a near-namesake is that key mistyped: say so rather than "missing"
                typo = _close_match(key, set(self.data) - (self.allowed or set()))
                if typo is not None:
                    raise self.unknown_key(typo, key)
                raise ConfigError(f"{self.where(key)}: missing; expected {expected}")
            return default
        value = self.data[key]
        if isinstance(value, bool) and bool not in kinds:
            raise self.fail(key, expected, value)
        if not isinstance(value, kinds):
            raise self.fail(key, expected, value)
        return value

    def string(self, key: str, default: Any = None, *, choices: tuple[str, ...] | None = None,
               max_len: int | None = None, non_empty: bool = False) -> str:
        expected = "a string" if not choices else f"one of {', '.join(choices)}"
        value = self._get(key, _REQUIRED if default is None else default, (str,), expected)
        if choices and value not in choices:
            raise self.fail(key, expected, value)
        if non_empty and not value.strip():
            raise self.fail(key, "a non-empty string", value)
        if max_len is not None and len(value) > max_len:
            raise self.fail(key, f"at most {max_len} characters", f"{len(value)} characters")
        return value

    def boolean(self, key: str, default: Any = None) -> bool:
        return self._get(key, _REQUIRED if default is None else default, (bool,), "true or false")

    def number(self, key: str, default: Any = None, *, minimum: float | None = None,
               maximum: float | None = None, integer: bool = False) -> float:
        kinds = (int,) if integer else (int, float)
        expected = "a whole number" if integer else "a number"
        if minimum is not None or maximum is not None:
            expected += f" from {minimum} to {maximum}" if maximum is not None else f" of at least {minimum}"
        value = self._get(key, _REQUIRED if default is None else default, kinds, expected)
        if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
            raise self.fail(key, expected, value)
        return value

    def strings(self, key: str, default: Any = None, *, choices: tuple[str, ...] | None = None,
                max_items: int | None = None, max_len: int | None = None) -> list[str]:
        expected = "a list of strings" + (f" from {', '.join(choices)}" if choices else "")
        value = self._get(key, _REQUIRED if default is None else default, (list,), expected)
        for item in value:
            if not isinstance(item, str) or (choices and item not in choices):
                raise self.fail(key, expected, item)
            if max_len is not None and len(item) > max_len:
                raise self.fail(key, f"items of at most {max_len} characters", item[:60] + "…")
        if max_items is not None and len(value) > max_items:
            raise self.fail(key, f"at most {max_items} items", f"{len(value)} items")
        return list(value)

    def table(self, key: str, *, required: bool = False) -> "Table":
        if key not in self.data:
            if required:
                raise ConfigError(f"{self.where(key)}: missing; expected a table [{self.prefix}{key}]")
            return Table({}, self.source, f"{self.prefix}{key}.")
        value = self.data[key]
        if not isinstance(value, dict):
            raise self.fail(key, "a table", value)
        return Table(value, self.source, f"{self.prefix}{key}.")


_REQUIRED = object()
