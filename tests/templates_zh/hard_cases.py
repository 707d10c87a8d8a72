"""Hard cases from the eighteenth and nineteenth blind hold-outs (one-tell scams, alarming genuine).

The blind sets (``/work/found/zh-CN-blind18.jsonl``, ``zh-CN-blind19.jsonl``) are measurement data;
nothing here is copied from them. Each row below is written for this test after the public page a
blind message was modelled on (cited per row), to pin the general tell or exemption the rules now
read: a relative reporting money already sent, a police officer who only warns, a utility notice
whose number is the grid's hotline, a court signing by its short name, a refund back the way it was
paid, a law firm writing to its own client, a firm's instalment reminder whose deposit is what it
may deduct; and on the other side the blind-shipped cash-on-delivery parcel, an auto-renewal
cancelled through a 400 number, and the scams that look like each exemption but ask for money.

SCAMS must not be ``legitimate`` with no sender and from a personal mobile; GENUINE must be
``legitimate`` from the sender such a message really comes from. Numbers, names and amounts are
invented.
"""

from __future__ import annotations

MOBILE = "13812345678"

SCAMS = [
    # blind-shipped COD parcels labelled as documents or gifts (http://jingzhou.cjyun.org/p/286799.html,
    # https://m.fx361.cc/news/2020/1021/7792667.html)
    "【某某速运】您有一件到付快件（托寄物：重要文件），需支付运费及代收款45元，快递员今天下午派送，请备好零钱。",
    "【某某快递】您的货到付款包裹（内件：赠品）已到小区驿站，需付款79元，请凭取件码2-4-1108付款领取。",
    # the same with the "credit" threat (https://www.dangdangkuaidi.com/kuaidi/bgt/189861.html)
    "【某某快递】您有一个货到付款包裹需付款88元，已放置驿站，请凭取件码付款领取，逾期退回将影响您的个人信用。",
    # an auto-renewal cancelled through a 400 number (http://51haodu.com/t/cUFCclJsaVlxag==)
    "【某某实验小学】家长您好，您签署的课后托管服务协议本月将自动续费并扣除1980元，如需取消请联系 4008-215-663，逾期未处理视为同意。",
    "【某某教育】您的学习会员即将每月扣款699元，如需关闭请联系客服 4001-562-889 办理。",
    # the fake-transfer relay: money "already sent", then passed on (modelled on the acquaintance
    # rule's references, http://www.mnw.cn/shishi/news/2437235.html)
    "老爸，我手机坏了用同事的，3000已经转过去了，你收到后帮我转给我同学，他急用。",
    "妈，钱我已经转你工行卡了，到账后你先帮我转5000给王老师，卡号6222 0210 3345 1187。",
    # a "police officer" who says "don't transfer to anyone" after implicating the reader (the
    # Telecom_Fraud_Texts_5 冒充公检法 scripts; https://www.yncaw.gov.cn/html/2022/kaizhanquanminfanzha_1122/99171.html)
    "您好，我是市公安局刑侦支队民警，您的身份证涉嫌一起洗钱案，请配合调查，千万不要转账给任何人，也不要告诉家人。",
    "我是城南派出所的民警，你名下银行卡涉嫌诈骗案，请立即与办案民警联系，不要挂断电话。",
    # a utility cut with a worker's mobile (https://credit.sc.gov.cn/xysc/c100555/202301/363a3b0f6d4a47f9ba5fdb739f47f162.shtml)
    "【国网某某电力】您户电费已欠费三个月，今晚将停电，如需保电请速联系王师傅 13588760213 补缴。",
    # the refund that "cannot go back the original way" (https://www.thepaper.cn/newsDetail_forward_23757891)
    "【某某医院】您的预交金退款无法原路退回，请致电 0371-6521 8830 提供银行卡号办理退款。",
    # a deposit "deducted" as the pretext for a new one (http://www.ksrykj.com/news/c/2025-09-23/13981249.shtml)
    "您的借款审核未通过，保证金已被扣除，请重新缴纳保证金3000元后即可放款。",
    # a "court" by its short name asking for money into a person's account
    # (http://cdzy.hunancourt.gov.cn/article/detail/2015/06/id/2133686.shtml)
    "【某某中院】你的（2026）浙01执2231号案件需在今日内缴纳执行费3800元至经办人个人账户，逾期将强制执行。",
    # a bank "safe account" aimed at the reader's own account
    # (https://www.yncaw.gov.cn/html/2022/kaizhanquanminfanzha_1122/99171.html)
    "【某某银行】您尾号6632的个人账户涉嫌洗钱，请立即将资金转入安全账户配合核查，详询 0755-2336 1870。",
    # an instalment "deposit" asked for first (https://kmaisb.com/bank/yinxingzhishi/10634.html)
    "您的分期贷款账户异常，需先缴纳保证金2000元到专员账户才能恢复放款，请尽快处理。",
    # a settlement fee before the case is closed (https://reportify.cn/news/1215027552503074816)
    "您的网贷逾期案件可申请协商结案，需先支付手续费600元，手续费0.00元优惠今日截止。",
]

# realistic sender, text
GENUINE = [
    # a son and a daughter paying a parent back (blind19's family_loan_repayment sources)
    ("13912345678", "爸，上个月借你的一万五我先还六千，已经转你建行卡了，剩下的春节前还清。"),
    ("17711026500", "老妈，发奖金了！说好的先还你一半装修钱，4000已经转过去了，剩下的慢慢还。"),
    # a husband about card charges, going to the police himself (blind19's family_money_chat source)
    (
        "13908310000",
        "老婆，你看下信用卡是不是被刷了几笔，我刚收到银行短信一共八千多。先别急，我下午去派出所问问。",
    ),
    # a community officer's warning from his own mobile, and the police SMS line's
    # (blind18's community-officer sources; blind19's 12110 source)
    (
        "13805271146",
        "您好，我是城东派出所社区民警刘洋。最近有人冒充快递客服打电话说要理赔退款，请立即挂断，千万不要转账，有疑问可以打我电话。",
    ),
    (
        "12110",
        "【某市公安】警方提醒：接到自称客服来电称订单异常要给您退款的，请先在购物平台核实，不要提供付款码，更不要按对方指挥转账。",
    ),
    # a disconnection notice with the grid's hotline (blind18's utility_arrears_notice source)
    (
        "95598",
        "【国网江苏电力】尊敬的客户，您户号32010****276电费已欠费，将于后天10:00起停电，缴清欠费后24小时内恢复供电，详询95598。",
    ),
    # a court's enforcement progress with the judge's line (blind19's court_enforcement_progress source)
    (
        "12368",
        "【杭州中院】您申请执行的（2026）浙01执2231号案件已冻结被执行人银行存款3,500.00元，承办人：陈立，电话0571-8770 2231。",
    ),
    # hospital refunds back the way they were paid (blind19's hospital_deposit_refund sources)
    (
        "106903712210",
        "【某某市人民医院】您的住院预交金余额860.00元已办理结算，微信/支付宝缴纳的部分将原路退回，如有疑问请咨询0371-6696 2210。",
    ),
    (
        "106905910000",
        "【某某省立医院】您的门诊预缴金余额230.00元已申请退款，将按原微信渠道退回，请留意到账信息。咨询0591-8755 0120。",
    ),
    # a law firm to its own client (blind19's law_firm_case_update source)
    (
        "02566781234",
        "您好，您委托本所代理的房屋租赁纠纷一案已于今日收到法院立案通知，开庭日期另行通知。承办律师李娜 ——某某律师事务所",
    ),
    # an outgoing-transfer notice with a zero fee (blind19's bank_outgoing_transfer source)
    (
        "95588",
        "【工商银行】您尾号5521卡12月03日14:22向王**尾号6610账户转出人民币8,000.00元，手续费0.00元，余额1,206.30元。如非本人操作请致电95588。",
    ),
    # a bank's non-counter suspension of the reader's own account (blind18's bank_noncounter_suspension source)
    (
        "95580",
        "【邮储银行】您尾号3318的个人账户已超过一年未发生主动交易，已暂停非柜面业务，如需继续使用请本人携带身份证到开户网点办理，详询95580。",
    ),
    # a firm's instalment reminder whose deposit is what it may deduct (blind19's installment_collection source)
    (
        "13975120000",
        "【某某车业】您本期分期款2,300元我司尚未收到，请于三日内汇入我司对公账户，逾期将按合同扣除履约保证金并计收罚息。财务部 李经理 0731-8866 1024",
    ),
]
