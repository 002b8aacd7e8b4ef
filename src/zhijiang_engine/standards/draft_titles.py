"""Titles of the work functions a draft groups its contents into: the object the contents share
with their verbs ("原始数据标注与加工"), the tool they share ("车床操作"), their kind ("工作准备"),
or the first two joined ("用药与临终护理")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from zhijiang_engine.standards import phrases as ph


def common_part(texts: Sequence[str]) -> str:
    """The longest substring (2+ characters) every text shares, "" when none."""
    shortest = min(texts, key=len, default="")
    for size in range(len(shortest), 1, -1):
        for start in range(len(shortest) - size + 1):
            part = shortest[start : start + size]
            if all(part in text for text in texts) and not re.search(r"[和与及、的]", part):
                return part
    return ""


def group_title(items: Sequence[ph.Phrase]) -> str:
    """A function's title from its contents: the object they share with their first verbs, the
    tool they share ("车床操作"), their kind ("工作准备"), or the first two joined."""
    common = common_part([p.head for p in items])
    verbs = list(dict.fromkeys(p.verbs[0] for p in items if p.verbs))
    families = list(dict.fromkeys(p.family for p in items))
    if len(common) >= 4 and ph.is_work(common):  # "调理操作"
        return common
    suffix = "与".join(verbs[:2]) or ph.work_word(items[0].title) or "作业"
    # a short shared word must end an object ("顾客" of "顾客人体尺寸" is whose, not what)
    owned = len(common) >= 4 or any(p.head.endswith(common) for p in items)
    if owned and len(common) >= 2 and common not in ph.GENERIC and not common.endswith(suffix[:2]):
        title = common + suffix
        return title if len(title) <= 12 else common + suffix[:2]
    tool = common_part([ph.tool_of(p.means) for p in items])
    if len(tool) >= 2 and families[0] == "operate":
        return tool + "操作"
    if families == ["prepare"]:
        return "工作准备"
    keys = [p.key or p.title for p in items[:2]]
    suffix = common_suffix(keys)
    prefix = common_suffix([k[::-1] for k in keys])[::-1]
    if not all(ph.at_boundary(k, len(prefix)) for k in keys):
        prefix = ""
    if not all(ph.at_boundary(k, len(k) - len(suffix)) for k in keys):
        suffix = ""
    middles = [k[len(prefix) : len(k) - len(suffix)] for k in keys]
    joined = prefix + "与".join(middles) + suffix if all(middles) else "与".join(keys)
    if len(joined) <= 12:
        return joined
    base = ph.short_head(items[0].head)
    label = ph.FAMILY_LABEL[families[0]]
    if len(families) == 1:
        return base if base.endswith(label) else base + label
    return "与".join(ph.FAMILY_LABEL[f] for f in families[:2])


def common_suffix(texts: Sequence[str]) -> str:
    """The ending (2+ characters) every text shares ("用药护理", "临终护理" → "护理"), if any."""
    size = 0
    shortest = min(map(len, texts), default=0)
    while size < shortest - 1 and len({t[-size - 1] for t in texts}) == 1:
        size += 1
    return texts[0][len(texts[0]) - size :] if size >= 2 else ""
