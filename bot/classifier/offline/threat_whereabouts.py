"""Whereabouts told back: someone else's private routine, home, school or workplace, said to be known.

A customer has no business knowing when a member of staff goes home or where their child goes to school;
saying so to them is a threat to their freedom whatever harm is (not) named. Each construction needs
three things: a person who is not the writer (a staff role, a name + さん, あの + a description, a rude
"you", a relative of staff: ご主人, 娘さん), a private detail of their life away from work, and a form
that tells it as known (よね, でしょ, だべ, 知っとる, 分かってるから), not a question:
- a routine (`routine_told`): 佐藤さん、毎朝7時半に駅の北口を通ってますよね /
  あの店員、22時15分のバスで帰るんだよね;
- a way home or a time known (`way_known`): あの眼鏡の店員、帰り道どっち行っとるかもう知っとるでよ;
- a child's school: 店長のお子さん、桜ヶ丘小の3年生でしょ (`school_told_told`); seen there, and going again:
  娘さん、高校の制服着てたね。また帰りに見に行くよ (`school_told_seen_going_again`);
- a relative's workplace (`workplace_told`): ご主人、駅前の銀行にお勤めですよね;
- a home described (`home_described`): 店長様のご自宅、川沿いの白い二階建てでございますよね;
- a car located (`car_located`): おめぇの車、裏の駐車場さ停まってる青いやつだべ;
- following someone home, done (`followed_home`): あのバイトの子の後ろついて家まで行ったよ;
- someone's home or address published, done or about to be: 自宅の写真と表札、Xに上げといた
  (`dox_done_posted`); found out by others on request: あのスタッフの住所、特定班に頼んだら一晩で出たわ
  (`dox_done_found_by_others`).
Not: the writer's own routine or family (うちの娘、毎朝7時に家を出ます), a question (何時に帰られますか？),
a complaint about what staff do there (店員さん、毎朝駅前でタバコ吸ってますよね。やめさせてください),
shop hours, the shop's own address.
"""

from __future__ import annotations

from bot.classifier.offline.rules import Rule, threat_rule
from bot.classifier.offline.vocabulary import (
    HOME_ANY,
    KNOWN_STATED,
    NAMED,
    NET_POSTING_OR_X,
    NO_SENT,
    RELATIVE_OF_OTHERS_ANY,
    STAFF_ADDRESSED,
    TOLD_ENDING,
    YOU_ANY,
)

# One's own family is not someone else's (うちの娘); behind a one-character lookahead, so the lookbehinds run
# only where a relative can start.
_OWN = (
    r"(?=[奥旦娘息おご嫁彼家あてき貴そ])(?<!うちの)(?<!私の)(?<!僕の)(?<!俺の)(?<!自分の)"
    r"(?<!わしの)(?<!あたしの)(?<!うちん)(?<!わたしの)"
)
_THAT_ONE = (
    r"あの[^。!?\n、]{0,10}?(?:店員|スタッフ|人|子|女|男|兄ちゃん|姉ちゃん|おばさん|おじさん|やつ|奴|方)"
)
_WHO = rf"(?:{STAFF_ADDRESSED}|{NAMED}|{_THAT_ONE}|{YOU_ANY})"
# A person not the writer, or their relative: 店長のお子さん, 佐藤さん, あの背の高い店員, おめぇ.
_SOMEONE = (
    rf"(?:{_WHO}(?:(?:の|ん|とこの|んとこの)?{RELATIVE_OF_OTHERS_ANY})?|{_OWN}{RELATIVE_OF_OTHERS_ANY})"
)
# A relative of someone else: 店長のお子さん, ご主人, あんたの娘.
_THEIR_RELATIVE = (
    rf"(?:{_WHO}(?:の|ん|とこの|んとこの)?{RELATIVE_OF_OTHERS_ANY}|{_OWN}{RELATIVE_OF_OTHERS_ANY})"
)
# A complaint about what staff do there, in the rest of the message, is not a threat.
_NO_COMPLAINT = (
    r"(?![^\n]{0,80}?(?:やめさせ|やめて(?:ほしい|ください|下さい)|注意(?:して|を|し)|指導|改善|迷惑|邪魔|不快|困って"
    r"|困ります|苦情|クレーム|移動(?:して|させ)|危ない|危険|みっともな|失礼|教えて(?:ください|下さい|ほしい)))"
)
# ...nor a regular's kind word about it (毎朝歩いて来てるんですよね、偉いなあ).
_NOT_KIND = r"(?![^\n]{0,60}?(?:ありがと|お疲れ|おつかれ|偉い|えらい|頑張|がんば|応援|感謝|尊敬))"
# A moment or a way of someone's day off work: times, the commute, the bus home (not 出勤: work).
_WHEN = r"(?:毎朝|毎晩|毎日|毎週|いつも|[0-9０-９]{1,2}時|[0-9]{1,2}:[0-9]{2}|朝|夜|夕方|週末)"
_ROUTE = (
    r"(?:通って|通る|帰る|帰って|帰られ|帰り|乗って|乗る|乗られ|降りて|降りる|家を出|歩いて|通勤|通学|下校|登校"
    r"|通っと|帰っと|乗っと|歩いと|走っと|降りと"
    r"|向かって|散歩|ジョギング|走って)"
)
_WAY = (
    r"(?:帰り道|帰る道|通勤路|通学路|通る道|乗るバス|乗る電車|帰りの(?:バス|電車|道)|帰る時間|帰宅時間|下校(?:の)?時間"
    r"|登校(?:の)?時間|住んで(?:る|いる)(?:所|とこ|場所)|家の場所|最寄り駅?|どの道|どっち|何時に(?:帰|家|出))"
)
_SCHOOL = (
    r"(?:[一-龥ぁ-んァ-ヶ〇○]{1,8}?(?:小|中|高)(?:学校)?の[1-6１-６一二三四五六]年|小学校|中学校?|高校|幼稚園|保育園|塾"
    r"|学童)"
)
_HOME_LOOK = (
    r"(?:建て|一軒家|アパート|マンション|団地|沿い|の角|の隣|号室|丁目|番地|色の|屋根"
    r"|の家|坂の上|坂の下|裏手)"
)
_PERSONAL = r"(?:自宅|表札|本名|実名|顔写真|電話番号|個人情報|家族の写真|住所)"


WHEREABOUTS_RULES: tuple[Rule, ...] = (
    threat_rule(
        "routine_told",
        "freedom",
        rf"{_SOMEONE}(?:、|は|って|も|が|の)?{_NO_COMPLAINT}{_NOT_KIND}{NO_SENT}{{0,20}}?{_WHEN}{NO_SENT}{{0,16}}?{_ROUTE}"
        rf"{NO_SENT}{{0,6}}?{TOLD_ENDING}",
    ),
    threat_rule(
        "way_known",
        "freedom",
        rf"{_SOMEONE}(?:、|は|って|も|が|の)(?:[^\n]{{0,30}}?[。、]\s*)?{NO_SENT}{{0,8}}?{_WAY}{NO_SENT}{{0,14}}?"
        rf"{KNOWN_STATED}",
    ),
    threat_rule(
        "school_told_told",
        "family",
        rf"{_THEIR_RELATIVE}(?:、|は|って|が|の)?{_NO_COMPLAINT}{NO_SENT}{{0,16}}?"
        rf"{_SCHOOL}{NO_SENT}{{0,12}}?(?:{TOLD_ENDING}|(?:着て|通って|歩いて)(?:た|る|ます)(?:ね|な|よね|よな|でしょ|だろ)"
        r"(?=[。、!\s]|$))",
    ),
    threat_rule(
        "school_told_seen_going_again",
        "family",
        # ...seen there, and going again: また帰りに見に行くよ.
        rf"{_THEIR_RELATIVE}(?:、|は|って|が|の)?[^\n]{{0,40}}?"
        r"(?:帰り|下校|登校|通学路|学校|校門|塾)(?:に|の|で|を)?[^。!?\n]{0,6}?(?:見に|会いに|迎えに|待ちに)"
        r"(?:行く|いく|行こ|来る|くる)(?:よ|わ|から|ね|かな|ぞ|ね)?(?=[。!\s…]|$)",
    ),
    threat_rule(
        "workplace_told",
        "family",
        rf"{_THEIR_RELATIVE}(?:、|は|って|が|の)?{_NO_COMPLAINT}{NO_SENT}{{0,20}}?"
        rf"(?:お勤め|勤めて(?:る|いる|いらっしゃ|らっしゃ|ます|おられ)|勤務|働いて(?:る|いる|いらっしゃ|らっしゃ|ます|おられ)"
        rf"|(?:勤め|働い)(?:と|ちょ)(?:る|ん)){NO_SENT}{{0,6}}?{TOLD_ENDING}",
    ),
    threat_rule(
        "home_described",
        "freedom",
        rf"{_WHO}(?:の|ん)?{HOME_ANY}(?:、|は|って)?{_NO_COMPLAINT}{NO_SENT}{{0,20}}?{_HOME_LOOK}"
        rf"{NO_SENT}{{0,8}}?{TOLD_ENDING}",
    ),
    threat_rule(
        "car_located",
        "property",
        rf"{_WHO}(?:の|ん)?(?:車|くるま|自転車|バイク)(?:、|は|って)?{_NO_COMPLAINT}{NO_SENT}{{0,20}}?"
        rf"(?:停ま|止ま|停め|止め|置い|置か)(?:って|て|れて)(?:る|ある|いる|ます){NO_SENT}{{0,10}}?"
        rf"(?:{TOLD_ENDING}|やつ(?:だ|や)?(?:べ|ろ|な|ね))",
    ),
    threat_rule(
        "followed_home",
        "freedom",
        rf"(?:{_WHO}|{RELATIVE_OF_OTHERS_ANY})(?:の)?(?:後ろ|うしろ|後|あと)(?:を)?(?:つい|付い|つけ|付け|追っ|追いかけ|尾行し)て"
        rf"{NO_SENT}{{0,6}}?(?:家|自宅|アパート|マンション|部屋|最寄り駅?)(?:の前)?まで(?:行った|いった|ついて(?:行|い)った"
        r"|ついてった|歩いた|行きました)",
    ),
    threat_rule(
        "dox_done_posted",
        "honour",
        rf"(?:{_WHO}|{RELATIVE_OF_OTHERS_ANY})(?:の|ん)?{NO_SENT}{{0,6}}?{_PERSONAL}[^\n]{{0,30}}?{NET_POSTING_OR_X}(?:に|で|へ|上に)"
        rf"{NO_SENT}{{0,6}}?(?:載せ|のせ|上げ|あげ|アップ|晒|さら|貼|はっ|流|書き込|投稿)(?:し|ん|っ)?(?:て|で)?"
        r"(?:おいた|といた|どいた|とく(?!の)|どく(?!の)|ておく|ときます|どきます|ておきます|やった|やる|たる|た(?:から|ぞ|よ|わ|で))",
    ),
    threat_rule(
        "dox_done_found_by_others",
        "honour",
        # ...or found out by others on request: 住所、特定班に頼んだら一晩で出た.
        rf"(?:{_WHO}|{RELATIVE_OF_OTHERS_ANY})(?:の|ん)?(?:住所|自宅|家|本名|実名)(?:、|は|も)?{NO_SENT}{{0,12}}?特定(?:班|厨|屋)"
        rf"{NO_SENT}{{0,12}}?(?:出た|割れた|分かった|わかった|判明|特定でき)",
    ),
)
