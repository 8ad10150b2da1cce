"""Veiled threats: harm implied, not named.

Five constructions carry most of them:
- a warning about a situation where someone is vulnerable (夜道に気をつけろ, 帰り道は後ろに気をつけな,
  一人で歩くときは気ぃつけや, 車に気をつけることやな, 夜は一人にならんようにな, watch your back);
- knowledge or watching of someone's private life: noted down or on file (住所は分かってる,
  表札の写真を撮ってきた, 勤務時間も帰りのバスも調べてある, 家族構成まで把握済み: `private_knowledge_noted`),
  found out (住所、もう割れてる から: `private_knowledge_found_out`), to be looked up
  (どこに住んでるかすぐ調べる: `private_knowledge_to_look_up`), ずっと見てるから;
- preparation done and said to be done: a weapon ready (包丁研いで待っとるわ: `preparation_weapon`), a car
  tampered with (`preparation_tampered`; ブレーキ、いじっといたから: `preparation_tampered_said`), followed
  home and the house found (`preparation_followed_home`);
- a harm in the passive with a rhetorical or conditional turn (刺されても文句言うな, 燃やされたくなかったら,
  ばら撒かれたいのか);
- an ominous outcome, one rule each: 血を見ることになる (`ominous_blood`), 地獄を見せてやる (`ominous_hell`),
  消えてもらう (`ominous_vanish`), 夜道でな (`ominous_night_road`), 俺が何をするか (`ominous_what_i_do`),
  意味分かるよな (`ominous_you_know_what`), 夜は長い (`ominous_long_night`), 何をするか分からない
  (`ominous_no_telling`), 首を洗って待っとけ (`ominous_neck_washed`), 無事で済むと思うな
  (`ominous_not_safe`), 五体満足 (`ominous_intact`), 刺し違えてでも (`ominous_mutual_stab`), a warning tied
  to meeting someone (今度見かけたらただで済むと思うな: `ominous_if_seen`), harm promised to a family
  (お前の家族もただじゃ済まない: `ominous_family`);
- in English, one rule per idiom (`veiled_*_en`): I've got your address (`veiled_got_address_en`,
  `veiled_found_address_en`), I know where you live (`veiled_know_where_en`), you won't see me coming
  (`veiled_not_see_coming_en`), catch you alone (`veiled_catch_alone_en`), better hope I don't catch you
  (`veiled_better_hope_en`), an unfortunate fire (`veiled_unfortunate_en`), a shame if something...
  (`veiled_shame_if_something_en`), you're going to get shot (`veiled_get_shot_en`, `veiled_get_shot_gap_en`;
  as the price of a demand: `veiled_price_of_demand_en`, `veiled_if_not_someone_en`), your store burns
  (`veiled_place_burns_en`, `veiled_might_catch_fire_en`, `veiled_when_ashes_en`), make sure you never walk
  (`veiled_never_walk_en`), your nurse lives on ... (`veiled_staff_lives_en`), waiting with some friends
  (`veiled_waiting_with_friends_en`, `veiled_waiting_at_exit_en`), pay your manager a visit
  (`veiled_pay_visit_en`), you'll end up in hospital (`veiled_end_up_hospital_en`, `veiled_hospital_food_en`),
  don't be surprised if (`veiled_dont_be_surprised_en`), sleep with one eye open (`veiled_one_eye_open_en`),
  watch your back when (`veiled_watch_back_en`).
"""

from __future__ import annotations

from bot.classifier.offline.rules import Rule, threat_rule
from bot.classifier.offline.vocabulary import NO_SENT, NOT_MINE

VEILED_RULES: tuple[Rule, ...] = (
    threat_rule(
        "danger_warning",
        "body",
        rf"(?:夜道|夜|帰り道|帰り|後ろ|背後|背中|一人|ひとり|通勤|外出|出歩|暗い道|夜の道|火|火事|身の回り|周り)"
        rf"{NO_SENT}{{0,10}}?"
        r"(?:気を(?:つけ|付け)(?:ろ|な(?!さい|がら|かった|い)|や|よ|とけ|ておけ|た(?:ほう|方)がいい|てあげて|とき)"
        r"|気ぃ(?:つけ|付け)|用心(?:しろ|しな|しとけ|した(?:ほう|方)が)"
        # 気をつけることやな, 一人にならんようにな: advice that only a threat needs.
        r"|気を(?:つけ|付け)る(?:こと|こっ)(?:や|だ|です)?(?:な|ね|た|よ)"
        r"|(?:一人|ひとり)に(?:ならん|ならない|ならへん|なんない)(?:よう|様)(?:に)?(?:な|ね|せえ|しろ|しな)?(?=[。!\s]|$))",
    ),
    threat_rule(
        "private_knowledge_noted",
        "freedom",
        rf"{NOT_MINE}(?:住所|自宅|家|表札|住んで(?:る|いる)(?:所|場所|とこ)|住まい|勤務時間|シフト|帰りの(?:バス|電車|道)"
        r"|帰る時間|帰宅時間|通勤(?:経路|ルート)|家族構成|家族の顔|実家|車のナンバー|通ってる(?:学校|塾)"
        r"|(?:嫁|妻|奥さん|旦那|子供|子ども|息子|娘|家族)(?:さん)?の(?:顔|写真|名前|学校)|最寄り駅|一人になる(?:時間|とき)"
        r"|行動(?:パターン)?|スケジュール|生活パターン)"
        rf"(?:も|は|まで|を|なら|、)?{NO_SENT}{{0,12}}?"
        r"(?:知って(?:る|いる|います|ます|んだ)(?!か(?!ら)|の\?|のに|はず|だろ|でしょ)"
        r"|(?:知っと|分かっと|わかっと|知っちょ)(?:る|ん)(?=で|ぞ|よ|わ|から|[。!\s]|$)|分かって(?:る|いる|ます|んだ)(?!か(?!ら)|の\?|のに|はず|だろ|でしょ)"
        r"|わかって(?:る|いる|ます|んだ)(?!か(?!ら)|の\?|のに|はず|だろ|でしょ)|調べ(?:た|てある|ました|ておいた|といた)(?!か(?!ら)|の\?)"
        r"|把握(?:済|して(?:る|いる|ます))|特定(?:した|済|しました)|写真(?:を)?撮っ|(?:写真で)?見た(?:よ|ぞ|から)"
        r"|(?:分|わ)かった(?:ぞ|から|よ|わ|。|$)|突き止めた"
        # Noted down, found out, on file: 通勤ルート、全部メモしてある / 住所は把握しております.
        r"|(?:メモ(?:して|っ)(?:ある|る|あります|た)|控え(?:た|てある|ました))(?:からな|ぞ|ぜ|よ(?=[。!\s]|$))"
        r"|調べ(?:は)?つ(?:いて|いた|いと))",
    ),
    threat_rule(
        "private_knowledge_found_out",
        "freedom",
        # 住所、もう全部割れてるから: found out (slang).
        r"(?<=[、は]|も)[^。!?\n]{0,6}?割れて(?:る|いる|ます)(?:から|ぞ|で|よ|んだ|。|$)",
    ),
    threat_rule(
        "private_knowledge_to_look_up",
        "freedom",
        # Where someone lives, to be looked up: どこに住んでるかすぐ調べる.
        rf"どこに住んで(?:る|いる|ん)か{NO_SENT}{{0,6}}?調べ(?:る|て(?:やる|やろ)|たる|ます)(?=[。!\s]|$|ぞ|から)",
    ),
    # Announcing a visit to someone's home: 今夜お前んちに行くからな.
    # A weapon just bought, tampering, following someone home: done, and said to be done.
    threat_rule(
        "preparation_weapon",
        "body",
        r"(?:ナイフ|刃物|包丁|斧|おの|ナタ|鉈|バット|金属バット|ハンマ|鉄パイプ|拳銃|銃|スタンガン|灯油|ガソリン)(?:を|、|は|も)?"
        r"(?:買って(?:きた|来た|おいた|ある)|手に入れた|用意した|用意してある|研いだ|研いでおいた|研いどいた"
        r"|研いで(?:待|ま)(?:って|っと))",
    ),
    threat_rule(
        "preparation_tampered",
        "body",
        r"(?:車|ブレーキ|タイヤ|自転車)に(?:細工|何か)(?:し|を)",
    ),
    threat_rule(
        "preparation_tampered_said",
        "body",
        # 社長の車のブレーキ、ちょっといじっといたから: a car tampered with, and said to be.
        r"(?:ブレーキ|ナット|ガス栓|ハンドル)(?:、|を|に|も)?[^。!?\n]{0,6}?(?:いじっ|細工し|緩め|ゆるめ|切っ|外し)"
        r"(?:ておいた|といた|ておきました|てある|たった)(?!と|って|らしい|そう|みたい)",
    ),
    threat_rule(
        "preparation_followed_home",
        "body",
        r"(?:つけて|後をつけ|あとをつけ|尾行し)(?:て)?(?:いったら|ったら|たら|った)[^。!?\n]{0,10}?(?:家|住所|自宅)(?:が|は|も)?"
        r"(?:すぐ)?(?:分かった|わかった|判明|特定)",
    ),
    threat_rule(
        "home_visit",
        "freedom",
        r"(?:お前|おまえ|てめえ|てめ|あんた|貴様|きさま)(?:ん|の)?(?:ち|家|いえ|自宅|実家)(?:に|へ|まで)"
        r"(?:行く|いく|行って|向かう|向かって|乗り込|押しかけ|遊びに)",
    ),
    # Memorising a face: 運転士の顔、覚えたぞ (said to intimidate; a description is not phrased so).
    threat_rule(
        "face_memorised",
        "freedom",
        r"顔(?:は|を|も|、)?(?:もう|しっかり|ちゃんと)?(?:覚え|おぼえ)(?:た|てる|ている|ました)(?:ぞ|から|からな|よ|わ|。|$)",
    ),
    threat_rule(
        "watching",
        "freedom",
        r"(?:ずっと|毎朝|毎晩|毎日|いつも|四六時中)(?:お前|あんた|あなた|君|きみ)?(?:を|のこと)?"
        r"(?:見て|見張って|みはって|監視して|つけて|尾行して|後をつけて|追って)"
        r"(?:る|ます|いる)(?:から|ぞ|よ|ね|からな|の(?:に)?気づ|って)"
        # Escalation after damage: 車に傷つけといた。次はお前だ.
        r"|次は(?:お前|おまえ|てめえ|あんた|貴様|本人|お前ら|お前の番|あんたの番|家族|お前の家族)(?:だ|な|の番|ね|よ|。|$)",
    ),
    threat_rule(
        "passive_harm",
        "body",
        r"(?:殺さ|刺さ|殴ら|なぐら|蹴ら|燃やさ|割ら|荒らさ|晒さ|さらさ|ばらまか|ばら撒か|拡散さ|潰さ|壊さ|襲わ|放火さ|爆破さ"
        r"|拉致ら|書か|流さ|載せら|公開さ|ばらさ|バラさ|待ち伏せさ|つけ回さ|付け回さ|監禁さ|閉じ込めら|さらわ)れ"
        r"(?:ても(?:知ら|しら|文句|責任|自業自得|仕方)|たく(?:なければ|なかったら|ないなら|なきゃ|ねえなら)"
        r"|たい(?:の|か|んだ|らしい)|ないと(?:いい|良い)(?:ね|な|けど)|ないよう(?:に)?(?:祈っ(?:てる|とく|ときな|てます(?:よ|ね))|気をつけ(?:ろ|な(?![さいがかっ])|や|とけ|て(?:ね|な)|た(?:ほう|方)が)))"
        # 怪我したくなかったら金出せ: a harm to the body as the price of refusing.
        r"|(?:怪我し|けがし|痛い目(?:に)?(?:あい|遭い|見)|死に|入院し|病院に行き)たく(?:なければ|なかったら|ないなら|なきゃ"
        r"|ねえなら)",
    ),
    # Destruction foretold as if it just happened: あの店、今月中に燃えてなくなるからな.
    threat_rule(
        "foretold",
        "property",
        r"(?:燃えて(?:なくなる|しまう|無くなる)|灰になる|吹っ飛ぶ|吹き飛ぶ|爆発する|火事になる)(?:から(?:な)?|ぞ|よ(?!う)|かも(?:な)?|ね)",
    ),
    # 物理的に: the speaker rules out the figurative reading (店を潰す, business ruin).
    threat_rule(
        "physical",
        "property",
        rf"(?:潰|つぶ|壊|こわ){NO_SENT}{{0,8}}?物理的"
        # ...or as its own short sentence right after: ぶっ潰してやる。物理的にな.
        rf"|(?:潰|つぶ|壊|こわ){NO_SENT}{{0,8}}?[。!]\s*物理的に(?:な|ね|や|よ)?(?=[。!\s]|$)"
        rf"|物理的に{NO_SENT}{{0,6}}?(?:潰|つぶ|壊|こわ|消)"
        # 二度と店開けられんようにしたるからな、物理的に.
        rf"|(?:して(?:やる|やろ)|したる|したろ){NO_SENT}{{0,6}}?[。!]?\s*物理的に(?:な|ね|や|よ)?(?=[。!\s]|$)",
    ),
    # A limb as the price: 腕の一本くらい覚悟しとけ.
    threat_rule(
        "limb",
        "body",
        r"(?:腕|うで|足|脚|指|骨|歯|あばら)(?:の)?(?:一本|1本|[一二三1-3](?:、|,)?[二三四2-4]本|何本か)(?:や二本|や2本|や三本)?"
        r"(?:くらい|ぐらい|は|も|で)?(?:、|,)?(?:覚悟|折|もら|なくな|済むと思う|すむと思う|済めば)",
    ),
    # A wish to harm followed by a declared intent: 吹っ飛ばしたいわ、マジでやるかも.
    threat_rule(
        "wish_then_intent",
        "body",
        r"(?:殺し|殴り|刺し|燃やし|吹っ飛ばし|吹き飛ばし|ぶっ壊し|爆破し|潰し|突き落とし|ぶっ飛ばし|ぼこぼこにし)"
        r"(?:て)?(?:やり)?(?:たい|てえ|てぇ|たく)[^\n]{0,12}?(?:マジで|本気で|本当に|ほんとに|まじで)(?:やる|やっちゃ|実行|やります)"
        # ...or a harm in a condition followed by going there: ボコボコにしたら...明日行ってくる.
        r"|(?:ぼこ|殴|刺|殺)[^。!?\n]{0,10}?たら[^\n]{0,20}?(?:行ってくる|行ってきます|行くわ|行くから|向かう)",
    ),
    # Knowing a family member's routine: お前の娘、いつも公園で遊んでるよな.
    threat_rule(
        "family_routine",
        "family",
        r"(?:子供|子ども|お子さん|娘|息子|奥さん|嫁|旦那|家族)(?:さん)?[^\n]{0,20}?(?:いつも|毎日|毎朝|毎晩|毎週)"
        rf"{NO_SENT}{{0,10}}?(?:遊んで|通って|歩いて|帰って|出かけて|いる|行って|ごみ出しして|散歩して|買い物して|出勤して)(?:る|います|ます)?"
        r"(?:よな|よね|だろ|でしょ|な(?=[。!?\s]|$)|ね(?=[。!?\s]|$))",
    ),
    # Sending others to do it: 若い衆をそっちに行かせる.
    threat_rule(
        "send_thugs",
        "body",
        r"(?:若い衆|若いもん|若いの|舎弟|組の(?:者|もん)|仲間|ヤクザ|やくざ)(?:を|が|に)"
        rf"{NO_SENT}{{0,10}}?(?:行かせ|向かわせ|送り込|差し向け|行く(?:から|ぞ)|お礼参り)",
    ),
    threat_rule(
        "ominous_blood",
        "body",
        r"血を見(?:る(?!の)|ること(?!が)|せ)",
    ),
    threat_rule(
        "ominous_hell",
        "body",
        r"(?:生き)?地獄(?:を)?(?:見せ|みせ|味わわせ|あじわわせ|味あわせ)(?!てくれ|てもら|られ)"
        r"|地獄に落と",
    ),
    threat_rule(
        "ominous_vanish",
        "body",
        r"(?:消えて"
        r"|いなくなって)もら(?:う(?!た)|います|おう)",
    ),
    threat_rule(
        "ominous_night_road",
        "body",
        r"(?:夜道|帰り道|暗がり|人のいない所|人気のない所)で(?:な|ね|よ)(?=[。!\s]|$)",
    ),
    threat_rule(
        "ominous_what_i_do",
        "body",
        r"(?:俺|私|わし|僕|おれ)が何(?:を)?(?:する|しでかす)か(?:は|、)?",
    ),
    threat_rule(
        "ominous_you_know_what",
        "body",
        r"意味(?:は)?(?:分か|わか)(?:る|るよ)(?:な|よな|だろ)",
    ),
    threat_rule(
        "ominous_long_night",
        "body",
        r"夜は長い",
    ),
    threat_rule(
        "ominous_no_telling",
        "body",
        r"何を(?:する|しでかす|やる)か(?:分か|わか)(?:らない|らねえ|らん|りません)(?=よ|ぞ|ぜ|から|[。!\s]|$)",
    ),
    threat_rule(
        "ominous_neck_washed",
        "body",
        r"首(?:を)?洗って(?:待|おけ|とけ)",
    ),
    threat_rule(
        "ominous_not_safe",
        "body",
        r"無事(?:に|で)?(?:済|すむ|帰れ)(?:む|る)と思う(?:な|なよ)",
    ),
    threat_rule(
        "ominous_intact",
        "body",
        r"五体満足",
    ),
    threat_rule(
        "ominous_mutual_stab",
        "body",
        r"刺し違え(?:て|る)",
    ),
    threat_rule(
        "ominous_if_seen",
        "body",
        r"(?:見かけ|見つけ|会っ|あっ|出てき|捕まえ|つかまえ)たら"
        rf"{NO_SENT}{{0,20}}?(?:ただ(?:で|では|じゃ)(?:済|すま|すむ|おか)|覚悟|後悔)",
    ),
    threat_rule(
        "ominous_family",
        "body",
        # Harm promised to someone's family: お前の家族もただじゃ済まない.
        rf"(?:家族|子供|子ども|お子さん|妻|嫁|奥さん|旦那|息子|娘|親)(?:も|が|は|まで){NO_SENT}{{0,6}}?"
        r"(?:ただ(?:で|では|じゃ)(?:済|すま)|無事(?:で|では)?(?:済|すま|いられ))",
    ),
    threat_rule(
        "veiled_got_address_en",
        "body",
        r"\bi(?:'ve| have)? got your (?:home )?address\b"
        r"|\bi have your (?:home )?address\b",
        script="en",
    ),
    threat_rule(
        "veiled_know_where_en",
        "body",
        r"\bi know where (?:you|the \w+|your \w+|he|she|they)"
        r" (?:live|lives|park|parks|sleep|sleeps|work|works)\b",
        script="en",
    ),
    threat_rule(
        "veiled_not_see_coming_en",
        "body",
        r"\b(?:you|he|she|they) won't see me coming\b",
        script="en",
    ),
    threat_rule(
        "veiled_catch_alone_en",
        "body",
        r"\bcatch (?:you|him|her|them) alone\b",
        script="en",
    ),
    threat_rule(
        "veiled_better_hope_en",
        "body",
        r"\b(?:you'd|you had) better hope i (?:don't|never) (?:catch|find|see|meet)\b",
        script="en",
    ),
    threat_rule(
        "veiled_unfortunate_en",
        "body",
        r"\b(?:very |really )?unfortunate (?:fire|accident)\b",
        script="en",
    ),
    threat_rule(
        "veiled_shame_if_something_en",
        "body",
        r"\bit would be a shame if (?:something|anything)\b(?![^.!?]{0,60}\b(?:drains?|blocked|broken"
        r"|fix\w*|repair\w*"
        r"|weather|storms?|flood\w*|leak\w*|wet|slippery)\b)",
        script="en",
    ),
    threat_rule(
        "veiled_get_shot_en",
        "body",
        # A harm in the future with no named doer, to the reader: you're going to get shot, your store burns
        # tonight ("someone's going to get killed" warns of a hazard: a driver on the phone, a broken door).
        r"\b(?:you|your \w+|(?:someone|somebody|people) (?:at|in|from) (?:that|your|this|the) \w+)"
        r"(?:'s|'re| is| are| will)? (?:going to |gonna )?get"
        r" (?:shot|stabbed|hurt|killed)\b",
        script="en",
    ),
    threat_rule(
        "veiled_place_burns_en",
        "body",
        r"\byour (?:store|shop|house|home|office|car|place) (?:burns|will burn|is going to burn|goes up)\b",
        script="en",
    ),
    threat_rule(
        "veiled_never_walk_en",
        "body",
        r"\bmake sure (?:you|he|she|they) (?:never|can't|won't|don't)"
        r" (?:walk|work|see|talk|sleep|come back)\b",
        script="en",
    ),
    threat_rule(
        "veiled_might_catch_fire_en",
        "body",
        r"\b(?:car|store|shop|house|home|place|office|building|clinic|branch|restaurant|hospital|station)"
        r" (?:might|could|may|will) (?:catch fire|burn"
        r"|go up in flames|have an accident)\b",
        script="en",
    ),
    threat_rule(
        "veiled_get_shot_gap_en",
        "body",
        r"\b(?:you|your \w+|(?:someone|somebody|people) (?:at|in|from) (?:that|your|this|the) \w+)\b"
        r"[^.!?]{0,25}\b(?:is|are|will be|'s|'re) (?:getting|going to get|gonna get)"
        r" (?:hurt|shot|stabbed|killed)\b",
        script="en",
    ),
    threat_rule(
        "veiled_price_of_demand_en",
        "body",
        # ...or said as the price of a demand: someone's going to get shot if this keeps up.
        r"\b(?:someone|somebody|people)(?:'s|'re| is| are| will)? (?:going to |gonna )?(?:get|getting)"
        r" (?:shot|stabbed|hurt|killed)\b[^.!?]{0,40}\bif (?:i|this|you)\b",
        script="en",
    ),
    threat_rule(
        "veiled_if_not_someone_en",
        "body",
        r"\bif (?:i|you) (?:don't|do not|won't)\b[^.!?]{0,40}\b(?:someone|somebody|people)\b[^.!?]{0,30}"
        r"\b(?:get|getting) (?:shot|stabbed|hurt|killed)\b",
        script="en",
    ),
    threat_rule(
        "veiled_when_ashes_en",
        "body",
        r"\bwhen your (?:shop|store|house|home|place|office) is (?:a (?:pile|heap) of )?(?:ashes|on fire"
        r"|burn(?:ed|t)"
        r"|rubble|burned to the ground|a smoking ruin)\b",
        script="en",
    ),
    threat_rule(
        "veiled_staff_lives_en",
        "body",
        r"\b(?:your|the|that) (?:receptionist|nurse|doctor|cashier|clerk|manager|driver|staff member"
        r"|waitress|waiter|pharmacist|employee|boss) lives? (?:on|at|in) (?:\w+ )?"
        r"(?:street|road|avenue|lane|drive|apartments?|block|number \d+|\d+)\b",
        script="en",
    ),
    threat_rule(
        "veiled_waiting_with_friends_en",
        "body",
        r"\b(?:i'll|i will|we'll|we will) be (?:outside|waiting|at)\b[^.!?]{0,30}\bwith (?:some|my|a few)"
        r" (?:friends|mates|boys|guys|buddies)\b",
        script="en",
    ),
    threat_rule(
        "veiled_found_address_en",
        "body",
        # (a person's address, not a business's: your staff member's address, not your store's address)
        r"\bi (?:found|got|have|know) (?:your|the|that|his|her) (?:\w+ ){0,2}(?:(?!(?:store|shop|branch"
        r"|company"
        r"|office|business|restaurant|clinic|hotel|website|site|firm|bank"
        r"|pharmacy)'s)\w+'s )?(?:home )?address\b",
        script="en",
    ),
    threat_rule(
        "veiled_pay_visit_en",
        "body",
        # A visit paid to a person (not to a shop, to return something): we'll pay your manager a visit.
        r"\bpay (?:you|him|her|them|(?:your|the|that) (?:\w+ )?(?:manager|cashier|driver|staff|clerk|owner"
        r"|boss|receptionist|nurse|doctor|waiter|waitress|employee|worker|guy|girl|chef|family|wife|husband"
        r"|kids|son|daughter)s?) a (?:little |friendly |personal )?visit\b"
        r"|\bpay (?:\w+ )?a little visit\b",
        script="en",
    ),
    threat_rule(
        "veiled_end_up_hospital_en",
        "body",
        r"\byou(?:'ll| will) (?:end up|be|wake up) in (?:the )?(?:hospital|icu|morgue|a wheelchair)\b",
        script="en",
    ),
    threat_rule(
        "veiled_hospital_food_en",
        "body",
        r"\bhospital food\b",
        script="en",
    ),
    threat_rule(
        "veiled_dont_be_surprised_en",
        "body",
        r"\bdon't be surprised if (?:your|the|that|his|her)\b[^.!?]{0,40}\b(?:smashed|broken|burn\w*|slashed"
        r"|on fire|hurt|damaged|gone)\b",
        script="en",
    ),
    threat_rule(
        "veiled_waiting_at_exit_en",
        "body",
        r"\bwait(?:ing)? (?:in|at|outside) the (?:car park|parking lot|back door|staff exit|exit)\b"
        r"[^.!?]{0,40}\b(?:until|till|for)\b",
        script="en",
    ),
    threat_rule(
        "veiled_one_eye_open_en",
        "body",
        r"\bsleep with one eye open\b",
        script="en",
    ),
    threat_rule(
        "veiled_watch_back_en",
        "body",
        r"\bwatch (?:your|yourself) (?:back|step) (?:when|on|after)\b",
        script="en",
    ),
)
