"""A small valid standard document and helpers for standards tests."""

from __future__ import annotations

import copy
from typing import Any

from zhijiang.occupations import services
from zhijiang.occupations.models import Occupation, Standard

TRAINER = "4-04-05-05"


def document(code: str = TRAINER, name: str = "人工智能训练师") -> dict[str, Any]:
    """Two levels, two functions each, weights that add up."""
    level = {
        "basic_weight": 20,
        "functions": [
            {
                "title": "数据采集和处理",
                "theory_weight": 50,
                "skill_weight": 60,
                "contents": [
                    {
                        "title": "数据标注",
                        "skills": [
                            {
                                "text": "能按照标注规范完成图片、文字、语音数据的标注",
                                "skills": ["数据标注"],
                            },
                            {"text": "能使用标注工具检查标注质量", "skills": []},
                        ],
                        "knowledge": [{"text": "数据标注规范", "skills": []}],
                    }
                ],
            },
            {
                "title": "智能系统运维",
                "theory_weight": 30,
                "skill_weight": 40,
                "contents": [
                    {
                        "title": "智能系统维护",
                        "skills": [{"text": "能维护人工智能产品的运行参数", "skills": ["Python"]}],
                        "knowledge": [{"text": "智能系统运维的基本知识", "skills": []}],
                    }
                ],
            },
        ],
    }
    senior = copy.deepcopy(level)
    senior["basic_weight"] = 10
    senior["functions"][0]["theory_weight"] = 60
    return {
        "format": "zhijiang.standard/1",
        "occupation": {"code": code, "name": name, "definition": "使用智能训练软件的人员。"},
        "overview": {"environment": "室内，常温"},
        "basic_requirements": {
            "ethics": ["遵纪守法，爱岗敬业", "严谨细致，精益求精"],
            "knowledge": ["人工智能基础知识", "《中华人民共和国劳动法》相关知识"],
        },
        "levels": [{"level": 2, **level}, {"level": 3, **senior}],
    }


def imported(actor, data: dict[str, Any] | None = None) -> Standard:
    return services.standard_import(actor=actor, data=data or document())


def occupation(code: str = TRAINER) -> Occupation:
    return Occupation.objects.get(code=code)
