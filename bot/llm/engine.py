"""The model engine: one call per suggestion, retried within a deadline, checked, and never a
reason for the agent to wait on a failing model (the offline suggestion stands in)."""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass, replace

import openai
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    stop_after_delay,
    wait_exponential_jitter,
)

from bot.llm.client import make_client, model_name
from bot.llm.guard import check_answer
from bot.llm.prompt import PromptBuilder
from bot.llm.schema import MODES, as_list, lenient, response_format, schema_problems
from bot.privacy import redact
from bot.settings import Settings
from bot.suggestion import Suggestion

log = logging.getLogger("composure.llm")
# A timed-out request is not retried: the server is most likely still generating it (llama.cpp keeps going
# on an abandoned request, blocking its only slot), and asking again starts the whole generation over.
RETRYABLE = (openai.RateLimitError, openai.APIConnectionError, openai.InternalServerError)


class ModelUnavailable(Exception):
    """The model could not give a usable answer; the message says why, for the agent's note."""


@dataclass(frozen=True)
class Usage:
    prompt_tokens: int
    completion_tokens: int


# A server that can't do the requested output format says so in its error, with any status (llama-cpp-python
# answers 500 "Input should be 'text' or 'json_object'"): that is a cue to try the next shape, not to retry.
_FORMAT_REFUSED = ("response_format", "json_schema", "json_object", "'text'", "structured output", "grammar", "schema")


def format_refused(exc: BaseException) -> bool:
    if not isinstance(exc, openai.APIStatusError) or exc.status_code < 400:
        return False
    said = (str(exc) + " " + str(getattr(exc, "param", "") or "")).lower()
    return any(word in said for word in _FORMAT_REFUSED)


def _refused_connection(exc: BaseException) -> bool:
    """Nothing listens there: retrying only makes the agent wait (a wrong OPENAI_BASE_URL or a stopped server)."""
    seen, cause = set(), exc
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, ConnectionRefusedError) or "connection refused" in str(cause).lower():
            return True
        seen.add(id(cause))
        cause = cause.__cause__ or cause.__context__
    return False


def _retryable(exc: BaseException) -> bool:
    if format_refused(exc) or _refused_connection(exc) or isinstance(exc, openai.APITimeoutError):
        return False
    return isinstance(exc, RETRYABLE) or (isinstance(exc, openai.APIStatusError) and exc.status_code >= 500)


def _retry_after(exc: BaseException | None) -> float | None:
    response = getattr(exc, "response", None)
    value = response.headers.get("retry-after") if response is not None else None
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


# Most specific first: each exception class's one-sentence cause, for whoever fixes the configuration.
CAUSES: tuple[tuple[type, str], ...] = (
    (openai.AuthenticationError, "the model server rejected the key (401): check OPENAI_API_KEY"),
    (openai.PermissionDeniedError, "the key may not use this model (403): check the key's permissions"),
    (openai.NotFoundError, "model {model!r} or the API path was not found (404): check OPENAI_MODEL and OPENAI_BASE_URL"),
    (openai.BadRequestError, "the model server refused the request (400): {detail}"),
    (openai.APITimeoutError, "the model did not answer in time"),
    (openai.APIConnectionError, "the model server could not be reached: check OPENAI_BASE_URL"),
    (openai.RateLimitError, "the model server kept answering 429 (rate limited)"),
    (openai.APIStatusError, "the model server failed ({status})"),
)


def explain(exc: BaseException, model: str) -> str:
    """One sentence naming the cause, for people who must fix the configuration."""
    for kind, sentence in CAUSES:
        if isinstance(exc, kind):
            return sentence.format(model=model, detail=str(exc)[:160], status=getattr(exc, "status_code", "?"))
    log.info("model answer unusable: %s", type(exc).__name__)
    return "the model's answer could not be read (the server sent something that is not a chat completion)"


def _restore_strings(node, restore):
    """Put the customer's details back into every string the model wrote."""
    if isinstance(node, dict):
        return {k: _restore_strings(v, restore) for k, v in node.items()}
    if isinstance(node, list):
        return [_restore_strings(v, restore) for v in node]
    return restore(node) if isinstance(node, str) else node


class ModelEngine:
    def __init__(self, settings: Settings, prompts: PromptBuilder, client: openai.OpenAI | None = None) -> None:
        self.settings = settings
        self.prompts = prompts
        self.client = client or make_client(settings.env, settings.model)
        self.model = model_name(settings.env, settings.model)
        wanted = settings.model.structured_output
        self.mode = MODES[0] if wanted == "auto" else wanted

    def _call(self, messages: list[dict], deadline: float) -> tuple[str, Usage, str]:
        """One logical request: retried on 429 / 5xx / timeouts / connection errors until the deadline."""
        cfg = self.settings.model

        def wait(state: RetryCallState) -> float:
            backoff = wait_exponential_jitter(multiplier=0.5, max=8)(state)
            hinted = _retry_after(state.outcome.exception() if state.outcome else None)
            pause = hinted if hinted is not None else backoff  # the server said when; believe it
            return min(pause, max(0.0, deadline - time.monotonic()))

        retrying = Retrying(reraise=True, wait=wait, retry=retry_if_exception(_retryable),
                            stop=stop_after_attempt(cfg.max_attempts) | stop_after_delay(max(0.0, deadline - time.monotonic())))
        for attempt in retrying:
            with attempt:
                remaining = deadline - time.monotonic()
                if remaining <= 0.05:
                    raise ModelUnavailable(f"the model did not answer within {self.settings.model.deadline_seconds:g} s")
                completion = self.client.chat.completions.create(
                    model=self.model, messages=messages, response_format=response_format(self.mode),
                    temperature=cfg.temperature, max_tokens=cfg.max_completion_tokens,
                    timeout=min(cfg.request_timeout_seconds, remaining))
        if isinstance(completion, str) or not getattr(completion, "choices", None):
            raise ModelUnavailable("the model server's answer was not a chat completion (check OPENAI_BASE_URL)")
        usage = getattr(completion, "usage", None)
        return (completion.choices[0].message.content or "",
                Usage(getattr(usage, "prompt_tokens", 0) or 0, getattr(usage, "completion_tokens", 0) or 0),
                getattr(completion.choices[0], "finish_reason", "") or "")

    def _request(self, messages: list[dict], deadline: float) -> tuple[str, Usage]:
        """One answer, in the first request shape this server accepts (remembered for the next call)."""
        while True:
            try:
                content, usage, finish = self._call(messages, deadline)
                break
            except openai.APIStatusError as exc:
                later = MODES[MODES.index(self.mode) + 1:] if self.mode in MODES else ()
                if not (format_refused(exc) and self.settings.model.structured_output == "auto" and later):
                    raise
                log.info("the model server refused response_format %s (%s); trying %s", self.mode, exc.status_code, later[0])
                self.mode = later[0]
        if finish == "length":
            raise ModelUnavailable(f"the model's answer was cut off at {self.settings.model.max_completion_tokens} tokens "
                                   "(raise max_completion_tokens in config/llm.toml)")
        return content, usage

    def _answer(self, messages: list[dict], deadline: float) -> tuple[dict, Usage]:
        """Parse and validate; in JSON mode, one repair attempt with the problems named."""
        content, usage = self._request(messages, deadline)
        for attempt in range(2):
            try:
                data = lenient(json.loads(content, strict=False))  # llama.cpp's grammar lets raw newlines into strings
                problems = schema_problems(data)
            except (json.JSONDecodeError, TypeError):
                data, problems = None, ["the answer was not valid JSON"]
            if not problems:
                return dict(data, replies=as_list(data["replies"])), usage
            if attempt == 1:
                break
            repair = [*messages, {"role": "assistant", "content": content[:4000]}, self.prompts.repair_message(problems)]
            content, more = self._request(repair, deadline)
            usage = Usage(usage.prompt_tokens + more.prompt_tokens, usage.completion_tokens + more.completion_tokens)
        raise ModelUnavailable(f"the model's answer did not fit the expected shape ({problems[0]})")

    def improve(self, customer_text: str, offline: Suggestion, tone: str | None = None) -> Suggestion:
        """The model's drafts over the offline analysis; on any failure, the offline suggestion with a note."""
        started = time.monotonic()
        deadline = started + self.settings.model.deadline_seconds
        hidden = redact(customer_text, self.settings.model.pii_patterns) if self.settings.model.redact else None
        prompt = self.prompts.build(hidden.text if hidden else customer_text, offline.analysis, tone, offline,
                                    hide=hidden.hide if hidden else None)
        try:
            data, usage = self._answer(prompt.messages, deadline)
        except (openai.OpenAIError, ModelUnavailable, ValueError) as exc:
            reason = str(exc) if isinstance(exc, ModelUnavailable) else explain(exc, self.model)
            log.warning("model not used after %.1fs: %s", time.monotonic() - started, reason)
            return replace(offline, engine="offline-fallback",
                           notes=offline.notes + (f"These are the offline drafts: {reason}.",))
        if hidden:
            data = _restore_strings(data, hidden.restore)
        checked = check_answer(data, offline, self.settings, prompt.messages[0]["content"], customer_text, prompt.section_ids)
        if prompt.shortened:
            checked.problems.insert(0, "The message was too long for the model, so it saw the start and the end only.")
        return replace(offline, engine="openai", replies=tuple(checked.replies), boundary=checked.boundary,
                       questions=tuple(checked.questions), next_steps=tuple(checked.next_steps),
                       sources=tuple(checked.sources), notes=offline.notes + tuple(checked.problems),
                       usage={"prompt_tokens": usage.prompt_tokens, "completion_tokens": usage.completion_tokens,
                              "estimated_prompt_tokens": prompt.estimated_tokens,
                              "seconds": round(time.monotonic() - started, 3)})
