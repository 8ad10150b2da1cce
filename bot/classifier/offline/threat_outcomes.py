"""Threats named by their outcome, not by a harm verb (the fourth round).

The grammar (`threat_grammar`) needs a harm verb it knows; many threats instead name what the victim will be
left with or what they will pay, and each of these constructions is a threat whatever verb is (not) used:
- a lasting disability made by the writer: 二度と喋れない口にしてやる, 一生車椅子の生活にしてやろうか,
  足腰立たなくしてやる (`lasting_harm`; a result made (〜にしてやる), not a state reported:
  指が使えなくなった);
- payment with life or body: 命で払ってもらう, 落とし前は体でつけてもらう (`pay_with_life`; something
  demanded of the other, not 命で償うべきだ said of a criminal);
- safety denied: 無事でいられると思うな, 生きて帰れると思うなよ, 身の安全は保証しかねます, 安心して眠れる夜は
  来ないと思え (`safety_denied`);
- a harm to relatives named by its outcome: 家族が泣くことになるぞ (`relative_outcome_will_regret`),
  お宅の娘さんに何かあったら大変ですね (`relative_outcome_shame_if_something`), ご家族ともども楽しみに
  (`relative_outcome_together_brace`), お宅の娘さんも一人で帰る日があるよね (`relative_outcome_walks_alone`);
- destruction of property foretold as a fact to accept: ビル、来月にはなくなってると思えよ, 窓ガラスが
  割れてても文句言うなよ (`property_foretold`); confinement (`confine`), silencing (`silencing`), the writer
  as the agent (`self_agent`), a home address to be spread (`dox_home`); a bomb declared planted
  (`bomb_declared`);
- English body-part harm: "I'll snap your neck" (`body_part_will_break_en`), "I'll break every finger"
  (`body_part_every_bone_en`), "after I smash your teeth in" (`body_part_after_i_break_en`), "picking your
  teeth up off the floor" (`body_part_pick_teeth_en`); putting someone in the hospital or the ground
  (`put_in_hospital_or_grave_en`), running someone over (`put_in_hospital_run_over_en`); "one more X and I
  ..." (`one_more_en`);
- English safety denied: "his family isn't safe anymore", "you're dead" (`safety_denied_not_safe_en`), "your
  days are numbered" (`safety_denied_days_numbered_en`), "she'd better watch her back"
  (`safety_denied_watch_back_en`), a gun one is ready to use (`safety_denied_gun_use_en`), "better not walk
  home alone tonight" (`safety_denied_not_alone_en`), "I've posted your manager's address online"
  (`safety_denied_address_posted_en`), "your daughter looks cute at the bus stop every morning"
  (`safety_denied_kids_watched_en`).

Quotation, negation and idioms are judged afterwards by `context`, as for every threat rule.
"""

from __future__ import annotations

from bot.classifier.offline.rules import Rule, threat_rule
from bot.classifier.offline.vocabulary import EN_TARGET_LONG, NO_SENT, PERSON, RELATIVE_WORD, YOUR

_INTENT = r"(?:してやる|してやろ|してやります|したる|したろ|しちゃる|しちゃろ|してあげる|してくれる(?:わ|ぞ))"
# A phrase echoed back to ask about it is not said as one's own: 体で払ってもらうって、皿洗いのこと？
_NOT_ECHOED = r"(?![^。!?\n、]{0,4}?って(?:、|\?|こと|意味|何|なに))"
_DISABLED = (
    r"(?:喋れ|しゃべれ|話せ|歩け|立て|働け|食え|食べられ|見え|使え|動け|笑え|出られ|出れ|仕事(?:が)?でき|外(?:に|を)"
    r"|人前に|車椅子|車いす|寝たきり|ベッドの上)"
)

JA_OUTCOME_RULES: tuple[Rule, ...] = (
    threat_rule(
        "lasting_harm",
        "body",
        r"(?:"
        rf"(?:二度と|一生|死ぬまで){NO_SENT}{{0,10}}?{_DISABLED}{NO_SENT}{{0,8}}?(?:に|く|ように|ようには){_INTENT}"
        rf"|(?:足腰|手足|体|からだ|口|指|手|腕|目|顔)(?:が|を|も)?(?:立たな|動かな|使えな|きけな|利けな|見えな|開かな)く"
        rf"{_INTENT})" + _NOT_ECHOED,
    ),
    threat_rule(
        "pay_with_life",
        "life",
        r"(?:"
        # (命で返してもらう is demanded; 命で返します, gratitude, is not: see the endings)
        r"(?:命|いのち|体|身体|からだ|血|指|腕)で(?:払|はら|償|つぐな|あがな|けじめ|落とし前|詫び|わび|返|かえ)"
        rf"{NO_SENT}{{0,5}}?(?:ってもら|ってもら|わせ|わす|させ|てもら|をつけさせ|をつけてもら|え(?=[。!\s]|$)|ろ(?=[。!\s]|$))"
        rf"|(?:落とし前|けじめ|ケジメ)(?:は|を|、)?{NO_SENT}{{0,12}}?(?:命|いのち|体|身体|からだ|指)で"
        rf"{NO_SENT}{{0,6}}?(?:もら|させ|つけさせ|つけろ))" + _NOT_ECHOED,
    ),
    threat_rule(
        "safety_denied",
        "body",
        r"(?:"
        rf"(?:無事|ぶじ|安全|生きて|五体満足で){NO_SENT}{{0,6}}?(?:いられる|帰れる|帰られる|出られる|戻れる|暮らせる"
        r"|過ごせる)と(?:思う|おもう)(?:な|んじゃね)"
        rf"|身の安全(?:は|を|も)?{NO_SENT}{{0,6}}?保証(?:しない|しません|できない|できません|いたしかね|しかね)"
        r"(?=ます|る|[。!よぞねから\s]|$)"
        rf"|安心して{NO_SENT}{{0,8}}?(?:眠れ|寝られ|ねられ|暮らせ|歩け|外を歩け|外に出られ)(?:る|ない){NO_SENT}{{0,12}}?"
        r"(?:と思え|と思っとけ|と思うな|と思わない(?:ほう|方)がいい))" + _NOT_ECHOED,
    ),
    threat_rule(
        "relative_outcome_will_regret",
        "family",
        rf"{RELATIVE_WORD}(?:が|も|を|に|ともども|、)?{NO_SENT}{{0,4}}?(?:泣く|悲しむ|後悔する|痛い目を見る|痛い目にあう"
        r"|危ない目にあう|危険な目にあう)ことに(?:なる|なります)(?=ぞ|ぜ|よ|から|ね|だろ|[。!\s]|$)",
    ),
    threat_rule(
        "relative_outcome_shame_if_something",
        "family",
        rf"{YOUR}{NO_SENT}{{0,4}}?{RELATIVE_WORD}[^\n]{{0,30}}?(?:何か|なにか)(?:が)?(?:あったら|起きたら)(?:大変|困る|かわいそう"
        r"|気の毒)(?:ですね|ですよね|だね|だよね|でしょう|だろう|だな|やな|やろ|ね|よね)?(?=[。!\s]|$)",
    ),
    threat_rule(
        "relative_outcome_together_brace",
        "family",
        rf"{RELATIVE_WORD}ともども{NO_SENT}{{0,8}}?(?:楽しみに|覚悟|待って)",
    ),
    threat_rule(
        "relative_outcome_walks_alone",
        "family",
        rf"{YOUR}{NO_SENT}{{0,4}}?{RELATIVE_WORD}(?:が|も)?{NO_SENT}{{0,8}}?一人で(?:帰る|歩く|いる)(?:日|時|とき)(?:も|が)"
        r"(?:ある|来る|くる)",
    ),
    threat_rule(
        "property_foretold",
        "property",
        r"(?:なくなって(?:る|いる)|無くなって(?:る|いる)|割れて(?:て|いて)|燃えて(?:て|いて)|壊れて(?:て|いて)|潰れて(?:て|いて)"
        r"|灰になって(?:る|て))(?:も)?"
        r"(?:と思え|と思っとけ|と思っておけ|文句(?:言|い)う?な|知らん|知らない(?:ぞ|からな))"
        # ...not when quoted back: 割れてても文句言うなよって、中古品じゃん.
        r"(?!よ?って|よ?と(?:言|い)われ|と書)",
    ),
    # Locking a person in (not a cat in a room): あの担当、倉庫に閉じ込めてやる.
    threat_rule(
        "confine",
        "freedom",
        rf"{PERSON}(?:を|は|も|、)?{NO_SENT}{{0,8}}?(?:閉じ込め|とじこめ)(?:て(?:やる|やろ)|たる|たろ|るからな|るぞ)",
    ),
    # Silencing someone: その前にお前の口を塞ぐから / 口封じしてやる.
    threat_rule(
        "silencing",
        "life",
        r"(?:お前|おまえ|あんた|てめえ|貴様|きさま|あいつ|そいつ|店員|担当者?)の口を(?:塞|ふさ)(?:ぐ|いで(?:やる|やろ)|いだる)"
        r"(?=[。!\s]|$|から|ぞ|わ|よ|て|で)|口封じ(?:する|して(?:やる|やろ)|したる|しに)",
    ),
    # The writer as the one who destroys: いや、俺がなくしてやる.
    threat_rule(
        "self_agent",
        "property",
        r"(?:俺|おれ|わし|わい|僕|ぼく|私|わたし|あたし)が(?:この手で)?(?:なくし|無くし|消し|終わらせ)(?:て(?:やる|やろ)|たる|たろ)",
    ),
    # Where someone lives, published: 本名と住んでるマンション、掲示板に全部書き込んでやる.
    threat_rule(
        "dox_home",
        "honour",
        r"(?:住んで(?:る|いる)(?:マンション|アパート|家|所|場所|とこ|部屋)|家の場所|自宅の場所|最寄り駅)"
        r"(?:(?!なら|たら|れば|ても|ないと)[^。!?\n]){0,16}?(?:晒|さら|書き込|ばらま|ばら撒|公開|載せ|流|拡散)(?:し|ん)?"
        r"(?:て|で)?(?:やる|やろ|たる|たろ)",
    ),
    threat_rule(
        "bomb_declared",
        "property",
        r"爆破予告(?:です|だ|する|します)(?!。?という|。?って|との|人|者|奴|やつ|犯|なんて|とか|のは|こと)"
        rf"|(?:爆弾|爆発物|時限装置){NO_SENT}{{0,10}}?(?:仕掛け|しかけ)(?:た(?!と|って|らしい|そう|みたい|よう|かの)|ました|といた|ておいた|てある)",
    ),
)

_EN_WILL = (
    r"(?:i(?:'ll| will| am going to|'m going to|'m gonna| gonna)|gonna|going to|or i(?:'ll| will)?"
    r"|and i(?:'ll| will)?)"
)
_EN_OTHER = r"(?:your|his|her|their|that \w+'s|the \w+'s)"
_EN_PART = (
    r"(?:neck|legs?|arms?|fingers?|face|teeth|jaw|skull|nose|head|knees?|ribs?|spine|bones?|hands?|kneecaps?)"
)

# A fall foretold is a hazard, not a threat: someone's going to break their neck on those stairs.
EN_ACCIDENT = (
    r"(?![^.!?]{0,30}\b(?:on (?:the|those|that|this|these|your) (?:\w+ )?(?:stairs|steps?|floor|ice|ladder"
    r"|path|ramp"
    r"|escalator|pavement|sidewalk|road|carpet|rug|tiles?|pothole)|tripping|slipping|falling|falls? (?:down"
    r"|over|off)"
    r"|trips? over|slips? on)\b)"
)

EN_OUTCOME_RULES: tuple[Rule, ...] = (
    threat_rule(
        "body_part_will_break_en",
        "body",
        rf"\b{_EN_WILL}\s+(?:\w+\s+){{0,4}}?(?:snap|break|smash|crack|wring|bash|cave|rip|pull)\s+(?:in\s+)?"
        rf"{_EN_OTHER}\s+(?:\w+\s+)?{_EN_PART}\b{EN_ACCIDENT}",
        script="en",
    ),
    threat_rule(
        "body_part_every_bone_en",
        "body",
        rf"\b{_EN_WILL}\s+(?:\w+\s+){{0,2}}?(?:snap|break|smash|crack)\s+(?:every|each|all)\s+(?:\w+\s+)?"
        rf"(?:bone|finger|tooth|teeth|rib)s?\b{EN_ACCIDENT}",
        script="en",
    ),
    threat_rule(
        "body_part_after_i_break_en",
        "body",
        rf"\b(?:after|when|once) i (?:smash|snap|break|crack|bash) {_EN_OTHER} (?:\w+ )?{_EN_PART}\b",
        script="en",
    ),
    threat_rule(
        "body_part_pick_teeth_en",
        "body",
        rf"\bpick(?:ing)? {_EN_OTHER} teeth (?:up )?off\b",
        script="en",
    ),
    threat_rule(
        "put_in_hospital_or_grave_en",
        "body",
        rf"\b{_EN_WILL}\s+(?:\w+\s+){{0,2}}?put\s+{EN_TARGET_LONG}\s*in (?:the |a |an )?"
        r"(?:hospital|ground|grave|icu|morgue|wheelchair|coffin|body bag)\b",
        script="en",
    ),
    threat_rule(
        "put_in_hospital_run_over_en",
        "body",
        rf"\b{_EN_WILL}\s+(?:\w+\s+){{0,2}}?run\s+{EN_TARGET_LONG}\s*(?:over|down)\b",
        script="en",
    ),
    threat_rule(
        "one_more_en",
        "body",
        r"\bone more (?:\w+\s+){0,4}?and i(?:'ll| will)?\s+(?:\w+\s+){0,1}?"
        r"(?:smash|break|burn|kill|snap|hurt|shoot|stab|torch|wreck|bash|beat|end)\b",
        script="en",
    ),
    threat_rule(
        "safety_denied_not_safe_en",
        "body",
        r"\b(?:you|he|she|they|(?:(?:your|his|her|their) (?:\w+'s )?|(?:the|that) \w+'s )"
        r"(?:family|wife|husband|kids|children|son|daughter|staff"
        r"|receptionist|nurse|manager|cashier|employees?|workers?|boss|mother|father|parents))"
        r"(?:'s|'re| is| are)?\s*(?:isn't|is not|aren't|are not|won't be|will not be|not) safe"
        r" (?:anymore|any more|any longer)\b(?!\s*\?)",
        script="en",
    ),
    threat_rule(
        "safety_denied_days_numbered_en",
        "body",
        r"\byour days are numbered\b",
        script="en",
    ),
    threat_rule(
        "safety_denied_watch_back_en",
        "body",
        r"\b(?:should|better|had better|'d better|needs? to|ought to) watch (?:her|his|their|your) back\b"
        r"(?!\s*(?:door|gate|entrance|seat|yard|garden))",
        script="en",
    ),
    threat_rule(
        "safety_denied_gun_use_en",
        "body",
        r"\bi (?:have|got|own|bought|'ve got) a (?:gun|knife|rifle|shotgun|pistol)\b"
        r"(?!\s+(?:shop|store|licen[cs]e|permit|collection|safe|class))[^.!?]{0,40}"
        r"\buse (?:it|them)(?=\s*(?:[.!,]|$)|\s+(?:on|at|against|in|here)\b)",
        script="en",
    ),
    threat_rule(
        "safety_denied_not_alone_en",
        "body",
        r"\b(?:better not|you'd better not|i wouldn't|don't) (?:walk|go|drive)\b[^.!?]{0,25}\balone"
        r" (?:tonight|at night|anymore|after dark)\b",
        script="en",
    ),
    threat_rule(
        "safety_denied_address_posted_en",
        "body",
        r"\bi(?:'ve| have)? (?:posted|shared|leaked|put up) (?:your|his|her|their|that \w+'s|the \w+'s)"
        r" (?:\w+(?:'s)? )?(?:home )?address(?:es)?\s+(?:online|on|in|to|all over|everywhere)\b",
        script="en",
    ),
    threat_rule(
        "safety_denied_kids_watched_en",
        "body",
        r"\b(?:his|her|your|their) (?:kids|children|son|daughter|wife|husband)\b[^.!?]{0,30}"
        r"\b(?:looks? (?:cute|lovely|pretty|sweet|nice|happy)|i see|i've seen|i watch|i've been watching)\b"
        r"(?:(?!photo|picture|pic|instagram|post)[^.!?]){0,30}"
        r"\b(?:every (?:morning|day|night|evening)|bus stop|school gate)\b",
        script="en",
    ),
)

OUTCOME_RULES: tuple[Rule, ...] = JA_OUTCOME_RULES + EN_OUTCOME_RULES
