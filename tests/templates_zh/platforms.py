"""Platform scams and their genuine counterparts (issue 11, rules/zh-CN/platform_lures.yaml).

Second-hand markets, auto-renewals, refund agencies, tickets and bookings, game-account trades,
account bans, investment "teachers" and online romance, delivery disputes and live streams. Each
entry is written for this test, modelled on the public page cited in its comment. A scam must not be
``legitimate`` from a personal mobile nor with no sender; a genuine message must be ``legitimate``
from its realistic sender.
"""

from __future__ import annotations

MOBILE = "13812345678"

SCAMS = [
    # http://jhjtrubber.cn/jj/2023/0411/71108.html (the buyer's "my money is frozen" pressure)
    "我都已经付款了，平台说你店铺没有开通消保服务，钱一直冻着，你赶紧找客服弄一下，不然我就报警了。",
    # http://baanla.com/lz/zxbj/67811.html (the "order frozen" picture with a QR code)
    "交易提示：买家已付款，因卖家未完善消费者保障，订单暂时冻结无法成交。请卖家扫描下方二维码联系客服开通。",
    # http://m.fyrmtzx.cn/p/47202.html (the "unpaid seller deposit" variant of the same script)
    "我在闲鱼拍了你的耳机，钱付过了，但提示你还没交卖家保证金，订单卡着发不了货，你扫我发的图找官方客服处理下。",
    # https://www.163.com/dy/article/KDUJETMG0514S536.html (the deal moved off the platform)
    "闲鱼上改价还要等，太麻烦了，你加我QQ 2719033651，我直接发你付款链接，再便宜60块。",
    # http://news.qudong.com/article/378227.shtml (a locked Apple ID held for a fee)
    "您的Apple ID因异常操作已被锁定，解锁请在12小时内添加客服QQ 3109928765 缴纳解锁费，否则设备数据将被清除。",
    # https://wxredian.com/art?id=89523a1a2f8a02e71ea17b7d0d3576bb (fake auto-renewal with a link)
    "【极速影视】您订阅的年度会员今日生效，如不取消将每年自动扣费1280元，退订点击 jsys-td.cn",
    # https://bbs.3sjt.com/forum.php?goto=lastpost&mod=redirect&tid=6299805 (the number to "cancel")
    "您的百万医疗保障已开通，若不及时取消，下月起每月将自动扣除598元，取消请拨打 0755-2391 8840。",
    # http://www.91haoming.cn/news/show-180821.html (game-refund agencies charging a fee first)
    "手游充值可以退！专业法律团队代办未成年退款，成功率99%，先付定金399元，加V：tk-fawu2026",
    # https://wailaizhe.com/toutiao/33759.html (a "recovery" fee after a scam)
    "网上被骗的钱别放弃，我们维权中心有内部渠道可以追回，前期收取咨询费600元，成功后再结尾款。",
    # http://www.exquisite-encounters.com/sybk/zh/2019/12/2019-12-10447872.html (bidding in a group)
    "看台前排还剩三张，已经有人加价到1800了，你要就先付一半定金我给你留着，十分钟内不付就给下一位。",
    # https://news.lzep.cn/content/2024-08/26/content_852836.html ("inside channel" concert tickets)
    "巡演杭州站门票我们有内部渠道，保证出票，先交500订金锁座，出票后再付尾款。",
    # https://sanhaigui.com/anhui/zt/tqzt/2644397.shtml (a fake rail "booking hotline")
    "春运抢票专线：代购各线路火车票，100%保证有票，提前转订金100元即可登记。",
    # https://m.sboyo.com/1/2962035.html (a discounted hotel booked "for you")
    "大阪那边的酒店我可以帮你代订，比官网便宜一半，先付50%押金到我支付宝，保证有房。",
    # https://dzb.zzrbnews.com/news/83000.html (a buyer moving the trade to an unknown site)
    "你好，你在交易群里挂的那个号我很想要，我们到“号易通”平台交易更安全，打开 hyt-game.top 把号挂上去我立刻拍。",
    # https://hellodou.com/pingce/5111.html (a buyer wanting a deposit first)
    "兄弟你卖的账号我要了，钱不是问题，但你得先交200押金，我怕你找回，交了我马上全款。",
    # https://www.rjut.cn/mark/jmkskfhyzphmjtzxcjtlbhndqbaq.html (a fee to lift a ban)
    "【直播平台客服】您的账号因多次违规将被永久封禁，如需解封请在今日内缴纳认证费258元，咨询 020-3921 6610。",
    # https://m.yybnet.net/xian/news/201910/9769191.html (an investment "teacher")
    "您好，我是张总介绍的股票老师，下周有一只牛股，跟着我的指令操作稳赚不赔，先开户入金5万。",
    # http://www.xiuzhou.gov.cn/art/2020/10/26/art_1229411566_3997316.html (romance and secrecy)
    "宝宝，这个投资平台是我表哥内部的，你先充三万，收益我盯着，千万别跟你家人讲，到时候给他们惊喜。",
    # https://www.rlut.cn/news/wai-mai-xiao-ge-ru-he-shi-po-wai-mai-ding-dan-pian-ju-jie-mi-jian-ping-di-qu-chang-jian-pian-shu.html
    "骑手师傅，你送的奶茶里有头发，我也不想投诉你，私下转我100就算了，不然我直接找平台。",
    # https://asjzyw.com/new/117751.html (gift to join a group of one-yuan deals)
    "老铁们刷一个穿云箭拉你进粉丝群，群里1元秒杀苹果手机，名额就20个！",
    # https://lvzhi.paituo.cc/ming/wx/582183.html (a ticket "failed to issue", call a landline)
    "【畅行旅游网】您预订的机票出票失败，订单已被系统冻结，票款将退回，请尽快联系客服 0871-6421 3390 处理。",
    # http://www.gdmsci.cn/post/a6UGrDPQCSHR.html (a cancelled flight and a "compensation" number)
    "尊敬的旅客：您乘坐的CZ3105航班已取消，请致电 020-2238 5170 办理退改签及延误补偿。",
]

# realistic sender, text
GENUINE = [
    # https://www.henyumen8.com/jxuwd/202510/334885.html (an appeal approved)
    ("1069070069", "【微信团队】你的解除限制申请已通过，帐号已恢复，请遵守微信个人帐号使用规范。"),
    # http://www.fanwenmi.cn/fanwen/72401.html (an appeal received)
    (
        "1069070069",
        "【腾讯客服】您的QQ冻结申诉已提交成功，我们会在24小时内处理并短信通知结果，请保持手机畅通。",
    ),
    # http://www.peizitianxia.com/help/show.aspx?id=20 (a booking cancelled, refund the original way)
    ("10690258116", "您的酒店订单已取消，酒店今日满房。已支付房费￥412.00将原路退回，敬请谅解。"),
    # http://box.souhuyou.com/jrtj/359.html (a minor's refund approved)
    (
        "10690301001",
        "【腾讯游戏】您的未成年人退款申请已审核通过，退款¥560.00将原路退回至原支付账户。",
    ),
    # http://timogame.com/bb0b8A25XVABSVAE.html (a ticket received, the agent will call)
    (
        "10690685206",
        "【米哈游】您提交的退款工单已受理，专员审核后会与您联系。每个家庭仅可申请一次退款。",
    ),
    # http://m.fyrmtzx.cn/p/47202.html (the market's own warning quoting the script)
    (
        "10690590520",
        "【闲鱼】闲鱼从不要求卖家缴纳保证金，凡称“未开通消费者保障、订单被冻结”并让您扫码的都是诈骗。",
    ),
    # https://m.gzjll.com/3/5351826.html (a genuine balance freeze handled in the app)
    (
        "10690590520",
        "【闲鱼】您的闲鱼余额因交易纠纷暂时冻结，请在闲鱼APP“我的-客服”查看原因并提交申诉。",
    ),
    # https://wxredian.com/art?id=89523a1a2f8a02e71ea17b7d0d3576bb (a platform's auto-renewal warning)
    (
        "10690969969",
        "【抖音】安全提示：抖音不会以会员到期不取消将自动扣费为由致电您，请勿拨打陌生客服电话。",
    ),
    # http://315online.com/tousu/tourism/298374.html (a guaranteed booking's charge)
    (
        "1069010106666",
        "【携程旅行网】您的担保订单因未入住，已按预订条款扣除担保金额¥388.00。如有疑问请致电95010。",
    ),
    # http://wap.wuhanx.com/xinwen/120265.html (a refund with a fee, by the ticketing platform)
    (
        "10690579919",
        "【大麦】您的退票申请已受理，收取手续费￥120.00，剩余￥280.00将原路退回，请留意查收。",
    ),
    # http://zixun.pz1902.com/jxfw/202507/243394.html (a rail refund)
    (
        "12306",
        "【铁路客服】订单EA11223344，您已办理12月30日G102次车票退票，票款将在1-7个工作日内退回原支付账户。",
    ),
    # http://box.souhuyou.com/jrtj/359.html (the platform's own "no paid refund agents" notice)
    (
        "10690301001",
        "【腾讯游戏】您的消费退款申请已受理，平台不会委托任何第三方代理退款，请勿向他人支付服务费。",
    ),
    # https://www.163.com/dy/article/KDUJETMG0514S536.html (the market's "stay on the platform" reminder)
    (
        "10690590520",
        "【闲鱼】交易提醒：请在闲鱼内沟通和付款，勿添加对方QQ、微信，站外发来的付款链接均为诈骗。",
    ),
    # https://user.guancha.cn/main/content?id=1590003 (a complaint handled by the platform)
    ("10690101788", "【美团】您的投诉已受理，平台将核实后处理，请勿与他人私下转账。"),
]
