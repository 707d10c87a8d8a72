"""Banks, payments and everyday lures, second round (blind sets 17 and 20): complete variants.

SCAMS must never be ``legitimate``: each is checked with no sender and from a personal mobile.
GENUINE must be ``legitimate`` from the realistic sender each names. All texts are written for
this test; the comment above each cites the public page its family was modelled on.
"""

from __future__ import annotations

MOBILE = "13912345678"

SCAMS = [
    # POS "upgrade" with a reply code, POS written with a zero
    # https://laohangzhang.com/thread-9907-1-1.html
    "【银联商务】尊敬的商户，您的P0S机将于月底停止服务，回复数字1免费升级终身0.35%费率新机具。",
    "【收单服务】您的刷卡机费率上调通知：如需保留原费率请回复2，逾期自动调整。",
    # blacklisted for an "illegal card machine", cleared through a WeChat public account
    # http://www.gspiyao.com.cn/html/2023/xwjj_0515/6389.html (credit-centre statement)
    '【某银行】您的信用卡因在非法刷卡机消费已被列入黑名单，请关注公众号"征信解除中心"办理解除，否则影响征信。',
    "尊敬的持卡人，系统检测到您违规套现，已纳入风控名单，请添加客服微信 xyk-jc66 处理，逾期冻结。",
    # a standby credit line "expiring", taken up by a reply code, no lender named
    # http://www.studyofnet.com/797845853.html
    "【XX银行】您的专属备用金120000元将于本周五到期收回，查询额度回复1，立即申请回复2，退订回T",
    "尊敬的客户，您的预授信额度80000元即将失效，回复Y激活，可当天提现。",
    # a reward "won" to be signed for at a link
    # https://www.08gf.com/news/jie-mi-tie-jian-yin-xin-duan-xin-qian-shou-zhen-xiang-jie-mi-yin-xing-li-cai-xin-xian-jing.html
    "【鑫盛财富】恭喜您获得3888元理财奖励金，请于24小时内点击 xscf-jl.top 签收，逾期作废。",
    # 数字人民币 "预约" asking a balance in the card first
    # http://info.syiptv.com/article/show/141829 (Suzhou anti-fraud centre case)
    "【数字人民币】您的体验资格已预约成功，请点击 dcep-ty.cc 绑定银行卡，卡内余额需满8000元方可领取红包。",
    # unsolicited loan advert: nothing checked, instant money, a link
    # http://news.ccdaohedz.com/ccdaohe/13588.html
    "【利民贷】免抵押、免担保，最高可借50万，凭身份证秒到账，点击 lmd-jk.vip 立即申请。",
    # parcel held at a station, moved to a WeChat
    # http://xuefeng.net/c/f6t5_45957.html, http://www.320g.com/wxzf/35776.html
    "【快递驿站】您的快件超期未取，即将清退退回，请加微信 yz-qj2027 登记重新派送。",
    # part-time "短剧推广" job, moved to a WeChat
    # https://news.qq.com/rain/a/20241008A089V300
    "【某聘】您好，诚招短剧推广兼职，一部手机在家就可做，佣金日结，加微信 dj-tg88 领取任务。",
    # a "free gift" to loyal buyers through a private WeChat
    # http://sh.people.com.cn/BIG5/n2/2024/0605/c176737-40869475.html
    "亲，您在本店的订单已确认收货，感谢好评！添加店长VX：hq-fl2026 免费领取电饭煲一台。",
    # a health-test result from an overseas number with a link (checked with the sender below too)
    # http://yuanweiliuxue.com/news/fj/mn/zz/202212/23/2100347.shtml
    "【防控中心】您的核酸检测结果异常，请点击 hsjc-cx.top 查询并登记个人信息，逾期影响出行。",
    # cash-on-delivery parcel of "important documents" / credit threat
    # https://m.fx361.cc/news/2020/1021/7792667.html, http://jiangsulong.com/a/2020/0509/050aJ0602020.html
    "【顺丰速运】您有一票到付快件，托寄物：重要文件，需支付运费及代收款42元，请今日备好零钱签收。",
    "【中通快递】您的货到付款包裹需付款88元，已放驿站，逾期未付将上报影响个人信用。",
]

# (sender, text)
GENUINE = [
    # bancassurance policy notice from the insurer, naming the selling bank
    # https://ddkuai.com/post/221378.html
    (
        "95519",
        "【中国人寿】尊敬的客户，您通过中国工商银行投保的年金保险已于12月3日承保，保单号20261203008812，"
        "自签收日起享有15天犹豫期。",
    ),
    # a transfer record with a zero fee
    # http://www.abundantwellnessnow.com/2025-06-02/219367285.html (reading bank notices)
    (
        "95588",
        "【工商银行】您尾号4410卡12月6日15:02手机银行转账支出3,000.00元，手续费0.00元，余额8,921.30元。",
    ),
    # a transfer record with a fee charged
    (
        "95599",
        "【农业银行】您尾号7715账户12月6日跨行转账支出1,200.00元，手续费1.00元，余额5,330.18元。",
    ),
    # the reader's own account named by its tail, credited
    ("95533", "【建设银行】您尾号3381的个人账户12月5日收到工资代发7,420.00元，余额10,118.64元。"),
    # a refund the way it was paid (hospital deposit)
    # https://news.fznews.com.cn/fzxw/20230615/500wk6D1iD.shtml
    (
        "106905710000",
        "【某市第一医院】您的门诊预缴金余额180.00元已申请退款，将按原微信渠道退回，请留意到账，咨询0571-87001234。",
    ),
    # a courier's genuine COD notice that names the goods and offers refusal
    # http://zj.sina.com.cn/news/m/2020-08-03/detail-iivhvpwx8834580.shtml
    (
        "95338",
        "【顺丰速运】您的快件今日派送，托寄物：茶叶1盒，需收件方支付代收货款58.00元，如非本人购买可在派送时拒收。",
    ),
    # a bank's own limited-time credit offer, named, in its app
    # https://m.gzjll.com/3/4092689.html
    (
        "95555",
        "【招商银行】您的闪电贷专享额度将于12月31日到期，如需使用请登录招商银行App办理，额度以审批为准。",
    ),
    # a bank's card restriction sent to its own hotline
    # http://finance.hebei.com.cn/system/2016/10/25/017474058.shtml
    (
        "95566",
        "【中国银行】您尾号6620的信用卡因交易风险已临时止付，如需恢复请致电95566或携带身份证到网点办理。",
    ),
    # a bank POS settlement
    # https://www.dexinbao.com/cjwt/592.html
    (
        "95566",
        "【中国银行】贵商户12月6日POS交易净额9,210.40元（已扣手续费55.26元），已结算至尾号3390账户。",
    ),
    # pick-up code at a parcel station
    # http://xuefeng.net/c/f6t5_45957.html
    (
        "10690000000",
        "【兔喜生活】您的包裹已到小区南门驿站，请凭取件码6-2-1108及时领取，询13800005555。",
    ),
    # the reader's own account, named by its tail, restricted by the bank
    # http://finance.hebei.com.cn/system/2016/10/25/017474058.shtml
    (
        "95580",
        "【邮储银行】您尾号6602的个人账户长期未发生主动交易，已暂停非柜面业务，请本人持身份证到开户网点办理。",
    ),
    # a hospital card balance refunded the way it was paid, with the hospital's own desk
    # https://news.fznews.com.cn/fzxw/20230615/500wk6D1iD.shtml
    (
        "10690370000",
        "【某县人民医院】您的就诊卡余额64.00元可清退：微信/支付宝充值的请在自助机原路退回，现金充值的请到收费窗口办理。咨询0370-6000000",
    ),
    # an instalment reminder: the deposit already paid is what lateness costs
    # https://3dmxku.com/daquan/zonghe/4275683.html
    (
        "1069012345",
        "【某某汽车租赁】您本期租金3,200元尚未到账，请于三日内转入我司对公账户，逾期将按合同扣除相应押金。",
    ),
    # a court signing with its short name, giving the judge's office line
    # http://nlaw.org/a/fazhidongtai/yejiedongtai/2013/1217/26310.html
    (
        "12368",
        "【某市中院】您申请执行的（2026）某01执2210号案件已完成财产查控，冻结被执行人银行存款人民币3,210.00元，"
        "承办人：李某，电话028-86000000。",
    ),
    # a bank's coupon claimed in its app
    ("95555", "【招商银行】恭喜您获得10元立减金，请于3日内登录招商银行App领取，逾期失效。"),
]
