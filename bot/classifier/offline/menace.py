"""Menace: a threat recognised by its three parts, when no construction of the other threat modules knows it.

The other modules list constructions (a harm verb in an intent form, a veiled warning, an outcome named);
each catches its own family and fresh phrasings slip past them. Every threat still has three parts, in one
sentence or two that follow each other:
- a **target** that is not the writer: a rude or polite "you", a member of staff, a relative of theirs, their
  home, car or shop (お前, 担当者様, あの店員, 奥さん, お宅の店; you, your manager, that nurse);
- a **harm**: to life or body (殺, 刺, 轢, ボコる, 骨, 毒, 同じ目), to property (火, 灯油, パンク, 燃える), to
  freedom (閉じ込め, 帰れると思うな, 一人になったところ), to honour (住所と一緒にネットに, 晒す);
- a **menace**: the writer's intent or a warning about what comes (〜てやる, 〜とくわ, 〜からな, 〜ぞ,
  思うなよ, 確定, 次, 今夜, 覚悟; I'll, or else, next time).
A sentence with all three is a threat unless it reports something done or said (〜られた, 〜と言われた,
heard, said), denies it (つもりはない, never), asks (〜ますか？), or is about a thing, a story, a hazard or
the writer's own trouble; quotation, negation and idioms are judged by `context`, as for every threat rule.
"""

from __future__ import annotations

import bisect
import re

from bot.classifier.normalize import fold_pattern
from bot.classifier.offline.rules import Hit, Rule

MENACE_RULE = Rule("menace", "threat", "body", re.compile("(?!)"), 1.0, True, "any", None)

_SENTENCE = re.compile(r"(?:[^。!?\n.]|\.(?!\s|$))+(?:[。!?\n]|\.(?=\s|$))*")


def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(fold_pattern(pattern))


# --- Japanese ---
_JA_TARGET = _c(
    r"お前|おまえ|おめ(?=[えぇのんらさだ、])|てめ|あんた|あなた|貴様|きさま|おどれ|お宅|おたく|御社|貴社|貴店|御店|そっち|そちら"
    r"|介護士|ヘルパ|保育士|美容師|薬剤師|駅員|車掌|警備員|作業員|整備士|教師|担任|先生|にいちゃん|兄ちゃん|ねえちゃん|姉ちゃん"
    r"|担当|店員|店長|スタッフ|職員|社員|従業員|レジ|店舗|倉庫|社用車|営業車|シャッター|ガラス|看板|バイク|配達員|運転手|ドライバ|受付|フロント|窓口|看護師|医者|医師|オペレータ"
    r"|バイト|パート|社長|上司|係|あの(?:男|女|子|人|野郎|ババア|ジジイ|ばばあ|じじい)|奥さん|旦那|娘|息子"
    r"|子ども|子供|お子さん|家族|自宅|お前ら|あいつ|こいつ|そいつ|やつ|奴"
)
# Harm to a person, named by its verb or its outcome: 殺, 刺, 閉じ込め, 骨, 痛い目, 同じ目.
_HARM_TO_PERSON = (
    r"殺(?!人的|風景|菌|虫|到)|ころ(?=[すさしせそ])|たひ(?=ん|ね|な)|死な(?=す|せ)|刺(?!身)|轢|殴|ぼこ|閉じ込め"
    r"|出さ(?:ねえ|ない)|骨|痛い目|同じ目|思い知ら|息の根|死んでもら"
)
_JA_HARM = _c(
    _HARM_TO_PERSON + r"|ひき殺|なぐ(?=[るりっらろれ])"
    r"|しば(?=[くきいか])|どつ|いてま|燃|火(?:を|ぃ)?(?:つけ|付け|放)|灯油|ガソリン"
    r"|放火|爆|ぶっ壊|ぶち壊|壊(?=[しす])|ぱんく|帰れる(?:と)?思う|血(?!圧|液|糖)"
    r"|毒(?!舌)|晒|さら(?=[すしさせ])|ばらま|ばら撒|(?:住所|名前|本名|顔|写真|家族)[^。!?\n]{0,15}?ネットに|調べ上げ|狙(?=[うっい])|待ち伏"
    r"|尾行|あとをつけ|つけ回|襲|仕返し|お返し|地獄|首(?:を)?(?:取|とり|洗)|始末|沈め|埋め(?=[るて])"
    r"|一人になった(?:ところ|とこ|時)|報い|帰り道|夜道|暗い道|どうなっても|何(?:が|か)(?:あって|起きて|起こって)も"
    # Freedom: kept, alone, a schedule known; honour: a name or address posted; revenge as the same suffering;
    # food tampered with; safety no longer guaranteed.
    r"|帰さ(?:ない|ねえ|へん|ん)|帰らせ(?:ない|ねえ|へん)|一人で(?:出て|帰|歩)|(?:何時|いつ|どこ)[^。!?\n]{0,8}?(?:把握|知って|分かって"
    r"|わかって|調べ)|把握(?:して|済み|した)"
    r"|(?:住所|実名|本名|勤務先|顔写真|電話番号|自宅)[^。!?\n]{0,20}?(?:掲示板|ネット|sns|まとめ|晒|貼|書き込|載せ|拡散|ばらま)"
    r"|(?:失う|同じ)(?:気持ち|思い|苦しみ|痛み)|味わわせ|思いをさせ|思いをし(?:ていただ|てもら)"
    r"|[^。!?\n、]{1,6}に(?:何か|毒|異物|薬|洗剤|漂白剤)(?:を)?(?:入れ|混ぜ|盛)|無事(?:で|である)?[^。!?\n]{0,6}?保証"
    # A weapon carried, safety on the way home denied, brakes or plates noted, photos held as leverage, a
    # relative's hospital or school known.
    r"|(?:ナイフ|包丁|刃物|バット|鉄パイプ|拳銃|スタンガン|はさみ|カッタ)(?:を|も)?(?:持っ(?:た|て(?:行|い|向|っ))|用意し|買っ)"
    r"|無事(?:で|に)?(?:帰れ|済|すむ)|ブレーキ|ナンバー(?:(?:を|、)?(?:控え|覚え|メモ)|も(?:覚え|控え))"
    r"|(?:写真|動画|画像)(?:を|、)?持って|(?:写真|動画|画像)[^。!?\n]{0,12}?(?:ばらま|ばら撒|晒|拡散)"
    r"|(?:写真|動画|画像)[^。!?\n]{0,16}?(?:家族|奥さん|旦那|嫁|会社の人|職場|親)[^。!?\n]{0,4}?(?:に)?(?:送|見せ)|動画[^。!?\n]{0,12}?(?:流|上げ|載せ|拡散)"
    r"|(?:母親|父親|家族|子供|子ども|娘|息子|奥さん|旦那|お子さん)[^。!?\n]{0,14}?(?:病院|学校|保育園|職場|会社|塾)"
    r"[^。!?\n]{0,8}?(?:知って|分かって|わかって)"
    # Tampering (針入れといた, 一服盛る, 味付けをしておきました), a person identified (特定できて), watching
    # and following (帰るの見てた, ナンバー覚えた, GPS), confinement (鍵かけ, ご帰宅いただくわけには),
    # property (ガラス割り, 落書き), rumours spread (噂ばら撒く, 言いふらし).
    r"|(?:針|異物|毒|農薬|薬品|洗剤)(?:を)?(?:入れ|混ぜ|盛)|一服盛|味付け(?:を)?(?:し|させ)|開けて戻し"
    r"|特定(?:でき|し|済)|帰る(?:の|ところ)(?:を)?見て|後(?:ろ)?(?:を)?つけ"
    r"|gps|見とる|鍵(?:を)?かけ(?:と|てや|ておい)|ご帰宅いただく(?:わけ|こと)には|割りに|(?:ガラス|窓)(?:を|、)?(?:全部)?割"
    r"|落書き|(?:万引き|不倫|犯罪|前科|痴漢|盗み|横領|浮気)[^。!?\n]{0,20}?(?:言いふらし|噂|ばら撒|ばらま|流す|流し)"
    r"|ケリ(?:を)?つけ|暴れ"
    # A wish for someone's things to be safe, a device planted, a new workplace or account found, a way in
    # known, men sent, how many windows will be left; Hakata くらす, hiragana もやす.
    r"|無事(?:やった|だった|だと|なら)(?:ら)?(?:ええ|いい)|(?:仕掛け|しかけ)(?:た|とい|てお)|(?:バイト先|勤務先|職場|転職先)(?:を|も)?見つけ"
    r"|(?:インスタ|sns|アカウント)(?:を|も)?見つけ|最寄り?駅(?:も|を)?(?:分か|わか|知)|鍵の開け方|何枚残る"
    r"|若い衆(?:を|が)?[^。!?\n]{0,8}?(?:よこす|行かせ|向かわせ|送)|くらす|くらわ|もや(?=[すし])"
    r"|(?:嫁|妻|奥さん|旦那|夫|子供|子ども|娘|息子|両親|親)[^。!?\n]{0,10}?(?:パート|勤め|働い|通って|住ん)[^。!?\n]{0,8}?"
    r"(?:知っ|分かっ|わかっ)"
)
# A routine known (毎朝7時半に裏口から入ってる) is a harm only when it is a person's.
_JA_ROUTINE = _c(r"(?:毎朝|毎晩|毎日|毎週|いつも)[^。!?\n]{0,10}?\d+時")
_JA_PERSON = _c(
    r"お前|おまえ|おめえ|てめ|あんた|貴様|おどれ|担当|店員|店長|スタッフ|職員|社員|配達員|運転手|受付|看護師|医者"
    r"|オペレータ|バイト|パート|社長|あの(?:男|女|子|人)|奥さん|旦那|娘|息子|子ども|子供|お子さん|家族|さん(?!ま)"
)
# Harm to a person that needs no target named: 閉じ込めて一晩出さねえからな, タヒんでもらうわ.
_JA_PERSON_HARM = _c(
    _HARM_TO_PERSON
    # ...or a weapon taken along: 今から行く。ナイフ持った (not 包丁の使い方を教えてやる).
    + r"|(?:ナイフ|包丁|刃物|バット|鉄パイプ|拳銃|スタンガン)(?:を|も)?"
    r"(?:持っ(?:た|て(?:行|い|向))|用意し|買っ)"
)
_JA_MENACE = _c(
    r"てやる|でやる|てやろ|でやろ|てやっ|た(?:る|ろ)(?=[かわぞでよ。!\s]|$)|とく(?:わ|から|ぞ|な)|とい(?:た|て)|ておく"
    r"|から(?:な|ね)|がら(?:な|ね)|(?<=[るくすつぬむぶぐうたい])(?:ぞ|ぜ)|(?<=[るくすつぬむぶぐう])わ(?=[。!\s]|$)"
    r"|思うな|確定|覚悟|気をつけ(?!て(?:ください|下さい|くださいね))|気ぃつけ|気いつけ|待ってろ|楽しみに|見てる(?:から|ぞ)|行(?:く|ぐ)(?:から|がら|ぞ|わ)"
    r"|次(?:は|に|来たら)|今度|今夜|今晩|明日|いつか|どう思う|関知|保証(?:しかね|でき)|済む(?:と)?思う"
    r"|(?:知らない|知らねえ|しらん)(?:ぞ|よ|から)|遭わせ|あわせ(?:て|た)(?:やる|る)|もらう(?:わ|から|ぞ)"
    r"|(?:て|で)(?:いただき|もらい)ます|存じ上げ(?:ません|ない)|責任(?:は)?(?:持て|負いかね|取れ)"
    r"|どうなるか(?:分か|わか)|覚えた(?:ぞ|から|。|$)|やっから|やっがら|たるけ|しましょうか|ましょうか(?=[。!?\s]|$)"
    r"|いたしかね|しかねます|とき(?:ます|まーす)|ておきます|(?<=[すくるつぬむぶぐう])から(?=[。!\s]|$)"
    r"|知って(?:ます|る|ん)(?:よ|だよ|んだよ|で)|知りません(?:よ|から|ので|。|$)|(?:くれ|し)ない(?:と|なら|んなら)"
    r"|困りますよね|困るよね|困るやろ|大変ですよね|(?:今から|これから)(?:行く|向かう)|(?:送り|届け)ますね"
    r"|楽しみにしと|待っと(?:れ|け|き)|覚えと(?:け|き)|お楽しみ|想像に(?:任せ|お任せ)|教えない|上げるわ|流すわ|やるけ"
    r"|(?:とい|てお)(?:た|いた)(?:から|よ|で|ので)|(?:しとき|しておき)ました|予定です|つもりです"
    r"|まってろ|逃げても無駄|逃げられ(?:ない|ん|ると思)|(?<=[すくる])けん(?:ね|な)?(?=[。!\s]|$)|遅いぞ|探してみ"
)
# A passive reports what was done (殴られた, 轢かれます): right after the harm, or in the menace's own
# sentence when that is another one (毎朝7時半ごろ…。いつか子どもが轢かれます).
_JA_PASSIVE = r"(?:られ|され(?!たく)|[かがたなばまわ]れ(?:ます|る(?!な)|た|て|そう))"
_JA_HARM_UNDONE = _c(
    rf"[^。!?\n、]{{0,6}}?(?:{_JA_PASSIVE}|れかけ|(?:れ|っ)た(?!る|ろ)|って(?!やる|やろ|る|ろ|やっ|まう)|ている|てる(?!から)|ました|(?:たり|なんか|なんて|など)(?:は|も)?(?:しない|しません)|ません(?!か)"
    r"|ない(?:です|ので|から(?!な)))"
)
_JA_PASSIVE_ANYWHERE = _c(_JA_PASSIVE)
_KNOWING = _c(r".*(?:控え|調べ|把握|特定|覚え|見つけ|知っ|分か|わか)")
# The sentence reports, denies, asks, or is about a thing, a story or the writer's own trouble.
_JA_NOT = _c(
    r"言われ|って(?:叫|言|怒鳴)|と(?:叫|言|怒鳴)|(?<!ておき)(?<!とき)(?<!控え)(?<!調べ)(?<!覚え)(?<!把握し)(?<!特定し)ました|でした|ないで(?:ください|下さい)"
    r"|つもりは|気は(?:ない|ありません)|しない(?:ので|から|です)|ますか(?!ら)|ですか(?!ら)|でしょうか|[?？]"
    r"|(?<=[いぬするた])(?:ほど|くらい|ぐらい)|みたい|気で|たので|(?<!とい)(?<!ておい)たから(?!な)|たため|転ん|転倒|怪我|けが|小説|映画"
    r"|漫画|ドラマ|ゲーム|試合|ニュース|料理(?:教室|の(?:コツ|仕方|作り方))|レシピ|虫(?:を|が)|ゴキブリ(?:を|が)"
    r"|危ない|危険|心配|ように(?:して|お願い)|お気をつけ|ご注意|星|レビュー|口コミ|評判|炎上|お疲れ|ありがと|感謝|点検|整備|修理|メンテ|宣伝|紹介|おすすめ"
    r"|気をつけてね|気ぃつけてね|気をつけて(?:帰|お帰)"
    # The writer's own trouble or family, or an animal: 痛い目にあったからな, うちの子は, 猫を閉じ込めてやる.
    r"|目に(?:あっ|遭っ)た|目を見た|(?:うちの|私の|僕の|俺の)(?:子|娘|息子|家族|親|母|父|妻|夫)(?:は|が|も)|猫|犬|ペット"
    r"|ハムスタ|鳥|魚"
)

# A lift that traps people, an injection, pest control: next to any sentence of the message, harm words are
# about that (注射嫌いの息子…針を刺すときは; The lift trapped me… Someone will get hurt next time).
_HARMLESS_NEARBY = _c(
    r"注射|予防接種|採血|点滴|駆除|殺虫|害虫|\b(?:lift|elevator|escalator|trapped|inspection|inspected|wiring"
    r"|smoke alarm)\b"
)
_RHETORICAL = _c(r"(?:どう思う|困りますよね|困るよね|困るやろ|大変ですよね)[?？]?")

# --- English ---
_EN_TARGET = re.compile(
    r"\b(?:you|u|ya|your|ur|him|her|them|ceo|manager|staff|nurse|doctor|driver|cashier|clerk|receptionist"
    r"|agent|barista|waiter|waitress|owner|employee|technician|courier|family|wife|husband|kids?|daughter|son"
    r"|shop|store|office|house|home|car|van|bakery|restaurant|branch|hotel|clinic|salon|guy|girl|lady|man|woman"
    r"|whoever|anyone|anybody|somebody|someone|everyone|everybody)\b"
)
_EN_WHO = r"(?:you|him|her|them|your \w+|that \w+|this \w+|the \w+)"
_EN_HONOUR = r"(?:video|photos?|pictures?|footage|home address|phone number|personal number|address)"
_EN_HARM = re.compile(
    r"\b(?:kill(?:s|ing)?|murder(?:s|ing)?|stab(?:s|bing)?|shoot(?:s|ing)?|torch(?:es|ing)?"
    r"|burn(?:s|ing)? (?:down|it down|you|him|her|them|your|that|this"
    r"|the (?:shop|store|house|place|building))"
    r"|set fire|on fire|catch(?:es)? fire|bat|knife"
    r"|gun|hurt|bleed|poison(?:s|ing)?|beat (?:you|him|her|them|up)|smash(?:es|ing)?|wreck(?:s|ing)?"
    rf"|follow(?:ing|ed)? {_EN_WHO}|(?:find|found) (?:you|him|her|them)"
    r"|(?:find|found) (?:your|that|the) \w+ (?:on|at|online)"
    # Exposure: a video or an address that goes online or to someone close.
    rf"|{_EN_HONOUR}[^.!?]{{0,40}}(?:online|everywhere|viral|internet|facebook|twitter|instagram|tiktok|reddit"
    r"|your (?:wife|husband|boss|family|kids))"
    rf"|(?:post|share|upload|leak|spread)\w* [^.!?]{{0,30}}{_EN_HONOUR}"
    r"|(?:terrible|shame|pity|awful) if (?:anything|something)|shame if (?:it|your|the|that|a|someone)\b"
    r"|accidents? (?:happen|could happen|might happen)"
    rf"|where {_EN_WHO} (?:live|lives|park|parks|sleep|sleeps)"
    r"|(?:be|'ll be|will be) waiting (?:for (?:you|him|her|them)"
    r"|outside (?:your|his|her|their) (?:house|home|car|door))"
    r"|(?:end up|be|put \w+|send \w+) in (?:the )?(?:hospital|grave|morgue)"
    r"|(?:your|his|her|their) (?:teeth|bones?|legs?|arms?|neck|jaw|nose|kneecaps?)"
    # Freedom: locked in, tracked, a route known; property gone; exposure to someone close; a family's safety.
    rf"|lock(?:ing|ed)? {_EN_WHO} (?:in|up)|tracker"
    r"|every (?:stop|move|step) (?:he|she|they) (?:makes?|takes?)"
    r"|which (?:bus|train|car|way|route|school|house|door) (?:\w+ ){0,3}(?:takes?|uses?|lives?|goes|leaves)"
    r"|(?:car|shop|store|van|house|windows?|sign) (?:won't|will not|wont) be there"
    r"|(?:her|his|your|the) (?:\w+'s )?(?:husband|wife|boss|family|kids|parents|partner)"
    r" (?:gets?|sees?|will see|finds? out)"
    r"|(?:have|got|know) (?:your|the|his|her) (?:\w+(?:'s)? ){0,2}(?:home )?address"
    r"|(?:very |really )?(?:bad|long|rough) night|glass breaks"
    r"|(?:his|her|their|your) (?:children's|kids'|family's|wife's|husband's|daughter's|son's) safety"
    r"|(?:you|you people|you guys|y'all|all of you)(?: [^.!?]{0,25})? (?:are|r) (?:all )?dead"
    r"|(?:you're|youre|ur) dead"
    r"|school (?:lets out|finishes|ends|gets out)|hope (?:the |his |her |your )?brakes"
    r"|waiting (?:in|at|outside|by) (?:the )?(?:parking lot|car park|back door|staff exit|exit|entrance)"
    r"|(?:won't|wont|will not) be (?:walking|driving|going) home|how (?:he|she|they) likes? visitors"
    r"|nobody (?:gets|leaves|walks) out|(?:isn't|is not|won't be) leaving the building|lock the doors"
    r"|release (?:a|the) (?:video|photos?|pictures?|footage)|easy to (?:break|smash|burn|get into)"
    r"|flyers with (?:his|her) face|everyone thinks [^.!?]{0,30}\b(?:pedo\w*|thief|rapist|criminal|paedo\w*)"
    r"|nothing (?:left )?to lose|i saw (?:her|him|them|your \w+) at)\b"
)
_EN_MENACE = re.compile(
    r"\b(?:i'll|ill|i will|im going to|i'm going to|i'm gonna|im gonna|gonna|or else|next time|you'll|youll"
    r"|you will|watch|see you (?:at|outside|soon|there|tonight|tomorrow)"
    r"|(?:it'd|it would|that'd|that would) be"
    r"|be a (?:real )?shame|for a week|(?:i|we|they|associates|friends|people) know|coming"
    r"|or (?:your|the|that|her|his)|i'm \w+ing|im \w+ing|already have|don't ask questions|no questions asked"
    r"|advise|make sure|hope|right\?|doesn't it|let's see"
    r"|when (?:he|she|that \w+) (?:gets off|leaves|finishes)|think about (?:that|it) before"
    r"|should be (?:more )?careful"
    r"|you have \d+ hours)\b"
)
_EN_NOT = re.compile(
    r"\b(?:(?:got|had) (?:\w+ )?(?:hit|hurt|pushed|attacked|punched|threatened|bitten|robbed)|was|were|said"
    r"|says|told|heard|yelled|shouted|screamed"
    r"|(?:someone|somebody) (?:said|told|was|were|yelled|shouted|is|has)"
    r"|some guy|a man|a woman|a customer|not|never|didn't|wouldn't|if i|could|like|game|movie|film"
    r"|book|novel|show|recipe|weeds?|bugs?|kill(?:ing)? (?:some |a little |a bit of )?time|deadline|interview"
    r"|exam|test|presentation|concert|gig|score|record|level"
    # A hazard, or a lawful step: faulty wiring, blocked drains; court, a lawyer, a review.
    r"|faulty|wiring|drains?|blocked|broken|leak\w*|storm|flood\w*|because of|court|lawyer|police|sue|report"
    r"|review|pick up|collect|lovely|thanks|thank you|kind|helpful|slip\w*|trip\w*|stairs|step|floor"
    r"|inspect\w*|lift|elevator|alarm|trapped|kill it|team|footy|sharpen\w*|filleting|cctv"
    r"|follow up)\b"
    r"|\?"
)


def _menace_near(
    menace: re.Pattern[str], folded: str, a: int, b: int, end: int, start: int
) -> tuple[int, int] | None:
    """Where a menace is: in the sentence [a, b), else the next two (up to `end`), else the one before."""
    for lo, hi in ((a, b), (b, end), (start, a)):
        found = menace.search(folded, lo, hi)
        if found:
            return found.start(), found.end()
    return None


def _sentence_at(sentences: list[tuple[int, int]], starts: list[int], pos: int) -> tuple[int, int]:
    """The first of the (sorted, disjoint) sentences that holds `pos`, found by bisection, not by a walk
    through all of them for every sentence."""
    i = bisect.bisect_right(starts, pos) - 1
    if i >= 0 and sentences[i][0] <= pos < sentences[i][1]:
        return sentences[i]
    return next((lo, hi) for lo, hi in sentences if lo <= pos < hi)


def menace_hits(folded: str) -> list[Hit]:
    """A hit from the harm to the menace in each sentence that holds all three parts (the target may be in the
    sentence before or after it, the menace in the next two or the one before); `context` then judges it like
    any threat rule's hit."""
    sentences = [(m.start(), m.end()) for m in _SENTENCE.finditer(folded)]
    starts = [lo for lo, _ in sentences]
    hits: list[Hit] = []
    for i, (a, b) in enumerate(sentences):
        # The target may be named in the sentence before or after: どうなっても知らないぞ。お前の家族がな.
        start = sentences[i - 1][0] if i > 0 else a
        end = sentences[min(i + 2, len(sentences) - 1)][1] if i + 1 < len(sentences) else b
        window, sentence = folded[start:end], folded[a:b]
        english = sum(c.isascii() and c.isalpha() for c in sentence) * 2 > len(sentence.strip())
        harms = list((_EN_HARM if english else _JA_HARM).finditer(sentence))
        if not english:
            # A harm told as done (殴られた, 割れた) does not count; knowledge gained (控えました) still does.
            harms = [
                h for h in harms if _KNOWING.match(h.group()) or not _JA_HARM_UNDONE.match(sentence, h.end())
            ]
            if not harms and _JA_PERSON.search(window):
                harms = list(_JA_ROUTINE.finditer(sentence))
        harm = harms[0] if harms else None
        # The menace may close a later sentence (毎朝7時半に裏口から入ってるよな。明日も見てるから) or come
        # first (これから向かう。包丁も持った).
        where = _menace_near(_EN_MENACE if english else _JA_MENACE, folded, a, b, end, start)
        if harm is None or where is None:
            continue
        # The sentence the menace comes from is judged too: 毎朝7時半ごろ…。いつか子どもが轢かれます.
        menace_sentence = _sentence_at(sentences, starts, where[0])
        checked = folded[min(a, menace_sentence[0]) : max(b, menace_sentence[1])]
        if _HARMLESS_NEARBY.search(window):
            continue  # a hazard, a procedure or a pest told of in the sentence next to it
        if english:
            ok = bool(_EN_TARGET.search(window)) and not _EN_NOT.search(checked)
        else:
            targeted = _JA_TARGET.search(window) or _JA_PERSON_HARM.search(sentence)
            asked = _RHETORICAL.sub("", checked)  # 〜燃えると思うんだけど、どう思う？ asks nothing
            undone = menace_sentence[0] != a and _JA_PASSIVE_ANYWHERE.search(folded, *menace_sentence)
            ok = bool(targeted) and not undone and not _JA_NOT.search(asked)
        if ok:
            high = where[1] if a <= where[0] < b else a + harm.end()
            hits.append(Hit(MENACE_RULE, a + harm.start(), max(high, a + harm.end())))
    return hits
