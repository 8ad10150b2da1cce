"""English veiled threats, and harassment in both languages: each construction with phrasings of its own and
counter-examples (victim reports, quotation, fiction, idioms, everyday uses, legitimate complaints).
Sentences here are in no evaluation file.
"""

from __future__ import annotations

import pytest

from bot.classifier.normalize import normalize
from bot.classifier.offline import analyse


def _label(text: str, language: str) -> str:
    return analyse(text, language).label


def test_typographic_apostrophes_are_ascii() -> None:
    assert normalize("I’m coming for you").text == "i'm coming for you"
    assert _label("I’ll be coming for you and your kids.", "en") == "threat"


@pytest.mark.parametrize(
    "text",
    [
        # a fate foretold for another person
        "That nurse of yours is gonna wake up in intensive care one of these days.",
        "Tell your driver he'll end up in a body bag if he cuts me off again.",
        "Keep it up and you'll find yourself in the ICU.",
        "Your boss will be pushing up daisies before Christmas.",
        "Cross me again and your manager will be swimming with the fishes.",
        "Someone should fit that manager for concrete shoes... I know a guy.",
        "They'll never find the body.",
        # a hunt announced
        "We'll be coming for you and that shop of yours.",
        "I'm coming back for you, Kevin, and this time I won't be alone",
        "I'm gonna come for you when you least expect it.",
        "I’ll be coming for your kids next.",
        # harm left to be seen
        "Refuse my refund again and watch what happens to your car.",
        "Don't pay me and you'll see what happens to your family.",
        # protection needed
        "You'd better get yourself a bodyguard, mate.",
        "That cashier is going to need police protection when I'm done.",
        "Hire some bodyguards, you're going to need them.",
        "Your manager will need eyes in the back of his head from now on.",
        # a harm that starts somewhere
        "I'll make your life a living hell, starting with your car.",
        # mob idioms and a person made to vanish or left injured
        "I'd hate for something to happen to your little shop.",
        "Nice shop. Shame if something happened to it.",
        "It would be a pity if your tyres got slashed.",
        "You're a dead woman walking.",
        "Nobody talks to me like that and walks away in one piece.",
        "I'd start looking over my shoulder if I were you.",
        "Hope your insurance covers fire.",
        "I'll make you disappear.",
        "Your manager won't be so smug with a broken nose.",
        "I know your daughter walks home alone.",
        "You'll be sorry when your shop is a pile of ashes.",
        "I'm going to come down there and wring your neck.",
    ],
)
def test_english_veiled_threats(text: str) -> None:
    assert _label(text, "en") == "threat", text


@pytest.mark.parametrize(
    "text",
    [
        # victim reports, safety complaints, worry
        "The receptionist is going to end up in the ICU if you don't fix that broken step.",
        "Your staff will end up in hospital from the stress, you need more people on shift.",
        "You'll end up in the ER if you keep eating at this place lol",
        "My husband ended up in the hospital because of your food.",
        "My dad is six feet under, and your funeral home lost his urn.",
        # quotation and fiction
        "In the film the mobster says you'll be sleeping with the fishes.",
        'He said "you\'ll be six feet under" to my husband at your bar.',
        'One of your staff said "I\'m coming for you" to my son. This is unacceptable.',
        # coming for something, not someone
        "I'm coming for you at 6 to pick you up, be ready.",
        "We're coming for your anniversary sale on Saturday!",
        "I'll be coming for your opening night, can't wait!",
        "I'm coming for the refund tomorrow.",
        # what happens to things
        "Let's wait and see what happens to the store after the merger.",
        "Try the new recipe and see what happens to the flavour.",
        "You'll see what happens to your skin after a week of this cream.",
        "We'll see what happens with the weather.",
        # security as a service or a complaint
        "Do you offer bodyguards for private events?",
        "The singer brought a bodyguard to your restaurant and he was rude to us.",
        "You need better security, my bike was stolen from your car park.",
        "Get security to remove the drunk man at table 4 please.",
        "You'll need protection from the sun on your terrace, there's no shade.",
        "You'll need a security code to open the locker.",
        "You should hire more security, the queue was chaos.",
        "Nobody will find your body shop in this maze of a mall.",
        # hazards, damage reports, products, fiction
        "It'd be a shame if something happened to the old cinema, it's a landmark.",
        "I'd hate for something to happen to your staff with that broken heater.",
        "It would be a shame if anything happened to your lovely garden, the drains are blocked.",
        "I felt like a dead man walking after the night shift.",
        "My vase didn't arrive in one piece, please replace it.",
        "I hope your insurance covers the damage to my car.",
        "I'll make your stains disappear with our new product.",
        "The new cream will make your wrinkles vanish.",
        "I know your daughter goes to school with mine.",
        "He won't be so happy with a broken phone, will he? Your courier dropped it.",
        "Please fix the wiring, someone's going to break their neck on those stairs.",
        "A customer is going to break their leg on your broken step.",
        # ordinary escalations of a complaint are not extortion
        "Give me a refund or I'll report you to trading standards.",
        "Send me a replacement or I will cancel my subscription.",
        "Pay me back or I'm calling my bank.",
    ],
)
def test_english_veiled_counter_examples(text: str) -> None:
    assert _label(text, "en") != "threat", text


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # excessive demands: a multiple of the price, a year free, the CEO in person, letters in bulk
        ("I want double my money back for this rubbish.", "en"),
        ("Give me ten times what I paid and we're done.", "en"),
        ("I expect a refund plus six months of free deliveries.", "en"),
        ("The company president must call me himself and apologise.", "en"),
        ("I want your CEO to come to my house and apologise.", "en"),
        ("I want twenty handwritten apology letters, one from each of you.", "en"),
        ("返金は三倍でお願いします", "ja"),
        ("購入金額の5倍を賠償してください", "ja"),
        ("手書きの謝罪文を百枚書いて持ってこい", "ja"),
        ("詫び状は社長直筆で、会社の印鑑押したものを送れ", "ja"),
        ("あの人、別の店舗に異動させてください。見たくないので", "ja"),
        ("給料から弁償しろ、当然だろ", "ja"),
        # a staff member's private contact or home
        ("Give me the cashier's home address.", "en"),
        ("What's the personal phone number of the girl who served me?", "en"),
        ("あの店員のLINE教えてよ", "ja"),
        ("受付の女の子の自宅はどこですか", "ja"),
        # persistence announced
        ("死ぬまで言い続けてやるからな", "ja"),
        ("I'll keep calling for the rest of my life if I have to.", "en"),
        ("責任者が代わるまで電話は切らないからな", "ja"),
        # bare abuse, wishing ruin
        ("Just drop dead.", "en"),
        ("Why dont you drop dead", "en"),
        ("The cashiers are all idiots and garbage.", "en"),
        ("こんな会社、倒産すればいい", "ja"),
        ("黙れ、くず", "ja"),
        ("二度とお前の顔見せんな", "ja"),
        ("I hope your restaurant goes bust.", "en"),
        # reviews in bulk as leverage; staff named and abused in public
        ("Give me a free meal or I'll post fifty one-star reviews.", "en"),
        ("I'm telling everyone online that your manager is a fat pig.", "en"),
        # sexual remarks and discrimination
        ("Great legs on the new girl at the till.", "en"),
        ("Gorgeous, what time do you get off tonight?", "en"),
        ("Those foreigners shouldn't be serving food.", "en"),
        # revenge promised with no harm named
        ("I'm going to get you for this.", "en"),
        ("Next time it won't be a warning.", "en"),
    ],
)
def test_harassment_constructions(text: str, language: str) -> None:
    assert _label(text, language) == "harassment", text


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("I'll never come back, the staff were awful", "en"),
        ("I was charged double the price, please refund the difference.", "en"),
        ("You charged me twice, refund me.", "en"),
        ("I got charged triple for one coffee, please refund the extra.", "en"),
        ("I'd like an apology from the manager for how I was treated.", "en"),
        ("Please ask your CEO to read my letter about the broken lift.", "en"),
        ("The CEO's apology letter was nice, thank you.", "en"),
        ("What's your head office's phone number?", "en"),
        ("Can you ask the driver to call my mobile number?", "en"),
        ("I almost dropped dead when I saw the bill.", "en"),
        ("Drop dead gorgeous cakes, thank you!", "en"),
        ("The movie Drop Dead Fred was playing too loud in the waiting room.", "en"),
        ("The bins at your car park are full of trash.", "en"),
        ("I will keep complaining until the leak is fixed.", "en"),
        ("I'll keep coming here forever, love this place!", "en"),
        ("I will leave an honest review", "en"),
        ("Our waitress had a lovely smile and great service!", "en"),
        ("Your time is up on the parking meter.", "en"),
        ("I'll get you the receipt for this tomorrow.", "en"),
        ("最悪、二度と行かない", "ja"),
        ("料金が2倍になっていたので返金してください", "ja"),
        ("ポイント2倍デーの対象商品を教えてください", "ja"),
        ("謝罪文を受け取りましたが、内容が事実と違います", "ja"),
        ("契約書に実印を押して送りました。確認してください", "ja"),
        ("自腹を切って修理しましたが、保証期間内なので費用を払ってください", "ja"),
        ("担当者が異動になったと聞きましたが、引き継ぎはされていますか", "ja"),
        ("店舗の住所と電話番号を教えてください", "ja"),
        ("担当の方の連絡先（内線番号）を教えてください", "ja"),
        ("店長さんのお名前を教えていただけますか", "ja"),
        ("部屋にゴミ、床に髪の毛。清掃してください", "ja"),
        ("ゴミ収集の日を教えてください", "ja"),
        ("好きなお店なので潰れたら困ります", "ja"),
        ("ずっと言い続けてきたのに改善されません", "ja"),
        ("三時間待たされました。あと何時間待てばいいのですか", "ja"),
    ],
)
def test_harassment_counter_examples(text: str, language: str) -> None:
    assert _label(text, language) not in ("harassment", "threat"), text


def test_rhetorical_question_is_not_a_negation() -> None:
    assert _label("担当者、脳みそ腐ってんじゃねえの?", "ja") == "harassment"
