"""Threats to life, body, freedom, property and family (Japanese and English), and all the threat rules
together (`THREAT_RULES`); threats to reputation and extortion are in `threat_exposure`.

Patterns require a volitional or emphatic form (殺すぞ, 燃やしてやる, I'll kill) or a target, so that
compounds and everyday words do not fire (相殺する, 燃やすごみ, 刺すような痛み, 針を刺す, ところすぐ).
Whether a match is the complainant's own threat (not quoted from someone else, not negated, not an
idiom) is decided afterwards by `context`.

The rules split from one construction family keep its name as their prefix, one construction each:
`kill_*_en` (`kill_will_kill_en`: I'll kill, `kill_kill_you_en`, `kill_gonna_die_en`, `kill_you_are_dead_en`,
`kill_you_will_die_en`); `body_*_en` (will hit, will smash, break your legs, watch your back, watch out on the
way home, come armed, bring a knife, put you in hospital); `watch_*` (the way home: 帰り道を狙ってる; outside
your home: お前の家の前で待ってる; outside a home or shop; after closing: 閉店後に裏口で待ってる; what time
someone leaves; where someone lives, known); `stalk_*_en` (I know where you live, locks her door, I'll find
where you live, followed you home, waiting outside, wait for you after, I know when you leave, kidnap);
`burn_*` (燃やす, a building burnt, 火をつける, 火を放つ, 放火, 燃えちゃうよ); `property_*_en` (burn down,
burn it, set fire, bomb, plant a bomb, smash); `family_*` (a relative harmed,
a child's whereabouts, a child's school known).
"""

from __future__ import annotations

from bot.classifier.offline.rules import Rule, threat_rule
from bot.classifier.offline.threat_approach import APPROACH_RULES
from bot.classifier.offline.threat_exposure import EXTORTION_RULES, HONOUR_RULES
from bot.classifier.offline.threat_grammar import GRAMMAR_RULES, NOT_KINDLING
from bot.classifier.offline.threat_insinuation import INSINUATION_RULES
from bot.classifier.offline.threat_insinuation_en import INSINUATION_EN_RULES
from bot.classifier.offline.threat_outcomes import EN_ACCIDENT, OUTCOME_RULES
from bot.classifier.offline.threat_property_hints import PROPERTY_HINT_RULES
from bot.classifier.offline.threat_whereabouts import WHEREABOUTS_RULES
from bot.classifier.offline.veiled_en import VEILED_EN_RULES
from bot.classifier.offline.veiled_threats import VEILED_RULES
from bot.classifier.offline.vocabulary import (
    EN_TARGET,
    NO_SENT,
    NOT_KILLING_OR_STABBING_BEFORE,
    NOT_KORO_WORD_BEFORE,
    STAFF_OR_POINTED,
    STATED,
    YOU_RUDE,
)

THREAT_KINDS = ("life", "body", "freedom", "honour", "property", "extortion", "family")

# Sentence-final or emphatic endings after a plain verb: 殺すぞ, 刺すからな, 殴る。
_END = r"(?:ぞ|ぜ|からな|から|よ(?!う)|わ|ね|!|。|、|$|\s|…|しかない|かも|って|と)"
_KNOW = r"(?:知って|しって|わかって|分かって|調べ(?:て|た|ました|てある)|見て(?:る|いる)|特定)"
_OTHERS_CHILD = (
    r"お子さん|(?:息子|娘)さん"
    r"|(?<=の)(?<!うちの)(?<!私の)(?<!僕の)(?<!俺の)(?<!自分の)(?<!わしの)(?:子ども|子供|息子|娘)"
)
_NOT_COMPANY = (
    r"(?<!友達を)(?<!友人を)(?<!家族を)(?<!彼女を)(?<!彼氏を)(?<!迎えを)(?<!子供を)(?<!タクシを)(?<!バスを)"
)
_EN_WILL = r"(?:i(?:'ll| will| am going to|'m going to|'m gonna| gonna| would|'d| shall)|gonna|going to)"


_PERSON_RULES: tuple[Rule, ...] = (
    # --- life ---
    threat_rule(
        "kill",
        "life",
        rf"(?:ぶっ|ぶち)?(?:{NOT_KILLING_OR_STABBING_BEFORE}殺|{NOT_KORO_WORD_BEFORE}ころ|〇{{1,2}}(?=すぞ|してやる"
        r"|しに))"
        r"(?:す(?!気か|気です|気なの|気かよ|菌)|してやる|してやろ|したる|したろ|しに(?:行|い|来|く)"
        r"|しちゃう|しま(?:す|しょう))",
    ),
    # One letter of ころす masked by a box or a symbol: コ□ス, ｺ×ｽ, ○ロス, コロ●.
    threat_rule(
        "kill_masked",
        "life",
        r"(?:ぶっ|ぶち)〇{1,2}す|〇{1,2}す(?:ぞ|からな)|(?:こ〇|(?<!お)〇ろ)(?:す(?!のは|のを|こと)|してやる|したる|しに)"
        rf"|{NOT_KORO_WORD_BEFORE}ころ〇(?=ぞ|から|わ|[。!\s]|$)",
    ),
    threat_rule(
        "kill_misc",
        "life",
        r"殺されたい(?:の|か)|殺し屋(?:を|に)|抹殺|殺害(?:する|してやる|します)|死な(?:す|せ)(?:ぞ|てやる)",
    ),
    threat_rule(
        "life_veiled",
        "life",
        r"(?:命|いのち)(?:は|の保証は|の保障は)(?:ない|ねえ|ないと思え|しない|できない)|(?:命"
        r"|いのち)を(?:もらう|取る|とる|狙)"
        r"|(?:命|いのち)が(?:惜し|おし|欲し|ほし)(?:ければ|かったら|いなら)|(?:命"
        r"|いのち)(?:が)?いらない(?:の|なら|のか)"
        r"|生きて(?:帰|かえ)れる(?:と思|なんて)|息の根を止め|あの世に(?:送|おく)"
        r"|(?:山|海|東京湾|川)に(?:埋め|沈め)(?:る|てやる)",
    ),
    threat_rule("strangle", "life", r"(?:首|くび)を(?:絞|し)め(?:てやる|るぞ|に(?:行|い)く)"),
    # 「〜しに行く」: going somewhere to do violence.
    threat_rule(
        "violent_errand",
        "body",
        r"(?:絞め|殴り|なぐり|刺し|襲い|痛めつけ|しばき)に(?:行く|いく|行って|来た|くる|来る)",
    ),
    # A vague harm with a concrete target: お前の車、どうなるか.
    threat_rule(
        "veiled_target",
        "property",
        r"(?:車|家|店|自宅|会社)(?:が|は|も|、)?[^。!?\n]{0,6}?(?:どうなるか|どうなっても)",
    ),
    threat_rule(
        "kill_will_kill_en",
        "life",
        rf"\b{_EN_WILL}\s+(?:\w+\s+){{0,6}}?(?:kill|murder|shoot|strangle)\s+{EN_TARGET}\b",
    ),
    threat_rule(
        "kill_kill_you_en",
        "life",
        r"\bkill (?:you|u|ya)\b",
    ),
    threat_rule(
        "kill_gonna_die_en",
        "life",
        r"\byou(?:'re| are) (?:gonna die|going to die)\b",
    ),
    threat_rule(
        "kill_you_are_dead_en",
        "life",
        # you're dead as a verdict, not dead on / dead right / dead tired / dead to me.
        r"\byou(?:'re| are) (?:so |already |a )?dead(?:\s+(?:meat|man))?(?=\s*(?:[.!;]|$)"
        r"|\s+(?:when|if|once|the (?:moment|minute|second)|after)\b)",
    ),
    threat_rule(
        "kill_you_will_die_en",
        "life",
        r"\byou(?:'ll"
        r"| will) (?:die|be dead)\b",
    ),
    # --- body ---
    threat_rule(
        "hit",
        "body",
        rf"(?:殴|なぐ)(?:る{_END}|ってやる|りに(?:行|い|来)|り倒|りたお|り殺)|ぶん(?:殴|なぐ)|ぶっ(?:飛ば"
        rf"|とば)(?:す|してやる)",
    ),
    threat_rule(
        "stab",
        "body",
        r"(?<!釘を)(?<!針を)刺(?:す(?:ぞ|からな|から|よ(?!う)|わ|!|。|$)|してやる|しに(?:行|い|来)|し殺)"
        r"|(?:刃物|ナイフ|包丁|ほうちょう)で(?:刺|さ)(?:す|して)",
    ),
    threat_rule(
        "beat",
        "body",
        r"ぼこ(?:ぼこ)?(?:にして|にする|る)(?:やる|ぞ|から|よ|わ)|半殺し(?!に(?:され|あ|遭))|(?:痛"
        r"|いた)い目(?:に|を)?(?:あわ"
        r"|合わ|遭わ|見せ|みせ|会わ)"
        r"|(?:骨|ほね)を?(?:折っ|へし折|おっ)(?:てやる|る)|(?:顔|つら)(?:面)?を(?:潰|つぶ|変形)",
    ),
    threat_rule(
        "weapon",
        "body",
        r"(?:ナイフ|包丁|ほうちょう|刃物|バット|金属バット|ハンマ|鉄パイプ|拳銃|銃|チャカ|ナタ|鉈|斧|おの|日本刀|木刀"
        r"|スタンガン|ダイナマイト|凶器)(?:を)?(?:持って|もって|用意|持参|携え|振り回|ふりまわ)"
        # Getting a weapon now: 今から刃物買いに行くわ.
        r"|(?:ナイフ|刃物|拳銃|銃|凶器|スタンガン)(?:を)?(?:買い|買っ|手に入れ|取り)に?(?:行く|いく|来た)?"
        r"(?:わ|ぞ|から|。|$)",
    ),
    threat_rule(
        "veiled_body",
        "body",
        r"夜道(?:に|には)?(?:気をつけ|気を付け|用心)|(?:ただ|タダ)(?:じゃ|では)(?:おかない|置かない"
        r"|おかねえ|すまさない|済まさない)"
        r"|無事(?:で|では)?(?:いられ|済|すま|帰れ)(?:る|む)(?:と思|かな|保証)|(?:身|からだ|体)の(?:安全"
        r"|保証)(?:は|も)?(?:ない|しない|できない)",
    ),
    threat_rule(
        "assault_done",
        "body",
        rf"{STAFF_OR_POINTED}(?:を|の(?:顔|頭|腹|胸ぐら))?{NO_SENT}{{0,6}}?"
        r"(?:殴|なぐ|蹴|け|ひっぱた|叩|たた|突き飛ば|つかん|掴ん)(?:って|いて|して|んで|っ)(?:やった|やる)",
    ),
    threat_rule(
        "body_will_hit_en",
        "body",
        rf"\b{_EN_WILL}\s+(?:\w+\s+){{0,4}}?(?:beat|punch|hit|hurt|stab|slap|choke|kick)\s+"
        r"(?:you|u|him|her|them|his|your|that|every|everyone|some)\b",
    ),
    threat_rule(
        "body_will_smash_en",
        "body",
        # smash/break take a person or a window (break your record, smash your high score are not threats).
        rf"\b{_EN_WILL}\s+(?:\w+\s+){{0,4}}?(?:smash|break)\s+(?:you|u|him|them|everyone"
        r"|(?:every|each|all|your|his|her|that|the) (?:\w+ )?(?:windows?|doors?|cars?|bones?"
        r"|fingers?|teeth|ribs?|legs?|arms?|face|nose|jaw|skull|neck|head|knees?|shop|store"
        rf"|house))\b{EN_ACCIDENT}",
    ),
    threat_rule(
        "body_break_bones_en",
        "body",
        rf"\bbreak (?:your|his|her|their) (?:legs?|neck|arms?|face|nose|jaw|bones?)\b{EN_ACCIDENT}",
    ),
    threat_rule(
        "body_watch_your_back_en",
        "body",
        r"\bwatch your back\b(?!\s*(?:door|gate|entrance|seat|yard))",
    ),
    threat_rule(
        "body_watch_out_way_home_en",
        "body",
        r"\bwatch (?:yourself|out)\b[^.!?]{0,30}\b(?:on (?:the|your) way home|walk(?:ing)? home"
        r"|after (?:work|your shift)"
        r"|tonight|in the dark)\b",
    ),
    threat_rule(
        "body_come_armed_en",
        "body",
        r"\b(?:coming|come|show up|be there|be back|i'll be|waiting) (?:\w+ ){0,3}with (?:a|my|his)"
        r" (?:knife|gun|bat"
        r"|weapon)\b",
    ),
    threat_rule(
        "body_bring_weapon_en",
        "body",
        r"\bbring(?:ing)? (?:a|my) (?:\w+ )?(?:knife|gun|bat|weapon|hammer|crowbar|machete)\b",
    ),
    threat_rule(
        "body_put_in_hospital_en",
        "body",
        r"\b(?:put|send) (?:you|him|her|them) (?:in|into|to) (?:the )?(?:hospital|grave|ground|morgue)\b",
    ),
    # --- freedom: stalking, kidnapping, confinement ---
    threat_rule(
        "ambush",
        "freedom",
        r"待ち伏せ(?:する|してやる|するぞ|しとく|して(?:やる|る|おく|ます)|します|しよう|するわ)"
        r"|(?:後|あと)を(?:つけ|付け|追)(?:て|る)|(?:つけ|付け)(?:回|まわ)(?:す|して(?:やる|る))"
        r"|(?:つきまと|付きまと)(?:う|って(?:やる|る))",
    ),
    threat_rule(
        "locate",
        "freedom",
        r"(?:家|自宅|住所|住まい|居場所)(?:を|も|まで|は)?(?:突き止め|つきとめ|特定)(?:る|て|た|し|済)",
    ),
    threat_rule(
        "watch_way_home",
        "freedom",
        r"(?:帰り道|帰宅|帰り|出勤|退勤|仕事終わり|通勤)(?:時|途中|中)?(?:を|に|の|、)?"
        # Aiming at the way home, not at something on it (帰りに半額弁当を狙ってる).
        rf"(?:(?:(?!を)[^。!?\n]){{0,6}}?(?:狙|ねら)|{NO_SENT}{{0,6}}?"
        r"(?:待って(?:る|ろ)(?!のに|けど|ように|よう|が|と言|って言)|待ち伏|見張|みは|ついて))",
    ),
    threat_rule(
        "watch_outside_your_home",
        "freedom",
        # Outside someone's home (お前の家の前で待ってますね); outside a shop or one's own home, only without
        # a friendly turn (店の前で待ってますので、声をかけてください).
        rf"{YOU_RUDE}(?:ん|の)(?:家|自宅|ち)の(?:前|近く|周り)で[^。!?\n]{{0,4}}?待って(?:る|ろ|ます)(?!のに|けど|ように|よう|が|と言"
        r"|って言)",
    ),
    threat_rule(
        "watch_outside_home",
        "freedom",
        rf"(?:家|自宅|うち|店)の(?:前|近く|周り)で[^。!?\n]{{0,4}}?(?:{_NOT_COMPANY}待って(?:る|ろ|ます)(?!のに|けど|ように|よう|が|と言"
        r"|って言|ので|ね|間|あいだ)|見張|張り込|待ち(?!時間|合))",
    ),
    threat_rule(
        "watch_after_closing",
        "freedom",
        # Waiting for staff when they leave: 閉店後に裏口で待ってる.
        rf"(?:閉店後|閉店時間|仕事終わり|仕事が終わ|退勤|シフト(?:が)?終わ|上がり|終業後|勤務後){NO_SENT}{{0,10}}?"
        # ...waiting for staff, not for one's own company or a ride (店の前で友達を待ってるから).
        rf"{_NOT_COMPANY}待って(?:る|ろ|ます|いる)(?!のに|けど|ように|よう|が|と|って言)",
    ),
    threat_rule(
        "watch_what_time",
        "freedom",
        rf"(?:何時|いつ|なんじ)に?(?:帰|かえ|仕事が?終わ|上が|あが|出勤|退勤){NO_SENT}{{0,2}}?(?:か"
        rf"|の){NO_SENT}{{0,6}}?{_KNOW}{STATED}",
    ),
    threat_rule(
        "watch_where_live",
        "freedom",
        rf"(?:どこ|何処)に(?:住んで|すんで)(?:る|いる)(?:か|の){NO_SENT}{{0,4}}?{_KNOW}",
    ),
    threat_rule(
        "home",
        "freedom",
        rf"(?:{YOU_RUDE}|{STAFF_OR_POINTED})(?:ん|の)?(?:家|自宅|住所|ち)(?:の場所)?(?:は|も|を|、|なら)?{NO_SENT}{{0,4}}?"
        r"(?:知って|しって|わかって|分かって|調べて|調べた|押しかけ|乗り込|のりこ)"
        r"|(?:自宅|家)(?:に|まで)(?:押しかけ|おしかけ|乗り込|のりこ|行って(?:やる|やろう))",
    ),
    threat_rule("abduct", "freedom", r"(?:誘拐|拉致|監禁|さらって)(?:する|してやる|するぞ|やる|して)"),
    threat_rule(
        "stalk_know_where_en",
        "freedom",
        r"\bi(?:'ve)? (?:know|found out|figured out|tracked down) where (?:you|she|he|they"
        r"|your \w+) (?:live|lives|work"
        r"|park|sleep)s?\b",
    ),
    threat_rule(
        "stalk_locks_doors_en",
        "freedom",
        r"\blocks? (?:her|his|your|their) doors?\b",
    ),
    threat_rule(
        "stalk_will_find_en",
        "freedom",
        r"\bi(?:'ll| will| can) find (?:out )?where (?:you|she|he|they) (?:live|lives)\b",
    ),
    threat_rule(
        "stalk_followed_home_en",
        "freedom",
        r"\bfollow(?:ed)? (?:you|her|him|them) home\b",
    ),
    threat_rule(
        "stalk_waiting_outside_en",
        "freedom",
        r"\bi(?:'ll| will| am|'m) (?:be )?(?:waiting|wait) (?:for (?:you|her|him|them) )?(?:outside|after)\b",
    ),
    threat_rule(
        "stalk_wait_for_after_en",
        "freedom",
        r"\b(?:i'll|i will|i'm going to|i am going to|i'm gonna) (?:\w+ ){0,2}wait for (?:you|her|him|them)"
        r" (?:after|outside|when|at|in)\b",
    ),
    threat_rule(
        "stalk_know_when_leave_en",
        "freedom",
        r"\bi know (?:what time|when) (?:you|she|he|they) (?:leave|leaves|finish|finishes|get off|gets off"
        r"|go home)\b",
    ),
    threat_rule(
        "stalk_kidnap_en",
        "freedom",
        r"\b(?:kidnap|abduct)(?:ing)? (?:you|her|him|them|your)\b",
    ),
)

_PROPERTY_RULES: tuple[Rule, ...] = (
    # --- property ---
    threat_rule(
        "burn_moyasu",
        "property",
        r"(?:燃|も)や(?:す(?:ぞ|からな|から|よ|わ|ね|!|。|$|…|しかない)|してやる|しに(?:行|い|来)|し尽くし"
        r"|してやろう)",
    ),
    threat_rule(
        "burn_building",
        "property",
        r"(?:店|家|会社|病院|駅|建物|事務所|ビル|車|役所|学校|工場|倉庫)(?:ごと|を|に|も|、)?燃やす",
    ),
    threat_rule(
        "burn_set_fire",
        "property",
        rf"火{NOT_KINDLING}を(?:つけ|付け)(?:る(?:ぞ|から|よ|わ|!|。|$)|てやる|てやろう|に(?:行|い))",
    ),
    threat_rule(
        "burn_fire_loosed",
        "property",
        r"火を(?:放|はな)(?:つ"
        r"|って|ち)",
    ),
    threat_rule(
        "burn_arson",
        "property",
        r"放火(?:する|してやる|するぞ|します|しに|したろ|しちゃ)",
    ),
    threat_rule(
        "burn_will_burn",
        "property",
        rf"(?:店|家|会社|病院|車|事務所|建物){NO_SENT}{{0,6}}?燃え(?:る|ちゃう)(?:よ|ぞ|かも|だろう|から"
        r"|ね)",
    ),
    threat_rule(
        "bomb",
        "property",
        r"爆破(?:する|してやる|するぞ|します|しに|したる|しよう)"
        r"|爆弾(?:を)?(?:仕掛|しか|送|おく|投げ|なげ|置|持)(?:け|っ|る|い|き|り)"
        # ...not when reported (爆弾を仕掛けたという犯人, 仕掛けたと脅された).
        r"(?!たと|たって|たらしい|たそう|られ|たという|た犯|たみたい|たよう|たかのよう)"
        # Arson materials with an action: 灯油まいて, ガソリン持って, 火炎瓶投げ込んで.
        r"|(?:ガソリン|灯油|火炎瓶|爆発物|爆薬)(?:を)?[^。!?\n]{0,4}?(?:持って|もって|撒|まい|まく|投げ"
        r"|なげ|かけ|ぶちまけ|用意)|爆発させ(?:る|てやる)"
        r"|(?:吹き飛ば|吹っ飛ば|ふきとば|ふっとば|木っ端微塵に|粉々に)(?:す(?:ぞ|からな)|して(?:やる"
        r"|やろう))",
    ),
    threat_rule(
        "destroy",
        "property",
        r"(?:車|窓|窓ガラス|ガラス|店|店舗|看板|ドア|家|自販機|タイヤ|設備|備品)(?:の)?(?:を|ごと|全部"
        r"|すべて|、)*"
        rf"{NO_SENT}{{0,4}}?(?:ぶっ壊|ぶち壊|叩き割|壊|こわ|割|切り裂|きりさ|パンクさせ|傷つけ"
        rf"|めちゃくちゃに)"
        r"(?:す(?:ぞ|からな)|して(?:やる|やろう)|る(?:ぞ|から)|ってやる|いてやる|してやる)",
    ),
    threat_rule(
        "property_burn_down_en",
        "property",
        r"\b(?:burn|torch)\s+(?:down\s+)?(?:your|the|this|that|his|her|their)\s+(?:\w+\s+)?"
        r"(?:store|shop|place|house|home|building|office|station|hospital|restaurant|car|branch|clinic"
        r"|school)\b",
    ),
    threat_rule(
        "property_burn_it_en",
        "property",
        r"\bburn (?:it|this|that|the \w+(?: \w+)?) (?:down|to the ground)\b",
    ),
    threat_rule(
        "property_set_fire_en",
        "property",
        r"\bset (?:fire to|\w+ (?:\w+ )?on fire)\b",
    ),
    threat_rule(
        "property_bomb_en",
        "property",
        r"\b(?:bomb|blow up|explode)\s+(?:your|the|this|that)\s+(?:\w+\s+)?"
        r"(?:store|shop|place|building|office|station|hospital|restaurant|train)\b",
    ),
    threat_rule(
        "property_plant_bomb_en",
        "property",
        r"\b(?:put|plant|place|leave|bring|planted|left) a bomb\b",
    ),
    threat_rule(
        "property_smash_en",
        "property",
        r"\b(?:smash|trash|wreck|vandali[sz]e|slash)\s+(?:your|the|this|his|her)\s+(?:\w+\s+)?"
        r"(?:windows?|car|store|shop|place|tyres|tires|office)\b",
    ),
)

_FAMILY_RULES: tuple[Rule, ...] = (
    # --- family ---
    threat_rule(
        "family_relative_harmed",
        "family",
        r"(?:家族|妻|嫁|奥さん|旦那|夫|子ども|子供|お子さん|息子|娘)(?:さん)?(?:が|の|も|を"
        r"|、)?[^。!?\n]{0,6}?"
        r"(?:どうなっても|どうなるか|無事|ぶじ|身の安全|安全は?保証)",
    ),
    threat_rule(
        "family_child_whereabouts",
        "family",
        # Someone else's child (お子さん, 娘さん, 店長の娘), not one's own (娘の塾の帰り, うちの息子).
        rf"(?:{_OTHERS_CHILD})(?:が|の|、)?[^。!?\n]{{0,10}}?(?:学校|小学校|中学|高校|大学|塾|習い事"
        r"|勤め先|職場|バイト先"
        r"|幼稚園|保育園|学童)"
        rf"[^。!?\n]{{0,12}}?(?:(?:知って|しって|わかって|分かって|知っと|分かっと){STATED}|調べ(?:は)?つい|でしたよね|ですよね|だよな|だよね|だろ|でしょ"
        r"|気をつけ|気を付け)",
    ),
    threat_rule(
        "family_child_school_known",
        "family",
        # Telling staff one knows where their children are (a statement, not a question).
        rf"(?:{_OTHERS_CHILD})[\s\S]{{0,30}}?(?:学校|幼稚園|保育園|塾|通学路)(?:か|が|も|は"
        r"|の場所)?(?:もう)?"
        r"(?:知って|しって|わかって|分かって|調べ)(?:る|いる|た|ます)(?:よ|ぞ|から|んだ|し)",
    ),
    threat_rule(
        "family_en",
        "family",
        r"\byour (?:family|wife|husband|kids|children|son|daughter)\b[^\n]{0,50}?\b(?:won't be safe"
        r"|will not be safe|"
        r"will pay|will suffer|be careful|watch out|what happens|something happens)"
        r"|\bsomething (?:bad )?(?:might|could|will) happen to (?:you|your)\b"
        r"|\b(?:i|we) know (?:where|which school|what school) your (?:kids|children|son|daughter)\b",
    ),
)

# Fixed expressions first, then the grammar (harm verb + intent form), the veiled constructions, the
# threats named by their outcome, approaches (visits, waiting), insinuations (remarks, musings, lessons) and
# English threats that name no harm verb.
THREAT_RULES: tuple[Rule, ...] = (
    _PERSON_RULES
    + HONOUR_RULES
    + _PROPERTY_RULES
    + EXTORTION_RULES
    + _FAMILY_RULES
    + GRAMMAR_RULES
    + VEILED_RULES
    + OUTCOME_RULES
    + APPROACH_RULES
    + INSINUATION_RULES
    + WHEREABOUTS_RULES
    + PROPERTY_HINT_RULES
    + VEILED_EN_RULES
    + INSINUATION_EN_RULES
)
