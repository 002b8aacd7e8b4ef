"""Requirement lines too weak to build a paragraph on, which the course leaves out.

A drafted standard can hold a stand-in where it has no real work to name: a content titled by
the occupation itself ("本职业工作准备", "法官工作结果检查", "起重生产准备"), a title cut out of
a longer clause ("形式中担任独奏与领奏表演", "固定在运输机械上捆扎"), or a line that cuts the
occupation's name short ("曲艺演业务指导" for 曲艺演员). A summary, case, exercise or project
step wrapped round such a line reads as broken as the line itself, so the plan does not teach
it: its coverage then lists it as untaught, for the expert to rewrite.
"""

from __future__ import annotations

import re

from zhijiang_engine.standards.lexicon import tag as lint_tags

# "本职业工作准备", "版权管理专业工作准备", "起重生产结果检查": the work named by who does it
_STAND_IN = re.compile(r"^(?P<who>.*?)(?:专业)?(?:生产|工作)(?:准备|结果检查)$")
# "固定在运输机械上捆扎": a verb after the place it was done at
_VERB_AFTER_PLACE = re.compile(r"^[\u4e00-\u9fff]{1,4}在[^，、]{1,12}[上中内里][\u4e00-\u9fff]{2}$")
_LOCATIVES = frozenset("中上里内")


def stand_in_title(title: str, occupation: str) -> bool:
    """Whether a content title names the occupation instead of its work."""
    if "本职业" in title:
        return True
    match = _STAND_IN.match(title)
    if not match:
        return False
    who = match["who"]
    return who == "" or (len(who) >= 2 and who in occupation)


def cut_title(title: str) -> bool:
    """Whether a title is a piece cut from a longer clause: it opens with a place ending in a
    locative before a verb ("形式中担任…"), or puts a verb after the place it was done at."""
    words = lint_tags(title)
    place_first = (  # "煤气中杂质处理", "产生中压蒸汽" read
        len(words) >= 3
        and words[1][0] in _LOCATIVES
        and words[1][1] == "f"
        and words[2][1] == "v"
        and len(words[2][0]) >= 2
    )
    return place_first or bool(_VERB_AFTER_PLACE.match(title))


def truncated_name(text: str, occupation: str) -> str:
    """The occupation's name cut short inside ``text`` ("曲艺演" of "曲艺演业务指导"), "" when
    none: the cut name's last character stands alone where the full name would go on."""
    for cut in (1, 2):
        stem = occupation[:-cut]
        if occupation.endswith("工") and cut == 1:
            continue  # "油制气工" does 油制气: its name less 工 is its work, not a cut
        if len(stem) < 3 or stem not in text or occupation in text:
            continue
        position = 0
        for word, _ in lint_tags(text):
            end = position + len(word)
            goes_on = text[end : end + 1] == occupation[len(stem)]  # "热带作物初|制品"
            if len(word) == 1 and text[end - len(stem) : end] == stem and not goes_on:
                return stem
            position = end
    return ""


def weak_title(title: str, occupation: str) -> bool:
    """Whether a content title is too weak to teach from (a stand-in or a cut piece)."""
    return stand_in_title(title, occupation) or cut_title(title)


_DEMONSTRATION = re.compile(r"^(?P<work>.+?)的?操作要领的示范方法$")


def plain_knowledge(text: str) -> str:
    """A knowledge line said the way a teacher says it: "示范网片缝扎操作要领的方法" for the
    drafted "网片缝扎操作要领的示范方法"; other lines unchanged."""
    match = _DEMONSTRATION.match(text.strip().rstrip("。"))
    return f"示范{match['work']}操作要领的方法" if match else text
