"""Talking to a large language model through any OpenAI-compatible chat-completions endpoint
(vLLM serving Qwen, DeepSeek, Ollama…), configured by ``LLM_*`` environment variables."""

from zhijiang_engine.llm.client import ChatClient, LLMConfig, LLMError, Opener, extract_json

__all__ = ["ChatClient", "LLMConfig", "LLMError", "Opener", "extract_json"]
