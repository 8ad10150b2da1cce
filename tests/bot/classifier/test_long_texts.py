"""The classifier's patterns and code paths rewritten to read long texts in linear time decide as before.

Every rewrite is a guard or a bound that changes no match: each is pinned against the form it replaced
(rebuilt here by taking the guard off, or written out as it was) on many normalised texts, and the
engine's whole assessment is pinned on pathological texts. The timings are measured by
`python -m bench.text_scaling`, never asserted here.
"""

from __future__ import annotations

import random
import re

import pytest

from bot.classifier import redact
from bot.classifier.normalize import MAX_SPACE_RUN, normalize
from bot.classifier.offline import context, menace, money
from bot.classifier.offline.complaints import COMPLAINT_RULES
from bot.classifier.offline.engine import assess_text
from bot.classifier.offline.lexicon import HARASSMENT_RULES
from bot.classifier.offline.rules import Rule, scan
from bot.classifier.offline.scope import SCOPE_RULES
from bot.classifier.offline.service import SERVICE_RULES
from bot.classifier.offline.threats import THREAT_RULES

ALL_RULES: tuple[Rule, ...] = THREAT_RULES + HARASSMENT_RULES + COMPLAINT_RULES + SCOPE_RULES + SERVICE_RULES

# The guards added in front of a number or a word of a run, so that a run is entered once: taking them
# off gives the pattern as it was.
NUMBER_GUARDS = (
    r"(?<!(?<!ぽいんと)\d)",
    r"(?<!(?<!ぽいんと)[二三四五六七八九十百])",
    r"(?<!\d)(?<!\d,)",
    r"(?<!\d)",
    r"(?<![二三四五六七八九十百千])",
    r"(?<!\ba )(?<!\bclose )(?<!\bgood )(?<!\bpersonal )",
)
BOUNDED_SPACES = rf"\s{{0,{MAX_SPACE_RUN}}}"


def random_texts(alphabet: list[str], count: int, longest: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, longest))) for _ in range(count)]


def shapes(n: int) -> list[str]:
    """Long runs of the characters the rewritten patterns care about."""
    units = [
        "1",
        "1,",
        "1 ",
        "一五",
        "二三倍",
        "a ",
        "a close ",
        "\n",
        " \n",
        "殺すぞ。",
        "100万円払え",
        "ぞ!",
    ]
    return [(unit * (n // len(unit) + 1))[:n] for unit in units]


def spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


# --- the normalised text and the rules -----------------------------------------------------------------


def test_the_normalised_text_never_has_a_longer_run_of_spaces() -> None:
    alphabet = [
        *" \t\n\r\u3000\u2028\u2029\x85\x0b\x0c\u200b\u00a0\u2003.。!?-*・~a1あ漢😀,、「」",
        ". ",
        " . ",
    ]
    spaces = re.compile(r"\s+")
    for text in [*random_texts(alphabet, 20_000, 20, seed=7), "a \n \n \n b", "x. \r\n . \n y"]:
        folded = normalize(text).text
        assert max((len(run) for run in spaces.findall(folded)), default=0) <= MAX_SPACE_RUN, repr(text)


def _texts_for(rule: Rule, seed: int) -> list[str]:
    words = re.findall(r"[^\\()|?*+{}\[\]^$.]+", rule.regex.pattern)[:40]
    alphabet = [*words, *"0123456789,、。 \n!?.一二三十百千万円a"]
    raw = random_texts(alphabet, 1500, 16, seed) + shapes(600)
    return [normalize(text).text for text in raw]


GUARDED = [r for r in ALL_RULES if any(g in r.regex.pattern for g in NUMBER_GUARDS)]
BOUNDED = [r for r in ALL_RULES if BOUNDED_SPACES in r.regex.pattern]


def test_the_rewritten_rules_are_found() -> None:
    assert {r.name for r in GUARDED} >= {
        "extort_money_or_else",
        "hold_hours",
        "count",
        "free",
        "written_form",
        "multiple",
    }
    assert {r.name for r in BOUNDED} == {
        "protection_bring_en",
        "insult_drop_dead_en",
        "malice_wished_away_stays_safe",
    }


@pytest.mark.parametrize("rule", GUARDED, ids=lambda r: r.name)
def test_a_number_guard_changes_no_match(rule: Rule) -> None:
    unguarded = rule.regex.pattern
    for guard in NUMBER_GUARDS:
        unguarded = unguarded.replace(guard, "")
    before = re.compile(unguarded)
    for text in _texts_for(rule, seed=len(rule.name)):
        assert spans(rule.regex, text) == spans(before, text), text


@pytest.mark.parametrize("rule", BOUNDED, ids=lambda r: r.name)
def test_a_bounded_run_of_spaces_changes_no_match_on_normalised_text(rule: Rule) -> None:
    before = re.compile(rule.regex.pattern.replace(BOUNDED_SPACES, r"\s*"))
    for text in _texts_for(rule, seed=len(rule.name)):
        assert spans(rule.regex, text) == spans(before, text), text


# --- money -------------------------------------------------------------------------------------------------


def old_excessive_money(text: str) -> list[tuple[int, int]]:
    """`excessive_money` as it was: every boundary before an amount scanned again for each amount."""
    amount = re.compile(money._AMOUNT.pattern.replace(money._NOT_IN_NUMBER, "").replace(NUMBER_GUARDS[4], ""))
    found: list[tuple[int, int]] = []
    for m in amount.finditer(text):
        yen = money.amount_yen(m)
        if yen < money.STRONG_THRESHOLD_YEN:
            continue
        a = max((b.end() for b in money._BOUNDARY.finditer(text, 0, m.start())), default=0)
        nxt = money._BOUNDARY.search(text, m.end())
        sentence = text[a : nxt.start() if nxt else len(text)]
        strong = bool(money._STRONG.search(sentence))
        soft = bool(money._SOFT.search(sentence)) and not money._NOT_DEMAND.search(sentence)
        if strong or (soft and yen >= money.SOFT_THRESHOLD_YEN):
            found.append(m.span())
    return found[:3]


def test_excessive_money_finds_what_it_found() -> None:
    alphabet = [
        *"0123456789,.、。!?\n 一二三五十百千万億円¥$",
        "払え",
        "慰謝料",
        "ください",
        "代金",
        "ドル",
        "よこせ",
    ]
    texts = random_texts(alphabet, 6000, 24, seed=8) + shapes(3000)
    texts += ["慰謝料として100万円払え", "合計.100万円払え", "代金1,000円を返金してください。1000万円よこせ"]
    for text in (normalize(t).text for t in texts):
        assert [(h.start, h.end) for h in money.excessive_money(text)] == old_excessive_money(text), text


def test_many_amounts_in_one_sentence() -> None:
    text = normalize("100万円払え" * 2000).text
    assert [(h.start, h.end) for h in money.excessive_money(text)] == [(0, 5), (7, 12), (14, 19)]


# --- menace and context ------------------------------------------------------------------------------------


def test_the_sentence_of_a_position_is_found_by_bisection() -> None:
    rnd = random.Random(9)
    for _ in range(2000):
        cuts = sorted(rnd.sample(range(1, 60), rnd.randint(1, 12)))
        sentences = list(zip([0, *cuts], [*cuts, 60], strict=True))
        starts = [lo for lo, _ in sentences]
        pos = rnd.randrange(60)
        assert menace._sentence_at(sentences, starts, pos) == next(
            (lo, hi) for lo, hi in sentences if lo <= pos < hi
        )


def test_a_menace_in_each_of_many_sentences() -> None:
    text = normalize("お前を殺すぞ。" * 600).text
    assert len(menace.menace_hits(text)) == 600


OLD_LEAD = r"(?:ぞ|ぜ|よ|ね|な|わ|からな|から|!|\s|ぞ!|って|!|、)*"


@pytest.mark.parametrize("name", ["_PASSIVE", "_ACTIVE", "_SPEAKER_AFTER", "_EVENT"])
def test_the_particles_before_a_quotative_are_read_as_before(name: str) -> None:
    pattern: re.Pattern[str] = getattr(context, name)
    assert context._LEAD in pattern.pattern
    before = re.compile(pattern.pattern.replace(context._LEAD, OLD_LEAD))
    alphabet = [
        *"ぞぜよねなわから!、 とっての男は店員が",
        "って",
        "と言われ",
        "からな",
        "ぞ!",
        "という電話",
        "と叫",
    ]
    for text in random_texts(alphabet, 6000, 12, seed=10):
        assert bool(pattern.match(text)) == bool(before.match(text)), text


def test_a_long_run_of_particles_after_a_quote() -> None:
    text = normalize("「殺すぞ」" + "ぞ!" * 2000 + "と言われた").text
    hits = scan(THREAT_RULES, text)
    assert hits and all(context.Context(text).verdict(h) is None for h in hits)


# --- the engine on pathological texts --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("unit", "label", "types", "confidence"),
    [
        ("1", "out_of_scope", [], 0.27),
        ("1 ", "out_of_scope", [], 0.27),
        ("1,", "out_of_scope", [], 0.27),
        ("一五", "out_of_scope", [], 0.32),
        ("a ", "out_of_scope", [], 0.32),
        ("A'", "out_of_scope", [], 0.32),
        ("\n", "out_of_scope", [], 0.27),
        ("ぞ!", "out_of_scope", [], 0.32),
        ("殺す", "threat", ["intimidation"], 0.72),
        ("お前を殺すぞ。", "threat", ["intimidation"], 0.77),
        ("100万円払え", "harassment", ["excessive_demand"], 0.59),
        ("a close friend of the ceo ", "harassment", ["authority"], 0.59),
        ("drop dead\n", "harassment", ["verbal_abuse"], 0.59),
        ("bring a bodyguard\n", "threat", ["intimidation"], 0.72),
        ("3時間説明させ", "harassment", ["time_binding"], 0.59),
        ("10回目", "harassment", ["repeat"], 0.5),
        ("1倍返せ", "harassment", ["excessive_demand"], 0.59),
    ],
)
@pytest.mark.parametrize("language", ["ja", "en"])
def test_assessments_of_pathological_texts(
    unit: str, label: str, types: list[str], confidence: float, language: str
) -> None:
    text = (unit * (5000 // len(unit) + 1))[:5000]
    found = assess_text(text, language)
    assert (found.label, found.types, found.confidence) == (label, types, confidence)


# --- redaction --------------------------------------------------------------------------------------------

OLD_LATIN_HONORIFIC = re.compile(
    r"(?P<run>(?<![A-Za-z])[A-Z][A-Za-z'\-]+(?: [A-Z][A-Za-z'\-]+)?) ?(?:さん|さま|様|氏|くん|ちゃん|先生)"
)
OLD_CALLED = re.compile(
    rf"(?<![{redact._K}{redact._KA}])(?P<run>{redact._NAME_CHARS})\s*(?=と申し|と申す|といいます|と言います|と名乗)"
)


@pytest.mark.parametrize(
    ("pattern", "old"), [("_LATIN_HONORIFIC", OLD_LATIN_HONORIFIC), ("_CALLED", OLD_CALLED)]
)
def test_name_patterns_find_the_names_they_found(pattern: str, old: re.Pattern[str]) -> None:
    new: re.Pattern[str] = getattr(redact, pattern)
    alphabet = [*"aAbZ'- x漢田アイ・", "さん", "様", "と申します", "Smith", "O'Brien", " Mary", "'"]
    for text in random_texts(alphabet, 6000, 12, seed=11):
        assert [m.span("run") for m in new.finditer(text)] == [m.span("run") for m in old.finditer(text)], (
            text
        )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A'" * 50_000 + "さん", "［氏名］さん"),
        ("a" * 100_000 + "と申します", "［氏名］と申します"),
        ("漢ab と申します", "漢a［氏名］ と申します"),  # as before: not from a letter after a kanji
        ("x'Tanaka さん", "x'［氏名］ さん"),
        ("店長" * 20_000 + "田中さん", "店長" * 20_000 + "［氏名］さん"),
        ("担当者" * 20_000 + "さん", "担当者" * 20_000 + "さん"),
    ],
)
def test_names_in_long_runs(text: str, expected: str) -> None:
    assert redact.redact(text).text == expected


def old_strip_name(run: str) -> tuple[int, int] | None:
    """`_strip_name` as it was, testing what is left of the run as a copy each time."""
    start, end = 0, len(run)
    while " " in run[start:end]:
        head = run[start:end].partition(" ")[0]
        if head in redact.ROLE_WORDS or head in redact.LEADING_WORDS or head in redact.KATAKANA_ROLES:
            start += len(head) + 1
        else:
            break
    changed = True
    while changed:
        changed = False
        core = run[start:end]
        title = next((t for t in redact.TITLES if core.endswith(t) and len(core) > len(t)), None)
        if title:
            end -= len(title)
            changed = True
            continue
        word = next((w for w in redact._STRIPPABLE if core.startswith(w) and len(core) - len(w) >= 2), None)
        if word:
            start += len(word)
            changed = True
    core = run[start:end].strip()
    bare = core in redact.ROLE_WORDS or core in redact.KATAKANA_ROLES or core in redact.TITLES
    if not core or bare or redact._COUNTER.match(core):
        return None
    if core.endswith(redact.ORG_SUFFIXES) or core.endswith(redact._STRIPPABLE):
        return None
    return start, end


def test_names_are_stripped_of_roles_and_titles_as_before() -> None:
    words = [
        "店長",
        "店員",
        "担当者",
        "看護師",
        "田中",
        "太郎",
        "昨日",
        " ",
        "様",
        "先生",
        "副店長",
        "今日子",
        "3名",
    ]
    for run in random_texts(words, 8000, 8, seed=12):
        assert redact._strip_name(run) == old_strip_name(run), run
