"""Cross-border scams and their genuine counterparts (blind set 23's families), written for this test.

Chinese citizens abroad, students and their parents, and people in Hong Kong, Macau and Taiwan get
their own scams: fake embassy calls, virtual kidnapping, "press 9" robocall scripts, video-call
"investigations", private currency exchange, parcel callbacks. Each scam below must not be
``legitimate`` with no sender and from a personal mobile; each genuine message must be
``legitimate`` from its realistic sender. Every entry cites the public page it was modelled on.
"""

from __future__ import annotations

MOBILE = "13812345678"

SCAMS = [
    # http://lb.china-embassy.org/chn/zyts/201805/t20180511_1498761.htm (fake embassy calls)
    "【驻新西兰使馆】您有一份国内检察院公文尚未领取，涉及一起刑事案件，请回电+64 9 555 0188。",
    # http://mo.ocmfa.gov.cn/lsfw/202304/t20230418_11061219.htm (passport "used in a case")
    "中国驻悉尼总领馆通知：您的护照被他人冒用涉嫌洗钱，请今日内按2转接国内办案民警。",
    # https://tianjin.nia.gov.cn/News/201807/201807191158356.htm (deposit to avoid deportation)
    "Chinese Embassy通知：您的签证涉嫌非法滞留，需缴纳担保金2,800美元，否则48小时内遣返。",
    # https://www.eic.org.cn/news/detail/15e6ffeaf62e41ea867c78c22d68cedf (cut off the family)
    "【驻外领馆】您涉及国内一宗刑事案件，案件保密期间请与家人断联并下载指定软件等候联系。",
    # http://uscntv.cn/huaren/shiguan/9839.html (virtual kidnapping, ransom)
    "你儿子现在在我们手上，今晚12点前汇40万到指定账户，报警或找大使馆就等着收尸。",
    # http://wechatcmc.gcable.cn/jlxgbdst_html/jlfbAPP/sy/5346018.shtml (student "held")
    "爸，我被人控制了，他们要20万，千万别报警，账号他们会发给你，求你快点。",
    # https://beijing.qianlong.com/2026/0114/8609498.shtml (24-hour video monitoring)
    "【某市公安局刑侦支队】您的银行卡涉嫌一宗洗钱案件，请下载会议软件并保持视频通话配合调查。",
    # https://cdn.gcs.gov.mo/news/detail/zh-hans/N23KdCPA0Z (Macau police by iMessage, video call)
    "澳門警方通知：閣下身份證涉及一宗跨境詐騙案，請保持視頻通話配合調查，期間不得掛斷。",
    # https://www.hk01.com/社會新聞/60275302 (OFCA impersonation, press 9)
    "電訊管理局：閣下的電話號碼涉嫌發送欺詐短訊，服務將於今日終止，如需協助請按9轉接職員。",
    # http://www.simu001.cn/x245393x1x1.html (card "involved in crime", press 1)
    "您名下手机卡涉嫌违法犯罪，2小时后将停机，如有疑问请按1转人工处理。",
    # http://hzgou.cn/e/wap/show.php?classid=2&id=313465 (private AUD exchange)
    "澳币换汇，汇率比银行高0.1，在澳学长自用渠道，先转人民币2小时内到账，微信au-ex77。",
    # https://nz.hougarden.com/news/article-20190812152949-1bb0 (USD for RMB, send first)
    "【私下换汇】美金6.8出，同学直接转人民币给我，一小时内Zelle到账，今晚截止。",
    # https://m.ieduchina.com/abroad/abroad/201911/49534.html (GBP exchange in chat groups)
    "英镑低价兑换，比银行划算，人民币转我后半小时内英镑到账，私信微信gbp-uk9。",
    # https://www.etnet.com.hk/www/tc/lifestyle/96796 (HK courier callback)
    "【快遞】派送員多次聯繫未果，請儘快致電 6234 5678 安排派送，否則包裹將被退回。",
    # https://en.cofacts.tw/reply/z4Kx0o8B3RbBUEe2RHgO (Taiwan post callback)
    "【郵局】您的郵件投遞異常，郵務員聯繫未果，請撥打0912-456-789聯繫，以免退件。",
    # http://wqb.xa.gov.cn/xwzx/tzgg/1739196421810798593.html (96110 spoof, video)
    "反诈中心：您的身份证涉嫌在境外办理电话卡，请配合视频笔录并保持视频连线，不得告知他人。",
    # http://www.vakiodaily.com/news/view/id/598818 (fake carrier points, long link)
    "【電訊】閣下積分8,200分即將到期，可換領無線耳機，請於今晚前登入 http://hk-telpoint.cc/r 領取。",
    # https://cdn.gcs.gov.mo/detail/zh-hans/N24JIVJhU7 (fake consumption-lottery win)
    "恭喜您！週年抽獎活動您已中獎MOP 2,000消費券，請於24小時內登記資料領取：http://mo-lucky.top/a",
    # https://news.ltn.com.tw/news/life/breakingnews/5156917 (ghost parcel, cash on delivery)
    "【超商取件】您的包裹已送達萊爾富門市，取貨付款金額1,360元，請於7日內攜證件取件。",
    # http://www.swpu.edu.cn/bwc/info/1232/7373.htm (parcel with contraband, call the police)
    "【海關】您的國際郵包經查驗夾帶多張他人銀行卡，已被扣留，請立即撥打 +853 6555 0123 聯繫緝私警察配合調查。",
    # https://www.bastillepost.com/hongkong/article/15084397 (card referred to mainland police)
    "【某電訊】閣下登記的手機卡涉嫌洗黑錢案件，已移交內地公安，請保持電話暢通等候辦案民警聯絡。",
    # https://www.hongkongpost.hk/tc/about_us/phishing_attempts/index.html (HK Post fee phishing)
    "【香港郵政】您的包裹因地址不完整暫存倉庫，請於24小時內點擊 http://hkpost-hk.top/p 更新地址並支付HKD 12手續費。",
    # http://cn.gzbj58.com/news/204624.html (flight cancelled, "rebooking agent" callback)
    "尊敬的旅客，您预订的CX881航班因机械故障取消，请联系改签专员 020-3120 8876 办理退票并领取300元延误补偿。",
    # https://www.hkma.gov.hk/gb_chi/news-and-media/press-releases/2022/01/20220127-5/ (HK bank phishing)
    "【中銀香港】閣下的賬戶存在異常登入，已暫停使用，請即登入 http://bochk-verify.cc 重新驗證身份。",
]

# (sender, text)
GENUINE = [
    # http://lb.china-embassy.org/chn/zyts/201805/t20180511_1498761.htm (consular warning)
    (
        None,
        "驻某国使馆提醒：近期有人冒充使馆电话称同胞涉嫌刑事案件并索要保证金，使馆不会电话通知案件或要求转账，如有疑问请拨打12308。",
    ),
    # http://www.jewetek.cn/hr/2026/01-19/10554509.shtml (12308 welcome text)
    (
        "12308",
        "【外交部12308】欢迎您来到新西兰。请遵守当地法律，注意出行安全。如需领事协助请拨打+86-10-12308。",
    ),
    # https://bjdnbx.com/lx/271383.html (virtual-kidnapping warning)
    (
        "12381",
        "【国家反诈中心】请警惕以“孩子被绑架”为名索要赎金的诈骗，接到此类电话请立即报警并直接联系孩子。",
    ),
    # http://uscntv.cn/huaren/shiguan/9839.html (a student reassures the family)
    (
        "+61412345678",
        "妈，刚才有人打电话说我被绑架了要钱，那是骗子，我在宿舍挺好的，你千万别转账。",
    ),
    # https://beijing.qianlong.com/2026/0114/8609498.shtml (police advice on video calls)
    (
        "12381",
        "【国家反诈中心】公安机关不会通过视频通话办案，凡要求“保持视频监控”配合调查的都是诈骗。",
    ),
    # http://hzgou.cn/e/wap/show.php?classid=2&id=313465 (bank FX record)
    (
        "95566",
        "【中国银行】您于12月3日购汇USD 2,000.00，成交汇率7.1250，资金已入账。",
    ),
    # https://m.ieduchina.com/abroad/abroad/201911/49534.html (university warning on private FX)
    (
        None,
        "【某大学国际处】提醒同学们：切勿私下换汇，先转人民币后到账的都是诈骗，请通过银行办理。",
    ),
    # https://www.etnet.com.hk/www/tc/lifestyle/96796 (SF HK pickup code)
    (
        "#SFExpress",
        "順豐速運：您的快件SF1234567890123已到達觀塘順豐站，可憑取件碼 482615 於今日20:00前領取。",
    ),
    # https://www.hongkongpost.hk/tc/about_us/phishing_attempts/index.html (HK Post notice card)
    (
        "#HKPost",
        "香港郵政通知：您的掛號郵件 RR123456785HK 已到達沙田郵政局，請於10個工作天內攜同身份證明文件領取。",
    ),
    # https://www.hk01.com/社會新聞/60275302 (carrier's own service line, press 0)
    (
        "10086",
        "【中国移动】您的话费账单已出，如需人工服务请拨打10086按0转人工。",
    ),
    # https://www.ofca.gov.hk/tc/consumer_focus/guide/hot_topics/ssrs/ (registered senders)
    (
        "#CMHK",
        "中國移動香港提示：以「#」號開頭的短訊發送人名稱均已向通訊辦登記，切勿向身分未經核實的人士提供銀行資料。",
    ),
    # https://news.ltn.com.tw/news/life/breakingnews/5156917 (a pickup notice already paid)
    (
        "#SFExpress",
        "順豐速運：您的快件已到達銅鑼灣順豐站，運費已付，可憑取件碼 730215 領取。",
    ),
    # https://cdn.gcs.gov.mo/detail/zh-hans/N24JIVJhU7 (the draw's result seen in the wallet app)
    (
        "#CTM",
        "【澳門電訊】閣下積分將於12月31日到期，可於My CTM App積分商城兌換禮品。",
    ),
]
