"""Skills are shown in the reader's language: the Chinese label where the vocabulary has one,
else the English label (most O*NET and ESCO skills have no Chinese label yet). Notifications
keep skill keys and show labels when read, so a match pushed overnight reads right in Chinese
and in English."""

from __future__ import annotations

import pytest

from zhijiang.common.notifications import notify
from zhijiang.occupations.models import Skill

pytestmark = pytest.mark.django_db


@pytest.fixture
def skills(db: None) -> list[Skill]:
    return [
        Skill.objects.create(
            key="auditing", label_zh="审计", label_en="auditing", kind="technical"
        ),
        Skill.objects.create(
            key="cyber security", label_zh="网络安全", label_en="cyber security", kind="technical"
        ),
        Skill.objects.create(
            key="100 plus hatch pattern library",
            label_en="100 Plus Hatch Pattern Library",
            kind="technical",
        ),
    ]


def test_a_skill_label_is_chinese_where_there_is_one_and_english_otherwise(skills):
    auditing, _security, hatch = skills
    assert (auditing.label_for("zh-hans"), auditing.label_for("en")) == ("审计", "auditing")
    assert hatch.label_for("zh-hans") == "100 Plus Hatch Pattern Library"
    assert Skill(key="bare key").label_for("zh-hans") == "bare key"


def test_a_match_notification_names_the_skills_in_the_readers_language(web, learner, skills):
    notify(
        user=learner,
        kind="match",
        params={
            "position": "网络安全工程师",
            "employer": "重庆数智云科技有限公司",
            "district": "渝中区",
            "score": 71,
            "matched": "auditing、cyber security、100 plus hatch pattern library、retired key",
        },
        link="/jobs/1/",
    )
    chinese = web(learner, language="zh-hans").get("/jobs/notifications/").content.decode()
    assert "审计、网络安全、100 Plus Hatch Pattern Library、retired key" in chinese
    assert "auditing" not in chinese
    english = web(learner).get("/jobs/notifications/").content.decode()
    assert "auditing、cyber security、100 Plus Hatch Pattern Library、retired key" in english


def test_the_notifications_page_looks_the_skills_up_once(
    web, learner, skills, django_assert_max_num_queries
):
    for number in range(5):
        notify(
            user=learner,
            kind="match",
            params={
                "position": f"岗位{number}",
                "employer": "某公司",
                "district": "渝中区",
                "score": 60,
                "matched": "auditing、cyber security",
            },
        )
    client = web(learner, language="zh-hans")
    client.get("/jobs/notifications/")  # warm the session and caches
    with django_assert_max_num_queries(6):  # one skill query for the page, not one each
        page = client.get("/jobs/notifications/").content.decode()
    assert page.count("审计、网络安全") == 5


def test_the_notifications_page_needs_a_login(web):
    response = web().get("/jobs/notifications/")
    assert response.status_code == 302 and "/login" in response["Location"]
