"""Students and young workers (issue 11, the twenty-second blind hold-out's families).

Written for this test, each modelled on the public page cited beside it. SCAMS sell exam results,
admission places, certificates or driving-test passes; threaten a "cheating" finding with a
callback; freeze a grant until the student works an ATM; sell a job that needs a training loan;
hide money-mule work in a "paid trial"; pay per task (短剧, 助力, 点赞); or ask a rental deposit
before any viewing. None may be ``legitimate``, from no sender or from a personal mobile. GENUINE
messages are the institutions' own (exam, admission and driving-test notices, grant deposits,
student-loan reminders, rent bills) and their warnings that quote the scam phrases; each must be
``legitimate`` from its realistic sender.
"""

from __future__ import annotations

MOBILE = "13812345678"

SCAMS = [
    # http://paper.sciencenet.cn/htmlnews/2008/7/208603.html (CET score changes for sale)
    "四级差几分没过？阅卷组内部渠道可改分，改到430只要800元，官网可查，不成功退款，加微信 cet-430a。",
    # http://paper.sciencenet.cn/htmlnews/2008/7/208603.html ("review" to raise the score, for a fee)
    "【CET考务】六级412分离合格还差13分的同学，考务组可帮你申请复核提分服务，收费750元，回复1办理。",
    # http://zhaodaxue.cn/dxskz/yysj/sjjx/150948.html (forged transcripts with a real number)
    "代办英语六级成绩单，借用真实准考证号，学信网可查，找工作考研都能用，定金300元，联系陈老师。",
    # https://news.eol.cn/yaowen/202512/t20251216_2709773.shtml (guaranteed interview places)
    "【考研复试】对接985院校老师，复试保面名额剩8个，不上岸全额退款，报名链接 https://ky-baomian.cc/a",
    # http://big5.cctv.com/gate/big5/edu.cctv.com/2025/12/01/ARTIV0POfeZ0X6gFS31yIZjP251201.shtml (internal quota)
    "同学你好，我是某大学研招办王老师，你差2分进复试，学院有1个内部调剂指标，需交审核费6000元，今天确认。",
    # https://bjdnbx.com/ky/411003.html (leaked papers before the exam)
    "考研政治押题密卷，考前24小时发卷，去年真题命中率九成，全科1500元，考后不中退款，QQ群 556677880。",
    # http://www.hgjy100.com/mianshi/4425965.html (early score lookup through a "special channel")
    "【研考查分】成绩已出，官网拥堵，可通过特殊通道提前查询分数和排名，解锁费9.9元：http://yk-cf.net.cn/q",
    # http://www.yn.jcy.gov.cn/yjyw/sy/202506/t20250610_6990779.shtml (reserved admission places)
    "【某某中学招生办】家长好，今年还有少量补录名额，孩子可直接入读，需先交预留名额费18000元，今晚前确认。",
    # http://www.adibba.com/html/2025/news/6/420150.html (an "AI proctor" cheating finding with a callback)
    "【考试中心】同学你好，监考录像显示你在本场四级考试中违纪作弊，成绩作废并取消下次报名资格，请于今天17点前拨打 010-62781234 说明情况。",
    # http://ffcl.org.cn/show-170908.html (a driving-test pass bought through the examiner)
    "明天科目三，考官那边我熟，给500元红包我去打点关系，上车说暗号直接过，没过退钱。",
    # http://bhc.hebei.com.cn/system/2013/05/22/012783395.shtml (a failed result "changed" in the system)
    "科目二没过不要紧，交900元包过，不合格可以后台改成绩，电话联系钱老师。",
    # http://www.xrmujd.com/zizhu/zhxw/141300.htm (a grant "frozen" until the student works an ATM)
    "你的国家助学金发放时因银行卡信息有误被冻结，请今天带卡到附近ATM机，按工作人员电话里的提示操作解冻。",
    # https://difang.gmw.cn/2023-05/30/content_36596772.htm (the job that needs a training loan)
    "【某某人力】恭喜通过复试！数据标注岗要求先完成两个月岗前培训，培训费16800元由合作平台办理分期，入职后从工资中扣。",
    # http://zhongguorongmeichanyewang.rongmeiwang.cn/zhongguorongmeichanyewang/2023/0807/317285.html (0元入学)
    "零基础学短视频剪辑，0元入学，学费5800元分期每月仅需480元，学完包接单，回复姓名报名。",
    # https://tw.news.yahoo.com/%E5%B8%B6%E8%96%AA%E8%A9%A6%E8%A8%93-%E9%A8%99%E5%B1%80-%E7%B2%BE%E6%BA%96offer-%E6%88%90%E7%82%BA%E6%B1%82%E8%81%B7%E8%B7%AF%E4%B8%8A%E6%BA%AB%E6%9F%94%E9%99%B7%E9%98%B1-%E7%BE%85%E7%99%BB%E5%BB%89-162930312.html
    # (a paid trial that is money moving)
    "实习offer：您申请的财务助理岗位可先线上试岗，每天结算工资，下载“某某办公”添加带教主管，跟着完成资金流转任务即可。",
    # https://www.163.com/dy/article/KCSF51B90514TQ48.html?f=post2020_dy_recommends (short-drama tasks)
    "看短剧也能赚零花钱！在App里搜指定剧名、截图上传，一单4元当天到账，下载“剧赚宝”注册领6元红包。",
    # https://www.163.com/dy/article/KCSF51B90514TQ48.html?f=post2020_dy_recommends (pay in, "pay back")
    "【看剧联盟】恭喜您被选为今日助力达人，充值60元可回款108元，请先在App里购买剧币完成助力，逾期名额取消。",
    # http://sh.dzwindows.com/sh/2023/0627/79305.html (an absent landlord and a deposit to hold the room)
    "单身公寓转租，离学校步行5分钟，月租850。我人在外地没法带看，你先转1000定金锁房，钥匙我邮寄过去。",
    # https://zhjsw.cn/news/show-40622.html (rent by instalments: a rent loan in the tenant's name)
    "【某某公寓】应届生专享：房租分期付，每月只还860元，首月零元入住，限前50名，扫码在线签约。",
    # https://www.21xqjy.com/archive/jie-mi-pian-ju-jiang-xue-jin-jing-ti-xian-jing-bie-rang-mian-fei-wu-can-bian-cheng-cai-wu-xian-jing.html
    # (a scholarship that needs a "tax" first)
    "【学院财务处】你的国家奖学金8000元待发放，按规定需先缴纳个人所得税640元，请转给财务刘老师后统一打款。",
    # https://www.fioreitaliangreyhounds.com/yingxiaoduanxin/jingti_zhuxuejinzhapianduanxinjiemi_fangfangongluedagongkai_20982.html
    # (a grant "failed" because of the card; re-register through a link)
    "【教育局】你的助学金因银行卡号异常未能到账，请点击 http://zxj-dengji.cn 重新填写银行卡并输入验证码。",
    # https://www.cstu.edu.cn/yywh/info/1061/12603.htm (likes paid per item)
    "招聘短视频点赞员，给指定作品点赞每个赚2元，多劳多得日结，加QQ群 778899001 领任务。",
    # http://www.fafqdl.cn/edu/zhichang/1511379.html (a paid "referral" into a big firm)
    "互联网大厂内推名额，应届可投，月薪一万八，内推服务费4000元，签约后两周内入职，有意加微信 ntjh-01。",
    # https://www.21xqjy.com/archive/jie-mi-pian-ju-jiang-xue-jin-jing-ti-xian-jing-bie-rang-mian-fei-wu-can-bian-cheng-cai-wu-xian-jing.html
    # (a "donated scholarship" with an application fee)
    "同学好，学院新增企业捐赠奖学金，最高6000元，申请需缴纳评审费99元，扫码支付后上传成绩单。",
]

GENUINE = [
    # http://paper.sciencenet.cn/htmlnews/2008/7/208603.html (an exam office's warning quoting the ads)
    (
        "10690418875",
        "【某某大学教务处】校内出现“四六级改分”“代办成绩单”广告，成绩由教育部教育考试院统一发布，"
        "不存在改分渠道，请勿上当。",
    ),
    # https://news.eol.cn/yaowen/202512/t20251216_2709773.shtml (a graduate school's interview notice)
    (
        "10690571682",
        "【某某大学研究生院】请报考我校的考生登录中国研究生招生信息网(yz.chsi.com.cn)查看复试通知，"
        "我校复试不收取任何“保面费”，谨防诈骗。",
    ),
    # http://www.adibba.com/html/2025/news/6/420150.html (the exam authority warns of the "AI proctor" text)
    (
        "10690512278",
        "【省教育考试院】有人冒充我院发送“AI监考发现作弊、成绩记0分”短信并要求回电缴费，我院不会以此方式通知考生。",
    ),
    # http://bhc.hebei.com.cn/system/2013/05/22/012783395.shtml (a driving-test result)
    (
        "10690128835",
        "【某某车管所】您于12月03日参加的科目二考试成绩为90分，合格。成绩由系统电子评判生成。",
    ),
    # http://ffcl.org.cn/show-170908.html (traffic police on "包过费")
    (
        "10690331782",
        "【某某车管所】驾驶人考试按统一标准收费，无任何额外费用，请勿相信“包过费”“保险费”等说法。",
    ),
    # https://freewechat.com/a/MzI5MTMzNzM2NQ==/2247566760/1 (a grant paid to the student's card)
    (
        "95566",
        "【中国银行】您尾号4410的账户12月05日10:20代发助学金收入人民币2000.00元，余额2315.40元。",
    ),
    # https://xahkxy.bysjy.com.cn/detail/online?id=3357558 (a careers office on training loans)
    (
        "10690883241",
        "【某某学院就业指导中心】提醒：要求先交培训费、办理培训贷款、交押金才能录用的招聘均属违法，请谨防上当。",
    ),
    # https://difang.gmw.cn/2023-05/30/content_36596772.htm (a student-aid centre's training-loan warning)
    (
        "10690113804",
        "【某某大学学生资助中心】警惕“培训贷”：“零元入学”“学费分期从工资扣”多为套路，签协议前先与家长商量。",
    ),
    # https://www.163.com/dy/article/KCSF51B90514TQ48.html?f=post2020_dy_recommends (an anti-fraud warning)
    (
        "10690110123",
        "【某某反诈中心】警惕“边看剧边赚钱”短剧推广兼职，先小额返利再诱导购买短剧币，先垫资做任务的兼职都是诈骗。",
    ),
    # http://sh.dzwindows.com/sh/2023/0627/79305.html (a landlord's usual rent reminder)
    ("13951826037", "小陈，这个月房租还是转我那张工行卡，月底前转就行。——房东刘"),
    # http://xndesign.cn/rolling/201506/26/t20150626_5758813.shtml (a rental platform's bill)
    (
        "10690911",
        "【自如】您承租的房间本期房租账单已生成，金额2,480.00元，最晚付款日12月15日，请在自如App内支付。",
    ),
    # http://anju.szhome.com/info/jianshe/6245179.html (a card bill that warns against personal accounts)
    (
        "95555",
        "【招商银行】您尾号3318的信用卡账单最低还款额420.00元已过还款日，请通过掌上生活App还款，勿向个人账户转账。",
    ),
    # http://kanghetangcha.com/banking/content/2021-09/14/content_24568680.htm (a bank on 注销校园贷)
    (
        "95508",
        "【广发银行】提示：有人冒充网贷客服以“注销校园贷账户，否则影响征信”为名实施诈骗，请勿向陌生账户转账。",
    ),
    # https://zhjsw.cn/news/show-40622.html (a housing bureau's rule on rent loans)
    (
        "10690345678",
        "【某某区住建局】提醒：住房租赁企业不得以租金分期、租金优惠等名义诱导承租人使用租金贷款，遇到请拨打12345举报。",
    ),
    # https://freewechat.com/a/MzI5MTMzNzM2NQ==/2247566760/1 (a school asks students to re-register in person)
    (
        "10690327715",
        "【某某学院资助办】个别同学助学金发放失败，原因为银行卡号有误，请本周内带银行卡到学院资助办当面登记。",
    ),
    # http://sh.dzwindows.com/sh/2023/0627/79305.html (an agency confirms a viewing; money only at signing)
    (
        "10690123456",
        "【某某房产】您预约的看房已确认，时间周六10:00，经纪人王磊，看房不收取任何费用，签约后再付押金。",
    ),
    # https://zhjsw.cn/news/show-40622.html (a flat that says it offers no rent loan)
    ("10690123457", "【某某公寓】押一付一，月付无压力，签约请在App内完成，不支持租金分期。"),
    # http://dzb.hxnews.com/2019-02/19/content_492484.htm (a driving school after a passed test)
    (
        "10690617730",
        "【某某驾校】学员您好，科目二考试合格，恭喜！科目三请在交管12123App自行预约，驾校不收取任何额外费用。",
    ),
    # https://xahkxy.bysjy.com.cn/detail/online?id=3357558 (a real offer: free paid training)
    (
        "10690883242",
        "【某某公司人事部】恭喜您通过面试，公司提供免费岗前培训，培训期间正常发放工资，3月1日入职。",
    ),
    # https://freewechat.com/a/MzI5MTMzNzM2NQ==/2247566760/1 (a grant paid; a failed payment goes to the counsellor)
    (
        "10657302219",
        "【学生资助中心】你的国家助学金2000元已发放至登记的银行卡，请注意查收。如银行卡异常未能到账，请联系辅导员。",
    ),
]
