"""The offline engine: deterministic rules over a normalised text, no network, no model files."""

from __future__ import annotations

import logging
import re

from bot.classifier.model import Assessment, AxisJudgement, Explanation
from bot.classifier.normalize import Normalized, fast_fold, normalize
from bot.classifier.offline.complaints import COMPLAINT_RULES
from bot.classifier.offline.context import Context
from bot.classifier.offline.lexicon import HARASSMENT_RULES
from bot.classifier.offline.menace import menace_hits
from bot.classifier.offline.money import excessive_money
from bot.classifier.offline.report import (
    Analysis,
    Found,
    demand_judgement,
    evidence,
    means_judgement,
    ordered_types,
    problem_score,
    summary,
)
from bot.classifier.offline.rules import Hit, scan, scripts
from bot.classifier.offline.scope import SCOPE_RULES, is_empty, is_prose, is_test
from bot.classifier.offline.service import SERVICE_RULES
from bot.classifier.offline.text import Sentences, detect_language, inside_katakana_word
from bot.classifier.offline.threat_scan import emoji_threat_hits, tail_may_threaten
from bot.classifier.offline.threats import THREAT_RULES

log = logging.getLogger(__name__)

ENGINE_NAME = "offline-4"
# Long texts: everything is analysed on the head; the rest is only scanned for threats, chunk by chunk,
# with a cheap prefilter first, so 100,000 characters cost a few milliseconds.
HEAD_CHARS = 4000
TAIL_CHUNK = 2000
TAIL_OVERLAP = 60
MAX_TAIL_ANALYSES = 4

# Unacceptable means without a single strong cue: weak cues adding up to this, in a text that has no
# problem or demand in it, still make it harassment rather than a complaint.
AGGRESSIVE_ONLY = 0.5
TONE_WEIGHT = 0.5
# Problems that are about something real even when no service is named: an injury, dirt, a bill, what
# someone did (not a feeling, not 遅くなる or 使えなくなる, which are everyday talk too).
CONCRETE_PROBLEMS = frozenset({"safety", "hygiene", "billing", "staff_conduct"})
# A note that a message went to the wrong chat is short; a long text that says so is about something else.
MISDIRECTED_MAX_CHARS = 80

_ABOUT_STAFF = re.compile(
    r"店員|店長|スタッフ|従業員|職員|社員|担当|お店|店(?!員|長)"
    r"|\byour (?:staff|shop|store|manager|driver|employee)"
)
_PLAYFUL = re.compile(r"(?<=[\u3040-\u30ff\u4e00-\u9fff])w+|[笑草]|\b(?:lol|lmao|haha\w*)\b|[😂🤣😆😜]")
# Said to the writer or theirs: 店員に「殺すぞ」と言われた, "a staff member told me ...".
_AIMED_AT_WRITER = re.compile(
    r"言われ|いわれ|怒鳴られ|どなられ|脅され|おどされ|叫ばれ|凄まれ|すごまれ"
    r"|\b(?:told|said to|threatened|yelled at|shouted at|screamed at) (?:me|us|my \w+)\b"
)
_CONTRAST = re.compile(r"ただ|しかし|でも|けど|けれど|ですが|ましたが|でしたが|\bbut\b|\bhowever\b")


def tenant_language(language: object) -> str:
    """en for English tenants, ja for anything else."""
    return "en" if str(language or "").strip().lower().startswith("en") else "ja"


class _Locator:
    """Turns hits on one normalised chunk into located findings with their context verdicts."""

    def __init__(self, norm: Normalized, offset: int = 0) -> None:
        self.norm = norm
        self.offset = offset
        self.context = Context(norm.text)

    def found(self, hit: Hit) -> Found:
        a, b = self.norm.span(hit.start, hit.end)
        return Found(hit, a + self.offset, b + self.offset, self.context.verdict(hit))


def _file_threats(an: Analysis, locator: _Locator, hits: list[Hit]) -> None:
    seen = {(f.hit.rule.name, f.a) for f in an.threats + an.neutral}
    for hit in hits:
        f = locator.found(hit)
        if (hit.rule.name, f.a) in seen:
            continue
        seen.add((hit.rule.name, f.a))
        (an.neutral if f.verdict else an.threats).append(f)


def _scan_tail(text: str, an: Analysis) -> None:
    analysed = 0
    pos = HEAD_CHARS - TAIL_OVERLAP
    while pos < len(text) and analysed < MAX_TAIL_ANALYSES and not an.threats:
        chunk = text[pos : pos + TAIL_CHUNK]
        if tail_may_threaten(fast_fold(chunk)):
            norm = normalize(chunk)
            _file_threats(
                an, _Locator(norm, pos), scan(THREAT_RULES, norm.text) + emoji_threat_hits(norm.text)
            )
            analysed += 1
        pos += TAIL_CHUNK - TAIL_OVERLAP


def _max_by_kind(found: list[Found]) -> dict[str, float]:
    """The best weight per kind. A harassment cue's kind is its own name, or the name of the cue it was split
    from (`cue(kind=...)`), so the pieces of one cue count once, as the cue did."""
    best: dict[str, float] = {}
    for f in found:
        best[f.hit.rule.kind] = max(best.get(f.hit.rule.kind, 0.0), f.hit.rule.weight)
    return best


def analyse(text: str, language: str) -> Analysis:
    """Find everything in `text` and decide its label and types."""
    head = text[:HEAD_CHARS]
    norm = normalize(head)
    folded = norm.text
    an = Analysis(
        original=text, tenant=tenant_language(language), text_lang=detect_language(folded), folded=folded
    )
    an.truncated = len(text) > HEAD_CHARS
    locator = _Locator(norm)

    present = scripts(folded)
    _file_threats(an, locator, scan(THREAT_RULES, folded, present) + emoji_threat_hits(folded))
    if not an.threats:
        # Only where no construction was found: the three parts of a threat in any wording.
        _file_threats(an, locator, menace_hits(folded))
    for hit in scan(HARASSMENT_RULES, folded, present) + excessive_money(folded):
        f = locator.found(hit)
        if inside_katakana_word(text, f.a, f.b):
            continue  # folded to hiragana, a loanword can hold an insult: サブスク, マイナンバーカード
        if f.verdict:
            an.neutral.append(f)
        elif hit.rule.category == "excessive_demand":
            an.excessive.append(f)
        else:
            an.means.append(f)
    for hit in scan(COMPLAINT_RULES, folded, present):
        f = locator.found(hit)
        (an.problems if hit.rule.category == "problem" else an.demands).append(f)
    an.scope = [locator.found(hit) for hit in scan(SCOPE_RULES, folded, present)]
    if any(f.hit.rule.kind == "misdirected" for f in an.scope) and (
        _PLAYFUL.search(folded) or not _ABOUT_STAFF.search(folded)
    ):
        # Banter meant for a friend (帰ったらシバくからなw…あ、送り先間違えました) threatens no one here.
        an.neutral += an.threats
        an.threats = []
    if an.truncated and not an.threats:
        _scan_tail(text, an)

    an.means_score = sum(_max_by_kind(an.means).values())
    an.problem_score = problem_score(an.problems)
    an.demand_score = sum(_max_by_kind(an.demands).values())
    _decide(an, folded)
    return an


def _decide(an: Analysis, folded: str) -> None:
    scope_kinds = {f.hit.rule.kind for f in an.scope}
    quoted = any(f.verdict == "quoted" for f in an.neutral)
    negative = any(f.hit.rule.kind == "general" for f in an.problems)
    if an.threats:
        an.label, an.branch = "threat", "threat rule"
        types = {"intimidation"} | {f.hit.rule.category for f in an.means if f.hit.rule.weight >= 0.5}
        kinds = {f.hit.rule.kind for f in an.threats}
        if "honour" in kinds:
            types.add("online_defamation")
        if any(f.hit.rule.name == "assault_done" for f in an.threats):
            types.add("violence")
        if an.excessive:
            types.add("excessive_demand")
        an.types = ordered_types(types)
        return
    if an.means_score >= 1.0 or an.excessive:
        an.label, an.branch = "harassment", "unacceptable means or excessive demand"
        per_type: dict[str, float] = {}
        # Tone cues (weight below TONE_WEIGHT: a rough imperative, a rough ending) name a type only when
        # nothing stronger does.
        strong = [f for f in an.means if f.hit.rule.weight >= TONE_WEIGHT] or an.means
        for f in strong:
            per_type[f.hit.rule.category] = per_type.get(f.hit.rule.category, 0.0) + f.hit.rule.weight
        types = {t for t, w in per_type.items() if w >= 0.5}
        if an.excessive:
            types.add("excessive_demand")
        if not types and per_type:
            types.add(max(per_type, key=lambda t: per_type[t]))
        an.types = ordered_types(types)
        return
    if an.means_score >= AGGRESSIVE_ONLY and an.problem_score < 1 and an.demand_score < 1:
        # Aggressive prose with no complaint in it (覚えとけよ、このままじゃ済まさねえからな) is not a
        # legitimate complaint: the tone is all there is.
        an.label, an.branch = "harassment", "aggressive tone and no complaint"
        an.types = ordered_types({max(an.means, key=lambda f: f.hit.rule.weight).hit.rule.category})
        return
    if is_empty(folded):
        an.label, an.scope_kind, an.branch = "out_of_scope", "empty", "out of scope: empty"
        return
    if is_test(folded) and an.problem_score < 1:
        an.label, an.scope_kind, an.branch = "out_of_scope", "test", "out of scope: test"
        return
    if "spam" in scope_kinds and an.problem_score < 1.5:
        an.label, an.scope_kind, an.branch = "out_of_scope", "spam", "out of scope: spam"
        return
    if "greeting" in scope_kinds and an.problem_score < 0.5 and an.demand_score <= 0.5 and not an.means:
        an.label, an.scope_kind, an.branch = "out_of_scope", "test", "out of scope: a greeting"
        return
    if "misdirected" in scope_kinds and an.demand_score < 1 and len(folded) <= MISDIRECTED_MAX_CHARS:
        # "Sorry, wrong chat": its 間違え / "wrong" is not a mistake by the business.
        an.label, an.scope_kind, an.branch = "out_of_scope", "misdirected", "out of scope: misdirected"
        return
    # A threat reported from someone else is a complaint when something is wrong or asked for (店員は見て見ぬ
    # ふりでした); a drunk heard shouting in the street, told in passing, is not.
    # (Fear alone, 怖かった, is not something wrong with the service.)
    wrong = any(f.hit.rule.kind != "general" for f in an.problems)
    reported = quoted and (wrong or an.demand_score >= 0.5 or bool(_AIMED_AT_WRITER.search(folded)))
    complaint = (
        an.problem_score >= 1
        or (an.problem_score >= 0.5 and an.demand_score >= 0.5)
        or an.demand_score >= 1.5
        or reported
    )
    # Thanks for a problem put right (返金の件、すぐ対応していただき助かりました) name the remedy, not ask it.
    if (
        "thanks" in scope_kinds
        and not quoted
        and not negative
        and an.problem_score < 2
        and an.demand_score < (1.5 if an.problem_score == 0 else 0.5)
        and not _CONTRAST.search(folded)
    ):
        complaint = False
    # Not about the business at all (no place, person, goods or transaction of a service) and no more than
    # one weak grievance: everyday talk, however it is worded (暑くて死にそう, a novel's plot).
    # A concrete problem (an injury, a defect, a delay) is about something real even when no service is named.
    concrete = any(f.hit.rule.kind in CONCRETE_PROBLEMS for f in an.problems)
    unrelated = (
        not reported
        and not concrete
        and an.problem_score <= 1
        and an.demand_score <= 0.5
        and not scan(SERVICE_RULES, folded)
    )
    if complaint and not unrelated:
        an.label, an.branch = "legitimate", "a problem or demand about the business"
        return
    if "question" in scope_kinds:
        an.label, an.scope_kind, an.branch = "out_of_scope", "question", "out of scope: question"
    elif "thanks" in scope_kinds:
        an.label, an.scope_kind, an.branch = "out_of_scope", "thanks", "out of scope: thanks"
    elif unrelated and not an.means:
        an.label, an.scope_kind, an.branch = "out_of_scope", "unrelated", "out of scope: unrelated"
    elif an.demand_score >= 1 and sum(c.isalpha() for c in folded) >= 10:
        an.label, an.branch = "legitimate", "a demand in a readable text"
    elif is_prose(folded):
        # The desk receives complaints: prose with no sign of being a question, thanks, spam or a test is
        # taken as a complaint (low confidence); out of scope needs positive evidence.
        an.label, an.branch = "legitimate", "prose taken as a complaint"
    else:
        an.label, an.scope_kind, an.branch = "out_of_scope", "unreadable", "out of scope: unreadable"


def _confidence(an: Analysis) -> float:
    if an.label == "threat":
        rules = {f.hit.rule.name for f in an.threats}
        value = 0.8 + 0.05 * min(3, len(rules) - 1)
        if rules == {"weapon_emoji"}:
            value = 0.65
        if an.neutral:
            value -= 0.05
    elif an.label == "harassment":
        strong = {f.hit.rule.kind for f in an.means + an.excessive if f.hit.rule.weight >= 1.0}
        value = 0.55 + 0.1 * min(3, len(strong))
        if an.means_score >= 1.0 and an.excessive:
            value += 0.05
    elif an.label == "legitimate":
        cues = len({f.hit.rule.kind for f in an.problems}) + len({f.hit.rule.kind for f in an.demands})
        value = 0.5 + 0.05 * min(6, cues) if cues else 0.4
        if an.means_score > 0 or an.neutral:
            value -= 0.1
    else:
        value = {"empty": 0.3, "test": 0.8, "spam": 0.85, "question": 0.7, "thanks": 0.75}.get(
            an.scope_kind or "", 0.35
        )
    if an.truncated:
        value *= 0.9
    return round(min(0.97, max(0.05, value)), 2)


def assess_text(text: str, language: str) -> Assessment:
    """The assessment of `text` for a tenant using `language` (raises only on a bug)."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    return assessment_of(analyse(text, language))


def assessment_of(an: Analysis) -> Assessment:
    """The assessment the rules give for what they found, with the rules and the branch that decided."""
    text = an.original
    sentences = Sentences(text[:HEAD_CHARS])
    return Assessment(
        label=an.label,
        types=an.types,
        demand_valid=demand_judgement(an),
        means_acceptable=means_judgement(an),
        confidence=_confidence(an),
        evidence=evidence(an, Sentences(text) if any(f.a >= HEAD_CHARS for f in an.threats) else sentences),
        summary=summary(an, sentences),
        engine=ENGINE_NAME,
        explanation=Explanation(branch=f"rules: {an.branch}", rules=fired_rules(an)),
    )


def fired_rules(an: Analysis) -> list[str]:
    """The rules that found something, by name, the complainant's own words first, then those set aside
    by their context (quoted, negated, an idiom)."""
    own = (*an.threats, *an.means, *an.excessive, *an.problems, *an.demands, *an.scope)
    names = [f.hit.rule.name for f in own] + [f"{f.hit.rule.name} ({f.verdict})" for f in an.neutral]
    return list(dict.fromkeys(names))


def not_classified(language: str, *, why: str) -> Assessment:
    """The assessment of a text the engine could not finish: no suggestion, a human decides."""
    en = tenant_language(language) == "en"
    reason = (
        f"The offline engine could not analyse this text ({why})."
        if en
        else f"オフライン判定で解析できなかった（{why}）"
    )
    return Assessment(
        label="out_of_scope",
        types=[],
        demand_valid=AxisJudgement(ok=None, reason=reason),
        means_acceptable=AxisJudgement(ok=None, reason=reason),
        confidence=0.05,
        evidence=[],
        summary="(not classified: a reviewer reads it)" if en else "（未判定: 担当者が確認してください）",
        engine=f"{ENGINE_NAME} ({why})",
    )


class OfflineClassifier:
    """Rule-based engine `offline-4`: deterministic, pure Python, never raises for any input."""

    engine = ENGINE_NAME

    async def assess(self, text: str, *, language: str) -> Assessment:
        """The assessment of `text` for a tenant using `language` (ja or en)."""
        return self.assess_sync(text, language=language)

    def assess_sync(self, text: str, *, language: str) -> Assessment:
        """Same as `assess`, without the event loop (for batch evaluation and benchmarks)."""
        try:
            return assess_text(text, language)
        except Exception as exc:  # a bug must not lose an intake; never log the text itself
            log.exception(
                "offline classifier failed on a text of %d chars: %s", len(text or ""), type(exc).__name__
            )
            return not_classified(language, why="engine error")
