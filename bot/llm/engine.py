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
from bot.llm.schema import response_format, schema_problems
from bot.privacy import redact
from bot.settings import Settings
from bot.suggestion import Suggestion

log = logging.getLogger("composure.llm")
RETRYABLE = (openai.RateLimitError, openai.APITimeoutError, openai.APIConnectionError, openai.InternalServerError)


class ModelUnavailable(Exception):
    """The model could not give a usable answer; the message says why, for the agent's note."""


@dataclass(frozen=True)
class Usage:
    prompt_tokens: int
    completion_tokens: int


def _retryable(exc: BaseException) -> bool:
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
        self.mode = "json_schema" if settings.model.structured_output in ("auto", "json_schema") else "json_object"

    def _call(self, messages: list[dict], deadline: float) -> tuple[str, Usage]:
        """One logical request: retried on 429 / 5xx / timeouts / connection errors until the deadline."""
        cfg = self.settings.model

        def wait(state: RetryCallState) -> float:
            backoff = wait_exponential_jitter(multiplier=0.5, max=8)(state)
            hinted = _retry_after(state.outcome.exception() if state.outcome else None)
            pause = max(backoff, hinted or 0.0)
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
                Usage(getattr(usage, "prompt_tokens", 0) or 0, getattr(usage, "completion_tokens", 0) or 0))

    def _request(self, messages: list[dict], deadline: float) -> tuple[str, Usage]:
        try:
            return self._call(messages, deadline)
        except openai.BadRequestError as exc:
            if self.mode == "json_schema" and self.settings.model.structured_output == "auto" and \
                    "response_format" in str(exc).lower() + str(getattr(exc, "param", "")).lower():
                log.info("server has no structured outputs; using JSON mode")
                self.mode = "json_object"
                return self._call(messages, deadline)
            raise

    def _answer(self, messages: list[dict], deadline: float) -> tuple[dict, Usage]:
        """Parse and validate; in JSON mode, one repair attempt with the problems named."""
        content, usage = self._request(messages, deadline)
        for attempt in range(2):
            try:
                data = json.loads(content)
                problems = schema_problems(data)
            except (json.JSONDecodeError, TypeError):
                data, problems = None, ["the answer was not valid JSON"]
            if not problems:
                return data, usage
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
        return replace(offline, engine="openai", replies=tuple(checked.replies), boundary=checked.boundary,
                       questions=tuple(checked.questions), next_steps=tuple(checked.next_steps),
                       sources=tuple(checked.sources), notes=offline.notes + tuple(checked.problems),
                       usage={"prompt_tokens": usage.prompt_tokens, "completion_tokens": usage.completion_tokens,
                              "estimated_prompt_tokens": prompt.estimated_tokens,
                              "seconds": round(time.monotonic() - started, 3)})
