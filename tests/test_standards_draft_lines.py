"""Requirement lines that fit only some work: which occupations and objects a line may be built
on (the reviewer's reject classes of the quality sample), on task clauses of the 2022
classification copied verbatim."""

from __future__ import annotations

from zhijiang_engine.standards import OccupationFacts, standard_draft_offline
from zhijiang_engine.standards.draft_lines import requirement_lines
from zhijiang_engine.standards.levels import Ladder
from zhijiang_engine.standards.phrases import Phrase, parse_task, split_phrase

WORKER, PROFESSIONAL = Ladder.WORKER, Ladder.PROFESSIONAL

ARBITRATOR = OccupationFacts(
    code="3-01-03-03",
    name="农村土地承包仲裁员",
    definition="从事农村土地承包经营纠纷调解、仲裁的人员。",
    tasks=(
        "接受当事人农村土地承包经营纠纷仲裁申请，受理纠纷案件，审阅纠纷案卷，制定审理方案",
        "组织调查取证，查阅土地承包档案资料与管理台账，勘测地界，询问证人，核查证据",
        "组织农村土地承包经营纠纷双方当事人调解，促使当事人达成调解协议",
        "组织开庭审理，依法审查证据和组织当事人辩论，接受当事人证据保全、财产保全申请并移交"
        "基层法院，进行仲裁庭合议，对纠纷案件作出裁决",
        "先行裁定当事人申请的权力义务关系明确的纠纷",
        "制作并下达农村土地承包仲裁调解书或裁决书。",
    ),
)
TAILOR = OccupationFacts(
    code="4-10-02-01",
    name="裁缝",
    definition="依顾客个性化要求，进行人体测量、服装款式草图绘制、服装样板制作，裁剪、缝制、"
    "试衣、拆改服装的人员。",
    tasks=(
        "根据顾客个性化要求，绘制或向顾客推荐设计效果图、款式图",
        "测量、记录顾客人体尺寸",
        "根据设计效果图，制作服装样板、裁剪面料、缝制成衣",
        "试衣，调整成衣尺寸并定型、熨烫",
        "根据顾客要求，进行成衣款式、尺寸的拆改和翻新。",
    ),
)


def _main(task: str) -> Phrase:
    parsed = parse_task(task)
    assert parsed is not None
    return parsed[0]


def _lines(task: str, ranks: tuple[int, ...], ladder: Ladder, *, process: bool) -> list[str]:
    return [
        line
        for rank in ranks
        for turn in range(2)
        for part in requirement_lines(
            _main(task), rank, ladder, process=process, turn=turn, strict=False
        )
        for line in part
    ]


def _texts(facts: OccupationFacts) -> list[str]:
    return [
        r.text
        for level in standard_draft_offline(facts).levels
        for function in level.functions
        for content in function.contents
        for r in (*content.skills, *content.knowledge)
    ]


def test_a_list_of_things_found_and_handled_is_named_verb_first():
    task = "检查维护生产设备，发现并处理生产中的异常现象和故障"
    assert _main(task).title == "发现和处理异常现象和故障"
    lines = _lines(task, (3,), WORKER, process=True)
    assert "能独立发现、处理生产中的异常现象和故障" in lines
    assert "发现和处理异常现象和故障的方法" in lines
    assert not any("故障发现与处理" in line for line in lines)


def test_a_list_cut_at_its_etc_or_a_fragment_is_not_an_object():
    sampled = "使用地层测试器、压力计等仪器，采集地层压力、温度等参数和油、气、水样品"
    lines = _lines(sampled, (3, 4, 5), WORKER, process=True)
    assert lines and not any("样品采集" in line for line in lines)  # the clause as written only
    predicted = "量化计算风险度，预测可能发生事故的部位、原因、影响范围、损害程度"
    lines = _lines(predicted, (2, 3, 4), PROFESSIONAL, process=False)
    assert not any("部位预测" in line for line in lines)


def test_only_events_are_organised_and_evaluated_and_only_engineering_has_a_technical_route():
    handled = _lines("处理单位合规管理事务", (4,), PROFESSIONAL, process=False)
    assert handled and not any("评价其效果" in line for line in handled)
    publicised = _lines("开展法治宣传", (4,), PROFESSIONAL, process=False)
    assert "能组织法治宣传并评价其效果" in publicised
    forecast = _lines("预测市场需求", (4,), PROFESSIONAL, process=False)
    assert forecast and not any("技术路线" in line for line in forecast)


def test_a_draft_is_written_as_its_text_and_a_vague_opinion_gets_no_line():
    drafted = _lines("草拟案件审查报告和法律文书", (2, 3, 4), PROFESSIONAL, process=False)
    assert "能独立草拟案件审查报告和法律文书" in drafted
    assert not any("草拟案件审查报告中" in line or "草拟的" in line for line in drafted)
    assert _lines("提出办理或处理意见", (2, 3), WORKER, process=False) == []


def test_testing_plans_and_work_plans_belong_to_work_that_is_tested_or_planned():
    tested = _lines("检验铸件", (5,), WORKER, process=True)
    assert "铸件检验方案的编制方法" in tested
    assert "检验方案的编制方法" not in tested
    checked = _lines("核查证据", (2, 3, 4, 5), WORKER, process=False)
    assert checked and not any("检验" in line or "质量" in line for line in checked)
    issued = _lines("出具老年人能力综合评估报告", (5,), WORKER, process=False)
    assert issued and not any("计划" in line for line in issued)


def test_an_arbitrator_gives_guidance_on_its_work_not_on_a_technique_or_a_testing_plan():
    texts = _texts(ARBITRATOR)
    assert "农村土地承包仲裁业务指导的方法" in texts
    assert not any("技术指导的方法" in text or "检验方案" in text for text in texts)


def test_a_tailors_work_is_never_named_by_whose_it_is():
    texts = _texts(TAILOR)
    assert texts and not any("顾客绘制" in text or "工作的工作" in text for text in texts)


def test_a_salesmans_work_is_named_as_a_whole_and_said_once():
    seller = OccupationFacts(  # three of its tasks, shortened
        code="4-01-02-01",
        name="营销员",
        definition="",
        tasks=("寻找潜在客户", "签订销售合同", "处理纠纷"),
    )
    texts = _texts(seller)
    assert "能指导初级工、中级工、高级工解决营销工作中的实际问题" in texts
    assert "能就营销工作对初级工、中级工、高级工进行业务培训" in texts
    assert not any("工作的工作" in text for text in texts)


def test_a_machines_control_system_keeps_the_machine_it_belongs_to():
    titles = [p.title for p in split_phrase(_main("装配和调整灌溉机械操作系统"))]
    assert titles == ["灌溉机械操作系统装配", "灌溉机械操作系统调整"]
