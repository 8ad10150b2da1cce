"""English threats without a harm verb (someone's whereabouts told back, exposure as leverage, misfortune
promised, confinement, proxies) and English harassment: constructions behind holdout11's misses, each with
phrasings of its own and counter-examples (complaints about staff, the writer's own routine, safety remarks,
quotation, fiction). Sentences here are in no evaluation file.
"""

from __future__ import annotations

import pytest

from bot.classifier.normalize import normalize
from bot.classifier.offline import analyse


def _label(text: str) -> str:
    return analyse(text, "en").label


@pytest.mark.parametrize(
    "text",
    [
        # a staff member's routine or whereabouts told back, then an ominous turn
        "That blonde cashier of yours finishes at 9pm on Thursdays and walks to the bus stop alone. Tell her "
        "I'll be waiting.",
        "The pharmacist leaves by the staff exit at 6:30 every evening. I'll be outside waiting for him.",
        "Your manager parks in the car park every morning at 7. Small world, I park there too now.",
        "Your driver walks home alone after 11pm every night. Hope he gets home safe.",
        "I know exactly which house is his. Blue door, number 12.",
        "I know which bus your receptionist takes home.",
        "I followed that rude waitress all the way home last night.",
        # a relative's school or routine told back
        "Your son goes to St Mary's, doesn't he? Lovely school.",
        "The manager's little girl gets picked up at 3:30 every day. Small world.",
        # exposure as leverage
        "Give me my money back or I'll put your manager's home address all over Twitter.",
        "Pay me £2,000 or the photos of your receptionist go viral.",
        "Refund me or your cashier's address and her kids' school end up all over the internet.",
        "Pay me or the recording of your waiter goes online with his home address.",
        # misfortune that befalls those who wrong the writer
        "Bad things happen to people who rip off pensioners.",
        "Funny how fires tend to happen to businesses that scam their customers.",
        # property insinuations
        "You should check under your cars before you drive home, all of you.",
        "Be a shame if a rock went through your shop window one night.",
        "Lovely house your manager has. Shame if it caught fire.",
        "Hope your van stays in one piece parked out there.",
        "Hope your windows stay intact this week.",
        "Shame if your shop caught fire one night.",
        # confinement
        "Nobody is leaving this shop until I get my refund.",
        "No one goes home until I get what I'm owed.",
        "I won't let any of your staff leave until I'm paid.",
        "I'll lock you all in and nobody gets out until the manager apologises.",
        # proxies
        "I've got friends who know where your manager lives.",
        "Some friends of mine would love to meet your cashier after work.",
        "I know people who will be paying your manager a little visit.",
        "I have friends in low places, remember that.",
        "My mates will be coming for your driver.",
        "My brother's boys don't take kindly to anyone who rips me off.",
        # the demand's verb turned on a person
        "Sort my refund out or I'll sort you out.",
        "Fix this mess or I'll rearrange your face.",
        "Handle my complaint today or I'll handle you myself.",
        "Refund me or I'll knock your teeth out.",
        # leetspeak
        "i will sh00t u all",
        "ur dead, gonna st@b u",
        "gonna ki11 y0u",
        "i'll b0mb your shop",
        # a second batch, written after the first rules and used to widen them
        "Tell that little receptionist I know she takes the 8:15 train every morning.",
        "Your head chef leaves by the kitchen door at midnight. I'll be around.",
        "The girl on the till walks through the park after her shift. Shame if something happened.",
        "I've been watching your staff car park. The red Corolla is the manager's, isn't it?",
        "Refund me £300 or the footage of your bouncer gets sent to his wife.",
        "Send me £1,000 or everyone at your son's school sees the photos.",
        "Be a pity if your shop windows got put through one night.",
        "I'd hate for your van to catch fire.",
        "Funny how things keep going wrong for people who rip me off.",
        "Your staff should be careful walking to their cars at night, if you know what I mean.",
        "Next time I'll block the door and keep you lot in there till I'm paid.",
        "I've got mates who'd happily wait for your manager after closing.",
        "Refund my order or I'll refund your teeth.",
    ],
)
def test_insinuated_threats(text: str) -> None:
    assert _label(text) == "threat"


@pytest.mark.parametrize(
    "text",
    [
        # routines in complaints, questions and the writer's own life
        "Your manager leaves at 5pm every day, so nobody can approve refunds after that. Please fix this.",
        "I've seen your staff leave through the back door at 10pm every night without locking it. That's a "
        "security risk.",
        "My daughter goes to Westfield Primary and I need the order before pickup at 3:15, right?",
        "What time does your pharmacist leave every evening? I need to pick up a prescription.",
        "I leave work at 10pm every night, so please deliver after that.",
        "Your driver parks in the disabled bay every morning at 8. Please stop this.",
        "I know which car is yours because you blocked my driveway for two hours.",
        "Your staff walk to their cars alone at night in a dark car park. Please put in better lighting.",
        "Your driver followed me home and kept asking for my number. I want this investigated.",
        "I followed the driver back to his car to get my parcel and he refused to hand it over.",
        # publicity that is not exposure of a private life
        "Refund me by Friday or I'll leave a bad review on Google.",
        "Pay me back or I'm taking this to the small claims court.",
        "Please refund me, otherwise I will post my experience on Facebook.",
        # safety remarks and accidents
        "Accidents happen to people who ignore the safety signs.",
        "Accidents happen to people who don't pay attention on stairs.",
        "Bad things happen to people who cross the road without looking.",
        "You should check under your car for oil leaks, the mechanic said yours was dripping.",
        "I hope your windows hold up in the storm tonight!",
        "Nice shop, shame about the rude staff. I want a refund.",
        "Lovely restaurant, but a pity if the service doesn't improve. Please train your staff.",
        "Your heater is faulty. It would be a shame if your shop caught fire because of the wiring.",
        "The tyres you fitted were faulty. Hope your tyres hold up better than mine did.",
        "Funny how accidents always happen at this branch — your forklift hit my car again. Compensate me.",
        # staying, waiting and reported confinement
        "I'm not leaving until I get my refund.",
        "Your staff told me nobody leaves until the manager counts the till, so I was stuck for 20 minutes.",
        "No one could leave until the fire alarm was reset, and we missed our train. Refund please.",
        "I won't let your staff go unpunished for this rudeness. I want a formal apology.",
        # relatives and friends who are no menace
        "My brother will come by the store to pick up the order.",
        "My friends and I will never shop here again.",
        "I have friends who work in retail and they say this is illegal.",
        "My husband will be waiting for you outside the building to collect the parcel.",
        "My friends will be paying your restaurant a visit for my birthday next week, please book a table.",
        "My friends don't take kindly to bad coffee either, we won't be back.",
        "My friends aren't as patient as I am, they left after 30 minutes of waiting.",
        "We complained and they won't be shopping here again.",
        "I'll pay your store a visit tomorrow to return the kettle.",
        "I found your store's address online but the map is wrong.",
        # fixing things
        "Fix my order or I'll fix it myself and send you the bill.",
        "Please fix my boiler or I'll sort it out in court.",
        # second batch counters
        "Your head chef always leaves at midnight, so the kitchen is unsupervised and the hygiene is awful.",
        "I'd hate for your business to lose customers over this, please train your staff better.",
        "Be a pity if you lost a loyal customer over £5. Please refund me.",
        "My boys and I were kept waiting 40 minutes for a table. Unacceptable.",
        "Nobody answered the phone until I called five times. Please improve your service.",
        "My son goes to Oakfield Academy and your bus never arrives on time. Please fix the route.",
        "Funny how the card machine always breaks when I want to pay by card.",
        "We'd be happy to pay a visit to your new branch once the renovations are done!",
        "Fix my crown or I'll see your face in court.",
        "Refund me or I'll name your manager in my review.",
        "Tell your manager I know he leaves early every day and it's unfair on the rest of the staff.",
        "Keep them in the fridge until they're cool, the recipe said, but your cake arrived warm.",
        "Please keep me in the loop until the repair is done.",
        # numbers in ordinary complaints
        "Order 101 arrived with 3 items missing, 2x4s and a B4 sheet. Refund please.",
        "I ordered a 5kg bag and got 500g. Refund please.",
    ],
)
def test_not_threats(text: str) -> None:
    assert _label(text) != "threat"


def test_leetspeak_is_read_one_character_for_one() -> None:
    norm = normalize("gonna k1ll u, ki11 y0u, st@b, sh00t, b0mb, k!ll!!")
    assert norm.text == "gonna kill u, kill you, stab, shoot, bomb, kill!"
    assert norm.quote(6, 10) == "k1ll"
    for plain in ("room 101", "2x4s", "b4 5pm", "mp3 player", "covid19", "h3ll0 w0rld"):
        assert normalize(plain).text == plain


@pytest.mark.parametrize(
    "text",
    [
        "My brother-in-law is a police superintendent. I'd be careful if I were you.",
        "My wife's best friend is a journalist at the Herald.",
        "You'd better think twice about how you treat me.",
        "I refuse to be served by a woman. Get me a man.",
        "I won't deal with people who can't speak proper English.",
        "The waitresses should be showing a bit more leg.",
        "Tell the girls at the front desk to wear tighter tops.",
        "Consider this your final warning.",
    ],
)
def test_english_harassment(text: str) -> None:
    assert _label(text) == "harassment"


@pytest.mark.parametrize(
    "text",
    [
        "My brother is an electrician and he says the wiring you installed is unsafe. Please send someone.",
        "My daughter is a nurse and she said the cut needed stitches. I want compensation.",
        "I'd like to be served by someone who speaks Spanish if possible, my English is poor.",
        "I asked for a female doctor for my examination and was given a male one without being asked.",
        "Your staff should wear gloves when handling food. I saw someone touch bread with bare hands.",
        "The school uniform skirts you sold me are shorter than the size chart says. Refund please.",
        "I tripped over a loose cable in your store last week. How do I make a claim for my knee?",
    ],
)
def test_english_complaints_stay_complaints(text: str) -> None:
    assert _label(text) == "legitimate"
