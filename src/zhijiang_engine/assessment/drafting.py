"""Item drafts from a standard's requirements: offline templates with placeholders a reviewer
must fill, or a language model's items when one is configured and its answer is valid.

Every draft is only a draft: the platform stores it as such and a second person reviews it.
A template's blanks are marked with ``PLACEHOLDER`` so that review can refuse unfilled drafts.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from zhijiang_engine.assessment.item_checks import item_problem
from zhijiang_engine.llm.client import ChatClient, LLMError
from zhijiang_engine.standards.draft import OccupationFacts

logger = logging.getLogger("zhijiang_engine.llm")

PLACEHOLDER = "【待填"  # every blank of a template starts with this mark
SINGLE, MULTIPLE, TRUE_FALSE, SHORT_ANSWER = "single", "multiple", "true_false", "short_answer"
KINDS = (SINGLE, MULTIPLE, TRUE_FALSE, SHORT_ANSWER)
LETTERS = "ABCDEF"
_VERBS = re.compile(r"^(?:熟练掌握|掌握|了解|熟悉|理解|知道|能够|能)")
_MAX_TEXT = 1000


@dataclass(frozen=True)
class ItemDraft:
    requirement: str
    kind: str
    stem: str
    options: tuple[str, ...]
    answer: str  # letters for choice items, "T"/"F" for true/false, the key for short answers
    explanation: str


@dataclass(frozen=True)
class DraftBatch:
    items: tuple[ItemDraft, ...]
    source: str  # "template", the offline generator's name, or "llm:<model>"
    fallback_reason: str | None
    dropped: tuple[str, ...] = ()  # why each model item left out was invalid ("$.items[i]: …")


def has_placeholder(*texts: str) -> bool:
    return any(PLACEHOLDER in text for text in texts)


def _topic(text: str) -> str:
    return _VERBS.sub("", text.strip()).rstrip("。.；;") or text.strip()


def template_drafts(requirements: Mapping[str, str]) -> tuple[ItemDraft, ...]:
    """Two drafts per knowledge, basic or ethics requirement (true/false and single choice)
    and one scenario single-choice draft per skill requirement."""
    drafts: list[ItemDraft] = []
    for requirement, text in requirements.items():
        topic = _topic(text)
        note = f"草稿：依据要求 {requirement}（{text}）生成，须由审核人补全并核对。"
        if ".S" in requirement:
            drafts.append(
                ItemDraft(
                    requirement,
                    SINGLE,
                    f"在工作中需要{topic}时，下列做法正确的是（  ）。",
                    (
                        "【待填：正确做法】",
                        "【待填：常见错误做法一】",
                        "【待填：常见错误做法二】",
                        "【待填：常见错误做法三】",
                    ),
                    "A",
                    note,
                )
            )
            continue
        drafts.append(
            ItemDraft(
                requirement,
                TRUE_FALSE,
                f"【待填：一句关于“{topic}”的陈述，判断其正误】",
                (),
                "T",
                note + "答案请按陈述改为“正确”或“错误”。",
            )
        )
        drafts.append(
            ItemDraft(
                requirement,
                SINGLE,
                f"下列关于{topic}的说法中，正确的是（  ）。",
                (
                    f"【待填：关于{topic}的正确说法】",
                    "【待填：干扰项一】",
                    "【待填：干扰项二】",
                    "【待填：干扰项三】",
                ),
                "A",
                note,
            )
        )
    return tuple(drafts)


SYSTEM_PROMPT = """你是职业技能等级认定的命题专家。

给定一个职业（名称、职业定义、主要工作任务）、等级和若干条标准要求（编号与内容），请为每条要求\
编写 1 至 2 道理论知识试题。
好的试题考的是这个职业的工作本身：概念及其含义、操作步骤及其先后顺序、工作情境中的正确做法、\
工具设备与软件的用途、安全与法规、本职业常用的计算。干扰项要似是而非（同一类、同一领域），\
但绝不能也是正确答案。绝不要出关于标准文件本身的题（例如某条内容属于哪项“相关知识要求”\
“技能要求”或“工作内容”、标准的结构、比重表）。
题型（kind）：single（单选，恰好 4 个选项，1 个正确答案）、multiple（多选，4 至 6 个选项，\
2 个以上正确答案）、true_false（判断，无选项，答案 T 或 F）、short_answer（简答，无选项，\
答案为参考答案要点）。
必须遵守：
- requirement 必须是给定的编号之一；
- 选择题的 options 为选项文字的数组（不带 A、B 等字母），各选项互不相同，answer 为正确选项的\
字母，如 "B" 或 "AC"；
- 题干不得包含正确答案的文字；
- 用简体中文书写；题干 5 至 200 字，每个选项不超过 100 字，解析不超过 500 字；
- 内容准确、符合国家职业技能标准和该等级的要求；
- 只回答一个 JSON 对象：{"items": [{"requirement", "kind", "stem", "options", "answer", \
"explanation"}]}，不要输出任何解释或 Markdown 代码块。"""


class _InvalidAnswer(ValueError):
    pass


def _text(value: Any, where: str, *, required: bool = True) -> str:
    if not isinstance(value, str) or (required and not value.strip()) or len(value) > _MAX_TEXT:
        raise _InvalidAnswer(f"{where} must be a text of at most {_MAX_TEXT} characters")
    return value.strip()


def check_answer(kind: str, options: Sequence[str], answer: str) -> str | None:
    """Why ``answer`` does not fit an item of ``kind`` with ``options``; None when it fits."""
    letters = LETTERS[: len(options)]
    if kind in (SINGLE, MULTIPLE) and not 2 <= len(options) <= len(LETTERS):
        return "choice items have 2 to 6 options"
    if kind == SINGLE and (len(answer) != 1 or answer not in letters):
        return "a single-choice answer is one option letter"
    if kind == MULTIPLE and (
        len(answer) < 2 or any(c not in letters for c in answer) or len(set(answer)) != len(answer)
    ):
        return "a multiple-choice answer is two or more option letters"
    if kind == TRUE_FALSE and (options or answer not in ("T", "F")):
        return "a true/false item has no options and the answer T or F"
    if kind == SHORT_ANSWER and (options or not answer):
        return "a short-answer item has no options and a key"
    return None


def _read_item(value: Any, where: str, requirements: Mapping[str, str]) -> ItemDraft:
    if not isinstance(value, dict):
        raise _InvalidAnswer(f"{where} must be an object")
    requirement = _text(value.get("requirement"), f"{where}.requirement")
    if requirement not in requirements:
        raise _InvalidAnswer(f"{where}.requirement {requirement!r} was not asked for")
    kind = _text(value.get("kind"), f"{where}.kind")
    if kind not in KINDS:
        raise _InvalidAnswer(f"{where}.kind {kind!r} is unknown")
    raw_options = value.get("options") or []
    if not isinstance(raw_options, list):
        raise _InvalidAnswer(f"{where}.options must be a list")
    options = tuple(_text(o, f"{where}.options[{i}]") for i, o in enumerate(raw_options))
    answer = _text(value.get("answer"), f"{where}.answer")
    if kind in (SINGLE, MULTIPLE):
        answer = "".join(sorted(answer.upper().replace(",", "").replace(" ", "")))
    stem = _text(value.get("stem"), f"{where}.stem")
    explanation = _text(value.get("explanation") or "", f"{where}.explanation", required=False)
    problem = check_answer(kind, options, answer) or item_problem(
        kind, stem, options, answer, explanation
    )
    if problem:
        raise _InvalidAnswer(f"{where}: {problem}")
    return ItemDraft(requirement, kind, stem, options, answer, explanation)


@dataclass(frozen=True)
class ScreenedItems:
    """A model answer's valid items and, for each item left out, why."""

    items: tuple[ItemDraft, ...]
    dropped: tuple[str, ...]


def screen_model_items(answer: Any, requirements: Mapping[str, str]) -> ScreenedItems:
    """Each of the model's items checked on its own: the valid ones are kept, the invalid ones
    dropped with their reason. ``ValueError`` only when the answer is not ``{"items": [...]}``."""
    if not isinstance(answer, dict) or not isinstance(answer.get("items"), list):
        raise _InvalidAnswer('the answer must be {"items": [...]}')
    items: list[ItemDraft] = []
    dropped: list[str] = []
    for i, value in enumerate(answer["items"]):
        try:
            items.append(_read_item(value, f"$.items[{i}]", requirements))
        except _InvalidAnswer as error:
            dropped.append(str(error))
    return ScreenedItems(tuple(items), tuple(dropped))


def dropped_summary(dropped: Sequence[str], shown: int = 3) -> str:
    """One line saying how many items were dropped and why (the first ``shown`` reasons)."""
    reasons = "; ".join(dropped[:shown])
    more = f"; … ({len(dropped) - shown} more)" if len(dropped) > shown else ""
    return f"{len(dropped)} invalid item(s) dropped: {reasons}{more}"


def read_model_items(answer: Any, requirements: Mapping[str, str]) -> tuple[ItemDraft, ...]:
    """The model's valid items; ``ValueError`` when it gave none (naming why they failed)."""
    screened = screen_model_items(answer, requirements)
    if not screened.items:
        if not screened.dropped:
            raise _InvalidAnswer("the answer holds no items")
        raise _InvalidAnswer("no valid item, " + dropped_summary(screened.dropped))
    return screened.items


def offline_drafts(
    requirements: Mapping[str, str], occupation: Offline | None = None
) -> DraftBatch:
    """Items about the occupation's work from the classification when it says enough, else
    blank templates for the expert to write (marked with ``PLACEHOLDER``)."""
    if occupation is not None:
        from zhijiang_engine.assessment.occupation_items import GENERATOR, occupation_drafts

        items = occupation_drafts(
            occupation=occupation.facts,
            others=occupation.others,
            requirements=requirements,
            rng=occupation.rng,
        )
        if items:
            return DraftBatch(items, GENERATOR, None)
    return DraftBatch(template_drafts(requirements), "template", None)


@dataclass(frozen=True)
class Offline:
    """What the offline generator needs to write items about the occupation: its facts from
    the classification, those of the occupations around it, and the randomness to use."""

    facts: OccupationFacts
    others: Sequence[OccupationFacts]
    rng: np.random.Generator


def drafts_with_model(
    client: ChatClient | None,
    *,
    occupation_name: str,
    level_name: str,
    requirements: Mapping[str, str],
    offline: Offline | None = None,
) -> DraftBatch:
    """The model's drafts when a model is configured and answers validly, else the offline
    ones (with ``fallback_reason`` saying why, when a model was configured)."""
    if client is None:
        return offline_drafts(requirements, offline)
    facts = offline.facts if offline is not None else None
    request = {
        "occupation": occupation_name,
        "definition": facts.definition if facts is not None else "",
        "tasks": list(facts.tasks) if facts is not None else [],
        "level": level_name,
        "requirements": [{"requirement": key, "text": text} for key, text in requirements.items()],
    }
    messages = [
        {"role": "system", "content": SYSTEM_PROMPT},
        {
            "role": "user",
            "content": "命题要求（JSON）：\n" + json.dumps(request, ensure_ascii=False),
        },
    ]
    dropped: tuple[str, ...] = ()
    try:
        screened = screen_model_items(client.complete_json(messages, temperature=0.4), requirements)
    except LLMError as error:
        reason = f"model call failed: {error.reason}"
    except _InvalidAnswer as error:
        reason = f"model answer is not valid: {error}"
    else:
        dropped = screened.dropped
        if dropped:
            logger.warning("Model items: %s", dropped_summary(dropped))
        if screened.items:
            return DraftBatch(screened.items, f"llm:{client.config.model}", None, dropped)
        reason = "model answer is not valid: " + (
            "no valid item, " + dropped_summary(dropped) if dropped else "it holds no items"
        )
    logger.warning("Using the offline item generator: %s", reason)
    fallback = offline_drafts(requirements, offline)
    return DraftBatch(fallback.items, fallback.source, reason, dropped)
