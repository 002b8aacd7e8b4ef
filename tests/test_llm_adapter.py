"""The OpenAI-compatible chat adapter and the model-assisted standard drafter, against a fake
server on 127.0.0.1 (no network, no Django)."""

from __future__ import annotations

import copy
import json
import logging
import socket
import time
from typing import Any

import pytest

from tests.fake_llm import Content, Delay, FakeLLMServer, Raw, Status
from zhijiang_engine.llm import ChatClient, LLMConfig, LLMError, extract_json
from zhijiang_engine.standards import (
    DraftResult,
    StandardDocument,
    document_from_dict,
    document_to_dict,
    standard_draft_with_model,
)

SECRET = "sk-test-SECRET-never-log-me"
MESSAGES = [
    {"role": "system", "content": "只回答 JSON。"},
    {"role": "user", "content": "你好"},
]


def client_for(server: FakeLLMServer, **config: Any) -> ChatClient:
    settings: dict[str, Any] = {"base_url": server.base_url, "model": "qwen-test", **config}
    return ChatClient(LLMConfig(**settings), retry_delay_seconds=0)


def closed_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# -- configuration -----------------------------------------------------------------------------


def test_from_env_without_a_base_url_means_no_model():
    assert LLMConfig.from_env({}) is None
    assert LLMConfig.from_env({"LLM_BASE_URL": "  ", "LLM_MODEL": "qwen"}) is None


def test_from_env_reads_every_variable():
    config = LLMConfig.from_env(
        {
            "LLM_BASE_URL": "http://gpu-01:8000/v1/",
            "LLM_MODEL": "Qwen2.5-72B-Instruct",
            "LLM_API_KEY": SECRET,
            "LLM_TIMEOUT_SECONDS": "12.5",
        }
    )
    assert config == LLMConfig(
        base_url="http://gpu-01:8000/v1",
        model="Qwen2.5-72B-Instruct",
        api_key=SECRET,
        timeout_seconds=12.5,
    )
    assert config.max_attempts == 2
    assert SECRET not in repr(config)


def test_from_env_defaults():
    config = LLMConfig.from_env({"LLM_BASE_URL": "https://api.deepseek.com", "LLM_MODEL": "m"})
    assert config is not None
    assert (config.api_key, config.timeout_seconds) == ("", 60.0)


def test_from_env_needs_a_model():
    with pytest.raises(ValueError, match="LLM_MODEL"):
        LLMConfig.from_env({"LLM_BASE_URL": "http://localhost:11434/v1"})
    with pytest.raises(ValueError, match="LLM_MODEL"):
        LLMConfig.from_env({"LLM_BASE_URL": "http://localhost:11434/v1", "LLM_MODEL": " "})


@pytest.mark.parametrize("url", ["ftp://host/v1", "localhost:8000/v1", "http://", "not a url"])
def test_from_env_rejects_a_url_that_is_not_http(url):
    with pytest.raises(ValueError, match="LLM_BASE_URL"):
        LLMConfig.from_env({"LLM_BASE_URL": url, "LLM_MODEL": "m"})


@pytest.mark.parametrize("timeout", ["0", "-3", "soon", "nan", "inf"])
def test_from_env_rejects_a_bad_timeout(timeout):
    with pytest.raises(ValueError, match="LLM_TIMEOUT_SECONDS"):
        LLMConfig.from_env(
            {"LLM_BASE_URL": "http://h/v1", "LLM_MODEL": "m", "LLM_TIMEOUT_SECONDS": timeout}
        )


# -- the request -------------------------------------------------------------------------------


def test_request_shape_with_a_key():
    with FakeLLMServer(['{"ok": true}']) as server:
        client = client_for(server, api_key=SECRET, base_url=server.base_url + "/")
        answer = client.complete(MESSAGES, temperature=0.1, max_tokens=123)
    assert answer == '{"ok": true}'
    (request,) = server.requests
    assert request.method == "POST"
    assert request.path == "/v1/chat/completions"
    assert request.header("Authorization") == f"Bearer {SECRET}"
    assert request.header("Content-Type") == "application/json"
    assert request.body == {
        "model": "qwen-test",
        "messages": MESSAGES,
        "temperature": 0.1,
        "max_tokens": 123,
        "response_format": {"type": "json_object"},
    }


def test_no_bearer_header_without_a_key_and_no_response_format_outside_json_mode():
    with FakeLLMServer(["plain text"]) as server:
        assert client_for(server).complete(MESSAGES, json_mode=False) == "plain text"
    (request,) = server.requests
    assert request.header("Authorization") is None
    assert "response_format" not in request.body
    assert (request.body["temperature"], request.body["max_tokens"]) == (0.2, 4096)


def test_a_base_url_that_is_not_http_is_refused():
    with pytest.raises(ValueError, match="http"):
        ChatClient(LLMConfig(base_url="file:///etc", model="m"))


def test_unknown_path_is_404():
    with FakeLLMServer(["{}"]) as server:
        client = ChatClient(
            LLMConfig(base_url=server.base_url + "/nowhere", model="m"), retry_delay_seconds=0
        )
        with pytest.raises(LLMError) as caught:
            client.complete(MESSAGES)
    assert caught.value.reason == "HTTP 404"
    assert len(server.requests) == 1
    assert server.pending == 1


# -- JSON extraction ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"a": 1}', {"a": 1}),
        ("  [1, 2]\n", [1, 2]),
        ('```json\n{"a": {"b": "}"}}\n```', {"a": {"b": "}"}}),
        ('好的，标准如下：\n```json\n{"a": 1}\n```\n请审阅。', {"a": 1}),
        ('```\n{"a": 1}\n```', {"a": 1}),
        ('这是结果：{"a": {"b": [1, "{"]}} 以上。', {"a": {"b": [1, "{"]}}),
        ('用 {占位} 表示：{"a": 2}', {"a": 2}),
        ('<think>先想想 {x}</think>\n{"a": 3}', {"a": 3}),
    ],
)
def test_json_is_extracted(content, expected):
    assert extract_json(content) == expected
    with FakeLLMServer([content]) as server:
        assert client_for(server).complete_json(MESSAGES) == expected


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("对不起，我无法回答。", "no JSON object in the answer"),
        ("", "no JSON object in the answer"),
        ('{"a": 1,}', "answer is not valid JSON"),
        ('结果：{"a": [1, 2', "answer is not valid JSON"),
        ("```json\n{'a': 1}\n```", "answer is not valid JSON"),
    ],
)
def test_answers_without_json(content, reason):
    with FakeLLMServer([content]) as server, pytest.raises(LLMError) as caught:
        client_for(server).complete_json(MESSAGES)
    assert caught.value.reason == reason
    assert str(caught.value) == reason


def test_a_response_that_is_not_a_chat_completion():
    with FakeLLMServer([Raw(b"\xff\xfe not json"), Raw(b'{"choices": []}')]) as server:
        client = client_for(server)
        with pytest.raises(LLMError, match="response is not valid JSON"):
            client.complete(MESSAGES)
        with pytest.raises(LLMError, match=r"choices\[0\]"):
            client.complete(MESSAGES)
    assert len(server.requests) == 2  # malformed responses are not retried


# -- retries and failures ----------------------------------------------------------------------


def test_retries_once_after_a_server_error():
    with FakeLLMServer([500, '{"ok": 1}']) as server:
        assert client_for(server).complete_json(MESSAGES) == {"ok": 1}
    assert len(server.requests) == 2


def test_gives_up_after_max_attempts():
    with FakeLLMServer([503, 502, "{}"]) as server:
        with pytest.raises(LLMError) as caught:
            client_for(server).complete(MESSAGES)
        assert caught.value.reason == "HTTP 502"
        assert server.pending == 1


def test_never_retries_a_client_error():
    replies = [Status(400, b'{"error": {"message": "bad"}}'), "{}"]
    with FakeLLMServer(replies) as server, pytest.raises(LLMError) as caught:
        client_for(server).complete(MESSAGES)
    assert caught.value.reason == "HTTP 400"
    assert len(server.requests) == 1


def test_timeout():
    with FakeLLMServer([Delay(5), Delay(5)]) as server:
        client = client_for(server, timeout_seconds=0.2)
        started = time.monotonic()
        with pytest.raises(LLMError) as caught:
            client.complete(MESSAGES)
        elapsed = time.monotonic() - started
    assert caught.value.reason == "timeout"
    assert len(server.requests) == 2  # one retry
    assert elapsed < 3


def test_timeout_then_success():
    with FakeLLMServer([Delay(5), Content('{"late": false}')]) as server:
        assert client_for(server, timeout_seconds=0.2).complete_json(MESSAGES) == {"late": False}


def test_connection_refused():
    config = LLMConfig(base_url=f"http://127.0.0.1:{closed_port()}/v1", model="m")
    with pytest.raises(LLMError) as caught:
        ChatClient(config, retry_delay_seconds=0).complete(MESSAGES)
    assert caught.value.reason == "connection refused"


def test_single_attempt_configuration():
    with FakeLLMServer([500, "{}"]) as server, pytest.raises(LLMError, match="HTTP 500"):
        client_for(server, max_attempts=1).complete(MESSAGES)
    assert len(server.requests) == 1


# -- drafting a standard with the model --------------------------------------------------------


def _function(title: str, theory: int, skill: int, content: str) -> dict[str, Any]:
    return {
        "title": title,
        "theory_weight": theory,
        "skill_weight": skill,
        "contents": [
            {
                "title": content,
                "skills": [{"text": f"能完成{content}", "skills": [content]}],
                "knowledge": [{"text": f"{content}的基本知识", "skills": []}],
            }
        ],
    }


OFFLINE_DICT: dict[str, Any] = {
    "format": "zhijiang.standard/1",
    "occupation": {
        "code": "4-04-05-05",
        "name": "人工智能训练师",
        "definition": (
            "使用智能训练软件，在人工智能产品实际使用过程中进行数据库管理、算法参数设置等工作的人员。"
        ),
    },
    "overview": {"等级": "五级、四级"},
    "basic_requirements": {
        "ethics": ["遵纪守法，诚实守信"],
        "knowledge": ["人工智能基础知识"],
    },
    "levels": [
        {
            "level": 2,
            "basic_weight": 30,
            "functions": [
                _function("数据采集和处理", 40, 60, "数据采集"),
                _function("数据标注", 30, 40, "原始数据标注"),
            ],
        },
        {
            "level": 3,
            "basic_weight": 20,
            "functions": [
                _function("数据采集和处理", 30, 50, "数据清洗"),
                _function("智能系统运维", 50, 50, "系统维护"),
            ],
        },
    ],
}
DEFINITION = OFFLINE_DICT["occupation"]["definition"]
TASKS = ["采集和处理业务数据", "标注和加工数据", "维护智能系统"]


def offline_document() -> StandardDocument:
    return document_from_dict(copy.deepcopy(OFFLINE_DICT))


def richer_answer() -> dict[str, Any]:
    answer = copy.deepcopy(OFFLINE_DICT)
    level = answer["levels"][0]
    level["functions"][0]["title"] = "业务数据采集与处理"
    level["functions"][0]["contents"][0]["skills"].append(
        {"text": "能使用采集工具批量采集文本、图像数据", "skills": ["数据采集工具使用"]}
    )
    answer["basic_requirements"]["ethics"].append("爱岗敬业，保护数据安全和个人隐私")
    return answer


def draft(server: FakeLLMServer, **config: Any) -> DraftResult:
    return standard_draft_with_model(
        client_for(server, **config),
        offline=offline_document(),
        occupation_definition=DEFINITION,
        occupation_tasks=TASKS,
    )


def test_without_a_model_the_offline_draft_is_used():
    offline = offline_document()
    result = standard_draft_with_model(
        None, offline=offline, occupation_definition=DEFINITION, occupation_tasks=TASKS
    )
    assert result == DraftResult(offline, "offline", None)


def test_a_valid_richer_answer_is_accepted():
    answer = richer_answer()
    with FakeLLMServer([json.dumps(answer, ensure_ascii=False)]) as server:
        result = draft(server)
    assert result.source == "llm:qwen-test"
    assert result.fallback_reason is None
    assert result.document == document_from_dict(answer)
    assert result.document.levels[0].functions[0].title == "业务数据采集与处理"
    assert result.document != offline_document()

    (request,) = server.requests
    system, user = request.body["messages"]
    assert system["role"] == "system"
    assert "国家职业技能标准" in system["content"]
    assert "能" in system["content"]
    assert "100" in system["content"]
    assert "JSON" in system["content"]
    assert user["role"] == "user"
    assert "4-04-05-05" in user["content"]
    assert DEFINITION in user["content"]
    assert all(task in user["content"] for task in TASKS)
    assert json.dumps(document_to_dict(offline_document()), ensure_ascii=False) in user["content"]
    assert request.body["response_format"] == {"type": "json_object"}


def test_a_fenced_answer_with_prose_is_accepted():
    text = "以下是改写后的标准：\n```json\n" + json.dumps(richer_answer(), ensure_ascii=False)
    with FakeLLMServer([text + "\n```"]) as server:
        assert draft(server).source == "llm:qwen-test"


def _fallback(server: FakeLLMServer, caplog: pytest.LogCaptureFixture) -> DraftResult:
    with caplog.at_level(logging.WARNING, logger="zhijiang_engine.llm"):
        result = draft(server, api_key=SECRET)
    assert result.document == offline_document()
    assert result.source == "offline"
    assert result.fallback_reason
    assert "\n" not in result.fallback_reason
    assert any(result.fallback_reason in record.getMessage() for record in caplog.records)
    return result


def test_a_malformed_answer_falls_back(caplog):
    with FakeLLMServer(['{"format": "zhijiang.standard/1", "levels": [']) as server:
        result = _fallback(server, caplog)
    assert "answer is not valid JSON" in result.fallback_reason


def test_an_answer_without_json_falls_back(caplog):
    with FakeLLMServer(["抱歉，我不能完成这个任务。"]) as server:
        result = _fallback(server, caplog)
    assert "no JSON object in the answer" in result.fallback_reason


def test_weights_that_do_not_sum_to_100_fall_back_with_the_path(caplog):
    answer = richer_answer()
    answer["levels"][0]["functions"][1]["theory_weight"] = 20  # 30 + 40 + 20 = 90
    with FakeLLMServer([json.dumps(answer, ensure_ascii=False)]) as server:
        result = _fallback(server, caplog)
    assert "$.levels[0]" in result.fallback_reason
    assert "90" in result.fallback_reason


def test_only_the_first_three_schema_errors_are_given(caplog):
    answer = richer_answer()
    for level in answer["levels"]:
        level["basic_weight"] = 101
        level["functions"][0]["title"] = ""
    with FakeLLMServer([json.dumps(answer, ensure_ascii=False)]) as server:
        result = _fallback(server, caplog)
    assert result.fallback_reason.count("$.levels") == 3
    assert "more)" in result.fallback_reason


def test_a_different_occupation_code_falls_back(caplog):
    answer = richer_answer()
    answer["occupation"]["code"] = "4-04-05-06"
    with FakeLLMServer([json.dumps(answer, ensure_ascii=False)]) as server:
        result = _fallback(server, caplog)
    assert "occupation code" in result.fallback_reason


@pytest.mark.parametrize("change", ["drop", "add", "renumber"])
def test_different_levels_fall_back(caplog, change):
    answer = richer_answer()
    if change == "drop":
        answer["levels"].pop()
    elif change == "add":
        extra = copy.deepcopy(answer["levels"][1])
        extra["level"] = 4
        answer["levels"].append(extra)
    else:
        answer["levels"][1]["level"] = 5
    with FakeLLMServer([json.dumps(answer, ensure_ascii=False)]) as server:
        result = _fallback(server, caplog)
    assert "levels" in result.fallback_reason


def test_a_level_without_functions_falls_back(caplog):
    answer = richer_answer()
    answer["levels"][1]["functions"] = []
    with FakeLLMServer([json.dumps(answer, ensure_ascii=False)]) as server:
        result = _fallback(server, caplog)
    assert "$.levels[1].functions" in result.fallback_reason


def test_two_server_errors_fall_back(caplog):
    with FakeLLMServer([500, 500, json.dumps(richer_answer())]) as server:
        result = _fallback(server, caplog)
    assert result.fallback_reason == "model call failed: HTTP 500"
    assert len(server.requests) == 2


def test_an_unreachable_model_falls_back(caplog):
    config = LLMConfig(base_url=f"http://127.0.0.1:{closed_port()}/v1", model="m")
    with caplog.at_level(logging.WARNING, logger="zhijiang_engine.llm"):
        result = standard_draft_with_model(
            ChatClient(config, retry_delay_seconds=0),
            offline=offline_document(),
            occupation_definition=DEFINITION,
            occupation_tasks=TASKS,
        )
    assert result.source == "offline"
    assert result.fallback_reason == "model call failed: connection refused"


def test_neither_the_key_nor_the_bodies_are_logged(caplog):
    answer = richer_answer()
    answer["levels"][0]["basic_weight"] = 20
    replies = [500, json.dumps(answer, ensure_ascii=False), 400, "不是 JSON", Delay(5), Delay(5)]
    with (
        caplog.at_level(logging.DEBUG),
        FakeLLMServer(replies) as server,
    ):
        draft(server, api_key=SECRET)
        draft(server, api_key=SECRET)
        draft(server, api_key=SECRET)
        draft(server, api_key=SECRET, timeout_seconds=0.2)
        with FakeLLMServer([json.dumps(richer_answer(), ensure_ascii=False)]) as good:
            assert draft(good, api_key=SECRET).source == "llm:qwen-test"
    logged = caplog.text + " ".join(str(record.args) for record in caplog.records)
    assert caplog.records, "the failures should have been logged"
    assert SECRET not in logged
    assert "人工智能训练师" not in logged  # the prompt
    assert "不是 JSON" not in logged  # the answer
    assert DEFINITION not in logged
