"""Turning the task sentences of the occupational classification (主要工作任务) into phrases.

A task such as "标注和加工图片、文字、语音等业务的原始数据" is segmented with jieba's
part-of-speech tagger and read as ``verbs + object``: verbs ("标注", "加工"), the object as written
("图片、文字、语音等业务的原始数据"), its compact head ("原始数据") and a noun-phrase title
("原始数据标注与加工"), the form the work contents of a standard use.

jieba's tags are only a hint here: task sentences nearly always open with a verb, and a small
lexicon of the verbs they use decides the rest (the tables and the tagging are in ``lexicon``;
their public names are re-exported here). The work items a definition names are read here too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from zhijiang_engine.standards.lexicon import FAMILY_LABEL as FAMILY_LABEL
from zhijiang_engine.standards.lexicon import FAMILY_OF as FAMILY_OF
from zhijiang_engine.standards.lexicon import (
    FILLERS,
    PAIRED,
    PLACES,
    SEPARATORS,
    TOOL_MEANS,
    is_verb,
    tag,
)
from zhijiang_engine.standards.lexicon import GENERIC as GENERIC
from zhijiang_engine.standards.lexicon import LIGHT as LIGHT
from zhijiang_engine.standards.lexicon import MEANS as MEANS
from zhijiang_engine.standards.lexicon import VERBS as VERBS
from zhijiang_engine.standards.lexicon import WEAK as WEAK
from zhijiang_engine.standards.lexicon import Token as Token
from zhijiang_engine.standards.lexicon import family_of as family_of
from zhijiang_engine.standards.lexicon import name_term as name_term
from zhijiang_engine.standards.lexicon import tools_in as tools_in


@dataclass(frozen=True)
class Phrase:
    """One clause of a task read as verbs + object, with the forms a standard needs."""

    act: str  # the clause as written: "标注和加工图片、文字、语音等业务的原始数据"
    verbs: tuple[str, ...]  # its content verbs: ("标注", "加工"); empty after a light verb
    obj: str  # the object as written: "图片、文字、语音等业务的原始数据"
    head: str  # the compact object: "原始数据"
    title: str  # the noun-phrase title: "原始数据标注与加工"
    key: str  # a short key phrase (2–8 characters): "原始数据标注"
    family: str  # "design", "inspect", … or "operate"
    means: str = ""  # how, put before ``act``: "使用量具，" (its own clause) or "使用Python"
    extra: tuple[str, ...] = ()  # the task's other clauses, as written


def _clean(text: str) -> str:
    text = re.sub(r"^\s*\d+[.．、]\s*", "", text).replace("査", "查")  # a variant in the data
    return re.sub(r"\s+", "", text).strip("。；;，,.、 ").removeprefix("并").removeprefix("并且")


def split_tasks(tasks: str) -> list[str]:
    """The classification's one-string task list ("1.xxx 2.yyy") as separate sentences."""
    parts = re.split(r"(?:^|\s)\d+[.．、]", tasks)
    return [cleaned for part in parts if (cleaned := _clean(part))]


def _join(tokens: Iterable[Token]) -> str:
    return "".join(word for word, _ in tokens)


def _verb_run(tokens: list[Token]) -> int:
    """How many leading tokens are the clause's verbs ("监控、分析、管理" → 5)."""
    end = 1
    while end < len(tokens) - 1:
        word = tokens[end][0]
        if word in SEPARATORS and is_verb(tokens[end + 1]):
            end += 2
        elif word in PAIRED and len(tokens[end - 1][0]) >= 2 and end + 1 < len(tokens):
            end += 1
        else:
            break
    return end


def _strip_fillers(text: str) -> str:
    for filler in FILLERS:
        text = text.replace(filler, "")
    return text.replace("的", "") if len(text) > 2 else text


def _segments(tokens: Iterable[Token]) -> list[list[Token]]:
    """Split an object at 、/和/与/及 ("参数和配置" → [参数], [配置])."""
    parts: list[list[Token]] = [[]]
    for token in tokens:
        if token[0] in SEPARATORS or token[0] in {"，", ","}:
            parts.append([])
        else:
            parts[-1].append(token)
    return [part for part in parts if part]


def _split_at_last(tokens: list[Token], word: str) -> tuple[list[Token], list[Token]]:
    """(before, after) the last ``word``; ``([], tokens)`` when what follows is too short."""
    positions = [i for i, token in enumerate(tokens) if token[0] == word]
    if not positions or len(_join(tokens[positions[-1] + 1 :])) < 2:
        return [], tokens
    return tokens[: positions[-1]], tokens[positions[-1] + 1 :]


def _tail(tokens: list[Token], limit: int) -> str:
    """The last tokens of a noun phrase that fit in ``limit`` characters."""
    kept: list[str] = []
    for word, _ in reversed(tokens):
        if kept and len(word) + sum(map(len, kept)) > limit:
            break
        kept.insert(0, word)
    while len(kept) > 1 and kept[0] in SEPARATORS:
        kept.pop(0)
    return "".join(kept)[-limit:]


def _prefix(tokens: list[Token], limit: int = 5) -> str:
    """The first nouns of a phrase, up to ``limit`` characters (服务机器人环境感知 → 服务机器人)."""
    text = ""
    for word, _ in _segments(tokens)[0] if _segments(tokens) else []:
        if word in FILLERS or len(text + word) > limit:
            break
        text += word
    return text


def _weak(tokens: list[Token]) -> bool:
    """Whether what follows a 的 names properties, not a thing ("正确性", "概要和细节")."""
    parts = [_join(part) for part in _segments(tokens)]
    if not parts:
        return True
    short_list = len(parts) > 1 and all(len(part) <= 2 for part in parts)
    return short_list or parts[0].endswith(("性", "度", "状况"))


def _modifier(tokens: list[Token]) -> bool:
    """Whether what comes before a 的 only qualifies the thing after it: a place or a part
    ("面部的面疤、暗疮"), a clause ending with a verb ("汽车维修使用的工、夹、量具")."""
    word, flag = tokens[-1]
    return flag in {"f", "s", "v"} or word in VERBS


def head_of(tokens: list[Token], limit: int = 12, *, nominal: bool = False) -> str:
    """The compact object: the noun after the last 的 or 等, the first item of a long list.

    ``nominal``: the object is itself the work ("进行…型面的切削加工"); a short head then keeps
    what it is done to ("型面切削加工").
    """
    tokens = [t for t in tokens if t[0] not in FILLERS]
    while tokens and tokens[-1][0] in {"等", "的", "等等"}:
        tokens = tokens[:-1]
    if not tokens:
        return ""
    owner, after = _split_at_last(tokens, "的")
    if owner and _weak(after) and not _modifier(owner):
        return head_of(owner, limit, nominal=nominal)
    if len(_join(tokens)) > 8:
        tokens = after
    else:
        owner = []
    listed, tokens = _split_at_last(tokens, "等")
    text = _strip_fillers(_join(tokens))
    if listed and len(text) <= 2:
        text = _prefix(listed) + text
    elif nominal and owner and len(text) <= 4:
        owner_head = head_of(owner, 4)
        text = (owner_head if len(owner_head) <= 4 else "") + text
    if len(text) > limit:
        first = _segments(tokens)[0]
        text = _strip_fillers(_join(first))
        if len(text) > limit:
            text = _strip_fillers(_tail(first, limit))
    return text.removesuffix("工作") if len(text) > 4 else text


def short_head(head: str) -> str:
    """The last noun of a head, with the ones before it when it is too general ("应用数据")."""
    segments = _segments(tag(head))
    tokens = [t for t in segments[0] if t[0] != "的"] if segments else []
    if not tokens:
        return head[:6]
    text = tokens[-1][0]
    rest = tokens[:-1]
    owned = _owned(text)
    while rest and (text in GENERIC or len(text) < 2 or len(rest[-1][0]) == 1 or owned):
        if len(text) + len(rest[-1][0]) > (8 if owned else 6):
            break
        text = rest.pop()[0] + text
    return text if len(text) >= 2 else _join(tokens)[-6:]


def _owned(text: str) -> bool:
    """A part named for what it is part of ("操作系统" of a machine, not a computer's)."""
    return text in {"操作系统", "控制系统", "传动系统", "液压系统", "电气系统"}


def at_boundary(text: str, index: int) -> bool:
    """Whether ``index`` falls between two of jieba's words in ``text`` (not inside one)."""
    edges = {0}
    for word, _ in tag(text):
        edges.add(max(edges) + len(word))
    return index in edges


def work_word(text: str) -> str:
    """The word for the work a noun phrase ends with ("调理操作" → "操作"), else ""."""
    tokens = tag(text)
    last = tokens[-1] if tokens else ("", "")
    return last[0] if len(last[0]) >= 2 and is_verb(last) and last[0] != text else ""


def is_work(text: str) -> bool:
    """Whether a noun phrase ends with the work done ("调理操作", "咨询服务")."""
    return bool(work_word(text)) or (len(text) == 2 and is_verb((text, "v")) and text in VERBS)


def tool_of(means: str) -> str:
    """The tool of a means clause ("使用量具" → "量具")."""
    return re.sub(r"^(使用|运用|利用|采用|借助|通过|操作)", "", means).rstrip("，")


def make_title(head: str, verbs: tuple[str, ...], limit: int = 18) -> str:
    """Object + verbs as a noun phrase: ("原始数据", ("标注", "加工")) → "原始数据标注与加工"."""
    named = [v for v in dict.fromkeys(verbs) if len(v) >= 2][:2]
    if not named:
        return (head + "".join(verbs[:1]) if len(head) >= 2 else "".join(verbs[:1]) + head)[:limit]
    title = head + "与".join(named)
    if len(named) == 2 and re.search("[和、及与]", head) and len(title) <= limit:
        return "和".join(named) + head  # "发现和处理异常现象和故障", not "…故障发现与处理"
    if len(title) > limit:
        title = head + named[0]
    if len(title) > limit:
        title = short_head(head) + named[0]
    return title[:limit]


def _key(head: str, verbs: tuple[str, ...], title: str) -> str:
    named = [v for v in verbs if len(v) >= 2]
    if named and head:
        key = short_head(head) + named[0]
        return key if len(key) <= 8 else short_head(head)[:8]
    if named and not head:
        return named[0]
    segments = _segments(tag(title))
    if not segments:
        return title[:8]
    shared_suffix = all(len(_join(part)) <= 3 for part in segments[:-1])
    part = segments[-1] if shared_suffix else segments[0]
    text = _join(part)
    if len(text) > 8:
        text = _tail(part, 6)
    return text if len(text) >= 2 else title[:8]


def _phrase(act: str, verbs: tuple[str, ...], obj_tokens: list[Token]) -> Phrase | None:
    content_verbs = tuple(v for v in verbs if v not in LIGHT)
    obj = _join(obj_tokens)
    head = head_of(obj_tokens, nominal=not content_verbs) or obj[:12]
    if not head and not content_verbs:
        return None
    head = head.strip("、，和与及并其（）()")
    title = make_title(head, content_verbs) if content_verbs else head
    trimmed = title.strip("、，和与及并其（）()")
    if any(title.endswith(v) and not trimmed.endswith(v) for v in content_verbs):
        trimmed = title.lstrip("、，和与及并其（）()")  # "标准化知识普及" keeps its 及
    title = trimmed
    if len(title) < 2:
        return None
    key = _key(head, content_verbs, title)
    if not verbs:
        act = "进行" + act
    return Phrase(act, content_verbs, obj, head, title, key, family_of(content_verbs, title))


def _target(tokens: list[Token]) -> list[Token]:
    """What 进行 works on: after the last 对/为/向 ("运用…等方法对患儿"), the rest says how."""
    marks = [i for i, (word, _) in enumerate(tokens) if word in {"对", "为", "向", "给"}]
    after = tokens[marks[-1] + 1 :] if marks else tokens
    return [t for t in (after if len(_join(after)) >= 2 else tokens) if t[0] not in PLACES]


def _prefixed(text: str, tokens: list[Token], *, tool: bool) -> Phrase | None:
    """A clause whose work starts at its first verb after a prefix; a tool prefix ("使用 X")
    becomes the phrase's ``means``."""
    words = [w for w, _ in tokens]
    found = next(
        (i for i, t in enumerate(tokens[2:], 2) if (t[0] in VERBS if tool else is_verb(t))), None
    )
    if found is None:
        return _phrase(text, (), tokens[1:])
    end = found + _verb_run(tokens[found:])
    verbs = tuple(w for w in words[found:end] if w not in SEPARATORS)
    if not tool and words[0] == "将" and found > 1:
        return _phrase(text, verbs, tokens[1:found])  # 将 X 捆扎固定在 Y 上: X is what is worked
    if not tool:
        return _phrase(text, verbs, tokens[end:] or tokens[1:found])
    phrase = _phrase(_join(tokens[found:]), verbs, tokens[end:] or tokens[1:found])
    return phrase and replace(phrase, means=_join(tokens[:found]))


def parse_clause(text: str) -> Phrase | None:
    """Read one clause ("监控、分析、管理人工智能产品应用数据") as a phrase."""
    text = _clean(text)
    tokens = [t for t in tag(text) if t[0].strip()]
    if not tokens:
        return None
    words = [w for w, _ in tokens]
    if words[0] == "对" and "进行" in words[2:]:  # 对 X 进行 Y: Y is what is done to X
        at = words.index("进行")
        verbs = tuple(w for w, f in tokens[at + 1 :] if is_verb((w, f)) and len(w) >= 2)
        return _phrase(text, verbs[:3], tokens[1:at])
    if "进行" in words[2:]:  # 根据医嘱进行化验 / 组织对图纸进行审查、修改
        at = words.index("进行", 2)
        rest = tokens[at + 1 :]
        if rest and all(is_verb(t) or t[0] in SEPARATORS for t in rest):
            target = _target(tokens[1:at])
            done = [w for w, _ in rest if w not in SEPARATORS]
            named = [verb for verb in done if verb in VERBS]  # 综合治疗: 综合 says how
            return _phrase(text, tuple(named if named and len(done) == 2 else done), target)
        if rest:
            return _phrase(text, (), rest)
    if words[0] in PLACES or words[0] == "将":  # 在 X 布置 Y / 为 X 洗发 / 将 X 装配成 Y
        return _prefixed(text, tokens, tool=False)
    if (words[0] in MEANS or words[0] in TOOL_MEANS) and any(w in VERBS for w in words[2:]):
        return _prefixed(text, tokens, tool=True)  # 使用 X 编写 Y
    if not is_verb(tokens[0]):  # a bare noun phrase ("故障诊断、排除等日常维护")
        return _phrase(text, (), tokens)
    end = _verb_run(tokens)
    verbs = tuple(w for w in words[:end] if w not in SEPARATORS)
    return _phrase(text, verbs, tokens[end:])


_AND_THEN = re.compile(
    r"(?<!合)并(?=" + "|".join(sorted(VERBS | LIGHT, key=len, reverse=True)) + ")"
)


def _clauses(sentence: str) -> list[str]:
    """A task's clauses: split at ，/；/：, and at 并 where a new verb follows."""
    clauses: list[str] = []
    for part in re.split(r"[，,；;：:]", sentence):
        pending = ""
        for piece in _AND_THEN.split(_clean(part)):
            piece = pending + _clean(piece)
            pending = f"{piece}、" if piece in VERBS else ""  # 实施并监控X: one clause
            if piece and not pending:
                clauses.append(piece)
        if pending:
            clauses.append(pending.rstrip("、"))
    return clauses


def _first(clause: str) -> str:
    tokens = tag(clause)
    return tokens[0][0] if tokens else ""


def parse_task(sentence: str) -> tuple[Phrase, tuple[Phrase, ...]] | None:
    """A task's main phrase and its other clauses' phrases (in order).

    The main clause is the last one that says what is done (not how: "使用量具，…"; not a
    supporting step: "做好相关记录"); a tool clause before it becomes the main phrase's ``means``.
    """
    clauses = _clauses(sentence)
    if not clauses:
        return None
    substantive = [c for c in clauses if _first(c) not in MEANS] or clauses
    strong = [c for c in substantive if _first(c) not in WEAK] or substantive
    if len(strong) > 1 and _first(strong[0]) in TOOL_MEANS and len(strong[0]) <= 10:
        strong = strong[1:]
    main_text = strong[-1]
    main = parse_clause(main_text)
    if main is None:
        return None
    before = clauses[: clauses.index(main_text)]
    means = next((c for c in reversed(before) if _first(c) in TOOL_MEANS), "")
    others = [c for c in clauses if c not in (main_text, means) and _first(c) not in MEANS]
    parsed = [p for c in others if (p := parse_clause(c)) is not None and p.title != main.title]
    main = replace(
        main, means=f"{means}，" if means else main.means, extra=tuple(p.act for p in parsed)
    )
    return main, tuple(p for p in parsed if _first(p.act) not in WEAK)


def _one_verb(phrase: Phrase, verb: str) -> Phrase:
    key = _key(phrase.head, (verb,), phrase.head)
    listed = re.search("[和、及与]", phrase.head)  # "行业标准应用" of "…行业标准和规范" lost whose
    title = (
        key
        if len(phrase.head) > 6 and len(key) > len(verb) and key.endswith(verb) and not listed
        else make_title(phrase.head, (verb,))
    )
    family = family_of((verb,), verb)
    return replace(
        phrase, act=verb + phrase.obj, verbs=(verb,), title=title, key=key, family=family
    )


def split_phrase(phrase: Phrase, limit: int = 2) -> list[Phrase]:
    """One phrase per verb ("标注和加工X" → X标注, X加工) or per listed piece of work."""
    if len(phrase.verbs) >= 2 and phrase.head:
        if re.search("[和、及与]", phrase.head) and len(phrase.head) > 16:
            return [phrase]  # "航空动力装置及衍生产品标准和规范": one verb's title would cut it
        return [_one_verb(phrase, verb) for verb in list(dict.fromkeys(phrase.verbs))[:limit]]
    parts = re.split(r"[和及与、]", phrase.title)
    if phrase.verbs or len(parts) < 2 or any(len(p) < 4 for p in parts) or "等" in phrase.obj:
        return [phrase]
    if any(all(word in VERBS for word, _ in tag(part)) for part in parts):
        return [phrase]  # "效益监测与评价研究": 评价研究 is of the 效益, not a work of its own
    result = []
    for part in parts[:limit]:
        act = ("进行" if phrase.act.startswith("进行") else "") + part
        key = part if len(part) <= 8 else _tail(list(tag(part)), 6)
        result.append(replace(phrase, act=act, title=part, key=key, family=family_of((), part)))
    return result


def nominal_phrase(item: str) -> Phrase | None:
    """A piece of work named as a noun phrase ("老年人生活照料", "数据库管理")."""
    item = _clean(item)
    named = item.rsplit("等", 1)[-1] if len(item.rsplit("等", 1)[-1]) >= 2 else item
    tokens = [t for t in tag(named) if t[0] not in FILLERS]
    title = _join(tokens)
    if len(title) > 8:
        title = _tail(tokens, 8)
        if is_verb(tag(title)[0]) and len(title) > 4:
            title = title[len(tag(title)[0][0]) :]
    if len(title) < 3:
        return None
    key = title if len(title) <= 8 else _tail(list(tag(title)), 6)
    return Phrase("进行" + item, (), title, title, title, key, family_of((), title))


def definition_phrases(definition: str) -> list[Phrase]:
    """Work items named in a definition ("从事X、Y，进行Z等工作的人员。" → X, Y, Z)."""
    text = re.sub(
        r"(等?(相关)?(工作|服务|作业|活动)?的(技术|服务|专业)?人员)[。.]?$", "", definition
    )
    text = re.sub(r"等(工作|服务|作业|活动)?$", "", text.strip("。"))
    phrases: list[Phrase] = []
    for clause in re.split(r"[，,；;]", text):
        clause = _clean(clause)
        if not clause or _first(clause) in MEANS or _first(clause) in TOOL_MEANS:
            continue
        body = re.sub(r"^(从事|负责|进行|开展|承担)", "", clause)
        tokens = tag(body) if body else ()
        if not tokens:
            continue
        found: list[Phrase | None]
        if is_verb(tokens[-1]):  # X管理、Y设置: items of work named as nouns
            items = body.split("、")
            found = [nominal_phrase(i) for i in ([body] if "等" in items[-1] else items)]
        else:
            found = [parse_clause(body)]
        for parsed in found:
            if parsed is not None and parsed.title not in {p.title for p in phrases}:
                phrases.append(parsed)
    return phrases
