"""Occupations from CSCO-2022 as the offline drafter receives them, shared by the engine tests
that draft a standard (one of each kind: digital, green, manufacturing, service, and one with
no tasks in the classification)."""

from __future__ import annotations

from zhijiang_engine.standards import OccupationFacts

AI_TRAINER = OccupationFacts(
    code="4-04-05-05",
    name="人工智能训练师",
    definition="使用智能训练软件，从事人工智能产品使用数据库管理、算法参数设置、人机交互设计、"
    "性能测试跟踪等工作的人员。",
    tasks=(
        "标注和加工图片、文字、语音等业务的原始数据",
        "分析提炼专业领域特征，训练和评测人工智能产品相关算法、功能和性能",
        "设计人工智能产品的交互流程和应用解决方案",
        "监控、分析、管理人工智能产品应用数据",
        "调整、优化人工智能产品参数和配置。",
    ),
    is_digital=True,
)
SOFTWARE_TESTER = OccupationFacts(  # digital (S)
    code="4-04-05-02",
    name="计算机软件测试员",
    definition="使用计算机及附属设备、测试工具、测试用例，验证计算机软件产品功能、性能及参数的人员。",
    tasks=(
        "使用功能测试用例等工具，测试计算机软件功能",
        "使用性能测试用例等工具，进行计算机软件负载测试和压力测试",
        "使用计算机及附属设备，测试计算机软件的稳定性、兼容性等参数",
        "记录测试数据和案例",
        "编写、制作测试报告。",
    ),
    is_digital=True,
)
CARBON_MANAGER = OccupationFacts(  # green (L)
    code="4-09-07-04",
    name="碳排放管理员",
    definition="从事二氧化碳等温室气体排放监测、统计核算、核查、交易和咨询等工作的人员。",
    tasks=(
        "监测区域及企事业单位等碳排放现状",
        "统计、核算区域及企事业单位等碳排放数据",
        "核查企事业单位碳排放情况",
        "购买、出售、抵押企事业单位碳排放权、碳抵消信用等",
        "提供碳排放管理咨询服务。",
    ),
    is_green=True,
)
LATHE_OPERATOR = OccupationFacts(  # manufacturing (6-)
    code="6-18-01-01",
    name="车工",
    definition="操作车床，进行工件旋转表面切削加工的人员。",
    tasks=(
        "安装夹具，调整车床，找正、定位与装夹工件",
        "选择、刃磨、安装刀具",
        "操作车床数控系统，进行人机之间的指令和提示等信息交流",
        "操作车床，进行工件内外圆柱面、端面、锥面、圆孔和螺纹等型面的切削加工",
        "使用量具，进行制件精度检验及误差分析",
        "维护保养机床和工装。",
    ),
)
RELIC_RESTORER = OccupationFacts(  # no tasks in the classification
    code="4-13-03-02",
    name="文物修复师",
    definition="从事文物现状调查、本体价值研判，保存状况分析，进行文物加固、清洗、黏结、补配、"
    "协色等维护修缮工作的人员。",
    tasks=(),
)
ELDERLY_CARER = OccupationFacts(  # service (4-)
    code="4-10-01-05",
    name="养老护理员",
    definition="从事老年人生活照料、护理服务工作的人员。",
    tasks=(
        "照料老年人的饮食、清洁、睡眠和排泄等日常生活",
        "采取安全保护措施，预防意外伤害",
        "进行用药、观察、消毒、冷热应用等护理，做好相关记录",
        "协助开展急救，进行常见病、危重病和临终护理",
        "进行健康教育和康复护理。",
    ),
)
AI_ENGINEER = OccupationFacts(  # professional (2-): 初级/中级/高级
    code="2-02-38-01",
    name="人工智能工程技术人员",
    definition="从事人工智能相关算法、深度学习技术的分析、研究、开发，设计、优化、运维、管理和应用"
    "人工智能系统的工程技术人员。",
    tasks=(
        "分析、研究人工智能算法、深度学习及神经网络等技术",
        "研究、开发、应用人工智能指令、算法及技术",
        "规划、设计、开发基于人工智能算法的芯片",
        "研发、应用、优化语言识别、语义识别、图像识别、生物特征识别等人工智能技术",
        "设计、集成、管理、部署人工智能软硬件系统",
        "设计、开发人工智能系统解决方案",
        "提供人工智能相关技术咨询和技术服务",
    ),
    is_digital=True,
)
OCCUPATIONS = [
    AI_TRAINER,
    SOFTWARE_TESTER,
    CARBON_MANAGER,
    LATHE_OPERATOR,
    RELIC_RESTORER,
    ELDERLY_CARER,
]
