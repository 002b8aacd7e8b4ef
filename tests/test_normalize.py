"""The title normalizer: cleaning, ranking real titles, bad input, determinism and the cache."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import zhijiang
from zhijiang_engine.normalize import (
    Reason,
    ReasonKind,
    TitleNormalizer,
    clean_title,
    normalize_jsonl,
)
from zhijiang_engine.normalize._english import translate_english
from zhijiang_engine.normalize.cache import cache_path
from zhijiang_engine.normalize.reranker import title_tokens
from zhijiang_engine.taxonomy import OccupationRecord, parse_taxonomy

TAXONOMY = Path(zhijiang.__file__).parent / "occupations/data/csco22.csv"


@pytest.fixture(scope="module")
def records() -> list[OccupationRecord]:
    return parse_taxonomy(TAXONOMY.read_bytes(), filename=TAXONOMY.name)


@pytest.fixture(scope="module")
def normalizer(records, tmp_path_factory) -> TitleNormalizer:
    return TitleNormalizer(records, cache_dir=tmp_path_factory.mktemp("normalize-cache"))


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("项目经理（福州市区）", "项目经理"),
        ("销售区域经理-铜陵", "销售区域经理"),
        ("美容院店长 包吃住 五险一金 双休", "美容院店长"),
        ("【急招】仓库管理员", "仓库管理员"),
        ("急招！叉车司机 8000-12000元/月", "叉车司机"),
        ("某某物流公司招聘分拣员", "分拣员"),
        ("高级Java开发工程师(J10183)", "java开发工程师"),
        ("资深UI设计师", "ui设计师"),
        ("ＰＹＴＨＯＮ开发工程师", "python开发工程师"),
        ("軟體工程師", "软件工程师"),
        ("會計師", "会计师"),
        ("C++开发工程师", "c++开发工程师"),
        ("HR专员 / Human Resources", "hr专员 human resources"),
        ("🔥家政保洁+就近安排", "家政保洁"),
        # 招聘 that names the work stays; an advertisement's 招聘 goes.
        ("早9晚6 双休 招聘专员", "招聘专员"),
        ("某某公司招聘招聘经理", "招聘经理"),
        # 超市 and 城市 are not places to strip; a real city is.
        ("超市理货员", "超市理货员"),
        ("城市经理（广元市）", "城市经理"),
        ("广元市销售", "销售"),
        ("营养品省区合伙人", "营养品省区合伙人"),
        ("电话邀约/周末双休", "电话邀约"),
        # Pay with its label, headcount, experience and rest days.
        ("汽车金融客户经理 月薪2W+", "汽车金融客户经理"),
        ("文案策划 6K-8K 月休6天", "文案策划"),
        ("招聘花艺师2名，有2年以上的工作经验", "花艺师"),
        ("普工+包食宿+综合薪资5-6k", "普工"),
    ],
)
def test_cleaning_removes_job_board_noise(raw, cleaned):
    assert clean_title(raw) == cleaned


@pytest.mark.parametrize("raw", ["", "   ", "！！！？？？", "【】（）", "\x00\x01\x02", "12345"])
def test_cleaning_leaves_nothing_of_text_without_words(raw):
    assert clean_title(raw) == ""


@pytest.mark.parametrize(
    ("title", "code"),
    [
        ("工会主席", "1-04-01-01"),  # 1 负责人
        ("注册会计师（事务所）", "2-06-03-00"),  # 2 专业技术人员
        ("消防员", "3-02-03-01"),  # 3 办事人员
        ("小区保安 包吃住", "4-07-05-01"),  # 4 社会生产服务和生活服务人员
        ("养猪场饲养员", "5-03-02-01"),  # 5 农、林、牧、渔业生产及辅助人员
        ("急招电焊工", "6-18-02-04"),  # 6 生产制造及有关人员
        ("军队人员", "7-00-00-00"),  # 7 军队人员
        ("其他从业人员", "8-00-00-00"),  # 8 不便分类的其他从业人员
    ],
)
def test_a_real_title_of_each_major_group_ranks_its_occupation_in_the_top_five(
    normalizer, title, code
):
    assert code in [c.code for c in normalizer.normalize(title, top_k=5)]


@pytest.mark.parametrize(
    ("title", "code"),
    [
        ("Data Analyst", "4-07-02-05"),
        ("Java developer", "2-02-10-03"),
        ("Nurse", "2-05-08-00"),
        ("Primary School Teacher", "2-08-02-04"),
        ("Kindergarten Teacher", "2-08-03-00"),
        ("Customer Service Representative", "4-04-05-03"),
        ("Recruiter", "4-07-03-08"),
        ("Bank Teller", "4-05-01-03"),
    ],
)
def test_english_titles_find_their_occupation(normalizer, title, code):
    assert code in [c.code for c in normalizer.normalize(title, top_k=5)]


def test_english_job_words_are_replaced_by_their_chinese():
    assert translate_english("primary school teacher") == "小学教师"
    assert translate_english("java developer") == "java 开发工程师"
    assert translate_english("hrbp") == "hrbp"  # only whole glossary words


def test_english_words_give_no_letter_pairs_to_learn_from():
    tokens = title_tokens("nurse 护士长", ["nurse", "护士长"])
    assert {"nurse", "护士长", "#护士", "#士长"} <= tokens
    assert not {t for t in tokens if t.startswith("#") and t[1:].isascii()}


def test_candidates_are_ranked_by_score_with_reasons(normalizer):
    found = normalizer.normalize("数据分析师", top_k=5)
    assert len(found) == 5
    assert [c.score for c in found] == sorted((c.score for c in found), reverse=True)
    assert all(0.0 <= c.score <= 1.0 for c in found)
    by_code = {c.code: c for c in found}
    assert by_code["4-07-02-05"].name == "商务数据分析师"
    assert Reason(ReasonKind.ALIAS, "数据分析师") in by_code["4-07-02-05"].reasons


def test_a_title_that_is_an_official_name_ranks_that_occupation_first(normalizer):
    best = normalizer.normalize("人工智能训练师", top_k=3)[0]
    assert (best.code, best.name) == ("4-04-05-05", "人工智能训练师")
    assert best.score >= 0.5
    assert Reason(ReasonKind.ALIAS, "人工智能训练师") in best.reasons


@pytest.mark.parametrize(
    "title", ["", "   ", "……！！！", "。，、；：？", "数据" * 50_000, "\x00\x01\ufffd\x7f"]
)
def test_input_without_a_usable_title_gives_no_candidates(normalizer, title):
    assert normalizer.normalize(title) == []


def test_the_line_protocol_answers_every_line_without_a_traceback(normalizer):
    lines = ["保安员\n", "", "！！！", "x" * 100_000, b"\xff\xfe\x00\x80", "電焊工".encode()]
    out = [json.loads(line) for line in normalize_jsonl(lines, normalizer, top_k=2)]
    assert len(out) == len(lines)
    assert out[0]["title"] == "保安员"
    assert out[0]["candidates"][0] == {
        "code": "4-07-05-01",
        "name": "保安员",
        "score": pytest.approx(out[0]["candidates"][0]["score"]),
    }
    assert [o["candidates"] for o in out[1:4]] == [[], [], []]
    assert "error" in out[3] and len(out[3]["title"]) == 500
    assert out[4] == {"title": "", "candidates": [], "error": "not UTF-8 text"}
    assert out[5]["candidates"][0]["code"] == "6-18-02-04"


def test_ranking_is_deterministic_and_batch_independent(normalizer):
    titles = ["销售代表（广东海南）", "前端开发", "餐厅服务员", "数据分析师"]
    one_by_one = [normalizer.normalize(t) for t in titles]
    assert normalizer.normalize_many(titles, 5) == one_by_one
    assert normalizer.normalize_many(titles, 5) == one_by_one


def test_the_index_cache_round_trips(records, tmp_path):
    built = TitleNormalizer(records, cache_dir=tmp_path)
    cached_files = list(tmp_path.glob("title-index-*.npz"))
    assert cached_files == [cache_path(tmp_path, built.index.fingerprint)]
    loaded = TitleNormalizer(records, cache_dir=tmp_path)
    assert loaded.index.codes == built.index.codes
    assert loaded.index.strings == built.index.strings
    assert (loaded.index.title_bm25 != built.index.title_bm25).nnz == 0
    titles = ["叉车司机", "Java developer", "幼儿园老师"]
    assert loaded.normalize_many(titles, 5) == built.normalize_many(titles, 5)


def test_a_changed_taxonomy_gets_a_new_cache_key(records, tmp_path):
    first = TitleNormalizer(records[:200], cache_dir=tmp_path)
    second = TitleNormalizer(records[:201], cache_dir=tmp_path)
    assert first.index.fingerprint != second.index.fingerprint
    assert len(list(tmp_path.glob("title-index-*.npz"))) == 2


def test_learned_word_statistics_never_hold_a_single_labelled_title():
    from zhijiang_engine.normalize.reranker import token_statistics

    statistics = token_statistics(
        [
            ("催收", frozenset({"催收"}), "4-01-02-01"),
            ("电话催收", frozenset({"电话", "催收", "#电话", "#话催", "#催收"}), "4-01-02-01"),
            ("催收", frozenset({"催收"}), "4-01-02-01"),
        ]
    )
    assert statistics.token_codes["催收"] == {"4-01-02-01": 3}  # a whole title, but in two
    assert "电话" in statistics.token_codes  # part of a title: kept
    statistics = token_statistics([("面点师", frozenset({"面点师"}), "4-03-02-02")])
    assert "面点师" not in statistics.token_codes  # one title's whole text: never a lookup entry


def test_a_training_title_does_not_see_its_own_counts():
    import numpy as np

    from zhijiang_engine.normalize.reranker import token_statistics

    statistics = token_statistics(
        [
            ("电话催收", frozenset({"催收"}), "A"),
            ("催收专员", frozenset({"催收"}), "B"),
        ]
    )
    features = np.zeros((2, 19))
    seen = statistics.learned_columns(features, ("A", "B"), frozenset({"催收"}))
    own = statistics.learned_columns(features, ("A", "B"), frozenset({"催收"}), own="A")
    assert list(seen[:, 21]) == [0.5, 0.5]  # token_code: P(code | 催收) over both titles
    assert list(own[:, 21]) == [0.0, 1.0]  # without title A's own count, only B is left


def test_the_title_classifier_learns_which_words_decide_and_round_trips():
    from zhijiang_engine.normalize.classifier import (
        classifier_from_payload,
        fit_title_classifier,
        out_of_fold_probabilities,
    )

    titles = [frozenset({"催收", "高薪"}), frozenset({"催收"}), frozenset({"厨师", "高薪"})] * 4
    titles += [frozenset({"厨师"})] * 4
    answers = ["催收员", "催收员", "厨师"] * 4 + ["厨师"] * 4
    vocabulary = ["催收", "厨师", "高薪"]
    model = fit_title_classifier(titles, answers, vocabulary, l2=0.3)
    p = model.probabilities(frozenset({"催收", "高薪", "未知"}))
    assert p["催收员"] > 0.8 and abs(sum(p.values()) - 1) < 1e-9
    assert model.probabilities(frozenset({"厨师"}))["厨师"] > 0.8
    again = classifier_from_payload(json.loads(json.dumps(model.to_payload())))
    assert again.probabilities(frozenset({"催收"}))["催收员"] == pytest.approx(
        model.probabilities(frozenset({"催收"}))["催收员"], abs=1e-3
    )
    held_out = out_of_fold_probabilities(titles, answers, vocabulary, l2=0.3, folds=4)
    assert len(held_out) == len(titles) and held_out[0]["催收员"] > 0.5


@pytest.mark.parametrize(
    ("reason", "text"),
    [
        (Reason(ReasonKind.ALIAS, "数据分析师"), "alias: 数据分析师"),
        (Reason(ReasonKind.WORDS, "数据, 分析师"), "words: 数据, 分析师"),
        (Reason(ReasonKind.LABELLED_TITLES, "0.83"), "like labelled titles: 0.83"),
        (Reason(ReasonKind.WHOLE_GROUP), "group as a whole"),
        (
            Reason(ReasonKind.NEIGHBOURS, "软件和信息技术服务人员"),
            "neighbours in 软件和信息技术服务人员",
        ),
    ],
)
def test_each_kind_of_reason_keeps_its_text_form_and_reads_back(reason, text):
    assert str(reason) == text
    assert Reason.parse(text) == reason


def test_text_that_is_no_reason_is_refused_by_name():
    with pytest.raises(ValueError, match="not a normalizer reason: 'because'"):
        Reason.parse("because")


def test_every_reason_the_normalizer_gives_round_trips_through_its_text(normalizer):
    found = [
        reason
        for title in ("数据分析师", "Java开发", "护士长", "人工智能训练师", "销售经理", "司机")
        for candidate in normalizer.normalize(title, top_k=10)
        for reason in candidate.reasons
    ]
    assert {reason.kind for reason in found} >= {ReasonKind.ALIAS, ReasonKind.WORDS}
    assert all(Reason.parse(str(reason)) == reason for reason in found)
