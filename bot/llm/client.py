"""Which model server to talk to: OpenAI, Azure OpenAI, or any OpenAI-compatible server."""

from __future__ import annotations

from urllib.parse import urlparse

from openai import AzureOpenAI, OpenAI

from bot.settings import Environment, ModelSettings

AZURE_HOSTS = (".openai.azure.com", ".cognitiveservices.azure.com", ".services.ai.azure.com")


def is_azure(base_url: str) -> bool:
    host = urlparse(base_url).hostname or ""
    return host.endswith(AZURE_HOSTS)


def make_client(env: Environment, settings: ModelSettings) -> OpenAI:
    """The official client; our own retries (tenacity) replace its built-in ones."""
    if env.openai_base_url and is_azure(env.openai_base_url):
        return AzureOpenAI(azure_endpoint=env.openai_base_url, api_key=env.openai_api_key or None,
                           api_version=settings.azure_api_version, max_retries=0,
                           timeout=settings.request_timeout_seconds)
    return OpenAI(api_key=env.openai_api_key or "not-needed-for-local-servers", base_url=env.openai_base_url or None,
                  max_retries=0, timeout=settings.request_timeout_seconds)


def model_name(env: Environment, settings: ModelSettings) -> str:
    return env.openai_model or settings.model
