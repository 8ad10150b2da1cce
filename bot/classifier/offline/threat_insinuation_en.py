"""English threats made by insinuation (the fifth round): no harm verb, but a construction that only menaces.

- someone else's routine or whereabouts told back (not "your manager leaves at 5 every day so nobody can
  approve refunds", not the writer's own routine): a routine, then an ominous turn, "Your manager leaves
  through the back door at 10pm every night. Tell him I'll be there" (`routine_told_ominous_en`); "tell that
  receptionist I know she takes the 8:15" (`routine_told_tell_i_know_en`); "your staff had better be careful,
  if you know what I mean" (`routine_told_careful_wink_en`); "I've been watching your staff car park"
  (`routine_told_watching_en`); "I know which car is yours" (`routine_told_which_car_en`); "followed your
  delivery guy home" (`routine_told_followed_home_en`);
- a relative's school or routine told back: "your receptionist's daughter goes to Westfield Primary,
  right?" (`relative_whereabouts_en`; not "my daughter goes to ...", not a question about a school);
- a misfortune that befalls those who wrong the writer: "funny how accidents happen to people who cheat
  customers" (`misfortune_deserved_en`; not "accidents happen to people who ignore the safety signs");
- property insinuations (not "hope your windows hold up in the storm", not a faulty heater that might catch
  fire): "checking under their cars" (`property_insinuation_check_under_car_en`), "be a shame if a brick found
  its way through that window" (`property_insinuation_brick_through_en`), "nice house, would be a pity if it
  caught fire" (`property_insinuation_nice_house_shame_en`), "shame if your shop caught fire"
  (`property_insinuation_shame_caught_fire_en`), "I'd hate for your van to catch fire"
  (`property_insinuation_hate_to_catch_fire_en`), "pity if your windows got put through"
  (`property_insinuation_shame_windows_en`), "hope your tyres stay in one piece"
  (`property_insinuation_hope_intact_en`);
- confinement (not "I'm not leaving until", which is the writer refusing to leave, harassment): "nobody
  leaves until I get my money" (`confinement_nobody_leaves_en`), "I'm not letting anyone out until"
  (`confinement_not_letting_out_en`), "I'll keep you all in there until" (`confinement_kept_in_until_en`),
  "I'll lock you all in" (`confinement_locked_in_en`);
- proxies (not "my brother will pick up the order", not "my lawyer"): "I've got friends who know where you
  live" (`proxy_crew_visit_en`), "my cousin's boys don't take kindly to people ripping me off"
  (`proxy_crew_impatient_en`), "friends in low places" (`proxy_low_places_en`), "a visit, and they won't be
  shopping" (`proxy_visit_no_shopping_en`);
- wordplay on the demand: "fix my order or I'll fix your face", "sort it or I'll sort you out"
  (`wordplay_fix_you_en`), "I'll rearrange your face" (`wordplay_rearrange_face_en`), "or I'll smash your
  teeth" (`wordplay_or_else_teeth_en`), "I'll knock your teeth out" (`wordplay_knock_out_en`).

Quotation and negation are judged afterwards by `context`, as for every threat rule.
"""

from __future__ import annotations

from bot.classifier.offline.rules import Rule, threat_rule
from bot.classifier.offline.vocabulary import EN_NO_SENT, EN_PERSON_AT_SERVICE, EN_RELATIVE

# Someone else: your manager, that cashier, the girl at the till, your receptionist's daughter.
_OTHER = (
    rf"(?:(?:your|that|the|this|those|these) (?:\w+ ){{0,2}}?{EN_PERSON_AT_SERVICE}"
    rf"(?: of yours|'s {EN_RELATIVE}"
    r"|(?: on| at| behind) the (?:till|counter|desk|door|bar|front desk|checkout|register))?"
    rf"|(?:your|his|her|their) {EN_RELATIVE}"
    rf"|(?:your|that|the) (?:\w+ )?{EN_PERSON_AT_SERVICE}'s {EN_RELATIVE}|he|she|they)"
)
_ROUTINE = (
    r"(?:leaves?|walks?(?: home| out| to)?|gets? off|finish(?:es)?|clocks? (?:off|out)|locks? up|closes? up"
    r"|goes (?:home|to)|go (?:home|to)|drives? (?:home|a|an|the)|parks?|takes? the|catch(?:es)? the"
    r"|gets? picked up"
    r"|goes|attends?|smokes?|takes? (?:his|her|their) (?:break|lunch|dog))"
)
_TIME_PLACE = (
    r"(?:\d{1,2}(?::\d\d)?\s*(?:am|pm|o'clock)|\d{1,2}:\d\d|every (?:night|morning|day|evening|week|\w+day)"
    r"|back door|back way|staff exit|side door|fire exit|car ?park|parking lot|bus stop|alone|by (?:him"
    r"|her)self"
    r"|on (?:his|her|their) own|pickup|pick-up|school|primary|nursery|kindergarten|academy|college|midnight"
    r"|\w+ door|after (?:his|her|their) shift|after closing|through the park)"
)
# What turns a routine told back into a menace.
_OMINOUS = (
    r"(?:tell (?:him|her|them) i(?:'ll| will) be (?:there|waiting|outside|around)|tell (?:him|her"
    r"|them) i said"
    r"|i(?:'ll| will)(?: \w+)? be (?:waiting|outside|there|around)(?: waiting)? (?:for (?:him|her|them)"
    r"|to (?:say|greet|meet)"
    r"|when (?:he|she|they))|to say (?:hi|hello)|small world|nice (?:house|car|home|place|street"
    r"|neighbou?rhood)|lovely (?:house|car|home|family|kids?)|(?:shame|pity) if|hope (?:he|she|they|your \w+)"
    r" (?:gets? home|makes? it home|stays? safe|(?:is|are) careful)|watch (?:his|her|their) back"
    r"|i(?:'ve| have) (?:been watching|watched|followed)|i(?:'ll| will) be around|if you know what i mean"
    r"|something (?:bad )?happen(?:ed|s)\b)"
)

_CREW = (
    r"(?:(?:my|some of my) (?:\w+(?:'s|s') )?(?:boys|lads|guys|crew|gang|associates|heavies)"
    r"|(?:some )?(?:friends|associates) of mine|(?:some )?people i know"
    r"|i(?:'ve got| have| know) (?:some )?(?:friends|people|guys|mates|boys|lads|associates) (?:who|that))"
)
_PROXY = (
    r"(?:(?:my|some of my) (?:cousin|brother|uncle|dad|son|friend|mate|pal|nephew)s?|(?:my|some of my)"
    rf" (?:\w+(?:'s|s') )?(?:boys|lads|guys|crew|gang|associates|heavies)|{_CREW})"
)

INSINUATION_EN_RULES: tuple[Rule, ...] = (
    threat_rule(
        "routine_told_ominous_en",
        "freedom",
        # The routine stated, then an ominous turn in the same or the next two sentences.
        rf"\b(?<!my )(?<!our ){_OTHER} (?:always |usually |still |normally )?{_ROUTINE}\b"
        rf"{EN_NO_SENT}{{0,50}}?"
        rf"\b{_TIME_PLACE}\b[^\n]{{0,90}}?{_OMINOUS}",
    ),
    threat_rule(
        "routine_told_tell_i_know_en",
        "freedom",
        # A message that the writer knows someone's routine: tell that receptionist I know she takes the 8:15.
        r"\btell (?:him|her|them|(?:your|that|the) (?:\w+ ){0,2}?\w+) (?:that )?i (?:know|'ve seen"
        r"|have seen)"
        rf"(?: that)? (?:he|she|they|his|her|their)\b{EN_NO_SENT}{{0,40}}?"
        r"\b(?:\d{1,2}(?::\d\d)?\s*(?:am|pm)"
        r"|\d{1,2}:\d\d|train|bus|back door|staff exit|car ?park|walks? home|drives? home|school)\b",
    ),
    threat_rule(
        "routine_told_careful_wink_en",
        "freedom",
        # Staff advised to be careful, with a wink: ..., if you know what I mean.
        rf"\b(?:your|that|the) (?:\w+ ){{0,2}}?{EN_PERSON_AT_SERVICE}"
        r" (?:should|had better|'d better|better|might want to"
        r"|want to)"
        r" (?:be careful|watch out|watch (?:their|his|her) backs?|look over)[^.!?]{0,60}\bif you (?:know|get"
        r"|catch)"
        r" (?:what|my) (?:i mean|drift)\b",
    ),
    threat_rule(
        "routine_told_watching_en",
        "freedom",
        # Watching declared: I've been watching your staff car park.
        r"\bi(?:'ve| have) been (?:watching|keeping an eye on|following) (?:your|that|the|his"
        r"|her) (?:\w+ ){0,2}?"
        r"(?:car ?park|parking lot|back door|staff exit|staff entrance|house|home|kids|children|family"
        r"|daughter"
        r"|son|wife|husband)\b",
    ),
    threat_rule(
        "routine_told_which_car_en",
        "freedom",
        # Knowing which car, house or route is someone's: I know which car is yours.
        r"\bi (?:know|found out|worked out|figured out|saw) (?:exactly )?(?:which|what) (?:car|house|flat"
        r"|apartment|bike|bus|train|route|school|street|door) (?:is (?:yours|his|hers|theirs)|(?:you|he|she"
        r"|they|your \w+) (?:drives?|takes?|lives? in|uses?|goes? to|parks?))\b"
        r"(?![^.!?]{0,12}\b(?:because|since|as|from|cause|cos|when|after|you|blocked|parked|hit|scratched))",
    ),
    threat_rule(
        "routine_told_followed_home_en",
        "freedom",
        # Followed someone home: followed your delivery guy home yesterday.
        rf"\bfollow(?:ed|ing)? (?:your|that|the) (?:\w+ ){{0,2}}?{EN_PERSON_AT_SERVICE}"
        r" (?:all the way )?(?:home|back to"
        r" (?:his|her|their) (?:house|home|place|flat))\b",
    ),
    threat_rule(
        "relative_whereabouts_en",
        "family",
        # Someone else's child at school, with the detail or the tag that makes it a message.
        rf"\b(?:(?:your|his|her|their) (?:little )?(?:daughter|son|kids?|children|girl|boy)s?"
        rf"|(?:your|that|the) (?:\w+ )?{EN_PERSON_AT_SERVICE}'s"
        r" (?:little )?(?:daughter|son|kids?|children|girl|boy)s?)"
        r" (?:goes|go|walks?|attends?|is at|are at|gets? picked up|takes? the bus)\b[^\n]{0,60}?"
        r"(?:right\s*\?|isn't (?:it|that)|doesn't (?:she|he)|don't they|small world|pick-?up(?:'s| is)? at"
        r"|\d{1,2}:\d\d|every (?:morning|day|afternoon)|alone|by (?:him|her)self)",
    ),
    threat_rule(
        "misfortune_deserved_en",
        "body",
        r"\b(?:accidents?|bad things|fires?|misfortunes?|terrible things|things|injuries)"
        r" (?:\w+ ){0,3}?(?:happen(?:s|ing)? to|go(?:es|ing)? wrong for|befalls?) (?:people|those|folks"
        r"|businesses|shops|stores|companies|staff"
        r"|anyone|places|cashiers|managers|workers|guys|men|women)(?: \w+)? (?:who|that|like you|like yours)"
        # ...by wronging the writer or customers (not by ignoring safety signs or crossing the road).
        r"(?: \w+)? (?:cheat\w*(?! (?:on|at)\b)|scam\w*|overcharg\w*|short-?chang\w*|disrespect\w*"
        r"|mistreat\w*"
        r"|rip\w* (?:\w+ )?off|con\w* (?:me|us|customers|people|their)|screw\w* (?:\w+ )?over|l(?:ie|ies"
        r"|ying) to"
        r"|mess\w* (?:with|around) (?:me|us|customers|people|the wrong)|cross\w* (?:me|us|the wrong)"
        r"|wrong\w* (?:me|us|customers)|ignor\w* (?:me|us|customers|complaints|their customers)|steal\w* from"
        r"|rob\w* (?:me|us|customers|people)|treat\w* (?:me|us|customers|people) (?:like|badly)"
        r"|(?:don't|won't|refuse to) refund)",
    ),
    threat_rule(
        "property_insinuation_check_under_car_en",
        "property",
        r"\b(?:might|may|should|'d better|better|want to|wanna|ought to|i'd|i would|advise|suggest|start)"
        r" (?:\w+ ){0,2}?check(?:ing)? under (?:their|your|his|her|the (?:staff|manager)'s) (?:\w+ )?"
        r"(?:cars?|vans?|vehicles?|trucks?)\b(?![^.!?]{0,40}\b(?:oil|leak\w*|cats?|kittens?|damage|rust"
        r"|drip\w*"
        r"|fluid|puddle|exhaust))",
    ),
    threat_rule(
        "property_insinuation_brick_through_en",
        "property",
        # Be a shame if a brick found its way through that window.
        rf"\b(?:shame|pity|tragedy)\b{EN_NO_SENT}{{0,12}}"
        r"\bif (?:a|some|this|the|my) (?:\w+ )?(?:brick|rock|stone"
        r"|bullet|lighter|molotov|petrol bomb|firebomb)s?\b"
        rf"{EN_NO_SENT}{{0,40}}"
        r"\b(?:through|into|onto|near|at|on|in) (?:your|that|the|this|those|his|her|their)\b",
    ),
    threat_rule(
        "property_insinuation_nice_house_shame_en",
        "property",
        # Nice house. Would be a pity if it caught fire.
        r"\b(?:nice|lovely|cute|pretty|beautiful|fine) (?:little |new |big )?(?:house|home|shop|store|place"
        r"|car|business|restaurant|cafe|salon|premises|window|windows|van|garden)\b[^\n]{0,40}?"
        r"\b(?:shame|pity|tragedy)\b[^.!?]{0,12}\bif\b[^.!?]{0,40}\b(?:fire|burn\w*|brick|rock|stone|smash\w*"
        r"|broke|broken|happen\w*|accident\w*|damage\w*|vandal\w*|went up|caught|torch\w*)\b",
    ),
    threat_rule(
        "property_insinuation_shame_caught_fire_en",
        "property",
        rf"\b(?:shame|pity|tragedy)\b{EN_NO_SENT}{{0,12}}"
        r"\bif your (?:\w+ )?(?:shop|store|house|home|car|place|van"
        r"|business) (?:caught|catches|were to catch) (?:fire|alight)\b"
        r"(?![^.!?]{0,40}(?:faulty|wiring|heater|socket|charger|battery|overheat))",
    ),
    threat_rule(
        "property_insinuation_hate_to_catch_fire_en",
        "property",
        # I'd hate for your van to catch fire; be a pity if your windows got put through.
        r"\b(?:i'd|i would) hate (?:for|if) (?:your|that|his|her|their) (?:\w+ )?(?:shop|store|house|home"
        r"|car"
        r"|van|place|business|windows?|tyres|tires) (?:to )?(?:catch|caught|catches) (?:fire|alight)\b",
    ),
    threat_rule(
        "property_insinuation_shame_windows_en",
        "property",
        r"\b(?:shame|pity|tragedy)\b[^.!?]{0,12}\bif (?:your|that|his|her|their|the) (?:\w+ )?(?:windows?"
        r"|windscreen|door|doors) (?:got|were|was|get) (?:put through|put in|kicked in|caved in|put out)\b",
    ),
    threat_rule(
        "property_insinuation_hope_intact_en",
        "property",
        # Hope your tyres stay in one piece.
        r"\bhope (?:your|his|her|their|that|the \w+'s) (?:\w+ )?(?:tyres|tires|windows?|windscreen"
        r"|windshield"
        r"|brakes|car|van|house|shop|store|kneecaps|legs|face|teeth|knees|fingers)"
        r" (?:stays?|holds?|remains?|keeps?|survives?|are|is|make it)"
        r" (?:up|in one piece|intact|unbroken|attached|where they are|the (?:week|night|month|weekend))\b"
        r"(?!\s+(?:better|longer|in (?:the|this) (?:storm|wind|weather|snow|heat|cold|rain)|on (?:the|those)"
        r" (?:roads?|potholes)|against|after))",
    ),
    threat_rule(
        "confinement_nobody_leaves_en",
        "freedom",
        r"\b(?:nobody|no one|none of (?:you|them|your staff)|not (?:one|a single) (?:one |person )?of"
        r" (?:you|them)|not a single (?:one|person|soul)|no staff)"
        r"(?:'s|'ll| is| will)? (?:leaves?|leaving|go(?:es|ing)? (?:home|anywhere)|gets? out|getting out"
        r"|walks? out|steps? outside)\b"
        rf"{EN_NO_SENT}{{0,30}}?"
        r"\b(?:until|till|unless|before) (?:i\b|we\b|my\b|our\b|\w+ (?:gives?|pays?) (?:me"
        r"|us)\b)",
    ),
    threat_rule(
        "confinement_not_letting_out_en",
        "freedom",
        r"\bi(?:'m| am)? (?:not|won't|will not|'m not going to) (?:be )?(?:letting|let|allow|allowing)"
        r" (?:anyone|anybody|you|them|your \w+|the \w+|him|her|a single (?:one|person)|any of (?:you|them"
        r"|your \w+|the \w+))"
        rf"(?: \w+){{0,2}}? (?:leave|go|out)\b{EN_NO_SENT}{{0,30}}?\b(?:until|till|unless)\b",
    ),
    threat_rule(
        "confinement_kept_in_until_en",
        "freedom",
        # (not "keep you in the loop until", not "keep them in the fridge until")
        r"\b(?:keep|lock|shut|trap) (?:you|you lot|you all|all of you|everyone|your staff"
        r"|the staff)(?: all)?"
        r" (?:in there|in here|inside|locked (?:in|up)|in)(?: (?:there|here|the (?:shop|store|building|office"
        r"|back room|room)))?\s+(?:until|till|unless)\b",
    ),
    threat_rule(
        "confinement_locked_in_en",
        "freedom",
        r"\b(?:i(?:'ll| will|'m going to|'m gonna)|we(?:'ll| will)) (?:\w+ )?lock (?:you|them|him|her"
        r"|everyone"
        r"|every one of you|all of you|your staff|the staff)(?: all)? (?:in|inside)\b",
    ),
    threat_rule(
        "proxy_crew_visit_en",
        "body",
        # Anyone the writer sends or knows (my brother, friends of mine) doing what only menaces.
        rf"\b{_PROXY}(?:'ll|'d| will| are| would)?\s*(?:\w+ ){{0,2}}?"
        r"(?:(?:be )?pay(?:ing)? (?:you|him|her|them|(?:your|that"
        rf"|the) (?:\w+ )?{EN_PERSON_AT_SERVICE}) a (?:little )?visit"
        r"|(?:know|knows) where (?:you|he|she|they|your \w+) (?:live|lives|park|parks)"
        rf"|(?:be )?com(?:e|ing) (?:for|after) (?:you|him|her|them|your (?:\w+ )?{EN_PERSON_AT_SERVICE})\b"
        r"|(?:happily |gladly )?wait(?:ing)? for (?:you|him|her|them|your \w+|that \w+) (?:after (?:work"
        r"|(?:your|his|her) shift|closing|hours|dark)"
        r"|in the car ?park|out the back)|(?:would|'d) (?:love|like|be happy) to"
        r" (?:meet|visit|have a (?:word|chat) with) (?:you|him|her|them|your \w+|that \w+) (?:after|outside"
        r"|in the car ?park|one night|alone))",
    ),
    threat_rule(
        "proxy_crew_impatient_en",
        "body",
        # A crew (my cousin's boys, the lads, people I know) whose patience is at an end.
        rf"\b{_CREW} (?:don't|do not|won't|aren't|are not|won't be)\s*(?:take kindly to (?:people|anyone"
        r"|anybody"
        r"|those|folks|someone|shops|businesses|companies|you|staff|\w+ who)|(?:as|so) (?:patient|nice|polite"
        r"|forgiving|understanding|reasonable|friendly|gentle))",
    ),
    threat_rule(
        "proxy_low_places_en",
        "body",
        r"\bfriends in low places\b",
    ),
    threat_rule(
        "proxy_visit_no_shopping_en",
        "body",
        r"\bvisit\b[^.!?\n]{0,20}\bthey won't be (?:shopping|buying anything)\b",
    ),
    threat_rule(
        "wordplay_fix_you_en",
        "body",
        # The demand's own verb turned on a person: fix my order or I'll fix your face.
        r"\b(?:fix|sort|settle|handle|finish|end)(?: out)? (?:my|the|this|it)\b[^.!?\n]{0,30}?\bor (?:else )?"
        r"(?:i(?:'ll| will|'m going to|'m gonna)|i) (?:\w+ )?(?:fix|sort|settle|handle|finish|end)(?: out)?"
        r" (?:you|him|her|them|your (?:face|teeth|legs|head|nose|kneecaps))\b"
        r"(?! (?:up|a|an|some|with|in court|legally|through))(?! out (?:in court|legally|through))",
    ),
    threat_rule(
        "wordplay_rearrange_face_en",
        "body",
        r"\b(?:i(?:'ll| will|'m going to|'m gonna)|or i) (?:\w+ )?(?:fix|rearrange|redecorate|remodel"
        r"|adjust|mess up|fuck up|bust|split|open up|cave in) (?:your|his|her|their)"
        r" (?:face|nose|jaw|head|skull|kneecaps|lip)\b",
    ),
    threat_rule(
        "wordplay_or_else_teeth_en",
        "body",
        r"\bor (?:else )?i(?:'ll| will|'m going to|'m gonna)? (?!(?:see|check|examine|clean|whiten|treat|fix"
        r"|photograph|x-ray|look at|brush|film|report|name|show|post|need)\b)\w+ (?:your|his|her|their)"
        r" (?:teeth|face|jaw|nose|skull|kneecaps|legs|neck)\b(?! (?:in court|on (?:camera|tv|the news)))",
    ),
    threat_rule(
        "wordplay_knock_out_en",
        "body",
        r"\b(?:i(?:'ll| will|'m going to|'m gonna)|or i) (?:\w+ )?knock (?:your|his|her|their) (?:teeth"
        r"|block|lights)"
        r" (?:out|in|off)\b",
    ),
)
