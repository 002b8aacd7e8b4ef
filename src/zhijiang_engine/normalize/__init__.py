"""Title normalizer: ranks CSCO-2022 occupations (any level) for a Chinese or English job title.

``clean_title`` strips job-board noise; ``TitleNormalizer(records).normalize(title)`` returns
``Candidate(code, name, score, reasons)`` best first, each reason a ``Reason`` of a
``ReasonKind``; ``normalize_jsonl`` is the line protocol
the CLI uses (one title per line in, one JSON object per line out).
"""

from zhijiang_engine.normalize.cleaning import clean_title
from zhijiang_engine.normalize.lines import normalize_jsonl
from zhijiang_engine.normalize.normalizer import Candidate, TitleNormalizer
from zhijiang_engine.normalize.reasons import Reason, ReasonKind
from zhijiang_engine.normalize.reranker import RerankerWeights

__all__ = [
    "Candidate",
    "Reason",
    "ReasonKind",
    "RerankerWeights",
    "TitleNormalizer",
    "clean_title",
    "normalize_jsonl",
]
