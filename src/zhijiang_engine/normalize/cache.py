"""Saving and loading a built index in a cache directory, keyed by the taxonomy fingerprint.

Plain ``.npz`` arrays and JSON, read with ``allow_pickle=False``: a cache file cannot run code.
A missing, stale or unreadable cache is simply rebuilt by the caller.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import numpy as np
import scipy.sparse as sp  # type: ignore[import-untyped]

from zhijiang_engine.normalize.index import OccupationIndex

_MATRICES = ("string_grams", "title_bm25", "text_bm25")


def cache_path(cache_dir: Path, fingerprint: str) -> Path:
    return cache_dir / f"title-index-{fingerprint}.npz"


def save_index(index: OccupationIndex, cache_dir: Path) -> Path:
    """Write atomically (temporary file, then rename) so a reader never sees half a file."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    arrays: dict[str, np.ndarray] = {
        "levels": index.levels,
        "group_of": index.group_of,
        "string_starts": index.string_starts,
        "gram_idf": index.gram_idf,
    }
    for name in _MATRICES:
        matrix: sp.csr_matrix = getattr(index, name)
        arrays[f"{name}_data"] = matrix.data
        arrays[f"{name}_indices"] = matrix.indices
        arrays[f"{name}_indptr"] = matrix.indptr
        arrays[f"{name}_shape"] = np.asarray(matrix.shape)
    texts = {
        "fingerprint": index.fingerprint,
        "codes": index.codes,
        "names": index.names,
        "strings": index.strings,
        "grams": sorted(index.gram_vocabulary, key=index.gram_vocabulary.__getitem__),
        "words": sorted(index.word_vocabulary, key=index.word_vocabulary.__getitem__),
    }
    arrays["texts"] = np.frombuffer(json.dumps(texts, ensure_ascii=False).encode(), np.uint8)
    target = cache_path(cache_dir, index.fingerprint)
    handle, temporary = tempfile.mkstemp(dir=cache_dir, suffix=".npz")
    with os.fdopen(handle, "wb") as stream:
        np.savez(stream, allow_pickle=False, **arrays)
    Path(temporary).replace(target)
    return target


def load_index(cache_dir: Path, fingerprint: str) -> OccupationIndex | None:
    """The cached index for this fingerprint, or None when there is none (or it is unreadable)."""
    path = cache_path(cache_dir, fingerprint)
    if not path.is_file():
        return None
    try:
        with np.load(path, allow_pickle=False) as stored:
            arrays = {key: stored[key] for key in stored.files}
        texts = json.loads(arrays["texts"].tobytes().decode())
        matrices = {
            name: sp.csr_matrix(
                (arrays[f"{name}_data"], arrays[f"{name}_indices"], arrays[f"{name}_indptr"]),
                shape=tuple(int(n) for n in arrays[f"{name}_shape"]),
            )
            for name in _MATRICES
        }
    except (OSError, ValueError, KeyError):
        return None
    if texts["fingerprint"] != fingerprint:
        return None
    return OccupationIndex(
        fingerprint=fingerprint,
        codes=tuple(texts["codes"]),
        names=tuple(texts["names"]),
        levels=arrays["levels"],
        group_of=arrays["group_of"],
        strings=tuple(texts["strings"]),
        string_starts=arrays["string_starts"],
        gram_vocabulary={g: i for i, g in enumerate(texts["grams"])},
        gram_idf=arrays["gram_idf"],
        string_grams=matrices["string_grams"],
        word_vocabulary={w: i for i, w in enumerate(texts["words"])},
        title_bm25=matrices["title_bm25"],
        text_bm25=matrices["text_bm25"],
    )
