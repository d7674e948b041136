#!/usr/bin/env python3
"""Generates bench/decisions/pairs.json: labelled pairs (a memory already kept, a new statement)
with the decision memory-service's DecisionEngine should take, English and Chinese.

Written for this project (templates below, fictional values; no external text). Seeded and checked
in with its output (`--check` fails when the file differs from what this script makes).

Kinds and the decision expected for the new statement (merge strategy, skip duplicates on):
- reworded: the same fact in other words → same (UPDATE, or NOOP when identical once normalized)
- slot_update: a new value of a single-valued slot of the same subject (where one lives, works,
  one's age, the name of one's wife, one's favourite X) → INVALIDATE (then ADD)
- contradiction: the opposite of the kept fact (likes → dislikes) → INVALIDATE
- distinct: another fact that looks alike (another place, name, number, relative) → ADD
- other_speaker: the same shape said by another speaker ("Maya: …" vs "Tom: …", or the user's own
  statement vs a named speaker's) → ADD: another speaker never replaces a statement

memory-service's DecisionSetTest runs every pair through BuiltInExtractor and DecisionEngine,
prints precision / recall per decision and fails when more than 1 % of distinct and other-speaker
pairs are merged.

Usage: bench/decisions/generate.py [--seed 22] | --check
"""
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import labelled_set  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "pairs.json")

EN_CITIES = ["Lisbon", "Porto", "Denver", "Glasgow", "Toronto", "Hamburg", "Valencia", "Seattle",
             "Dublin", "Melbourne", "Montreal", "Bristol", "Austin", "Utrecht", "Bergen", "Osaka"]
EN_COMPANIES = ["Brightloop", "Northwind", "Pixelmint", "Baker Ellis", "Motion Clinic", "Ledgerly",
                "Acme Robotics", "Greenleaf", "Hollis & Grant", "Sparks & Sons"]
EN_FOODS = ["sushi", "pizza", "ramen", "olives", "dark chocolate", "Thai curry", "falafel",
            "lemon tart", "oysters", "blue cheese", "kimchi", "tacos"]
EN_PEOPLE = ["Maya", "Tom", "Priya", "Daniel", "Lena", "Marcus", "Sofia", "Owen", "Hannah", "Felix"]
EN_PETS = ["Biscuit", "Miso", "Pepper", "Luna", "Clover", "Kiwi", "Bruno", "Tofu", "Peanut"]
EN_JOBS = ["vet", "pilot", "lawyer", "dentist", "nurse", "teacher", "chef", "architect"]
EN_RELS = ["sister", "brother", "mother", "father", "cousin", "aunt", "uncle", "friend"]
EN_BOOKS = ["Dune", "Middlemarch", "The Hobbit", "Beloved", "Rebecca", "Emma", "Ulysses"]
EN_COLORS = ["red", "blue", "green", "black", "white", "yellow"]
EN_TRIPS = ["Kyoto", "Iceland", "Crete", "Vienna", "Hanoi", "Seoul", "Banff", "Marrakesh"]
EN_FAV = [("book", EN_BOOKS), ("colour", EN_COLORS), ("city", EN_CITIES), ("food", EN_FOODS)]

ZH_CITIES = ["杭州", "成都", "深圳", "南京", "西安", "厦门", "青岛", "武汉", "苏州", "重庆", "大连", "昆明"]
ZH_COMPANIES = ["星河科技", "华筑设计院", "同仁药房", "平安保险", "晨报社", "宏达电力", "青橙工作室", "老街饭馆"]
ZH_FOODS = ["火锅", "小笼包", "红烧肉", "拉面", "烤鸭", "酸菜鱼", "香菜", "榴莲", "苦瓜", "螺蛳粉", "臭豆腐"]
ZH_PEOPLE = ["王芳", "李明", "张伟", "刘洋", "陈静", "杨磊", "赵丽", "黄勇", "周婷", "吴强"]
ZH_PETS = ["豆豆", "咪咪", "旺财", "花花", "雪球", "小绿", "大黄", "橘子", "团团"]
ZH_JOBS = ["兽医", "飞行员", "律师", "牙医", "护士", "老师", "厨师", "建筑师"]
ZH_RELS = ["姐姐", "哥哥", "妈妈", "爸爸", "表妹", "舅舅", "阿姨", "朋友"]
ZH_BOOKS = ["红楼梦", "三体", "活着", "围城", "边城", "平凡的世界"]
ZH_TRIPS = ["桂林", "三亚", "丽江", "黄山", "敦煌", "拉萨", "乌镇", "洛阳"]
ZH_FAV = [("书", ZH_BOOKS), ("城市", ZH_CITIES), ("菜", ZH_FOODS)]


def two(r, pool):
    a, b = r.sample(pool, 2)
    return a, b


def en_pairs(r):
    out = []

    def add(kind, a, b):
        out.append((kind, a, b))

    for _ in range(8):
        c = r.choice(EN_CITIES)
        add("reworded", f"I live in {c}.", r.choice([f"I live in {c} now.", f"I really live in {c}.",
                                                      f"I live in {c} these days."]))
        f = r.choice(EN_FOODS)
        add("reworded", f"I really love {f}.", r.choice([f"I love {f} so much.", f"I like {f}.",
                                                           f"I absolutely love {f}."]))
        co = r.choice(EN_COMPANIES)
        add("reworded", f"I work at {co}.", r.choice([f"I work at {co} now.", f"I now work at {co}.",
                                                        f"I'm working at {co}."]))
        k, vals = r.choice(EN_FAV)
        v = r.choice(vals)
        add("reworded", f"My favourite {k} is {v}.", f"My favorite {k} is {v}.")
        p = r.choice(EN_PETS)
        add("reworded", f"I have a dog called {p}.", f"I have a dog named {p}.")
        add("reworded", f"I am allergic to {r.choice(['peanuts', 'shellfish', 'pollen'])}.", None)
        n = r.choice(EN_PEOPLE)
        c = r.choice(EN_CITIES)
        add("reworded", f"{n}: I live in {c}.", f"{n}: I live in {c} now.")
    for _ in range(9):
        a, b = two(r, EN_CITIES)
        add("slot_update", f"I live in {a}.", r.choice([f"I moved to {b}.", f"I live in {b} now.",
                                                         f"I have moved to {b}."]))
        a, b = two(r, EN_COMPANIES)
        add("slot_update", f"I work at {a}.", r.choice([f"I work at {b} now.", f"I just joined {b}."]))
        age = r.randrange(20, 70)
        add("slot_update", f"I am {age} years old.", f"I'm {age + 1} years old.")
        k, vals = r.choice(EN_FAV)
        a, b = two(r, vals)
        add("slot_update", f"My favourite {k} is {a}.", f"My favourite {k} is {b}.")
        n = r.choice(EN_PEOPLE)
        a, b = two(r, EN_CITIES)
        add("slot_update", f"{n}: I live in {a}.", f"{n}: I moved to {b}.")
    for _ in range(12):
        f = r.choice(EN_FOODS)
        add("contradiction", f"I like {f}.", r.choice([f"I don't like {f} anymore.", f"I hate {f}.",
                                                         f"I can't stand {f}."]))
        f = r.choice(EN_FOODS)
        add("contradiction", f"I don't like {f}.", f"I really like {f} now.")
    for _ in range(10):
        a, b = two(r, EN_TRIPS)
        add("distinct", f"I visited {a} last year.", f"I visited {b} last year.")
        n, m = r.sample(range(0, 120), 2)
        add("distinct", f"I visited city number {n} of my grand tour, called Town{n}.",
            f"I visited city number {m} of my grand tour, called Town{m}.")
        j = r.choice(EN_JOBS)
        a, b = two(r, EN_RELS)
        add("distinct", f"My {a} is a {j}.", f"My {b} is a {j}.")
        n, m = r.sample(range(2, 9), 2)
        add("distinct", f"I have {n} cats.", f"I have {m} cats.")
        a, b = two(r, EN_COLORS)
        add("distinct", f"I bought a {a} bike.", f"I bought a {b} bike.")
        n, m = r.sample([3, 5, 8, 10, 12, 15, 21], 2)
        add("distinct", f"I ran {n} km on Sunday.", f"I ran {m} km on Sunday.")
        a, b = two(r, EN_FOODS)
        add("distinct", f"I like {a}.", f"I like {b}.")
        a, b = two(r, EN_PETS)
        add("distinct", f"I have a dog called {a}.", f"I have a dog called {b}.")
        a, b = two(r, EN_PEOPLE)
        add("distinct", f"I met {a} at the conference.", f"I met {b} at the conference.")
        a, b = two(r, EN_BOOKS)
        add("distinct", f"I read {a} last month.", f"I read {b} last month.")
    for _ in range(8):
        a, b = two(r, EN_PEOPLE)
        c1, c2 = two(r, EN_CITIES)
        add("other_speaker", f"{a}: I live in {c1}.", f"{b}: I live in {c2}.")
        f = r.choice(EN_FOODS)
        add("other_speaker", f"{a}: I love {f}.", f"{b}: I love {f}.")
        add("other_speaker", f"I live in {c1}.", f"{b}: I moved to {c2}.")
        add("other_speaker", f"I'm always grateful for my family.", f"{b}: I'm always grateful for my family.")
    return out


def zh_pairs(r):
    out = []

    def add(kind, a, b):
        out.append((kind, a, b))

    for _ in range(8):
        c = r.choice(ZH_CITIES)
        add("reworded", f"我住在{c}。", r.choice([f"我现在住在{c}。", f"我还是住在{c}。"]))
        f = r.choice(ZH_FOODS)
        add("reworded", f"我特别喜欢吃{f}。", r.choice([f"我很喜欢吃{f}。", f"我非常喜欢吃{f}。"]))
        co = r.choice(ZH_COMPANIES)
        add("reworded", f"我在{co}工作。", f"我现在在{co}工作。")
        k, vals = r.choice(ZH_FAV)
        v = r.choice(vals)
        add("reworded", f"我最喜欢的{k}是{v}。", f"我最喜欢的{k}还是{v}。")
        p = r.choice(ZH_PETS)
        add("reworded", f"我的狗叫{p}。", f"我的狗叫{p}呀。")
        n = r.choice(ZH_PEOPLE)
        c = r.choice(ZH_CITIES)
        add("reworded", f"{n}：我住在{c}。", f"{n}：我现在住在{c}。")
    for _ in range(9):
        a, b = two(r, ZH_CITIES)
        add("slot_update", f"我住在{a}。", r.choice([f"我搬到了{b}。", f"我现在住在{b}。"]))
        a, b = two(r, ZH_COMPANIES)
        add("slot_update", f"我在{a}工作。", f"我现在在{b}上班。")
        age = r.randrange(20, 70)
        add("slot_update", f"我今年{age}岁。", f"我{age + 1}岁了。")
        k, vals = r.choice(ZH_FAV)
        a, b = two(r, vals)
        add("slot_update", f"我最喜欢的{k}是{a}。", f"我最喜欢的{k}是{b}。")
        n = r.choice(ZH_PEOPLE)
        a, b = two(r, ZH_CITIES)
        add("slot_update", f"{n}：我住在{a}。", f"{n}：我搬到了{b}。")
    for _ in range(12):
        f = r.choice(ZH_FOODS)
        add("contradiction", f"我喜欢吃{f}。", r.choice([f"我不喜欢{f}了。", f"我讨厌{f}。"]))
        f = r.choice(ZH_FOODS)
        add("contradiction", f"我不喜欢{f}。", f"我现在很喜欢{f}。")
    for _ in range(10):
        a, b = two(r, ZH_TRIPS)
        add("distinct", f"我去年去过{a}。", f"我去年去过{b}。")
        n, m = r.sample(range(0, 120), 2)
        add("distinct", f"我环游途中到了第{n}个城市，叫{n}号镇。", f"我环游途中到了第{m}个城市，叫{m}号镇。")
        j = r.choice(ZH_JOBS)
        a, b = two(r, ZH_RELS)
        add("distinct", f"我的{a}是{j}。", f"我的{b}是{j}。")
        n, m = r.sample(range(2, 9), 2)
        add("distinct", f"我养了{n}只猫。", f"我养了{m}只猫。")
        a, b = two(r, ["红色", "蓝色", "绿色", "黑色", "白色"])
        add("distinct", f"我买了一辆{a}的自行车。", f"我买了一辆{b}的自行车。")
        a, b = two(r, ZH_FOODS)
        add("distinct", f"我喜欢吃{a}。", f"我喜欢吃{b}。")
        a, b = two(r, ZH_PETS)
        add("distinct", f"我有一只狗叫{a}。", f"我有一只狗叫{b}。")
        a, b = two(r, ZH_PEOPLE)
        add("distinct", f"我在会上认识了{a}。", f"我在会上认识了{b}。")
        a, b = two(r, ZH_BOOKS)
        add("distinct", f"我上个月读了{a}。", f"我上个月读了{b}。")
    for _ in range(8):
        a, b = two(r, ZH_PEOPLE)
        c1, c2 = two(r, ZH_CITIES)
        add("other_speaker", f"{a}：我住在{c1}。", f"{b}：我住在{c2}。")
        f = r.choice(ZH_FOODS)
        add("other_speaker", f"{a}：我喜欢吃{f}。", f"{b}：我喜欢吃{f}。")
        add("other_speaker", f"我住在{c1}。", f"{b}：我搬到了{c2}。")
    return out


EXPECTED = {"reworded": "same", "slot_update": "INVALIDATE", "contradiction": "INVALIDATE",
            "distinct": "ADD", "other_speaker": "ADD"}


def generate(seed):
    r = random.Random(seed)
    pairs = []
    for lang, make in (("en", en_pairs), ("zh", zh_pairs)):
        seen = set()
        for kind, a, b in make(r):
            if b is None:
                b = a.replace("I am", "I'm")
            if (a, b) in seen:
                continue
            seen.add((a, b))
            pairs.append({"id": f"{lang}-{len(pairs) + 1}", "lang": lang, "kind": kind,
                          "existing": a, "incoming": b, "expected": EXPECTED[kind]})
    return {"name": "membank-decisions", "version": 1, "seed": seed,
            "description": "Generated by bench/decisions/generate.py: (kept memory, new statement) pairs "
                           "with the decision expected; see the script's docstring.",
            "pairs": pairs}


def main():
    data = labelled_set.run(generate, OUT)
    if data is None:
        return
    pairs = data["pairs"]
    counts = {}
    for p in pairs:
        counts[(p["lang"], p["kind"])] = counts.get((p["lang"], p["kind"]), 0) + 1
    print(f"{len(pairs)} pairs")
    for k in sorted(counts):
        print(f"  {k[0]} {k[1]}: {counts[k]}")


if __name__ == "__main__":
    main()
