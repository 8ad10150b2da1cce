"""Out of scope: questions, thanks, spam, tests and greetings, and texts with nothing to read."""

from __future__ import annotations

import re

from bot.classifier.offline.rules import Rule, rule

# Kind → (Japanese label, English label).
SCOPE_KINDS: dict[str, tuple[str, str]] = {
    "question": ("問い合わせ・質問", "a question"),
    "thanks": ("お礼・感謝", "thanks"),
    "spam": ("スパム・宣伝", "spam"),
    "test": ("テスト送信・挨拶", "a test or greeting"),
    "empty": ("内容なし（空・記号・絵文字のみ）", "no content (empty, symbols or emoji only)"),
    "unreadable": ("意味のある内容を読み取れない", "no readable complaint"),
    "misdirected": ("誤送信", "a message sent here by mistake"),
    "unrelated": ("サービスと関係のない内容", "not about the business or its service"),
}


def _o(kind: str, ja: str, en: str) -> tuple[Rule, ...]:
    return (
        rule(f"oos_{kind}", "oos", kind, ja, contextual=False, script="ja"),
        rule(f"oos_{kind}_en", "oos", kind, en, contextual=False, script="en"),
    )


SCOPE_RULES: tuple[Rule, ...] = (
    *_o(
        "question",
        r"営業時間|診療時間|受付時間|開館時間|何時(?:から|まで|に)|定休日|休業日|休み(?:は|の日)|年末年始"
        r"|営業日|駐車場(?:は|の有無|ありますか)|アクセス|最寄り"
        r"|行き方|場所(?:は|を)|どこ(?:で|に|から)|予約(?:の)?(?:方法|変更|は必要|できますか)|支払い方法"
        r"|使えますか|ありますか"
        r"|できますか|可能ですか|いいですか|でしょうか|ますか|ですか|(?:てい|て|あり)ませんか|たいのですが(?=[。…]|$)|教えて|知りたい|必要な書類|どうすれば"
        r"|どうしたら|確認したい|\?$|求人|面接|採用(?:情報|担当)|応募|(?:その後|結果は?|進捗)(?:は)?(?:どうなり|どうなっ|どう)",
        r"\b(?:what time|opening hours|open on|closed on|where (?:is|can)|how (?:do|can) i|do you (?:have"
        r"|accept|open)"
        r"|is there|can i|are you open)\b|\?$",
    ),
    *_o(
        "thanks",
        r"ありがとう|有難う|感謝|お礼|助かりました|(?<![とば])助かります|お世話になり|(?<!不)親切(?:で|に"
        r"|な|でした)"
        r"|(?<!不)丁寧(?:に|な)(?:対応|説明|教え)"
        r"|素晴らしい|すばらしい|良かった|よかった|満足|元気をもら|笑顔|おかげ(?:さま)?で|美味しかった|おいしかった"
        r"|また(?:来ます|行きます|伺います)|楽しかった",
        r"\b(?:thank\w*|appreciate\w*|grateful|great (?:service|job)|wonderful|excellent|kind|cheers"
        r"|lovely)\b",
    ),
    *_o(
        "greeting",
        r"はじめまして|初めまして|おめでとう|友だち追加|友達追加|(?:今年|本年)もよろしく|こんにちは|こんばんは"
        r"|おはよう|登録しました|フォローしました|確認のため(?:に)?送|届いて(?:い)?ますか|見えて(?:い)?ますか"
        r"|試しに送|ためしに送|送れて(?:い)?ますか|お世話になっております|承知しました|了解しました|お疲れ様|おつかれさま|ご苦労様"
        # Well-wishes: 熱中症に気をつけてください, ご自愛ください, 頑張ってください.
        r"|(?:お体|おからだ|体調|熱中症|風邪|かぜ|ご無理)(?:に|を|の)?[^。!?\n]{0,6}?(?:気をつけ|気を付け|お気をつけ|ご自愛|なさらず)"
        r"|ご自愛|頑張ってください|がんばってください|応援して(?:います|ます)"
        r"|かしこまりました|(?:よろしく|宜しく)(?:お願い)?(?:します|いたします|致します|申し上げます)?(?:[。!\s]*)$",
        r"\b(?:hello|hi|hey|good (?:morning|afternoon|evening)|happy (?:new year|holidays|birthday)"
        r"|merry christmas|just checking|checking (?:this|if this|that this) works"
        r"|season's greetings"
        r"|nice to meet you"
        r"|just (?:added|followed|subscribed)|testing|is this working)\b",
    ),
    *_o(
        "misdirected",
        r"(?:間違|まちが)(?:え|っ)て(?:送(?!ら|付)|送信|LINE|ライン|メッセ)|送り間違|送信(?:ミス|間違)|誤送信|誤爆"
        r"|(?:送る|送信|送り)(?:相手|先)(?:を)?(?:間違|まちが)|誤送信|(?:弟|妹|兄|姉|友達|友人|家族|彼氏|彼女|母|父)(?:宛|あて)"
        r"|(?:友達|友人|弟|妹|兄|姉|家族)に送る(?:つもり|はず)",
        r"\b(?:wrong (?:chat|person|number|group|thread|account)|sent (?:this|that|it) (?:here )?by mistake"
        r"|meant to send (?:this|that|it) to|sorry,? (?:wrong|ignore (?:this|that))|wrong chat"
        r"|was meant for my"
        r"|meant for my)\b",
    ),
    *_o(
        "spam",
        r"https?:|www\.|副業|稼げ|稼ぐ|儲か|もうか|投資|仮想通貨|ビットコイン|当選|賞品|プレゼント"
        r"|キャンペーン|登録(?:はこちら|→)"
        r"|こちらのリンク|リンクから|詳しくはこちら|クリック|相互フォロー|フォロバ|出会い|フォロワ(?:を|が)?(?:\d|増)"
        r"|お気軽にご相談|副収入"
        r"|アカウント(?:が|は)?(?:停止|凍結|ロック)|本人確認(?:を|が)(?:必要|お願い)|こちらから(?:確認|受け取|ログイン)"
        # Phishing and get-rich offers: 不正な取引を検知, 至急こちらの番号へ, 月収100万円.
        r"|不正(?:な)?(?:取引|ログイン|アクセス|利用)(?:を|が)(?:検知|確認)|至急(?:こちら|下記|以下)|月収|日給\d|スマホ1台で"
        r"|プロフィールの(?:リンク|url)",
        r"https?:|www\.|\b(?:click here|crypto|bitcoin|casino|viagra|loan|seo|backlinks|dm me|earn \$?\d+"
        r"|free (?:iphone|money|gift)|click (?:now|below|the link|this link)|singles in your area|act now"
        r"|claim your \w+|you(?:'ve| have) (?:been selected|won)|held at customs|release fee"
        r"|verify your account"
        r"|account (?:has been |is )?(?:suspended|locked|on hold))\b",
    ),
)

_TEST = re.compile(
    r"(?:てすと|test(?:ing)?|tst)(?:送信|です|中|めせじ|message)?[0-9 ]*|送信(?:てすと|確認)|(?:動作"
    r"|送信できるか)確認.{0,12}"
    r"|あいうえお|かきくけこ|あ+|a+|asdf\w*|qwert\w*|hello|hi|hey|こんにちは|こんばんは"
    r"|おはよう(?:ございます)?|もしもし|はじめまして"
)
_WORDS = re.compile(r"[\w]")
_NON_WORD = re.compile(r"[^\w]+")


TEST_MAX_CHARS = 40


def is_test(folded: str) -> bool:
    """A test message or a bare greeting (on the normalised text)."""
    core = _NON_WORD.sub(" ", folded).strip()
    if not core:
        return False
    if _TEST.fullmatch(core):
        return True
    # Opening with the word itself: てすとです。届いていたら返信不要です / "test - please ignore".
    return len(core) <= TEST_MAX_CHARS and core.startswith(("てすと", "test ", "testing", "tst"))


_KANJI = re.compile(r"[\u4e00-\u9fff々]")
_JA_GRAMMAR = re.compile(r"[はがをにでへ]|ます|です|した|ない|って|けど|から|たら")
_JA_CHARS = re.compile(r"[\u3041-\u309f\u4e00-\u9fff]")
_EN_GRAMMAR = re.compile(
    r"\b(?:the|a|an|i|my|me|to|was|were|is|are|and|for|of|in|it|not|no|at|on|you|your|we|they|this|that)\b"
)
_EN_WORD = re.compile(r"[a-z]{2,}")


def is_prose(folded: str) -> bool:
    """Whether the normalised text reads as sentences (not a word, a keyboard mash or a symbol string)."""
    if len(_JA_CHARS.findall(folded)) >= 8 and _KANJI.search(folded) and _JA_GRAMMAR.search(folded):
        return True
    return len(_EN_WORD.findall(folded)) >= 4 and len(_EN_GRAMMAR.findall(folded)) >= 1


def is_empty(folded: str) -> bool:
    """Nothing that can be read: empty, whitespace, punctuation, emoji or digits only."""
    letters = [c for c in folded if c.isalpha()]
    return len(letters) < 2
