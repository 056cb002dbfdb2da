/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <string.h>
#include <unicode/utrans.h>
#include <unicode/ustring.h>

#include "qiao-transcribe.h"

/* Names across scripts: pinyin of Chinese characters, Palladius Cyrillic of
 * pinyin and back, passport Latin of Russian Cyrillic, Chinese characters of
 * Russian names, and the Latin keys through which search and the duplicate
 * finder compare a name written in any of them.  Each rule set below is a
 * table with its public source beside it; the code only walks the tables. */

/* ----------------------------------------------------------------------- */
/* Pinyin of Chinese characters                                             */
/* ----------------------------------------------------------------------- */

/* ICU's "Han-Latin" transform (CLDR's Han-Latin.xml, the Unihan kMandarin
 * readings) gives each character its most frequent reading.  ICU
 * transliterators are not thread-safe: each thread gets its own, created on
 * first use and closed when the thread ends. */
static const UChar han_latin_id[] = { 'H', 'a', 'n', '-', 'L', 'a', 't', 'i', 'n', 0 };

static void
close_transliterator (gpointer transliterator)
{
  utrans_close (transliterator);
}

static GPrivate han_latin_private = G_PRIVATE_INIT (close_transliterator);

/* Family names that read differently from the character's frequent reading,
 * toneless, ü written v.  Sources: the list "容易读错的姓氏" of 《小学语文学习》
 * (仇 qiu, 区 ou, 召 shao, 任 ren, 华 hua, 朴 piao, 折 she, 单 shan, 黑 he, 解 xie,
 * 繁 po, 纪 ji, 查 zha; also 种 chong, 盖 ge), the readings marked 姓 in the
 * Xinhua Zidian (11th ed.) for the others (乐 yue, 曾 zeng, 瞿 qu, 员 yun, 能 nai,
 * 缪 miao, 句 gou, 覃 qin, 翟 zhai, 尉迟 yuchi, 万俟 moqi, 长孙 zhangsun, 单于
 * chanyu).  Longest first where one begins another (万俟 before 万). */
typedef struct
{
  const char *hanzi;
  const char *pinyin;
} Reading;

static const Reading surname_readings[] = {
  { "万俟", "mo qi" }, { "尉迟", "yu chi" }, { "长孙", "zhang sun" }, { "单于", "chan yu" },
  { "乐正", "yue zheng" }, { "令狐", "ling hu" }, { "澹台", "tan tai" }, { "皇甫", "huang fu" },
  { "单", "shan" }, { "曾", "zeng" }, { "解", "xie" }, { "仇", "qiu" }, { "区", "ou" },
  { "朴", "piao" }, { "查", "zha" }, { "盖", "ge" }, { "乐", "yue" }, { "尉", "wei" },
  { "繁", "po" }, { "种", "chong" }, { "秘", "bi" }, { "缪", "miao" }, { "覃", "qin" },
  { "员", "yun" }, { "折", "she" }, { "句", "gou" }, { "召", "shao" }, { "能", "nai" },
  { "宿", "su" }, { "翟", "zhai" }, { "祭", "zhai" }, { "谌", "chen" }, { "柏", "bai" },
  { "隗", "wei" }, { "燕", "yan" }, { "任", "ren" }, { "华", "hua" }, { "纪", "ji" },
  { "沈", "shen" }, { "曲", "qu" }, { "薄", "bo" }, { "过", "guo" }, { "相", "xiang" },
  { "冼", "xian" }, { "洗", "xian" }, { "瞿", "qu" }, { "乜", "nie" }, { "黑", "he" },
  { "重", "chong" }, { "长", "chang" }, { "都", "du" }, { "藏", "zang" }, { "宁", "ning" },
};

/* Two-character family names, so that the given name starts after them.
 * Source: zh.wikipedia.org "复姓" (the compound names of the 百家姓). */
static const char *const compound_surnames[] = {
  "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "令狐", "夏侯", "公孙", "慕容",
  "长孙", "宇文", "司徒", "司空", "端木", "独孤", "南宫", "西门", "尉迟", "万俟",
  "申屠", "轩辕", "呼延", "澹台", "公冶", "太史", "闻人", "赫连", "拓跋", "百里",
  "东郭", "钟离", "宗政", "濮阳", "淳于", "单于", "左丘", "乐正", "第五", "仲孙",
};

/* ----------------------------------------------------------------------- */
/* Palladius                                                                */
/* ----------------------------------------------------------------------- */

/* Every syllable of standard Mandarin (the 410 of the pinyin syllable table
 * in the Xinhua Zidian appendix; ü written v) with its Palladius spelling,
 * sorted by pinyin.  Source: the pinyin-Palladius table of
 * ru.wikipedia.org "Система Палладия" and orthodox.cn/localchurch
 * "pinyin-pallad" (the form of the Palladius-Popov dictionary, 1888, as
 * Russian publishers use it today): -ng → -н, -n → -нь, hui → хуэй,
 * wu → у, ye → е, zi/ci/si → цзы/цы/сы, -uo → -о, yue/jue → юэ/цзюэ.
 * The separator ъ between -н and a vowel is added by the code. */
typedef struct
{
  const char *pinyin;
  const char *cyrillic;
} Syllable;

static const Syllable palladius[] = {
  { "a", "а" }, { "ai", "ай" }, { "an", "ань" }, { "ang", "ан" }, { "ao", "ао" }, { "ba", "ба" },
  { "bai", "бай" }, { "ban", "бань" }, { "bang", "бан" }, { "bao", "бао" }, { "bei", "бэй" },
  { "ben", "бэнь" }, { "beng", "бэн" }, { "bi", "би" }, { "bian", "бянь" }, { "biao", "бяо" },
  { "bie", "бе" }, { "bin", "бинь" }, { "bing", "бин" }, { "bo", "бо" }, { "bu", "бу" },
  { "ca", "ца" }, { "cai", "цай" }, { "can", "цань" }, { "cang", "цан" }, { "cao", "цао" },
  { "ce", "цэ" }, { "cen", "цэнь" }, { "ceng", "цэн" }, { "cha", "ча" }, { "chai", "чай" },
  { "chan", "чань" }, { "chang", "чан" }, { "chao", "чао" }, { "che", "чэ" }, { "chen", "чэнь" },
  { "cheng", "чэн" }, { "chi", "чи" }, { "chong", "чун" }, { "chou", "чоу" }, { "chu", "чу" },
  { "chua", "чуа" }, { "chuai", "чуай" }, { "chuan", "чуань" }, { "chuang", "чуан" },
  { "chui", "чуй" }, { "chun", "чунь" }, { "chuo", "чо" }, { "ci", "цы" }, { "cong", "цун" },
  { "cou", "цоу" }, { "cu", "цу" }, { "cuan", "цуань" }, { "cui", "цуй" }, { "cun", "цунь" },
  { "cuo", "цо" }, { "da", "да" }, { "dai", "дай" }, { "dan", "дань" }, { "dang", "дан" },
  { "dao", "дао" }, { "de", "дэ" }, { "dei", "дэй" }, { "den", "дэнь" }, { "deng", "дэн" },
  { "di", "ди" }, { "dia", "дя" }, { "dian", "дянь" }, { "diao", "дяо" }, { "die", "де" },
  { "ding", "дин" }, { "diu", "дю" }, { "dong", "дун" }, { "dou", "доу" }, { "du", "ду" },
  { "duan", "дуань" }, { "dui", "дуй" }, { "dun", "дунь" }, { "duo", "до" }, { "e", "э" },
  { "ei", "эй" }, { "en", "энь" }, { "eng", "эн" }, { "er", "эр" }, { "fa", "фа" },
  { "fan", "фань" }, { "fang", "фан" }, { "fei", "фэй" }, { "fen", "фэнь" }, { "feng", "фэн" },
  { "fo", "фо" }, { "fou", "фоу" }, { "fu", "фу" }, { "ga", "га" }, { "gai", "гай" },
  { "gan", "гань" }, { "gang", "ган" }, { "gao", "гао" }, { "ge", "гэ" }, { "gei", "гэй" },
  { "gen", "гэнь" }, { "geng", "гэн" }, { "gong", "гун" }, { "gou", "гоу" }, { "gu", "гу" },
  { "gua", "гуа" }, { "guai", "гуай" }, { "guan", "гуань" }, { "guang", "гуан" },
  { "gui", "гуй" }, { "gun", "гунь" }, { "guo", "го" }, { "ha", "ха" }, { "hai", "хай" },
  { "han", "хань" }, { "hang", "хан" }, { "hao", "хао" }, { "he", "хэ" }, { "hei", "хэй" },
  { "hen", "хэнь" }, { "heng", "хэн" }, { "hong", "хун" }, { "hou", "хоу" }, { "hu", "ху" },
  { "hua", "хуа" }, { "huai", "хуай" }, { "huan", "хуань" }, { "huang", "хуан" },
  { "hui", "хуэй" }, { "hun", "хунь" }, { "huo", "хо" }, { "ji", "цзи" }, { "jia", "цзя" },
  { "jian", "цзянь" }, { "jiang", "цзян" }, { "jiao", "цзяо" }, { "jie", "цзе" },
  { "jin", "цзинь" }, { "jing", "цзин" }, { "jiong", "цзюн" }, { "jiu", "цзю" },
  { "ju", "цзюй" }, { "juan", "цзюань" }, { "jue", "цзюэ" }, { "jun", "цзюнь" }, { "ka", "ка" },
  { "kai", "кай" }, { "kan", "кань" }, { "kang", "кан" }, { "kao", "као" }, { "ke", "кэ" },
  { "kei", "кэй" }, { "ken", "кэнь" }, { "keng", "кэн" }, { "kong", "кун" }, { "kou", "коу" },
  { "ku", "ку" }, { "kua", "куа" }, { "kuai", "куай" }, { "kuan", "куань" }, { "kuang", "куан" },
  { "kui", "куй" }, { "kun", "кунь" }, { "kuo", "ко" }, { "la", "ла" }, { "lai", "лай" },
  { "lan", "лань" }, { "lang", "лан" }, { "lao", "лао" }, { "le", "лэ" }, { "lei", "лэй" },
  { "leng", "лэн" }, { "li", "ли" }, { "lia", "ля" }, { "lian", "лянь" }, { "liang", "лян" },
  { "liao", "ляо" }, { "lie", "ле" }, { "lin", "линь" }, { "ling", "лин" }, { "liu", "лю" },
  { "lo", "ло" }, { "long", "лун" }, { "lou", "лоу" }, { "lu", "лу" }, { "luan", "луань" },
  { "lun", "лунь" }, { "luo", "ло" }, { "lv", "люй" }, { "lve", "люэ" }, { "ma", "ма" },
  { "mai", "май" }, { "man", "мань" }, { "mang", "ман" }, { "mao", "мао" }, { "me", "мэ" },
  { "mei", "мэй" }, { "men", "мэнь" }, { "meng", "мэн" }, { "mi", "ми" }, { "mian", "мянь" },
  { "miao", "мяо" }, { "mie", "ме" }, { "min", "минь" }, { "ming", "мин" }, { "miu", "мю" },
  { "mo", "мо" }, { "mou", "моу" }, { "mu", "му" }, { "na", "на" }, { "nai", "най" },
  { "nan", "нань" }, { "nang", "нан" }, { "nao", "нао" }, { "ne", "нэ" }, { "nei", "нэй" },
  { "nen", "нэнь" }, { "neng", "нэн" }, { "ni", "ни" }, { "nian", "нянь" }, { "niang", "нян" },
  { "niao", "няо" }, { "nie", "не" }, { "nin", "нинь" }, { "ning", "нин" }, { "niu", "ню" },
  { "nong", "нун" }, { "nou", "ноу" }, { "nu", "ну" }, { "nuan", "нуань" }, { "nuo", "но" },
  { "nv", "нюй" }, { "nve", "нюэ" }, { "o", "о" }, { "ou", "оу" }, { "pa", "па" },
  { "pai", "пай" }, { "pan", "пань" }, { "pang", "пан" }, { "pao", "пао" }, { "pei", "пэй" },
  { "pen", "пэнь" }, { "peng", "пэн" }, { "pi", "пи" }, { "pian", "пянь" }, { "piao", "пяо" },
  { "pie", "пе" }, { "pin", "пинь" }, { "ping", "пин" }, { "po", "по" }, { "pou", "поу" },
  { "pu", "пу" }, { "qi", "ци" }, { "qia", "ця" }, { "qian", "цянь" }, { "qiang", "цян" },
  { "qiao", "цяо" }, { "qie", "це" }, { "qin", "цинь" }, { "qing", "цин" }, { "qiong", "цюн" },
  { "qiu", "цю" }, { "qu", "цюй" }, { "quan", "цюань" }, { "que", "цюэ" }, { "qun", "цюнь" },
  { "ran", "жань" }, { "rang", "жан" }, { "rao", "жао" }, { "re", "жэ" }, { "ren", "жэнь" },
  { "reng", "жэн" }, { "ri", "жи" }, { "rong", "жун" }, { "rou", "жоу" }, { "ru", "жу" },
  { "rua", "жуа" }, { "ruan", "жуань" }, { "rui", "жуй" }, { "run", "жунь" }, { "ruo", "жо" },
  { "sa", "са" }, { "sai", "сай" }, { "san", "сань" }, { "sang", "сан" }, { "sao", "сао" },
  { "se", "сэ" }, { "sen", "сэнь" }, { "seng", "сэн" }, { "sha", "ша" }, { "shai", "шай" },
  { "shan", "шань" }, { "shang", "шан" }, { "shao", "шао" }, { "she", "шэ" }, { "shei", "шэй" },
  { "shen", "шэнь" }, { "sheng", "шэн" }, { "shi", "ши" }, { "shou", "шоу" }, { "shu", "шу" },
  { "shua", "шуа" }, { "shuai", "шуай" }, { "shuan", "шуань" }, { "shuang", "шуан" },
  { "shui", "шуй" }, { "shun", "шунь" }, { "shuo", "шо" }, { "si", "сы" }, { "song", "сун" },
  { "sou", "соу" }, { "su", "су" }, { "suan", "суань" }, { "sui", "суй" }, { "sun", "сунь" },
  { "suo", "со" }, { "ta", "та" }, { "tai", "тай" }, { "tan", "тань" }, { "tang", "тан" },
  { "tao", "тао" }, { "te", "тэ" }, { "teng", "тэн" }, { "ti", "ти" }, { "tian", "тянь" },
  { "tiao", "тяо" }, { "tie", "те" }, { "ting", "тин" }, { "tong", "тун" }, { "tou", "тоу" },
  { "tu", "ту" }, { "tuan", "туань" }, { "tui", "туй" }, { "tun", "тунь" }, { "tuo", "то" },
  { "wa", "ва" }, { "wai", "вай" }, { "wan", "вань" }, { "wang", "ван" }, { "wei", "вэй" },
  { "wen", "вэнь" }, { "weng", "вэн" }, { "wo", "во" }, { "wu", "у" }, { "xi", "си" },
  { "xia", "ся" }, { "xian", "сянь" }, { "xiang", "сян" }, { "xiao", "сяо" }, { "xie", "се" },
  { "xin", "синь" }, { "xing", "син" }, { "xiong", "сюн" }, { "xiu", "сю" }, { "xu", "сюй" },
  { "xuan", "сюань" }, { "xue", "сюэ" }, { "xun", "сюнь" }, { "ya", "я" }, { "yan", "янь" },
  { "yang", "ян" }, { "yao", "яо" }, { "ye", "е" }, { "yi", "и" }, { "yin", "инь" },
  { "ying", "ин" }, { "yo", "ё" }, { "yong", "юн" }, { "you", "ю" }, { "yu", "юй" },
  { "yuan", "юань" }, { "yue", "юэ" }, { "yun", "юнь" }, { "za", "цза" }, { "zai", "цзай" },
  { "zan", "цзань" }, { "zang", "цзан" }, { "zao", "цзао" }, { "ze", "цзэ" }, { "zei", "цзэй" },
  { "zen", "цзэнь" }, { "zeng", "цзэн" }, { "zha", "чжа" }, { "zhai", "чжай" },
  { "zhan", "чжань" }, { "zhang", "чжан" }, { "zhao", "чжао" }, { "zhe", "чжэ" },
  { "zhei", "чжэй" }, { "zhen", "чжэнь" }, { "zheng", "чжэн" }, { "zhi", "чжи" },
  { "zhong", "чжун" }, { "zhou", "чжоу" }, { "zhu", "чжу" }, { "zhua", "чжуа" },
  { "zhuai", "чжуай" }, { "zhuan", "чжуань" }, { "zhuang", "чжуан" }, { "zhui", "чжуй" },
  { "zhun", "чжунь" }, { "zhuo", "чжо" }, { "zi", "цзы" }, { "zong", "цзун" }, { "zou", "цзоу" },
  { "zu", "цзу" }, { "zuan", "цзуань" }, { "zui", "цзуй" }, { "zun", "цзунь" }, { "zuo", "цзо" },
};

/* Spellings older books and some offices use, accepted when reading
 * Palladius back into pinyin (same sources). */
static const Syllable palladius_variants[] = {
  { "hui", "хуй" }, { "hui", "хой" }, { "yue", "юе" }, { "jue", "цзюе" }, { "que", "цюе" },
  { "xue", "сюе" }, { "nve", "нюе" }, { "lve", "люе" }, { "feng", "фын" }, { "chuo", "чуо" },
  { "duo", "дуо" }, { "guo", "гуо" }, { "huo", "хуо" }, { "kuo", "куо" }, { "shuo", "шуо" },
};

/* ----------------------------------------------------------------------- */
/* Russian Cyrillic to passport Latin                                       */
/* ----------------------------------------------------------------------- */

/* Per letter, lower case, а…я then ё, і, ї, є, ґ: ICAO Doc 9303 Part 3
 * (8th ed., 2021), section 6 "Transliteration of multinational characters",
 * Cyrillic table, used in Russian passports since 2014 (FMS order 320 of
 * 15.10.2012 and its successors); GOST R 52535.1-2006 Appendix A (passports
 * 2010–2014: ц → tc, ъ dropped); the MVD order 310 of 1997 (passports before
 * 2010: й → y, ю → yu, я → ya, ь and ъ dropped). */
static const char *const russian_latin[][3] = {
  /* ICAO      GOST 52535  MVD 1997 */
  { "a", "a", "a" },          { "b", "b", "b" },       { "v", "v", "v" },
  { "g", "g", "g" },          { "d", "d", "d" },       { "e", "e", "e" },
  { "zh", "zh", "zh" },       { "z", "z", "z" },       { "i", "i", "i" },
  { "i", "i", "y" },          { "k", "k", "k" },       { "l", "l", "l" },
  { "m", "m", "m" },          { "n", "n", "n" },       { "o", "o", "o" },
  { "p", "p", "p" },          { "r", "r", "r" },       { "s", "s", "s" },
  { "t", "t", "t" },          { "u", "u", "u" },       { "f", "f", "f" },
  { "kh", "kh", "kh" },       { "ts", "tc", "ts" },    { "ch", "ch", "ch" },
  { "sh", "sh", "sh" },       { "shch", "shch", "shch" },
  { "ie", "", "" },           { "y", "y", "y" },       { "", "", "" },
  { "e", "e", "e" },          { "iu", "iu", "yu" },    { "ia", "ia", "ya" },
  /* ё, і, ї, є, ґ */
  { "e", "e", "e" },          { "i", "i", "i" },       { "i", "i", "yi" },
  { "ie", "ie", "ye" },       { "g", "g", "g" },
};

/* ----------------------------------------------------------------------- */
/* Russian names in Chinese characters                                      */
/* ----------------------------------------------------------------------- */

/* The Russian-Chinese transcription table (俄汉译音表) of Xinhua's
 * 《俄语姓名译名手册》 (Commercial Press), the table GB/T 17693.4-2009 "外语地名
 * 汉字译写导则 俄语" also gives; as reproduced in zh.wikipedia.org
 * "Wikipedia:外语译音表/俄语" and in 《英汉大词典》 appendix 4 (4); cell by cell
 * checked against CLDR's ru-zh transform (common/transforms/ru-zh.xml, which
 * encodes GB/T 17693.4-2009), differing where the name table differs from
 * the place-name one (зай 扎伊, not 宰) or CLDR errs (ся 夏).  One row per
 * consonant (дз read as з, тс дс тц дц as ц, тч дч as ч, сч as щ), one
 * column per vowel; ай, ау/ао, уй and a vowel followed by н that ends a
 * syllable (ан, ян, ен, эн/ын, ин, он, ун, юн) have columns of their own.
 * Column order: alone, а, я, э/эй, е/ей, ы/ый, и/ий/ь, о, ё/йо, у, ю,
 * ай, ау/ао, уй, ан, ян, ен, эн/ын, ин, он, ун, юн. */
typedef enum
{
  COL_NONE, COL_A, COL_YA, COL_E, COL_YE, COL_Y, COL_I, COL_O, COL_YO, COL_U, COL_YU,
  COL_AI, COL_AO, COL_UI, COL_AN, COL_YAN, COL_YEN, COL_EN, COL_IN, COL_ON, COL_UN,
  COL_YUN, N_COLS
} Column;

typedef struct
{
  const char *consonant;   /* "" for a vowel alone */
  const char *cells;       /* N_COLS syllables, separated by spaces */
} RussianRow;

static const RussianRow russian_chinese[] = {
  { "",   "伊 阿 亚 埃 耶 厄 伊 奥 约 乌 尤 艾 奥 乌伊 安 扬 延 恩 因 翁 温 云" },
  { "б",  "布 巴 比亚 贝 别 贝 比 博 比奥 布 比尤 拜 包 布伊 班 比扬 边 本 宾 邦 本 比尤恩" },
  { "п",  "普 帕 皮亚 佩 佩 佩 皮 波 皮奥 普 皮尤 派 保 普伊 潘 皮扬 片 彭 平 蓬 蓬 皮尤恩" },
  { "д",  "德 达 佳 代 杰 德 季 多 焦 杜 久 代 道 杜伊 丹 江 坚 登 金 东 敦 久恩" },
  { "т",  "特 塔 佳 泰 捷 特 季 托 乔 图 秋 泰 陶 图伊 坦 江 坚 滕 京 通 通 秋恩" },
  { "г",  "格 加 吉亚 盖 格 格 吉 戈 吉奥 古 久 盖 高 圭 甘 吉扬 根 根 金 贡 贡 久恩" },
  { "к",  "克 卡 基亚 凯 克 克 基 科 基奥 库 丘 凯 考 奎 坎 基扬 肯 肯 金 孔 昆 丘恩" },
  { "в",  "夫 瓦 维亚 韦 韦 维 维 沃 维奥 武 维尤 瓦伊 沃 维 万 维扬 文 文 温 翁 文 维尤恩" },
  { "ф",  "夫 法 菲亚 费 费 菲 菲 福 菲奥 富 菲尤 法伊 福 富伊 凡 菲扬 芬 芬 芬 丰 丰 菲尤恩" },
  { "з",  "兹 扎 贾 泽 泽 济 济 佐 焦 祖 久 扎伊 藻 祖伊 赞 江 津 曾 津 宗 尊 久恩" },
  { "с",  "斯 萨 夏 塞 谢 瑟 西 索 肖 苏 休 赛 绍 绥 桑 相 先 森 辛 松 孙 休恩" },
  { "ж",  "日 扎 扎 热 热 日 日 若 若 茹 茹 扎伊 饶 瑞 然 让 任 任 任 容 容 茹恩" },
  { "ш",  "什 沙 沙 舍 舍 希 希 绍 绍 舒 舒 沙伊 绍 舒伊 尚 尚 申 申 申 雄 顺 休恩" },
  { "дж", "季 贾 贾 杰 杰 吉 吉 焦 焦 朱 久 贾伊 焦 朱伊 占 江 真 真 金 忠 准 久恩" },
  { "ч",  "奇 恰 恰 切 切 奇 奇 乔 乔 丘 丘 柴 乔 崔 昌 强 琴 琴 钦 琼 春 丘恩" },
  { "щ",  "什 夏 夏 谢 谢 希 希 晓 晓 休 休 夏伊 肖 休伊 先 先 先 欣 辛 雄 逊 休恩" },
  { "ц",  "茨 察 齐亚 采 采 齐 齐 措 措 楚 秋 采 曹 崔 灿 灿 岑 岑 钦 聪 聪 秋恩" },
  { "х",  "赫 哈 希亚 海 赫 黑 希 霍 希奥 胡 休 海 豪 惠 汉 希扬 亨 亨 欣 洪 洪 休恩" },
  { "м",  "姆 马 米亚 梅 梅 梅 米 莫 苗 穆 缪 迈 毛 穆伊 曼 米扬 缅 门 明 蒙 蒙 缪恩" },
  { "н",  "恩 纳 尼亚 内 涅 内 尼 诺 尼奥 努 纽 奈 瑙 努伊 南 尼扬 年 嫩 宁 农 农 纽恩" },
  { "л",  "尔 拉 利亚 莱 列 雷 利 洛 廖 卢 柳 莱 劳 卢伊 兰 良 连 伦 林 隆 伦 柳恩" },
  { "р",  "尔 拉 里亚 雷 列 雷 里 罗 廖 鲁 留 赖 劳 鲁伊 兰 良 连 伦 林 龙 伦 留恩" },
};

/* The same table's characters for women's names (in brackets in the
 * table); the code uses them for the last syllable of a woman's name, and
 * 娅 for 亚 there. */
typedef struct
{
  const char *consonant;
  Column column;
  const char *hanzi;
} FemaleCell;

static const FemaleCell russian_chinese_female[] = {
  { "б", COL_A, "芭" },  { "в", COL_A, "娃" },  { "с", COL_A, "莎" },  { "ш", COL_A, "莎" },
  { "м", COL_A, "玛" },  { "н", COL_A, "娜" },  { "н", COL_I, "妮" },  { "л", COL_I, "莉" },
  { "р", COL_I, "丽" },  { "л", COL_IN, "琳" }, { "р", COL_IN, "琳" }, { "ж", COL_YEN, "珍" },
  { "л", COL_E, "蕾" },  { "р", COL_E, "蕾" },  { "д", COL_E, "黛" },  { "р", COL_O, "萝" },
  { "с", COL_YU, "秀" }, { "с", COL_YA, "霞" },
};

/* Men's names that end in а or я, which otherwise mark a woman's name.
 * Source: the given names of 《俄语姓名译名手册》. */
static const char *const russian_male_in_a[] = {
  "никита", "илья", "фома", "лука", "кузьма", "саша", "миша", "гриша", "ваня", "петя",
  "коля", "серёжа", "сережа", "дима", "володя", "савва", "добрыня", "фока", "яша",
};

/* Established forms that the handbook lists instead of the table's: the
 * most frequent given names, the surnames made from them, and people whose
 * name has a form fixed by usage.  A woman's surname follows from the man's
 * (-ов 夫 → -ова 娃).  ё is written е as often as not: both are looked up.
 * Sources: 《俄语姓名译名手册》 (Xinhua, 1982); the given-name list of
 * zh.wikipedia.org "俄罗斯人名"; for a person, the title of his or her
 * article in the Chinese Wikipedia. */
typedef struct
{
  const char *russian;
  const char *chinese;
} RussianForm;

static const RussianForm russian_established[] = {
  { "александр", "亚历山大" }, { "александра", "亚历山德拉" }, { "алексей", "阿列克谢" },
  { "анастасия", "阿纳斯塔西娅" }, { "андреев", "安德烈耶夫" }, { "андрей", "安德烈" }, { "анна", "安娜" },
  { "антон", "安东" }, { "борис", "鲍里斯" }, { "борисов", "鲍里索夫" }, { "брежнев", "勃列日涅夫" },
  { "вадим", "瓦季姆" }, { "валентина", "瓦莲京娜" }, { "валерий", "瓦列里" }, { "василий", "瓦西里" },
  { "васильев", "瓦西里耶夫" }, { "вера", "薇拉" }, { "виктор", "维克托" }, { "виктория", "维多利亚" },
  { "владимир", "弗拉基米尔" }, { "галина", "加林娜" }, { "георгий", "格奥尔吉" }, { "гоголь", "果戈里" },
  { "горький", "高尔基" }, { "григорий", "格里戈里" }, { "дарья", "达里娅" }, { "дмитрий", "德米特里" },
  { "достоевский", "陀思妥耶夫斯基" }, { "евгений", "叶夫根尼" }, { "евгения", "叶夫根尼娅" },
  { "екатерина", "叶卡捷琳娜" }, { "елена", "叶莲娜" }, { "жуков", "朱可夫" }, { "иван", "伊万" },
  { "иванов", "伊万诺夫" }, { "игорь", "伊戈尔" }, { "илья", "伊利亚" }, { "ирина", "伊琳娜" },
  { "константин", "康斯坦丁" }, { "ксения", "克谢尼娅" }, { "лариса", "拉丽莎" }, { "ленин", "列宁" },
  { "лобачевский", "罗巴切夫斯基" }, { "любовь", "柳博芙" }, { "людмила", "柳德米拉" }, { "максим", "马克西姆" },
  { "марина", "玛丽娜" }, { "мария", "玛丽亚" }, { "менделеев", "门捷列夫" }, { "михаил", "米哈伊尔" },
  { "михайлов", "米哈伊洛夫" }, { "надежда", "娜杰日达" }, { "наталья", "娜塔莉娅" }, { "николаев", "尼古拉耶夫" },
  { "николай", "尼古拉" }, { "олег", "奥列格" }, { "ольга", "奥尔加" }, { "павел", "帕维尔" },
  { "павлов", "巴甫洛夫" }, { "петров", "彼得罗夫" }, { "путин", "普京" }, { "пушкин", "普希金" },
  { "пётр", "彼得" }, { "роман", "罗曼" }, { "романов", "罗曼诺夫" }, { "светлана", "斯韦特兰娜" },
  { "семён", "谢苗" }, { "сергей", "谢尔盖" }, { "сталин", "斯大林" }, { "станислав", "斯坦尼斯拉夫" },
  { "степан", "斯捷潘" }, { "степанов", "斯捷潘诺夫" }, { "суворов", "苏沃洛夫" }, { "татьяна", "塔季扬娜" },
  { "тимофей", "季莫费伊" }, { "толстой", "托尔斯泰" }, { "тургенев", "屠格涅夫" }, { "фёдор", "费奥多尔" },
  { "фёдоров", "费奥多罗夫" }, { "чайковский", "柴可夫斯基" }, { "чехов", "契诃夫" },
  { "шостакович", "肖斯塔科维奇" }, { "юлия", "尤利娅" }, { "юрий", "尤里" },
};

/* ----------------------------------------------------------------------- */
/* Helpers                                                                  */
/* ----------------------------------------------------------------------- */

static void
append_capitalized (GString    *out,
                    const char *word)
{
  if (*word == '\0')
    return;
  gunichar first = g_utf8_get_char (word);
  g_string_append_unichar (out, g_unichar_totitle (first));
  g_string_append (out, g_utf8_next_char (word));
}

/* Lower-case ASCII letters of a Latin string, marks removed.  For
 * syllables, ü is kept as v and the separators (space, apostrophe, hyphen)
 * too; for a key, only the letters remain. */
static char *
fold_latin (const char *text,
            gboolean    for_syllables)
{
  g_autofree char *nfd = g_utf8_normalize (text, -1, G_NORMALIZE_NFD);
  GString *out = g_string_new (NULL);

  for (const char *p = nfd; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_unichar_tolower (g_utf8_get_char (p));
      if (c == 0x0308 && for_syllables && out->len > 0 && out->str[out->len - 1] == 'u')
        out->str[out->len - 1] = 'v';
      else if (c >= 'a' && c <= 'z')
        g_string_append_c (out, (char) c);
      else if (for_syllables && (c == ' ' || c == '\'' || c == '-'))
        g_string_append_c (out, (char) c);
      else if (for_syllables && c == 0x2019)
        g_string_append_c (out, '\'');
    }
  return g_string_free (out, FALSE);
}

static gboolean
is_russian_vowel (gunichar c)
{
  return c != 0 && g_utf8_strchr ("аеёиоуыэюя", -1, c) != NULL;
}

static gboolean
has_script (const char     *text,
            GUnicodeScript  script)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_get_script (g_utf8_get_char (p)) == script)
      return TRUE;
  return FALSE;
}

/* ----------------------------------------------------------------------- */
/* Pinyin                                                                   */
/* ----------------------------------------------------------------------- */

static UTransliterator *
get_han_latin (void)
{
  UTransliterator *transliterator = g_private_get (&han_latin_private);

  if (transliterator == NULL)
    {
      UErrorCode status = U_ZERO_ERROR;
      transliterator = utrans_openU (han_latin_id, -1, UTRANS_FORWARD, NULL, 0, NULL, &status);
      if (U_FAILURE (status))
        {
          g_critical ("ICU cannot open Han-Latin: %s", u_errorName (status));
          return NULL;
        }
      g_private_set (&han_latin_private, transliterator);
    }
  return transliterator;
}

/* ICU's reading of Chinese characters, syllables separated by spaces, with
 * tone marks. */
static char *
han_to_latin (const char *text)
{
  UTransliterator *transliterator = get_han_latin ();
  UErrorCode status = U_ZERO_ERROR;
  int32_t length = 0;

  if (transliterator == NULL)
    return NULL;
  u_strFromUTF8 (NULL, 0, &length, text, -1, &status);
  status = U_ZERO_ERROR;
  int32_t capacity = length * 8 + 16;
  g_autofree UChar *buffer = g_new (UChar, capacity);
  u_strFromUTF8 (buffer, capacity, &length, text, -1, &status);
  int32_t limit = length;
  utrans_transUChars (transliterator, buffer, &length, capacity, 0, &limit, &status);
  if (U_FAILURE (status))
    return NULL;

  int32_t out_length = 0;
  u_strToUTF8 (NULL, 0, &out_length, buffer, length, &status);
  status = U_ZERO_ERROR;
  char *out = g_malloc (out_length + 1);
  u_strToUTF8 (out, out_length + 1, NULL, buffer, length, &status);
  return out;
}

static void
free_readings (gpointer readings)
{
  g_hash_table_unref (readings);
}

static GPrivate readings_private = G_PRIVATE_INIT (free_readings);

/* ICU's reading of one character, toneless, ü as v.  Remembered per thread:
 * the transform is by far the slowest step, and names repeat characters. */
static const char *
han_reading (gunichar c)
{
  GHashTable *readings = g_private_get (&readings_private);
  char *reading;

  if (readings == NULL)
    {
      readings = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
      g_private_set (&readings_private, readings);
    }
  reading = g_hash_table_lookup (readings, GUINT_TO_POINTER (c));
  if (reading == NULL)
    {
      char utf8[8] = { 0 };
      g_unichar_to_utf8 (c, utf8);
      g_autofree char *latin = han_to_latin (utf8);
      reading = g_strstrip (latin != NULL ? fold_latin (latin, TRUE) : g_strdup (""));
      g_hash_table_insert (readings, GUINT_TO_POINTER (c), reading);
    }
  return reading;
}

/* The toneless syllables of the Chinese characters of a text (ü as v). */
static void
append_han_syllables (GPtrArray  *syllables,
                      const char *hanzi)
{
  for (const char *p = hanzi; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_get_script (c) != G_UNICODE_SCRIPT_HAN)
        continue;
      const char *reading = han_reading (c);
      if (*reading != '\0')
        g_ptr_array_add (syllables, g_strdup (reading));
    }
}

/* Every character in its frequent reading, no family-name reading. */
static char *
han_plain_pinyin (const char *hanzi)
{
  g_autoptr(GPtrArray) syllables = g_ptr_array_new_with_free_func (g_free);

  append_han_syllables (syllables, hanzi);
  g_ptr_array_add (syllables, NULL);
  return g_strjoinv (" ", (GStrv) syllables->pdata);
}

static gsize
family_name_length (const char *hanzi)
{
  for (gsize i = 0; i < G_N_ELEMENTS (compound_surnames); i++)
    if (g_str_has_prefix (hanzi, compound_surnames[i]))
      return strlen (compound_surnames[i]);
  return g_utf8_next_char (hanzi) - hanzi;
}

/* The family name's syllables, read as a family name. */
static void
append_family_syllables (GPtrArray  *syllables,
                         const char *family)
{
  for (gsize i = 0; i < G_N_ELEMENTS (surname_readings); i++)
    if (g_str_has_prefix (family, surname_readings[i].hanzi))
      {
        g_auto(GStrv) parts = g_strsplit (surname_readings[i].pinyin, " ", -1);
        for (guint j = 0; parts[j] != NULL; j++)
          g_ptr_array_add (syllables, g_strdup (parts[j]));
        append_han_syllables (syllables, family + strlen (surname_readings[i].hanzi));
        return;
      }
  append_han_syllables (syllables, family);
}

/* A Chinese name split in family and given syllables.  Returns FALSE when
 * the text holds no Chinese character. */
static gboolean
chinese_name_syllables (const char *hanzi,
                        GPtrArray  *family,
                        GPtrArray  *given)
{
  g_autofree char *text = g_strstrip (g_strdup (hanzi));
  const char *rest;

  if (!has_script (text, G_UNICODE_SCRIPT_HAN))
    return FALSE;
  rest = strstr (text, " ");
  if (rest == NULL)
    rest = strstr (text, "\xc2\xb7");  /* the middle dot */
  if (rest == NULL)
    {
      g_autofree char *first = g_strndup (text, family_name_length (text));
      append_family_syllables (family, first);
      append_han_syllables (given, text + strlen (first));
    }
  else
    {
      g_autofree char *first = g_strndup (text, rest - text);
      append_family_syllables (family, first);
      append_han_syllables (given, rest);
    }
  return TRUE;
}

/* ----------------------------------------------------------------------- */
/* Palladius                                                                */
/* ----------------------------------------------------------------------- */

static int
compare_syllable (const void *key,
                  const void *element)
{
  return strcmp (key, ((const Syllable *) element)->pinyin);
}

static const char *
palladius_of (const char *syllable)
{
  const Syllable *found = bsearch (syllable, palladius, G_N_ELEMENTS (palladius),
                                   sizeof (Syllable), compare_syllable);
  return found != NULL ? found->cyrillic : NULL;
}

/* The Cyrillic syllables back to pinyin; where two pinyin syllables share a
 * spelling (lo, luo → ло) the later, more frequent one wins. */
static GHashTable *
get_palladius_reverse (void)
{
  static GHashTable *reverse;

  if (g_once_init_enter (&reverse))
    {
      GHashTable *table = g_hash_table_new (g_str_hash, g_str_equal);
      for (gsize i = 0; i < G_N_ELEMENTS (palladius_variants); i++)
        g_hash_table_insert (table, (gpointer) palladius_variants[i].cyrillic,
                             (gpointer) palladius_variants[i].pinyin);
      for (gsize i = 0; i < G_N_ELEMENTS (palladius); i++)
        g_hash_table_insert (table, (gpointer) palladius[i].cyrillic,
                             (gpointer) palladius[i].pinyin);
      g_once_init_leave (&reverse, table);
    }
  return reverse;
}

/* A pinyin syllable as the table spells it, also when written as Chinese
 * passports write ü after l and n (LYU for 吕, NYU for 女). */
static const char *
pinyin_syllable (const char *syllable)
{
  static const char *const passport_spellings[][2] = {
    { "lyu", "lv" }, { "lyue", "lve" }, { "nyu", "nv" }, { "nyue", "nve" },
  };

  if (palladius_of (syllable) != NULL)
    return syllable;
  for (gsize i = 0; i < G_N_ELEMENTS (passport_spellings); i++)
    if (strcmp (syllable, passport_spellings[i][0]) == 0)
      return passport_spellings[i][1];
  return NULL;
}

static gboolean
split_from (const char *word,
            gsize       at,
            gboolean    cyrillic,
            gboolean   *failed,
            GPtrArray  *out)
{
  GHashTable *reverse = get_palladius_reverse ();
  gsize rest = strlen (word + at);
  gsize longest = cyrillic ? 12 : 6;  /* bytes: чжуань, zhuang */

  if (rest == 0)
    return TRUE;
  if (failed[at])
    return FALSE;
  for (gsize n = MIN (rest, longest); n > 0; n--)
    {
      g_autofree char *head = g_strndup (word + at, n);
      const char *pinyin = cyrillic ? g_hash_table_lookup (reverse, head)
                                    : pinyin_syllable (head);
      if (pinyin == NULL)
        continue;
      /* Palladius writes ъ between -н and a vowel: without it, хунин is
       * hu-nin, not hong-ying. */
      if (cyrillic && g_str_has_suffix (head, "н")
          && is_russian_vowel (g_utf8_get_char (word + at + n)))
        continue;
      g_ptr_array_add (out, g_strdup (pinyin));
      if (split_from (word, at + n, cyrillic, failed, out))
        return TRUE;
      g_ptr_array_remove_index (out, out->len - 1);
    }
  failed[at] = TRUE;
  return FALSE;
}

/* Splits a toneless word into syllables, the longest first, backtracking
 * where a longer one leaves no valid rest (xian, not xi'an).  A position
 * found to lead nowhere is not tried again, so that a long word of
 * ambiguous syllables takes linear time. */
static gboolean
split_syllables (const char *word,
                 gboolean    cyrillic,
                 GPtrArray  *out)
{
  g_autofree gboolean *failed = g_new0 (gboolean, strlen (word) + 1);

  return split_from (word, 0, cyrillic, failed, out);
}

/* One word of syllables in Palladius, with ъ between -н and a vowel. */
static void
append_palladius_word (GString   *out,
                       GPtrArray *syllables)
{
  g_autoptr(GString) word = g_string_new (NULL);

  for (guint i = 0; i < syllables->len; i++)
    {
      const char *cyrillic = palladius_of (g_ptr_array_index (syllables, i));
      if (cyrillic == NULL)
        cyrillic = g_ptr_array_index (syllables, i);
      if (g_str_has_suffix (word->str, "н") && is_russian_vowel (g_utf8_get_char (cyrillic)))
        g_string_append (word, "ъ");
      g_string_append (word, cyrillic);
    }
  if (out->len > 0)
    g_string_append_c (out, ' ');
  append_capitalized (out, word->str);
}

static void
append_pinyin_word (GString   *out,
                    GPtrArray *syllables)
{
  g_autoptr(GString) word = g_string_new (NULL);

  for (guint i = 0; i < syllables->len; i++)
    {
      const char *syllable = g_ptr_array_index (syllables, i);
      /* Xi'an, Wu Cheng'en: the apostrophe of the pinyin rules. */
      if (i > 0 && strchr ("aoe", *syllable) != NULL)
        g_string_append_c (word, '\'');
      for (const char *c = syllable; *c != '\0'; c++)
        g_string_append (word, *c == 'v' ? "yu" : (char[]) { *c, '\0' });
    }
  if (word->len == 0)
    return;
  if (out->len > 0)
    g_string_append_c (out, ' ');
  append_capitalized (out, word->str);
}

/* ----------------------------------------------------------------------- */
/* Russian                                                                  */
/* ----------------------------------------------------------------------- */

static int
russian_letter_index (gunichar c)
{
  static const gunichar extra[] = { 0x0451, 0x0456, 0x0457, 0x0454, 0x0491 };

  if (c >= 0x0430 && c <= 0x044F)
    return c - 0x0430;
  for (gsize i = 0; i < G_N_ELEMENTS (extra); i++)
    if (c == extra[i])
      return 32 + i;
  return -1;
}

static gboolean
is_male_in_a (const char *word)
{
  for (gsize i = 0; i < G_N_ELEMENTS (russian_male_in_a); i++)
    if (strcmp (word, russian_male_in_a[i]) == 0)
      return TRUE;
  return FALSE;
}

typedef struct
{
  char *cells[G_N_ELEMENTS (russian_chinese)][N_COLS];
} RussianGrid;

static const RussianGrid *
get_russian_grid (void)
{
  static RussianGrid *grid;

  if (g_once_init_enter (&grid))
    {
      RussianGrid *g = g_new0 (RussianGrid, 1);
      for (gsize row = 0; row < G_N_ELEMENTS (russian_chinese); row++)
        {
          g_auto(GStrv) cells = g_strsplit (russian_chinese[row].cells, " ", -1);
          g_assert (g_strv_length (cells) == N_COLS);
          for (int col = 0; col < N_COLS; col++)
            g->cells[row][col] = g_strdup (cells[col]);
        }
      g_once_init_leave (&grid, g);
    }
  return grid;
}

/* The row of the consonant at chars[i] and how many letters it takes. */
static int
russian_row (const gunichar *chars,
             gsize           i,
             gsize          *taken)
{
  static const struct { const char *letters; const char *row; } merged[] = {
    { "дж", "дж" }, { "дз", "з" }, { "тч", "ч" }, { "дч", "ч" }, { "сч", "щ" },
    { "тс", "ц" }, { "дс", "ц" }, { "тц", "ц" }, { "дц", "ц" },
  };
  char pair[16] = { 0 }, one[8] = { 0 };
  const char *row_name = NULL;

  g_unichar_to_utf8 (chars[i], one);
  if (chars[i + 1] != 0)
    {
      g_unichar_to_utf8 (chars[i], pair);
      g_unichar_to_utf8 (chars[i + 1], pair + strlen (pair));
    }
  *taken = 1;
  for (gsize k = 0; k < G_N_ELEMENTS (merged); k++)
    if (strcmp (pair, merged[k].letters) == 0)
      {
        row_name = merged[k].row;
        *taken = 2;
      }
  if (row_name == NULL)
    row_name = one;
  for (gsize row = 1; row < G_N_ELEMENTS (russian_chinese); row++)
    if (strcmp (russian_chinese[row].consonant, row_name) == 0)
      return row;
  *taken = 0;
  return -1;
}

/* The vowel column at chars[i] and how many letters it takes; the ending
 * н of a syllable belongs to it when no vowel follows. */
static Column
russian_column (const gunichar *chars,
                gsize           i,
                gsize          *taken)
{
  static const char vowels[] = "аяэеыиоёую";
  static const Column plain[] = { COL_A, COL_YA, COL_E, COL_YE, COL_Y, COL_I, COL_O,
                                  COL_YO, COL_U, COL_YU };
  static const Column with_n[] = { COL_AN, COL_YAN, COL_EN, COL_YEN, COL_EN, COL_IN,
                                   COL_ON, COL_YO, COL_UN, COL_YUN };
  const char *at = g_utf8_strchr (vowels, -1, chars[i]);
  gunichar next = chars[i + 1];
  gsize v;

  *taken = 1;
  if (at == NULL)
    return COL_NONE;
  v = g_utf8_pointer_to_offset (vowels, at);
  if (next == 0x0439 /* й */ && !is_russian_vowel (chars[i + 2]))
    {
      *taken = 2;
      switch (plain[v])
        {
        case COL_A: return COL_AI;
        case COL_U: return COL_UI;
        case COL_E: case COL_YE: case COL_Y: case COL_I: return plain[v];
        default: *taken = 1; return plain[v];
        }
    }
  if ((plain[v] == COL_A) && (next == 0x0443 || next == 0x043E) /* у, о */)
    {
      *taken = 2;
      return COL_AO;
    }
  if (next == 0x043D /* н */ && with_n[v] != plain[v])
    {
      gsize after = i + 2;
      if (chars[after] == 0x044C /* ь */)
        after++;
      if (!is_russian_vowel (chars[after]) && chars[after] != 0x044C)
        {
          *taken = after - i;
          return with_n[v];
        }
    }
  return plain[v];
}

static const char *
female_cell (int         row,
             Column      column)
{
  for (gsize k = 0; k < G_N_ELEMENTS (russian_chinese_female); k++)
    if (column == russian_chinese_female[k].column
        && strcmp (russian_chinese[row].consonant, russian_chinese_female[k].consonant) == 0)
      return russian_chinese_female[k].hanzi;
  return NULL;
}

/* One syllable of the table: its characters and its cell. */
typedef struct
{
  const char *hanzi;
  int row;
  Column column;
} Unit;

/* The column of what follows the consonant at chars[i] (taken letters
 * long): a vowel, ь, or nothing; *vowel_taken says how many letters. */
static Column
column_after_consonant (const gunichar *chars,
                        gsize           i,
                        gsize           taken,
                        gsize          *vowel_taken)
{
  gunichar next = chars[i + taken];

  *vowel_taken = 0;
  if (is_russian_vowel (next))
    return russian_column (chars, i + taken, vowel_taken);
  if (next != 0x044C /* ь */)
    return COL_NONE;

  gunichar after = chars[i + taken + 1];
  gboolean liquid = chars[i] == 0x043B || chars[i] == 0x0440;
  /* The table reads ьи as и and ью as ю (Ильич 伊利奇); before another
   * vowel ь is its own и (Васильев 瓦西里耶夫); л, р end a word as 尔. */
  *vowel_taken = (after == 0x0438 || after == 0x044E) ? 2 : 1;
  if (after == 0x044E)
    return COL_YU;
  return (!g_unichar_isalpha (after) && liquid) ? COL_NONE : COL_I;
}

/* The notes of the table that change a cell by its neighbours. */
static const char *
apply_table_notes (const gunichar *chars,
                   gsize           i,
                   gsize           taken,
                   const Unit     *unit)
{
  /* цов at the end of a word is 佐夫 (GB/T 17693.4-2009, table 1, note 8). */
  if (chars[i] == 0x0446 && unit->column == COL_O && chars[i + 2] == 0x0432
      && !g_unichar_isalpha (chars[i + 3]))
    return "佐";
  /* ч before т and г before к are read 什 and 赫 (notes of the table). */
  if (unit->column == COL_NONE && chars[i] == 0x0447 && chars[i + taken] == 0x0442)
    return "什";
  if (unit->column == COL_NONE && chars[i] == 0x0433 && chars[i + taken] == 0x043A)
    return "赫";
  if (i > 0)
    return unit->hanzi;
  /* е and я at the start of a word are 叶 and 雅 (Елена 叶莲娜, Егоров
   * 叶戈罗夫; Яков 雅科夫, Ярослав 雅罗斯拉夫, Яшин 雅辛 in the handbook);
   * в, ф alone there are 弗 (Владимир 弗拉基米尔; GB/T 17693.4-2009
   * table 1, note 4). */
  if (unit->row == 0 && unit->column == COL_YE)
    return "叶";
  if (unit->row == 0 && unit->column == COL_YA)
    return "雅";
  if (unit->column == COL_NONE && g_str_equal (unit->hanzi, "夫"))
    return "弗";
  return unit->hanzi;
}

/* The syllable of the table at chars[i], appended to units; returns the
 * letters it took. */
static gsize
russian_unit (const gunichar *chars,
              gsize           i,
              GArray         *units)
{
  const RussianGrid *grid = get_russian_grid ();
  gsize taken = 0, vowel_taken = 0;
  Unit unit = { NULL, 0, COL_NONE };

  if (!is_russian_vowel (chars[i]))
    {
      unit.row = russian_row (chars, i, &taken);
      if (unit.row < 0)
        return 1;  /* ъ, ь alone: their neighbours have read them */
      /* A doubled consonant is written once; нн keeps both (Анна 安娜). */
      if (taken == 1 && chars[i + 1] == chars[i] && chars[i] != 0x043D)
        taken++;
      unit.column = column_after_consonant (chars, i, taken, &vowel_taken);
    }
  else
    unit.column = russian_column (chars, i, &vowel_taken);
  unit.hanzi = grid->cells[unit.row][unit.column];
  unit.hanzi = apply_table_notes (chars, i, taken, &unit);
  g_array_append_val (units, unit);
  return taken + vowel_taken;
}

/* The syllables of a lower-case word.  й before a vowel starts it (йо
 * reads as ё); elsewhere, not after a vowel, it is 伊. */
static GArray *
russian_word_units (const char *lower)
{
  GArray *units = g_array_new (FALSE, FALSE, sizeof (Unit));
  glong length = 0;
  g_autofree gunichar *chars = g_utf8_to_ucs4_fast (lower, -1, &length);

  /* Three NULs after the end, so that the look-ahead needs no checks. */
  chars = g_renew (gunichar, chars, length + 3);
  chars[length] = chars[length + 1] = chars[length + 2] = 0;
  for (gsize i = 0; i < (gsize) length;)
    {
      if (chars[i] == 0x0439 && chars[i + 1] == 0x043E)
        chars[i + 1] = 0x0451;
      if (chars[i] == 0x0439)
        {
          if (!is_russian_vowel (chars[i + 1]))
            g_array_append_val (units, ((Unit) { "伊", 0, COL_I }));
          i++;
        }
      else if (!g_unichar_isalpha (chars[i]))
        i++;
      else
        i += russian_unit (chars, i, units);
    }
  return units;
}

/* ё read as е, so that both spellings find the established form. */
static char *
without_yo (const char *lower)
{
  g_auto(GStrv) parts = g_strsplit (lower, "ё", -1);
  return g_strjoinv ("е", parts);
}

static GHashTable *
get_established (void)
{
  static GHashTable *established;

  if (g_once_init_enter (&established))
    {
      GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (gsize k = 0; k < G_N_ELEMENTS (russian_established); k++)
        g_hash_table_insert (table, without_yo (russian_established[k].russian),
                             (gpointer) russian_established[k].chinese);
      g_once_init_leave (&established, table);
    }
  return established;
}

/* The established form of a lower-case word, or of the man's surname for
 * a woman's (Иванова from Иванов: 伊万诺夫 → 伊万诺娃). */
static gboolean
append_established (GString    *out,
                    const char *lower)
{
  g_autofree char *key = without_yo (lower);
  const char *form = g_hash_table_lookup (get_established (), key);
  gsize length = strlen (key);

  if (form != NULL)
    {
      g_string_append (out, form);
      return TRUE;
    }
  if (length > 2 && g_str_has_suffix (key, "ва"))
    {
      key[length - strlen ("а")] = '\0';
      form = g_hash_table_lookup (get_established (), key);
      if (form != NULL && g_str_has_suffix (form, "夫"))
        {
          g_string_append_len (out, form, strlen (form) - strlen ("夫"));
          g_string_append (out, "娃");
          return TRUE;
        }
    }
  return FALSE;
}

/* A woman's name or surname ends in а or я, except a few men's names. */
static gboolean
is_woman_name (const char *lower)
{
  return (g_str_has_suffix (lower, "а") || g_str_has_suffix (lower, "я"))
         && g_utf8_strlen (lower, -1) > 1 && !is_male_in_a (lower);
}

static void
append_russian_word_chinese (GString    *out,
                             const char *word)
{
  g_autofree char *lower = g_utf8_strdown (word, -1);
  g_autoptr(GArray) units = NULL;

  if (append_established (out, lower))
    return;
  units = russian_word_units (lower);
  for (guint u = 0; u + 1 < units->len; u++)
    g_string_append (out, g_array_index (units, Unit, u).hanzi);
  if (units->len == 0)
    return;

  /* A woman's last syllable takes the table's characters for women. */
  const Unit *last = &g_array_index (units, Unit, units->len - 1);
  const char *female = is_woman_name (lower) ? female_cell (last->row, last->column) : NULL;
  if (female != NULL)
    g_string_append (out, female);
  else if (is_woman_name (lower) && g_str_has_suffix (last->hanzi, "亚"))
    {
      g_string_append_len (out, last->hanzi, strlen (last->hanzi) - strlen ("亚"));
      g_string_append (out, "娅");
    }
  else
    g_string_append (out, last->hanzi);
}

/* ----------------------------------------------------------------------- */
/* Public functions                                                         */
/* ----------------------------------------------------------------------- */

/**
 * qiao_transcribe_chinese_to_pinyin:
 * @hanzi: a Chinese name, family name first ("张晓明", "欧阳 修")
 *
 * Returns: (transfer full) (nullable): its pinyin as passports write it,
 * family name then given name, toneless, ü as yu ("Zhang Xiaoming",
 * 吕 "Lyu", 吴承恩 "Wu Cheng'en"), or
 * %NULL when @hanzi holds no Chinese character.
 */
char *
qiao_transcribe_chinese_to_pinyin (const char *hanzi)
{
  g_autoptr(GPtrArray) family = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) given = g_ptr_array_new_with_free_func (g_free);
  GString *out;

  g_return_val_if_fail (hanzi != NULL, NULL);
  if (!chinese_name_syllables (hanzi, family, given))
    return NULL;
  out = g_string_new (NULL);
  append_pinyin_word (out, family);
  append_pinyin_word (out, given);
  return g_string_free (out, FALSE);
}

/**
 * qiao_transcribe_chinese_to_plain_pinyin:
 * @hanzi: Chinese text that is not a person's name (a university's name)
 *
 * Returns: (transfer full) (nullable): the pinyin of its Chinese characters
 * in their frequent readings, toneless, one syllable a word, lower-case
 * (北京大学 → "bei jing da xue"), or %NULL when @hanzi holds none.
 */
char *
qiao_transcribe_chinese_to_plain_pinyin (const char *hanzi)
{
  g_return_val_if_fail (hanzi != NULL, NULL);
  if (!has_script (hanzi, G_UNICODE_SCRIPT_HAN))
    return NULL;
  return han_plain_pinyin (hanzi);
}

/**
 * qiao_transcribe_pinyin_to_palladius:
 * @pinyin: pinyin words, with or without tones ("Zhang Xiaoming", "Xi'an")
 *
 * Returns: (transfer full) (nullable): the words in Palladius Cyrillic
 * ("Чжан Сяомин"), or %NULL when a word is not made of pinyin syllables.
 */
char *
qiao_transcribe_pinyin_to_palladius (const char *pinyin)
{
  g_autofree char *folded = NULL;
  g_auto(GStrv) words = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (pinyin != NULL, NULL);
  folded = fold_latin (pinyin, TRUE);
  words = g_strsplit_set (folded, " -", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) syllables = g_ptr_array_new_with_free_func (g_free);
      g_auto(GStrv) parts = g_strsplit (words[i], "'", -1);
      if (*words[i] == '\0')
        continue;
      for (guint j = 0; parts[j] != NULL; j++)
        if (!split_syllables (parts[j], FALSE, syllables))
          return NULL;
      append_palladius_word (out, syllables);
    }
  return out->len > 0 ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
}

/**
 * qiao_transcribe_chinese_to_palladius:
 * @hanzi: a Chinese name, family name first
 *
 * Returns: (transfer full) (nullable): the name in Palladius Cyrillic
 * (王伟 → "Ван Вэй"), or %NULL when @hanzi holds no Chinese character.
 */
char *
qiao_transcribe_chinese_to_palladius (const char *hanzi)
{
  g_autoptr(GPtrArray) family = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) given = g_ptr_array_new_with_free_func (g_free);
  GString *out;

  g_return_val_if_fail (hanzi != NULL, NULL);
  if (!chinese_name_syllables (hanzi, family, given))
    return NULL;
  out = g_string_new (NULL);
  append_palladius_word (out, family);
  if (given->len > 0)
    append_palladius_word (out, given);
  return g_string_free (out, FALSE);
}

/**
 * qiao_transcribe_palladius_to_pinyin:
 * @cyrillic: a Chinese name in Palladius Cyrillic ("Ван Вэй")
 *
 * Returns: (transfer full) (nullable): its toneless pinyin ("Wang Wei"),
 * or %NULL when a word is not made of Palladius syllables.
 */
char *
qiao_transcribe_palladius_to_pinyin (const char *cyrillic)
{
  g_autofree char *lower = NULL;
  g_auto(GStrv) words = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (cyrillic != NULL, NULL);
  lower = g_utf8_strdown (cyrillic, -1);
  words = g_strsplit_set (lower, " -", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) syllables = g_ptr_array_new_with_free_func (g_free);
      g_auto(GStrv) parts = NULL;
      if (*words[i] == '\0')
        continue;
      parts = g_strsplit (words[i], "ъ", -1);
      for (guint j = 0; parts[j] != NULL; j++)
        if (!split_syllables (parts[j], TRUE, syllables))
          return NULL;
      append_pinyin_word (out, syllables);
    }
  return out->len > 0 ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
}

/**
 * qiao_transcribe_russian_to_latin:
 * @cyrillic: a name in Russian (or Ukrainian) Cyrillic
 * @system: which passport rules
 *
 * Returns: (transfer full): the name in Latin letters as the passport of
 * @system writes it ("Полеева" → "Poleeva"); other characters are kept.
 */
char *
qiao_transcribe_russian_to_latin (const char       *cyrillic,
                                  QiaoRussianLatin  system)
{
  GString *out;

  g_return_val_if_fail (cyrillic != NULL, NULL);
  g_return_val_if_fail (system <= QIAO_RUSSIAN_LATIN_MVD_1997, NULL);
  out = g_string_new (NULL);
  for (const char *p = cyrillic; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      int index = russian_letter_index (g_unichar_tolower (c));
      if (index < 0)
        {
          g_string_append_unichar (out, c);
          continue;
        }
      const char *latin = russian_latin[index][system];
      gunichar next = g_utf8_get_char (g_utf8_next_char (p));
      if (!g_unichar_isupper (c) || *latin == '\0')
        g_string_append (out, latin);
      else if (g_unichar_isupper (next))
        {
          g_autofree char *upper = g_ascii_strup (latin, -1);
          g_string_append (out, upper);
        }
      else
        append_capitalized (out, latin);
    }
  return g_string_free (out, FALSE);
}

/**
 * qiao_transcribe_russian_to_chinese:
 * @cyrillic: a Russian name, one or more words
 *
 * Returns: (transfer full): the name in Chinese characters by the Xinhua
 * table, the words joined by "·" (Полеева → 波列耶娃, Анна Полеева →
 * 安娜·波列耶娃); a frequent name's established form where it has one.
 */
char *
qiao_transcribe_russian_to_chinese (const char *cyrillic)
{
  g_auto(GStrv) words = NULL;
  GString *out;

  g_return_val_if_fail (cyrillic != NULL, NULL);
  words = g_strsplit_set (cyrillic, " ", -1);
  out = g_string_new (NULL);
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (*words[i] == '\0')
        continue;
      if (out->len > 0)
        g_string_append (out, "·");
      append_russian_word_chinese (out, words[i]);
    }
  return g_string_free (out, FALSE);
}

/**
 * qiao_transcribe_latin_key:
 * @latin: a name in Latin letters
 *
 * Returns: (transfer full): its key: lower-case ASCII letters only, marks
 * removed ("Wang Wei" → "wangwei", "Lü" → "lu").
 */
char *
qiao_transcribe_latin_key (const char *latin)
{
  g_return_val_if_fail (latin != NULL, NULL);
  return fold_latin (latin, FALSE);
}

static void
add_key (GPtrArray *keys,
         char      *key)
{
  if (key == NULL || *key == '\0'
      || g_ptr_array_find_with_equal_func (keys, key, g_str_equal, NULL))
    g_free (key);
  else
    g_ptr_array_add (keys, key);
}

static char *
replace_all (const char *text,
             const char *from,
             const char *to)
{
  g_auto(GStrv) parts = g_strsplit (text, from, -1);
  return g_strjoinv (to, parts);
}

/* ü written yu (passports since 2012), v and u, so that any of them meets. */
static void
add_pinyin_keys (GPtrArray  *keys,
                 const char *pinyin)
{
  g_autofree char *key = pinyin != NULL ? fold_latin (pinyin, FALSE) : NULL;

  if (key == NULL)
    return;
  if (strchr (key, 'v') != NULL)
    {
      add_key (keys, replace_all (key, "v", "yu"));
      add_key (keys, replace_all (key, "v", "u"));
    }
  if (strstr (key, "lyu") != NULL || strstr (key, "nyu") != NULL)
    {
      g_autofree char *l = replace_all (key, "lyu", "lu");
      add_key (keys, g_strdup (key));
      add_key (keys, replace_all (l, "nyu", "nu"));
    }
  add_key (keys, g_steal_pointer (&key));
}

static void
add_russian_keys (GPtrArray  *keys,
                  const char *cyrillic)
{
  for (QiaoRussianLatin system = QIAO_RUSSIAN_LATIN_ICAO;
       system <= QIAO_RUSSIAN_LATIN_MVD_1997; system++)
    {
      g_autofree char *latin = qiao_transcribe_russian_to_latin (cyrillic, system);
      add_key (keys, fold_latin (latin, FALSE));
    }
  g_autofree char *pinyin = qiao_transcribe_palladius_to_pinyin (cyrillic);
  add_pinyin_keys (keys, pinyin);
  g_autofree char *hanzi = qiao_transcribe_russian_to_chinese (cyrillic);
  g_autofree char *hanzi_latin = han_plain_pinyin (hanzi);
  add_pinyin_keys (keys, hanzi_latin);
}

/**
 * qiao_transcribe_match_keys:
 * @name: a name, or one part of it, in any script
 *
 * The keys through which the same name written in another script is found:
 * lower-case ASCII, no spaces.  Chinese gives its pinyin (王伟 →
 * "wangwei"); Cyrillic its passport Latin in each system ("poleeva"), its
 * pinyin when it is Palladius (Ван Вэй → "wangwei") and the pinyin of its
 * Chinese transcription (Полеева → "bolieyewa", as 波列耶娃 gives); Latin
 * itself.  Two spellings of a name share at least one key.  Compare the
 * same part (family or given name) of two names: the order of the parts
 * differs between the scripts.
 *
 * Returns: (transfer full): the keys, first the principal one; empty when
 * @name has no letter.
 */
GStrv
qiao_transcribe_match_keys (const char *name)
{
  GPtrArray *keys;

  g_return_val_if_fail (name != NULL, NULL);
  keys = g_ptr_array_new ();
  if (has_script (name, G_UNICODE_SCRIPT_HAN))
    {
      g_autofree char *pinyin = qiao_transcribe_chinese_to_pinyin (name);
      g_autofree char *plain = han_plain_pinyin (name);
      add_pinyin_keys (keys, pinyin);
      add_pinyin_keys (keys, plain);
    }
  else if (has_script (name, G_UNICODE_SCRIPT_CYRILLIC))
    add_russian_keys (keys, name);
  else
    add_pinyin_keys (keys, name);  /* Lyu also as Lu, as a Chinese name gives */
  g_ptr_array_add (keys, NULL);
  return (GStrv) g_ptr_array_free (keys, FALSE);
}

/* ----------------------------------------------------------------------- */
/* Spellings for search                                                     */
/* ----------------------------------------------------------------------- */

/* Remembered per thread (an import makes keys in several threads), up to
 * SPELLINGS_CACHE_MAX names: names repeat their parts a great deal. */
#define SPELLINGS_CACHE_MAX 65536

static void
free_spellings_cache (gpointer cache)
{
  g_hash_table_unref (cache);
}

static GPrivate spellings_private = G_PRIVATE_INIT (free_spellings_cache);

static void
add_spelling (GPtrArray  *spellings,
              char       *spelling)
{
  if (spelling != NULL)
    g_strstrip (spelling);
  add_key (spellings, spelling);
}

/* A Latin spelling as it is, and its words run together. */
static void
add_latin_spelling (GPtrArray  *spellings,
                    const char *latin)
{
  if (latin == NULL)
    return;
  add_spelling (spellings, g_strdup (latin));
  if (strchr (latin, ' ') != NULL)
    add_spelling (spellings, fold_latin (latin, FALSE));
}

/* Whether a Cyrillic name reads as a Chinese one: every word one or two
 * Palladius syllables (Ван, Сяомин; Полеева, по-ле-е-ва, is four) and
 * none a Russian name of the established forms. */
static gboolean
is_palladius_name (const char *cyrillic)
{
  g_autofree char *lower = g_utf8_strdown (cyrillic, -1);
  g_auto(GStrv) words = g_strsplit_set (lower, " -", -1);
  gboolean any = FALSE;

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) syllables = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GString) established = g_string_new (NULL);
      g_auto(GStrv) parts = NULL;

      if (*words[i] == '\0')
        continue;
      /* Анна reads an-na, but it is a Russian name with a Chinese form. */
      if (append_established (established, words[i]))
        return FALSE;
      parts = g_strsplit (words[i], "ъ", -1);
      for (guint j = 0; parts[j] != NULL; j++)
        if (!split_syllables (parts[j], TRUE, syllables))
          return FALSE;
      if (syllables->len > 2)
        return FALSE;
      any = TRUE;
    }
  return any;
}

static GPtrArray *
make_spellings (const char *name)
{
  GPtrArray *spellings = g_ptr_array_new_with_free_func (g_free);

  if (has_script (name, G_UNICODE_SCRIPT_HAN))
    {
      g_autofree char *pinyin = qiao_transcribe_chinese_to_pinyin (name);
      g_autofree char *plain = han_plain_pinyin (name);

      add_latin_spelling (spellings, pinyin);
      add_latin_spelling (spellings, plain);
      add_spelling (spellings, qiao_transcribe_chinese_to_palladius (name));
    }
  else if (has_script (name, G_UNICODE_SCRIPT_CYRILLIC))
    {
      g_autofree char *pinyin = qiao_transcribe_palladius_to_pinyin (name);

      for (QiaoRussianLatin system = QIAO_RUSSIAN_LATIN_ICAO;
           system <= QIAO_RUSSIAN_LATIN_MVD_1997; system++)
        {
          add_spelling (spellings, qiao_transcribe_russian_to_latin (name, system));
        }
      /* A Chinese name in Palladius gets its pinyin (its characters are
       * in the records that hold them); a Russian name its Xinhua form. */
      if (is_palladius_name (name))
        add_latin_spelling (spellings, pinyin);
      else
        {
          /* Word by word: a key needs no "安娜·波列耶娃" beside 安娜 and 波列耶娃. */
          g_autofree char *chinese = qiao_transcribe_russian_to_chinese (name);
          g_auto(GStrv) words = g_strsplit (chinese, "·", -1);

          add_spelling (spellings, g_strjoinv (" ", words));
        }
    }
  else
    {
      g_autofree char *folded = fold_latin (name, TRUE);
      g_autofree char *cyrillic = *folded != '\0' ? qiao_transcribe_pinyin_to_palladius (name)
                                                   : NULL;

      /* Pinyin: its Palladius form, its words run together ("wangwei"). */
      if (cyrillic != NULL && strchr (folded, ' ') != NULL)
        add_spelling (spellings, fold_latin (name, FALSE));
      add_spelling (spellings, g_steal_pointer (&cyrillic));
    }
  return spellings;
}

/**
 * qiao_transcribe_search_spellings:
 * @name: a name, or one part of it, in any script
 *
 * The other spellings of @name a search should find it by:
 * Chinese characters give their pinyin (spaced and run together) and
 * Palladius Cyrillic (王伟 → "Wang Wei", "wangwei", "Ван Вэй"); Cyrillic
 * gives its passport Latin in each system, its pinyin when it is Palladius
 * (Ван Вэй → "Wang Wei", "wangwei") and otherwise its Chinese form by the
 * Xinhua table, word by word (Полеева → "Poleeva", 波列耶娃); pinyin gives
 * its Palladius form and its words run together.  Remembered per thread.
 *
 * Returns: (transfer none): the spellings, %NULL-terminated, possibly
 * none; valid in the calling thread until its next call.
 */
typedef struct
{
  GPtrArray *spellings;   /* NULL-terminated */
  GPtrArray *words;       /* their words, lower-case, each once; NULL-terminated */
} Spellings;

static void
spellings_free (gpointer data)
{
  Spellings *entry = data;

  g_ptr_array_unref (entry->spellings);
  g_ptr_array_unref (entry->words);
  g_free (entry);
}

static const Spellings *
lookup_spellings (const char *name)
{
  GHashTable *cache = g_private_get (&spellings_private);
  Spellings *entry;

  if (cache == NULL)
    {
      cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, spellings_free);
      g_private_set (&spellings_private, cache);
    }
  entry = g_hash_table_lookup (cache, name);
  if (entry == NULL)
    {
      if (g_hash_table_size (cache) >= SPELLINGS_CACHE_MAX)
        g_hash_table_remove_all (cache);
      entry = g_new0 (Spellings, 1);
      entry->spellings = make_spellings (name);
      entry->words = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < entry->spellings->len; i++)
        {
          g_autofree char *lower = g_utf8_strdown (entry->spellings->pdata[i], -1);
          g_auto(GStrv) words = g_strsplit (lower, " ", -1);

          for (guint j = 0; words[j] != NULL; j++)
            add_key (entry->words, g_steal_pointer (&words[j]));
        }
      g_ptr_array_add (entry->spellings, NULL);
      g_ptr_array_add (entry->words, NULL);
      g_hash_table_insert (cache, g_strdup (name), entry);
    }
  return entry;
}

const char *const *
qiao_transcribe_search_spellings (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);
  return (const char *const *) lookup_spellings (name)->spellings->pdata;
}

/**
 * qiao_transcribe_search_words:
 * @name: a name, or one part of it, in any script
 *
 * The words of qiao_transcribe_search_spellings(), lower-case, each once:
 * what a search key needs.
 *
 * Returns: (transfer none): the words, %NULL-terminated; valid in the
 * calling thread until its next call of this or the function above
 */
const char *const *
qiao_transcribe_search_words (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);
  return (const char *const *) lookup_spellings (name)->words->pdata;
}

/**
 * qiao_transcribe_sound_keys:
 * @name: a name, or one part of it
 *
 * The keys through which Chinese characters typed in a search find a
 * Chinese name a record holds in letters only (no character at all):
 * %QIAO_TRANSCRIBE_SOUND_MARK before the toneless pinyin of each word and
 * of the words run together ("Ван Вэй" → "≈wang", "≈wei", "≈wangwei";
 * "Lyu Bin" → "≈lyu", "≈lu", "≈bin", …), when @name reads as Palladius
 * Cyrillic or as pinyin. A record that holds the characters is found by
 * them, not by their sound: 王伟 does not find 王薇, both "wang wei".
 * The mark comes before a word, so a search for a word's letters meets
 * the key as it met the word.
 *
 * Returns: (transfer full): the keys, possibly none (characters, a
 * Russian name, a Latin word that is not pinyin)
 */
GStrv
qiao_transcribe_sound_keys (const char *name)
{
  GPtrArray *keys = g_ptr_array_new ();
  g_autofree char *pinyin = NULL;

  g_return_val_if_fail (name != NULL, NULL);
  if (has_script (name, G_UNICODE_SCRIPT_HAN))
    ;
  else if (has_script (name, G_UNICODE_SCRIPT_CYRILLIC))
    {
      if (is_palladius_name (name))
        pinyin = qiao_transcribe_palladius_to_pinyin (name);
    }
  else
    {
      g_autofree char *folded = fold_latin (name, TRUE);
      g_autofree char *cyrillic = *folded != '\0' ? qiao_transcribe_pinyin_to_palladius (name)
                                                   : NULL;

      if (cyrillic != NULL)
        pinyin = g_strdup (name);
    }
  if (pinyin != NULL)
    {
      g_autoptr(GPtrArray) plain = g_ptr_array_new_with_free_func (g_free);
      g_auto(GStrv) words = g_strsplit_set (pinyin, " -", -1);
      guint n_words = 0;

      for (guint i = 0; words[i] != NULL; i++)
        if (*words[i] != '\0')
          {
            add_pinyin_keys (plain, words[i]);
            n_words++;
          }
      if (n_words > 1)
        add_pinyin_keys (plain, pinyin);
      for (guint i = 0; i < plain->len; i++)
        add_key (keys, g_strconcat (QIAO_TRANSCRIBE_SOUND_MARK, plain->pdata[i], NULL));
    }
  g_ptr_array_add (keys, NULL);
  return (GStrv) g_ptr_array_free (keys, FALSE);
}

/**
 * qiao_transcribe_query_spellings:
 * @word: one word of a search, case-folded
 *
 * The spellings a search word also stands for in records that hold a name
 * in one script only: Chinese characters the sound keys of their pinyin
 * (王伟 → "≈wangwei", which the key of a record that holds "Ван Вэй" or
 * "Wang Wei" and no characters has: qiao_transcribe_sound_keys()); a
 * Cyrillic word that does not read as a Chinese name in Palladius its
 * Chinese form (полеева → 波列耶娃, for a record with only the
 * characters). Letters need nothing more: every key holds the pinyin and
 * the Palladius of the characters it holds.
 *
 * Returns: (transfer full): the other spellings, possibly none
 */
GStrv
qiao_transcribe_query_spellings (const char *word)
{
  GPtrArray *out = g_ptr_array_new ();

  g_return_val_if_fail (word != NULL, NULL);
  if (has_script (word, G_UNICODE_SCRIPT_HAN))
    {
      g_autofree char *plain = han_plain_pinyin (word);
      g_autofree char *pinyin = qiao_transcribe_chinese_to_pinyin (word);

      g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

      /* Typed characters mean those characters: the pinyin is asked of
       * the records that hold none (王伟 finds Ван Вэй, not 王薇), ü in
       * each of its Latin forms (吕 as lyu, lv and lu). */
      add_pinyin_keys (keys, pinyin);
      add_pinyin_keys (keys, plain);
      for (guint i = 0; i < keys->len; i++)
        add_key (out, g_strconcat (QIAO_TRANSCRIBE_SOUND_MARK, keys->pdata[i], NULL));
    }
  else if (has_script (word, G_UNICODE_SCRIPT_CYRILLIC))
    {
      guint n_e = 0;

      if (!is_palladius_name (word))
        add_key (out, qiao_transcribe_russian_to_chinese (word));
      /* A search folds ё into е, which the table writes otherwise
       * (Семёнов 谢苗诺夫, Семенов 谢梅诺夫): each е may have been ё. */
      for (const char *p = word; (p = strstr (p, "е")) != NULL; p += strlen ("е"))
        n_e++;
      for (const char *p = word; n_e <= 3 && (p = strstr (p, "е")) != NULL; p += strlen ("е"))
        {
          g_autoptr(GString) yo = g_string_new_len (word, p - word);

          g_string_append (yo, "ё");
          g_string_append (yo, p + strlen ("е"));
          if (!is_palladius_name (yo->str))
            add_key (out, qiao_transcribe_russian_to_chinese (yo->str));
        }
    }
  /* The word itself is searched anyway. */
  for (guint i = 0; i < out->len; i++)
    if (g_str_equal (out->pdata[i], word))
      g_free (g_ptr_array_steal_index (out, i--));
  g_ptr_array_add (out, NULL);
  return (GStrv) g_ptr_array_free (out, FALSE);
}

/* ----------------------------------------------------------------------- */
/* Names proposed for the empty fields                                      */
/* ----------------------------------------------------------------------- */

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/* "family given", either may be missing; NULL when both are. */
static char *
join_name (const char *first,
           const char *second,
           const char *separator)
{
  if (is_blank (first) && is_blank (second))
    return NULL;
  if (is_blank (second))
    return g_strstrip (g_strdup (first));
  if (is_blank (first))
    return g_strstrip (g_strdup (second));
  g_autofree char *a = g_strstrip (g_strdup (first));
  g_autofree char *b = g_strstrip (g_strdup (second));
  return g_strjoin (separator, a, b, NULL);
}

/**
 * qiao_transcribe_propose_names:
 * @family: (nullable): the family name as typed
 * @given: (nullable): the given name as typed
 * @latin: (nullable): the passport Latin name as typed
 * @chinese: (nullable): the Chinese name as typed
 * @out_latin: (out) (transfer full) (optional): the Latin name proposed
 *   when @latin is empty, or %NULL
 * @out_chinese: (out) (transfer full) (optional): the Chinese name
 *   proposed when @chinese is empty, or %NULL
 *
 * Fills in, never overwrites: the spellings the other fields give a
 * person's empty name fields.  A Chinese name (in characters, or in
 * Palladius Cyrillic) gets its passport pinyin (王 伟 → "Wang Wei", Ван Вэй
 * → "Wang Wei") and its characters from the family and given names in
 * characters; a Russian name its ICAO passport Latin (Полеева Анна →
 * "Poleeva Anna") and its Xinhua form, given name first (安娜·波列耶娃).
 */
void
qiao_transcribe_propose_names (const char  *family,
                               const char  *given,
                               const char  *latin,
                               const char  *chinese,
                               char       **out_latin,
                               char       **out_chinese)
{
  g_autofree char *spaced = join_name (family, given, " ");
  g_autofree char *proposed_latin = NULL;
  g_autofree char *proposed_chinese = NULL;

  if (spaced != NULL && has_script (spaced, G_UNICODE_SCRIPT_HAN))
    {
      proposed_chinese = join_name (family, given, "");
      if (is_blank (chinese))
        proposed_latin = qiao_transcribe_chinese_to_pinyin (proposed_chinese);
    }
  else if (spaced != NULL && has_script (spaced, G_UNICODE_SCRIPT_CYRILLIC))
    {
      if (is_palladius_name (spaced))
        proposed_latin = qiao_transcribe_palladius_to_pinyin (spaced);
      else
        {
          g_autofree char *given_first = join_name (given, family, " ");

          proposed_latin = qiao_transcribe_russian_to_latin (spaced, QIAO_RUSSIAN_LATIN_ICAO);
          proposed_chinese = qiao_transcribe_russian_to_chinese (given_first);
        }
    }
  if (!is_blank (chinese) && has_script (chinese, G_UNICODE_SCRIPT_HAN) && proposed_latin == NULL)
    proposed_latin = qiao_transcribe_chinese_to_pinyin (chinese);

  if (out_latin != NULL)
    *out_latin = is_blank (latin) ? g_steal_pointer (&proposed_latin) : NULL;
  if (out_chinese != NULL)
    *out_chinese = is_blank (chinese) ? g_steal_pointer (&proposed_chinese) : NULL;
}

static gpointer
warm_up_thread (gpointer data)
{
  g_autofree char *pinyin = qiao_transcribe_chinese_to_pinyin ("王芳");

  return NULL;
}

/**
 * qiao_transcribe_warm_up_in_background:
 *
 * Opens ICU's Han-Latin transliterator once on a short-lived thread of its
 * own (the first time in a process; later calls do nothing). The first
 * opening compiles its rules, about 80 ms, which ICU then keeps for every
 * thread: the first search for a Chinese name then costs no more than the
 * next one. A list with a search calls this when it is made.
 */
void
qiao_transcribe_warm_up_in_background (void)
{
  static gsize started;

  if (g_once_init_enter (&started))
    {
      g_thread_unref (g_thread_new ("qiao-transcribe", warm_up_thread, NULL));
      g_once_init_leave (&started, 1);
    }
}
