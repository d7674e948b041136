#!/usr/bin/env python3
"""Writes the labelled detector corpus (src/test/resources/corpus/*.txt), reproducibly (seeded).

One sentence per line; a sensitive value is marked [[TYPE:value]]; '\\n' inside a value stands for a
line break (PEM blocks). Lines without marks are negatives, many of them hard ones (order numbers,
timestamps, versions, ISBNs, phone-like numbers that are not phones). Values are synthetic: card
numbers pass Luhn, IBANs mod 97, Chinese ids their check character, but none belongs to anyone.
Run: platform/privacy/bench/make_corpus.py (python3, standard library only).
"""
import base64
import json
import os
import random
import string

R = random.Random(16)
OUT = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "corpus")
B62 = string.ascii_letters + string.digits


def m(t, v):
    return "[[%s:%s]]" % (t, v.replace("\n", "\\n"))


def rnd(alphabet, n):
    return "".join(R.choice(alphabet) for _ in range(n))


# ---------- values ----------
FIRST = ["anna", "li.wei", "john", "maria", "k.tanaka", "omar", "sofia", "wang.fang", "peter", "zoe", "dev", "chen"]
DOMAINS = ["example.com", "mail.example.org", "company.co.uk", "qq.com", "163.com", "uni-heidelberg.de", "corp.example.net", "gmail.com"]


def email():
    local = R.choice(FIRST) + R.choice(["", "+news", "_" + str(R.randint(1, 99)), "." + R.choice(FIRST), str(R.randint(70, 99))])
    e = local + "@" + R.choice(DOMAINS)
    return e.upper() if R.random() < 0.05 else e


US_AREAS = ["212", "415", "646", "310", "617", "312", "206", "512", "303", "404", "202", "718"]


def us_phone():
    a, ex, ln = R.choice(US_AREAS), str(R.randint(2, 9)) + "%02d" % R.randint(20, 99), "%04d" % R.randint(0, 9999)
    if ex == "555":
        ex = "556"
    return R.choice(["(%s) %s-%s", "%s-%s-%s", "%s.%s.%s", "+1 %s %s %s", "+1-%s-%s-%s"]) % (a, ex, ln)


def cn_mobile():
    p = R.choice(["138", "139", "150", "186", "177", "199", "135", "158", "181", "136"])
    d = "%08d" % R.randint(0, 99999999)
    return R.choice([p + d, p + " " + d[:4] + " " + d[4:], p + "-" + d[:4] + "-" + d[4:],
                     "+86 " + p + " " + d[:4] + " " + d[4:], "+86-" + p + d])


def cn_landline():
    area, n = R.choice([("010", 8), ("021", 8), ("0755", 8), ("0571", 8), ("020", 8), ("028", 8)])
    d = str(R.randint(2, 8)) + "".join(R.choice(string.digits) for _ in range(n - 1))
    return R.choice(["%s-%s" % (area, d), "(%s) %s %s" % (area, d[:4], d[4:]), "+86 %s %s" % (area[1:], d)])


def intl_phone():
    return R.choice([
        "+44 20 7946 %04d" % R.randint(0, 999), "+44 7400 %06d" % R.randint(100000, 999999),
        "+49 30 %08d" % R.randint(20000000, 89999999), "+33 1 42 68 %02d %02d" % (R.randint(10, 99), R.randint(10, 99)),
        "+81 3-%04d-%04d" % (R.randint(1000, 9999), R.randint(1000, 9999)), "+61 2 9%03d %04d" % (R.randint(100, 999), R.randint(0, 9999))])


def phone():
    return R.choice([us_phone, us_phone, cn_mobile, cn_landline, intl_phone])()


W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def cn_id():
    region = R.choice(["110101", "310104", "440305", "330106", "510107", "420102", "320102"])
    body = region + "%04d%02d%02d" % (R.randint(1950, 2005), R.randint(1, 12), R.randint(1, 28)) + "%03d" % R.randint(0, 999)
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, W)) % 11]


def ssn():
    a = R.choice([x for x in range(1, 900) if x != 666])
    return "%03d-%02d-%04d" % (a, R.randint(1, 99), R.randint(1, 9999))


def luhn_complete(prefix, length):
    body = prefix + "".join(R.choice(string.digits) for _ in range(length - len(prefix) - 1))
    total = 0
    for i, c in enumerate(reversed(body)):
        d = int(c)
        if i % 2 == 0:
            d *= 2
            d = d - 9 if d > 9 else d
        total += d
    return body + str((10 - total % 10) % 10)


def card():
    kind = R.choice(["visa", "mc", "mc2", "amex", "disc", "unionpay", "jcb"])
    num = {"visa": lambda: luhn_complete("4", 16), "mc": lambda: luhn_complete(str(R.randint(51, 55)), 16),
           "mc2": lambda: luhn_complete(str(R.randint(2221, 2720)), 16), "amex": lambda: luhn_complete(R.choice(["34", "37"]), 15),
           "disc": lambda: luhn_complete("6011", 16), "unionpay": lambda: luhn_complete("62" + str(R.randint(10, 99)), 16),
           "jcb": lambda: luhn_complete("35" + str(R.randint(28, 89)), 16)}[kind]()
    style = R.random()
    if kind == "amex" and style < 0.5:
        return num[:4] + " " + num[4:10] + " " + num[10:]
    if style < 0.4:
        return " ".join(num[i:i + 4] for i in range(0, len(num), 4))
    if style < 0.6:
        return "-".join(num[i:i + 4] for i in range(0, len(num), 4))
    return num


def iban_check(country, bban):
    digits = "".join(str(int(c, 36)) for c in bban + country + "00")
    return "%02d" % (98 - int(digits) % 97)


def iban():
    country, bban = R.choice([
        ("DE", lambda: rnd(string.digits, 18)), ("GB", lambda: rnd(string.ascii_uppercase, 4) + rnd(string.digits, 14)),
        ("FR", lambda: rnd(string.digits, 23)), ("NL", lambda: rnd(string.ascii_uppercase, 4) + rnd(string.digits, 10)),
        ("ES", lambda: rnd(string.digits, 20)), ("IT", lambda: "X" + rnd(string.digits, 10) + rnd(string.digits, 12))])
    bban = bban()
    if country == "FR":
        bban = bban[:21] + "%02d" % R.randint(0, 99)
    value = country + iban_check(country, bban) + bban
    return " ".join(value[i:i + 4] for i in range(0, len(value), 4)) if R.random() < 0.6 else value


def ipv4():
    return R.choice(["%d.%d.%d.%d" % (R.randint(1, 223), R.randint(0, 255), R.randint(0, 255), R.randint(1, 254)),
                     "192.168.%d.%d" % (R.randint(0, 255), R.randint(1, 254)), "10.%d.%d.%d" % (R.randint(0, 255), R.randint(0, 255), R.randint(1, 254))])


def ipv6():
    h = lambda: "%x" % R.randint(1, 0xffff)
    return R.choice(["2001:db8::%s" % h(), "fe80::%s:%s:%s:%s" % (h(), h(), h(), h()), ":".join(h() for _ in range(8)),
                     "2001:db8:%s:%s::%s" % (h(), h(), h()), "::ffff:192.0.2.%d" % R.randint(1, 254)])


def ip():
    return ipv4() if R.random() < 0.6 else ipv6()


def b64url(obj):
    return base64.urlsafe_b64encode(json.dumps(obj, separators=(",", ":")).encode()).decode().rstrip("=")


def secret():
    k = R.choice(["sk", "skproj", "akia", "ghp", "jwt", "pem", "aws_secret", "generic", "slack"])
    if k == "sk":
        return "sk-" + rnd(B62, 48)
    if k == "skproj":
        return "sk-proj-" + rnd(B62 + "_-", 64)
    if k == "akia":
        return "AKIA" + rnd(string.ascii_uppercase + string.digits, 16)
    if k == "ghp":
        return "ghp_" + rnd(B62, 36)
    if k == "slack":
        return "xoxb-" + rnd(string.digits, 11) + "-" + rnd(string.digits, 12) + "-" + rnd(B62, 24)
    if k == "jwt":
        return b64url({"alg": "HS256", "typ": "JWT"}) + "." + b64url({"sub": str(R.randint(1, 10 ** 9)), "name": R.choice(FIRST), "iat": R.randint(1.6e9, 1.8e9)}) + "." + rnd(B62 + "_-", 43)
    if k == "pem":
        body = "\n".join(rnd(B62 + "+/", 64) for _ in range(3))
        return "-----BEGIN RSA PRIVATE KEY-----\n" + body + "\n-----END RSA PRIVATE KEY-----"
    if k == "aws_secret":
        return rnd(B62 + "+/", 40)
    return rnd(B62, R.choice([24, 32, 40]))


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]


def dob_en():
    y, mo, d = R.randint(1940, 2010), R.randint(1, 12), R.randint(1, 28)
    return R.choice(["%d-%02d-%02d" % (y, mo, d), "%02d/%02d/%d" % (mo, d, y), "%s %d, %d" % (MONTHS[mo - 1], d, y), "%d %s %d" % (d, MONTHS[mo - 1], y), "%02d.%02d.%d" % (d, mo, y)])


def dob_zh():
    y, mo, d = R.randint(1940, 2010), R.randint(1, 12), R.randint(1, 28)
    return R.choice(["%d年%d月%d日" % (y, mo, d), "%d-%02d-%02d" % (y, mo, d)])


STREETS = ["Main", "Oak", "Maple", "Elm Park", "Mission", "Market", "Lincoln", "Sunset", "Baker", "High"]
SUFFIX = ["Street", "St", "Avenue", "Ave", "Road", "Rd", "Boulevard", "Lane", "Drive", "Way"]
CITIES = [("Springfield", "IL"), ("Austin", "TX"), ("Portland", "OR"), ("San Francisco", "CA"), ("Boston", "MA")]


def address_en():
    c, s = R.choice(CITIES)
    base = "%d %s %s" % (R.randint(1, 9999), R.choice(STREETS), R.choice(SUFFIX))
    return R.choice([base, base + ", " + c + ", " + s + " %05d" % R.randint(10000, 99999), base + ", Apt " + str(R.randint(1, 40)), base + ", " + c])


ZH_PLACES = [("北京市", "朝阳区", "建国路"), ("上海市", "浦东新区", "世纪大道"), ("广东省深圳市", "南山区", "科技园路"), ("浙江省杭州市", "西湖区", "文三路"), ("四川省成都市", "武侯区", "人民南路"), ("北京市", "海淀区", "中关村大街")]


def address_zh():
    p, d, r = R.choice(ZH_PLACES)
    base = "%s%s%s%d号" % (p, d, r, R.randint(1, 999))
    return R.choice([base, base + "%d栋%d室" % (R.randint(1, 20), R.randint(101, 2505)), "%s%d号" % (r, R.randint(1, 999)), d + r + "%d号" % R.randint(1, 300)])


EN_NAMES = ["Alice Johnson", "Robert Chen", "Maria Garcia", "James Smith", "Priya Patel", "David Kim", "Emma Brown", "Lucas Meyer"]
ZH_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林"
ZH_GIVEN = ["伟", "芳", "娜", "敏", "静", "磊", "洋", "勇", "艳", "杰", "小明", "建国", "丽华", "志强", "雪梅"]


def name_zh():
    return R.choice(ZH_SURNAMES) + R.choice(ZH_GIVEN)


# ---------- templates ----------
EN_POS = {
    "EMAIL": ["Please email me at {} when the report is ready.", "My work address is {}.", "Contact: {}", "Send the invoice to {} before Friday.", "You can reach our support team via {} or chat.", "cc {} on the thread please"],
    "PHONE": ["Call me on {} after 6pm.", "My mobile number is {}.", "Reach the front desk at {}.", "Her new number: {}", "If it's urgent, text {}.", "The clinic's phone is {} and it opens at nine."],
    "CN_RESIDENT_ID": ["My Chinese ID number is {}.", "Passenger ID: {}", "For the hotel check-in I used ID {}.", "Resident identity card {} was scanned at the airport."],
    "US_SSN": ["My SSN is {}.", "Social security number {} is on the W-2.", "The form asked for the SSN ({}) again.", "Employee record: SSN {}, start date next Monday."],
    "PAYMENT_CARD": ["Charge it to my card {} please.", "The Visa ending in this number, {}, was declined.", "Card number: {} exp 09/28", "I paid with {} at the airport.", "Use the company card {} for travel."],
    "IBAN": ["Wire the deposit to IBAN {}.", "My bank account is {} at Deutsche Bank.", "Beneficiary IBAN: {}", "Refunds go to {} within five days."],
    "IP_ADDRESS": ["The server at {} keeps timing out.", "Login attempt from {} was blocked.", "SSH into {} and restart nginx.", "My home router's address is {}.", "Whitelist {} in the firewall."],
    "SECRET": ["Here is the API key: {}", "export OPENAI_API_KEY={}", "The deploy token is {} so keep it safe.", "Authorization: Bearer {}", "I pasted {} into the config by mistake.", "aws_secret_access_key = {}"],
}
EN_SOFT = {
    "DATE_OF_BIRTH": (dob_en, ["I was born on {}.", "Date of birth: {}", "My daughter's birthday is {}.", "DOB {} per the passport.", "He was born {} in Ohio."]),
    "POSTAL_ADDRESS": (address_en, ["I live at {}.", "Ship it to {} please.", "Our office moved to {} last month.", "The party is at {} on Saturday."]),
    "PERSON_NAME": (lambda: R.choice(EN_NAMES), ["My name is {}.", "I had lunch with Dr. {} today.", "Mr. {} will join the call.", "Our new manager is called {}.", "Yesterday {} reviewed my code.", "Please forward this to {} in accounting."]),
}
ZH_POS = {
    "EMAIL": ["我的邮箱是{}，有事发邮件。", "请把报告发到{}。", "联系邮箱：{}"],
    "PHONE": ["我的手机号是{}，随时打给我。", "有问题请拨打{}。", "公司前台电话{}。", "他的新号码是{}。", "快递员电话：{}"],
    "CN_RESIDENT_ID": ["我的身份证号是{}。", "身份证号码：{}", "乘客证件号{}已核验。", "办理入住时登记了身份证{}。"],
    "US_SSN": ["他的美国社会安全号是{}。"],
    "PAYMENT_CARD": ["我的银行卡号是{}。", "用信用卡{}支付了房费。", "卡号：{}，有效期到2028年。"],
    "IBAN": ["请汇款到德国账户 IBAN {}。", "收款账号（IBAN）：{}"],
    "IP_ADDRESS": ["服务器地址是{}，无法连接。", "来自{}的登录被拦截了。", "请把{}加入白名单。"],
    "SECRET": ["我的API密钥是{}，别泄露。", "配置文件里写了 token={} 需要删掉。", "密钥：{}"],
}
ZH_SOFT = {
    "DATE_OF_BIRTH": (dob_zh, ["我出生于{}。", "我的生日是{}。", "出生日期：{}", "孩子是{}出生的。"]),
    "POSTAL_ADDRESS": (address_zh, ["我住在{}。", "收货地址：{}", "公司搬到了{}。", "请寄到{}。"]),
    "PERSON_NAME": (name_zh, ["我叫{}，是一名工程师。", "联系人：{}", "姓名：{}", "今天和{}一起吃饭了。", "收件人：{}"]),
}
GEN = {"EMAIL": email, "PHONE": phone, "CN_RESIDENT_ID": cn_id, "US_SSN": ssn, "PAYMENT_CARD": card, "IBAN": iban, "IP_ADDRESS": ip, "SECRET": secret}


def hard_negatives_en():
    d = lambda n: rnd(string.digits, n)
    return [
        "Order #%s has shipped." % d(12), "Your order number is %s." % d(16), "Invoice INV-2024-%s is overdue." % d(6),
        "Tracking number 1Z%s%s" % (rnd(string.ascii_uppercase + string.digits, 6), d(10)),
        "The job finished at 2024-%02d-%02d %02d:%02d:%02d UTC." % (R.randint(1, 12), R.randint(1, 28), R.randint(0, 23), R.randint(0, 59), R.randint(0, 59)),
        "Timestamp %d in the log line." % R.randint(1600000000000, 1800000000000), "Epoch seconds: %d" % R.randint(1600000000, 1800000000),
        "Upgraded to version %d.%d.%d.%d yesterday." % (R.randint(1, 20), R.randint(0, 20), R.randint(0, 99), R.randint(0, 9999)),
        "Running Windows build 10.0.%d.%d now." % (R.randint(10000, 22999), R.randint(100, 4000)),
        "Python %d.%d.%d fixed the bug." % (3, R.randint(8, 13), R.randint(0, 12)),
        "ISBN 978-%d-%02d-%06d-%d is the second edition." % (R.randint(0, 9), R.randint(10, 99), R.randint(0, 999999), R.randint(0, 9)),
        "ISBN-13: 978%s" % d(10), "The meeting room is %d and the code is %s." % (R.randint(100, 999), d(6)),
        "Reference %s-%s-%s on the ticket." % (d(2), d(3), d(3)), "The ZIP is %05d-%04d." % (R.randint(10000, 99999), R.randint(0, 9999)),
        "It costs $%d,%03d.%02d in total." % (R.randint(1, 999), R.randint(0, 999), R.randint(0, 99)),
        "Coordinates %.4f, %.4f mark the trailhead." % (R.uniform(-80, 80), R.uniform(-170, 170)),
        "Pi is about 3.14159265358979 and e is 2.718281828.", "Commit %s fixed the flaky test." % rnd("0123456789abcdef", 40),
        "Request id %s-%s-%s-%s-%s failed." % (rnd("0123456789abcdef", 8), rnd("0123456789abcdef", 4), rnd("0123456789abcdef", 4), rnd("0123456789abcdef", 4), rnd("0123456789abcdef", 12)),
        "SHA-256 digest %s matches." % rnd("0123456789abcdef", 64), "The meeting is on %s, don't be late." % dob_en(),
        "We launched on %s with ten customers." % dob_en(), "Serial number SN%s is under warranty." % d(10),
        "Extension %d connects to billing." % R.randint(1000, 9999), "Account balance: %s.%02d" % (d(7), R.randint(0, 99)),
        "The part number is %s-%s." % (d(5), d(4)), "Call the getUserAccountSettingsById method instead.",
        "The file is at /var/lib/membank/data/segments_%d." % R.randint(1, 99), "Use the field CustomerLifetimeValueScore2024 in the report.",
        "Build %s passed all checks." % d(8), "Flight CA%d departs at %02d:%02d." % (R.randint(100, 9999), R.randint(0, 23), R.randint(0, 59)),
        "The package weighs %d.%d kg and measures 30x20x10 cm." % (R.randint(1, 50), R.randint(0, 9)),
        "Ratio 16:9 at 1920x1080, refresh 144Hz.", "Score was 3:1 at halftime, 10:30 kickoff.",
        "My favourite number is %s." % d(R.randint(5, 9)), "The lottery numbers were %s." % " ".join(str(R.randint(1, 49)) for _ in range(6)),
        "Temperature rose to %d.%d degrees at 14:%02d." % (R.randint(10, 40), R.randint(0, 9), R.randint(0, 59)),
        "Patch KB%s installed." % d(7), "Docker image sha256:%s pulled." % rnd("0123456789abcdef", 64),
        "The password policy requires twelve characters.", "I forgot my password again, reset it please.",
        "Population was %s,%03d,%03d in the census." % (R.randint(1, 99), R.randint(0, 999), R.randint(0, 999)),
        "Version string v%d.%d.%d-rc.%d" % (R.randint(0, 9), R.randint(0, 20), R.randint(0, 30), R.randint(1, 9)),
        "Go to aisle %d, shelf %d, bin %s." % (R.randint(1, 40), R.randint(1, 10), d(4)),
    ]


def hard_negatives_zh():
    d = lambda n: rnd(string.digits, n)
    return [
        "订单号：%s，已发货。" % d(18), "订单编号%s请核对。" % d(16), "快递单号SF%s正在派送。" % d(12),
        "会议时间是%d年%d月%d日下午三点。" % (R.randint(2020, 2026), R.randint(1, 12), R.randint(1, 28)),
        "日志时间 2024-%02d-%02d %02d:%02d:%02d 出现报错。" % (R.randint(1, 12), R.randint(1, 28), R.randint(0, 23), R.randint(0, 59), R.randint(0, 59)),
        "版本号 %d.%d.%d.%d 已经发布。" % (R.randint(1, 9), R.randint(0, 9), R.randint(0, 99), R.randint(0, 999)),
        "ISBN 978-7-%03d-%05d-%d 是这本书的编号。" % (R.randint(100, 999), R.randint(0, 99999), R.randint(0, 9)),
        "房间号%d，密码锁已经换了。" % R.randint(100, 3000), "价格是%d元，包邮。" % R.randint(10, 99999), "工号%s已登记。" % d(8),
        "发票号码%s已开具。" % d(8), "发票代码%s。" % d(12), "航班CA%d晚点了。" % R.randint(100, 9999), "时间戳%d写入数据库。" % R.randint(1600000000000, 1800000000000),
        "第%d期的中奖号码是%s。" % (R.randint(1, 200), " ".join(str(R.randint(1, 33)) for _ in range(6))),
        "他跑了%d.%d公里，用时%d分%d秒。" % (R.randint(1, 42), R.randint(0, 9), R.randint(10, 300), R.randint(0, 59)),
        "邮编%06d，属于朝阳区。" % R.randint(100000, 999999), "商品编码%s。" % d(13), "批次号%s-%s。" % (d(8), d(4)),
        "提交%s修复了问题。" % rnd("0123456789abcdef", 40), "我今天去了北京，天气很好。", "张家界的风景很美。",
        "他说明天会议改到十点。", "这个季度的营收增长了%d.%d%%。" % (R.randint(1, 60), R.randint(0, 9)),
        "车牌号是京A%s。" % rnd(string.ascii_uppercase + string.digits, 5), "银行客服热线很难打通。",
    ]


def build(pos, soft, negatives, n_pos_each, n_soft_each, n_neg_rounds):
    lines = []
    for t, templates in pos.items():
        for _ in range(n_pos_each if len(templates) > 1 else max(3, n_pos_each // 4)):
            lines.append(R.choice(templates).format(m(t, GEN[t]())))
    for t, (gen, templates) in soft.items():
        for _ in range(n_soft_each):
            lines.append(R.choice(templates).format(m(t, gen())))
    # Sentences with two values of different types, as real notes have.
    types = list(pos)
    for _ in range(n_pos_each):
        a, b = R.sample(types, 2)
        lines.append(R.choice(pos[a]).format(m(a, GEN[a]())) + " " + R.choice(pos[b]).format(m(b, GEN[b]())))
    for _ in range(n_neg_rounds):
        lines.extend(negatives())
    R.shuffle(lines)
    return lines


def main():
    os.makedirs(OUT, exist_ok=True)
    en = build(EN_POS, EN_SOFT, hard_negatives_en, 28, 22, 6)
    zh = build(ZH_POS, ZH_SOFT, hard_negatives_zh, 16, 16, 6)
    for name, lines in (("en", en), ("zh", zh)):
        with open(os.path.join(OUT, "corpus-%s.txt" % name), "w", encoding="utf-8") as f:
            f.write("# Generated by platform/privacy/bench/make_corpus.py; values are synthetic. [[TYPE:value]] marks a value.\n")
            f.write("\n".join(lines) + "\n")
        print(name, len(lines), "sentences")


if __name__ == "__main__":
    main()
