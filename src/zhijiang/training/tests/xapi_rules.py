"""A structural check of xAPI 1.0.3 statements, written from the MUST rules of the spec's Data
part (github.com/adlnet/xAPI-Spec, xAPI-Data.md §2.4), plus the SHOULD NOT on empty objects that
strict LRSs enforce. It returns what breaks the rules, so a test can show every problem at once.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import Any

IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$")
IRL = re.compile(r"^https?://[^\s/]+[^\s]*$")
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")
DURATION = re.compile(
    r"^P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$"
)
IFIS = ("mbox", "mbox_sha1sum", "openid", "account")


def empty_paths(value: Any, path: str = "$") -> list[str]:
    """Where ``value`` holds an empty object or list."""
    if isinstance(value, dict):
        found = [path] if not value else []
        for key, item in value.items():
            found += empty_paths(item, f"{path}.{key}")
        return found
    if isinstance(value, list):
        found = [path] if not value else []
        for index, item in enumerate(value):
            found += empty_paths(item, f"{path}[{index}]")
        return found
    return []


def _timestamp_problems(value: Any, where: str) -> list[str]:
    if not isinstance(value, str):
        return [f"{where} is not an ISO 8601 string"]
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        return [f"{where} is not ISO 8601: {value}"]
    return [] if parsed.tzinfo is not None else [f"{where} has no time zone: {value}"]


def _language_map_problems(value: Any, where: str) -> list[str]:
    if not isinstance(value, dict):
        return [f"{where} is not a language map"]
    return [
        f"{where} has a bad language tag or value: {tag}"
        for tag, text in value.items()
        if not LANGUAGE_TAG.match(tag) or not isinstance(text, str)
    ]


def _agent_problems(agent: Any, where: str) -> list[str]:
    if not isinstance(agent, dict):
        return [f"{where} is not an object"]
    kind = agent.get("objectType", "Agent")
    if kind == "Group":
        return _group_problems(agent, where)
    if kind != "Agent":
        return [f"{where}.objectType is {kind}, not Agent or Group"]
    ifis = [ifi for ifi in IFIS if ifi in agent]
    if len(ifis) != 1:
        return [f"{where} has {len(ifis)} inverse functional identifiers, not exactly one"]
    problems: list[str] = []
    if "mbox" in agent and not str(agent["mbox"]).startswith("mailto:"):
        problems.append(f"{where}.mbox is not a mailto IRI")
    if "account" in agent:
        account = agent["account"]
        if not isinstance(account, dict) or not IRL.match(str(account.get("homePage", ""))):
            problems.append(f"{where}.account.homePage is not an IRL")
        elif not isinstance(account.get("name"), str) or not account["name"]:
            problems.append(f"{where}.account.name is missing")
    if "name" in agent and not isinstance(agent["name"], str):
        problems.append(f"{where}.name is not a string")
    return problems


def _group_problems(group: dict[str, Any], where: str) -> list[str]:
    members = group.get("member", [])
    if not isinstance(members, list):
        return [f"{where}.member is not a list"]
    problems = [p for member in members for p in _agent_problems(member, f"{where}.member")]
    ifis = [ifi for ifi in IFIS if ifi in group]
    if len(ifis) > 1:
        problems.append(f"{where} has more than one inverse functional identifier")
    if not ifis and not members:
        problems.append(f"{where} is an anonymous Group without members")
    return problems


def _activity_problems(activity: Any, where: str) -> list[str]:
    if not isinstance(activity, dict):
        return [f"{where} is not an object"]
    if activity.get("objectType", "Activity") != "Activity":
        return [f"{where}.objectType is not Activity"]
    problems = [] if IRI.match(str(activity.get("id", ""))) else [f"{where}.id is not an IRI"]
    definition = activity.get("definition", {})
    for key in ("name", "description"):
        if key in definition:
            problems += _language_map_problems(definition[key], f"{where}.definition.{key}")
    if "type" in definition and not IRI.match(str(definition["type"])):
        problems.append(f"{where}.definition.type is not an IRI")
    return problems


def _result_problems(result: Any) -> list[str]:
    problems: list[str] = []
    for key in ("success", "completion"):
        if key in result and not isinstance(result[key], bool):
            problems.append(f"$.result.{key} is not a boolean")
    if "duration" in result and not DURATION.match(str(result["duration"])):
        problems.append("$.result.duration is not an ISO 8601 duration")
    score = result.get("score", {})
    if "scaled" in score and not -1 <= score["scaled"] <= 1:
        problems.append("$.result.score.scaled is outside -1 … 1")
    low, high = score.get("min"), score.get("max")
    if "raw" in score and low is not None and high is not None and not low <= score["raw"] <= high:
        problems.append("$.result.score.raw is outside min … max")
    return problems


def _context_problems(context: Any) -> list[str]:
    problems: list[str] = []
    if "registration" in context:
        try:
            uuid.UUID(str(context["registration"]))
        except ValueError:
            problems.append("$.context.registration is not a UUID")
    for kind, activities in context.get("contextActivities", {}).items():
        if kind not in ("parent", "grouping", "category", "other"):
            problems.append(f"$.context.contextActivities has an unknown key {kind}")
        listed = activities if isinstance(activities, list) else [activities]
        for activity in listed:
            problems += _activity_problems(activity, f"$.context.contextActivities.{kind}")
    return problems


def statement_problems(statement: dict[str, Any]) -> list[str]:
    """Every way ``statement`` breaks the rules; empty when it keeps them all."""
    problems = [f"{path} is empty" for path in empty_paths(statement)]
    try:
        uuid.UUID(str(statement.get("id", "")))
    except ValueError:
        problems.append("$.id is not a UUID")
    for required in ("actor", "verb", "object"):
        if required not in statement:
            problems.append(f"$.{required} is missing")
    problems += _agent_problems(statement.get("actor"), "$.actor")
    verb = statement.get("verb", {})
    if not IRI.match(str(verb.get("id", ""))):
        problems.append("$.verb.id is not an IRI")
    if "display" in verb:
        problems += _language_map_problems(verb["display"], "$.verb.display")
    problems += _activity_problems(statement.get("object"), "$.object")
    problems += _result_problems(statement.get("result", {}))
    problems += _context_problems(statement.get("context", {}))
    for key in ("timestamp", "stored"):
        if key in statement:
            problems += _timestamp_problems(statement[key], f"$.{key}")
    if "version" in statement and not re.match(r"^1\.0\.\d+$", str(statement["version"])):
        problems.append("$.version is not 1.0.x")
    if "authority" not in statement:
        problems.append("$.authority is missing")
    else:
        authority = statement["authority"]
        problems += _agent_problems(authority, "$.authority")
        is_group = isinstance(authority, dict) and authority.get("objectType") == "Group"
        if is_group and len(authority.get("member", [])) != 2:
            problems.append("$.authority is a Group without exactly two members (OAuth)")
    return problems
