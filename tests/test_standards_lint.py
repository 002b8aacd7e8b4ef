"""The linguistic check of generated text: it catches the garbled lines a reviewer rejected
(issue 15) and passes lines that read well, and its repairs give lines that pass."""

from __future__ import annotations

import pytest

from zhijiang_engine.standards.lint import Rule, checked, problems, repair

# Lines a reviewer rejected, each with the rule that must catch it and the level it was drafted at.
GARBLED = [
    ("能根据的特点选择合适的管理与维护方法", 4, Rule.DANGLING_DE),
    ("依法分析和的使用方法", 3, Rule.DANGLING_DE),
    ("数据采集、的基本知识", 3, Rule.DANGLING_DE),
    ("能进行大规模技术", 4, Rule.EMPTY_OBJECT),
    ("能进行卫星遥感影像数据，并处理作业过程中的常见问题", 4, Rule.BROKEN_CLAUSE),
    ("的质量要求", 3, Rule.LEADING_CONNECTIVE),
    ("使现场工艺过程的基本知识", 2, Rule.LEADING_CONNECTIVE),
    ("能独立制订通信网络发展规划和技术标准", 3, Rule.LEVEL_VERB),
    ("能处理种子，并处理处理过程中的常见问题", 4, Rule.REPEATED),
    ("能根据工作要求选择合适的地球化学方法方法", 4, Rule.REPEATED),
    ("能独立测量路基，能独立测量路基", 3, Rule.REPEATED),
    ("能正确使用和维护根据医生或有关技术人员的", 2, Rule.DANGLING_DE),
    ("根据医生或有关技术人员的的使用方法", 2, Rule.DANGLING_DE),
    ("能根据工作要求选择合适的或人工修剪、嫁接方法", 4, Rule.DANGLING_DE),
    ("和校验调试的原理与要求", 4, Rule.LEADING_CONNECTIVE),
    ("能进行管理，并处理作业过程中的常见问题", 4, Rule.EMPTY_OBJECT),
    ("能独立进行", 3, Rule.EMPTY_OBJECT),
    ("能独立进行操作机泵及计量设备", 3, Rule.BROKEN_CLAUSE),
    ("能独立进行进行公共艺术进行材料选择", 3, Rule.BROKEN_CLAUSE),
    ("能正确使用和维护根据修理情况", 2, Rule.BROKEN_CLAUSE),
    ("能检查）设施核实的结果，发现并纠正不符合要求的情况", 3, Rule.UNBALANCED),
    ("能制定典据（当票开具方案并组织实施", 5, Rule.UNBALANCED),
    ("能按照（）规范完成标注", 2, Rule.EMPTY_SLOT),
    ("能完成数据的标注，，并记录结果", 2, Rule.EMPTY_SLOT),
    ("、调整收获机械焊装生产线设备的使用方法", 2, Rule.EMPTY_SLOT),
    ("能按要求完成{topic}的记录", 2, Rule.EMPTY_SLOT),
    ("Data labelling", 2, Rule.NOT_CHINESE),
    ("能", 2, Rule.NOT_CHINESE),
    ("能主持数控加工技术攻关", 4, Rule.LEVEL_VERB),
    ("能组织编写生产安全事故应急预案", 4, Rule.LEVEL_VERB),
    ("能对初级工、中级工进行操作技能培训", 4, Rule.LEVEL_VERB),
    ("能独立完成复杂零件的编程与加工", 3, Rule.LEVEL_VERB),
    ("能制定保养工维护方案并组织实施", 5, Rule.WORKER_AS_OBJECT),
    ("保养工维护方案的编制方法", 5, Rule.WORKER_AS_OBJECT),
    ("诊断程序的方法", 3, Rule.METHOD_OF_METHOD),
    ("工作主持的原理与要求", 4, Rule.METHOD_OF_METHOD),
    ("能解决设备制造技术支持中的疑难问题", 6, Rule.METHOD_OF_METHOD),
    ("普及标准化知识的基本知识", 2, Rule.REPEATED),
    ("能分析市场动态分析的结果并提出处理意见", 3, Rule.REPEATED),
    ("能评估设备状态评估的成果", 4, Rule.REPEATED),
]

# Lines that read well: national-standard style lines and lines of the offline drafts of the
# fixture occupations (tests/occupation_facts.py), each at the level it was drafted for.
GOOD = [
    ("能按照标注规范完成图片、文字、语音数据的标注", 2),
    ("涉及的法律法规和参与的人员", 3),
    ("溶液饱和的判断方法", 3),
    ("能使用数控车床加工内外圆柱面", 3),
    ("能根据加工要求选择刀具并刃磨", 3),
    ("能使用游标卡尺、千分尺测量工件尺寸", 2),
    ("能对初级工、中级工、高级工进行理论知识和操作技能培训", 5),
    ("能制定碳排放管理咨询服务的技术标准与作业规范", 7),
    ("能主持型面切削加工技术攻关", 7),
    ("能解决康复护理中的疑难问题", 6),
    ("能协助制订通信网络发展规划和技术标准", 3),
    ("常见病、危重病和临终护理的发展趋势与前沿技术", 6),
    ("日常生活照料的方法", 3),
    ("能检查应用数据监控的结果，发现并纠正不符合要求的情况", 3),
    ("能根据交互流程和应用解决方案的特点选择合适的设计方法", 4),
    ("算法训练的原理与要求", 4),
    ("能提出技术改进方案并组织实施", 6),
    ("能按要求记录常见病、危重病和临终护理的过程和结果", 2),
    ("文物现状调查的质量要求", 3),
    ("能解决刀具选择与刃磨中的疑难问题", 6),
    ("测试报告编写方案的编制方法", 5),
    ("能判断计算机软件是否符合要求，并填写测试记录", 3),
    ("能进行型面切削加工，并处理加工过程中的常见问题", 4),
    ("能对作业质量进行分析并提出改进方案", 6),
    ("能独立加工图片、文字、语音等业务的原始数据", 3),
    ("能独立使用量具，进行误差分析", 3),
    ("能根据企事业单位碳排放情况的特点选择合适的核查方法", 4),
    ("能查找型面切削加工中存在的问题并提出改进措施", 5),
    ("本体价值研判的基本知识", 2),
    ("能根据服务对象的具体情况调整康复护理的方式", 3),
    ("能在指导下按操作规程调整人工智能产品参数和配置", 2),
    ("能在指导下按操作规程监测区域及企事业单位等碳排放现状", 2),
    ("能制定用药护理方案并组织实施", 5),
    ("车床的使用方法", 2),
    ("能进行健康教育，并处理教育过程中的常见问题", 4),
    ("能做好相关记录，并检查其结果", 4),
    ("机床和工装保养的操作规程", 2),
    ("能在指导下按要求记录测试数据和案例", 2),
    ("能引进和推广算法评测的新技术、新方法", 6),
    ("能独立查勘出险后的保险标的", 3),
    ("能使用Python编写数据清洗脚本", 3),
    ("能就型面切削加工对初级工、中级工、高级工进行操作培训", 5),
    ("能指导初级工、中级工、高级工解决型面切削加工中的实际问题", 5),
    ("能为初级、中级人员讲授人工智能专业知识和技能，编制培训资料", 4),
    ("工装设备维护与保养的操作规程", 2),
    ("精加工与施工的方法", 3),
    ("能对教职工进行安全教育", 3),
    ("《中华人民共和国数据安全法》相关知识", 2),
    ("践行：遵纪守法，爱岗敬业", 2),
    ("实操练习：在指导下按操作规程调整人工智能产品参数和配置，并记录操作过程与结果。", 2),
]


@pytest.mark.parametrize(("text", "rank", "rule"), GARBLED, ids=[g[0] for g in GARBLED])
def test_every_garbled_line_of_the_issue_is_caught_by_its_rule(text, rank, rule):
    found = problems(text, rank=rank)
    assert rule in {p.rule for p in found}, found
    assert all(p.reason for p in found)


@pytest.mark.parametrize(("text", "rank"), GOOD, ids=[g[0] for g in GOOD])
def test_lines_that_read_well_pass_unchanged(text, rank):
    assert problems(text, rank=rank) == ()
    assert repair(text, rank) == text
    assert checked(text, rank) == (text, ())


@pytest.mark.parametrize(
    ("text", "rank", "repaired"),
    [
        ("能根据的特点选择合适的管理与维护方法", 4, "能选择合适的管理与维护方法"),
        ("能处理种子，并处理处理过程中的常见问题", 4, "能处理种子，并处理过程中的常见问题"),
        ("能根据工作要求选择合适的地球化学方法方法", 4, "能根据工作要求选择合适的地球化学方法"),
        ("能独立测量路基，能独立测量路基", 3, "能独立测量路基"),
        ("使现场工艺过程的基本知识", 2, "现场工艺过程的基本知识"),
        ("和校验调试的原理与要求", 4, "校验调试的原理与要求"),
        ("能独立制订通信网络发展规划和技术标准", 3, "能协助制订通信网络发展规划和技术标准"),
        ("能主持数控加工技术攻关", 4, "能参与数控加工技术攻关"),
        ("能独立进行操作机泵及计量设备", 3, "能独立操作机泵及计量设备"),
        ("根据医生或有关技术人员的的使用方法", 2, None),
        ("能完成数据的标注，，并记录结果", 2, "能完成数据的标注，并记录结果"),
        ("、调整收获机械焊装生产线设备的使用方法", 2, "调整收获机械焊装生产线设备的使用方法"),
        ("能检查）设施核实的结果", 3, "能检查设施核实的结果"),
    ],
)
def test_repair_fixes_what_it_can_and_gives_none_for_the_rest(text, rank, repaired):
    assert repair(text, rank) == repaired
    if repaired is not None:
        assert problems(repaired, rank=rank) == ()


@pytest.mark.parametrize(
    "text",
    [
        "的质量要求",
        "能进行大规模技术",
        "能进行卫星遥感影像数据，并处理作业过程中的常见问题",
        "能对初级工、中级工进行操作技能培训",
        "普及标准化知识的基本知识",
        "能分析市场动态分析的结果并提出处理意见",
        "Data labelling",
        "能",
        "",
    ],
)
def test_a_line_without_a_deterministic_repair_is_left_out(text):
    line, found = checked(text, 4)
    assert line is None
    assert found


def test_level_verbs_are_checked_only_when_a_level_is_given_and_only_on_what_a_line_claims():
    senior = "能独立制订通信网络发展规划和技术标准"
    assert problems(senior) == ()
    assert problems(senior, rank=5) == ()
    assert problems("通信网络发展规划制订的方法", rank=3) == ()  # knowing, not doing


def test_building_rules_or_systems_is_not_junior_work():
    line = "能在指导下建立和完善贷款质量保全制度"
    assert Rule.LEVEL_VERB in {p.rule for p in problems(line, rank=2)}
    assert not problems(line, rank=3)
    assert checked(line, 2)[0] is None


@pytest.mark.parametrize(
    "text", ["车工（中级工）", "摩托车修理工分析故障原因", "摩托车修理工（中级工）能排除故障"]
)
def test_a_worker_named_as_the_subject_or_before_a_bracket_is_not_an_object(text):
    assert not problems(text)


def test_a_worker_in_an_object_slot_is_still_caught():
    assert Rule.WORKER_AS_OBJECT in {p.rule for p in problems("能制定保养工维护方案")}
