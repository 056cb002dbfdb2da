#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the Confucius Institute's demonstration records into data/demo:
teachers, courses, course members, exam sittings and results, events.

Deterministic (a fixed seed). The courses of 2024/25, 2025/26 and 2026/27
have as members exactly the learners enrolled in CI-BSPU that year
(enrollments.csv), so the Institute's head counts stay the published 450 of
2024/25 and those of the other years. Everything here is invented and says so
in its notes, except the facts named in data/demo/README.md.

    python3 build-aux/demo-institute.py data/demo
"""
import csv
import datetime
import random
import sys

DEMO = sys.argv[1] if len(sys.argv) > 1 else "data/demo"
NOTE = "demonstration data, invented"
random.seed(2007)


def write(name, header, rows):
    with open(f"{DEMO}/{name}", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(header)
        for r in rows:
            w.writerow(["" if v is None else v for v in r])


def read(name):
    with open(f"{DEMO}/{name}", encoding="utf-8") as f:
        return list(csv.DictReader(f))


students = {s["student_no"]: s for s in read("students.csv")}
enrollments = [e for e in read("enrollments.csv") if e["program_code"] == "CI-BSPU"]

# Teachers: the directors and teachers sent by headquarters and the
# volunteers come from Heihe University for one or two years; local hires
# are BSPU staff. "Today" of the demonstration data is 2026-11-28: one visa
# and one contract end within 60 days.
teachers = [
    ("CIT001", "刘", "洋", "Liu Yang", "刘洋", "headquarters", None, "Heihe University (黑河学院)",
     "2023-08-25", "2027-07-31", "2027-08-15", "Chinese; HSK preparation", "Chinese director"),
    ("CIT002", "张", "丽", "Zhang Li", "张丽", "headquarters", None, "Heihe University (黑河学院)",
     "2024-08-28", "2027-01-15", "2027-02-10", "Chinese; business Chinese", None),
    ("CIT003", "王", "静", "Wang Jing", "王静", "volunteer", None, "Heihe University (黑河学院)",
     "2025-09-01", "2026-12-20", "2026-12-20", "Chinese; children and YCT", None),
    ("CIT004", "李", "晨", "Li Chen", "李晨", "volunteer", None, "Heihe University (黑河学院)",
     "2025-09-01", "2027-06-30", "2027-07-10", "Chinese; calligraphy", None),
    ("CIT005", "赵", "敏", "Zhao Min", "赵敏", "volunteer", None, "Harbin Normal University (哈尔滨师范大学)",
     "2026-08-30", "2027-06-30", "2027-07-10", "Chinese; children and YCT", None),
    ("CIT006", "陈", "思远", "Chen Siyuan", "陈思远", "volunteer", None, "Heihe University (黑河学院)",
     "2023-09-01", "2025-06-30", "2025-07-10", "Chinese", None),
    ("CIT007", "孙", "悦", "Sun Yue", "孙悦", "volunteer", None, "Heihe University (黑河学院)",
     "2024-09-01", "2026-06-30", "2026-07-10", "Chinese; paper cutting", None),
    ("CIT008", "Кухаренко", "Наталья", "Kukharenko Natalia", None, "local", "BSPU", None,
     "2007-09-01", None, None, "Russian director of the Institute", "Russian director (public fact); contact details invented"),
    ("CIT009", "Иванова", "Ольга", "Ivanova Olga", "伊丽雅", "local", "BSPU", None,
     "2012-09-01", None, None, "Chinese; teacher training", None),
    ("CIT010", "Петров", "Андрей", "Petrov Andrei", "彼得", "local", "BSPU", None,
     "2018-09-01", "2027-08-31", None, "Chinese; business Chinese", None),
]
teacher_rows = []
for (no, fam, given, latin, zh, kind, partner, uni, arrived, contract, visa, subjects, note) in teachers:
    email = None
    if kind != "local":
        email = latin.split()[0].lower() + "." + latin.split()[1].lower() + "@example.cn"
    teacher_rows.append([no, fam, given, latin, zh, kind, partner, uni, arrived, contract, visa,
                         subjects, email, None, arrived,
                         (note + "; " if note else "") + NOTE])
write("teachers.csv", ["teacher_no", "family_name", "given_name", "latin_name", "chinese_name",
                       "kind", "home_partner_code", "home_university", "arrived_on",
                       "contract_until", "visa_until", "subjects", "email", "phone",
                       "consent_on", "notes"], teacher_rows)


def teachers_in(year, kinds=None):
    start, end = f"{year}-09-01", f"{year + 1}-08-31"
    return [t[0] for t in teachers
            if (t[8] is None or t[8] <= end) and (t[9] is None or t[9] >= start)
            and (kinds is None or t[5] in kinds)]


def age_on(birth, day):
    b = datetime.date.fromisoformat(birth)
    return day.year - b.year - ((day.month, day.day) < (b.month, b.day))


# Courses: each learner of a year has one main course by age, category and
# level, in groups of at most 18; some adults also take a culture course.
course_rows, member_rows = [], []
KIND_TITLES = {
    "children": ("Chinese for children (YCT {lvl})", "少儿汉语（YCT {lvl}级）", "Китайский для детей (YCT {lvl})"),
    "general": ("General Chinese, level {lvl}", "综合汉语 {lvl}级", "Китайский язык, уровень {lvl}"),
    "hsk_preparation": ("HSK {lvl} preparation", "HSK {lvl}级备考", "Подготовка к HSK {lvl}"),
    "business": ("Business Chinese", "商务汉语", "Деловой китайский"),
    "teacher_training": ("Teaching Chinese: methods for school teachers", "中文教师培训", "Методика преподавания китайского языка"),
    "culture": ("Calligraphy and Chinese culture", "书法与中国文化", "Каллиграфия и китайская культура"),
}
CODES = {"children": "YCT", "general": "GC", "hsk_preparation": "HSK", "business": "BC",
         "teacher_training": "TT", "culture": "CUL"}
for year in (2024, 2025, 2026):
    start = datetime.date(year, 9, 15)
    learners = [e for e in enrollments if int(e["academic_year"]) == year]
    groups = {}
    for e in learners:
        s = students[e["student_no"]]
        lvl = int(s["hsk_level"]) if s["hsk_level"] else 0
        age = age_on(s["birth_date"], start) if s["birth_date"] else 30
        if age < 14:
            kind, level = "children", min(lvl + 1, 4)
        elif s["category"] == "teacher":
            kind, level = "teacher_training", None
        elif s["category"] == "professional" and lvl >= 2:
            kind, level = "business", None
        elif lvl >= 2:
            kind, level = "hsk_preparation", min(lvl + 1, 6)
        else:
            kind, level = "general", lvl + 1
        groups.setdefault((kind, level), []).append(e)
        if age >= 18 and random.random() < 0.12:
            groups.setdefault(("culture", None), []).append(e)
    for (kind, level), members in sorted(groups.items(), key=lambda g: (g[0][0], g[0][1] or 0)):
        n_groups = (len(members) + 17) // 18
        for g in range(n_groups):
            part = members[g::n_groups]
            code = f"{CODES[kind]}{level or ''}-{year}-{g + 1}"
            lvl = level or ""
            en, zh, ru = (t.format(lvl=lvl) for t in KIND_TITLES[kind])
            kinds = ("volunteer", "headquarters") if kind in ("children", "culture") else None
            pool = teachers_in(year, kinds) or teachers_in(year)
            teacher = pool[(g + len(course_rows)) % len(pool)]
            finished = year < 2026
            hours = 72 if kind in ("children", "culture") else 108
            place = random.choice(["institute", "institute", "partner", "school" if kind == "children" else "online"])
            partner = "BSPU" if place == "partner" else None
            venue = {"institute": "Confucius Institute, Lenina 104, Blagoveshchensk",
                     "partner": "BSPU, Lenina 104", "school": "School No. 11, Blagoveshchensk",
                     "online": None}[place]
            course_rows.append([code, en, zh, ru, kind, level, "CI-BSPU", year,
                                "year", f"{year}-09-15", f"{year + 1}-05-31",
                                random.choice(["Mon, Wed 18:00–19:30", "Tue, Thu 18:30–20:00",
                                               "Sat 10:00–13:00", "Mon, Thu 16:00–17:00"]),
                                hours, hours if finished else hours // 4, teacher, place, partner,
                                venue, 18, "finished" if finished else "running", NOTE])
            for e in part:
                s = students[e["student_no"]]
                minor = s["birth_date"] and age_on(s["birth_date"], datetime.date(year, 9, 15)) < 14
                status = {"completed": "completed", "withdrawn": "withdrawn"}.get(e["status"], "enrolled")
                attendance = random.randint(55, 100) if status != "withdrawn" else random.randint(10, 50)
                result = None
                if status == "completed":
                    result = random.choice(["excellent", "good", "good", "satisfactory"])
                member_rows.append([code, e["student_no"], e["started_on"] or f"{year}-09-15",
                                    e["ended_on"] or None, status, attendance, result,
                                    s["consent_on"] if minor else None,
                                    "guardian's consent on the registration form; " + NOTE if minor else NOTE])
write("courses.csv", ["code", "title_en", "title_zh", "title_ru", "kind", "level", "program_code",
                      "academic_year", "term", "starts_on", "ends_on", "schedule",
                      "hours_planned", "hours_given", "teacher_no", "place", "partner_code",
                      "venue", "capacity", "status", "notes"], course_rows)
write("course-members.csv", ["course_code", "student_no", "joined_on", "left_on", "status",
                             "attendance", "result", "guardian_consent_on", "notes"], member_rows)

# Exam sittings: HSK in November, March and May, YCT in May, HSKK in
# November; results from the learners of the year's courses, with pass
# rates of about 70 to 90 per cent.
RULES = {("hsk", l): (200 if l <= 2 else 300, 120 if l <= 2 else 180) for l in range(1, 7)}
RULES.update({("yct", l): (200 if l <= 3 else 300, 120 if l <= 3 else 180) for l in range(1, 5)})
RULES.update({("hskk", l): (100, 60) for l in range(1, 4)})
SECTIONS = {("hsk", 1): 2, ("hsk", 2): 2, ("yct", 1): 2, ("yct", 2): 2, ("yct", 3): 2}
sitting_rows, result_rows = [], []
level_of = {}
for year in (2024, 2025, 2026):
    for e in enrollments:
        if int(e["academic_year"]) == year:
            s = students[e["student_no"]]
            level_of.setdefault(year, []).append(s)
for year in (2024, 2025, 2026):
    dates = [(f"{year}-11-16", "hsk"), (f"{year}-11-16", "hskk"), (f"{year + 1}-03-22", "hsk"),
             (f"{year + 1}-05-17", "yct")]
    if year == 2026:
        dates = dates[:2]
    taken = set()
    for held_on, exam in dates:
        levels = {"hsk": range(1, 6), "hskk": range(1, 3), "yct": range(1, 5)}[exam]
        for level in levels:
            code = f"{exam.upper()}{level}-{held_on}"
            fee = {"hsk": 1500 + 500 * level, "hskk": 1500, "yct": 1000}[exam]
            deadline = (datetime.date.fromisoformat(held_on) - datetime.timedelta(days=30)).isoformat()
            sitting_rows.append([code, exam, level, held_on, "Confucius Institute at BSPU",
                                 deadline, fee, "fee in roubles; " + NOTE])
            pool = []
            for s in level_of[year]:
                age = age_on(s["birth_date"], datetime.date.fromisoformat(held_on)) if s["birth_date"] else 30
                lvl = int(s["hsk_level"]) if s["hsk_level"] else 0
                if (exam == "yct") != (age < 15):
                    continue
                want = min(lvl + 1, 5) if exam != "hskk" else (1 if lvl <= 2 else 2)
                if want == level and (s["student_no"], exam) not in taken:
                    pool.append(s)
            random.shuffle(pool)
            for s in pool[: random.randint(4, 14)]:
                taken.add((s["student_no"], exam))
                top, mark = RULES[(exam, level)]
                n = 1 if exam == "hskk" else SECTIONS.get((exam, level), 3)
                strong = random.random() < 0.8
                scores = []
                for _ in range(n):
                    lo = mark // n + 5 if strong else mark // n - 30
                    scores.append(max(0, min(100 if exam != "hskk" else 100,
                                             random.randint(lo, min(100, lo + 35)))))
                total = sum(scores)
                passed = "yes" if total >= mark else "no"
                listening, reading, writing, speaking = None, None, None, None
                if exam == "hskk":
                    speaking = scores[0]
                else:
                    listening, reading = scores[0], scores[1]
                    writing = scores[2] if n > 2 else None
                cert = f"H{held_on[:4]}{random.randint(10000000, 99999999)}" if passed == "yes" else None
                result_rows.append([code, s["student_no"], listening, reading, writing, None,
                                    speaking, total, passed, level if passed == "yes" else None,
                                    cert, NOTE])
write("exam-sittings.csv", ["code", "exam", "level", "held_on", "venue", "registration_until",
                            "fee", "notes"], sitting_rows)
write("exam-results.csv", ["sitting_code", "student_no", "listening", "reading", "writing",
                           "translation", "speaking", "total", "passed", "level_reached",
                           "certificate_no", "notes"], result_rows)

# Events every year since the Institute opened in 2007: the Spring
# Festival, the Chinese Bridge contest, the Mid-Autumn Festival; lectures,
# exhibitions and open days in recent years.
event_rows = []
spring = {2008: "02-07", 2009: "01-26", 2010: "02-14", 2011: "02-03", 2012: "01-23",
          2013: "02-10", 2014: "01-31", 2015: "02-19", 2016: "02-08", 2017: "01-28",
          2018: "02-16", 2019: "02-05", 2020: "01-25", 2021: "02-12", 2022: "02-01",
          2023: "01-22", 2024: "02-10", 2025: "01-29", 2026: "02-17"}
for year in range(2007, 2027):
    scale = 1 + (year - 2007) / 6
    if year in spring:
        event_rows.append([f"SF-{year}", f"{year}-{spring[year]}", None,
                           f"Spring Festival {year}", f"{year}年春节联欢会", f"Праздник весны {year}",
                           "festival", "BSPU assembly hall", "BSPU", "Confucius Institute at BSPU",
                           int(120 * scale), NOTE])
    if year >= 2008:
        event_rows.append([f"CB-{year}", f"{year}-04-{random.randint(10, 28):02d}", None,
                           f"“Chinese Bridge” contest, Amur region round {year}",
                           f"第{year - 2001}届“汉语桥”世界大学生中文比赛阿穆尔州赛区",
                           f"Конкурс «Китайский мост», региональный этап {year}",
                           "competition", "BSPU", "BSPU", "Confucius Institute at BSPU",
                           int(15 * scale), "contest number and date " + NOTE])
    event_rows.append([f"MA-{year}", f"{year}-09-{random.randint(15, 28):02d}", None,
                       f"Mid-Autumn Festival {year}", f"{year}年中秋节", f"Праздник середины осени {year}",
                       "festival", "Confucius Institute", None, "Confucius Institute at BSPU",
                       int(60 * scale), NOTE])
    if year >= 2022:
        event_rows.append([f"LC-{year}", f"{year}-10-{random.randint(5, 25):02d}", None,
                           "Lecture: Chinese characters and their history", "讲座：汉字的历史",
                           "Лекция: история китайских иероглифов", "lecture", "BSPU", "BSPU",
                           "Confucius Institute at BSPU", random.randint(40, 90), NOTE])
        event_rows.append([f"EX-{year}", f"{year}-12-{random.randint(1, 15):02d}", f"{year}-12-20",
                           "Exhibition of calligraphy and paper cutting", "书法剪纸作品展",
                           "Выставка каллиграфии и вырезок из бумаги", "exhibition",
                           "Amur Regional Museum", None, "Confucius Institute at BSPU",
                           random.randint(200, 400), NOTE])
        event_rows.append([f"OD-{year}", f"{year}-09-{random.randint(1, 10):02d}", None,
                           "Open day of the Confucius Institute", "孔子学院开放日",
                           "День открытых дверей Института Конфуция", "open_day",
                           "Confucius Institute", None, "Confucius Institute at BSPU",
                           random.randint(80, 150), NOTE])
write("events.csv", ["code", "held_on", "ends_on", "title_en", "title_zh", "title_ru", "kind",
                     "place", "partner_code", "organiser", "participants", "notes"], event_rows)
print(len(teacher_rows), len(course_rows), len(member_rows), len(sitting_rows), len(result_rows),
      len(event_rows))
