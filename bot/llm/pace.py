"""Time and tokens fitted to the server: a CPU server reading a 1,800-token prompt needs 13 s before
it writes a word, so a fixed 10 s timeout fails every time, and a completion cap larger than what
is left of the context fails on the server.

Before the first answer a local server is assumed to read `prompt_tokens_per_second` and write
`completion_tokens_per_second` (config/llm.toml); from then on its own timings say (llama-server's
`timings`, Ollama's `prompt_eval_duration`), or, when it reports none, the time the answer took.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.settings import ModelSettings

MARGIN = 64        # tokens of the context left unused: our estimate of the prompt may be a little low
MIN_ANSWER = 600   # tokens three drafts and their lists need
MIN_PROMPT = 300   # below this the prompt would carry too little of the playbook to be worth sending


@dataclass(frozen=True)
class Timings:
    """Speeds the server reported for one answer (tokens a second; 0 when it said nothing)."""

    prompt_tps: float = 0.0
    completion_tps: float = 0.0


@dataclass(frozen=True)
class Budget:
    request_seconds: float  # one request's timeout
    deadline_seconds: float  # every attempt together, from the start of the suggestion
    max_tokens: int


@dataclass
class Pace:
    prompt_tps: float
    completion_tps: float
    expected_completion: int = MIN_ANSWER  # the longest answer's length so far
    measured: bool = False
    hosted: bool = False  # OpenAI or Azure: the configured timeouts already fit; nothing is added

    @classmethod
    def assumed(cls, settings: ModelSettings, local: bool) -> "Pace":
        return cls(settings.prompt_tokens_per_second, settings.completion_tokens_per_second, hosted=not local)

    def seconds_for(self, prompt_tokens: int, completion_tokens: int) -> float:
        if self.hosted:
            return 0.0
        return prompt_tokens / self.prompt_tps + completion_tokens / self.completion_tps

    def observe(self, prompt_tokens: int, completion_tokens: int, elapsed: float, timings: Timings | None = None) -> None:
        """Learn the server's speeds from one answer."""
        if self.hosted:
            return
        if timings and timings.prompt_tps > 0:
            self.prompt_tps = timings.prompt_tps
            self.completion_tps = timings.completion_tps or self.completion_tps
        elif elapsed > 0 and prompt_tokens + completion_tokens > 0:
            # One duration, two speeds: keep their ratio and scale both so the answer would have taken `elapsed`.
            factor = self.seconds_for(prompt_tokens, completion_tokens) / elapsed
            self.prompt_tps *= factor
            self.completion_tps *= factor
        # The longest answer yet, never under MIN_ANSWER: a timeout set for a short answer wastes a long one
        # (and a llama.cpp server keeps computing the abandoned request, delaying the next).
        self.expected_completion = max(self.expected_completion, completion_tokens)
        self.measured = True

    def timed_out(self) -> None:
        """The server was slower than this pace says (a cold start, a busy machine): expect half the speed."""
        if not self.hosted:
            self.prompt_tps /= 2
            self.completion_tps /= 2


def prompt_budget(settings: ModelSettings, context: int) -> int:
    """The prompt cap: the configured one, lowered so that an answer still fits the server's context."""
    if not context:
        return settings.max_prompt_tokens
    room = context - min(settings.max_completion_tokens, MIN_ANSWER) - MARGIN
    return max(MIN_PROMPT, min(settings.max_prompt_tokens, room))


def completion_cap(settings: ModelSettings, context: int, prompt_tokens: int) -> int:
    if not context:
        return settings.max_completion_tokens
    return max(1, min(settings.max_completion_tokens, context - prompt_tokens - MARGIN))


def budget(settings: ModelSettings, pace: Pace, prompt_tokens: int, context: int) -> Budget:
    """The configured timeouts plus the time this prompt and a usual answer take at the server's pace,
    never more than `longest_wait_seconds`."""
    cap = completion_cap(settings, context, prompt_tokens)
    work = pace.seconds_for(prompt_tokens, min(cap, pace.expected_completion))
    ceiling = settings.longest_wait_seconds
    request = min(ceiling, settings.request_timeout_seconds + work)
    return Budget(request, max(request, min(ceiling, settings.deadline_seconds + work)), cap)
