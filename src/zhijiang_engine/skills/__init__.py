"""Skill extraction: find vocabulary skills (with spans and scores) in job texts and CVs.

>>> extractor = SkillExtractor.from_files("skills.csv")          # doctest: +SKIP
>>> extractor.extract("熟练使用MySQL数据库、SpringBoot").skills  # doctest: +SKIP

Build the extractor from ``load_vocabulary(path)`` entries plus ``load_aliases()`` (the curated
``aliases_zh.csv`` shipped here); ``extract(text)`` returns an ``ExtractionResult`` of
``FoundSkill(id, label, span, score, surface)`` and ``Candidate(term, span, score)``.
``extract_stream``/``extract_lines`` implement the line protocol of ``zhijiang skills extract``.
"""

from zhijiang_engine.skills.candidates import Candidate
from zhijiang_engine.skills.cli import extract_line, extract_lines, extract_stream
from zhijiang_engine.skills.extractor import ExtractionResult, FoundSkill, SkillExtractor
from zhijiang_engine.skills.vocabulary import (
    DEFAULT_ALIASES,
    AliasEntry,
    VocabularyEntry,
    load_aliases,
    load_vocabulary,
    parse_aliases,
)

__all__ = [
    "DEFAULT_ALIASES",
    "AliasEntry",
    "Candidate",
    "ExtractionResult",
    "FoundSkill",
    "SkillExtractor",
    "VocabularyEntry",
    "extract_line",
    "extract_lines",
    "extract_stream",
    "load_aliases",
    "load_vocabulary",
    "parse_aliases",
]
