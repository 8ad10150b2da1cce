"""The threat grammar: a harm verb, then (close by, in the same clause) a form that declares intent.

A threat is not a word but a construction: 殺す in a news report or a complaint about a film is not one;
a harm verb in a volitional, emphatic or intent form is (燃やしてやる, ぶっ刺すぞ, しばき回したる, 火の海に
してやろうか, 放火することにした, 今から包丁持って行く). The harm verbs are listed by what they endanger,
the endings once (`_GAP`, `_ENDING`), so that a new verb or a new ending works with all the others; one rule
per construction:
- life: killing verbs, a life ended, buried or sunk (`harm_life`); a head or a life taken,
  お前の首、取りに行く (`take_head`);
- body: striking, stabbing, kicking, crushing a face (`harm_body_strike`); dragged out of a place one has gone
  to (`harm_body_dragged_out`); a body part broken or an injury caused, 指を一本ずつ折ってやる
  (`harm_body_part_broken`); a body part sewn shut, crushed, torn or pulled out, その口、縫い付けてやろうか
  (`harm_body_part_mutilated`); drowned or hanged (`harm_body_drowned_hanged`); pushed where a fall kills or
  thrown into water, ホームで背中押したろか, ドブに放り込んだる (`harm_body_pushed_thrown`); stained with
  blood (`harm_body_bloodied`); scalding or corrosive liquid thrown (`scald`); a person done away with,
  お前ら一人ずつ潰してやる (`harm_person_done_away`), or turned into something, 血まみれにしてやる
  (`harm_person_made_into`);
- property: set on fire, blown up, smashed (`harm_property_destroyed`); paint, filth or fuel thrown over it
  (`harm_property_doused`); a carcass left at the door (`harm_property_carcass`); stones thrown
  (`harm_property_stoned`); a verbal noun with する, 放火する (`harm_noun`);
- freedom: abduction, confinement, stalking (`harm_freedom`);
- a plain non-past form ending the sentence, 線路に突き落とす。 (`harm_plain`).
Passives (殴られた), negations (殺さない, 殴るなんて), wishes (殴りたい) and conditionals (殴れば) between
the verb and the ending stop a match; quotation and idioms are judged afterwards by `context`.

English follows the same idea: a future or intent form (I'll, I'm going to, gonna) + a harm verb + a
person (`harm_will_hurt_en`), a person or a place damaged (`harm_will_damage_en`), a person hunted down
(`harm_will_hunt_down_en`); and idioms: "beat the hell out of" (`harm_idiom_beat_out_of_en`), "make you
suffer" (`harm_idiom_make_suffer_en`), "put a brick through" (`harm_idiom_brick_through_en`), "teach you a
lesson you'll never forget" (`harm_idiom_lesson_never_forget_en`), "rearrange your face"
(`harm_idiom_rearrange_face_en`).
"""

from __future__ import annotations

from bot.classifier.offline.rules import Rule, rule, threat_rule
from bot.classifier.offline.vocabulary import NOT_KILLING_BEFORE, NOT_KORO_WORD_BEFORE, PERSON

# A fire lit on kindling, not on a building: キャンプファイヤーに火をつける, 花火に火をつけてやる.
# Placed right after 火 (a lookbehind before every position would cost a scan of its own).
NOT_KINDLING = (
    r"(?<!キャンプファイヤーに火)(?<!焚き火に火)(?<!たき火に火)(?<!花火に火)(?<!ろうそくに火)(?<!ロウソクに火)(?<!蝋燭に火)"
    r"(?<!コンロに火)(?<!暖炉に火)(?<!線香に火)(?<!たばこに火)(?<!タバコに火)(?<!煙草に火)(?<!炭に火)(?<!薪に火)"
    r"(?<!ストーブに火)"
)
# --- Japanese harm verbs, by what they endanger (in the normalised alphabet: hiragana, no ー) ---
_LIFE = (
    rf"{NOT_KILLING_BEFORE}殺(?!人|到|菌|風景|虫|気|伐)|{NOT_KORO_WORD_BEFORE}ころ(?=[すし])"
    r"|始末(?=[しす])|息の根|あの世に|(?:人生|命)(?:も|を)?(?:終わらせ|おわらせ|終わりにし)|埋め(?=て|る)|沈め(?=て|る)"
    r"|事故に見せかけ|事故を装|(?:ぶち|ぶっ)(?:ころが|転が)(?=[すしさ])"
)
_BODY_STRIKE = (
    r"(?<!ぶん)殴|(?<!ぶん)なぐ(?=[るりっらろれ])|ぶん殴|ぶんなぐ"
    r"|(?<!釘を)(?<!針を)(?<!突き)刺(?!身|繍|激|青)"
    r"|突き刺|蹴(?=[るりっらろれ飛])|しば[きくい](?!り)|どつ[きくいか]|いてこま|(?<!で)ぼこ"
    r"|ぶちのめ|叩きのめ|たたきのめ|痛めつけ|いためつけ|半殺|へし折|(?:首|くび)を?(?:絞|しめ|締め)"
    r"|病院送り|血祭り|ぶっ飛ば|ぶっとば|(?:顔|つら)(?:面)?(?:を|の形が?)?(?:潰|つぶ|ぐちゃぐちゃ|変形|変わる)"
    r"|(?:歩け|立て|働け|外に出られ|表を歩け)ない(?:ように|体に)|襲(?=[うえいっお])|切り刻|ぶった切|痛い目"
    r"|突き落と|つきおと|突き飛ば|轢き|ひき殺|はね飛ば|(?:車|くるま|バイク|トラック)で(?:はね|撥ね|ひ(?=いて|き))"
    r"|掻っ切|かっ切|(?:喉|のど)(?:を|も)?(?:裂|かき切|掻き切)|(?:目|目玉|目ん玉)(?:を)?(?:えぐ|抉|くり抜)"
)
# Dragged out of a place one has gone to, not a child out of bed: 家まで行って引きずり出してやる.
_BODY_DRAGGED_OUT = r"(?:行って|乗り込んで|押しかけて|押し掛けて)[^。!?\n]{0,4}?引きずり出"
# A body part with a damaging verb (指を一本ずつ折ってやる), an injury caused (顔面陥没させたる).
_BODY_PART_BROKEN = (
    r"(?:指|腕|足|骨|歯|首|鼻|顎|あご|肋骨|膝|顔面)(?:を|も|、)?[^。!?\n]{0,6}?(?:折|へし折|砕|切り落と|へし曲げ)"
    r"|(?:陥没|骨折|失明|再起不能|半身不随|大怪我|重傷)(?:を)?させ"
)
# A body part sewn shut, crushed, torn: その口、縫い付けてやろうか / 目ん玉潰したる
# (目をつぶって is overlooking); a tongue or an eye pulled out, nails torn off: その舌、引っこ抜いてやろうか.
_BODY_PART_MUTILATED = (
    r"(?:口|くち|唇|舌|目|目玉|目ん玉|耳|頭|喉|のど|指|腕|足|首|顔|玉)(?:を|も|、)?[^。!?\n]{0,10}?"
    r"(?:縫い付け|縫いつけ|ぬいつけ|縫い合わせ|ぬいあわせ|踏み潰|握り潰|(?<![踏握])(?:潰|つぶ)(?=[しすさせ])|引きちぎ|ちょん切|ねじ切|かち割)"
    r"|(?:舌|べろ|目玉|目ん玉|爪)(?:を|も|、)?[^。!?\n]{0,6}?(?:引っこ抜|ひっこぬ|引き抜|剥が|はが)"
)
# Drowned, hanged: 川で溺れさせてやる, 首吊らせたる.
_BODY_DROWNED_HANGED = (
    r"溺れさせ|おぼれさせ|溺死させ|(?:首|くび)(?:を)?(?:吊|つ)らせ"
    r"|(?:木|電柱|梁|鉄骨)(?:に|から)(?:吊る|つる)(?=し|す)"
)
# A push where a fall kills (駅のホームで背中押したる, 線路に落としてやる), a throw into water
# (ドブに放り込んだる).
_BODY_PUSHED_THROWN = (
    r"(?:ホーム|線路|階段|崖|屋上|橋|踏切|ベランダ)[^。!?\n]{0,12}?背中(?:を)?(?:押|おし|どつ|突|蹴)"
    r"|線路に[^。!?\n]{0,6}?(?:落と|突き飛ば|放り込|投げ込)"
    r"|(?:川|海|池|湖|ドブ|どぶ|崖|東京湾)(?:に|から)[^。!?\n]{0,4}?(?:放り込|ほうりこ|投げ込|投げ捨て|突き落と|蹴り落と|叩き込)"
)
# Stained with blood: 制服、血で真っ赤に染めてやる.
_BODY_BLOODIED = r"血で[^。!?\n]{0,4}?(?:染め|そめ)"
_PROPERTY_DESTROYED = (
    r"燃や(?!すご|せる)|火"
    + NOT_KINDLING
    + r"(?:を|ぃ)?(?:つけ|付け|放|はな)|火の海|血の海|焼け野原|爆発させ|吹き飛ば|吹っ飛ば|ふっとば"
    r"|ぶっ壊|ぶち壊|ぶっこわ|叩き割|たたき割|ぶち割|壊(?=[しす])|こわ(?=[しす])|割(?=[るっ])"
    r"|ぐちゃぐちゃに|めちゃくちゃに|パンクさせ|突っ込|放火|爆破|爆弾|灰に|更地に|傷(?:を)?(?:つけ|付け)"
)
# Paint, filth or fuel thrown over something: 店にペンキぶちまけてやる.
_PROPERTY_DOUSED = (
    r"(?:ペンキ|塗料|汚物|糞|ガソリン|灯油|スプレー)(?:を)?[^。!?\n]{0,4}?"
    r"(?:ぶちまけ|ぶっかけ|撒き散ら|まき散ら|吹き付け)"
)
# A carcass left at someone's door: 店の前に猫の死骸置いといてやる.
_PROPERTY_CARCASS = r"(?:死骸|死体|生首)(?:を)?[^。!?\n]{0,2}?(?:置|お(?=いと|いて)|送りつけ|投げ込|ばらま)"
# Stones thrown at a house or a shop: 家の窓に石投げてやる.
_PROPERTY_STONED = r"(?:家|窓|店|車|自宅|事務所|ガラス|玄関)に[^。!?\n]{0,6}?石(?:を)?(?:投げ|なげ)"
_FREEDOM = (
    r"らち(?=っ)|拉致|誘拐|監禁|待ち伏|つけ回|つけまわ|つきまと|付きまと|尾行|探し出|さがしだ|追い詰め|追いつめ"
    r"|突き止め|つきとめ|外から鍵(?:を)?(?:かけ|掛け)"
)

# Between the verb and its ending: a few characters of the same clause, but no passive, negation, wish,
# condition, reason clause or comma, and no noun that makes the verb a reported event (放火事件, 爆破予告が).
_GAP = (
    r"(?:(?!られ|され|ない|なんて|とは|たい|たく|、|ても|れば|たら|なきゃ|ので|のに|けど|事件|ニュース|騒ぎ|予告が"
    r"|犯|魔|事故)[^。!?\n]){0,10}?"
)

# Forms that declare intent: 〜てやる/〜たる (Kansai)/〜ちゃる, volitional 〜よう(か), 〜ことにした,
# going to do it (〜しに行く, 〜持って向かう), done in preparation (しかけた, 〜といた), emphatic ぞ/からな.
_ENDING = (
    r"(?:てやる|てやろ|てやります|でやる|でやろ|でやります|(?<=ん)だる(?=[わぞでよ。!\s]|$|から)|てやっか|てやらあ|たる(?!ん)|たろ|ちゃる|ちゃろ|てまうぞ|てあげ(?:る|ます)"
    r"|てくれる(?=わ|ぞ|[。!\s]|$)"
    r"|に(?:行|い)(?:く|きます)(?!の)|(?:行|い)くから|向か(?:う|って(?:る|いる|ます))"
    r"|(?<=[るすくうつぬむぶぐ])つもり(?:だ|です|や)(?![っか])|しかない|ことにし(?:た|ました)|ておいた|といた|ておきました"
    r"|(?:そう|ろう|こう|おう|よう|ぼう|もう)か(?!と|な|しら)"
    r"|(?<=[るすくうつぬむぶぐ])(?:からな|からね|ぞ|ぜ)|(?<![ただ])ぞ(?=[!。\s]|$))"
)
# Verbal nouns take する: 放火する(ぞ), 爆破します, 監禁してやる.
_NOUN_HARM = (
    r"放火|爆破|拉致|誘拐|監禁|尾行|待ち伏せ|始末|(?:道連れ|血祭り|半殺し|病院送り|火の海|血の海|灰|更地|八つ裂き"
    r"|なぶり殺し|皆殺し)に"
)
_NOUN_ENDING = (
    r"(?:する(?:ぞ|から|わ|よ|ね|。|$)|します(?:から|よ|ね|。|$)|しに(?:行|い|来)|して(?:やる|やろ)"
    r"|した(?:る|ろ))"
)


_PERSON_HARM = (
    r"(?:潰|つぶ|消|始末|片付け|かたづけ|ぶっ潰|ぶち潰|やっつけ|いわ|轢|ひ(?=いて|き殺)"
    r"|(?:吊る|つる)(?=し(?!上|あ)))"
)


def _g(name: str, kind: str, stems: str) -> Rule:
    return rule(name, "threat", kind, rf"(?:{stems}){_GAP}{_ENDING}")


# A plain non-past form ending the sentence (線路に突き落とす。): a statement of what the writer will do.
_PLAIN_END = r"(?:[すくるつぶむ]|落とす|飛ばす)(?=[。!\s]|$)"

JA_GRAMMAR: tuple[Rule, ...] = (
    threat_rule(
        "harm_plain",
        "body",
        r"(?:突き落と|つきおと|突き飛ば|轢き殺|ひき殺|刺し殺|殴り殺|ぶっ殺|ぶち殺|ぶっ刺|ぶん殴|火"
        + NOT_KINDLING
        + r"(?:を|ぃ)?(?:つけ|付け))"
        rf"{_PLAIN_END}|(?:ぶっ|ぶち)(?:殺|ころ)(?=[。!\s]|$)"
        # Tyres punctured, stones thrown: 返金しないなら、タイヤ全部パンクさせる.
        r"|(?:ぱんくさせ|(?:家|窓|店|車|自宅|事務所|ガラス|玄関)に[^。!?\n]{0,6}?石(?:を)?投げ(?:込|つけ)?)る(?=[。!\s]|$)",
    ),
    _g("harm_life", "life", _LIFE),
    _g("harm_body_strike", "body", _BODY_STRIKE),
    _g("harm_body_dragged_out", "body", _BODY_DRAGGED_OUT),
    _g("harm_body_part_broken", "body", _BODY_PART_BROKEN),
    _g("harm_body_part_mutilated", "body", _BODY_PART_MUTILATED),
    _g("harm_body_drowned_hanged", "body", _BODY_DROWNED_HANGED),
    _g("harm_body_pushed_thrown", "body", _BODY_PUSHED_THROWN),
    _g("harm_body_bloodied", "body", _BODY_BLOODIED),
    _g("harm_property_destroyed", "property", _PROPERTY_DESTROYED),
    _g("harm_property_doused", "property", _PROPERTY_DOUSED),
    _g("harm_property_carcass", "property", _PROPERTY_CARCASS),
    _g("harm_property_stoned", "property", _PROPERTY_STONED),
    _g("harm_freedom", "freedom", _FREEDOM),
    threat_rule("harm_noun", "property", rf"(?:{_NOUN_HARM}){_NOUN_ENDING}"),
    # A person done away with: お前ら一人ずつ潰してやる.
    threat_rule(
        "harm_person_done_away",
        "body",
        rf"{PERSON}(?:を|は|も|、)?(?:一人ずつ|ひとりずつ|全員|みんな|まとめて)?(?:順番に|片っ端から)?{_PERSON_HARM}{_GAP}"
        r"(?:てやる|てやろ|たる|たろ|(?:していく|してく)(?=つもり|から|ぞ|わ|よ|[。!\s]|$)|すつもり|すぞ|すからな|してやる|けてやる|けるぞ)",
    ),
    # Turning a person into something: お前ら全員、血まみれにしてやる.
    threat_rule(
        "harm_person_made_into",
        "body",
        rf"{PERSON}(?:ら|ども|たち)?(?:を|は|も|、)?(?:全員|みんな|まとめて)?(?:、)?[^。!?\n、]{{1,8}}?に"
        r"(?:してやる|してやろ|したる|したろ|しちゃる)",
    ),
    # A head or life taken from a person (not a champion's in sport): お前の首、いつか必ず取りに行く,
    # 店長のタマ取ったる.
    threat_rule(
        "take_head",
        "life",
        rf"(?:{PERSON}|支配人|社長|部長|課長|院長|オーナ|あの(?:女|男|野郎))(?:ら|ども)?の(?:首|くび|たま|命|いのち)"
        r"(?:を|、|は|も)?[^。!?\n]{0,8}?(?:取|と|獲)(?=[りるっらろれ])"
        rf"{_GAP}{_ENDING}",
    ),
    # Scalding or corrosive liquid thrown at someone.
    threat_rule(
        "scald",
        "body",
        r"(?:熱湯|硫酸|塩酸|熱い油|熱湯)(?:を)?[^。!?\n]{0,6}?(?:ぶっかけ|かけ|浴びせ|あびせ)"
        rf"{_GAP}{_ENDING}",
    ),
)

# --- English ---
_WILL = (
    r"(?:i(?:'ll| will| am going to|'m going to|'m gonna| gonna| shall)|i'm about to|i plan to|i intend to"
    r"|gonna|going to)"
)
_PERSON_NOUN = (
    r"(?:staff|clerk|nurse|doctor|driver|manager|cashier|guard|receptionist|owner|employee|waiter|waitress"
    r"|pharmacist|agent|operator|person|people|guy|man|woman|girl|boy|lady|idiot|bitch|bastard|kids?|family"
    r"|wife|husband|son|daughter|worker|teller|boss|one)s?"
)
_PLACE_NOUN = (
    r"(?:store|shop|house|home|place|car|office|building|windows?|restaurant|branch|clinic|station|hospital"
    r"|school|counter|desk)"
)
_DET = r"(?:your|that|this|the|those|his|her|their)(?: next| first| \w+)?"
# People for harm to the body; people or places for harm to property.
_TARGET = (
    rf"(?:you|u|ya|him|her|them|everyone|everybody|anyone|anybody|whoever|someone|{_DET} {_PERSON_NOUN})"
)
_TARGET_ANY = rf"(?:{_TARGET}|{_DET} {_PLACE_NOUN})"
_EN_HARM = (
    r"(?:kill|murder|shoot|stab|knife|strangle|choke|beat|punch|hit|hurt|slap|kick|attack|jump|cut"
    r"|hunt down|track down|run over|run down|poison|end)"
)
_EN_DAMAGE = r"(?:burn|torch|bomb|blow up|wreck|trash|smash|break)"

EN_GRAMMAR: tuple[Rule, ...] = (
    # A person harmed: I'm going to punch you.
    threat_rule(
        "harm_will_hurt_en",
        "body",
        rf"\b{_WILL}\s+(?:\w+\s+){{0,3}}?{_EN_HARM}\s+(?:down\s+)?{_TARGET}\b",
        script="en",
    ),
    # A person or a place damaged: I'll burn your shop down.
    threat_rule(
        "harm_will_damage_en",
        "body",
        rf"\b{_WILL}\s+(?:\w+\s+){{0,3}}?{_EN_DAMAGE}\s+(?:down\s+)?{_TARGET_ANY}\b",
        script="en",
    ),
    # A person hunted down: I'll track that clerk down.
    threat_rule(
        "harm_will_hunt_down_en",
        "body",
        rf"\b{_WILL}\s+(?:\w+\s+){{0,2}}?(?:hunt|track)"
        r" (?:you|him|her|them|(?:that |the |your |this )?\w+) down\b",
        script="en",
    ),
    threat_rule(
        "harm_idiom_beat_out_of_en",
        "body",
        r"\bbeat the (?:hell|shit|crap|life|living daylights) out of\b",
        script="en",
    ),
    threat_rule(
        "harm_idiom_make_suffer_en",
        "body",
        rf"\bmake {_TARGET} (?:suffer|bleed|pay for (?:this|it) with)\b",
        script="en",
    ),
    threat_rule(
        "harm_idiom_brick_through_en",
        "body",
        r"\b(?:put|throw|send) (?:a|this) (?:brick|rock|stone|bullet) (?:through|into)\b",
        script="en",
    ),
    threat_rule(
        "harm_idiom_lesson_never_forget_en",
        "body",
        r"\bteach (?:you|him|her|them) a lesson (?:you|he|she|they)(?:'ll| will) never forget\b",
        script="en",
    ),
    threat_rule(
        "harm_idiom_rearrange_face_en",
        "body",
        r"\brearrange (?:your|his|her) face\b",
        script="en",
    ),
)

GRAMMAR_RULES: tuple[Rule, ...] = JA_GRAMMAR + EN_GRAMMAR
