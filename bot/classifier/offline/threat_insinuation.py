"""Harm insinuated: a remark, a musing or a lesson that only makes sense as the writer's own threat.

- someone's home remarked on as burning well: 社長の自宅、立派な家ですね。燃えやすそうだ
  (`burns_well_building_burns`), or its windows as breaking well: お前んちの窓ガラス、割れやすそうだな
  (`burns_well_windows_break`) (not a fire hazard reported: 段ボールが燃えやすそうで怖い, not goods:
  このグラス割れやすそう);
- someone's property foretold wrecked: お前の車、明日にはスクラップになってるだろうな
  (`wreck_foretold_their_building`); or any building, with the writer named as the doer: あの店、明日には
  灰になってるかもな。俺がやるから (`wreck_foretold_then_i_do_it`);
- "what if I did X to them", with a test to come: あの社員、ホームで背中押したらどうなるかな。試してみようか
  (`harm_musing`, the person before or after the musing; not a button or a shampoo: no person or home
  before it);
- a harm wished or suggested, then done tonight: 火でもつけてやればいいんだ。今夜やる (`harm_wish_then_act`);
- a lesson taught by the body: 拳で教えたる, 体で分からせる (`lesson_by_pain_taught_by_body`), or pain as the
  only way: 痛い目見ないと分からんみたいやな。分からせたるわ (`lesson_by_pain_only_pain_teaches`) (not
  口コミで分からせてやる, not 痛い目にあった);
- a harm, then brace yourself: トラックで突っ込むから、入口の奴は覚悟しとけ, 燃えたら面白いな。楽しみにしとけ
  (`harm_then_brace`; 覚悟しとけ alone, or after calls and visits, stays intimidation);
- an act that will make the news (`newsworthy_act`);
- a grudge to be settled some day: この恨みは一生忘れない。いつか必ず / 恨みは必ず晴らしてやる
  (`grudge_someday`).
"""

from __future__ import annotations

from bot.classifier.offline.rules import Rule, threat_rule
from bot.classifier.offline.vocabulary import NO_SENT, PERSON, PROPERTY_OWNER, YOU_OR_THAT_ONE_OR_OTAKU

_BUILDING = r"(?:家|自宅|宅|店|車|事務所|会社|ビル|建物|屋敷|アパート|マンション|倉庫|工場|病院)"
_THEIR_BUILDING = rf"(?:{PROPERTY_OWNER}{NO_SENT}{{0,4}}?{_BUILDING}|{YOU_OR_THAT_ONE_OR_OTAKU}んち)"
# A concern or a product in between makes it a complaint, not a remark: 燃えやすそうで怖い, 商品が壊れそう.
_NO_CONCERN = (
    r"(?:(?!危|心配|怖|こわ|不安|注意|気をつけ|対策|防"
    r"|商品|製品|品物|料理|皿|食器|グラス|カップ|容器|梱包)[^\n])"
)
_REMARK_END = r"(?:だ|だな|だね|だよな|ですね|ですな|やな|やね|じゃん|じゃね|ね|な|わ)?(?=[。!\s…w笑]|$)"
_FUTURE = (
    r"(?:だろ(?:う)?(?:な|ね|よ)?|でしょう(?:ね)?|かも(?:な|ね|しれ(?:ん|ない|ません))?|と思え|と思っとけ"
    r"|ぞ|ぜ)"
)
_WRECKED = (
    r"(?:スクラップ|廃車|鉄くず|粉々|こなごな|ぺしゃんこ|ぼこぼこ|めちゃくちゃ|灰|黒焦げ|丸焦げ|瓦礫|がれき|穴だらけ"
    r"|傷だらけ|火の海|更地)(?:に)?(?:なって(?:る|いる)|なる|して(?:る|いる))"
    r"|(?:燃えて|焼けて|割れて|壊れて|なくなって|無くなって|跡形もなくなって)(?:る|いる)"
)
_I_DO_IT = (
    r"(?:俺|おれ|私|わたし|わし|僕|ぼく|あたし|うち)が(?:この手で)?(?:やる|やったる|やります|する|やってやる|やっとく)"
    r"(?:から|ぞ|んで|んだ|わ|よ)?(?=[。!\s]|$)"
)
# Harm stems for the looser constructions below (a wish, a musing, a brace): acts on people and property.
_HARM = (
    r"(?:殺|ころ(?=[すし])|刺|殴|なぐ|燃や|火(?:でも|を)?(?:つけ|付け)|ぶっ壊|ぶち壊|爆破|突き落と|突き飛ば"
    r"|ぶっ飛ば|ぼこぼこにし|轢|ひき殺|(?:トラック|車|くるま|ダンプ|バイク)で"
    rf"{NO_SENT}{{0,8}}?突っ込"
    # A push, where a fall kills (背中を押す alone is encouragement).
    r"|(?:ホーム|線路|階段|崖|屋上|橋|踏切)[^。!?\n]{0,12}?背中(?:を)?押|背中(?:を)?押(?=[^。!?\n]{0,8}?(?:線路|ホーム|階段|崖|落ち|落と)))"
)
_TEACH = (
    r"(?:(?:分から|わから|思い知ら)せ(?:てやる|てやろ|たる|たろ|ちゃる|る(?:から|ぞ)|ます(?:から|よ))"
    r"|教え(?:てやる|てやろ|たる|たろ|ちゃる|る(?:から|ぞ))|(?:教え込|叩き込|たたき込)(?:んでやる|んだる|んだろ|む(?:から|ぞ)))"
)
# "What if I did X", then a test to come: 背中押したらどうなるかな。試してみようか.
_MUSING = (
    rf"{_HARM}{NO_SENT}{{0,3}}?(?:たら|ったら|れば)(?:、)?{NO_SENT}{{0,14}}?(?:かな|かね|かしら|やろ|だろ|のか|か(?=[、。\s]))"
    r"[^\n]{0,12}?(?:試し|ためし|やって|実験し)(?:て)?(?:み|見)(?:よう|る(?:か|わ|ぞ)|たろ|たる|ようか|ようかな|っか)"
)
_TARGET = rf"(?:{PERSON}|{YOU_OR_THAT_ONE_OR_OTAKU}|社員|社長|店長|担当|あの(?:女|男|人|子)|{_BUILDING})"


INSINUATION_RULES: tuple[Rule, ...] = (
    threat_rule(
        "burns_well_building_burns",
        "property",
        rf"{_THEIR_BUILDING}{_NO_CONCERN}{{0,30}}?(?:よく|すぐ|簡単に|派手に|いい感じに)?"
        rf"燃え(?:やすそう|そう){_REMARK_END}",
    ),
    threat_rule(
        "burns_well_windows_break",
        "property",
        rf"{PROPERTY_OWNER}{NO_SENT}{{0,12}}?(?:窓|ガラス|ドア|玄関|シャッタ){_NO_CONCERN}{{0,10}}?(?:すぐ|簡単に)?"
        rf"(?:割れ|壊れ)(?:やすそう|そう){_REMARK_END}",
    ),
    threat_rule(
        "wreck_foretold_their_building",
        "property",
        rf"{_THEIR_BUILDING}{NO_SENT}{{0,16}}?(?:{_WRECKED}){_FUTURE}",
    ),
    threat_rule(
        "wreck_foretold_then_i_do_it",
        "property",
        rf"{_BUILDING}(?:、|は|も){NO_SENT}{{0,16}}?(?:{_WRECKED}){_FUTURE}[^\n]{{0,4}}?[。、!]\s*{_I_DO_IT}",
    ),
    threat_rule(
        "harm_musing",
        "body",
        rf"{_TARGET}[^\n]{{0,24}}?{_MUSING}|{_MUSING}(?=[^\n]{{0,3}}?[、,]\s*(?:あの|その)?{_TARGET})",
    ),
    threat_rule(
        "harm_wish_then_act",
        "body",
        rf"{_HARM}{NO_SENT}{{0,8}}?(?:ばいい|ばええ|ばいいん|たい|てえ|たろか)[^\n]{{0,16}}?"
        r"(?:今夜|今晩|今日|明日|今から|これから|マジで|まじで|本気で|本当に|ほんとに|ほんまに)(?:に)?"
        r"(?:やる|実行する|決行する|やります|やったる|やってやる)(?=ぞ|から|わ|[。!\s]|$)",
    ),
    threat_rule(
        "lesson_by_pain_taught_by_body",
        "body",
        r"(?:体|からだ|身体|拳|こぶし|げんこつ|暴力|力ずく|腕ずく|痛み|痛い目|身をもって|骨身に)(?:で|に|を|によって)?"
        rf"{NO_SENT}{{0,4}}?{_TEACH}",
    ),
    threat_rule(
        "lesson_by_pain_only_pain_teaches",
        "body",
        # ...or pain as the only way: 痛い目見ないと分からんみたいやな。分からせたるわ.
        r"(?:痛い目(?:を)?(?:見|み|あわ|遭わ|合わ)(?:ないと|なきゃ|んと|な)|(?:痛み|体|からだ|拳|暴力|力)で(?:しか|ないと)?"
        rf"(?:分から|わから)(?:ん|ない|ねえ))[^\n]{{0,20}}?(?:{_TEACH}|見せ(?:たる|てやる|てやろ|たろ))",
    ),
    threat_rule(
        "harm_then_brace",
        "body",
        rf"(?:{_HARM}(?:す|る|む|つ|く|ぶ|したる|してやる)(?:から|で|し)?|燃え(?:たら|ると)(?:面白い|おもろい|見もの|見物))"
        rf"(?:や|だ|じゃ)?(?:ろ|ろう)?(?:な|ね|わ|ぞ)?[、。!\s]{NO_SENT}{{0,16}}?"
        r"(?:覚悟(?:しとけ|しときな|しろ|せえ|せい|せよ|して(?:おけ|おきな|ろ|な))|楽しみにしと(?:け|いて|きな)"
        r"|楽しみに(?:待って|して)(?:ろ|な)|首(?:を)?洗って)",
    ),
    # Something for the papers, done to them: 明日の朝刊に載るようなことしてやる; a blast prepared.
    threat_rule(
        "newsworthy_act",
        "body",
        r"(?:新聞|朝刊|夕刊|ニュース|テレビ)(?:に|で)(?:載る|のる|出る|流れる|なる|報道される)(?:ような|みたいな)(?:こと|事件|騒ぎ)"
        r"(?:を)?(?:して(?:やる|やろ)|したる|したろ|起こして(?:やる|やろ)|起こしたる|する(?:ぞ|から)|起こす(?:ぞ|から))"
        r"|(?:吹っ飛ば|吹き飛ば|ふっとば|爆破)(?:す|する)(?:準備|用意)(?:は|が|も)?(?:でき|整|ととの|万端)",
    ),
    threat_rule(
        "grudge_someday",
        "body",
        r"(?:恨み|うらみ)(?:は|を|、)?[^\n]{0,16}?(?:いつか|必ず)(?:必ず|絶対|きっと)?(?=[。…!\s]|$)"
        r"|(?:恨み|うらみ)(?:は|を|、)?[^\n]{0,12}?晴ら(?:してやる|したる|してみせる|す(?:から|ぞ)|します)",
    ),
)
