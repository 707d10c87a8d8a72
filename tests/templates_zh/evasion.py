"""Complete messages written past keyword filters (blind set 24: formats and evasion).

SCAMS use the tricks the blind set showed: spaces or symbols inside words, look-alike spellings of
微信/QQ (V❤, 加Q, q群), numbers in capital numerals, links spelt out one character at a time,
pinyin for one character of a sensitive word, English account threats inside Chinese text, very
short unsigned lures with a bare link. None may be ``legitimate``, from no sender or a personal
mobile. GENUINE are signed notices from the organisations' own numbers in the same formats (very
short, very long, mixed English, digits in groups, a signature at the end): each must stay
``legitimate``. All texts are written for this test; each cites the page its family was modelled on.
"""

from __future__ import annotations

MOBILE = "17012345678"

# The spam-evasion tricks (spaces, symbols, pinyin, look-alike contact words) are those the
# bulk-SMS "sensitive word" guide describes: http://m.52spgf.com/industry/494.html and the spam
# quoted in https://www.51wuxian.com/game/thread/20220703/9936790.html
SCAMS = [
    # job lure, spaces between characters, WeChat number in capital numerals (51wuxian page)
    "兼 职 打 字 员 ，在 家 就 能 做 ，日 结 二 百 ，加 薇 ：壹 伍 捌 叁 陆 柒 贰 零 玖 肆 壹",
    # loan lure in pinyin, QQ group in digit groups (51wuxian page)
    "不 看 征 信 ，无 d 押 小 dai ，fang 款 快 ，加 q群 512 377 908 咨 询",
    # job lure with V❤ for 微信 (51wuxian page)
    "宝妈在家兼职，手机操作日入三百，详询 V❤: zhuanqian_7788",
    # a subsidy lure with a link spelt out one character at a time (51wuxian page)
    "恭喜获得平台补贴¥666，今日提现 ➡ h b - l q . c c / 6 6 （复制到浏览器打开）",
    # red packet, V❤ and a shortener, nothing else (51wuxian page)
    "v❤抢红包 t.cn/A6qWe3",
    # very short parcel lure with a bare link (http://m.gansulong.com/c/011913032V2023.html)
    "您的包裹派送失败 yd-ps.cc/7",
    # very short points lure (http://m.gansulong.com/c/011913032V2023.html)
    "话费积分今日清零 jfdh-yd.top/k",
    # sextortion, QQ with one Q and digits in groups (https://news.zynews.cn/zz/2023/10/03/100987.html)
    "通讯录已经导出来了，你的视频也在我这。加Q 2871 330 964 联系我，不然两小时后开始群发。",
    # sextortion asking for a transfer (http://www.yqzksb.com/html/zhoubian/jincheng/2020_09/02/41105996.html)
    "你的录像和你的联系人名单我都有，不想让家人和同事看到，今晚10点前转6600过来，否则全部发出去。",
    # government-app lure in mixed English from abroad (http://m.gansulong.com/c/011913032V2023.html)
    "【某省政务】dear user，您的账号 will be suspended in 24h，请立即 verify：zw-yz.top/a",
    # bank lure in mixed English (http://m.52spgf.com/industry/494.html)
    "尊敬的客户，your account has been locked，银行卡已冻结，请登录 yh-jd.cc 解除。",
    # stock tip with 加v and a private group (51wuxian page)
    "【牛股内参】李老师带你抓涨停，内幕消息免费领，加v：nglc-888 进内部群，名额有限。",
    # invoice spam, symbols inside words (51wuxian page)
    "代❤开❤发❤票，增值税专票普票均可，验证后付款，联系 vx：fp2025aa",
    # gambling in pinyin (http://m.52spgf.com/industry/494.html)
    "正规博cai平台，首充送100%，日ru过千，加QQ 33 4455 667 领彩金",
    # dating/porn bait with a defanged link (http://m.52spgf.com/industry/494.html)
    "同城约pao，真人视频，打开 tc-yh(dot)vip/x 免费聊",
    # dating bait: an unknown app and an invitation code, the first step of sextortion
    # (http://www.yqzksb.com/html/zhoubian/jincheng/2020_09/02/41105996.html)
    "夜深了睡不着？同城小姐姐在线视频，下载「暖聊」APP 输入邀请码 7733 免费畅聊 ➡ nl-app.vip",
    # a fake 12381 warning with a link and a callback: real ones carry neither
    # (http://xishui.cjyun.org/p/9181.html)
    "【12381预警】您的号码已被标记为涉诈，为免停机请点击 fz-jb.top 解除，并联系专员 17098765432",
    # a car purchase-tax refund by callback (http://www.mxrb.cn/dzb/mxrb/2020-04/29/content_47737.html)
    "车管所通知：您的新车可退购置税3900元，请于两日内致电退税专线 020-8321 7765 办理。",
    # an unsigned "limit approved" loan link (http://m.52spgf.com/industry/494.html)
    "尊敬的用户，系统已为您核定80000元备用金额度，点击 dwz.cn/Qa71 立即提现，当天到账。回T退订",
    # a P2P "new listing" with a double-digit yield, years after all P2P lenders closed
    # (https://c.m.163.com/news/a/FSK9KQB30539R8TU.html)
    "尊敬的出借人，本周四上午9点上线30天新标，年化16%，到期即可提现，额度有限先到先得 回T退订【某融宝】",
    # an unsigned "our bank" loan offer by reply (http://m.52spgf.com/industry/494.html)
    "您信用良好，可在本行申请一笔20万元低息信用贷款，年化低至3.5%，查额度请回复1，退订回T",
    # an account lure, the link written with (dot) (http://m.52spgf.com/industry/494.html)
    "您的账户存在异常，即将冻结，请登录 zh-yz(dot)top/v 核实身份",
]

# realistic sender, text: genuine messages in the same formats
GENUINE = [
    # very short, signed, own number (https://www.51wuxian.com/game/thread/20220703/9936790.html)
    ("95555", "您账户8832入账工资6,200.00元。[招商银行]"),
    ("95533", "您尾号0426信用卡还款1,800元已入账。[建设银行]"),
    ("1069083122", "【滴滴出行】验证码5172，2分钟内有效，请勿泄露给他人。"),
    # a pickup code written in groups (https://www.51wuxian.com/game/thread/20220703/9936790.html)
    ("1069054236", "【丰巢】取件码 3821 7706，快件已存丰巢柜 西门2号柜，请尽快取件。"),
    # mixed English marketing with an unsubscribe tail (http://m.52spgf.com/industry/494.html)
    (
        "10690123486",
        "Dear member，双十二Member Day全场8折，VIP double points，门店/App通用 回T退订【某运动品牌】",
    ),
    # a carrier's points notice naming its own site (http://m.gansulong.com/c/011913032V2023.html)
    (
        "10086",
        "尊敬的客户，您当前可用积分3120分，可在中国移动APP或积分商城 jf.10086.cn 兑换话费，"
        "积分兑换无需提供银行卡信息。【中国移动】",
    ),
    # an anti-fraud notice that quotes the tricks (http://m.52spgf.com/industry/494.html)
    (
        "95555",
        "【招商银行】温馨提示：骗子常把网址拆开写或用英文写\u201c账户将被冻结\u201d，诱导您点击。"
        "我行不会通过短信链接要求您验证身份，请勿点击陌生链接，如有疑问请拨打95555。",
    ),
    # police warning describing sextortion (https://news.zynews.cn/zz/2023/10/03/100987.html)
    (
        "10659000110",
        "【反诈中心】警惕裸聊敲诈：不法分子录下视频、窃取通讯录后以群发给亲友相要挟，切勿转账，请立即报警。",
    ),
    # the real 12381 warning: no link, no contact (http://xishui.cjyun.org/p/9181.html)
    (
        "12381",
        "【国家反诈中心】预警：您的号码近期与涉诈电话有过联系，请提高警惕，切勿向陌生账户转账。",
    ),
    # a tax refund notice from the tax office's own number
    # (http://m.galtzs.cn/new/184_187/2008_11_17_xu237774058711180024183.shtml)
    (
        "12366",
        "【国家税务总局】您2025年度个人所得税退税860.00元已办理，预计3个工作日内到账，如有疑问请拨打12366。",
    ),
    # a lender's signed pre-approval pointing to its app (http://m.52spgf.com/industry/494.html)
    (
        "10690095786",
        "【招联金融】尊敬的客户，已为您核定借款额度20000元，可登录招联金融App查看，回T退订",
    ),
    # a bank's wealth product with a single-digit benchmark yield
    # (https://c.m.163.com/news/a/FSK9KQB30539R8TU.html)
    (
        "95588",
        "【工商银行】您关注的理财产品今日开售，业绩比较基准年化2.9%-3.4%，风险等级PR2，详情请查看工商银行App。",
    ),
    # a long court notice (https://www.51wuxian.com/game/thread/20220703/9936790.html)
    (
        "12368",
        "【某市某区人民法院】王某某：原告某物业服务有限公司诉你物业服务合同纠纷一案，本院已于2026年11月20日"
        "立案，案号（2026）浙0106民初12345号。本院将通过人民法院送达平台向你送达起诉状副本、举证通知书等"
        "诉讼文书，请于收到之日起15日内提交答辩状。如需核实，请拨打12368或到本院诉讼服务中心查询。",
    ),
    # a bank debit with a foreign merchant name in English (http://m.52spgf.com/industry/494.html)
    (
        "95588",
        "您尾号5521卡12月07日10:15消费(Apple Store)人民币68.00元，余额2,204.33元。【工商银行】",
    ),
    # a courier notice whose waybill number is in groups (https://www.51wuxian.com/game/thread/20220703/9936790.html)
    (
        "95338",
        "【顺丰速运】您的快件SF1300 2741 8852已由驿站代收，取件码4-2-1108，如有疑问请致电95338。",
    ),
]
