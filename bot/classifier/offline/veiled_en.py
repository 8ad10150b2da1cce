"""English threats that name no harm verb: a fate foretold, a hunt announced, a warning to get protection.

Each construction needs another person (you, your manager, that cashier) or their property as its target,
never the writer, "my husband" or "someone", so that victim reports and safety complaints stay complaints:
- a fate foretold for a person: "your manager is going to end up in the hospital"
  (`fate_foretold_end_up_en`), "you'll be sleeping with the fishes", "he'll be six feet under"
  (`fate_foretold_be_state_en`), "fitted for a coffin" (`fate_foretold_fitted_for_en`), "they'll never find
  the body" (`fate_foretold_body_never_found_en`) (not "my husband ended up in the hospital", not "you'll end
  up in the ER if you keep eating there");
- a hunt announced (`coming_for_en`): "I'm coming for you and your family", "we're coming for your shop" (not
  "I'm coming for the refund", not "I'm coming for you at six to pick you up");
- harm to someone left to be seen: "keep ignoring me and see what happens to that receptionist"
  (`see_what_happens_or_else_en`, `see_what_happens_to_someone_en`) (not "wait
  and see what happens to the price", not "see what happens with the weather");
- protection needed: "bring a bodyguard next time" (`protection_bring_en`), "you'd better hire security"
  (`protection_hire_en`), "your staff will need protection" (`protection_will_need_en`) (not "protection from
  the sun", "security cameras", "get security to remove him");
- mob idioms: "shame if something happened to your shop" (`mob_idiom_shame_if_happened_en`,
  `mob_idiom_hate_if_happened_en`, `mob_idiom_shame_if_smashed_en`), "a dead man walking"
  (`mob_idiom_dead_man_walking_en`), "nobody walks away in one piece" (`mob_idiom_nobody_in_one_piece_en`,
  `mob_idiom_not_in_one_piece_en`), "look over your shoulder" (`mob_idiom_over_shoulder_en`), "hope your
  insurance covers fire" (`mob_idiom_insurance_en`); a harm that starts somewhere: "I'll make your life hell,
  starting with your car";
- a family member known to be alone: "I know your daughter walks home alone"
  (`person_harmed_relative_alone_en`);
- a person made to vanish or left injured: "I'll make you disappear" (`person_harmed_disappear_en`), "won't be
  so smug with a broken nose" (`person_harmed_smug_broken_en`).
"""

from __future__ import annotations

from bot.classifier.normalize import MAX_SPACE_RUN
from bot.classifier.offline.rules import Rule, threat_rule
from bot.classifier.offline.vocabulary import EN_PERSON_OR_RELATIVE

_PLACE = r"(?:shop|store|house|home|place|business|restaurant|office|car|branch|clinic|salon|cafe|bar)"
# Another person (a subject): you, he, your manager, that pretty receptionist, the driver.
_SUBJ = (
    rf"(?:you|he|she|they|(?:your|that|this|the|those|these) (?:\w+ )?{EN_PERSON_OR_RELATIVE}(?: of yours)?)"
)
# Another person or their property (an object).
_OBJ = (
    rf"(?:you|him|her|them|(?:your|that|this|the|those|these) (?:\w+ )?{EN_PERSON_OR_RELATIVE}"
    rf"|(?:your|that|this) (?:\w+ )?{_PLACE}|every (?:one|last one) of you|all of you)"
)
_SUBJ_OBJ = rf"(?:you|him|her|them|(?:your|that|this|the) (?:\w+ )?{EN_PERSON_OR_RELATIVE})"
_FUT = (
    r"(?:'ll|\s+will|'s going to|'re going to|\s+is going to|\s+are going to|'s gonna|'re gonna|\s+is gonna"
    r"|\s+are gonna|\s+gonna)"
)
_FATE_PLACE = (
    r"in (?:the |a |an )?(?:hospital|icu|er|emergency room|intensive care|morgue|grave|coffin|wheelchair"
    r"|body bag|ditch|traction|cemetery|burn unit)"
)
_FATE_STATE = (
    r"(?:six feet under|pushing up daisies|(?:sleeping|swimming) with the fish(?:es)?|eating through a straw"
    r"|in (?:a|the) (?:wheelchair|body bag|coffin|grave|morgue|box)|on a (?:slab|stretcher))"
)
# A cause that makes the sentence advice or worry, not a threat: from stress, if you keep eating there.
_NOT_CAUSED_BY_ME = (
    r"(?![^.!?]{0,30}\b(?:eat|eating|drink|drinking|food|poison\w*|stress|overwork\w*|allerg\w*|from|because"
    r"|due to|if (?:you|he|she|they) keeps?|at this rate|fix\w*|repair\w*|broken|slippery|wet|ladder|stairs?"
    r"|steps?)\b)"
)

VEILED_EN_RULES: tuple[Rule, ...] = (
    threat_rule(
        "fate_foretold_end_up_en",
        "body",
        rf"\b{_SUBJ}{_FUT}\s+(?:(?:end|wind|wake) up|find (?:him|her|them|your)sel(?:f|ves))\s+"
        rf"(?:{_FATE_PLACE}|{_FATE_STATE}){_NOT_CAUSED_BY_ME}",
        script="en",
    ),
    threat_rule(
        "fate_foretold_be_state_en",
        "body",
        rf"\b{_SUBJ}{_FUT}\s+be\s+{_FATE_STATE}\b{_NOT_CAUSED_BY_ME}",
        script="en",
    ),
    threat_rule(
        "fate_foretold_fitted_for_en",
        "body",
        rf"\b(?:fit|fitted|measure|measured) {_OBJ} for (?:a coffin|a body bag|concrete (?:shoes|boots"
        r"|overcoat))\b",
        script="en",
    ),
    threat_rule(
        "fate_foretold_body_never_found_en",
        "body",
        r"\b(?:no one|nobody|they)(?:'ll| will) (?:never |ever )?find (?:the|your|his|her|their) bod(?:y"
        r"|ies)\b"
        r"(?!\s*(?:shop|lotion|wash|count|work|spray))",
        script="en",
    ),
    threat_rule(
        "coming_for_en",
        "body",
        r"\b(?:(?:i|we)(?:'m|'re| am| are|'ll be| will be|'m going to be|'re going to be)\s+coming"
        r"|(?:i|we)(?:'ll| will|'m going to|'re going to|'m gonna|'re gonna)\s+come)"
        rf"\s+(?:back\s+)?for\s+{_OBJ}(?!'s)\b"
        r"(?![^.!?]{0,30}\b(?:pick(?:ing)? (?:\w+ )?up|collect\w*|lift|ride|in the car|by car|at \d|o'clock"
        r"|sales?"
        r"|opening|anniversary|party|appointment|order|parcel|package|refund)\b)",
        script="en",
    ),
    threat_rule(
        "see_what_happens_or_else_en",
        "body",
        r"(?<!wait )\b(?:and|or|then)\s+(?:just\s+|you(?:'ll| will)\s+|we(?:'ll| will)\s+)?"
        r"(?:see|watch|find out)\s+what (?:happens|will happen|is going to happen"
        rf"|'s going to happen)\s+to\s+{_OBJ}\b",
        script="en",
    ),
    threat_rule(
        "see_what_happens_to_someone_en",
        "body",
        rf"\byou(?:'ll| will)\s+(?:soon\s+)?see what (?:happens|will happen)\s+to\s+{_OBJ}\b",
        script="en",
    ),
    threat_rule(
        "protection_bring_en",
        "body",
        # Spaces bounded as the normalised text bounds them: from every newline of a long run, `\s*` would
        # cost quadratic time.
        rf"(?:^|(?<=[.!?\n])\s{{0,{MAX_SPACE_RUN}}}|\b(?:you(?:'d| had)? better|better|you should|i'd|i would"
        r"|tell (?:him|her|them"
        r"|your \w+|the \w+) to)\s+)(?:bring|hire|get)(?: yourself| yourselves| him| her| them)?(?: a| some)?"
        r"(?: \w+)? bodyguards?\b",
        script="en",
    ),
    threat_rule(
        "protection_hire_en",
        "body",
        r"\b(?:you(?:'d| had)? better|better|you should|i'd|i would) (?:hire|get|bring)(?: yourself"
        r"| yourselves)?(?: some)? (?:security|protection)\b(?!\s+(?:to|for|cameras?|system|guards? for))",
        script="en",
    ),
    threat_rule(
        "protection_will_need_en",
        "body",
        rf"\b{_SUBJ}{_FUT}\s+need (?:(?:a |an |some )?(?:bodyguards?|protection|police protection|security"
        r"|armed guards?)\b(?!\s+(?:to|from|for|clearance|codes?|badges?|cameras?|deposit|checks?|questions?"
        r"|number|key|system|glasses|gear|equipment|gloves|goggles))|eyes in the back of (?:your|his|her"
        r"|their) heads?\b)",
        script="en",
    ),
    threat_rule(
        "mob_idiom_shame_if_happened_en",
        "body",
        r"\b(?:shame|pity|tragedy)\b[^.!?]{0,12}\bif (?:something|anything) (?:bad )?(?:were to |was to "
        r"|should )?"
        rf"happen(?:ed|s)? to (?:it|{_OBJ})\b{_NOT_CAUSED_BY_ME}",
        script="en",
    ),
    threat_rule(
        "mob_idiom_hate_if_happened_en",
        "body",
        r"\bi'd hate (?:for|if) (?:something"
        rf"|anything) (?:bad )?(?:to )?happen(?:ed)? to {_OBJ}\b{_NOT_CAUSED_BY_ME}",
        script="en",
    ),
    threat_rule(
        "mob_idiom_shame_if_smashed_en",
        "body",
        r"\b(?:shame|pity)\b[^.!?]{0,12}\bif (?:your|his|her|that|the) (?:\w+ )?(?:tyres|tires|windows?"
        r"|car|shop"
        r"|store|house|place) (?:got|were|was|get) (?:slashed|smashed|broken|burned|burnt|scratched|keyed"
        r"|torched)\b",
        script="en",
    ),
    threat_rule(
        "mob_idiom_dead_man_walking_en",
        "body",
        r"\b(?:you're|you are|he's|he is|she's|she is|they're|they are) (?:a )?dead (?:man|woman|girl|boy"
        r"|guy|men)"
        r" walking\b",
        script="en",
    ),
    threat_rule(
        "mob_idiom_nobody_in_one_piece_en",
        "body",
        r"\b(?:nobody|no one)\b[^.!?]{0,40}\b(?:walks?|gets? away|leaves?) (?:away )?in one piece\b",
        script="en",
    ),
    threat_rule(
        "mob_idiom_not_in_one_piece_en",
        "body",
        r"\b(?:you|he|she|they|your \w+|that \w+)\b[^.!?]{0,30}\b(?:won't|will not|never|aren't going to"
        r"|isn't going to) (?:walk|leave|go home|make it home)(?: \w+){0,2} in one piece\b",
        script="en",
    ),
    threat_rule(
        "mob_idiom_over_shoulder_en",
        "body",
        r"\b(?:you'd better|you had better|you should|better) (?:start )?look(?:ing)? over your shoulder\b"
        r"|\blook(?:ing)? over my shoulder if i were you\b",
        script="en",
    ),
    threat_rule(
        "mob_idiom_insurance_en",
        "body",
        r"\bhope (?:your|you've got|you have) (?:good |fire |enough )?insurance\b[^.!?]{0,20}"
        r"\b(?:fire|arson|explosions?)\b",
        script="en",
    ),
    threat_rule(
        "person_harmed_disappear_en",
        "body",
        r"\b(?:i(?:'ll| will|'m going to| am going to|'m gonna)|we(?:'ll"
        rf"| will)) (?:\w+ ){{0,2}}?make {_SUBJ_OBJ}"
        r" (?:disappear|vanish)\b",
        script="en",
    ),
    threat_rule(
        "person_harmed_smug_broken_en",
        "body",
        r"\b(?:won't be so|see how|let's see how) (?:smug|cocky|funny|clever|tough|brave|pretty|happy"
        r"|rude)\b"
        r"[^.!?]{0,20}\bwith (?:a|his|her|your|some|no) (?:broken|busted|smashed|missing|black) (?:nose|jaw"
        r"|face|teeth"
        r"|legs?|arms?|ribs?|kneecaps?|fingers?|hands?|eyes?|skull)\b",
        script="en",
    ),
    threat_rule(
        "person_harmed_relative_alone_en",
        "body",
        r"\bi know (?:that )?(?:your|his|her) (?:daughter|son|kids|children|wife|husband|girlfriend"
        r"|boyfriend"
        r"|mother|mum|mom)\b[^.!?]{0,30}\b(?:alone|by (?:her|him|them)sel(?:f|ves)|on (?:her|his|their) own"
        r"|after dark)\b",
        script="en",
    ),
    threat_rule(
        "harm_starting_with_en",
        "property",
        r"\b(?:make (?:your|his|her|their) life (?:a )?(?:living )?hell|make (?:you|him|her|them)"
        r" (?:pay|suffer|regret \w+))\b[^.!?]{0,12}\b(?:starting|beginning) with (?:your|his|her|their)"
        r" (?:car|house|home|family|kids|children|wife|husband|shop|store|business|face)\b",
        script="en",
    ),
)
