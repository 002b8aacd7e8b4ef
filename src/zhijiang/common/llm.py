"""The language-model client from the settings, or None when no model is configured."""

from __future__ import annotations

from django.conf import settings

from zhijiang_engine.llm import ChatClient


def model_client() -> ChatClient | None:
    config = settings.LLM_CONFIG
    return ChatClient(config) if config is not None else None
