"""Intimidation (威嚇型) that is not (yet) a threat to life, body, freedom, honour or property."""

from __future__ import annotations

from bot.classifier.offline.rules import Rule, cue
from bot.classifier.offline.vocabulary import NO_SENT

INTIMIDATION: tuple[Rule, ...] = (
    cue(
        "warn",
        "intimidation",
        r"覚えて(?:ろ|おけ|いろ|やがれ|おきな|とけ)|(?:ただで|ただでは|タダで|このままで)(?:済|すむ"
        r"|すま)(?:む|まない|まさない|ませ)"
        r"|どうなるか(?:わか|分か)って(?:る|ん|い)|どうなっても(?:知ら|しら)(?:ない|ねえ|ね|ん)"
        r"|後悔(?:させ|する(?:ぞ|ことになる|ことになります|よ)|しても知らない)|(?:覚悟|かくご)(?:しろ"
        r"|しとけ|しておけ|しておきなさい|しなさい)",
    ),
    cue(
        "disrespect",
        "intimidation",
        r"(?:なめ|舐め)(?:てん|てる|んな|るな|やがって|とんのか|た真似|たまね)",
        0.7,
    ),
    cue(
        "shout",
        "intimidation",
        r"(?:怒鳴|どな)(?:って|りつけて|り散らして)(?:やった|やる)"
        r"|(?:叩|たた)いて(?:怒鳴|どな)|(?:机|台|カウンタ|壁|ドア|テーブル|窓口|椅子|いす|看板|棚)(?:を|に)?"
        rf"{NO_SENT}{{0,3}}?(?:叩|たた|蹴|け|殴|なぐ)(?:いて|って|り飛ばして|りとばして"
        rf"|り飛ばし){NO_SENT}{{0,8}}?やっ(?:た|て)",
    ),
    cue(
        "power_en",
        "intimidation",
        r"\byou(?:'ll| will) (?:regret|pay for)\b|\bi(?:'ll| will) make (?:you|your life|sure you) (?:pay"
        r"|regret|hell|suffer)"
        r"|\bwatch yourself\b|\bdon't (?:mess|fuck) with me\b|\byou(?:'ve| have) been warned\b"
        r"|\bi (?:\w+ )?(?:slammed|banged|kicked|punched) (?:the|a|my|his|her) (?:desk|counter|table|door"
        r"|wall|chair)\b",
    ),
    cue("or_else_en", "intimidation", r"\bor else\b", 0.6),
    # Revenge promised with no harm named: I'll get you for this, this is your last warning.
    cue(
        "revenge_en",
        "intimidation",
        r"\b(?:i(?:'ll| will|'m going to| am going to|'m gonna)|we(?:'ll| will)) get (?:you|him|her|them) for"
        r" (?:this|that|what)\b|\bget what's coming to (?:you|him|her|them)\b"
        r"|\bnext time (?:it|this|that) (?:won't|will not) (?:just )?be a warning\b"
        r"|\b(?:(?:this is|consider this|take this as) your (?:last|final|only) warning|your time is (?:up"
        r"|running out))(?=\s*(?:[,.!:;]|$))",
    ),
    # Harm left unnamed, to be seen: "You'll see what happens if you don't fix this. Just wait."
    cue(
        "wait_and_see_en",
        "intimidation",
        r"\byou(?:'ll| will) see what happens\b|\bjust (?:you )?wait\b(?=\s*(?:[,.!]|$))"
        r"|\bmark my words\b",
    ),
    # A grudge declared: 絶対忘れんからな, 覚えとけよ, 覚えてろ.
    cue(
        "grudge",
        "intimidation",
        r"覚えと(?:け|き)|覚えてろ|覚えてお(?:け|きなさい)|(?:絶対|一生)?忘れ(?:ん|ない|ねえ|へん)から(?:な|ね)",
    ),
)
