"""Remove complainant personal data from a text before it leaves the process (e.g. to an LLM).

Detection runs on a per-character NFKC view of the text (full-width digits and letters, half-width
katakana, ideographic spaces and zero-width characters are folded), and the spans found there are
replaced in the original text, so everything that is not personal data stays exactly as written.
The patterns are deliberately greedy: redacting a little too much is harmless, a leaked phone number
is not. Never log the removed values; `Redaction` only carries the redacted text and counts.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urlsplit

PiiKind = Literal["email", "url", "line_id", "card", "phone", "postal_code", "address", "name"]
UrlMode = Literal["path", "all", "keep"]

PLACEHOLDERS: dict[PiiKind, str] = {
    "name": "［氏名］",
    "phone": "［電話番号］",
    "email": "［メール］",
    "line_id": "［LINE ID］",
    "postal_code": "［郵便番号］",
    "address": "［住所］",
    "card": "［カード番号］",
    "url": "［URL］",
}


@dataclass(frozen=True)
class Redaction:
    """A redacted text and how many values of each kind were replaced (never the values)."""

    text: str
    counts: Mapping[PiiKind, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        """How many values were replaced in all."""
        return sum(self.counts.values())

    def describe(self) -> str:
        """Counts for logs, e.g. `name=1 phone=2` (or `none`)."""
        return " ".join(f"{kind}={n}" for kind, n in sorted(self.counts.items())) or "none"


# --- the normalised view -------------------------------------------------------------------------

_COMBINING_KANA = {"\u3099", "\u309a"}  # voiced / semi-voiced marks left over by half-width katakana


def _normalised_view(text: str) -> tuple[str, list[int], list[int]]:
    """NFKC per character, format characters dropped; with each view character's span in `text`."""
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for i, ch in enumerate(text):
        if unicodedata.category(ch) == "Cf":  # zero-width space/joiner, BOM, soft hyphen...
            continue
        for piece in unicodedata.normalize("NFKC", ch):
            if piece in _COMBINING_KANA and chars:
                composed = unicodedata.normalize("NFC", chars[-1] + piece)
                if len(composed) == 1:  # ﾀﾞ -> ダ: one view character for both source characters
                    chars[-1] = composed
                    ends[-1] = i + 1
                    continue
            chars.append(piece)
            starts.append(i)
            ends.append(i + 1)
    return "".join(chars), starts, ends


# --- character classes -----------------------------------------------------------------------------

_K = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆ヵヶ"  # kanji
_KA = "\u30a1-\u30fa\u30fc"  # katakana and the long-vowel mark (after NFKC)
_H = "\u3041-\u3096"  # hiragana
_DASH = "\\-‐‑‒–—―−ー"
_NUM = "0-9一二三四五六七八九十〇"

# --- e-mail, URL, LINE, card, phone, postal code -------------------------------------------------

_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]*"
    r"\s*(?:@|\(at\)|\[at\])\s*"
    r"[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}",
    re.IGNORECASE,
)
_URL = re.compile(r"(?:https?://|www\.)[A-Za-z0-9\-._~:/?#@!$&*+;=%]+", re.IGNORECASE)
_LINE_USER_ID = re.compile(r"(?<![A-Za-z0-9])[UCR][0-9a-f]{32}(?![A-Za-z0-9])")
_LINE_ID = re.compile(
    r"(?:LINE|ライン)\s*(?:の\s*)?(?:ID|アイディー?|アカウント)\s*(?:は|is|:|=)?\s*[「『\"']?"
    r"(@?[A-Za-z0-9][A-Za-z0-9._\-]{2,19})",
    re.IGNORECASE,
)
_CARD = re.compile(
    r"(?<![\d])(?:\d{13,19}|\d{4}([ \-])\d{4}\1\d{4}\1\d{1,7}|\d{4}([ \-])\d{6}\2\d{4,5})(?![\d])"
)
_PHONE_SEP = rf"[\s{_DASH}.・]*"
_PHONE = re.compile(
    r"(?<![\d+])"
    r"(?P<prefix>\+81" + _PHONE_SEP + r"(?:\(0\)" + _PHONE_SEP + r")?|\(0|0)"
    r"\d{1,4}\)?" + _PHONE_SEP + r"\(?\d{1,4}\)?" + _PHONE_SEP + r"\d{3,4}"
    r"(?![\d])"
)
_POSTAL = re.compile(
    rf"〒\s*\d{{3}}\s*[{_DASH}]?\s*\d{{4}}(?![\d])"
    rf"|(?<=郵便番号)\s*(?:は|:)?\s*\d{{3}}[{_DASH}]?\d{{4}}(?![\d])"
    rf"|(?i:(?<=postal code)|(?<=zip code)|(?<=zip))\s*:?\s*\d{{3}}[{_DASH}]?\d{{4}}(?![\d])"
)


def _words(text: str) -> tuple[str, ...]:
    """Whitespace-separated words of a table written as text (easier to read than a list literal)."""
    return tuple(text.split())


# --- addresses ---------------------------------------------------------------------------------------

PREFECTURES = _words(
    "北海道 青森県 岩手県 宮城県 秋田県 山形県 福島県 茨城県 栃木県 群馬県 埼玉県 千葉県 東京都 神奈川県 "
    "新潟県 富山県 石川県 福井県 山梨県 長野県 岐阜県 静岡県 愛知県 三重県 滋賀県 京都府 大阪府 兵庫県 "
    "奈良県 和歌山県 鳥取県 島根県 岡山県 広島県 山口県 徳島県 香川県 愛媛県 高知県 福岡県 佐賀県 長崎県 "
    "熊本県 大分県 宮崎県 鹿児島県 沖縄県"
)
_PREF = "(?:" + "|".join(PREFECTURES) + ")"
_MUNI = rf"[{_K}{_KA}]{{1,7}}?[市区町村郡]"
_MUNI_AFTER_PREF = rf"[{_K}{_KA}{_H}]{{1,7}}?[市区町村郡]"  # さいたま市, つくば市: only after a prefecture
_UNIT = "(?:丁目|番地|番|号|条|線)"  # 条/線: Hokkaido block addresses (北1条西2丁目)
_BLOCK = rf"[{_NUM}]+{_UNIT}?(?:(?:[{_DASH}]|の|[東西南北])?[{_NUM}]+{_UNIT}?)*"
_BUILDING = rf"(?:\s*[{_K}{_KA}A-Za-z0-9]{{0,20}}?\s*\d{{1,4}}(?:号室|F|階))?"
_ADDRESS_JA = re.compile(
    rf"(?:{_PREF}\s*{_MUNI_AFTER_PREF}|{_MUNI})(?:\s*{_MUNI}){{0,2}}"
    rf"\s*[{_K}{_KA}]{{0,12}}?\s*(?P<block>{_BLOCK}){_BUILDING}"
)
_ADDRESS_EN = re.compile(
    r"\b\d{1,5}\s+(?:[A-Z][a-z]+\s+){1,3}"
    r"(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Way|Court|Ct|Place|Pl)\b\.?"
    r"(?:,?\s*(?:Apt|Apartment|Suite|Unit|#)\.?\s*[A-Za-z0-9\-]+)?"
)

# --- names ----------------------------------------------------------------------------------------------

# Words before an honorific or a title that name a role, a relation or a group, not a person.
ROLE_WORDS = frozenset(
    _words(
        """
    店員 従業員 社員 職員 係員 駅員 乗務員 客室乗務員 警備員 作業員 配達員 販売員 添乗員 乗員 役員 公務員
    看護師 准看護師 医師 医者 歯医者 獣医 主治医 担当医 薬剤師 技師 運転手 運転士 車掌 受付 受付係 窓口 会計
    担当 担当者 責任者 上司 店長 副店長 部長 課長 係長 主任 院長 師長 社長 支配人 店主 管理人 大家 家主 駅長
    先生 教師 講師 保育士 介護士 介護職 調理師 美容師 理容師 料理人 板前 大将 女将 職人 弁護士 議員 警察 警官
    刑事 市長 知事 大臣 総理 相手 先方 業者 本人 当人 男性 女性 男 女 若者 新人 若手 年配 高齢者 客 乗客 患者
    利用者 会員 得意 家族 皆 奥 旦那 主人 息子 娘 父 母 兄 姉 弟 妹 祖父 祖母 孫 夫 妻 嫁 親 両親 友人 知人
    隣 近所 子 嬢 坊 神 王 仏 殿 貴 俺 僕 私 彼 彼女 同 仕 模 左 異 多 一 今 各 某 諸 両 主 暴 名 御 宮 大
    人 他人 外人 当直 夜勤 日勤 苦労 馳走 世話 陰 愁傷 八百屋 魚屋 本屋 花屋 床屋 酒屋 肉屋 米屋 薬屋 居酒屋
    問屋 家政婦 店舗 本社 当社 弊社 御社 貴社 当店 当院 病院 医院 施設 会社 お客 副 看護 病 医 学 研修 主治
    何名 数名
    """
    )
)
# Titles that follow a surname (鈴木店長, 佐藤看護師); stripped from the end of a name candidate.
TITLES = _words(
    "理事長 副店長 看護師長 看護師 弁護士 支配人 店長 部長 課長 係長 主任 院長 医長 医師 師長 社長 先生 "
    "教諭 駅長 署長 所長 局長 室長 校長 教頭 議員"
)
# Time words often written right before a name without a particle (昨日田中さんが...).
LEADING_WORDS = frozenset(
    _words(
        "昨日 今日 本日 先日 前日 当日 翌日 毎日 今朝 昨夜 今夜 先週 今週 先月 今月 "
        "前回 今回 毎回 当時 以前 最近"
    )
)
# Endings of organisation names (新宿店, 当院), never personal names.
ORG_SUFFIXES = _words("店 院 署 社 課 局 校 室 棟 駅 庁 県 府 区 館 会")
KATAKANA_ROLES = frozenset(
    _words(
        """
        スタッフ ドライバー オーナー マネージャー マネジャー アルバイト バイト パート クルー キャスト
        ナース ドクター ガードマン レジ ウェイター ウエイター ウェイトレス ウエイトレス ママ パパ オバ オジ
        ホスト ホステス シェフ コック ガイド トレーナー セラピスト インストラクター オペレーター サポート
        カスタマー コンシェルジュ フロント ボーイ ポーター ヘルパー ケアマネ ケアマネージャー ワーカー
        ディーラー スタイリスト アシスタント リーダー チーフ マスター ライダー セールス サービス エンジニア
        ユーザー メンバー ゲスト オペレータ オバサン オジサン
        """
    )
)
# Status nouns after 私は...です (私は会社員です), not names.
STATUS_SUFFIXES = _words("者 人 員 士 師 客 官 婦 親 族 生 民 主 様 長 医")
ENGLISH_NOT_NAMES = frozenset(
    _words(
        """
        A An The Not So Very Really Just Writing Sorry Sure Here There Afraid Angry Upset Disappointed
        Unhappy Calling Contacting Complaining Going Extremely Totally Quite Still Your Their His Her Our My I
        """
    )
)

_HONORIFIC = (
    rf"(?:さん|さま|サン|サマ|くん|クン|ちゃん|チャン|先生"
    rf"|様(?![{_K}])|氏(?![{_K}])|殿(?![{_K}])|君(?![{_K}]))"  # not 様子, 氏名, 殿堂, 君主
)
_TITLE_ALT = "|".join(sorted(TITLES, key=len, reverse=True))
_KANJI_HONORIFIC = re.compile(rf"(?<![{_K}])(?P<run>[{_K}]+(?: [{_K}]+)?)(?:{_HONORIFIC})")
_KANJI_TITLE = re.compile(rf"(?<![{_K}])(?P<run>[{_K}]+?)(?:{_TITLE_ALT})(?![{_K}])")
_KATAKANA_HONORIFIC = re.compile(
    rf"(?<![{_KA}])(?P<run>[{_KA}]{{2,}}(?:[ ・][{_KA}]{{2,}})?)(?:{_HONORIFIC})"
)
# A Latin name before an honorific (Smith さん, O'Brien様). Tried once per run of name characters, from
# its start: the name begins at the first capital not after a letter (the atomic group stops there), and
# runs to the end of the run whichever capital it began at, so a later capital of the same run never
# gives a match where the first did not; trying each of them would cost quadratic time (A'A'A'...).
_LATIN_HONORIFIC = re.compile(
    r"(?<![A-Za-z'\-])(?>[A-Za-z'\-]*?(?<![A-Za-z])(?=[A-Z]))"
    r"(?P<run>[A-Z][A-Za-z'\-]+(?: [A-Z][A-Za-z'\-]+)?) ?(?:さん|さま|様|氏|くん|ちゃん|先生)"
)
_ENGLISH_TITLE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.?\s+(?P<run>[A-Z][A-Za-z'\-]+(?: [A-Z][A-Za-z'\-]+)?)"
)
_ENGLISH_SELF = re.compile(
    r"(?:\b(?i:my name is|my name's|name\s*:|I am|I'm|this is|signed,?|regards,?)\s+)"
    r"(?P<run>[A-Z][A-Za-z'\-]+(?: [A-Z][A-Za-z'\-]+){0,2})"
)
_NAME_CHARS = rf"[{_K}{_KA}]{{1,8}}(?: [{_K}{_KA}]{{1,8}})?|[A-Za-z][A-Za-z'\-]*(?: [A-Za-z][A-Za-z'\-]*)?"
_NAME_END = r"(?=\s*(?:です|でした|でございます|と申|といい|と言い|と名乗|だ|[。、,.!！?？)）」』\n]|$))"
_SELF_INTRO = re.compile(
    rf"(?:私|わたし|わたくし|僕|ぼく|俺|おれ|自分|当方)(?:の(?:名前|氏名|名)は|は)[\s、,]*(?P<run>{_NAME_CHARS}){_NAME_END}"
)
_LABELLED_NAME = re.compile(
    rf"(?:お?名前|氏名|名義|フルネーム)\s*(?:は|:|=)\s*"
    rf"(?P<run>(?:{_NAME_CHARS}){_NAME_END}|[{_H}]{{2,8}}?(?=です|でございます|と申|[。、,.!！\n]|$))"
)
# The most common surnames, caught even without an honorific (高橋に言われた, 田中太郎が). Words that
# are also prefectures, cities or companies (千葉, 本田) are left out; a following kanji run of one to
# three characters is taken as the given name unless it ends like a place or organisation (山口県).
COMMON_SURNAMES = _words(
    """
    佐藤 鈴木 高橋 田中 伊藤 渡辺 渡邊 山本 中村 小林 加藤 吉田 山田 佐々木 松本 井上 木村 清水 山崎 池田
    橋本 阿部 山下 中島 石井 前田 岡田 長谷川 藤田 後藤 近藤 村上 遠藤 青木 坂本 斉藤 斎藤 齋藤 福田 太田
    西村 藤井 金子 岡本 藤原 三浦 原田 松田 竹内 小野 田村 中山 和田 石田 森田 内田 柴田 酒井 横山 高木
    安藤 宮本 大野 小島 谷口 工藤 今井 高田 増田 丸山 杉山 村田 新井 小山 平野 藤本 河野 野口 武田 松井
    岩崎 菅原 木下 久保 佐野 野村 松尾 菊地 菊池 杉本 大西 島田 水野 桜井 高野 渡部 吉川 山内 西田 飯田
    西川 北村 安田 五十嵐 川口 平田 中田 久保田 服部 岩田 土屋 樋口 秋山 田口 永井 山中 中西 吉村 川上
    石原 大橋 松岡 馬場 浅野 荒木 大久保 野田 田辺 川村 星野 黒田 尾崎 望月 永田 内藤 松村 西山 大谷 平井
    桑原 竹田 早川 須藤 岩本 関口 矢野
    """
)
_PLACE_ENDINGS = _words(
    "県 都 府 道 市 区 町 村 郡 駅 線 店 屋 園 社 院 館 橋 川 通 寺 署 課 局 部 港 城 宮 庁"
)
_SURNAME = re.compile(
    rf"(?<![{_K}])(?:{'|'.join(sorted(COMMON_SURNAMES, key=len, reverse=True))})"
    rf"(?P<given> ?[{_K}]{{1,3}})?(?![{_K}])"
)
# A name before と申します. A Latin name is tried once per run of name characters, from its start: the
# name begins at the first letter not after a kanji or katakana (the atomic group stops there) and runs
# to the end of the run whichever letter it began at, so trying every letter of a long run (quadratic
# time) never finds another match.
_CALLED = re.compile(
    rf"(?:(?<![{_K}{_KA}])(?=[{_K}{_KA}])|(?<![A-Za-z'\-])(?>[A-Za-z'\-]*?(?<![{_K}{_KA}])(?=[A-Za-z])))"
    rf"(?P<run>{_NAME_CHARS})\s*(?=と申し|と申す|といいます|と言います|と名乗)"
)


_STRIPPABLE = tuple(sorted((w for w in ROLE_WORDS | LEADING_WORDS if len(w) > 1), key=len, reverse=True))
_STRIPPABLE_SET = frozenset(_STRIPPABLE)
_STRIPPABLE_LENGTHS = sorted({len(w) for w in _STRIPPABLE}, reverse=True)
_COUNTER = re.compile(r"^[一二三四五六七八九十百千何数]+[名人]$")  # 3名様, 何名様


def _leading_word(run: str, start: int, size: int) -> int:
    """The length of the longest role or time word at run[start:] that leaves at least two of the `size`
    characters, or 0 (a set lookup per word length, not a test of every word)."""
    for length in _STRIPPABLE_LENGTHS:
        if size - length >= 2 and run[start : start + length] in _STRIPPABLE_SET:
            return length
    return 0


def _strip_name(run: str) -> tuple[int, int] | None:
    """The (start, end) of the personal name inside a candidate run, or None when it names a role."""
    start, end = 0, len(run)
    # Leading tokens that are roles or time words (店員 山田さん) are kept as they are.
    while (space := run.find(" ", start, end)) >= 0:
        head = run[start:space]
        if head in ROLE_WORDS or head in LEADING_WORDS or head in KATAKANA_ROLES:
            start = space + 1
        else:
            break
    # Titles and role words are tested in place (endswith/startswith within [start, end)), not on a copy
    # of what is left: a run of a thousand of them would cost quadratic time.
    changed = True
    while changed:
        changed = False
        size = end - start
        title = next((t for t in TITLES if run.endswith(t, start, end) and size > len(t)), None)
        if title:  # 田中看護師さん -> 田中
            end -= len(title)
            changed = True
            continue
        # 担当者田中様 -> 田中; only when at least two characters remain, so that no part of a
        # surname is ever left in clear (今日子さん stays whole).
        length = _leading_word(run, start, size)
        if length:
            start += length
            changed = True
    core = run[start:end].strip()
    if not core or core in ROLE_WORDS or core in KATAKANA_ROLES or core in TITLES or _COUNTER.match(core):
        return None
    if core.endswith(ORG_SUFFIXES) or core.endswith(_STRIPPABLE):
        return None
    return start, end


def _is_status(name: str) -> bool:
    return name in ROLE_WORDS or name.endswith(STATUS_SUFFIXES) or name in KATAKANA_ROLES


# --- detection ---------------------------------------------------------------------------------------

Span = tuple[int, int]


def _group_spans(pattern: re.Pattern[str], view: str, group: str | int = 0) -> Iterator[Span]:
    for match in pattern.finditer(view):
        yield match.span(group)


def _emails(view: str) -> Iterator[Span]:
    return _group_spans(_EMAIL, view)


def _urls(mode: UrlMode) -> Callable[[str], Iterator[Span]]:
    def find(view: str) -> Iterator[Span]:
        if mode == "keep":
            return
        for match in _URL.finditer(view):
            url = match.group(0).rstrip(".,:;!?")
            parts = urlsplit(url if "://" in url else "http://" + url)
            if mode == "path" and parts.path in ("", "/") and not parts.query and not parts.fragment:
                continue  # a bare site address carries nothing personal
            yield match.start(), match.start() + len(url)

    return find


def _line_ids(view: str) -> Iterator[Span]:
    yield from _group_spans(_LINE_USER_ID, view)
    yield from _group_spans(_LINE_ID, view, 1)


def _cards(view: str) -> Iterator[Span]:
    for match in _CARD.finditer(view):
        if 13 <= sum(c.isdigit() for c in match.group(0)) <= 19:
            yield match.span()


def _phones(view: str) -> Iterator[Span]:
    for match in _PHONE.finditer(view):
        digits = "".join(c for c in match.group(0) if c.isdigit())
        if match.group("prefix").startswith("+81"):
            national = digits[2:]
            national = national[1:] if national.startswith("0") else national
            ok = 9 <= len(national) <= 10
        else:
            ok = 10 <= len(digits) <= 11
        if ok:
            yield match.span()


def _postal_codes(view: str) -> Iterator[Span]:
    for match in _POSTAL.finditer(view):
        start, end = match.span()
        while start < end and view[start] in " :は":
            start += 1
        yield start, end
    # A bare 123-4567 right before a prefecture is a postal code too.
    for match in re.finditer(rf"(?<![\d])\d{{3}}[{_DASH}]\d{{4}}(?=\s*{_PREF})", view):
        yield match.span()


def _addresses(view: str) -> Iterator[Span]:
    for match in _ADDRESS_JA.finditer(view):
        if not match.group("block").isdigit():  # 港区3人 is not an address; 港区1-2-3 is
            yield match.span()
    yield from _group_spans(_ADDRESS_EN, view)


def _names(view: str) -> Iterator[Span]:
    for pattern in (_KANJI_HONORIFIC, _KANJI_TITLE, _KATAKANA_HONORIFIC):
        for match in pattern.finditer(view):
            inner = _strip_name(match.group("run"))
            if inner is not None:
                base = match.start("run")
                yield base + inner[0], base + inner[1]
    for pattern in (_LATIN_HONORIFIC, _ENGLISH_TITLE):
        yield from _group_spans(pattern, view, "run")
    for match in _ENGLISH_SELF.finditer(view):
        words = match.group("run").split(" ")
        if words[0] not in ENGLISH_NOT_NAMES:
            yield match.span("run")
    for pattern in (_SELF_INTRO, _CALLED):
        for match in pattern.finditer(view):
            if not _is_status(match.group("run")):
                yield match.span("run")
    yield from _group_spans(_LABELLED_NAME, view, "run")
    for match in _SURNAME.finditer(view):
        given = match.group("given")
        if given and given.strip().endswith(_PLACE_ENDINGS):
            continue
        yield match.span()


def _known(kind: PiiKind, values: Iterable[str]) -> Callable[[str], Iterator[Span]]:
    """Finds values the complainant gave (their name, phone, e-mail) as written, without spaces and, for a
    name, each of its parts of two characters or more."""
    forms: set[str] = set()
    for value in values:
        written = _normalised_view(value)[0].strip()
        forms.update((written, "".join(written.split())))
        if kind == "name":
            forms.update(written.split())
    ordered = sorted((f for f in forms if len(f) >= 2), key=len, reverse=True)

    def find(view: str) -> Iterator[Span]:
        for form in ordered:
            start = view.find(form)
            while start >= 0:
                yield start, start + len(form)
                start = view.find(form, start + len(form))

    return find


# --- the public function --------------------------------------------------------------------------------


def redact(
    text: str, *, urls: UrlMode = "path", known: Mapping[PiiKind, Iterable[str]] | None = None
) -> Redaction:
    """Replace personal data in `text` with typed placeholders such as ［氏名］ and count them by kind.

    `urls`: "path" replaces URLs with a path or query (profile pages, posts), "all" every URL,
    "keep" none. `known`: values the complainant gave, found wherever they appear (before any pattern).
    """
    view, starts, ends = _normalised_view(text)
    detectors: list[tuple[PiiKind, Callable[[str], Iterator[Span]]]] = [
        *((kind, _known(kind, values)) for kind, values in (known or {}).items()),
        ("email", _emails),
        ("url", _urls(urls)),
        ("line_id", _line_ids),
        ("card", _cards),
        ("phone", _phones),
        ("postal_code", _postal_codes),
        ("address", _addresses),
        ("name", _names),
    ]
    taken: list[tuple[int, int, PiiKind]] = []
    occupied = bytearray(len(view))
    for kind, detect in detectors:  # earlier kinds win where spans overlap
        for start, end in detect(view):
            if start >= end or any(occupied[start:end]):
                continue
            occupied[start:end] = b"\x01" * (end - start)
            taken.append((start, end, kind))
    taken.sort()
    pieces: list[str] = []
    counts: dict[PiiKind, int] = {}
    cursor = 0
    for start, end, kind in taken:
        source_start, source_end = starts[start], ends[end - 1]
        pieces.append(text[cursor:source_start])
        pieces.append(PLACEHOLDERS[kind])
        cursor = source_end
        counts[kind] = counts.get(kind, 0) + 1
    pieces.append(text[cursor:])
    return Redaction(text="".join(pieces), counts=counts)
