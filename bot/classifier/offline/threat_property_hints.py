"""Harm to property announced or hinted at, without a harm verb the grammar knows.

- a bomb or death threat to be sent: 本社ビルに爆破予告出すわ, 殺害予告送ったる (`threat_notice`; not
  reported: 爆破予告が出たらしい, 爆破予告する人の気が知れない);
- vandalism announced on someone's wall, shutter or car: 店の外壁に『詐欺店』ってスプレーで書いてやる
  (`vandal_announced`, the surface or the tool named first; not done to the writer:
  外壁にスプレーで落書きされていました; not a sign painted on request);
- the means of arson at hand, and the target remarked on as flammable: 灯油もライターもある。あの店、
  木造だったよね (`arson_kit`; not one's own house: うちは木造だから灯油ストーブが心配);
- a harm that only a person does, wished away with irony on someone's property: お宅のお店、不審火なんか
  出ないといいですねえ (`malice_wished_away_nothing_happens`), あんたの車、タイヤ無事だといいな
  (`malice_wished_away_stays_safe`) (not weather: 台風で看板が無事だといいですね;
  not one's own shop);
- advice to check for tampering by someone: ブレーキ、誰かにいじられてないか確認した方がいいですよ
  (`tamper_check`; not the writer's own worry: 自分の自転車、誰かにいじられてないか心配です).
"""

from __future__ import annotations

from bot.classifier.normalize import MAX_SPACE_RUN
from bot.classifier.offline.rules import Rule, threat_rule
from bot.classifier.offline.vocabulary import NOT_MINE_OR_WASHI, PERSON

_YOUR = (
    rf"(?:{PERSON}|お宅|おたく|あの|その|そっち|そちら|御社|貴社|おめ|わりゃ|おどれ|社長|店長|支配人|オーナ)"
    r"(?:さん|様)?(?:の|ん|んとこの|とこの|んちの)?"
)
_PLACE = r"(?:お店|店|家|自宅|事務所|会社|建物|ビル|本社|支店|店舗|お宅|工場|倉庫)"
_SURFACE = r"(?:外壁|壁|シャッタ|看板|ドア|窓|車|玄関|扉|ガラス|店先|入口|入り口|塀)"
# (the surface starts the match; whose it is is checked behind it: not うちの店の壁)
_NOT_OWN_SURFACE = r"(?<!うちの)(?<!うちの店の)(?<!自宅の)(?<!自分の)(?<!私の)(?<!僕の)(?<!俺の)(?<!実家の)"
_TOOL = r"(?:スプレ|ラッカ|落書き|油性ペン|マジック|ペンキ)"
_SCRAWL = (
    r"(?:(?:書|描)(?:いて(?:やる|やろ|やります)|いたる|いたろ|いちゃる|く(?:ぞ|から|わ))|塗(?:って(?:やる|やろ)|ったる)"
    r"|(?:塗りたく|書きなぐ|書き殴)(?:って(?:やる|やろ)|ったる)|吹き付け(?:てやる|たる)|して(?:やる|やろ)|したる)"
)
# Events only a person causes (not weather, not wear).
_MALICE = (
    r"(?:不審火|放火|ぼや|ボヤ|いたずら|悪戯|嫌がらせ|投石|落書き|空き巣|(?:火事|事故)(?=なんか|なんて))"
)
_NATURE = r"(?:台風|地震|大雨|雪|雷|嵐|洪水|停電|強風|風|乾燥|寒波|猛暑|老朽)"


PROPERTY_HINT_RULES: tuple[Rule, ...] = (
    threat_rule(
        "threat_notice",
        "property",
        r"(?:爆破|殺害|放火|襲撃)予告(?:の(?:電話|メール|書き込み|手紙|ファックス|fax))?(?:を|も|、)?[^。!?\n]{0,6}?(?:入れ(?:る|たる|てやる|ます)|出(?:す|したる|してやる|します|しとく)|送(?:る|ったる|ってやる|ります|っとく)"
        r"|(?:する|したる|してやる|します|しとく)|書き込(?:む|んだる|んでやる|みます))(?=わ|ぞ|から|ね|よ|で|[。!、\s]|$)",
    ),
    threat_rule(
        "vandal_announced",
        "property",
        rf"{_NOT_OWN_SURFACE}{_SURFACE}(?:に|を|へ|、|は|も)[^。!?\n]{{0,20}}?{_TOOL}[^。!?\n]{{0,10}}?{_SCRAWL}"
        rf"|{_TOOL}(?:で|を)[^。!?\n]{{0,12}}?{_NOT_OWN_SURFACE}{_SURFACE}(?:に|を|へ)[^。!?\n]{{0,16}}?{_SCRAWL}",
    ),
    threat_rule(
        "arson_kit",
        "property",
        r"(?:灯油|ガソリン|ライタ|マッチ|火炎瓶)(?:、|は|も|を|が)?[^。!?\n]{0,12}?(?:ある|残って|持って|用意|買って|手元|揃っ)"
        rf"[^\n]{{0,40}}?{NOT_MINE_OR_WASHI}(?:あの|その|お前の|あんたの|お宅の|そっちの|御社の|{PERSON}の)(?:お)?{_PLACE}"
        r"[^\n]{0,12}?(?:木造|燃えやす|よく燃え|燃えそう)",
    ),
    threat_rule(
        "malice_wished_away_nothing_happens",
        "property",
        rf"{NOT_MINE_OR_WASHI}{_YOUR}{_PLACE}(?:、|は|も|に|で)?(?![^。!?\n]{{0,24}}?{_NATURE})[^。!?\n]{{0,12}}?{_MALICE}"
        r"(?:なんか|なんて|とか|が|も|に|の)?(?:出|起き|起こら|あ|遭わ|され|なら)(?:ない|なきゃ|ねえ|ん)"
        r"(?:と|ければ|よう(?:に)?)(?:いい|良い|ええ|祈)",
    ),
    threat_rule(
        "malice_wished_away_stays_safe",
        "property",
        # ...or its safety wished, the owner as the topic of the sentence: あんたの車、タイヤ無事だといいな.
        # (Spaces bounded as the normalised text bounds them: `\s*` from every newline of a long run would
        # cost quadratic time.)
        rf"(?:^|(?<=[。!?\n]))\s{{0,{MAX_SPACE_RUN}}}{NOT_MINE_OR_WASHI}{_YOUR}(?:車|くるま|自転車|バイク|タイヤ|窓|ガラス|お店|店|家)"
        r"(?:、|は|も|の)?"
        rf"(?![^。!?\n]{{0,20}}?{_NATURE})[^。!?\n]{{0,8}}?無事(?:だと|なら|であれば|で)(?:いい|良い|ええ)"
        r"(?:な|ね|けど|ですね|わ|がな)",
    ),
    threat_rule(
        "tamper_check",
        "property",
        rf"{NOT_MINE_OR_WASHI}(?:ブレーキ|タイヤ|ナット|ガス栓|ハンドル|車|自転車|バイク)(?:、|は|が|を|の)?[^。!?\n]{{0,10}}?"
        r"(?:誰か|何者か|知らない人|変な人|だれか)に[^。!?\n]{0,6}?(?:いじ|細工|緩め|ゆるめ|切|外|傷つけ|穴(?:を)?開け"
        r"|パンクさせ)られ(?:て)?(?:ない|いない|てない|ねえ|とらん|てへん)か[^。!?\n]{0,10}?(?:確認|チェック|点検|見)"
        r"(?:(?:し|しとい|しておい)た(?:ほう|方)が(?:いい|ええ|よい|よろし)(?![^。!?\n]{0,4}?[か?])|しとき|しな(?!い)|しろ|すること|してね|しておく(?:といい|こと))",
    ),
)
