"""FakeOpenAI: the recording, the script, the routes and the completions put together behind one HTTP
server on 127.0.0.1, and the pytest fixture that starts one."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Iterator

import pytest

from fakes import model_servers as servers
from fakes.loopback import LoopbackFake
from fakes.openai_api.completions import Completions
from fakes.openai_api.recording import Recorder
from fakes.openai_api.routes import Routes
from fakes.openai_api.script import Script
from fakes.openai_api.wire import Handler


class FakeOpenAI(Routes, Completions, Script, Recorder, LoopbackFake):
    """A fake OpenAI-compatible server. See the package docstring."""

    handler = Handler

    def __init__(self, *, models: tuple[str, ...] | list[str] = ("gpt-4o-mini",),
                 api_key: str | None = None, kind: str = "openai", context_tokens: int = 0,
                 prompt_tokens_per_second: float = 0, raw_newlines: bool = False) -> None:
        self.models = list(models)
        self.api_key = api_key  # when set, requests with another key get 401 invalid_api_key
        self.kind = servers.KINDS[kind]
        self.context_tokens = context_tokens  # 0: no limit (and the family's discovery routes report 8192)
        self.prompt_tokens_per_second = prompt_tokens_per_second  # 0: prompts take no time
        self.raw_newlines = raw_newlines
        self._lock = threading.RLock()
        self._changed = threading.Condition(self._lock)
        self._init_loopback()
        self._ids = itertools.count(1)
        self._init_state()

    # ------------------------------------------------------------------ addresses

    @property
    def azure_endpoint(self) -> str:
        """For ``AzureOpenAI(azure_endpoint=...)``: the client appends ``/openai/deployments/...``."""
        return self.origin

    @property
    def url(self) -> str:
        """For ``OpenAI(base_url=...)`` / ``OPENAI_BASE_URL``."""
        return f"{self.azure_endpoint}/v1"

    def reset(self) -> None:
        """Forget requests, the script and the default answer."""
        with self._lock:
            self._init_state()

    def _init_state(self) -> None:
        """What a reset forgets: the requests, the script and the default answer."""
        self._init_recording()
        self._init_script()


@pytest.fixture
def fake_openai() -> Iterator[FakeOpenAI]:
    """A started FakeOpenAI, closed after the test."""
    with FakeOpenAI() as fake:
        yield fake
