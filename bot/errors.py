"""Errors that speak to the person in front of them; the CLI maps them to exit codes."""


class BadInput(Exception):
    """The user gave input we cannot work with (exit status 2)."""


class ConfigError(Exception):
    """A configuration or content file is wrong; the message names the file, the key and what is expected."""
