"""Word classes the offline rules share, in the normalised alphabet (hiragana, no ー, lower-case Latin).

One definition each. Where rule modules need different variants of one class, each variant is here under a
name that says how it differs, with the reason in a comment.
"""

from __future__ import annotations

# --- the sentence, numbers, word ends ---

NO_SENT = r"[^。!?\n]"  # a character inside the sentence (the Japanese rules)
EN_NO_SENT = r"[^.!?\n]"  # a character inside the sentence (the English rules)
# A number written in digits or kanji, tried only from its first character: a match from a later one is
# the same match shifted (and never the leftmost), and trying every start of a long run costs quadratic
# time.
DIGITS = r"(?<!\d)\d+"
KANJI_DIGITS = r"(?<![二三四五六七八九十百千])[二三四五六七八九十百千]+"
END = r"(?=[\s。、!?…」』)]|$)"

# --- blacklists: compounds in which a harm word means something else ---

# 殺 inside a compound that is not a killing (相殺 offset, 黙殺 ignored, 忙殺 swamped, 悩殺 charmed, 併殺 and
# 封殺 baseball outs, 減殺 reduced, 笑殺 laughed off, 必殺 a special move) or that names a killing as a noun
# (暗殺, 毒殺: news and fiction; the verb rules look for killing announced).
NOT_KILLING_BEFORE = r"(?<![相黙忙悩暗併減封毒笑必])"
# The same, and 刺殺 too: the one-word kill rule (threats.py) leaves a stabbing to the body rules.
NOT_KILLING_OR_STABBING_BEFORE = r"(?<![相黙忙悩暗併減封毒刺笑必])"
# ころ inside ところ, こころ, どころ, ごころ, そころ: not ころす.
NOT_KORO_WORD_BEFORE = r"(?<![とこどごそ])"

# --- people ---

# Staff, as the behaviour rules name them (a nurse, a teacher, the till).
STAFF = (
    r"(?:店員|スタッフ|従業員|職員|係員|駅員|車掌|運転手|運転士|乗務員|看護師|看護婦|ナース|医師|医者|先生"
    r"|受付"
    r"|警備員|店長|担当者?|オペレータ|社員|バイト|レジ|窓口)"
)
# Staff or anyone pointed at (あいつ, 相手, 女): a threat's target need not be staff.
STAFF_OR_POINTED = (
    r"(?:店員|スタッフ|従業員|職員|係員|駅員|車掌|運転手|運転士|乗務員|看護師|ナース|医師|医者|受付|警備員"
    r"|店長|担当者?|オペレータ|社員|バイト|レジ|あいつ|そいつ|こいつ|相手|女|男)"
)
# Staff as someone's day is told back (店長さん, バイトの子): managers and owners too, with an honorific.
STAFF_ADDRESSED = (
    r"(?:店員|スタッフ|従業員|バイト|パート|店長|副店長|社長|支配人|担当者?|受付|レジ|職員|社員|看護師|運転手"
    r"|マネージャ|オーナ|駅員|係員|配達員)(?:さん|様|さま|の(?:人|子|女|男|方|やつ|奴))?"
)
# Verbs that harm only when their object is a person (店を潰す is business ruin; 社員を潰す is not).
PERSON = (
    r"(?:店員|スタッフ|従業員|職員|社員|駅員|運転手|看護師|医者|医師|受付|店長|担当者?|お前|おまえ|てめえ|あんた|貴様"
    r"|あいつ|こいつ|そいつ|やつ|奴|お前ら|あいつら|人間)"
)
# A name with an honorific (佐藤さん, 田中様), not a customer or everyone (お客様, 皆様).
NAMED = r"(?<![ぁ-ん])(?!客|皆|神|奥|旦|お)[一-龥]{1,3}(?:さん|様|さま|ちゃん|くん)"

# A rude "you", and this/that one (こいつ, あいつ), as insults address staff.
YOU = r"(?:お前|おまえ|てめえ|てめ|あんた|貴様|きさま|こいつ|あいつ|そいつ)"
# Only the rude second person: in a threat, あいつ is covered by STAFF_OR_POINTED.
YOU_RUDE = r"(?:お前|おまえ|てめえ|てめ|あんた|貴様|きさま)"
# Any "you", polite or dialect too (あなた, そちら, おどれ): a whereabouts told back menaces in any register.
YOU_ANY = r"(?:お前|おまえ|おめ|あんた|てめえ|貴様|きさま|おどれ|わりゃ|おまん|あなた|そちら|お宅|おたく)"
# Any "you" followed by a possessive (お宅の, あんたん): whose child or body is meant.
YOUR = r"(?:お宅|おたく|お前|おまえ|あんた|てめえ|貴様|きさま|あなた|そちら|君|きみ)(?:ん|の|とこの)"
# A rude "you" or that one, as a visit is announced (あの女, あのじじい).
YOU_OR_THAT_ONE = (
    r"(?:お前|おまえ|てめえ|てめ|あんた|貴様|きさま|あいつ|そいつ|こいつ|あの(?:女|男|野郎|ばばあ|じじい))"
)
# The same with お宅 (which is also "your house"), as insinuations about someone's building use it.
YOU_OR_THAT_ONE_OR_OTAKU = (
    r"(?:お前|おまえ|てめえ|てめ|あんた|貴様|きさま|お宅|おたく|あいつ|そいつ|あの(?:女|男|野郎))"
)
# Whose home a visit is announced to (あの女の家, お前ん家, 社長んとこの家, 店長の男の家): a person, a rude
# "you" or that one, a manager, then the possessive (の, ん, んとこの).
HOME_OWNER = (
    rf"(?:{PERSON}|{YOU_OR_THAT_ONE}|社長|支配人|部長|課長|院長|オーナ)(?:の(?:女|男|人|子|やつ|奴))?(?:さん)?"
    r"(?:ん|の|んとこの|とこの)"
)
# Whose building, car or window an insinuation is about (お前んちの窓, お宅の店, 社長さんの自宅): the same
# people and お宅, then the possessive (の, んちの, んとこの).
PROPERTY_OWNER = (
    rf"(?:{PERSON}|{YOU_OR_THAT_ONE_OR_OTAKU}|社長|支配人|部長|課長|院長|オーナ)(?:さん)?"
    r"(?:の|んちの|んとこの|とこの)"
)

# --- relatives ---

# A bare relative word (家族, 娘, ご両親): whose it is comes from the words around it.
RELATIVE_WORD = r"(?:家族|妻|嫁|奥さん|旦那|夫|子ども|子供|お子さん|息子|娘|親御さん|ご両親|両親)(?:さん)?"
# Someone else's relative: honorific (奥さん, 娘さん, お子さん) or owned by a rude "you" (お前の娘); a bare 娘
# is one's own.
RELATIVE_OF_OTHERS = (
    r"(?:(?:奥|旦那|娘|息子|お子|お嬢|親御|お母|お父|嫁|彼女|彼氏|家族)さん|ご(?:家族|主人|両親|子息|息女)"
    r"|(?:お前|おまえ|あんた|てめえ|貴様|お宅|おたく)(?:ん|の|とこの)(?:家族|妻|嫁|旦那|夫|子ども|子供|息子|娘|親|両親|彼女|彼氏))"
)
# The same in any register (様, お孫さん, ご亭主, あなたの娘), as whereabouts are told back politely too.
RELATIVE_OF_OTHERS_ANY = (
    r"(?:(?:奥|旦那|娘|息子|お子|お嬢|親御|お母|お父|嫁|彼女|彼氏|家族|奥|お孫)(?:さん|様|さま)"
    r"|ご(?:家族|主人|両親|子息|息女|亭主)(?:様|さま)?"
    rf"|{YOU_ANY}(?:ん|の|とこの|んとこの)(?:家族|妻|嫁|旦那|夫|子ども|子供|息子|娘|親|両親|彼女|彼氏))"
)
# Not the writer's own (私の, うちの), said right before a word: the lookbehinds of NOT_MINE.
NOT_MINE = r"(?<!私の)(?<!僕の)(?<!俺の)(?<!自分の)(?<!うちの)(?<!弊社の)(?<!当方の)"
# The same, and not わしの (a dialect "my"), as the property hints meet it.
NOT_MINE_OR_WASHI = NOT_MINE + r"(?<!わしの)"

# --- places, the web ---

# Someone's home, plainly (お前んち, 部屋), as a visit is announced.
HOME_PLAIN = r"(?:家|いえ|ち|自宅|実家|アパート|マンション|部屋|住まい)"
# Someone's home, politely too (ご自宅, お住まい), as a whereabouts is told back.
HOME_ANY = r"(?:ご自宅|自宅|お宅|お住まい|家|住まい|アパート|マンション|実家)"
# The web and review sites, where a bad review or a post is defamation.
NET = (
    r"(?:ネット|インターネット|sns|ツイッタ|twitter|インスタ|instagram|tiktok|ユーチューブ|youtube|掲示板"
    r"|口コミ|クチコミ|くちこみ|レビュ|食べログ|グーグル|google|ブログ|まとめサイト|フェイスブック|facebook)"
)
# Where one posts about a person (not review sites: a review is not exposure), as threats to expose say.
NET_POSTING = (
    r"(?:ネット|インターネット|sns|ツイッタ|twitter|インスタ|instagram|tiktok|ユーチューブ|youtube"
    r"|掲示板|ブログ|まとめ|フェイスブック|facebook)"
)
# The same with x and スレ, as where someone's private life was found (x alone, not inside a word).
NET_POSTING_OR_X = (
    r"(?:ネット|インターネット|sns|ツイッタ|twitter|(?<![a-z])x(?![a-z])|インスタ|instagram|tiktok|ユーチューブ"
    r"|youtube|掲示板|ブログ|まとめ|スレ|フェイスブック|facebook)"
)

# --- told as known ---

# Not a question back (知ってますか？), not reassurance (分かってるから心配ない).
STATED = (
    r"(?![^。!?\n]{0,4}?(?:か(?:\?|、|。|$)|\?|ますか|から(?:心配|安心|大丈夫)|ので(?:心配|安心|大丈夫)))"
    r"(?!お|とき|とこ|ほし|もら|くだ)"
)
# Known, as a state: 知ってる, 把握してます, 調べてある (not 知っておきたい).
KNOWN = (
    r"(?:(?:知って|分かって|わかって)(?:る|いる|ます|ん)|(?:知っと|分かっと|わかっと)(?:る|ん)|把握(?:して(?:る|います|ます)|済|しとる)"
    r"|調べ(?:て(?:ある|ます|る)|た|は(?:つ|つい)))"
)
# Known and stated, with 知っちょる too; not after a condition or a contrast either (知ってるなら,
# 知ってるけど), as a whereabouts is told back.
KNOWN_STATED = (
    r"(?:(?:知って|分かって|わかって)(?:る|いる|ます|ん)|(?:知っと|分かっと|わかっと|知っちょ)(?:る|ん)"
    r"|把握(?:して(?:る|います|ます)|済|しとる)|調べ(?:て(?:ある|ます|る)|た|は(?:つ|つい)))"
    r"(?![^。!?\n]{0,4}?(?:か(?:\?|、|。|$)|\?|ますか|(?:から|ので|し)(?:心配|安心|大丈夫)))"
    r"(?!なら|のに|けど|お|とき|とこ|ほし|もら|くだ)"
)
# Told as known: closing the sentence (not a question): ですよね, だろ, やんな.
TOLD_ENDING = (
    r"(?:でございますよね|ですよね|ますよね|ますよな|だよね|だよな|んだよね|んだよな|やんな|やんね|よね|よな"
    r"|でしょ(?:う)?|だろ(?:う)?|だべ|だべさ|やろ|じゃろ|じゃん)(?![^。!\n]{0,2}?[?？か])(?=[。、!\s…w笑]|$|ね|な)"
)

# --- English people ---

# A staff member or anyone met at a service (the insinuations: told about someone's day).
EN_PERSON_AT_SERVICE = (
    r"(?:staff|staff member|clerk|nurse|doctor|driver|delivery (?:guy|man|driver|boy|girl)|manager|cashier"
    r"|guard|receptionist|owner|employee|waiter|waitress|pharmacist|agent|operator|boss|worker|teller|chef"
    r"|cook|barista|bartender|server|assistant|supervisor|girl|guy|lady|man|woman|boy|kid|courier|rider"
    r"|technician|engineer|therapist|stylist|hairdresser|dentist|vet|trainer|instructor|teacher)s?"
)
# Staff, relatives and insults too (the veiled threats: a fate foretold for "that bitch", "your kids").
EN_PERSON_OR_RELATIVE = (
    r"(?:staff|clerk|nurse|doctor|driver|manager|cashier|guard|receptionist|owner|employee|waiter|waitress"
    r"|pharmacist|agent|operator|boss|worker|teller|chef|cook|family|wife|husband|kids?|children|son"
    r"|daughter|girlfriend|boyfriend|mother|father|people|guy|girl|woman|man|lady|bitch|bastard|idiot)s?"
)
EN_RELATIVE = (
    r"(?:daughter|son|kids?|children|child|wife|husband|little (?:girl|boy|one)s?|family|mum|mom|partner)"
)
# Whom a harm verb is aimed at, in one or two words (you, your manager, the cashier, everyone).
EN_TARGET = (
    r"(?:you|u|ya|him|her|them|everyone|everybody|all of you|your \w+|that \w+|this \w+|the (?:staff|clerk|"
    r"nurse|doctor|driver|manager|cashier|guard|receptionist|owner|employee|waiter|waitress|people|operator|"
    r"pharmacist|conductor|agent)|every\w*)"
)
# Whom an outcome befalls, up to four words long (the outcomes: "the girl at the till").
EN_TARGET_LONG = r"(?:you|him|her|them|(?:the|that|your|this) (?:\w+ ){1,4}?)"
