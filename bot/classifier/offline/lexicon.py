"""Patterns per behaviour type of the MHLW manual, plus excessive demand (Japanese and English).

Weights: 1.0 is enough on its own to make the means unacceptable (or the demand invalid, for
excessive_demand); weaker cues (rude pronouns, vulgar intensifiers) add up. Hiragana forms of insults
are restricted by their neighbours because they hide inside ordinary words (ばかり, 動かす, ですしね).
"""

from __future__ import annotations

from bot.classifier.offline.rules import Rule, rule

_NO_SENT = r"[^。!?\n]"
_STAFF = (
    r"(?:店員|スタッフ|従業員|職員|係員|駅員|車掌|運転手|運転士|乗務員|看護師|看護婦|ナース|医師|医者|先生"
    r"|受付"
    r"|警備員|店長|担当者?|オペレータ|社員|バイト|レジ|窓口)"
)
_YOU = r"(?:お前|おまえ|てめえ|てめ|あんた|貴様|きさま|こいつ|あいつ|そいつ)"
_NET = (
    r"(?:ネット|インターネット|sns|ツイッタ|twitter|インスタ|instagram|tiktok|ユーチューブ|youtube|掲示板"
    r"|口コミ|クチコミ|くちこみ|レビュ|食べログ|グーグル|google|ブログ|まとめサイト|フェイスブック|facebook)"
)
_END = r"(?=[\s。、!?…」』)]|$)"


def _r(name: str, category: str, pattern: str, weight: float = 1.0) -> Rule:
    return rule(name, category, name, pattern, weight)


VERBAL_ABUSE: tuple[Rule, ...] = (
    _r(
        "die",
        "verbal_abuse",
        r"死ね(?!な|る|ない|ず)|死んで(?:しまえ|くれ|ください|ほしい|詫び)|死んじまえ|しんじまえ",
    ),
    # しね only where it cannot be ですしね / 少しね: at a start, after punctuation, or after a target word.
    # The literal comes first and the context is checked behind it, which is much faster to scan.
    _r(
        "die_kana",
        "verbal_abuse",
        r"しね(?![んまえ])(?:(?<![^\s。、!?…」』)〇員師者長医]しね)|(?<=てめえしね)|(?<=てめしね)"
        r"|(?<=おまえしね)|(?<=お前しね)"
        r"|(?<=あんたしね)|(?<=もうしね)|(?<=早くしね)|(?<=さっさとしね))",
    ),
    _r(
        "vanish",
        "verbal_abuse",
        r"くたば(?:れ|っちまえ|りやがれ)|消え(?:ろ|うせろ|失せろ)|(?<!見)失せろ|うせろ|(?:消えて"
        r"|いなくなって)(?:しまえ|ほしい|くれ)"
        r"|潰れ(?:ちまえ|ろ|てしまえ)|辞めちまえ|やめちまえ",
    ),
    _r(
        "fool",
        "verbal_abuse",
        r"(?<!ばか)(?:馬鹿|ばか)(?!り|ばかし|しい|し[くさ]|げ|にされ|にし|にする|にすん|な(?:こと|話|真似)"
        r"|正直|丁寧|らし|でか|高|売れ"
        r"|みたいに)"
        r"|(?<![さまかたなはやらわあ])あほ(?!らし)|阿呆|まぬけ|間抜け|のろま|うすのろ|能無し|のうなし"
        r"|役立たず|やくたたず"
        r"|無能(?!力)|低能|ぽんこつ|脳みそ(?:が)?(?:腐|入って|ない|空っぽ|足りな)|給料(?:を)?もらう資格"
        r"|ぼけ(?![てたっつ])|ボケ(?:老人|が)",
    ),
    _r(
        "trash",
        "verbal_abuse",
        rf"(?:人間の|この|{_YOU}(?:は|なんか|みたいな|ら)?|{_STAFF}(?:は|が|ども|共|なんか)?)(?:くず|屑"
        rf"|ごみ|かす)"
        r"|(?:くず|屑|ごみ|かす)(?:店員|職員|野郎|やろう|共|ども|会社|人間|医者|看護師|運転手|駅員|だな"
        r"|すぎ|以下|みたい)"
        rf"|(?:くず|ごみ|かす)が{_END}|屑|くそ(?:店員|野郎|やろう|じじい|ばばあ|女|男|医者|会社|ども)",
    ),
    _r(
        "looks",
        "verbal_abuse",
        r"(?<![あかたなまらわ])ぶす(?!っ|ぶす|り)|でぶ|はげ(?!し|た|て|る|ま|落|しい)|禿げ?(?!し)|じじい"
        r"|ばばあ"
        r"|きも(?:い|っ|すぎ|いんだよ)|気持ち悪い(?:店員|奴|やつ|男|女|じじい|ばばあ)|うざ(?:い|っ|え|すぎ"
        r"|ったい)|うぜ(?!ん)",
    ),
    _r("thief", "verbal_abuse", r"給料泥棒|税金泥棒|穀潰し|ごくつぶし"),
    _r(
        "discrimination",
        "verbal_abuse",
        r"(?:女|おんな)のくせに|外人|がいじん|国に帰れ|日本から出て(?:いけ|行け)"
        r"|(?:外国人|中国人|韓国人|朝鮮人|ベトナム人|フィリピン人|黒人)(?:の)?(?:店員|職員|スタッフ|なんか"
        r"|ごとき)",
    ),
    _r(
        "mad",
        "verbal_abuse",
        r"頭(?:が)?(?:おかしい|悪い|わるい|沸いて|湧いて|大丈夫か)|(?:気|き)が(?:狂|くる)って",
        0.7,
    ),
    _r("kuse", "verbal_abuse", rf"{_STAFF}のくせに", 0.6),
    _r("rude_pronoun", "verbal_abuse", r"てめえ|てめぇ|貴様|きさま|手前ら", 0.5),
    _r("arrogant", "verbal_abuse", r"生意気|なまいき|何様|なにさま", 0.5),
    _r("vulgar", "verbal_abuse", r"くそ|クソ|糞", 0.3),
    _r("stupid_en", "verbal_abuse", r"\b(?:stupid|dumb|pathetic)\b", 0.5),
    _r("swear_en", "verbal_abuse", r"\b(?:fuck\w*|shit\w*|damn)\b", 0.4),
    _r(
        "insult_en",
        "verbal_abuse",
        r"\b(?:idiots?|morons?|imbeciles?|retard(?:ed|s)?|bitch(?:es)?|bastards?|assholes?|dickheads?"
        r"|cunts?|whores?|sluts?"
        r"|scum(?:bags?)?|dumbass|jackass|losers?|brainless|clowns?|dimwits?|halfwits?|numbskulls?"
        r"|buffoons?|muppets?)\b"
        r"|\bf+[*u]+c*k+(?:ing)?\s+(?:you|off|u)\b|\bf\*+\s+(?:you|off)\b|\bstfu\b"
        r"|\b(?:you|ur|you people|you guys)\s+(?:are|r)?\s*(?:(?:a|an|such|so|absolute|complete|total"
        r"|useless|pathetic|stupid)\s+){0,3}"
        r"(?:garbage|trash|idiots?|morons?|useless|pathetic|stupid|scum|worthless|losers?|pigs?|animals"
        r"|a joke)\b"
        r"|\b(?:useless|stupid|dumb|worthless|pathetic|fat|ugly)\s+(?:idiot|moron|bitch|cow|pig|woman|man"
        r"|girl|guy|clerk|nurse"
        r"|driver|staff|employee|cashier|receptionist|waitress|waiter|doctor)\b"
        r"|\bgo to hell\b|\b(?:go|just|you should|hope you|i hope you|drop) die\b|\bkill yourself\b|\bkys\b",
    ),
)

INTIMIDATION: tuple[Rule, ...] = (
    _r(
        "warn",
        "intimidation",
        r"覚えて(?:ろ|おけ|いろ|やがれ|おきな|とけ)|(?:ただで|ただでは|タダで|このままで)(?:済|すむ"
        r"|すま)(?:む|まない|まさない|ませ)"
        r"|どうなるか(?:わか|分か)って(?:る|ん|い)|どうなっても(?:知ら|しら)(?:ない|ねえ|ん)"
        r"|後悔(?:させ|する(?:ぞ|ことになる|ことになります|よ)|しても知らない)|(?:覚悟|かくご)(?:しろ"
        r"|しとけ|しておけ|しておきなさい|しなさい)",
    ),
    _r("disrespect", "intimidation", r"(?:なめ|舐め)(?:てん|てる|んな|るな|やがって|とんのか)", 0.7),
    _r(
        "shout",
        "intimidation",
        r"(?:怒鳴|どな)(?:って|りつけて|り散らして)(?:やった|やる)"
        r"|(?:叩|たた)いて(?:怒鳴|どな)|(?:机|台|カウンタ|壁|ドア|テーブル|窓口|椅子|いす|看板|棚)(?:を|に)?"
        rf"{_NO_SENT}{{0,3}}?(?:叩|たた|蹴|け|殴|なぐ)(?:いて|って|り飛ばして|りとばして"
        rf"|り飛ばし){_NO_SENT}{{0,8}}?やっ(?:た|て)",
    ),
    _r(
        "power_en",
        "intimidation",
        r"\byou(?:'ll| will) (?:regret|pay for)\b|\bi(?:'ll| will) make (?:you|your life|sure you) (?:pay"
        r"|regret|hell|suffer)"
        r"|\bwatch yourself\b|\bdon't (?:mess|fuck) with me\b|\byou(?:'ve| have) been warned\b"
        r"|\bi (?:\w+ )?(?:slammed|banged|kicked|punched) (?:the|a|my|his|her) (?:desk|counter|table|door"
        r"|wall|chair)\b",
    ),
    _r("or_else_en", "intimidation", r"\bor else\b", 0.6),
)

VIOLENCE: tuple[Rule, ...] = (
    _r(
        "throw",
        "violence",
        rf"(?:投げつけ|なげつけ|投げ|なげ|ぶつけ)て?{_NO_SENT}{{0,2}}?やっ(?:た|て)|(?:唾"
        rf"|つば)を(?:吐きかけ|はきかけ|かけて)",
    ),
    _r(
        "throw_en",
        "violence",
        r"\bi (?:\w+ )?(?:threw|spat|thrown) (?:\w+ )?(?:at|on) (?:her|him|them|the)\b",
    ),
)

TIME_BINDING: tuple[Rule, ...] = (
    _r(
        "hold",
        "time_binding",
        rf"(?:納得|なっとく)(?:する|いく|できる|が?いく)?まで{_NO_SENT}{{0,8}}?(?:帰ら|かえら|帰さ|かえさ"
        rf"|動か|うごか|切ら|きら"
        r"|離さ|はなさ|付き合|つきあ|続け)"
        r"|(?:帰|かえ)(?:らない|らねえ|らん|さない|さねえ|さん)(?:ぞ|から|からな|よ)|(?:帰|かえ)れると思うな"
        r"|(?:居座|いすわ)(?:る|った|って|り)|(?:電話|でんわ)を?(?:切|き)(?:るな|れると思うな)|(?:切"
        r"|き)らせ(?:ない|ねえ|なかった)"
        rf"|(?:\d+|何|数|なん|二|三|四|五)時間(?:も|以上|近く|にわたって|ぶっ通しで)?{_NO_SENT}{{0,6}}?"
        r"(?:説明させ|話させ|対応させ|相手させ|付き合わせ|つきあわせ|説教|問い詰め|拘束|文句を言い続け"
        r"|怒鳴り続け|謝らせ)"
        r"|朝まで(?:付き合|つきあ|話|説明|帰さ|帰ら|居座)"
        rf"|(?:何時間|一晩中|一日中)でも{_NO_SENT}{{0,6}}?(?:付き合|つきあ|話|待|居|い|続け|説明)"
        r"|(?:ここ|この場|窓口|店)(?:を|から)?(?:一歩も)?(?:動か|うごか)(?:ない|ねえ|ん)"
        r"|(?:ここ|この場|窓口|店|ロビ|待合室)(?:に|で)(?:座り|居|い|待ち|立ち)続け"
        rf"|(?:来る|出てくる|謝る)まで{_NO_SENT}{{0,8}}?(?:帰ら|かえら|動か|うごか|居座)"
        rf"|閉店(?:後|しても|時間を過ぎても|まで){_NO_SENT}{{0,6}}?(?:居座|居|い続け|帰ら)",
    ),
    _r(
        "hold_en",
        "time_binding",
        r"\b(?:won't|will not|not going to|refuse to|am not|i'm not) (?:leave|leaving|hang up|hanging up|go"
        r"|going)\b[^.!?]{0,30}\buntil\b"
        r"|\b(?:kept|held|keep) (?:her|him|them|the \w+|you)(?: \w+){0,3} (?:for|over) (?:\d+|two|three"
        r"|four|five|six|several|many) hours\b"
        r"|\b(?:sit|stay|wait) here (?:all night|all day|until)\b|\ball night if i have to\b",
    ),
)

REPEAT: tuple[Rule, ...] = (
    _r(
        "again",
        "repeat",
        rf"毎日(?:でも)?{_NO_SENT}{{0,8}}?(?:電話|でんわ|メール|連絡|抗議|押しかけ|来|く|行|い|かけ"
        rf"|通){_NO_SENT}{{0,6}}?"
        r"(?:やる|やります|ぞ|からな|続け|つづけ|ますから|しますよ)"
        rf"|何(?:度|回|十回|百回|千回)でも{_NO_SENT}{{0,8}}?(?:電話|来|く|行|い|言|かけ|連絡|抗議|書き込|送"
        rf"|押しかけ)"
        rf"|(?:出る|でる|回答|返事|返金|謝罪|対応)(?:する|される|が(?:ある|来る|くる))?まで{_NO_SENT}{{0,8}}?"
        r"(?:かけ続け|電話し続け|毎日|何度でも|来続け|通い続け|かけ(?:る|てやる)|電話(?:する|してやる))"
        r"|(?:かけ|電話し|来|通い|押しかけ|送り|メールし|連絡し|書き込み|書き)続け(?:る|ます|てやる"
        r"|てやります)",
    ),
    _r("count", "repeat", r"(?:\d{2,}|数十|何十|百)回目", 0.5),
    _r(
        "days",
        "repeat",
        r"(?:昨日|今日|明日|毎朝|毎晩|毎日|明日以降)も[^。!?\n]{0,10}?(?:電話|来|行|かけ"
        r"|押しかけ)[^。!?\n]{0,6}?(?:やる|からな|ぞ)",
    ),
    _r("persist", "repeat", r"しつこく", 0.5),
    _r(
        "again_en",
        "repeat",
        r"\b(?:i(?:'ll| will)|i am going to|i'm going to|i'm gonna|gonna)\s+(?:keep\s+)?(?:call|calling"
        r"|email|emailing|come|coming"
        r"|visit|visiting|phone|phoning|write|writing|show up|be back"
        r"|come back)\b[^.!?]{0,40}\b(?:every (?:single )?(?:day|hour|morning|night|week)"
        r"|until|again and again|nonstop|non-stop)|\b(?:will not|won't|never) stop (?:calling|emailing"
        r"|coming|writing)",
    ),
)

OFF_PREMISES: tuple[Rule, ...] = (
    _r(
        "summon",
        "off_premises",
        rf"(?:家|自宅|うち|俺ん?ち|わが家|実家|職場)(?:まで|に|へ){_NO_SENT}{{0,8}}?(?:謝り|謝罪|あやまり"
        rf"|説明|頭を下げ|詫び|来い|こい"
        r"|来させ|来てもら|来るべき|来なさい|来てください|来ていただ|伺わせ|出向)"
        r"|菓子折|かしおり"
        rf"|(?:駅前|喫茶店|ファミレス|外|駐車場|店の外|近くの|公園){_NO_SENT}{{0,6}}?(?:に来い|に来なさい"
        rf"|へ来い|で待って(?:ろ|る)"
        r"|に出てこい|に呼び出)"
        r"|(?:謝り|謝罪し?|詫び|頭を下げ)に(?:来い|こい|来させろ|来てもらう|来るべき|来なさい)|(?:今すぐ"
        r"|いますぐ)[^。!?\n]{0,6}?(?:来い|こい)"
        r"|(?:自宅|家|うち)で待って(?:る|ます|いる)",
    ),
    _r(
        "summon_en",
        "off_premises",
        r"\bcome to my (?:house|home|place|office|apartment|flat)\b|\b(?:visit|at) my (?:house|home) (?:and"
        r"|to) apologi[sz]e\b"
        r"|\bapologi[sz]e (?:to me )?in person at my (?:house|home)\b|\bmeet me (?:outside"
        r"|in the parking lot|at the cafe)\b",
    ),
)

AUTHORITY: tuple[Rule, ...] = (
    _r(
        "connections",
        "authority",
        r"(?:議員|国会議員|市議|県議|代議士|市長|知事|大臣|政治家|弁護士|警察|警視|県警|検事|マスコミ|新聞"
        r"|テレビ|記者|本社|社長|会長"
        r"|役員|理事|組長|ヤクザ|暴力団|お偉いさん|偉い人|幹部)(?:の|に|と|が|社|局)?(?:いる|勤める"
        r"|勤めてる)?(?:知り合い|しりあい|友達"
        r"|ともだち|友人|親戚|親友|コネ"
        r"|顔が利|つながり|繋がり|仲間|付き合い|つきあい|知ってる|知っている|がついて|がバック|身内|秘書"
        r"|後援会|関係者)"
        r"|(?:俺|私|わし|わたし|僕|ぼく|おれ|あたし|こっち|こちら)(?:を|が|のこと)?(?:誰|だれ)(?:だと"
        r"|と)(?:思って|おもって|心得)"
        r"|(?:バック|後ろ)には?[^。!?\n]{0,6}?(?:がついて|がいる|マスコミ|ヤクザ|組)"
        r"|(?:本社|社長|市長|議員|マスコミ|新聞社|テレビ局|週刊誌)に(?:言いつけ|いいつけ|チク|言いふら"
        r"|垂れ込|たれこ|流し|ばらし)"
        r"(?:る|てやる|ますよ|ますから)|(?:記事|ニュース)にされたく(?:なければ|なかったら|ないなら)"
        r"|(?:処分|クビ|首)(?:なんて|なんか|にするのは|にすること)(?:簡単|かんたん|すぐ)",
    ),
    _r(
        "challenge",
        "intimidation",
        r"(?:いいと|済むと|通ると)思って(?:る|ん|い)(?:の|んですか|のか|んだ)",
        0.4,
    ),
    _r(
        "status",
        "authority",
        r"(?:俺|私|わし|おれ)は[^。!?\n]{0,6}?(?:議員|元警察|弁護士|社長|株主|大株主|役員|記者)(?:だ|なんだ"
        r"|ですよ)",
        0.6,
    ),
    _r("customer_god", "authority", r"(?:お客様|お客さま|客)は神様|金を払って(?:る|いる)(?:客|んだ)", 0.7),
    _r(
        "connections_en",
        "authority",
        r"\bdo you (?:even )?know who i am\b|\bi (?:know|play golf with|am friends with|'m friends with"
        r"|'m close to|am close to)"
        r" (?:your|the) (?:ceo|owner|president|mayor|governor|director|chairman|senator|minister"
        r"|police chief|boss)\b"
        r"|\byou have no idea who you(?:'re| are) dealing with\b"
        r"|\b(?:a |close |good |personal )*friends? (?:of|with) (?:the|your) (?:ceo|owner|president|mayor"
        r"|governor|director"
        r"|chairman|senator|minister|police chief|boss)\b",
    ),
    _r(
        "status_en",
        "authority",
        r"\bi(?:'m| am) (?:a|an) (?:lawyer|journalist|reporter|councillor|councilor|politician"
        r"|shareholder)\b",
        0.6,
    ),
)

ONLINE_DEFAMATION: tuple[Rule, ...] = (
    _r(
        "flame",
        "online_defamation",
        r"炎上させ|悪評を(?:広め|流|ばらま)|悪口を(?:書き|広め|流|ばらま)|(?:星|★)1(?:を|つけ)"
        r"|低評価を(?:つけ|付け)まく"
        r"|拡散して(?:やる|やります|二度と)|拡散する(?:ぞ|からな)|(?:潰|つぶ)して(?:やる|やります)"
        r"|評判を(?:落と|下げ)して(?:やる)"
        r"|荒らして(?:やる|やります)"
        rf"|{_NET}{_NO_SENT}{{0,20}}?(?:書き込|かきこ|書いて|載せ|のせ|あげ|上げ"
        rf"|流){_NO_SENT}{{0,6}}?(?:やる|やります|ぞ|からな|てやろ)",
    ),
    _r(
        "flame_en",
        "online_defamation",
        r"\b(?:go(?:es)? viral|make (?:this|it|you) viral|ruin your (?:business|reputation|shop|store"
        r"|restaurant)"
        r"|destroy your (?:business|reputation)|(?:your|this) business is (?:finished|done|over)"
        r"|expose (?:you|this place|your store) (?:online|on)|tell everyone on (?:twitter|facebook|tiktok"
        r"|instagram|social media)"
        r"|leave (?:1|one)[- ]star reviews? everywhere|bomb your reviews|trash you online)\b",
    ),
)

# A woman, or a member of staff addressed personally (受付の電話番号 is the office's number, not hers).
_WOMAN = (
    r"(?:子|娘|女性|女の子|女|お姉さん|おねえさん|ねえちゃん|姉ちゃん"
    r"|(?:看護師|ナース|店員|受付|レジ|スタッフ)(?:の(?:子|女|女性|お姉さん)|さん|ちゃん))"
)
SEXUAL: tuple[Rule, ...] = (
    _r(
        "partner",
        "sexual_harassment",
        r"(?:彼氏|かれし|彼女|旦那|恋人)(?:は|って|とか)?(?:いる|い)(?:の|ん|か|\?)",
    ),
    _r(
        "contact",
        "sexual_harassment",
        rf"{_WOMAN}(?:さん|ちゃん)?(?:の|、)?{_NO_SENT}{{0,12}}?(?:連絡先|電話番号|番号|ライン|line"
        rf"|インスタ|メアド)",
    ),
    _r(
        "looks",
        "sexual_harassment",
        r"(?:かわいい|可愛い|美人|色っぽ|セクシ|エロ|えろ)(?:ね|な|から|子|娘|店員|看護師|ナース|女"
        r"|お姉さん|だね|すぎ)|(?:きれい|綺麗)だね",
        0.7,
    ),
    _r(
        "swap",
        "sexual_harassment",
        rf"(?:若い|若くて|かわいい|可愛い|美人|きれいな|綺麗な){_NO_SENT}{{0,6}}?(?:女|女の子|子|娘|女性"
        rf"|姉ちゃん)(?:に|を|と)?"
        r"(?:代え|変え|かえ|交代|担当|つけ|付け|出せ|して)",
    ),
    _r(
        "body",
        "sexual_harassment",
        rf"(?:胸|むね|おっぱい|尻|しり|おしり|太もも|ふともも|脚|体|からだ|身体|スカート|下着|パンツ|ブラ"
        rf"|谷間){_NO_SENT}{{0,6}}?"
        r"(?:触(?:ら(?!れ)|り|る|って|った)|さわ(?:ら(?!れ)|り|る|って|った)|揉(?:ま(?!れ)|み|む|んだ)"
        r"|見せ(?:ろ|て)|ばっか|ばかり"
        r"|でか|大き|エロ|えろ)",
    ),
    _r(
        "explicit",
        "sexual_harassment",
        r"触らせ(?:て|ろ)|さわらせ(?:て|ろ)|スリーサイズ|カップ数|処女|童貞|やらせ(?:ろ|て)|抱かせ|抱きたい"
        r"|ヤりたい|やりてえ|エッチ|えっち|(?:ホテル|ほてる)(?:に|へ)?(?:行|い)"
        r"(?:こう|かない|きたい|こ)|キス(?:し|させ)(?:て|ろ|たい)|夜の相手|下着の色|パンツの色"
        rf"|個人的に{_NO_SENT}{{0,8}}?(?:会|あ|食事|飲み|デート|遊び)|(?:デート|でえと)(?:して|しよう"
        rf"|しない|に誘)",
    ),
    _r(
        "date",
        "sexual_harassment",
        r"(?:食事|飲み|デート|ご飯|お茶)に(?:行こう|いこう|行かない|いかない|誘)",
        0.8,
    ),
    _r(
        "tonight",
        "sexual_harassment",
        r"(?:今夜|今晩|今度|週末|仕事(?:終わり|の後|のあと))(?:は)?(?:空いて|あいて|暇|ひま)",
        0.7,
    ),
    _r("alone", "sexual_harassment", r"(?:二人|ふたり)(?:きり)?で(?:会|あ|飲|食事|ご飯|遊|出かけ)", 0.5),
    _r(
        "contact_ask",
        "sexual_harassment",
        r"(?:連絡先|電話番号|ライン|line|インスタ|メアド)(?:を|も)?(?:渡し|くれ|ちょうだい|交換)",
        0.5,
    ),
    _r("photo", "sexual_harassment", r"(?:写真|動画)(?:を)?(?:撮らせ|とらせ)(?:ろ|て|てくれ)"),
    _r(
        "remark",
        "sexual_harassment",
        r"(?:スカート|胸|むね|おっぱい|尻|おしり|脚|足|太もも|ふともも|スタイル|下着|ブラ)(?:が|の|は)?"
        r"(?:短|大き|でか|きれい|綺麗|細|エロ|えろ|いい|最高|見え|透け)",
    ),
    _r(
        "sexual_en",
        "sexual_harassment",
        r"\b(?:the |that )?(?:nurse|waitress|girl|lady|receptionist|cashier|clerk) (?:is"
        r"|was) (?:so |really )?(?:hot|sexy|cute|pretty|beautiful|gorgeous)\b|\bwhat(?:'s| is) (?:her"
        r"|your) (?:phone )?number\b"
        r"|\b(?:give|send|get) me (?:her|his) (?:phone )?(?:number|instagram|snapchat|contact)"
        r"|\b(?:go out|sleep|hook up) with (?:me|her)\b|\bdate (?:me|her)\b|\bkiss (?:me|her)\b|\b(?:boobs"
        r"|tits|breasts)\b"
        r"|\bsend (?:the )?(?:cute|pretty|hot|young) (?:one|girl|waitress|nurse)|\bwhat are you wearing\b"
        r"|\bwhat time do you get off\b|\bare you single\b|\bdo you have a (?:boyfriend|girlfriend)\b"
        r"|\b(?:grab|get|go for) a drink\b",
    ),
    _r("pet_name_en", "sexual_harassment", r"\b(?:sweetheart|sweetie|honey|darling|babe|sexy)\b", 0.7),
    _r(
        "sexy_en",
        "sexual_harassment",
        r"\b(?:sexy|hot|cute|pretty) (?:nurse|waitress|girl|lady|receptionist|cashier|clerk)\b",
        0.8,
    ),
)

EXCESSIVE: tuple[Rule, ...] = (
    _r(
        "dogeza",
        "excessive_demand",
        r"土下座|どげざ|膝をつ|ひざをつ|ひざまず|跪|額を(?:床|地面)|頭を(?:床|地面)に",
    ),
    _r(
        "dismissal",
        "excessive_demand",
        r"(?:首|くび)(?:に|を)(?:しろ|しなさい|して(?:ほし|くだ|もら|いただ)|切れ|きれ|飛ばせ|とばせ)"
        r"|(?:解雇|懲戒|くび)(?:に)?(?:しろ|しなさい|させろ|させて|して(?:ほし|くだ|もら|いただ)|を(?:求め"
        r"|要求)|処分に)"
        r"|辞めさせ(?:ろ|て(?:ほし|くだ|もら|いただ)|なさい|るべき|てやる)"
        rf"|(?:全員|担当者|店長|あいつ|あの{_STAFF}){_NO_SENT}{{0,2}}?(?:を|は)?(?:辞め|やめ)(?:させ|ろ)",
    ),
    _r(
        "sincerity",
        "excessive_demand",
        r"(?:誠意|せいい)(?:を)?(?:見せ|みせ)(?:ろ|て(?:もら|ほし|くだ|いただ)|なさい|よ)|誠意(?:って"
        r"|とは)[^。!?\n]{0,6}?(?:わか|分か)"
        r"|誠意だよ",
    ),
    _r(
        "free",
        "excessive_demand",
        r"(?:一生|永久|永遠に|ずっと|今後)[^。!?\n]{0,4}?(?:無料|タダ|ただ(?:に|で))|(?:全部|全品|全て"
        r"|すべて)(?:を)?(?:無料|タダ|ただ)(?:に|で)"
        r"|(?:\d+|十|数十|何十)(?:個|台|枚|人分|倍)(?:を|も|分)?(?:無料|タダ|ただ)",
    ),
    _r(
        "written",
        "excessive_demand",
        r"(?:念書|誓約書|始末書|一筆)[^。!?\n]{0,6}?(?:書け|書いて|書かせ|よこせ|出せ|提出し|持って)"
        r"|謝罪文[^。!?\n]{0,10}?(?:ホームページ|hp|ウェブ|web|サイト|新聞|ネット|店頭|掲示|掲載|公開"
        r"|張り出)",
    ),
    _r(
        "top_apology",
        "excessive_demand",
        r"(?:社長|会長|院長|市長|役員|理事長|本社の人間|支店長)(?:が|に|を)?[^。!?\n]{0,8}?(?:謝罪|謝り"
        r"|あやまり|頭を下げ|詫び)"
        r"[^。!?\n]{0,4}?(?:に来|来|させ|すべき|するべき|しろ|しに)",
    ),
    _r("nuisance_fee", "excessive_demand", r"迷惑料"),
    _r(
        "in_person",
        "excessive_demand",
        r"(?:直々|じきじき|自ら)に?[^。!?\n]{0,6}?(?:謝罪|謝り|頭を下げ|詫び)に(?:来|こ)",
    ),
    _r(
        "excessive_en",
        "excessive_demand",
        r"\b(?:on (?:your|his|her|their) knees|kneel(?:s|ing)?\b|get on (?:your|his"
        r"|her|their) knees|bow down)\b"
        r"|\b(?:fire|sack) (?:her|him|them|that \w+|the \w+|this \w+)\b|\b(?:get|have) (?:her|him|them"
        r"|the \w+|that \w+) (?:fired|sacked)\b"
        r"|\b(?:be|is|are|gets?) (?:fired|sacked|dismissed)\b|\bdismissed immediately\b"
        r"|\b(?:want|need|expect|demand)\b[^.!?]{0,30}\b(?:fired|sacked|dismissed)\b"
        r"|\bfree (?:\w+ )?(?:for life|forever)\b|\blifetime (?:free|supply|membership)\b"
        r"|\bfor free forever\b",
    ),
)

HARASSMENT_RULES: tuple[Rule, ...] = (
    VERBAL_ABUSE
    + INTIMIDATION
    + VIOLENCE
    + TIME_BINDING
    + REPEAT
    + OFF_PREMISES
    + AUTHORITY
    + ONLINE_DEFAMATION
    + SEXUAL
    + EXCESSIVE
)
