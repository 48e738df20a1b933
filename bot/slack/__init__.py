"""The Slack adapter: parse payloads, call the core, render Block Kit, deliver privately."""
