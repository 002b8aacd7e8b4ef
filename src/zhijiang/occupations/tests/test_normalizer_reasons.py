"""The title normalizer's reasons: the API carries their text form as before, and the search
page says them in the reader's language."""

from __future__ import annotations

import pytest

from zhijiang_engine.normalize import Reason, ReasonKind

pytestmark = pytest.mark.django_db


def test_the_api_gives_each_reason_in_its_text_form(api):
    response = api().call("get", "/occupations/normalize?title=数据分析师&top=10")
    assert response.status_code == 200, response.content
    reasons = [reason for match in response.json() for reason in match["reasons"]]
    assert "alias: 数据分析师" in reasons
    parsed = [Reason.parse(reason) for reason in reasons]  # every one reads back
    assert [str(reason) for reason in parsed] == reasons
    assert ReasonKind.WORDS in {reason.kind for reason in parsed}


@pytest.mark.parametrize(
    ("language", "said"),
    [("en", "name or alias: 数据分析师"), ("zh-hans", "名称或别名：数据分析师")],
)
def test_the_search_page_says_the_reasons_in_the_readers_language(web, language, said):
    content = web(language=language).get("/occupations/?q=数据分析师").content.decode()
    assert said in content
    assert "· alias: " not in content and "neighbours in" not in content  # not the raw form
