"""Public services (issue 11, blind hold-out 13): medical insurance, social security, housing fund,
tax, immigration and consular lines, disability subsidies, hospitals and the utilities.

Two tables of complete messages written for this test (numbers, names, amounts and links are
invented), each modelled on the public page cited beside it:

- SCAMS must never be ``legitimate``, whether they arrive with no sender or from a personal mobile;
- GENUINE must be ``legitimate`` from their realistic sender: payout and statement notices, outage
  notices, free inspections, appointment and cancellation notices, and anti-fraud warnings that
  quote the scammers' very phrases.

The rules they exercise live in ``rules/zh-CN/public_service_lures.yaml``.
"""

from __future__ import annotations

MOBILE = "13812345678"

SCAMS = [
    # a card "cancelled" with a reply-digit agent (https://www.yuedong.cc/News/46280.html)
    "【医保中心】您的医保卡因年审未通过将于明日注销，如需继续使用请回复3转人工办理。",
    # the same with a 400 number (http://www.dingqianjf.com/news/show/468/344942_0.html)
    "社保局通知：您的社保卡检测到异地重复参保，即将停用，请致电 400-6618-235 办理恢复。",
    # passport "barred from travel", transfer to an officer (http://www.sufaa.com/show-717.html)
    "【移民管理局】您的护照被他人冒用办理签证，已被限制出境，请速拨 010-6552-3307 转接专案民警。",
    # consular line asking for bail (https://us.usy7.cc/usy0119GHTuOvt.shtml)
    "【领事保护中心】您的个人信息被用于发布违法内容，需缴纳保释金并配合调查，请回拨 +86-10-6561-2290。",
    # power arrears paid to a named worker's mobile
    # (https://credit.sc.gov.cn/xysc/c100555/202301/363a3b0f6d4a47f9ba5fdb739f47f162.shtml)
    "【供电所】您户电费已拖欠两个月，明天上午将停电，如需保电请联系刘师傅 15937261084，可微信转账。",
    # water arrears with an urgent landline callback
    # (http://www.wwwrrr80.com/jiaodian/2022/0527/81606.html)
    "停水通知：您家水费欠缴，今晚十点关阀停水，请立即回电 0371-6552 8714 处理。",
    # gas valve on the spot or the gas is cut
    # (http://m.digipub.cc/dy/article/KH24TRJ70514TOLP.html?spss=dy_author)
    "【燃气安检】入户检查发现您家自闭阀不合格，须当场更换（320元/个），不更换的将停止供气。",
    # alarm sold under a cut-off threat (https://www.dy001.cn/2025/0407/212618.shtml)
    "燃气公司通知：您家未安装燃气报警器，工作人员明天上门安装，费用450元请备好现金，否则停气。",
    # disability subsidy at an ATM (http://zjnews.zjol.com.cn/system/2015/03/13/020551213.shtml)
    "您好，这里是残联补贴发放办公室，您家属的重度残疾护理补贴2,400元已到，请带银行卡到ATM机按我们的提示操作领取。",
    # subsidy by callback with a bank account
    # (http://zjnews.zjol.com.cn/zjnews/tznews/201612/t20161206_2158823.shtml)
    "【区民政局】您母亲的困难救助金3,000元已审批，请回电并提供本人银行卡号，今日下班前发放。",
    # medical-insurance cash-out advert (http://www.xinxi1368.com/xinxi/3626.html)
    "医保卡余额别浪费，专业医保套现，当天到账七成，全国可办，详询微信 yibao-kx88。",
    # drugs bought on the card and bought back for cash (http://www.xinxi1368.com/xinxi/244.html)
    "医保个人账户即将清零！用医保码在我店购药，药品我们回收返现，当场结算，来电 17625503318。",
    # early housing-fund withdrawal for a fee (https://wshyw.cc/index.php?c=show&id=1814,
    # https://www.hanhuazuwang.cn/36906.html)
    "公积金提前提取，不离职不买房也能办，全国可办，手续费仅6%，不成功不收费，加微信 gjj-tq66。",
    # padded tax-refund claims for a cut
    # (https://www.seridoat.com/article/xu-jia-ti-gong-da-bing-yi-liao-tui-shui-pian-qu-guo-jia-bu-tie-de-chang-jian-shou-duan-yu-fang-fan-z.html)
    "个税退税代办：专项附加扣除帮您补齐材料，大病医疗也能报，多退部分收25%服务费。",
    # hospital refund at a link (https://hmszxyy.com/info/4061/17821.htm)
    "【市第一人民医院】您预约的增强核磁检查已取消，检查费可退，请点击 http://yy-tk.cn/r/5521 填写银行卡办理退费。",
    # the same for an inpatient overcharge (https://wxredian.com/art?id=cf3ad25fb7f1bdbd7075ab1dcf76d3f7)
    "【医院财务科】您住院期间费用多收860元，请登录 cwk-tuifei.top 申请退还，三日内有效。",
    # police transfer in a social-security script (http://xiangrikui.com/shehuibaoxian/yiliaobaoxian/20120721/246941.html)
    "【社保中心】您的医保卡在外地被冒用涉嫌骗保，即将冻结，请按1转接当地公安民警报案。",
    # a travel permit "cancelled" for an offence, call back (http://www.sufaa.com/show-717.html)
    "【出入境管理】您名下出入境证件涉嫌违规使用，即将注销，请回拨 12367-0819 核实。",
    # a power "fine" paid through a worker (https://m.bjx.com.cn/mnews/20250317/1432204.shtml)
    "【电力公司】您户存在违规用电，须缴纳罚款700元，否则今日断电，联系周工 13766021458。",
    # a tax refund asking for the card number by reply
    # (http://news.sina.com.cn/c/2005-12-14/15557708042s.shtml: refunds used to ask for accounts)
    "【税务局】您有个税退税2,940元待退还，请回复本人银行卡号以便今日办理。",
    # housing fund "no need to quit" agent (https://wshyw.cc/index.php?c=show&id=1814)
    "公积金不离职也能提！专业团队代办提取，收费8个点，加V：gjj-7788。",
    # a census "correction fee" (http://www.jcgov.gov.cn/dtxx/zxts/202010/t20201018_1233559.shtml)
    "【普查办】您家人口普查登记信息有误，需缴纳信息更正费60元，请扫码转账至普查专用账户，否则影响落户。",
    # a recruitment "quota deposit" (https://thepaper.cn/newsDetail_forward_1525599)
    "【县人武部】您孩子征兵体检合格，为确保名额需缴纳保证金3,000元，请于今日转账至武装部账户。",
    # cut-price heating through an agent (https://dzb.zzrbnews.com/news/87694.html)
    "采暖费别按原价交了！八五折代缴，到账稍慢但保证成功，加微信 nq-dj2026 备注小区。",
    # a paid "internal channel" for a passport
    # (http://www.knthsk.cn/zwgk/xxgk/gaj/ywflxx_561/hjgl/202509/t20250926_10286492.shtml)
    "【出入境加急】您的护照申请被退回，我司有内部渠道3天出证，代办费1,500元，扫码付款即可预约。",
    # a subsidy "due today" through a private contact (http://m.twtt918.com/content/2015-12/25/content_181305.htm)
    "【市残联】您家属可领取残疾人补贴2,300元，领取编号60417，今天是最后一天，请致电李主任 15277304109。",
    # a money-mule "turnover check" (http://www.xinxi1368.com/xinxi/9714.html)
    "补贴审核通知：您的补助需完成流水验证，稍后有一笔过渡资金转入您的卡，请按客服指引取现后转回指定账户。",
    # an allowance "unlocked" by paying its tax first (http://91tscs.com/Article_List.asp?ID=5547)
    "【退役军人关爱中心】您的一次性慰问金52,000元已审批，兑现前须先缴纳个人所得税2,600元至财务专户。",
    # the secrecy line the fake police add must not pass for an anti-fraud warning
    # (http://www.sufaa.com/show-717.html: 要求受害人…严格保密)
    "【出入境管理局】您的护照涉嫌参与跨境洗钱，请立即拨打 021-6655 1234 转接专案民警，此案涉密，请勿告知家人。",
]

# realistic sender, text
GENUINE = [
    # State Grid low balance (http://www.wwwrrr80.com/jiaodian/2022/0527/81606.html: 95598, 网上国网)
    (
        "95598",
        "【国网河南电力】尊敬的客户，您户剩余电费已不足20元，请及时购电，可通过网上国网App缴费，咨询95598。",
    ),
    # a water outage notice with the utility's landline
    # (https://credit.sc.gov.cn/xysc/c100555/202301/363a3b0f6d4a47f9ba5fdb739f47f162.shtml)
    (
        "106575271880",
        "【某市自来水公司】因主管网维修，12月18日22:00至次日6:00部分区域停水，请提前储水。供水热线0712-2897100。",
    ),
    # free gas inspection announced (http://m.digipub.cc/dy/article/KH24TRJ70514TOLP.html?spss=dy_author)
    (
        "106575290000",
        "【某市燃气】我公司将于12月15日至17日对您小区开展年度入户安检，安检免费，工作人员统一着装、佩戴工牌。",
    ),
    # free meter replacement with a short supply stop (http://sd.iqilu.com/share/article/5105123)
    (
        "106575290000",
        "【某市燃气】您家燃气表已到使用年限，我公司将免费上门更换，更换期间暂停供气约1小时，不收取任何费用。",
    ),
    # a disability allowance already paid in (http://zjnews.zjol.com.cn/system/2015/03/13/020551213.shtml)
    (
        "106575720000",
        "【某市残联】您的12月份居家安养护理补助200元已打入残疾人本人指定账户，请注意查收。",
    ),
    # police warning that quotes the ATM script (http://220.171.42.138/info/1106/13383.htm)
    (
        "10690593110",
        "【某县公安局】近期有人冒充残联以发放两项补贴为由，要求到ATM机按提示操作，都是骗子！补贴发放不需要任何转账。",
    ),
    # housing-fund payout (http://www.nxzfgjj.com/info/1088/3044.htm)
    (
        "12329",
        "【住房公积金】您委托提取的住房公积金6,500.00元已于12月04日划入尾号2217的银行卡，请注意查收。咨询12329。",
    ),
    # immigration appointment (http://www.sufaa.com/show-717.html: 12367 is a called line)
    (
        "10690012367",
        "【国家移民管理局】您已成功预约12月20日上午在出入境接待大厅办理往来港澳通行证，请携带身份证原件按时前往。",
    ),
    # consular warning quoting bail and transfers (https://us.usy7.cc/usy0119GHTuOvt.shtml)
    (
        "10690012308",
        "【外交部领事保护中心】12308热线不会主动致电通知违法事项，不会转接其他部门，不会要求缴纳保释金，如遇可疑来电请挂断。",
    ),
    # hospital cancellation refunded to the original payment (https://hmszxyy.com/info/4061/17821.htm)
    (
        "106901235120",
        "【健康服务平台】您预约的12月11日眼科号源因医生停诊已取消，挂号费将原路退回，如需改约请登录App重新预约。",
    ),
    # medical-insurance warning quoting the cancellation script
    # (http://www.serenwang.com/dy/article/KODEMR470514FD4Q.html?spss=dy_author)
    (
        "10690075512",
        '【医保提醒】医保局不会电话或短信要求注销医保卡，凡称"医保卡将注销，按1转人工"的均为诈骗，请勿回复。',
    ),
    # medical-insurance cash-out warning (http://www.xinxi1368.com/xinxi/5929.html)
    (
        "10690075512",
        "【某市医保局】医保卡套现属违法行为，将被暂停医保待遇并追回资金，发现线索请拨打12393举报。",
    ),
    # licence expiry with the cancellation warning
    # (https://www.fioreitaliangreyhounds.com/guojiduanxin/jiazhaoguoqiduanxin_jishitixing_anquanjiashi_21653.html)
    (
        "12123",
        "【交管12123】您的驾驶证已超过有效期，超过有效期一年以上未换证的将被注销，请尽快通过交管12123App办理换证。",
    ),
    # a tax refund already paid (blind-13 family; https://www.seridoat.com/article/ge-shui-tui-shui-zen-me-bao-shui-2024-nian-zui-xin-xiang-xi-cao-zuo-zhi-nan-jiao-ni-ru-he-qing-song.html)
    (
        "12366",
        "【税务局】您的2025年度个人所得税汇算退税款1,230.00元已退至尾号6632的银行卡，请注意查收。",
    ),
    # a passport ready, void if not collected (http://www.sufaa.com/show-717.html)
    (
        "10690012367",
        "【出入境管理】您的护照已签发，请于12月20日前到出入境大厅领取，逾期未领将作废，咨询12367。",
    ),
    # a census notice that denies any fee (http://villa-graf.com/zzzq/bmxx/content/post_3539761.html)
    (
        "106575321234",
        "【某社区】第七次全国人口普查：普查员将于11月1日至15日入户登记，普查员不会收费，也不会索要银行卡、密码、验证码。",
    ),
    # the heating company's own warning (https://dzb.zzrbnews.com/news/87694.html)
    (
        "106575371886",
        '【某市热力】缴纳采暖费请认准官方App、公众号或营业厅，"内部价""八五折代缴"均为诈骗，请勿向个人账户转账。',
    ),
    # a conscription notice (http://www.digipub.cc/dy/article/KJLQHGN00545AZBJ.html?spss=dy_author)
    (
        "106907711118",
        "【某市征兵办】2008年12月31日以前出生的男性公民请于6月30日前完成初次兵役登记，可登录全国征兵网办理。",
    ),
    # an allowance paid with the tax already withheld (http://91tscs.com/Article_List.asp?ID=5547)
    (
        "12333",
        "【某市人社局】您的技能提升补贴1,500元已发放至社保卡金融账户，请注意查收，咨询12333。",
    ),
    # a property manager's outage notice with his mobile (https://credit.sc.gov.cn/xysc/c100555/202301/363a3b0f6d4a47f9ba5fdb739f47f162.shtml)
    (
        "1069012345",
        "【某物业】因电力检修，本小区明日8:00-12:00停电，如有疑问请联系物业王经理 13812341234。",
    ),
]


# A fake base station can send as the body a scam imitates: its own number adds no credit to
# such content. (index into SCAMS, the official number it imitates)
SPOOFED = [
    (0, "12333"),
    (1, "12333"),
    (2, "10690012367"),
    (3, "10690012308"),
    (4, "95598"),
    (12, "12329"),
    (13, "12366"),
    (17, "10690012367"),
    (18, "95598"),
    (20, "12329"),
]
