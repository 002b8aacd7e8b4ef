"""What earns a rubric criterion's full points: the result an assessor checks, drawn from the
skill requirement.

"过程规范，结果符合要求" fits every task and tells the assessor nothing to look at. A criterion
says what must be right in what the work turns out: a prescription's items and doses, a
product's dimensions and appearance, a measurement's data and verdict, a plan's steps and
measures. The result follows the requirement's frame (checking, recording, servicing, faults)
or the verb of its work; work with no result an assessor can check ("管理…", "协调…") gets no
criterion.
"""

from __future__ import annotations

from zhijiang_engine.curriculum import work
from zhijiang_engine.curriculum.model import Objective
from zhijiang_engine.curriculum.prose import clean

# What is checked for a requirement in one of work's frames; {x} is the frame's object.
_FRAME_RESULTS = {
    "check": "不合格之处全部找出并纠正",
    "record": "记录真实、完整，数据与实际一致",
    "judge": "合格与否的判定与标准一致",
    "maintain": "{x}维护后运行正常，维护项目无遗漏",
    "faults": "故障部位和原因判断准确，排除后{x}运行正常",
    "settings": "确定的参数在工艺允许范围内，并说明依据",
    "anomaly": "异常原因查明，处理后恢复正常并有记录",
    "complex": "问题原因查明，处理措施有效并有记录",
    "difficult": "问题原因查明，解决措施有效并有记录",
    "problems": "问题原因查明，处理后恢复正常并有记录",
    "defects": "原因分析有依据，提出的措施针对原因、可行",
    "results": "不合格原因有检验数据支持，结论正确",
    "plan": "方案的目标、步骤、分工和检查点齐全，措施可行",
    "document": "技术文件内容完整，数据与试验记录一致",
    "improve": "改进措施针对查出的问题，实施前后有对比数据",
    "optimise": "优化前后有对比数据，流程缩短或质量提高",
    "innovate": "适用性评估有依据，推广后效果有对比数据",
    "organise": "组织安排到位，效果评价有依据",
    "gather": "资料齐全、来源可查，整理后便于使用",
    "adjust": "调整依据服务对象的情况，调整后满足其需要",
    "coach": "示范动作规范，讲解要点准确，纠正的错误做法具体",
}
# (verbs that open the work, the result with its object, the result where the object is too
# long to repeat); tried in order, the first verb that opens the work wins.
_VERB_RESULTS: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (("操作", "开动", "启动", "运行"), "{x}操作顺序正确，运行参数在规定范围内",
     "操作顺序正确，运行参数在规定范围内"),
    (("使用",), "{x}使用方法正确，用后完好归位", "使用方法正确，用后完好归位"),
    (("定位", "装夹", "找正"), "定位准确、装夹牢固，加工中不松动",
     "定位准确、装夹牢固，加工中不松动"),
    (("处理", "排除"), "问题原因查明，处理后恢复正常并有记录",
     "问题原因查明，处理后恢复正常并有记录"),
    (("检查", "检验", "检测", "测量", "测定", "化验", "监测", "测试", "检定", "校验", "巡检",
      "监视", "监控"),
     "检测项目无遗漏，数据准确，结论判定正确", "检测项目无遗漏，数据准确，结论判定正确"),
    (("开具", "填写", "出具", "签发", "办理", "填报", "登记"),
     "{x}项目齐全、信息准确、符合规定", "项目齐全、信息准确、符合规定"),
    (("编制", "制定", "制订", "编写", "撰写", "起草", "拟订", "草拟"),
     "{x}内容完整、依据充分、格式规范", "编制的文件内容完整、依据充分、格式规范"),
    (("设计", "绘制"), "{x}满足任务要求，依据充分、数据正确",
     "设计满足任务要求，依据充分、数据正确"),
    (("安装", "装配", "组装", "调试", "架设", "铺设", "敷设", "连接"),
     "{x}安装位置和连接正确，调试后各项功能正常", "安装位置和连接正确，调试后各项功能正常"),
    (("加工", "制作", "制备", "配制", "调配", "生产", "成型", "焊接", "切割", "裁剪", "缝制",
      "编织", "烹制", "烘焙", "雕刻", "浇注", "砌筑", "涂装", "修整", "打磨", "制成"),
     "{x}的尺寸、外观等质量指标符合图样或工艺要求", "产品的质量指标符合图样或工艺要求"),
    (("分析", "评估", "评价", "诊断", "判断", "鉴定", "研判", "核算", "计算"),
     "{x}的结论有数据依据，判断准确", "结论有数据依据，判断准确"),
    (("审核", "审查", "评审", "审定"), "提出的问题有依据，修改意见具体可行",
     "提出的问题有依据，修改意见具体可行"),
    (("咨询", "辅导", "调适", "接待", "讲解", "宣传", "沟通", "引导", "询问", "介绍"),
     "服务对象的需求了解准确，答复有依据，服务记录完整", "服务对象的需求了解准确，服务记录完整"),
    (("标注", "标记", "录入", "编码"), "{x}准确、无遗漏，格式符合规范",
     "结果准确、无遗漏，格式符合规范"),
    (("整理", "归档", "装订", "分拣", "收发", "保管", "核对", "校对", "分类"),
     "{x}分类正确，无差错、无遗漏", "分类正确，无差错、无遗漏"),
    (("清洗", "清理", "清洁", "消毒", "清扫"), "{x}清洁无残留，达到卫生要求",
     "清洁无残留，达到卫生要求"),
    (("称重", "称量", "计量", "配料"), "计量数据准确，误差在允许范围内",
     "计量数据准确，误差在允许范围内"),
    (("维修", "修复", "修理", "更换", "检修", "保养", "维护"),
     "{x}修复后功能正常，无新的损伤", "修复后功能正常，无新的损伤"),
    (("收集", "搜集"), "{x}齐全、来源可查，整理后便于使用", "资料齐全、来源可查，整理后便于使用"),
    (("采集", "取样", "抽样"), "{x}的数量和代表性符合规定，标识清楚",
     "样品的数量和代表性符合规定，标识清楚"),
    (("研究", "开发", "研发", "研制", "试验", "调查"), "研究方法可行，结论有试验或数据支持",
     "研究方法可行，结论有试验或数据支持"),
    (("改进", "完善", "修订", "优化"), "改进之处有依据，实施前后效果有对比数据",
     "改进之处有依据，实施前后效果有对比数据"),
    (("组织",), "分工和进度安排合理，成果审核意见有依据", "分工和进度安排合理，成果审核意见有依据"),
    (("解决",), "问题原因查明，解决措施有效并有记录", "问题原因查明，解决措施有效并有记录"),
    (("验证",), "验证方法和数据可靠，完善之处有依据", "验证方法和数据可靠，完善之处有依据"),
    (("示范",), "示范动作规范，讲解要点准确，纠正的错误做法具体",
     "示范动作规范，讲解要点准确，纠正的错误做法具体"),
    (("调整", "确定", "选配", "选择", "选用"), "{x}有依据，符合任务要求",
     "确定的结果有依据，符合任务要求"),
    (("预测", "估算", "测算", "结算", "决算", "核定"), "计算依据充分，数据准确，误差在允许范围内",
     "计算依据充分，数据准确，误差在允许范围内"),
    (("准备",), "{x}齐全、完好，符合作业要求", "准备的物品齐全、完好，符合作业要求"),
    (("驾驶",), "{x}驾驶操作规范，行驶平稳，遵守安全规定", "驾驶操作规范，行驶平稳，遵守安全规定"),
)  # fmt: skip
_HELPING = ("协助", "参与", "辅助", "配合", "进行", "开展", "完成")
_LONGEST_OBJECT = 12
_ALL_VERBS = tuple(v for verbs, _, _ in _VERB_RESULTS for v in verbs)


def _verb_results(action: str) -> list[str]:
    clause = work.first_clause(action)
    if clause.startswith(("对", "针对", "根据")) and "进行" in clause:  # "对设备进行调试"
        clause = clause.split("进行", 1)[1]
    for helper in _HELPING:
        clause = clause.removeprefix(helper)
    for verbs, with_object, plain in _VERB_RESULTS:
        if clause.endswith(verbs) and not clause.startswith(_ALL_VERBS):
            return [plain]  # "进行…工厂设计" names its work at the end
        if verb := next((v for v in verbs if clause.startswith(v)), ""):
            thing = clause.removeprefix(verb).lstrip("、和及与").strip("，")
            if 2 <= len(thing) <= _LONGEST_OBJECT and "、" not in thing:
                head = _head(thing)
                return [with_object.format(x=x) for x in dict.fromkeys((thing, head)) if x] + [
                    plain
                ]
            return [plain]
    return []


def _results(objective: Objective) -> list[str]:
    """What must be right, with the object named in full, by its head alone ("报告" of "心理
    测评报告", where the task has just named it in full), and without it; empty when the
    requirement names no result an assessor can check."""
    frame = work.skill_frame(objective.source)
    if frame.kind not in _FRAME_RESULTS:
        return _verb_results(frame.object)
    template, thing = _FRAME_RESULTS[frame.kind], frame.object
    if len(thing) > _LONGEST_OBJECT:
        thing = "设备"
    return [template.format(x=x) for x in dict.fromkeys((thing, _head(thing))) if x]


# What a long object is called once the task has named it ("报告" of "心理测评报告").
_HEADS = (
    "作业指导书", "指导书", "方案", "计划", "报告", "处方", "文件", "规程", "记录", "档案",
    "文书", "合同", "图样", "图纸", "总结", "讲义", "大纲", "标准", "设备", "装置", "系统",
    "工具", "仪器", "仪表", "产品", "样品", "工件", "零部件", "零件", "部件",
)  # fmt: skip


def _head(thing: str) -> str:
    return next((h for h in _HEADS if thing.endswith(h) and thing != h), "")


def checkable_result(objective: Objective) -> str:
    """What must be right when the requirement's work is done, its object named in full
    ("" when it names no result an assessor can check)."""
    return next(iter(_results(objective)), "")


def full_marks(objective: Objective, task: str, rank: int) -> str:
    """The criterion's full-marks statement: the work as the level does it and the result
    checked ("" when there is no checkable result or no sentence with it reads)."""
    how = "在指导下" if rank <= 2 else "独立"
    manner = work.manner_of(objective.source)
    for result in _results(objective):
        if line := clean(f"{how}{manner}{task}，{result}。", rank):
            return line
    return ""
