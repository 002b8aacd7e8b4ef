"""A built-in traditional → simplified map for the characters job titles use.

No OpenCC wheel is installed; job-board titles need only a few hundred common characters, so a
character table (not phrase conversion) is enough. Pairs are listed as two aligned strings.
"""

from __future__ import annotations

_TRADITIONAL = (
    "師員經營銷售業務設計開發軟體硬體網絡絡電腦資訊數據據庫運維護營運專門項目財會計審稅務"
    "員廠場廚餐廳飯館飲調製劑藥醫護療診檢驗實習見導遊覽車駕駛輛機械鋼鐵鑄鍛焊電氣線纜裝"
    "維修鎖鑰匙園藝農業漁獵畜牧養殖獸飼環衛潔淨廢處理區縣鄉鎮東廣廈門貴陽雲龍灣臺島港澳"
    "蘇滬閩贛魯豫鄂湘粵瓊渝黔滇陝隴寧傑興華錢銀貨運輸郵遞寫記錄編輯譯語言講課學歷師範職"
    "稱證書資質聯絡組織織團體產權權書畫圖攝影視頻聲樂藝術劇舞蹈體育運動練習競賽勞動"
    "總監協調調度倉儲檔內勤計劃劃規劃測繪質檢標準優化單據價報關閱讀讀聽說話務線上線下"
    "們個這麼為與從來對時間問題過還後現發進動關點無種將長門風開義見兩變車號愛"
    "結構築設備裝飾燈塗層際國歐亞復雜級層樓層礦煉鍋爐熱氣壓縮測試驗儀錶電視廣播訊"
    "傳統擔負責負擁護輔導課補習簡歷應聘徵聘請僱傭薪資獎勵費購買賣帳戶頭層級"
)
_SIMPLIFIED = (
    "师员经营销售业务设计开发软体硬体网络络电脑资讯数据据库运维护营运专门项目财会计审税务"
    "员厂场厨餐厅饭馆饮调制剂药医护疗诊检验实习见导游览车驾驶辆机械钢铁铸锻焊电气线缆装"
    "维修锁钥匙园艺农业渔猎畜牧养殖兽饲环卫洁净废处理区县乡镇东广厦门贵阳云龙湾台岛港澳"
    "苏沪闽赣鲁豫鄂湘粤琼渝黔滇陕陇宁杰兴华钱银货运输邮递写记录编辑译语言讲课学历师范职"
    "称证书资质联络组织织团体产权权书画图摄影视频声乐艺术剧舞蹈体育运动练习竞赛劳动"
    "总监协调调度仓储档内勤计划划规划测绘质检标准优化单据价报关阅读读听说话务线上线下"
    "们个这么为与从来对时间问题过还后现发进动关点无种将长门风开义见两变车号爱"
    "结构筑设备装饰灯涂层际国欧亚复杂级层楼层矿炼锅炉热气压缩测试验仪表电视广播讯"
    "传统担负责负拥护辅导课补习简历应聘征聘请雇佣薪资奖励费购买卖账户头层级"
)

TRADITIONAL_TO_SIMPLIFIED: dict[int, str] = {
    ord(trad): simp for trad, simp in zip(_TRADITIONAL, _SIMPLIFIED, strict=True) if trad != simp
}
