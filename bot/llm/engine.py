"""The model engine: one call per suggestion, retried within a deadline, checked, and never a
reason for the agent to wait on a failing model (the offline suggestion stands in)."""

from __future__ import annotations

import json
import logging
import threading
import time
from dataclasses import dataclass, replace

import openai
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    wait_exponential_jitter,
)

from bot.llm.client import is_azure, make_client, model_name
from bot.llm.guard import check_answer
from bot.llm.pace import MARGIN, Budget, Pace, budget, prompt_budget
from bot.llm.prompt import PromptBuilder, messages_tokens
from bot.llm.schema import as_list, lenient, schema_problems
from bot.llm.servers import ServerProfile, identify
from bot.llm.transport import Answer, ModelUnavailable, send
from bot.privacy import redact
from bot.settings import Settings
from bot.suggestion import Suggestion

log = logging.getLogger("composure.llm")
# A timed-out request is not retried: the server is most likely still generating it (llama.cpp keeps going
# on an abandoned request, blocking its only slot), and asking again starts the whole generation over.
RETRYABLE = (openai.RateLimitError, openai.APIConnectionError, openai.InternalServerError)


@dataclass(frozen=True)
class Usage:
    prompt_tokens: int
    completion_tokens: int


# A server that can't do the requested output format says so in its error, with any status (llama-cpp-python
# answers 500 "Input should be 'text' or 'json_object'"): that is a cue to try the next shape, not to retry.
_FORMAT_REFUSED = ("format", "json_schema", "json_object", "'text'", "structured output", "grammar", "schema")


def said_by_server(exc: BaseException) -> str:
    """What the server said, in whichever error shape it used (Ollama's native one is a bare string)."""
    return f"{exc} {getattr(exc, 'body', '') or ''} {getattr(exc, 'param', '') or ''}"


def format_refused(exc: BaseException) -> bool:
    if not isinstance(exc, openai.APIStatusError) or exc.status_code < 400:
        return False
    return any(word in said_by_server(exc).lower() for word in _FORMAT_REFUSED)


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
    (openai.BadRequestError, "the model server refused the request (400; the log has its reason)"),
    (openai.APITimeoutError, "the model did not answer in time: for a slow server, raise COMPOSURE_MODEL_TIMEOUT "
                             "or request_timeout_seconds in config/llm.toml"),
    (openai.APIConnectionError, "the model server could not be reached: check OPENAI_BASE_URL"),
    (openai.RateLimitError, "the model server kept answering 429 (rate limited)"),
    (openai.APIStatusError, "the model server failed ({status})"),
)


def explain(exc: BaseException, model: str) -> str:
    """One sentence naming the cause, for people who must fix the configuration."""
    if isinstance(exc, openai.BadRequestError) and "context" in said_by_server(exc).lower():
        return ("the message and instructions did not fit the model server's context: start the server with a larger "
                "context, or set COMPOSURE_MODEL_CONTEXT (context_tokens in config/llm.toml) to its size so they are shortened to fit")
    for kind, sentence in CAUSES:
        if isinstance(exc, kind):
            if isinstance(exc, openai.APIStatusError):
                log.info("model server said (%s): %s", exc.status_code, said_by_server(exc)[:300])
            return sentence.format(model=model, status=getattr(exc, "status_code", "?"))
    log.info("model answer unusable: %s", type(exc).__name__)
    return "the model's answer could not be read (the server sent something that is not a chat completion)"


def topic_names(settings: Settings, playbook) -> dict[str, tuple[str, ...]]:
    """Each topic's names, for telling whether a model's draft says what the message is about."""
    from bot.situations import load_case_vocabulary

    return {t.name: t.words for t in load_case_vocabulary(settings.config_dir, playbook).topics}


def _restore_strings(node, restore):
    """Put the customer's details back into every string the model wrote."""
    if isinstance(node, dict):
        return {k: _restore_strings(v, restore) for k, v in node.items()}
    if isinstance(node, list):
        return [_restore_strings(v, restore) for v in node]
    return restore(node) if isinstance(node, str) else node


class ModelEngine:
    def __init__(self, settings: Settings, prompts: PromptBuilder, client: openai.OpenAI | None = None,
                 clock=time.monotonic) -> None:
        self.settings = settings
        self.prompts = prompts
        self.client = client or make_client(settings.env, settings.model)
        self.model = model_name(settings.env, settings.model)
        self.clock = clock
        self.server: ServerProfile | None = None  # identified on the first suggestion, then remembered
        self.pace: Pace | None = None
        self.mode = ""  # the request shape this server accepted last
        self.synonyms = topic_names(settings, prompts.playbook)
        self._identifying = threading.Lock()  # Slack's workers share the engine: the server is asked once

    def _identify(self) -> ServerProfile:
        """Ask the server once what it is; a configured context or format wins over what it says."""
        with self._identifying:
            if self.server is None:
                self._ask_server()
        return self.server

    def _ask_server(self) -> None:
        """What the server is, its context, the first shape to ask it in, and the pace to assume."""
        cfg, base = self.settings.model, self.settings.env.openai_base_url
        wanted = cfg.max_prompt_tokens + cfg.max_completion_tokens + MARGIN
        found = identify(self.client, base, self.model, wanted, azure=bool(base) and is_azure(base))
        self.server = replace(found, context_tokens=cfg.context_tokens or found.context_tokens)
        self.pace = Pace.assumed(cfg, self.server.local)
        self.mode = self.server.chain(cfg.structured_output)[0]
        log.info("model server: %s, context %s tokens, first request shape %s", self.server.kind,
                 self.server.context_tokens or "unknown", self.mode)

    def _call(self, messages: list[dict], deadline: float, mode: str | None = None) -> Answer:
        """One logical request: retried on 429 / 5xx / connection errors until the deadline (not on timeouts).
        `mode` "text" asks for plain prose (a reply rewrite) instead of the suggestion's JSON shape."""
        cfg, server, pace = self.settings.model, self._identify(), self.pace
        prompt_tokens = messages_tokens(messages)
        fitted = budget(cfg, pace, prompt_tokens, server.context_tokens)

        def wait(state: RetryCallState) -> float:
            backoff = wait_exponential_jitter(multiplier=0.5, max=8)(state)
            hinted = _retry_after(state.outcome.exception() if state.outcome else None)
            pause = hinted if hinted is not None else backoff  # the server said when; believe it
            return min(pause, max(0.0, deadline - self.clock()))

        retrying = Retrying(reraise=True, wait=wait, retry=retry_if_exception(_retryable),
                            stop=stop_after_attempt(cfg.max_attempts) | (lambda state: self.clock() >= deadline))
        for attempt in retrying:
            with attempt:
                remaining = deadline - self.clock()
                if remaining <= 0.05:
                    raise ModelUnavailable(self._too_slow())
                started = self.clock()
                try:
                    answer = send(self.client, server, mode or self.mode, self.model, messages, fitted.max_tokens,
                                  cfg.temperature, min(fitted.request_seconds, remaining))
                except openai.APITimeoutError:
                    pace.timed_out()  # the next suggestion gets more time
                    raise
        pace.observe(answer.prompt_tokens or prompt_tokens, answer.completion_tokens, self.clock() - started, answer.timings)
        if answer.finish == "length":
            raise ModelUnavailable(self._cut_off(fitted))
        return answer

    def _too_slow(self) -> str:
        return ("the model did not answer in time: for a slow server, raise COMPOSURE_MODEL_DEADLINE "
                "or deadline_seconds in config/llm.toml")

    def _cut_off(self, fitted: Budget) -> str:
        cfg = self.settings.model
        if fitted.max_tokens < cfg.max_completion_tokens:
            return (f"the model's answer was cut off because the server's context ({self.server.context_tokens} tokens) "
                    "left too little room: start the server with a larger context, or lower max_prompt_tokens in config/llm.toml")
        return (f"the model's answer was cut off at {cfg.max_completion_tokens} tokens: raise COMPOSURE_MODEL_MAX_TOKENS "
                "or max_completion_tokens in config/llm.toml")

    def ask_text(self, messages: list[dict], started: float) -> Answer:
        """A plain-prose answer (the rewrite "Check my reply" asks for), with the suggestion's pace, retries and deadline."""
        server = self._identify()
        fitted = budget(self.settings.model, self.pace, messages_tokens(messages), server.context_tokens)
        return self._call(messages, started + fitted.deadline_seconds, mode="text")

    def _request(self, messages: list[dict], deadline: float) -> tuple[str, Usage]:
        """One answer, in the first request shape this server accepts (remembered for the next call)."""
        while True:
            try:
                answer = self._call(messages, deadline)
                return answer.content, Usage(answer.prompt_tokens, answer.completion_tokens)
            except openai.APIStatusError as exc:
                chain = self.server.chain(self.settings.model.structured_output)
                later = chain[chain.index(self.mode) + 1:] if self.mode in chain else ()
                if not (format_refused(exc) and later):
                    raise
                log.info("the model server refused request shape %s (%s); trying %s", self.mode, exc.status_code, later[0])
                self.mode = later[0]

    def _answer(self, messages: list[dict], deadline: float) -> tuple[dict, Usage]:
        """Parse and validate; when the shape is wrong, one repair attempt with the problems named."""
        content, usage = self._request(messages, deadline)
        for attempt in range(2):
            try:
                data = lenient(json.loads(content, strict=False))  # llama.cpp's grammar lets raw newlines into strings
                problems = schema_problems(data)
            except (json.JSONDecodeError, TypeError):
                data, problems = None, ["the answer was not valid JSON"]
            if not problems:
                return dict(data, replies=as_list(data["replies"])), usage
            log.debug("model answer did not fit the schema: %s", problems)
            if attempt == 1:
                break
            repair = [*messages, {"role": "assistant", "content": content[:4000]}, self.prompts.repair_message(problems)]
            again, more = self._request(repair, deadline)
            usage = Usage(usage.prompt_tokens + more.prompt_tokens, usage.completion_tokens + more.completion_tokens)
            if again.strip() == content.strip():
                break  # the same answer resent: asking a third time would not help
            content = again
        missing = "could not be read" if data is None else "was not in the expected shape (parts of the drafts were missing)"
        raise ModelUnavailable(f"the model's answer {missing}, twice")

    def _prepare(self, customer_text: str, offline: Suggestion, tone: str | None):
        """The server, the redaction, the prompt that fits its context, and the time it is given."""
        hidden = redact(customer_text, self.settings.model.pii_patterns) if self.settings.model.redact else None
        server = self._identify()
        cap = prompt_budget(self.settings.model, server.context_tokens)
        prompt = self.prompts.build(hidden.text if hidden else customer_text, offline.analysis, tone, offline,
                                    hide=hidden.hide if hidden else None, budget=cap)
        return server, hidden, prompt, budget(self.settings.model, self.pace, prompt.estimated_tokens, server.context_tokens)

    def expected_wait(self, customer_text: str, offline: Suggestion, tone: str | None = None) -> float:
        """How long the person waiting may wait for this message: the budget fitted to the server's pace and
        this prompt, which on a slow local server is far longer than the configured deadline."""
        try:
            return self._prepare(customer_text, offline, tone)[3].deadline_seconds
        except (openai.OpenAIError, ModelUnavailable, ValueError):
            return self.settings.model.deadline_seconds  # improve() will say what went wrong

    def improve(self, customer_text: str, offline: Suggestion, tone: str | None = None) -> Suggestion:
        """The model's drafts over the offline analysis; on any failure, the offline suggestion with a note."""
        started = self.clock()
        try:
            server, hidden, prompt, fitted = self._prepare(customer_text, offline, tone)
            data, usage = self._answer(prompt.messages, started + fitted.deadline_seconds)
        except (openai.OpenAIError, ModelUnavailable, ValueError) as exc:
            reason = str(exc) if isinstance(exc, ModelUnavailable) else explain(exc, self.model)
            log.warning("model not used after %.1fs: %s", self.clock() - started, reason)
            return replace(offline, engine="offline-fallback",
                           notes=offline.notes + (f"These are the offline drafts: {reason}.",))
        if hidden:
            data = _restore_strings(data, hidden.restore)
        checked = check_answer(data, offline, self.settings, prompt.messages[0]["content"], customer_text, prompt.section_ids,
                               self.synonyms)
        if prompt.shortened:
            checked.problems.insert(0, "The message was too long for the model, so it saw the start and the end only.")
        return replace(offline, engine="openai", replies=tuple(checked.replies), boundary=checked.boundary,
                       questions=tuple(checked.questions), next_steps=tuple(checked.next_steps),
                       sources=tuple(checked.sources), notes=offline.notes + tuple(checked.problems),
                       usage={"prompt_tokens": usage.prompt_tokens, "completion_tokens": usage.completion_tokens,
                              "estimated_prompt_tokens": prompt.estimated_tokens, "server": server.kind,
                              "request_shape": self.mode, "budget_seconds": round(fitted.deadline_seconds, 1),
                              "max_tokens": fitted.max_tokens, "seconds": round(self.clock() - started, 3)})
