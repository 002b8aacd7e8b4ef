"""English job words → the Chinese words CSCO-2022 names and aliases use.

The taxonomy is Chinese only; an English or mixed title is matched through this small glossary
(longest phrase first). Words it does not know are kept as they are, since aliases carry many
English terms (Java, Python, HRBP, CFO).
"""

from __future__ import annotations

import re

_GLOSSARY = {
    "data analyst": "数据分析师",
    "data scientist": "数据挖掘 算法工程师",
    "data engineer": "大数据开发工程师",
    "business analyst": "商业数据分析",
    "software engineer": "软件工程师",
    "software developer": "软件开发工程师",
    "web developer": "前端开发工程师",
    "front end": "前端开发",
    "frontend": "前端开发",
    "back end": "后端开发",
    "backend": "后端开发",
    "full stack": "全栈工程师",
    "machine learning": "机器学习 算法工程师",
    "project manager": "项目经理",
    "product manager": "产品经理",
    "account manager": "客户经理",
    "sales manager": "销售经理",
    "customer service": "客服",
    "human resources": "人力资源",
    "graphic designer": "平面设计师",
    "ui designer": "ui设计师",
    "truck driver": "货车司机",
    "delivery driver": "配送员",
    "security guard": "保安员",
    "registered nurse": "护士",
    "civil engineer": "土木工程师",
    "mechanical engineer": "机械工程师",
    "electrical engineer": "电气工程师",
    "hr": "人力资源",
    "analyst": "分析师",
    "developer": "开发工程师",
    "programmer": "程序员",
    "engineer": "工程师",
    "accountant": "会计",
    "auditor": "审计",
    "cashier": "收银员",
    "teacher": "教师",
    "tutor": "辅导老师",
    "nurse": "护士",
    "doctor": "医师",
    "physician": "医师",
    "pharmacist": "药师",
    "lawyer": "律师",
    "driver": "司机",
    "chef": "厨师",
    "cook": "厨师",
    "waiter": "服务员",
    "waitress": "服务员",
    "cleaner": "保洁员",
    "electrician": "电工",
    "welder": "焊工",
    "plumber": "管道工",
    "carpenter": "木工",
    "mechanic": "维修工",
    "designer": "设计师",
    "architect": "建筑师",
    "translator": "翻译",
    "interpreter": "口译",
    "salesman": "销售",
    "sales": "销售",
    "marketing": "市场营销",
    "manager": "经理",
    "assistant": "助理",
    "secretary": "秘书",
    "receptionist": "前台",
    "clerk": "文员",
    "editor": "编辑",
    "writer": "文案",
    "journalist": "记者",
    "photographer": "摄影师",
    "tester": "测试工程师",
    "test": "测试",
    "operator": "操作工",
    "warehouse": "仓库",
    "logistics": "物流",
    "purchasing": "采购",
    "buyer": "采购",
    "consultant": "顾问",
    "trainer": "培训师",
    "data": "数据",
    "software": "软件",
    "network": "网络",
    "security": "安全",
    "operations": "运营",
    "finance": "财务",
    "financial": "财务",
}
_PHRASE = re.compile(
    r"(?<![a-z])(?:"
    + "|".join(re.escape(key) for key in sorted(_GLOSSARY, key=len, reverse=True))
    + r")(?![a-z])"
)


def translate_english(text: str) -> str:
    """Append the Chinese of any English job words in an already cleaned (lower-case) title."""
    found = [_GLOSSARY[match.group(0)] for match in _PHRASE.finditer(text)]
    return f"{text} {' '.join(found)}" if found else text
