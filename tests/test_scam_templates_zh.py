"""Complete scams, one or more per family of issue 11, written for this test: none may be ``legitimate``.

The real messages we measure on are often quoted with their link or number cut, which hides what the
checker would say on the message as it arrived. These are whole: each carries its link, callback,
account or request, as the police, bank and regulator warnings cited in the rule files describe
them. Each is checked from a personal mobile, with no sender, and (where the scam imitates one) from
the organisation's own number, which a fake base station can send as.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

import smscheck

WHEN = datetime(2026, 12, 7, 12, 0, tzinfo=timezone(timedelta(hours=8)))
MOBILE = "13812345678"

# sender it imitates ("" when none), text
SCAMS = [
    (
        "",
        "【建设银行】尊敬的客户，您的网银盾证书将于今日到期，请登录 wap.ccb-zs.cc 及时更新，以免影响使用。",
    ),
    (
        "95588",
        "尊敬的工行用户：您的账户积分28600分可兑换现金286元，请登录 icbc-jfdh.top 兑换，逾期清零。",
    ),
    ("", "【招商银行】您的信用卡额度可免费提升至8万，请点击 cmb-te.cc 填写卡号申请。"),
    ("", "尊敬的客户，您的信用卡年费1680元将于今晚扣除，如需取消请致电0755-22116543。"),
    ("", "【银联中心】您尾号3306的银行卡在异地消费6980元已确认，如有疑问请致电021-61237788。"),
    ("", "【住房公积金】您的公积金账户存在异常，即将冻结，请登录 gjj-hc.cn 核验身份信息。"),
    ("", "【社保中心】您的社保卡信息不全，需实名补录，请打开 sbk-bl.top 办理，逾期停用。"),
    ("", "【ETC服务】您的ETC卡已失效，请点击 etc-rz.vip 重新认证，否则无法通行。"),
    (
        "",
        "【京东客服】您好，您的快递在运输途中丢失，我们将为您三倍理赔，请添加客服QQ 3301278845 办理。",
    ),
    (
        "",
        "您好，您在我店购买的面膜检测出质量问题，我们将为您办理双倍退款，请联系客服 17088231456。",
    ),
    ("", "【京东金融】您的学生账户未注销，将影响个人征信，请致电 0311-85201177 办理注销。"),
    ("", "您的百万医疗保障免费期已结束，将按月自动扣费599元，如需关闭请致电 4008-201-337。"),
    ("", "征信修复，专业消除逾期记录，先做后付，成功率99%，详询微信 zx-xf2026。"),
    (
        "",
        "【钱包金融】您申请的8万元贷款已审核通过，因银行卡号填写错误资金被冻结，请缴纳解冻费2000元后放款。",
    ),
    ("", "您的贷款已到账，但流水不足无法提现，请先转入认证金5000元刷流水，完成后可一并提现。"),
    ("", "您好，刚才不小心把验证码发到您手机上了，麻烦把收到的6位数字告诉我一下，谢谢。"),
    (
        "",
        "【中国人民银行】您名下账户涉嫌洗钱，需将资金转入安全账户配合调查，请联系王警官 0086-21-55662211。",
    ),
    ("", "【金融监管总局】您的网贷账户利率超标需注销，请下载会议软件配合客服操作，否则影响征信。"),
    (
        "",
        "【XX市公安局】您涉嫌一起诈骗案，已被立案调查，请于今日联系办案民警 13366778899 核实，否则将冻结名下资产。",
    ),
    ("", "小张，我是王局长，明天上午来我办公室一趟。"),
    (
        "",
        "我是王局长，在外地开会不方便接电话，有个急事，你先帮我转3万元给这个账户 6222 0210 0011 2233，户名刘敏。",
    ),
    (
        "",
        "爸，我手机坏了，这是同学的手机，学校要交资料费1800元，你转到这个卡上 6217 0030 2211 4455。",
    ),
    ("", "房东您好，我换了银行卡，本月房租请打到这个新账户：农行 6228 4800 1122 3344，户名赵刚。"),
    ("", "【中国邮政】您的包裹因地址不详无法派送，请点击 ems-dz.top 更新地址信息。"),
    ("", "【交管12123】您的车辆有违章未处理，罚款200元，请登录 wz-12123.cc 缴纳。"),
    ("", "【医保局】您的医保卡已停用，请点击 yb-jh.cn 重新激活，逾期作废。"),
    ("", "【招聘】在家兼职刷单，日结200-500元，先垫付后返佣，加微信 sd-jz888 咨询。"),
    (
        "",
        "恭喜您被《奔跑吧》节目组抽中为幸运观众，获得奖金98000元及笔记本电脑，请登录 pb-hd.cn 领取，需先缴纳个人所得税。",
    ),
    (
        "",
        "【XX律师事务所】您拖欠的京东白条已移交我所，将于48小时内向法院起诉，请立即联系 13599887766 处理，否则后果自负。",
    ),
    (
        "",
        "【法院通知】您因网贷逾期已被列为被告，传票已送达，请于今日18点前缴纳诉讼保全费3000元至指定账户，否则强制执行。",
    ),
    (
        "",
        "【调解中心】您的借呗逾期案件已进入调解程序，请添加调解员微信 tj-zx009，缴纳调解服务费后可免于起诉。",
    ),
    ("", "【法务部】您的花呗欠款已逾期，我部将通知您的家人和单位，并派人上门核实，请立即处理。"),
    ("", "您好，您的航班CZ3456因机械故障取消，请联系客服 4006-552-118 办理改签，可获300元补偿。"),
    ("", "【中国移动】尊敬的客户，您的积分即将清零，可兑换现金礼包，请登录 10086-jf.cc 领取。"),
    ("", "亲，您在我们平台的订单因系统问题重复扣款，请添加退款专员QQ 2908871234 办理退款。"),
    (
        "",
        "妈，我是小明，我在外面出了车祸，急需5万元手术费，你先转到医生的卡上 6217 8800 1234 5678，别告诉爸。",
    ),
    ("", "恭喜您获得平台返利红包888元，请下载APP http://hb-fl.top/app.apk 领取。"),
    ("", "【国家反诈中心】您的手机号存在涉诈风险，将于2小时内停机，请点击 fz-jc.cn 解除。"),
    (
        "",
        "【信用卡中心】您的信用卡已逾期，将上报征信，请扫描二维码还款或转账至6222 0010 9988 7766。",
    ),
]


def _cases() -> list[tuple[str | None, str]]:
    out: list[tuple[str | None, str]] = []
    for sender, text in SCAMS:
        out.append((MOBILE, text))
        out.append((sender or None, text))
    return out


@pytest.mark.parametrize(("sender", "text"), _cases())
def test_complete_scam_is_flagged(sender: str | None, text: str) -> None:
    v = smscheck.check(text, sender=sender, received_at=WHEN, locale="zh-CN")
    assert v.label.value != "legitimate", f"{text} from {sender}"


def test_most_complete_scams_are_forged() -> None:
    """Beyond flagged: a complete scam carries enough tells to be called forged. A few openers
    (a boss's summons before any request) stay suspicious; the table may hold at most three."""
    soft = [
        t
        for s, t in SCAMS
        if smscheck.check(t, sender=MOBILE, received_at=WHEN, locale="zh-CN").label.value
        != "forged"
    ]
    assert len(soft) <= 3, soft
