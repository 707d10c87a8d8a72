"""Models built without re-validation (speed pass) are the objects pydantic would build.

Payments, contacts, links, signatures and the sender build their result models with
``sender.prebuilt``; each must equal, field for field, in ``__dict__`` order and in its set of
given fields, the model validated from the fields it says were given.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

from _models_helpers import assert_as_validated

from smscheck import parse
from smscheck.parser.sender import classify_sender

CORPUS = Path(__file__).resolve().parent.parent / "bench" / "corpus.jsonl"
_AT = datetime(2024, 12, 13, 20, 46, tzinfo=timezone.utc)

_EXTRA = [
    "请转账至安全账户6222 0212 3456 7890 128，户名张三，开户行中国工商银行北京分行",
    "卡号6222****1234，收款人李四",
    "加微信abc_12345或QQ:123456789，邮箱a.b@example.com，whatsapp: +1 202 555 0123",
    "【京东金融】请登录https://jd.com/pay?x=1或 http://xn--fiqs8s.cn 或 јd.com/a 还款，客服95118",
    "Send bitcoin to 1BoatSLRHtKNngkdXEeobR76b6W9jBuVS9 or buy iTunes gift cards",
    "[Notice] call (202) 555-0123, reply STOP",
]


def test_prebuilt_items_equal_validated_ones() -> None:
    texts = [json.loads(line)["text"] for line in CORPUS.read_text("utf-8").splitlines() if line]
    seen = set()
    for text in texts + _EXTRA:
        p = parse(text, received_at=_AT)
        for field in ("payment_instructions", "links", "phone_numbers", "handles", "signatures"):
            for item in getattr(p, field):
                assert_as_validated(item)
                seen.add(field)
    assert len(seen) == 5


def test_prebuilt_sender() -> None:
    for raw in (
        None,
        "",
        "10086",
        "106980095533",
        "+852 6123 4567",
        "a@b.cn",
        "微信公众号：京东白条",
    ):
        s = classify_sender(raw)
        assert_as_validated(s)
        assert s.raw == raw

    class Str(str):
        pass

    s = classify_sender(Str("10086"))
    assert type(s.raw) is str
    assert s.kind == "short_code"


def test_phoneish_ascii_class_is_the_regex_one_on_ascii() -> None:
    from smscheck.parser import sender

    for c in map(chr, range(128)):
        assert bool(sender._PHONEISH.fullmatch(c)) == bool(sender._PHONEISH_ASCII.fullmatch(c)), c
