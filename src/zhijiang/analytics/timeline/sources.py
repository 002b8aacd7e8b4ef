"""The registry of step sources: each a function person → steps, read from one app's records.

The sources of the apps of today live in ``timeline.from_apps`` (analytics reads every app;
no app imports analytics) and register themselves with ``@step_source``; every module of that
package is imported once, on first use. An app that lands later (outreach, vouchers, AI
interviews) adds its steps with one more module there, or by calling
``register_step_source`` from its own ``AppConfig.ready``; the timeline code stays as it is.

A source runs a fixed number of queries whatever the person has done (select and prefetch
what its steps need), so the timeline's query count does not grow with its steps.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable

from zhijiang.accounts.models import User
from zhijiang.analytics.timeline.steps import Step

StepSource = Callable[[User], Iterable[Step]]

_SOURCES: dict[str, StepSource] = {}
_discovered = False
BUILT_IN_PACKAGE = "zhijiang.analytics.timeline.from_apps"


def register_step_source(name: str, source: StepSource) -> None:
    """Add (or, under the same name, replace) a source of steps."""
    _SOURCES[name] = source


def unregister_step_source(name: str) -> None:
    _SOURCES.pop(name, None)


def step_source(name: str) -> Callable[[StepSource], StepSource]:
    """Decorator form of ``register_step_source``."""

    def register(source: StepSource) -> StepSource:
        register_step_source(name, source)
        return source

    return register


def _discover() -> None:
    global _discovered
    if _discovered:
        return
    package = importlib.import_module(BUILT_IN_PACKAGE)
    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{BUILT_IN_PACKAGE}.{module.name}")
    _discovered = True


def registered_sources() -> dict[str, StepSource]:
    """The sources by name, the built-in ones imported first."""
    _discover()
    return dict(_SOURCES)


def steps_of(person: User) -> list[Step]:
    """Every step every source records about the person, in no particular order."""
    return [step for source in registered_sources().values() for step in source(person)]
