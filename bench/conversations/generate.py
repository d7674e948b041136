#!/usr/bin/env python3
"""Generates bench/conversations/dataset.json: a labelled set of multi-session conversations
between named people, English and Chinese, with questions labelled by their evidence messages.

Written for this project (templates and paraphrases below, fictional people; no external text).
Seeded: the same seed gives the same file byte for byte, and the output is checked in next to
this script (`--check` fails when it differs, so a template change must be regenerated).

Each conversation is between two people (A and B) over 3-4 sessions a few weeks apart. Each
person states facts drawn from fact kinds (where they live, work, a pet, a sibling, a liked food,
a disliked thing, a favourite, a trip on a relative date, a plan, a purchase, a job change), in
paraphrased wordings, interleaved with greetings, reactions and courtesies that hold no fact;
some facts come as the answer to the other person's question ("Where do you live now?" / "Lisbon,
near the river.") or with a sentence that does not stand alone ("It's special to me.").

Question categories: single_hop (one message answers it), multi_hop (two messages together),
temporal (when; the answer is a date resolved from the session date), preference (likes,
dislikes, favourites) and unanswerable (about something never said: evidence []). Every
question has `lang` (the question's language) and `cross` (true when it is asked in the other
language than the conversation's: EN questions over Chinese conversations and the reverse;
reported apart from the per-language rows).

Usage: bench/conversations/generate.py [--seed 22] [--out bench/conversations/dataset.json]
       bench/conversations/generate.py --check
"""
import datetime as dt
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import labelled_set  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
VERSION = 1

EN_NAMES = ["Maya", "Daniel", "Priya", "Tom", "Lena", "Marcus", "Sofia", "Owen", "Hannah",
            "Felix", "Grace", "Jonah", "Clara", "Ethan", "Nora", "Leo", "Ruby", "Adam",
            "Isla", "Victor", "Zoe", "Caleb", "Ivy", "Simon"]
ZH_NAMES = ["王芳", "李明", "张伟", "刘洋", "陈静", "杨磊", "赵丽", "黄勇", "周婷", "吴强",
            "徐娜", "孙浩", "马琳", "朱军", "胡雪", "郭涛", "何欣", "林峰", "高敏", "罗杰",
            "梁佳", "宋宇", "郑爽", "谢晨"]

EN = {
    "cities": ["Lisbon", "Porto", "Denver", "Glasgow", "Toronto", "Auckland", "Hamburg",
               "Valencia", "Seattle", "Dublin", "Melbourne", "Montreal", "Bristol", "Austin",
               "Utrecht", "Bergen", "Kraków", "Osaka"],
    "trips": ["Kyoto", "Iceland", "the Scottish Highlands", "Marrakesh", "Banff", "Crete",
              "the Amalfi coast", "Patagonia", "Cape Town", "Vienna", "Hanoi", "Tasmania",
              "the Lake District", "Santorini", "Yosemite", "Seoul"],
    "jobs": [("nurse", "St Mary's Hospital"), ("software engineer", "Brightloop"),
             ("teacher", "Oakfield Primary"), ("architect", "Hollis & Grant"),
             ("pharmacist", "Greenleaf Pharmacy"), ("data analyst", "Northwind Insurance"),
             ("chef", "The Copper Pot"), ("physiotherapist", "Motion Clinic"),
             ("accountant", "Baker Ellis"), ("graphic designer", "Pixelmint"),
             ("librarian", "the city library"), ("electrician", "Sparks & Sons")],
    "pets": [("dog", "Biscuit"), ("cat", "Miso"), ("dog", "Pepper"), ("cat", "Luna"),
             ("rabbit", "Clover"), ("parrot", "Kiwi"), ("dog", "Bruno"), ("cat", "Tofu"),
             ("hamster", "Peanut"), ("dog", "Juniper")],
    "siblings": [("sister", "Emma"), ("brother", "Lucas"), ("sister", "Chloe"),
                 ("brother", "Ryan"), ("sister", "Alice"), ("brother", "Max"),
                 ("sister", "Julia"), ("brother", "Sam")],
    "foods": ["spicy Thai curry", "fresh sushi", "wood-fired pizza", "Ethiopian injera",
              "homemade ramen", "Greek salad", "Korean fried chicken", "mushroom risotto",
              "lemon tart", "dark chocolate"],
    "dislikes": ["olives", "horror films", "crowded beaches", "black coffee", "jazz",
                 "cold weather", "cilantro", "reality TV", "early mornings", "karaoke"],
    "fav_kinds": [("book", ["Dune", "Middlemarch", "The Hobbit", "Beloved", "Emma",
                            "Rebecca"]),
                  ("band", ["Radiohead", "Fleetwood Mac", "Coldplay", "Arcade Fire",
                            "ABBA", "Queen"]),
                  ("sport", ["tennis", "rock climbing", "basketball", "rowing", "cycling",
                             "volleyball"]),
                  ("season", ["autumn", "spring", "winter", "summer"])],
    "items": ["a secondhand piano", "an electric bike", "a film camera", "a sofa",
              "a telescope", "a sewing machine", "a kayak", "a record player"],
    "plans": ["run the city marathon", "learn to sail", "take a pottery class",
              "visit my grandparents in the countryside", "start a vegetable garden",
              "sit the driving test", "volunteer at the animal shelter",
              "repaint the kitchen"],
    "sib_jobs": ["vet", "pilot", "lawyer", "dentist", "journalist", "firefighter",
                 "professor", "photographer"],
}

ZH = {
    "cities": ["杭州", "成都", "深圳", "南京", "西安", "厦门", "青岛", "武汉", "苏州", "重庆",
               "大连", "昆明", "长沙", "天津", "广州", "合肥", "哈尔滨", "宁波"],
    "trips": ["桂林", "三亚", "丽江", "黄山", "敦煌", "拉萨", "张家界", "九寨沟", "洛阳",
              "喀什", "凤凰古城", "长白山", "乌镇", "鼓浪屿", "峨眉山", "呼伦贝尔"],
    "jobs": [("护士", "市第一医院"), ("程序员", "星河科技"), ("老师", "实验小学"),
             ("建筑师", "华筑设计院"), ("药剂师", "同仁药房"), ("数据分析师", "平安保险"),
             ("厨师", "老街饭馆"), ("会计", "信达会计师事务所"), ("设计师", "青橙工作室"),
             ("记者", "晨报社"), ("电工", "宏达电力"), ("律师", "正义律师事务所")],
    "pets": [("狗", "豆豆"), ("猫", "咪咪"), ("狗", "旺财"), ("猫", "花花"), ("兔子", "雪球"),
             ("鹦鹉", "小绿"), ("狗", "大黄"), ("猫", "橘子"), ("仓鼠", "团团"), ("狗", "黑豆")],
    "siblings": [("姐姐", "小红"), ("哥哥", "大伟"), ("妹妹", "小雨"), ("弟弟", "小军"),
                 ("姐姐", "丽丽"), ("哥哥", "建国"), ("妹妹", "晓晓"), ("弟弟", "阿杰")],
    "foods": ["麻辣火锅", "小笼包", "红烧肉", "兰州拉面", "北京烤鸭", "酸菜鱼", "煎饼果子",
              "糖醋排骨", "桂花糕", "螺蛳粉"],
    "dislikes": ["香菜", "恐怖片", "拥挤的地铁", "苦瓜", "榴莲", "下雨天", "早起", "广场舞",
                 "排队", "臭豆腐"],
    "fav_kinds": [("书", ["红楼梦", "三体", "活着", "围城", "平凡的世界", "边城"]),
                  ("歌手", ["周杰伦", "王菲", "陈奕迅", "邓紫棋", "李健", "朴树"]),
                  ("运动", ["羽毛球", "游泳", "乒乓球", "登山", "篮球", "瑜伽"]),
                  ("季节", ["秋天", "春天", "冬天", "夏天"])],
    "items": ["一台二手钢琴", "一辆电动自行车", "一台胶片相机", "一张新沙发", "一台天文望远镜",
              "一台缝纫机", "一艘皮划艇", "一台黑胶唱机"],
    "plans": ["参加城市马拉松", "学帆船", "报一个陶艺班", "回乡下看望爷爷奶奶", "在阳台种菜",
              "考驾照", "去动物收容所做志愿者", "重新粉刷厨房"],
    "sib_jobs": ["兽医", "飞行员", "律师", "牙医", "记者", "消防员", "教授", "摄影师"],
}

# Relative dates: (English phrase, Chinese phrase, days before the session date, granularity)
RELATIVE = [("yesterday", "昨天", 1, "day"), ("two days ago", "前天", 2, "day"),
            ("last week", "上周", 7, "week"), ("last month", "上个月", 30, "month"),
            ("last year", "去年", 365, "year")]
FUTURE = [("next week", "下周", 7, "week"), ("next month", "下个月", 30, "month")]

EN_GREET = ["Hi {o}! How have you been?", "Hey {o}, good to hear from you!",
            "Hello {o}! It's been a while.", "Hey {o}! How was your week?"]
EN_GREET_BACK = ["Hi {o}! I've been good, thanks.", "Hey! Busy but good.",
                 "Hi {o}, great to chat again.", "Hello! All fine here, thanks for asking."]
EN_REACT = ["That's great to hear!", "Wow, that sounds amazing.", "Oh nice!",
            "I'm so happy for you!", "That's really cool.", "Good for you!", "Haha, I love that.",
            "I'm rooting for you!", "Thanks for sharing that with me.", "Sounds lovely."]
EN_BYE = ["Talk soon, take care!", "Bye for now!", "I have to run, catch you later!",
          "Good night, {o}!", "Let's catch up again soon."]
EN_COURTESY = ["I'm always here for you, {o}.", "I'm staying positive.",
               "Thanks, that means a lot.", "I hope you have a great weekend!"]
ZH_GREET = ["{o}，最近怎么样？", "嗨{o}，好久不见！", "{o}你好！这周过得如何？", "哈喽{o}！"]
ZH_GREET_BACK = ["挺好的，谢谢！", "还不错，就是有点忙。", "{o}你好，很高兴又聊天了。", "一切都好，谢谢关心。"]
ZH_REACT = ["太好了！", "哇，听起来真棒。", "不错啊！", "真替你高兴！", "好厉害。", "哈哈，我喜欢。",
            "加油！", "谢谢你跟我分享。", "听起来很美好。", "真羡慕你。"]
ZH_BYE = ["回头聊，保重！", "先这样，再见！", "我得走了，下次聊！", "晚安，{o}！", "改天再聊。"]
ZH_COURTESY = ["我一直都在，{o}。", "我会保持乐观的。", "谢谢，这对我很重要。", "祝你周末愉快！"]


def facts_en(p, r):
    """The facts a person states, as (kind, statements, question forms, answer, extra)."""
    out = []
    city = p["city"]
    job, company = p["job"]
    out.append(("lives_in", [f"I live in {city} now.", f"We've been living in {city} for a few years.",
                             f"My flat is in {city}, close to the old harbour."],
                [f"Where does {p['name']} live?", f"Which city is {p['name']} based in?",
                 f"In which city is {p['name']}'s home?"], city,
                ("Where are you living these days?", f"{city}, near the river.")))
    out.append(("works_at", [f"I work as {article(job)} {job} at {company}.", f"I'm {article(job)} {job} at {company}.",
                             f"These days I'm working at {company} as {article(job)} {job}."],
                [f"What does {p['name']} do for a living?", f"Where does {p['name']} work?",
                 f"What is {p['name']}'s job?"], f"{job} at {company}",
                ("What are you doing for work now?", f"Still at {company}, as {article(job)} {job}.")))
    if p.get("pet"):
        kind, name = p["pet"]
        out.append(("pet", [f"I have a {kind} called {name}.", f"My {kind} {name} is three now.",
                            f"We adopted a {kind} named {name}."],
                    [f"What is the name of {p['name']}'s {kind}?", f"What is {p['name']}'s {kind} called?"],
                    name, None))
    rel, sib = p["sibling"]
    sjob = p["sib_job"]
    out.append(("sibling", [f"My {rel} {sib} is {article(sjob)} {sjob}.", f"My {rel} {sib} works as {article(sjob)} {sjob}."],
                [f"What does {p['name']}'s {rel} do?", f"What is the job of {p['name']}'s {rel}?"],
                sjob, None))
    out.append(("likes", [f"I really love {p['food']}.", f"I could eat {p['food']} every week.",
                          f"Nothing beats {p['food']} for me."],
                [f"What food does {p['name']} enjoy?", f"What does {p['name']} love to eat?"],
                p["food"], None))
    out.append(("dislikes", [f"I can't stand {p['dislike']}.", f"I really don't like {p['dislike']}.",
                             f"Honestly, {p['dislike']} is not for me."],
                [f"What does {p['name']} dislike?", f"What is something {p['name']} can't stand?"],
                p["dislike"], None))
    fk, fv = p["fav"]
    out.append(("favourite", [f"My favourite {fk} is {fv}.", f"{fv} has always been my favourite {fk}."],
                [f"What is {p['name']}'s favourite {fk}?", f"Which {fk} does {p['name']} like best?"],
                fv, None))
    return out


def facts_zh(p, r):
    out = []
    n = p["name"]
    city = p["city"]
    job, company = p["job"]
    out.append(("lives_in", [f"我现在住在{city}。", f"我们在{city}已经住了好几年了。", f"我家在{city}，离老城区很近。"],
                [f"{n}住在哪个城市？", f"{n}现在在哪里生活？", f"{n}的家在哪里？"], city,
                ("你现在住在哪儿？", f"{city}，在江边。")))
    out.append(("works_at", [f"我在{company}当{job}。", f"我是{company}的{job}。", f"我现在在{company}做{job}。"],
                [f"{n}是做什么工作的？", f"{n}在哪里上班？", f"{n}的职业是什么？"], f"{company}{job}",
                ("你现在做什么工作？", f"还在{company}，做{job}。")))
    if p.get("pet"):
        kind, name = p["pet"]
        out.append(("pet", [f"我养了一只{kind}，叫{name}。", f"我家的{kind}{name}三岁了。"],
                    [f"{n}的{kind}叫什么名字？", f"{n}养的{kind}叫什么？"], name, None))
    rel, sib = p["sibling"]
    sjob = p["sib_job"]
    out.append(("sibling", [f"我{rel}{sib}是一名{sjob}。", f"我的{rel}{sib}在做{sjob}。"],
                [f"{n}的{rel}是做什么的？", f"{n}的{rel}从事什么职业？"], sjob, None))
    out.append(("likes", [f"我特别喜欢吃{p['food']}。", f"我每周都想吃{p['food']}。"],
                [f"{n}喜欢吃什么？", f"{n}爱吃什么菜？"], p["food"], None))
    out.append(("dislikes", [f"我最受不了{p['dislike']}。", f"我真的不喜欢{p['dislike']}。"],
                [f"{n}讨厌什么？", f"{n}受不了什么？"], p["dislike"], None))
    fk, fv = p["fav"]
    out.append(("favourite", [f"我最喜欢的{fk}是{fv}。", f"{fv}一直是我最喜欢的{fk}。"],
                [f"{n}最喜欢的{fk}是什么？", f"{n}最爱哪个{fk}？"], fv, None))
    return out


# English forms of the Chinese questions (cross-language: EN question over a ZH conversation) and
# the reverse, for the kinds whose answer is a name or place both scripts share poorly on purpose.
CROSS_EN = {"lives_in": "Which city does {n} live in?", "works_at": "Where does {n} work?",
            "likes": "What food does {n} like?", "pet": "What is the name of {n}'s pet?"}
CROSS_ZH = {"lives_in": "{n}住在哪个城市？", "works_at": "{n}在哪里工作？",
            "likes": "{n}喜欢吃什么？", "pet": "{n}的宠物叫什么名字？"}
CATEGORY = {"lives_in": "single_hop", "works_at": "single_hop", "pet": "single_hop",
            "sibling": "single_hop", "likes": "preference", "dislikes": "preference",
            "favourite": "preference"}


def person(r, lang, name, used):
    pool = EN if lang == "en" else ZH

    def pick(key):
        choices = [c for c in pool[key] if (key, str(c)) not in used] or pool[key]
        c = r.choice(choices)
        used.add((key, str(c)))
        return c

    fk, values = r.choice(pool["fav_kinds"])
    fv = r.choice([v for v in values if ("fav", v) not in used] or values)
    used.add(("fav", fv))
    return {"name": name, "city": pick("cities"), "city2": pick("cities"), "job": pick("jobs"),
            "job2": pick("jobs"), "pet": pick("pets") if r.random() < 0.7 else None,
            "sibling": pick("siblings"), "sib_job": pick("sib_jobs"), "sib_city": pick("cities"),
            "food": pick("foods"), "dislike": pick("dislikes"), "fav": (fk, fv),
            "trips": [pick("trips"), pick("trips")], "item": pick("items"), "plan": pick("plans")}


def fmt_date(d, gran, lang):
    if gran == "day":
        return d.isoformat()
    if gran == "week":
        monday = d - dt.timedelta(days=d.weekday())
        return f"week of {monday.isoformat()}" if lang == "en" else f"{monday.isoformat()}那一周"
    if gran == "month":
        return d.strftime("%B %Y") if lang == "en" else f"{d.year}年{d.month}月"
    return str(d.year) if lang == "en" else f"{d.year}年"


def shifted(day, days, gran, sign=-1):
    if gran == "month":
        m = day.month + sign
        y = day.year + (m - 1) // 12
        m = (m - 1) % 12 + 1
        return dt.date(y, m, 1)
    if gran == "year":
        return dt.date(day.year + sign, 1, 1)
    return day + dt.timedelta(days=sign * days)


def conversation(r, cid, lang, a_name, b_name):
    used = set()
    people = [person(r, lang, a_name, used), person(r, lang, b_name, used)]
    en = lang == "en"
    greet, back, react, bye, court = ((EN_GREET, EN_GREET_BACK, EN_REACT, EN_BYE, EN_COURTESY) if en
                                      else (ZH_GREET, ZH_GREET_BACK, ZH_REACT, ZH_BYE, ZH_COURTESY))
    start = dt.date(2023, 1, 9) + dt.timedelta(days=r.randrange(0, 600))
    n_sessions = r.choice([3, 4])
    dates = [start]
    for _ in range(n_sessions - 1):
        dates.append(dates[-1] + dt.timedelta(days=r.randrange(8, 30)))
    sessions = [{"id": f"{cid}-s{i + 1}", "date": d.isoformat() + "T19:00:00Z", "messages": []}
                for i, d in enumerate(dates)]
    questions = []
    # Facts to place: (speaker index, kind, text(s) with optional lead-in question, question, ...)
    plan = []  # list of (session index, speaker, [texts], question specs)
    for si, p in enumerate(people):
        fs = facts_en(p, r) if en else facts_zh(p, r)
        for kind, statements, qforms, answer, qa in fs:
            if kind in ("works_at",) and r.random() < 0.5:
                continue  # some people get a job change instead (below)
            plan.append({"speaker": si, "kind": kind, "statements": statements, "qforms": qforms,
                         "answer": answer, "qa": qa, "session": r.randrange(n_sessions)})
    placed = []
    msg_counter = [0] * n_sessions

    def say(session, speaker, text):
        s = sessions[session]
        mid = f"{s['id']}-m{len(s['messages']) + 1}"
        name = people[speaker]["name"]
        s["messages"].append({"id": mid, "speaker": name,
                              "text": text.replace("{o}", people[1 - speaker]["name"])})
        return mid

    def qid():
        return f"{cid}-q{len(questions) + 1}"

    def question(category, text, evidence, answer, qlang=lang, cross=False):
        questions.append({"id": qid(), "conversation": cid, "lang": qlang, "cross": cross,
                          "category": category, "text": text, "evidence": evidence,
                          "answer": answer})

    # Session content, session by session.
    for s in range(n_sessions):
        day = dates[s]
        opener = r.randrange(2)
        say(s, opener, r.choice(greet))
        say(s, 1 - opener, r.choice(back))
        items = [f for f in plan if f["session"] == s]
        r.shuffle(items)
        for f in items:
            sp = f["speaker"]
            name = people[sp]["name"]
            if f["qa"] and r.random() < 0.3:
                ask, reply = f["qa"]
                say(s, 1 - sp, ask)
                mid = say(s, sp, reply)
            else:
                text = r.choice(f["statements"])
                if r.random() < 0.2:
                    text += " It's special to me." if en else "这对我意义很大。"
                mid = say(s, sp, text)
            if r.random() < 0.6:
                say(s, 1 - sp, r.choice(react))
            cat = CATEGORY[f["kind"]]
            qtext = r.choice(f["qforms"])
            question(cat, qtext, [mid], f["answer"])
            placed.append((f, mid))
            if f["kind"] in CROSS_EN and r.random() < 0.35:
                n = name
                question(cat, (CROSS_ZH if en else CROSS_EN)[f["kind"]].format(n=n), [mid],
                         f["answer"], qlang="zh" if en else "en", cross=True)
        # A trip on a relative date for each speaker in this session (temporal questions).
        for sp in (0, 1):
            if r.random() < 0.75:
                p = people[sp]
                phrase_en, phrase_zh, days, gran = r.choice(RELATIVE)
                place = p["trips"][s % 2] if s < 2 else r.choice((EN if en else ZH)["trips"])
                when = shifted(day, days, gran)
                if en:
                    text = r.choice([f"I went to {place} {phrase_en}.",
                                     f"I got back from {place} {phrase_en}, what a trip.",
                                     f"{phrase_en.capitalize()} I was in {place} for a few days."])
                    qtext = r.choice([f"When did {p['name']} go to {place}?",
                                      f"When was {p['name']}'s trip to {place}?"])
                else:
                    text = r.choice([f"我{phrase_zh}去了{place}。", f"我{phrase_zh}刚从{place}回来，玩得很开心。",
                                     f"{phrase_zh}我在{place}待了几天。"])
                    qtext = r.choice([f"{p['name']}什么时候去的{place}？", f"{p['name']}是哪天去{place}旅行的？"])
                mid = say(s, sp, text)
                say(s, 1 - sp, r.choice(react))
                question("temporal", qtext, [mid], fmt_date(when, gran, lang))
        # A purchase or a plan (temporal, future or past) for one speaker.
        sp = r.randrange(2)
        p = people[sp]
        if r.random() < 0.5:
            p = dict(p, item=pick_item(r, lang, used))
            phrase_en, phrase_zh, days, gran = r.choice(RELATIVE[:3])
            when = shifted(day, days, gran)
            text = (f"I bought {p['item']} {phrase_en}." if en else f"我{phrase_zh}买了{p['item']}。")
            qtext = (f"When did {p['name']} buy {p['item']}?" if en else f"{p['name']}什么时候买的{p['item'][2:]}？")
            mid = say(s, sp, text)
            question("temporal", qtext, [mid], fmt_date(when, gran, lang))
            q2 = (f"What did {p['name']} buy?" if en else f"{p['name']}买了什么？")
            question("single_hop", q2, [mid], p["item"])
        else:
            phrase_en, phrase_zh, days, gran = r.choice(FUTURE)
            when = shifted(day, days, gran, sign=1)
            text = (f"I'm going to {p['plan']} {phrase_en}." if en else f"我打算{phrase_zh}{p['plan']}。")
            qtext = (f"When is {p['name']} going to {p['plan'].replace('my ', 'their ')}?" if en
                     else f"{p['name']}打算什么时候{p['plan']}？")
            mid = say(s, sp, text)
            question("temporal", qtext, [mid], fmt_date(when, gran, lang))
        if r.random() < 0.5:
            say(s, 1 - sp, r.choice(court))
        say(s, r.randrange(2), r.choice(bye))

    # Multi-hop 1: a sibling's name (fact placed above) + where the sibling moved (later session).
    for sp in (0, 1):
        p = people[sp]
        sib_fact = next((mid for f, mid in placed if f["speaker"] == sp and f["kind"] == "sibling"), None)
        if sib_fact is None:
            continue
        s = n_sessions - 1
        rel, sib = p["sibling"]
        text = (f"{sib} just moved to {p['sib_city']} for work." if en else f"{sib}刚搬去{p['sib_city']}工作了。")
        mid = say(s, sp, text)
        q = (f"Which city did {p['name']}'s {rel} move to?" if en else f"{p['name']}的{rel}搬到了哪个城市？")
        question("multi_hop", q, [sib_fact, mid], p["sib_city"])
        q = (f"Where does the {sib_job_en(p)} in {p['name']}'s family live now?" if en
             else f"{p['name']}家里当{p['sib_job']}的那位现在在哪个城市？")
        question("multi_hop", q, [sib_fact, mid], p["sib_city"])
    # Multi-hop 2: a job change (two messages, different sessions): where before, where now.
    for sp in (0, 1):
        p = people[sp]
        if any(f["speaker"] == sp and f["kind"] == "works_at" for f, _ in placed):
            continue
        (j1, c1), (j2, c2) = p["job"], p["job2"]
        first = say(0, sp, f"I work as {article(j1)} {j1} at {c1}." if en else f"我在{c1}当{j1}。")
        last = n_sessions - 1
        second = say(last, sp, f"Big news: I left {c1} and started at {c2} as {article(j2)} {j2}." if en
                     else f"告诉你个消息：我从{c1}辞职了，现在在{c2}当{j2}。")
        question("single_hop", f"Where does {p['name']} work now?" if en else f"{p['name']}现在在哪里工作？",
                 [second], f"{j2} at {c2}")
        question("multi_hop", f"Where did {p['name']} work before joining {c2}?" if en
                 else f"{p['name']}去{c2}之前在哪里工作？", [first, second], c1)
    # Multi-hop 3: both speakers mention the same city or trip.
    shared = people[0]["trips"][0]
    m1 = say(1, 1, f"I'd love to visit {shared} one day." if en else f"我一直想去{shared}看看。")
    found = [q for q in questions if q["category"] == "temporal" and shared in q["text"]]
    if found:
        question("multi_hop", f"Which place has {people[0]['name']} visited that {people[1]['name']} wants to see?"
                 if en else f"{people[0]['name']}去过的哪个地方是{people[1]['name']}一直想去的？",
                 [found[0]["evidence"][0], m1], shared)
    # Unanswerable: facts nobody stated.
    for sp in (0, 1):
        p = people[sp]
        n = p["name"]
        if p["pet"] is None:
            question("unanswerable", f"What is the name of {n}'s dog?" if en else f"{n}的狗叫什么名字？", [], None)
        unans_en = [f"What car does {n} drive?", f"How old is {n}'s father?",
                    f"Which university did {n} study at?", f"What is {n}'s phone number?",
                    f"What instrument does {n} play?"]
        unans_zh = [f"{n}开什么车？", f"{n}的父亲多大年纪？", f"{n}是哪所大学毕业的？",
                    f"{n}的电话号码是多少？", f"{n}会弹什么乐器？"]
        for qt in r.sample(unans_en if en else unans_zh, 2):
            question("unanswerable", qt, [], None)
    return {"id": cid, "lang": lang, "speakers": [a_name, b_name], "sessions": sessions}, questions


def pick_item(r, lang, used):
    pool = (EN if lang == "en" else ZH)["items"]
    item = r.choice([i for i in pool if ("item", i) not in used] or pool)
    used.add(("item", item))
    return item


def article(word):
    return "an" if word[0] in "aeiou" else "a"


def sib_job_en(p):
    return p["sib_job"]


def generate(seed):
    r = random.Random(seed)
    conversations, questions = [], []
    en_names, zh_names = EN_NAMES[:], ZH_NAMES[:]
    r.shuffle(en_names)
    r.shuffle(zh_names)
    for i in range(12):
        c, q = conversation(r, f"en{i + 1:02d}", "en", en_names[2 * i], en_names[2 * i + 1])
        conversations.append(c)
        questions += q
    for i in range(12):
        c, q = conversation(r, f"zh{i + 1:02d}", "zh", zh_names[2 * i], zh_names[2 * i + 1])
        conversations.append(c)
        questions += q
    return {
        "name": "membank-conversations",
        "version": VERSION,
        "seed": seed,
        "description": "Generated by bench/conversations/generate.py (templates and paraphrases written for this "
                       "project, fictional people). Multi-session conversations between two named people, English "
                       "and Chinese; questions labelled with the ids of their evidence messages (single_hop, "
                       "multi_hop, temporal, preference, unanswerable); `cross` questions are asked in the other "
                       "language. Temporal answers are resolved from the session date.",
        "conversations": conversations,
        "questions": questions,
    }


def main():
    data = labelled_set.run(generate, os.path.join(HERE, "dataset.json"))
    if data is None:
        return
    msgs = sum(len(s["messages"]) for c in data["conversations"] for s in c["sessions"])
    qs = data["questions"]
    by = {}
    for q in qs:
        k = (q["lang"], "cross" if q["cross"] else q["category"])
        by[k] = by.get(k, 0) + 1
    print(f"{len(data['conversations'])} conversations, {msgs} messages, {len(qs)} questions")
    for k in sorted(by):
        print(f"  {k[0]} {k[1]}: {by[k]}")


if __name__ == "__main__":
    main()
