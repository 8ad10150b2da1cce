"""The words of an assessment: axis reasons, summary and evidence, in the tenant's language (ja or en).

Whatever they quote of the complainant's text goes through the redactor the LLM path uses, so no name, phone
number, e-mail or address is ever in them (each quoted span is redacted once, whatever quotes it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.classifier.model import BEHAVIOUR_TYPES, AxisJudgement, BehaviourType, Label
from bot.classifier.offline.complaints import DEMANDS, TOPICS
from bot.classifier.offline.context import Verdict
from bot.classifier.offline.rules import Hit
from bot.classifier.offline.scope import SCOPE_KINDS
from bot.classifier.offline.text import EVIDENCE_MAX_ITEMS, Sentences, clean, quote
from bot.classifier.redact import redact

SUMMARY_MAX = 200
REASON_MAX = 200

THREAT_KIND_LABELS: dict[str, tuple[str, str]] = {
    "life": ("生命", "life"),
    "body": ("身体", "body"),
    "freedom": ("自由・つきまとい", "freedom (stalking)"),
    "honour": ("名誉・晒し", "honour (exposure)"),
    "property": ("財産・放火・爆破", "property (arson, bombing, damage)"),
    "extortion": ("恐喝", "extortion"),
    "family": ("家族", "family"),
}
TYPE_LABELS: dict[str, tuple[str, str]] = {
    "time_binding": ("時間拘束", "time-binding"),
    "repeat": ("執拗な繰り返し", "persistent repetition"),
    "verbal_abuse": ("暴言", "verbal abuse"),
    "violence": ("暴力", "violence"),
    "intimidation": ("威嚇・脅迫", "intimidation"),
    "authority": ("権威を笠に着た言動", "pulling rank"),
    "off_premises": ("店舗外への呼び出し", "summoning staff off premises"),
    "online_defamation": ("ネット上での誹謗中傷", "online defamation"),
    "sexual_harassment": ("性的な言動", "sexual harassment"),
    "excessive_demand": ("過剰な要求", "excessive demand"),
}
EXCESSIVE_LABELS: dict[str, tuple[str, str]] = {
    "dogeza": ("土下座の要求", "demanding a kneeling apology"),
    "dismissal": ("従業員の解雇要求", "demanding that staff be dismissed"),
    "sincerity": ("「誠意」（金品）の要求", "demanding 'sincerity' (money)"),
    "free": ("無償提供の要求", "demanding things for free"),
    "written": ("念書・謝罪文の公開の要求", "demanding a written pledge or public apology"),
    "top_apology": ("幹部による謝罪の要求", "demanding an apology from the top"),
    "nuisance_fee": ("迷惑料の要求", "demanding a nuisance fee"),
    "money": ("過大な金銭要求", "a grossly excessive sum of money"),
    "excessive_en": ("過剰な要求", "an excessive demand"),
}
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Found:
    """A hit located in the original text (a, b), with the context verdict (None: the complainant's own)."""

    hit: Hit
    a: int
    b: int
    verdict: Verdict | None = None


@dataclass
class Analysis:
    """Everything the engine found in one text, and its decisions."""

    original: str
    tenant: str
    text_lang: str | None
    folded: str = ""  # the normalised head the rules read (the learned engine's n-grams read it too)
    threats: list[Found] = field(default_factory=list)
    means: list[Found] = field(default_factory=list)
    excessive: list[Found] = field(default_factory=list)
    problems: list[Found] = field(default_factory=list)
    demands: list[Found] = field(default_factory=list)
    scope: list[Found] = field(default_factory=list)
    neutral: list[Found] = field(default_factory=list)
    means_score: float = 0.0
    problem_score: float = 0.0
    demand_score: float = 0.0
    scope_kind: str | None = None
    label: Label = "out_of_scope"
    branch: str = ""  # which branch of the decision gave the label
    types: list[BehaviourType] = field(default_factory=list)
    truncated: bool = False
    redacted: dict[tuple[int, int], str] = field(default_factory=dict)  # see words()


def _pick(labels: dict[str, tuple[str, str]], key: str, lang: str) -> str:
    ja, en = labels.get(key, (key, key))
    return en if lang == "en" else ja


def _join(items: list[str], lang: str) -> str:
    items = list(dict.fromkeys(i for i in items if i))
    if lang == "en":
        if len(items) <= 1:
            return "".join(items)
        return ", ".join(items[:-1]) + " and " + items[-1]
    return "・".join(items)


def _clip(text: str, limit: int) -> str:
    text = _SPACES.sub(" ", clean(text)).strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def words(an: Analysis, a: int, b: int) -> str:
    """original[a:b], the complainant's own words, with their personal data redacted."""
    span = (a, b)
    if span not in an.redacted:
        an.redacted[span] = redact(an.original[a:b]).text
    return an.redacted[span]


def _kinds(found: list[Found]) -> list[str]:
    return list(dict.fromkeys(f.hit.rule.kind for f in found))


def topic_keys(an: Analysis) -> list[str]:
    """Complaint topics, most specific first (general only when nothing else)."""
    keys = [k for k in _kinds(an.problems) if k not in ("general", "grievance")]
    if any(f.verdict == "quoted" for f in an.neutral):
        keys.append("staff_conduct")
    return keys or (["general"] if an.problems else [])


def problem_score(problems: list[Found]) -> float:
    """Strength of the complaint: the best weight per topic; weak grievance markers add up to 1."""
    best: dict[str, float] = {}
    weak: set[str] = set()
    for f in problems:
        kind = f.hit.rule.kind
        if kind == "grievance":
            weak.add(f"{f.a}")
        else:
            best[kind] = max(best.get(kind, 0.0), f.hit.rule.weight)
    return sum(best.values()) + min(1.0, 0.5 * len(weak))


def _cue(an: Analysis, found: list[Found]) -> str:
    if not found:
        return ""
    best = max(found, key=lambda f: f.hit.rule.weight)
    return _clip(words(an, best.a, best.b), 20)


def demand_judgement(an: Analysis) -> AxisJudgement:
    """要求内容の妥当性."""
    lang = an.tenant
    topics = _join([_pick(TOPICS, k, lang) for k in topic_keys(an)], lang)
    demands = _join([_pick(DEMANDS, k, lang) for k in _kinds(an.demands) if k != "response"], lang)
    extortion = any(f.hit.rule.kind == "extortion" for f in an.threats)
    if an.excessive or extortion:
        kinds = [_pick(EXCESSIVE_LABELS, k, lang) for k in _kinds(an.excessive)]
        amounts = [clean(words(an, f.a, f.b)).strip() for f in an.excessive if f.hit.rule.kind == "money"]
        if amounts:
            kinds = [
                k + f"（{amounts[0]}）" if lang == "ja" else f"{k} ({amounts[0]})" if k == kinds[0] else k
                for k in kinds
            ]
        if extortion:
            kinds.append("金銭の脅し取り（恐喝）" if lang == "ja" else "extorting money")
        what = _join(kinds, lang)
        if lang == "en":
            return AxisJudgement(
                ok=False, reason=_clip(f"Invalid demand: {what}; out of proportion to any fault.", REASON_MAX)
            )
        return AxisJudgement(ok=False, reason=_clip(f"{what}があり、要求内容は妥当とはいえない", REASON_MAX))
    if an.label == "out_of_scope":
        kind = _pick(SCOPE_KINDS, an.scope_kind or "unreadable", lang)
        if lang == "en":
            return AxisJudgement(ok=None, reason=_clip(f"Not a complaint or demand ({kind}).", REASON_MAX))
        return AxisJudgement(ok=None, reason=_clip(f"苦情・要求ではない（{kind}）", REASON_MAX))
    if topics:
        if lang == "en":
            asks = f", asking for {demands}" if demands else ""
            return AxisJudgement(
                ok=True,
                reason=_clip(
                    f"A complaint about a service shortcoming ({topics}){asks}; the demand is reasonable.",
                    REASON_MAX,
                ),
            )
        asks = f"{demands}の要望" if demands else "苦情・改善要望"
        return AxisJudgement(
            ok=True, reason=_clip(f"サービスの不備（{topics}）に対する{asks}で、要求内容は妥当", REASON_MAX)
        )
    if demands:
        if lang == "en":
            return AxisJudgement(
                ok=None,
                reason=_clip(f"Asks for {demands}, but no service shortcoming is described.", REASON_MAX),
            )
        return AxisJudgement(
            ok=None, reason=_clip(f"{demands}を求めているが、根拠となる不備は読み取れない", REASON_MAX)
        )
    if lang == "en":
        return AxisJudgement(ok=None, reason="No concrete demand can be identified.")
    return AxisJudgement(ok=None, reason="具体的な要求内容は読み取れない")


def means_judgement(an: Analysis) -> AxisJudgement:
    """手段・態様の社会通念上の相当性."""
    lang = an.tenant
    quoted = any(f.verdict == "quoted" for f in an.neutral)
    negated = any(f.verdict in ("negated", "idiom") for f in an.neutral)
    if an.threats:
        kinds = _join([_pick(THREAT_KIND_LABELS, k, lang) for k in _kinds(an.threats)], lang)
        cue = _cue(an, an.threats)
        if lang == "en":
            return AxisJudgement(
                ok=False,
                reason=_clip(
                    f'Contains a threat ({kinds}): "{cue}"; not acceptable by any standard.', REASON_MAX
                ),
            )
        return AxisJudgement(
            ok=False,
            reason=_clip(f"脅迫（{kinds}）にあたる表現「{cue}」を含み、社会通念上相当でない", REASON_MAX),
        )
    if an.label == "out_of_scope":
        if lang == "en":
            return AxisJudgement(ok=None, reason="Not applicable: not a complaint.")
        return AxisJudgement(ok=None, reason="苦情ではないため判断の対象外")
    strong = [f for f in an.means if f.hit.rule.weight >= 0.5]
    if an.means_score >= 1.0 and strong:
        types = _join([_pick(TYPE_LABELS, f.hit.rule.category, lang) for f in strong], lang)
        cue = _cue(an, strong)
        if lang == "en":
            return AxisJudgement(
                ok=False,
                reason=_clip(
                    f'{types[:1].upper()}{types[1:]} ("{cue}"): the means are not socially acceptable.',
                    REASON_MAX,
                ),
            )
        return AxisJudgement(
            ok=False,
            reason=_clip(f"{types}（「{cue}」など）があり、手段・態様は社会通念上相当でない", REASON_MAX),
        )
    note_ja = (
        "。脅迫的・侮辱的な言葉は他者の発言の引用"
        if quoted
        else ("。脅迫的な言葉は否定・慣用表現" if negated else "")
    )
    note_en = (
        " Threatening or insulting words are quoted from someone else."
        if quoted
        else (" Threatening words are negated or idiomatic." if negated else "")
    )
    heated = an.means_score > 0 or any(
        f.hit.rule.kind == "general" and f.hit.rule.weight >= 1.0 for f in an.problems
    )
    if lang == "en":
        base = (
            "Strongly worded, but no abuse, threats or intimidation; the means are acceptable."
            if heated
            else ("No abuse, threats or intimidation; the means are acceptable.")
        )
        return AxisJudgement(ok=True, reason=_clip(base + note_en, REASON_MAX))
    base = "表現は強いが、暴言・脅迫等はなく手段は相当" if heated else "暴言・脅迫等はなく、手段は相当"
    return AxisJudgement(ok=True, reason=_clip(base + note_ja, REASON_MAX))


def drivers(an: Analysis) -> list[Found]:
    """The hits that drove the label, most important first."""
    if an.label == "threat":
        found = an.threats + an.means + an.excessive
    elif an.label == "harassment":
        found = sorted(an.excessive + an.means, key=lambda f: -f.hit.rule.weight)
    elif an.label == "legitimate":
        found = an.problems + [f for f in an.neutral if f.verdict == "quoted"] + an.demands
    else:
        found = an.scope
    return found


def evidence(an: Analysis, sentences: Sentences) -> list[str]:
    """Up to five quotes (≤ 80 chars each) of the complainant's own words that drove the label."""
    quotes: list[str] = []
    used: list[tuple[int, int]] = []
    for f in drivers(an):
        a, b = sentences.around(f.a, f.b)
        if any(a < ub and ua < b for ua, ub in used):
            continue
        piece = words(an, a, b)
        text = quote(piece, 0, len(piece))
        if text and text not in quotes:
            used.append((a, b))
            quotes.append(text)
        if len(quotes) >= EVIDENCE_MAX_ITEMS:
            break
    return quotes


def summary(an: Analysis, sentences: Sentences) -> str:
    """≤ 200 characters in the tenant's language: key sentences when the text is in it, else a template."""
    if an.scope_kind == "empty" or not sentences.spans:
        return "(empty message)" if an.tenant == "en" else "（本文なし）"
    if an.text_lang in (None, an.tenant):
        text = _extract(an, sentences)
        if text:
            return text
    return _template(an)


def _extract(an: Analysis, sentences: Sentences) -> str:
    chosen: list[int] = []
    for f in drivers(an) + an.demands:
        i = sentences.index(f.a)
        if i >= 0 and i not in chosen:
            chosen.append(i)
        if len(chosen) >= 3:
            break
    if not chosen:
        chosen = [0]
    sep = " " if an.tenant == "en" else ""
    parts = [words(an, a, b) for a, b in (sentences.spans[i] for i in sorted(chosen))]
    return _clip(sep.join(parts), SUMMARY_MAX)


def _template(an: Analysis) -> str:
    lang = an.tenant
    topics = _join([_pick(TOPICS, k, lang) for k in topic_keys(an)], lang)
    demands = _join([_pick(DEMANDS, k, lang) for k in _kinds(an.demands) if k != "response"], lang)
    types = _join([_pick(TYPE_LABELS, t, lang) for t in an.types], lang)
    kinds = _join([_pick(THREAT_KIND_LABELS, k, lang) for k in _kinds(an.threats)], lang)
    source = {"ja": ("日本語", "Japanese"), "en": ("英語", "English")}.get(
        an.text_lang or "", ("不明", "unknown")
    )
    n = len(an.original)
    if lang == "en":
        if an.label == "out_of_scope":
            head = f"Out of scope: {_pick(SCOPE_KINDS, an.scope_kind or 'unreadable', 'en')}."
        else:
            head = {
                "threat": f"Threat to {kinds}",
                "harassment": f"Suspected harassment ({types})",
                "legitimate": "Complaint",
            }[an.label]
            head += f" about {topics}" if topics else ""
            head += f"; asks for {demands}" if demands else ""
            head += "."
        return _clip(f"{head} Original in {source[1]} ({n} chars).", SUMMARY_MAX)
    if an.label == "out_of_scope":
        head = f"対象外：{_pick(SCOPE_KINDS, an.scope_kind or 'unreadable', 'ja')}。"
    else:
        head = {
            "threat": f"脅迫（{kinds}）",
            "harassment": f"カスハラの疑い（{types}）",
            "legitimate": "苦情",
        }[an.label]
        head += f"。内容：{topics}" if topics else ""
        head += f"。要望：{demands}" if demands else ""
        head += "。"
    return _clip(f"{head}原文は{source[0]}（{n}文字）。", SUMMARY_MAX)


def ordered_types(types: set[str]) -> list[BehaviourType]:
    """Behaviour types in the manual's order."""
    return [t for t in BEHAVIOUR_TYPES if t in types]
