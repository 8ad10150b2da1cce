"""Approaching someone: a visit to a person or their home announced, waiting for them, a moment chosen.

Each construction is a threat to freedom whatever harm is (not) named, because the writer places
themselves where the victim lives or will be:
- a visit to someone's home announced (お前の家まで迎えに行くから, 担当者の自宅にこれから伺います:
  `visit_home_going`), or to the person themselves in a menacing form (あんたに直接会いに行ってやる:
  `visit_person`); a complaint that takes itself to the shop or head office (店に直接行ってやる,
  本社に伺います) is not one, nor 母の家まで迎えに行く;
- someone's home described, then known or visited: あの女の家、駅から徒歩5分のアパートだろ。今夜行くわ
  (`visit_home_described_then_visit`);
- an address published, then a visit: ネットに住所さらした上で、直接行ってやるよ (`dox_then_visit`);
- waiting somewhere with an ominous turn: 駐車場で待ってる。出てきたらそれで終わりだと思え (`wait_ominous`);
  locking someone in (`lock_in`);
- a moment of the victim's day chosen: 出勤してくるところを狙う (`moment_targeted`; not
  セールが始まるところを狙う);
- a relative's routine known: 奥さんが毎朝何時にゴミ出しするか知ってるよ
  (`relative_routine_known_when_where_known`), or told back to them: 娘さん、毎朝7時半に家を出ますよね
  (`relative_routine_known_routine_told_back`) (not one's own family, not a question).
"""

from __future__ import annotations

from bot.classifier.offline.rules import Rule, threat_rule
from bot.classifier.offline.vocabulary import (
    HOME_OWNER,
    HOME_PLAIN,
    KNOWN,
    NO_SENT,
    RELATIVE_OF_OTHERS,
    STATED,
    YOU_OR_THAT_ONE,
)

_LIVES = r"(?:住んで(?:る|いる|ん)|住んどる)"
# ...not an invitation after it: お前の家行くわ、ゲームしようぜ.
_NOT_INVITED = (
    r"(?![^\n]{0,16}?(?:一緒に|しよう|しましょう|遊ぼ|飲も|食べよ|行こう|準備しといて|久しぶり"
    r"|楽しみ(?!にしと|に待っと)))"
)
# Going there: plain or volitional, not a question, a past visit or a noun (行く時, 行くのは).
_GO = (
    r"(?:(?:迎えに|会いに|遊びに|挨拶に|話しに|顔(?:を)?見に)?(?:行|い)(?:く|きます|ったる|ってやる|ったろ|ってやろ)"
    r"|伺(?:う|います)|お邪魔(?:する|します)|向か(?:う|います)|押しかけ(?:る|ます|てやる)|乗り込(?:む|みます|んでやる))"
    r"(?!の|か(?!ら)|って|と|こと|なら|人|時|とき|場合|予定|べき)" + _NOT_INVITED
)
# (behind a cheap lookahead on the first character, so the lookbehinds run only where a relative starts)
_OWN_FAMILY = (
    r"(?=[奥旦娘息お親嫁彼家ごあて貴])"
    r"(?<!うちの)(?<!私の)(?<!僕の)(?<!俺の)(?<!自分の)(?<!わしの)(?<!あたしの)"
)


APPROACH_RULES: tuple[Rule, ...] = (
    threat_rule(
        "visit_home_going",
        "freedom",
        rf"{HOME_OWNER}{_LIVES}?{HOME_PLAIN}(?:に|へ|まで|、)?{NO_SENT}{{0,14}}?{_GO}",
    ),
    threat_rule(
        "visit_home_described_then_visit",
        "freedom",
        # ...described, then known or visited: あの女の家、駅から徒歩5分のアパートだろ。今夜行くわ.
        rf"{HOME_OWNER}{_LIVES}?{HOME_PLAIN}(?:、|は|って)?{NO_SENT}{{0,20}}?(?:やろ|だろ|だよな|だよね|でしょ|ですよね)[。、!\s]*"
        rf"(?:{KNOWN}|(?:今夜|今晩|今日|今から|これから|明日|夜)(?:に)?(?:でも)?{_GO})",
    ),
    threat_rule(
        "visit_person",
        "freedom",
        rf"{YOU_OR_THAT_ONE}(?:に|んとこ(?:に|へ|まで)?|のところ(?:に|へ|まで)?|のとこ(?:に|へ|まで)?)"
        r"(?:直接|今から|今夜|明日|そのうち|必ず|絶対)?(?:会いに|顔(?:を)?見に|挨拶に)?"
        rf"(?:行|い)(?:ってやる|ったる|ってやろ|ったろ|くからな|くぞ){_NOT_INVITED}",
    ),
    threat_rule(
        "dox_then_visit",
        "freedom",
        r"(?:住所|自宅|家の場所|住んで(?:る|いる)(?:所|とこ|場所))(?:を|も|、)?[^\n]{0,16}?"
        r"(?:さら|晒|公開|書き込|ばらま|拡散|載せ)(?:し|ん)?(?:た|て|で)(?!(?:い|る|た|ある))[^\n]{0,12}?"
        r"(?:(?:直接|会いに|迎えに)?(?:行|い)(?:ってやる|ったる|くからな|くぞ|くわ|きます|く(?=[。!\s]|$))"
        r"|押しかけ(?:てやる|たる|る(?:ぞ|から))|乗り込(?:んでやる|んだる|む(?:ぞ|から)))",
    ),
    threat_rule(
        "wait_ominous",
        "freedom",
        r"(?:駐車場|裏口|出口|通用口|外|表|家の前|店の前|駅|帰り道|夜道|ロッカ|更衣室)(?:の前|の外|の近く|の陰|の横)?で(?:ずっと)?"
        r"(?:待って|待っと|待ち構えて|張って|張っと)(?:る|ます|いる|っから)(?:から|ぞ|からな|で|よ)?[。、!\s]"
        r"[^\n]{0,24}?(?:終わり(?:だ|や|じゃ)|覚悟|ただ(?:で|じゃ|では)(?:済|すま|おか)|後悔|逃げ(?:られ|れ)(?:ない|ねえ|ると思う)"
        r"|無事(?:で|に)?(?:済|帰れ))",
    ),
    # Shutting people in: 入り口に内側から鍵かけて誰ひとり外に出さないからな
    # (not a request: 猫を外に出さないで; not a pet: 猫を部屋から出さないから).
    threat_rule(
        "lock_in",
        "freedom",
        r"(?:誰(?:ひとり|一人)(?:も|として)?|誰も|一人(?:も|として)|全員|客も店員も|店員も客も|(?:店員|スタッフ|従業員|職員|担当者?"
        r"|お前|おまえ|あんた|てめえ)(?:ら|たち|ども)?(?:を|も|は))[^。!?\n]{0,10}?(?:外に|店から|ここから|部屋から|家に)?"
        r"(?:出さ|帰さ|逃がさ|出られ(?:ない|へん)ように)(?:ない|ねえ|へん|ん|せん|する|したる|してやる)?"
        r"(?:から(?:な)?|ぞ|で(?=[。!\s]|$)|わ|よ|つもり|。|$)(?=[。!\s…]|$|だ|です|や)"
        r"|鍵(?:を)?(?:かけ|閉め)(?:て|たら)[^。!?\n]{0,24}?(?:出さ|帰さ|逃がさ)(?:ない|ねえ|へん|ん)"
        r"(?=から|ぞ|わ|[。!\s]|$)",
    ),
    threat_rule(
        "moment_targeted",
        "freedom",
        rf"(?:出勤|帰宅|帰る|帰って|出て(?:く|来)|一人になる|ひとりになる|店を出る|退勤|仕事帰り|家を出る|寝て(?:る|いる))"
        rf"{NO_SENT}{{0,8}}?(?:ところ|とこ|瞬間|時|とき)を(?:狙|ねら)(?:う|います|って(?:やる|る|ます)|ったる|うから|うぞ|うわ)"
        r"(?=[。!\s]|$|ぞ|よ|から|わ|な)",
    ),
    threat_rule(
        "relative_routine_known_when_where_known",
        "family",
        rf"{_OWN_FAMILY}{RELATIVE_OF_OTHERS}(?:が|の|は|、)?{NO_SENT}{{0,16}}?(?:何時|なんじ|いつ|どこ|どの|何曜|なんよう)"
        rf"{NO_SENT}{{0,16}}?(?:か|のか)(?:も|は|まで|、)?(?:全部|ちゃんと|よく|もう|ぜんぶ|ぜーんぶ)?"
        rf"{KNOWN}{STATED}",
    ),
    threat_rule(
        "relative_routine_known_routine_told_back",
        "family",
        # ...or told back to them as a routine: 娘さん、毎朝7時半に家を出ますよね.
        rf"{_OWN_FAMILY}{RELATIVE_OF_OTHERS}(?:が|の|は|、)?{NO_SENT}{{0,14}}?(?:毎朝|毎晩|毎日|毎週|いつも)(?:の)?"
        rf"{NO_SENT}{{0,16}}?(?:(?:[うくすつぬむるぐぶ]|ます|てる|ている|ています)(?:よね|よな|でしょ|だろ|やろ)"
        r"|(?:一人|ひとり)(?:です|だ|や)?(?:よね|よな|ね|な|でしょ|だろ|やろ)(?=[。!?\s]|$))",
    ),
)
