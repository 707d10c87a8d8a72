"""Elderly and rural messages (issue 11, the twenty-first blind hold-out's families).

Written for this test, each modelled on the public page cited beside it. SCAMS aim at the elderly
and at rural households: a grandchild in trouble with a "friend" to collect the cash, a relative's
parcel held for a fee, a collector who values a coin at a fortune, free health talks, trips and
check-ups that sell, 以房养老 and prepaid care beds with returns, pension, medical-insurance and
rural-bank phishing, subsidies that cost a fee, commemorative-coin links; none may be
``legitimate``, from no sender or from a personal mobile. GENUINE are their counterparts (a
pension credit, a subsidy notice that says it is free, a resident insurance reminder, the anti-fraud
warnings that quote the scripts, a community clinic's free check-up); each must be ``legitimate``
from its realistic sender.
"""

from __future__ import annotations

MOBILE = "13812345678"

SCAMS = [
    # http://m.realestateinvestingdictionary.com/fzhdt/2022-03-14/373345.html (a subsidy with a 登记费)
    "【便民服务】本组70岁以上老人可领高龄补助3600元，需交登记费80元，请于周四前带身份证和存折到"
    "村部登记，过期不办。",
    # http://m.realestateinvestingdictionary.com/fzhdt/2022-03-14/373345.html (copy the card, send the password)
    "奶奶您好，我是镇上发补贴的小王，补贴要打到您卡上，麻烦把银行卡号和取款密码发给我，我这边统一录入。",
    # https://jianpian.cn/a/16mctn6q (以房养老: mortgage the flat, monthly pension and dividends)
    "【安康养老】响应国家政策以房养老，房产抵押给本公司即可每月领取养老金5500元，年底另有分红，"
    "名额有限，咨询孙经理 13712345678。",
    # https://wh.house.163.com/19/0527/09/EG62A879020916PQ.html (the notary fee on the spot)
    "叔叔您好，您的以房养老手续明天上午公证，公证费4200元请带现金，办完下个月就开始给您返钱。",
    # http://news.sina.com.cn/s/2005-10-08/04457111232s.shtml (a free trip with a product talk)
    "【金色年华旅行社】恭喜您获得免费两日游（黄山），包吃包住，行程中安排健康讲座，会上有保健品推荐。",
    # https://jianpian.cn/a/16mctn6q (a free health talk with eggs, "don't bring the children")
    "【百岁健康会】叔叔阿姨们好，周三下午在人民剧场举办免费养生讲座，到场即送鸡蛋一盒，请勿带子女，"
    "回复1报名。",
    # https://zzc-media.com/article/zhuantizhuanlan/3964.html (the free check-up report, then the sale)
    "刘阿姨，您上周免费体检的结果出来了，血糖偏高，我们的苦瓜胶囊今天买二送一，原价3980，"
    "明天给您送家里，先别跟孩子说。",
    # https://www.qubanbao.cn/meibai/497325.html (a free clinic that sells)
    "重阳义诊：老年健康促进会周六在中山公园东门为60岁以上老人免费测血糖，专家现场指导，"
    "护心产品特价供应。",
    # http://biz.timedg.com/2021-03/15/21182518.shtml (prepaid care beds with monthly returns)
    "【康乐颐养中心】床位限时预订：预存12万元锁定终身床位，每月返还1.8%养老补贴，不入住也照样拿，"
    "月底截止。",
    # https://www.yuedong.cc/News/46280.html (the medical-card robocall as a text)
    "您的医保卡出现异常，将于今日17时停止使用，如有疑问请按9转人工。【市社保中心】",
    # http://www.pazjw.gov.cn/gongchuangpingan/202505/t20250507_30980614.shtml (a coin valued, a fee first)
    "赵叔您好，您家的光绪通宝经我公司专家初步鉴定为真品，可以每枚40万收购，按规定需先做鉴定认证，"
    "认证费每枚9000元。",
    # http://gat.hubei.gov.cn/bmdt/dtyw/202312/t20231228_5020249.shtml (an unsolicited "buyer")
    "您好，我是盛世藏品公司的，您家的老瓷瓶市场行情很好，估价可卖60多万，我们负责对接拍卖行，"
    "具体联系高主任。",
    # https://www.weitishi.com/remind/98781.html (pension certification through a link)
    "【人社局】您的养老金资格认证已过期，下月起停发，请立即打开 rsj-rz.cc 完成人脸认证。",
    # http://news.cnnb.com.cn/system/2024/08/15/030608300.shtml (the grandson, a "friend" collects)
    "爷爷，我是小涛，我开车把人撞了在派出所，要赔3万才能走，一会儿我朋友去你家拿钱，你先别告诉我爸妈。",
    # https://www.weitishi.com/remind/98781.html (a relative abroad's parcel held for a fee)
    "舅舅，我在国外给你寄的包裹被海关扣了，里面有金条，要交清关费2万才放行，你先转到海关专员账户上。",
    # https://www.163.com/dy/article/K7SDHTBA05568W0A.html (a rural "subsidy card" with a handling fee)
    "您好，国家惠民补贴卡已为您办好，可领取养老补贴2万元，需先缴纳制卡手续费300元，请联系客服激活。",
    # http://m.realestateinvestingdictionary.com/fzhdt/2022-03-14/373345.html (a yearly "review" fee)
    "大爷，您的惠农补贴卡今年要年审，年审费70元，今天下午到村部交给驻村的小李。",
    # https://jianpian.cn/a/16mctn6q (the flat signed over for a monthly "pension")
    "阿姨，我们公司做以房养老，房子过户给我们，每月给您发7000元养老金，比存银行划算多了。",
    # https://www.qubanbao.cn/meibai/497325.html (a free check-up with rice as the bait)
    "【夕阳健康】叔叔阿姨，本周六免费体检送大米，现场有北京专家讲解，限55岁以上。",
]

GENUINE = [
    # https://www.weitishi.com/remind/98781.html (a pension certification reminder through the app)
    (
        "12333",
        "【某市人社】您的养老保险待遇资格认证将于2027年3月到期，请通过本市人社公众号完成刷脸认证，"
        "行动不便可申请上门认证，咨询12333。",
    ),
    # https://www.weitishi.com/remind/98781.html (a pension credit)
    ("95599", "【农业银行】您尾号3381账户12月05日代发养老金入账人民币2,108.60，余额9,876.54。"),
    # http://m.realestateinvestingdictionary.com/fzhdt/2022-03-14/373345.html (a bank's subsidy warning)
    (
        "95588",
        "【工商银行】提醒：政府发放补贴都有公告，不收取任何登记费，也不会让您把存折和密码交给别人，"
        "遇到上门登记的陌生人请向村委会核实。",
    ),
    # https://jianpian.cn/a/16mctn6q (a civil-affairs warning that quotes the 以房养老 pitch)
    (
        "12345",
        "【某区民政局】提醒老年朋友：民政部门不会以以房养老名义收取费用，承诺每月领取高额养老金的"
        "都可能是非法集资，请拨12345举报。",
    ),
    # http://biz.timedg.com/2021-03/15/21182518.shtml (a care-home warning about prepaid beds)
    (
        "12345",
        "【某省民政】温馨提示：预订养老床位请查验机构备案，承诺不入住也返还补贴的请立即拨打12345举报。",
    ),
    # https://www.yuedong.cc/News/46280.html (the social-security office disowns the robocall)
    (
        "12333",
        "【某市人社】社保部门从不通过语音电话通知医保卡异常，凡要求按9转人工的均为诈骗，咨询12333。",
    ),
    # https://zzc-media.com/article/zhuantizhuanlan/3964.html (a community clinic's free check-up)
    (
        "13580000000",
        "李爷爷，我是社区卫生服务中心的小陈，65岁以上老人免费体检定在12月15日上午，空腹来，"
        "带身份证和医保卡，不收任何费用。",
    ),
    # http://m.realestateinvestingdictionary.com/fzhdt/2022-03-14/373345.html (a farm subsidy notice)
    (
        "10690396001",
        "【某县农业农村局】2026年耕地地力保护补贴已通过惠农一卡通发放，您户补贴980元，"
        "本补贴无需缴纳任何费用，有疑问请到乡镇财政所查询。",
    ),
    # https://www.weitishi.com/remind/98781.html (a resident medical-insurance contribution reminder)
    (
        "10639239",
        "【某省医保】您2027年度城乡居民医保尚未缴费，缴费期至12月31日，可通过税务APP或银行网点缴纳。",
    ),
    # http://gat.hubei.gov.cn/bmdt/dtyw/202312/t20231228_5020249.shtml (a grandson warns about the coin)
    (
        "18012345678",
        "爷爷，你那几枚铜钱别寄给那家公司了，先收鉴定费的都是骗子，过年我带你去博物馆问问。",
    ),
    # http://xm.fjsen.com/2018-12/07/content_21755552_all.htm (the police follow up after a stopped transfer)
    (
        "106900045311",
        "【某县公安】王大娘您好，公检法不会打电话让您转账，已帮您装好国家反诈中心APP，"
        "再有人来电要钱请直接打给镇派出所。",
    ),
    # https://www.weitishi.com/remind/98781.html (a bank confirms a changed card password)
    ("95588", "【工商银行】您的银行卡密码已修改成功，如非本人操作请致电95588。"),
    # https://zzc-media.com/article/zhuantizhuanlan/3964.html (a community free check-up that sells nothing)
    (
        "10690000001",
        "【某某社区】本周五上午社区医院为65岁以上老人免费测血压、血糖，不收费，不推销任何产品。",
    ),
    # http://news.sina.com.cn/s/2005-10-08/04457111232s.shtml (a paid tour confirmed)
    ("10690000002", "【某某旅行社】您报名的三日游已确认，出发时间12月20日7:00，团费已付清。"),
    # http://biz.timedg.com/2021-03/15/21182518.shtml (a care home holds a reserved bed)
    (
        "10690000003",
        "【某某颐养院】您预订的床位已保留，入住时请交首月床位费2800元，押金按收费公示执行。",
    ),
    # http://www.pazjw.gov.cn/gongchuangpingan/202505/t20250507_30980614.shtml (a real auction settles)
    (
        "10690000004",
        "【某某拍卖】您委托的瓷器已于秋拍成交，成交价12万元，佣金按合同扣除后3个工作日内转入您账户。",
    ),
    # http://news.cnnb.com.cn/system/2024/08/15/030608300.shtml (a daughter's allowance and advice)
    (
        "13912345678",
        "妈，这个月给你转了2000，微信记得收。降压药快吃完了跟我说，我网上给你买。",
    ),
]
