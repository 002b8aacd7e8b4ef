"""The matcher's index of open positions, built off the request path, and the positions as
the engine sees them (``job_of``).

A background task (``match_index_build``, queued whenever a position is posted, edited, paused,
closed or reopened) builds the index and keeps it as a file named by its version in the cache
folder, so every server process shares one build; each process holds the newest it has read in
memory. A web request never rebuilds it: positions that changed since the build are encoded on
their own and scored beside it (the "delta"), positions no longer open are dropped when they
are read back from the database, and the task is queued. Only with no index at all, or when
more than ``DELTA_LIMIT`` positions changed (a bulk import), does a request build one.

The version is one aggregate query over the open positions (count, last change, last id)."""

from __future__ import annotations

import datetime
import hashlib
import logging
import os
import pickle
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Max, Prefetch, QuerySet
from django_tasks import task

from zhijiang.common.cache import cache_dir
from zhijiang.jobs.models import Education, Position, PositionSkill
from zhijiang_engine.match import JobIndex, Match, Seeker
from zhijiang_engine.match.model import Certificate, Job, SkillRequirement

logger = logging.getLogger(__name__)

DELTA_LIMIT = 2000
FOLDER = "match-index"
KEEP_FILES = 2


def open_positions() -> QuerySet[Position]:
    """Open positions of active employers, with what the matcher reads of them."""
    return (
        Position.objects.filter(status=Position.Status.OPEN, employer__is_active=True)
        .select_related("employer", "occupation", "district")
        .prefetch_related(Prefetch("skill_links", PositionSkill.objects.select_related("skill")))
        .order_by("pk")
    )


LADDER = "ladder"  # the certificate id the engine compares for a position's required level


def education_rank(value: str) -> int:
    """The engine's education rank of a stated education (0 when none)."""
    # The engine counts 1 = primary school; our lowest level is junior secondary.
    rank = Education.rank(value)
    return rank + 1 if rank else 0


def job_of(position: Position) -> Job:
    """A position as the matcher sees it (prefetch ``skill_links__skill``)."""
    links = list(position.skill_links.all())
    level = position.level_min or 0
    return Job(
        id=str(position.pk),
        title=position.title,
        description=position.description,
        occupation=position.occupation.code if position.occupation is not None else "",
        skills=tuple(
            SkillRequirement(
                link.skill.key,
                required=link.required,
                level=level,
                hard=link.required and position.skills_are_hard,
            )
            for link in links
        ),
        education_min=education_rank(position.education_min),
        education_hard=position.education_is_hard,
        experience_min=float(position.experience_years),
        pay_min=float(position.pay_min),
        pay_max=float(position.pay_max),
        district=position.district.code,
        certificates=(Certificate(LADDER, level),) if position.level_is_hard and level else (),
    )


@dataclass(frozen=True)
class _State:
    version: str
    changed: datetime.datetime | None


def _state() -> _State:
    found = Position.objects.filter(status=Position.Status.OPEN).aggregate(
        n=Count("pk"), changed=Max("updated_at"), last=Max("pk")
    )
    key = f"{found['n']}|{found['changed'].isoformat() if found['changed'] else ''}|{found['last']}"
    return _State(hashlib.sha256(key.encode()).hexdigest()[:16], found["changed"])


@dataclass(frozen=True)
class BuiltIndex:
    """One build: its version, the last position change it covers, and the engine's index."""

    version: str
    changed: datetime.datetime | None
    index: JobIndex


def _build() -> BuiltIndex:
    state = _state()
    jobs = [job_of(p) for p in open_positions()]
    return BuiltIndex(state.version, state.changed, JobIndex.build(jobs))


def _folder() -> Path | None:
    root = cache_dir()
    if root is None:
        return None
    folder = root / FOLDER
    try:
        folder.mkdir(exist_ok=True)
    except OSError:
        return None
    return folder


def _store(built: BuiltIndex) -> None:
    """Write the build atomically (temporary file, then rename) and drop older ones."""
    folder = _folder()
    if folder is None:
        return
    handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
    with os.fdopen(handle, "wb") as out:
        pickle.dump(built, out, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temporary, folder / f"{built.version}.pickle")
    files = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in files[KEEP_FILES:]:
        old.unlink(missing_ok=True)


def _load(path: Path) -> BuiltIndex | None:
    try:
        with path.open("rb") as source:
            built = pickle.load(source)  # noqa: S301 - our own file in our own cache folder
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None
    return built if isinstance(built, BuiltIndex) else None


def _newest_on_disk(version: str) -> BuiltIndex | None:
    """The build of ``version`` if it is on disk, else the newest build there."""
    folder = _folder()
    if folder is None:
        return None
    exact = folder / f"{version}.pickle"
    if exact.exists():
        return _load(exact)
    files = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    return _load(files[0]) if files else None


@dataclass
class _Memory:
    lock: threading.Lock = field(default_factory=threading.Lock)
    built: BuiltIndex | None = None
    queued: set[str] = field(default_factory=set)


_memory = _Memory()


@dataclass(frozen=True)
class OpenPositions:
    """What a request ranks against: the build, plus the positions changed since (encoded
    against the build's text model), minus the changed ones' stale copies."""

    built: BuiltIndex
    delta: JobIndex | None
    replaced: frozenset[str]

    @property
    def index(self) -> JobIndex:
        return self.built.index

    @property
    def size(self) -> int:
        return len(self.built.index.jobs) + (len(self.delta.jobs) if self.delta else 0)

    def top_jobs(self, seeker: Seeker, k: int) -> list[Match]:
        """The k best positions for one seeker over the build and the delta, best first.
        Positions closed since the build may be among them: the caller reads the positions
        back from the database and drops those no longer open."""
        extra = len(self.replaced)
        ranked = [
            m
            for m in self.built.index.top_jobs(seeker, k=min(k + extra, len(self.index.jobs)))
            if m.job_id not in self.replaced
        ]
        if self.delta is not None:
            ranked += self.delta.top_jobs(seeker, k=min(k, len(self.delta.jobs)))
        ranked.sort(key=lambda m: (-m.score, int(m.job_id)))
        return ranked[:k]


def current_open_positions() -> OpenPositions:
    """The open positions for one request, never rebuilt here unless there is no build at all
    or the delta is too large; a stale build queues the task that replaces it."""
    state = _state()
    with _memory.lock:
        built = _memory.built
        if built is None or built.version != state.version:
            on_disk = _newest_on_disk(state.version)
            if on_disk is not None and (built is None or on_disk.version == state.version):
                built = _memory.built = on_disk
        if built is None:
            built = _memory.built = _build()
            _store(built)
    if built.version == state.version:
        return OpenPositions(built, None, frozenset())
    changed = Position.objects.filter(status=Position.Status.OPEN)
    if built.changed is not None:
        changed = changed.filter(updated_at__gt=built.changed)
    if changed.count() > DELTA_LIMIT:
        fresh = match_index_refresh()
        return OpenPositions(fresh, None, frozenset())
    _queue_build(state.version)
    jobs = [job_of(p) for p in open_positions().filter(pk__in=changed.values("pk"))]
    delta = JobIndex.build(jobs, text_model=built.index.text_model) if jobs else None
    return OpenPositions(built, delta, frozenset(job.id for job in jobs))


def _queue_build(version: str) -> None:
    with _memory.lock:
        if version in _memory.queued:
            return
        _memory.queued.add(version)
    transaction.on_commit(_enqueue_unless_waiting)


def _enqueue_unless_waiting() -> None:
    """Queue a build unless one is already waiting for the worker (it will see every change
    made before it starts): 80 positions posted in a row queue one build, not 80."""
    if settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend":
        from django_tasks_db.models import DBTaskResult

        waiting = DBTaskResult.objects.ready().filter(task_path=match_index_build.module_path)
        if waiting.exists():
            return
    match_index_build.enqueue()


def match_index_refresh() -> BuiltIndex:
    """Build the index of the open positions as they are now, store it and hold it."""
    built = _build()
    _store(built)
    with _memory.lock:
        _memory.built = built
    logger.debug("Match index %s built: %d open positions", built.version, len(built.index.jobs))
    return built


def match_index_changed() -> None:
    """Call in a service that changed a position: the task builds the new index after the
    commit (the worker runs it; the immediate backend runs it at once)."""
    transaction.on_commit(_enqueue_unless_waiting)


@task()
def match_index_build() -> dict[str, object]:
    """Background task: build the index of the open positions unless it is current."""
    state = _state()
    with _memory.lock:
        built = _memory.built
    if built is not None and built.version == state.version:
        return {"version": built.version, "built": False}
    on_disk = _newest_on_disk(state.version)
    if on_disk is not None and on_disk.version == state.version:
        with _memory.lock:
            _memory.built = on_disk
        return {"version": on_disk.version, "built": False}
    fresh = match_index_refresh()
    return {"version": fresh.version, "built": True, "positions": len(fresh.index.jobs)}


def forget_built_index() -> None:
    """Drop what this process holds (tests start each case from the database)."""
    with _memory.lock:
        _memory.built = None
        _memory.queued.clear()
