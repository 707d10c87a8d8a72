"""People-to-people and community messages (issue 11, the fourteenth blind hold-out's families).

Written for this test, each modelled on the public page cited beside it. SCAMS ask for money under a
claimed role (a teacher or classmate of the child in an emergency, the person "handling" a
grandson's case, a boss returning a "mistaken transfer" elsewhere, a doctor wanting red envelopes, a
broker selling appointments, a charity plea to a personal account, 物业 on a mobile number); none may
be ``legitimate``, from no sender or from a personal mobile. GENUINE talk about money in the open (a
wedding gift account, a father's allowance, a landlord's usual account, a school's official platform,
a property fee through the app); each must be ``legitimate`` from its realistic sender.
"""

from __future__ import annotations

MOBILE = "13812345678"

SCAMS = [
    # https://www.csjcs.com/news/show/346/1152781_0.html (fake class teacher: child hurt, wire the fee)
    "朵朵妈妈，我是朵朵的数学老师，孩子体育课从单杠上摔下来骨折了，正在区医院，押金要8000，"
    "我带的钱不够，你先转过来，卡号6222 0210 3344 5566 李红。",
    # https://ydhacker.com/m/view.php?aid=1969 (the "hospital" texts a parent: surgery now, remit)
    "浩浩家长，孩子在学校突发急病送市儿童医院抢救，医生要求马上手术，手术费3万请立即汇款到医院"
    "指定账户，账号稍后发您。",
    # http://taiwan.cn/xwzx/dl/shh/200710/t20071017_469716.htm (a "classmate" reports an accident)
    "阿姨您好，我是小杰的大学同学，他下午骑车被车撞了在医院昏迷，要先交押金两万，您赶紧汇过来。",
    # http://news.cnnb.com.cn/system/2024/08/15/030608300.shtml (the grandson's "case" settled for cash)
    "老人家，我是处理您孙子这件事的负责人，对方家属同意和解，交6万元就写谅解书，今天就能放人，"
    "这事别跟他爸妈说。",
    # http://www.g2bonline.com/shehui/78500.html (the boss's "mistaken" payment returned elsewhere)
    "小刘，华源那边财务说有笔8.2万的款转错到我们公司了，你把钱退还到他们的账户："
    "6217 0012 3456 7890，我在开会电话不方便，直接办。",
    # https://c.m.163.com/news/a/GGKN2L7T0514CQRL.html (a fake official asks a favour in money)
    "老陈，上回跟你提的事，单位上急需一笔资金，帮个忙借我6万，今天之内尽快到位。",
    # https://ncdqh.com.cn/culture/201108/123540.html (an old classmate's "new number")
    "小芳，我是老周啊，这是我现在的号码，麻烦存一下，过两天去你那边出差找你吃饭。",
    # http://news.yongyao.net/newslist/201407/YX117412.shtml (the "doctor" wants red envelopes)
    "李阿姨，我是普外科的赵医生，您爱人的手术方案要调整，已请了外院专家会诊，明天请准备两个红包"
    "（三千左右）到门诊楼大厅找我。",
    # http://news.yongyao.net/newslist/201407/YX117412.shtml (…or the fee to a colleague's card)
    "李阿姨，我这边走不开，专家会诊费直接转到我们孙主任的建行卡上：6217 0000 8888 1234 孙伟，"
    "转完告诉我。",
    # https://m.110.com/flzs/118025.html (an appointment broker)
    "您好，儿童医院呼吸科王主任的专家号已约满，我们内部可以加号，加急费400元，先转账后出号。",
    # https://hxdsb.fjdaily.com/pc/con/202505/26/content_452948.html (the landlord's "agent", ignore the warning)
    "王先生您好，房东在国外收不了款，半年房租3.6万请转到房东委托人的账户，转账时如果提示风险是"
    "系统误判，继续操作就行。",
    # https://www.seridoat.com/article/jie-mi-wu-ye-tong-zhi-zha-pian-xian-jing-jiao-ni-ru-he-shi-po-pian-ju-shou-hu-ni-de-cai-chan-an-quan.html
    "【物业服务中心】业主您好，您户本年度维修基金尚欠1800元，今日18点前未处理将停用门禁，"
    "请联系物业财务王会计 15912345678 办理转账。",
    # http://m.bohuashuinuan.com/html/2024/zjsj_0416/7426.html (a charity plea to a personal account)
    "各位邻居，求求大家救救我儿子，白血病化疗又要交钱了，能帮一点是一点，微信支付宝都可以转我 "
    "15190000000。",
    # https://www.csjcs.com/news/show/346/1152781_0.html (the child's "head teacher", money request)
    "我是你孩子的班主任，孩子在操场摔伤了头，正在医院缝针，你先转3000到我卡上，账号"
    "6228 4800 1122 3344。",
    # https://fidreport.com/2010-09/14/content_681283.htm (a fake son, new number, money)
    "爸，我手机丢了，这是我新号。学校要交考证培训费2800，急用，先转到这张卡 6222 0000 1111 2222。",
    # https://hebei.sina.com.cn/hs/focus/2014-06-06/09172904.html (the landlord's new account)
    "小王，我是房东，原来那张卡被冻结了，这季度房租请转到我爱人的新卡 6217 0011 2233 4455。",
    # http://gat.fujian.gov.cn/ztzl/fjjffpzxrx/spjq/202505/t20250523_6917451.htm (bail for a student abroad)
    "您好，我是处理您外孙在学校事情的老师，他因违规被拘留，需交保释金5万元，今天交了就能回家。",
    # https://www.culturechina.cn/minsheng/168763.html (paying through the app's warning)
    "货款请转到我们财务的个人账户，付款时弹出被骗风险提示不用管，点继续就行，今天必须付清。",
    # http://zjnews.zjol.com.cn/system/2015/03/13/020551213.shtml (a "subsidy" taken at an ATM)
    "您好，我是残疾证管理中心的，您父亲名下有一笔2800元护理补贴，请带银行卡到附近ATM机按我们的指示操作领取。",
    # https://www.seridoat.com/article/jie-mi-wu-ye-tong-zhi-zha-pian-xian-jing-jiao-ni-ru-he-shi-po-pian-ju-shou-hu-ni-de-cai-chan-an-quan.html
    "【供电营业所】您户电费已欠两个月，今晚将停电检修，如需保电请联系张工 139-2233-4455 微信转账处理。",
]

# realistic sender, text
GENUINE = [
    # https://cn.bg3.co/a/lu-song-li-jin-you-jie-mu-biao-ru-gong-kai-lian-cai.html (a wedding gift account)
    (
        "13905711234",
        "5月1日我和小雅在滨江大酒店办婚礼，欢迎大家来喝喜酒！不能到场的朋友，礼金可以直接打到我建行卡"
        " 6217 0000 1234 5678（陈磊），或者微信转账都行。",
    ),
    # http://www.zkxhgk.com/xwzx/dl/shh/201708/t20170818_11832743.htm (a father's monthly allowance)
    (
        "13908201234",
        "闺女，以后每个月初我给你转1500当生活费，就转到你常用的那张工行卡，记得记账，别碰网贷。",
    ),
    # http://www.nxnews.net/ms/dyts/201709/t20170918_5689740.html (a neighbour paying for damage)
    (
        "13709571234",
        "王阿姨，我是楼上502的，漏水的管子今天修好了。您家天花板和灯具找人估个价告诉我，钱我来出，给您转过去。",
    ),
    # https://m.kfkhr.com/1/1167819.html (a landlord's usual account)
    (
        "13599061234",
        "小周，下季度房租6300元，还请月底前付到建行尾号5521王芳的卡，跟合同里留的账户一致。"
        "要是周转不过来就提前告诉我，晚几天也行。",
    ),
    # http://www.jingning.gov.cn/art/2024/2/27/art_1377275_59072092.html (a teacher: the official platform)
    (
        "13857011234",
        "各位家长好，我是三（2）班王老师。本学期代办费可以在浙里办APP的教育缴费里查询交费单并支付，"
        "3月1日前完成。收费不会通过班级群收款码，也不会要求转入老师个人账户。",
    ),
    # http://yizhan.xout.cn/zxwd/202506/210219.html (a property fee through the app or company account)
    (
        "10690531234",
        "【锦绣花园物业】5-1-302业主您好：您户上半年物业费1,380.00元待缴，请于月底前通过物业App或对公转账"
        "（户名：锦绣花园物业服务有限公司）缴纳，谢谢配合。",
    ),
    # http://gzyg.zhongyulian.com/activity/info/id/6142185dc0e88cab4c8b4b67 (a club's fee account)
    (
        "18673651234",
        "跑团通知：2027年度会费每人200元，统一交到会费账户 招商银行 6214 8301 2345 6789（户名 刘洋），"
        "交完在群里接龙。",
    ),
    # http://zjnews.zjol.com.cn/system/2015/03/13/020551213.shtml (a subsidy paid to the reader's account)
    (
        "106575720000",
        "【某区民政局】您的高龄津贴300元已发放到您本人指定的银行账户，请查收，领取津贴无需转账。",
    ),
    # https://www.henyumen8.com/jxuwd/202510/334885.html (an account restored, the platform's rules)
    (
        "1069070069",
        "【微信团队】你的帐号已恢复正常，使用中请遵守个人帐号使用规范。",
    ),
    # https://yjbys.com/hr/yuangongguanli/2835028.html (a boss's travel policy, reimbursed by finance)
    (
        "15900781234",
        "小李，下周你去成都出差，住宿按公司标准每晚不超过350元，回来凭发票找财务报销。",
    ),
    # https://www.365zhishi.cn/tuwen/5408410084320218653.html (reimbursement to the salary card)
    (
        "13916821234",
        "各位同事：本月差旅报销单请在25号前交财务，审核后统一转账到工资卡，发票丢失的提前跟我说。——王总",
    ),
    # https://yaliaojie.com/a/19579.html (a water company's warning about fake QR notices)
    (
        "10655091234",
        "【某市自来水】提醒：有人在楼道张贴假“水费催缴单”，诱导扫码缴费。本公司从未授权个人账户收取水费，"
        "请到营业厅或通过支付宝生活缴费缴纳。",
    ),
    # http://www.cqn.com.cn/ms/content/2019-12/23/content_7938291.htm (no more QR codes, the bank app)
    (
        "15863291234",
        "各位家长：学生保险费开始收取，本学期起不再使用班级收款码，请在学校合作银行的App里缴费，"
        "也可以让孩子带现金交到班里。——班主任 孙老师",
    ),
    # http://cnjiayu.com.cn/ye/xyqxin/16595746949.html (an outsourced-collection notice with a denial)
    (
        "10690588095118",
        "【京东金融】受京东金融委托，某某信息咨询有限公司工作人员将就您的白条欠款与您联系。请只在京东金融APP内还款，"
        "凡是要求转账至个人账户的都不是本司行为，核实请拨95118。",
    ),
    # http://www.yk.gov.cn/art/2023/2/20/art_1229698253_59026283.html (a police warning listing donts)
    (
        "12381",
        "【某某公安】提醒：自称客服来电要您注销账户、清理贷款的都是诈骗！不共享屏幕、不转账，有疑问拨打96110。",
    ),
]
