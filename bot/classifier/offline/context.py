"""Whether a matched word is the complainant's own: quotation, reported speech, negation and idioms.

「店員に『殺すぞ』と言われた」 reports what someone else said (a complaint about staff);
「殺すつもりはない」「土下座しろとまでは言わない」 negate; 「殺す気か（笑）」「殺すほど」 are idioms.
「『殺すぞ』って店長に伝えとけ」 and "I told the clerk I would stab him" stay the complainant's own.
A harm word in the passive (帰り道で待ち伏せされ、…) is the writer's report as a victim; a bracketed line
introduced as the writer's fiction (今書いてる小説の一文：『お前の家は知っている』) or followed inside the
brackets by its speaker (『…、と男は囁いた』) is a line told, not a threat made.
"""

from __future__ import annotations

import bisect
import re
from typing import Literal

from bot.classifier.normalize import fold_pattern
from bot.classifier.offline.rules import Hit

Verdict = Literal["quoted", "negated", "idiom"]

_BOUNDARY = re.compile(r"[。!?\n…]|\.(?=\s|$)")
_OPENERS = "「『“"
_CLOSERS = "」』”"
# Particles, "!" and spaces between a word and what follows it. Each begins with its own character, so a
# run of them is read one way only (からな, ぞ! and a second "!" were also listed: the same strings, with
# exponentially many ways to split a long run of them). Only ever matched whole, as a yes or no.
_LEAD = r"(?:ぞ|ぜ|よ|ね|な|わ|から|!|\s|って|、)*"


def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(fold_pattern(pattern))


_SPEECH = r"(?:と|って|っと|などと|とか|との)[^。!?\n]{0,10}?"
# The rest of the quoted clause may come first: 「家族がどうなっても」知らないぞ、と言われました.
_PASSIVE = _c(
    rf"^[^。!?\n「」『』]{{0,8}}?{_LEAD}{_SPEECH}(?:言われ|いわれ|怒鳴られ|どなられ|叫ばれ|脅され|おどされ|書かれ|かかれ|罵られ"
    rf"|ののしられ|凄まれ|すごまれ"
    r"|言い放たれ|送られ|吐かれ|告げられ|脅迫され)"
)
_ACTIVE = _c(
    rf"^{_LEAD}(?:と|って|っと|などと|とか)[^。!?\n]{{0,8}}?(?:言|い(?:って|った|い|う)|怒鳴|どな|叫|さけ"
    rf"|わめ|騒|さわ|脅|おど|書|罵|ののし|聞こえ|きこえ|詰め寄|つめよ|凄ん|すごん|迫|絡ん|からん|食ってかか|怒って"
    r"|吐|凄|すご|大声|口に|話し|囁|ささや|呟|つぶや)"
)
_THIRD_WORDS = (
    r"店員|スタッフ|従業員|職員|係員|駅員|車掌|運転手|運転士|乗務員|看護師|ナース|医師|医者|先生|受付"
    r"|警備員|店長|マネージャ|担当者?"
    r"|オペレータ|ドライバ|配達員|業者|上司|同僚|客|男性|女性|男|女|人|相手|彼女|彼|あいつ|その人|誰か|患者"
    r"|乗客|利用者|住民|隣人|息子|娘|夫|妻|主人|父|母|兄|弟|姉|妹|子供|子ども|友人|友達|知人|近所の人"
)
# Inside brackets, the speaker named right after the line: 『お前の家は知っている、と男は低く囁いた』.
_SPEAKER_AFTER = _c(
    rf"^[^。!?\n「」『』、]{{0,6}}?{_LEAD}(?:と|って)、?(?:{_THIRD_WORDS})(?:さん|さま|様|の方|たち|ら|達)?(?:が|は|も)[^。!?\n」』]{{0,8}}?"
    r"(?:言|い(?:って|った|う)|怒鳴|どな|叫|さけ|囁|ささや|呟|つぶや|唸|うな|笑|脅|凄|すご)"
)
# A bracketed line the writer introduces as fiction: 今書いてる小説の一文なんだけど…『…』.
_FICTION_FRAME = _c(
    r"(?:小説|物語|台本|脚本|シナリオ|漫画|マンガ|まんが|ドラマ|映画|アニメ|ゲーム|歌詞|劇|芝居|作中|原稿|ネタ)(?:の)?"
    r"(?:一文|一節|台詞|セリフ|せりふ|冒頭|一場面|場面|シーン|中の|に出てくる|で使う|用の)"
    r"|(?:書いてる|書いている|書いた|考えた|考えてる)(?:小説|物語|台本|脚本|シナリオ|漫画|歌詞)"
)
# The writer's own report as a victim: a harm word followed by its passive (待ち伏せされ、後をつけられた);
# not a warning (待ち伏せされたくなかったら, 待ち伏せされるぞ).
_PASSIVE_AFTER = _c(r"^(?:せ|し)?(?:され|られ)(?:た|て|まし|、)")
_EVENT = _c(
    rf"^{_LEAD}(?:(?:と|って)(?:いう|言う|の)|との)(?:電話|張り紙|貼り紙|落書き|書き込み|投稿|予告|脅迫"
    rf"|手紙|メール|メッセージ|留守電|通報"
    r"|ニュース|事件|騒ぎ|内容|セリフ|せりふ|台詞|漫画|映画|ドラマ|小説|歌詞|ゲーム)"
    # A line from fiction: 無事に帰れると思うなよ、って漫画のセリフ.
    rf"|^{_LEAD}(?:と|って)(?:いう|言う|の)?(?:セリフ|せりふ|台詞|漫画|映画|ドラマ|小説|歌詞|ゲーム|アニメ)"
)
# After a closing bracket, 「殺す」と落書き / 「爆破する」という電話 report something seen or received.
_EVENT_QUOTED = _c(
    r"^(?:と|って|との|という|と言う|っていう)(?:いう|言う|の)?(?:電話|張り紙|貼り紙|落書き|書き込み|投稿"
    r"|予告|脅迫|手紙|メール|メッセージ"
    r"|留守電|ニュース|事件|騒ぎ|内容|看板|紙|セリフ|せりふ|台詞|漫画|映画|ドラマ|小説|歌詞|ゲーム)"
)
_RELAY = _c(
    r"^[^。!?\n]{0,16}?(?:伝え(?:とけ|ておけ|ろ|てお|て(?:ください|くれ))|言っ(?:とけ|ておけ)"
    r"|言って(?:やった|やる)|言ってやった)"
)
_WRITTEN_BY_ME = _c(
    r"^(?:って|と)(?:書い|書き込ん?|投稿し|載せ|つぶやい|ポストし)(?:た|とい|ておい|てやっ|てやる|とく|ちゃった|どい|だ"
    r"|でおい|でやっ)"
)
_THIRD = _c(rf"(?:{_THIRD_WORDS})(?:さん|さま|様|の方|たち|ら|達)?(?:が|は|から|に|も)")
_FIRST = _c(r"(?:俺|私|僕|わたし|わし|自分|おれ|ぼく|あたし)(?:は|が|も)")

# Negation right after the word: 殺すつもりはない, 燃やすなんて言ってない, 土下座しろとまでは言わない.
# The quotative must follow the word itself (or a final particle), so 払ってもらわないと is not one.
_NEGATED_AFTER = _c(
    r"^[^。!?\n]{0,3}?(?:つもり|気|予定|意図|意思)(?:は|も|など|なんて|なんか)?(?:毛頭|全く|まったく"
    r"|さらさら|一切|全然)?"
    r"(?:ない|ありません|ないです|ございません|ねえ|なし)"
    r"|^(?:ぞ|よ|ね|わ|からな|しろ|せよ|して|なんか)?(?:なんて|とは|とか|って|などと|とまでは"
    r"|までは)[^。!?\n]{0,12}?"
    r"(?:ない|ません|ねえ|ず)"
    r"|^[^。!?\n]{0,2}?わけ(?:が|では|じゃ)?(?:ない|ありません)"
)
# A rhetorical question is not a negation: 脳みそ腐ってんじゃないの？ (isn't your brain rotten?).
_RHETORICAL = _c(r"^(?:って|て)(?:ん|る|るん|いるん)じゃ(?:ない|ねえ|ねー)(?:の|か|です(?:か|よね))")
# 殺す気か, 殺すほど; a wish or a feeling (ぶん殴りたくなる, 殴りたいくらい) is not a threat either.
_IDIOM_AFTER = _c(
    r"^(?:気か|気で|気ですか|気かよ|気なの|気なんですか|つもりか|つもりですか|勢いで|[るすくつぬむぶぐう]?(?:ほど|くらい|ぐらい))"
    # A thought, not said: 潰れてしまえと思うほど, 殴ってやると言いたくなる.
    r"|^(?:と|って)(?:思う|思った|言いたく|言いたい|思いました|思うくらい|思うほど)"
    r"|^[りしいちき]?たく(?:なる|なった|なり|なります|なりました)|^[りしいちき]?たい(?:くらい|ほど|ぐらい"
    r"|気分|気持ち)"
)

# 殺す with a thing for its object threatens no one: 息を殺す, 時間を殺す, 味を殺す, ゴキブリを殺す.
_THING_KILLED = _c(
    r"(?:息|声|気配|足音|感情|表情|味|香り|風味|持ち味|個性|良さ|才能|時間|暇|虫|害虫|ゴキブリ|ゴキ|ネズミ|蚊|ハエ|ダニ"
    r"|ノミ|シロアリ|雑草|菌|細菌|雑菌|ウイルス|ウィルス|カビ|エンジン|火)(?:を|も)(?:確実に|一撃で|一気に|簡単に)?$"
)
# Someone in a story or a crime does the harm: 犯人が毒で殺すトリック, 主人公が敵を殺すシーン.
_STORY_AGENT = _c(
    r"(?:犯人|殺人鬼|殺人犯|真犯人|主人公|悪役|ヴィラン|登場人物|キャラ|探偵|刑事|ゾンビ|怪物|モンスタ|ラスボス|熊|クマ"
    r"|ライオン|サメ)(?:が|は)"
)

_EN_NEG = frozenset(
    {
        "not",
        "never",
        "won't",
        "wouldn't",
        "didn't",
        "don't",
        "doesn't",
        "isn't",
        "aren't",
        "wasn't",
        "can't",
        "cannot",
        "no",
    }
)
_EN_FILLER = frozenset(
    {
        *("going", "gonna", "to", "planning", "trying", "about", "said", "say", "saying", "i", "i'd", "i'll"),
        *("i'm", "would", "will", "ever", "actually", "really", "threaten", "threatening", "anyone", "that"),
        *("be", "am", "even", "want", "wanted", "you", "he", "she", "they"),
    }
)
_EN_SPEECH = re.compile(
    r"\b(?:said|says|told|tells|shouted|shouting|yelled|yelling|screamed|screaming|threatened|threatening"
    r"|wrote|saying"
    r"|muttered|warned|wrote)\b"
)
# Heard someone say it: a report whoever heard it ("My son heard one of your staff say ...").
_EN_HEARD = re.compile(
    r"\b(?:heard|overheard|hear)\b[^.!?]{0,40}?\b(?:say|saying|says|said|shout\w*|yell\w*)\b"
)
_EN_THIRD_MODAL = re.compile(
    r"\b(?:(?:that|this|the|your) (?:\w+ ){1,3}(?:is|are|'s) (?:going to|gonna)"
    r"|(?:he|she|they|someone|somebody|the \w+|a \w+)\s*(?:would|will|'d|'ll|was going to|is going to"
    r"|were going to"
    r"|wanted to|threatened to))\s*$"
)
# Said in a story, a game or a film: "In my D&D campaign the villain threatens to burn the village down".
_EN_STORY = re.compile(
    r"\b(?:novel|story|movie|film|game|campaign|villain|character|plot|book|episode|scene|d&d|dnd|chapter"
    r"|script|comic|anime|manga)\b"
)
_PLAY = _c(
    r"ゲーム|試合|マリカ|スマブラ|囲碁|将棋|麻雀|チェス|対戦|ランク戦|大会|部活|料理教室|さばく|捌く|調理|砥石|研ぎ方|キャンプ"
    # ...or a medical procedure, pest control, a costume, a scam warned of, a match watched.
    r"|ポケモン|ジム戦|代表戦|サッカ|野球|採血|注射|予防接種|点滴|駆除|殺虫|毒エサ|毒餌|仮装|コスプレ|ハロウィン"
    r"|詐欺(?:の手口|メール|電話|に注意|に気をつけ)|手口"
)
# Done or seen, not threatened: 女の子の後をつけていました, 住所を晒しているのを見かけました.
_DONE_AFTER = _c(
    r"(?:し)?(?:て|で)?(?:い)?(?:ました|ていた|ていました|てた|ている(?:の|ところ)を|いる(?:の|ところ)を)"
)
# ...but what one has found out stays known: ナンバー、控えました.
_KNOWN_END = _c(r"(?:控え|調べ|把握し|特定し|覚え|見つけ)$")
_SAID_TO_ME = _c(r"^\s*(?:言われ|いわれ|怒鳴られ|どなられ|叫ばれ|脅され|おどされ|凄まれ)")
_EN_PLAY = re.compile(
    r"\b(?:mario kart|smash bros|fortnite|minecraft|chess|poker|monopoly|scrabble|game night|tournament|match"
    r"|five-a-side|paintball|laser tag|butchery class|cooking class|footy|team|sharpen\w*|filleting"
    r"|scam (?:going round|going around|where|alert)|phishing"
    r"|halloween|costume)\b"
)
_EN_ASKING = re.compile(r"\s*(?:can|could|may|should|do|does|is it ok(?:ay)? (?:if|to)) (?:i|we|you)\b")
_EN_BARE_FUTURE = re.compile(r"(?:going to|gonna)\b")
_EN_COPULA_END = re.compile(r"\b(?:is|are|was|were)\s*$|\w's\s*$")
_EN_QUOTE_AFTER = re.compile(
    r"^[^.!?]{0,20}?[\"”]\s*,?\s*(?:the|a|he|she|they|someone|somebody)\b[^.!?]{0,20}\b(?:said|shouted"
    r"|yelled|told|screamed)"
)
_EN_WORD = re.compile(r"[a-z']+")
_LATIN = re.compile(r"[a-z]")


class Context:
    """Sentence bounds of one normalised text and the verdicts on its hits."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.bounds = [m.start() for m in _BOUNDARY.finditer(text)]

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        """The normalised [start, end) of the sentence around [start, end)."""
        i = bisect.bisect_left(self.bounds, start)
        a = self.bounds[i - 1] + 1 if i > 0 else 0
        j = bisect.bisect_left(self.bounds, end)
        b = self.bounds[j] if j < len(self.bounds) else len(self.text)
        return a, max(b, end)

    def verdict(self, hit: Hit) -> Verdict | None:
        """Why the hit is not the complainant's own words, or None if it is."""
        if not hit.rule.contextual:
            return None
        matched = self.text[hit.start : hit.end]
        if _LATIN.search(matched) and len(_LATIN.findall(matched)) * 2 >= len(matched):
            return self._english(hit)
        return self._japanese(hit)

    def _japanese(self, hit: Hit) -> Verdict | None:
        text = self.text
        a, b = self.sentence(hit.start, hit.end)
        if hit.rule.category == "threat" and (
            _PLAY.search(text, self.sentence(a - 1, a)[0] if a else a, b)
            or (
                _DONE_AFTER.match(text, hit.end, hit.end + 24)
                and not _KNOWN_END.search(text, hit.start, hit.end)
            )
        ):
            return "idiom"  # a game, a match or the kitchen: スマブラでぶっ殺す, 魚をさばくので包丁を持って
        after = text[hit.end : hit.end + 24]
        if _IDIOM_AFTER.match(after):
            return "idiom"
        if hit.rule.kind == "life" and _THING_KILLED.search(text[max(a, hit.start - 12) : hit.start]):
            return "idiom"
        if _STORY_AGENT.search(text[a : hit.start]) and not _FIRST.search(text[a : hit.start]):
            return "idiom"  # told, not done: like an idiom, it reports nothing that happened here
        if _NEGATED_AFTER.match(text[hit.end : b + 1]) and not _RHETORICAL.match(after):
            return "negated"
        quote = self._bracket(hit.start, hit.end)
        if quote is not None:
            open_pos, close_pos = quote
            tail = text[close_pos + 1 : close_pos + 30]
            before = text[self.sentence(open_pos, open_pos + 1)[0] : open_pos]
        else:
            tail = after
            before = text[a : hit.start]
        if _RELAY.match(tail) or (quote is not None and _WRITTEN_BY_ME.match(tail)):
            return None  # the writer's own words, passed on or posted: 『店員は全員バカ』って書いといた
        if _PASSIVE_AFTER.match(after):
            return "quoted"
        if quote is not None:
            inner = text[hit.end : quote[1]]
            framing = text[max(0, quote[0] - 50) : quote[0]]
            if _FICTION_FRAME.search(framing):
                return "idiom"  # a line told in a story, like a story's agent above
            if _SPEAKER_AFTER.match(inner):
                return "quoted"
        if _PASSIVE.match(tail) or _EVENT.match(tail) or (quote is not None and _EVENT_QUOTED.match(tail)):
            return "quoted"
        if quote is not None and _SAID_TO_ME.match(tail):
            return "quoted"  # 「次顔見せたら骨折ったるで」言われた
        if _ACTIVE.match(tail) and self._third_party(before):
            return "quoted"
        if quote is not None and _ACTIVE.match(tail) and not _FIRST.search(before + tail):
            # 「ぶっ殺すぞ」と店長が部下に言っているのが聞こえました: a quote someone was heard saying.
            return "quoted"
        return None

    def _bracket(self, start: int, end: int) -> tuple[int, int] | None:
        text = self.text
        window = text[max(0, start - 60) : start]
        open_rel = max(window.rfind(c) for c in _OPENERS)
        if open_rel < 0 or max(window.rfind(c) for c in _CLOSERS) > open_rel:
            return None
        ahead = text[end : end + 60]
        closes = [i for i in (ahead.find(c) for c in _CLOSERS) if i >= 0]
        if not closes:
            return None
        return (max(0, start - 60) + open_rel, end + min(closes))

    @staticmethod
    def _third_party(before: str) -> bool:
        last_third = max((m.end() for m in _THIRD.finditer(before)), default=-1)
        if last_third < 0:
            return False
        last_first = max((m.end() for m in _FIRST.finditer(before)), default=-1)
        return last_third > last_first

    def _english(self, hit: Hit) -> Verdict | None:
        text = self.text
        a, b = self.sentence(hit.start, hit.end)
        if hit.rule.category == "threat" and (_EN_PLAY.search(text, a, b) or _EN_ASKING.match(text, a)):
            return (
                "idiom"  # a game ("murder you at Mario Kart"), or asking leave ("Can I bring my own knife")
            )
        before = text[a : hit.start]
        words = _EN_WORD.findall(before)
        for word in reversed(words[-7:]):
            if word in _EN_NEG or word.endswith("n't"):
                return "negated"
            if word not in _EN_FILLER:
                break
        if _EN_THIRD_MODAL.search(before) or _EN_HEARD.search(before):
            return "quoted"
        if _EN_STORY.search(before):
            return "idiom"
        if _EN_BARE_FUTURE.match(text[hit.start : hit.end]) and _EN_COPULA_END.search(before):
            return "quoted"  # "That cracked door is going to hurt someone": a thing or a third party, not I
        speech = list(_EN_SPEECH.finditer(before))
        if speech:
            subject = _EN_WORD.findall(before[: speech[-1].start()])[-3:]
            if not ({"i", "we"} & set(subject[-2:])):
                return "quoted"
        if _EN_QUOTE_AFTER.match(text[hit.end : hit.end + 60]):
            return "quoted"
        return None
