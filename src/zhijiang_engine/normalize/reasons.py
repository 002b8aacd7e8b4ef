"""Why the normalizer offers an occupation for a title: a kind from a fixed list and a detail.

Readers match on the kind, never on the text. The text form (``str(reason)``, e.g.
``"alias: 数据分析师"``) is what the JSON API has always carried, so it stays exactly as it
was; ``Reason.parse`` reads it back."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ReasonKind(StrEnum):
    ALIAS = "alias"  # the title contains the occupation's name or one of its aliases
    WORDS = "words"  # words of the title that the occupation's names also use
    LABELLED_TITLES = "like labelled titles"  # the learned classifier's probability
    WHOLE_GROUP = "group as a whole"  # the candidate is a group (code ending -00), no detail
    NEIGHBOURS = "neighbours in"  # a member of the named group, found through its neighbours


# What precedes the detail in the text form of each kind.
_PREFIXES = {
    ReasonKind.ALIAS: "alias: ",
    ReasonKind.WORDS: "words: ",
    ReasonKind.LABELLED_TITLES: "like labelled titles: ",
    ReasonKind.NEIGHBOURS: "neighbours in ",
}


@dataclass(frozen=True)
class Reason:
    """One reason: its kind, and the alias, words, probability or group it rests on."""

    kind: ReasonKind
    detail: str = ""

    def __str__(self) -> str:
        if self.kind is ReasonKind.WHOLE_GROUP:
            return self.kind.value
        return _PREFIXES[self.kind] + self.detail

    @classmethod
    def parse(cls, text: str) -> Reason:
        """The reason whose text form is ``text``; ValueError naming it when there is none."""
        if text == ReasonKind.WHOLE_GROUP.value:
            return cls(ReasonKind.WHOLE_GROUP)
        for kind, prefix in _PREFIXES.items():
            if text.startswith(prefix):
                return cls(kind, text.removeprefix(prefix))
        raise ValueError(f"not a normalizer reason: {text!r}")
