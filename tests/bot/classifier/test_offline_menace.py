"""The menace detector: a target, a harm and a menace together are a threat in any wording; each part alone,
or all three in a report, a denial, a question, a hazard or a story, are not. Sentences in no eval file."""

from __future__ import annotations

import pytest

from bot.classifier.normalize import normalize
from bot.classifier.offline import analyse
from bot.classifier.offline.menace import menace_hits


def _lang(text: str) -> str:
    return "en" if text[:1].isascii() else "ja"


@pytest.mark.parametrize(
    "text",
    [
        "あの新人、シフト終わりに裏で待っとくけえ。骨の一本くらいは覚悟しとけや",
        "お前の店の看板、今夜ペンキで真っ黒にしたるからな",  # property, Kansai
        "担当の方のご家族、何があっても当方は存じ上げませんので",  # polite, family
        "店長の車、次来たらタイヤに釘刺しとくわ",
        "あんたの顔写真、住所と一緒にネットにばらまいとくから",  # honour
        "倉庫に閉じ込めて朝まで出さないからな",  # freedom, no target named
        "Touch my order again and I'll break your driver's arm, I swear.",
        "Your cashier walks to the bus stop alone at 9. I'll be waiting for her next time.",
        "Pay me back or your manager's home address goes up on Facebook tonight.",
    ],
)
def test_a_target_a_harm_and_a_menace_are_a_threat(text: str) -> None:
    assert analyse(text, _lang(text)).label == "threat", text


@pytest.mark.parametrize(
    "text",
    [
        "店員さんに「次来たら骨折らすぞ」と言われました。本社として対応してください",  # a report
        "帰り道に転んで骨を折ったので、明日の予約はキャンセルします",  # the writer's own harm
        "夜道は暗くて危ないので、スタッフの皆さんも帰りは気をつけてくださいね",  # care
        "うちの子は一度痛い目を見ないと分からないんです、ご迷惑おかけしました",
        "殴ったりはしませんが、今度の対応次第では本社に連絡しますからね",  # denial + lawful step
        "映画で主人公が敵の車を燃やすシーン、明日もう一回見に行くわ",  # a story
        "I'll send your manager photos of the damage tomorrow so he can see it.",
        "Next time I'll follow up with your manager directly about the refund.",
        "It would be a shame if your shop caught fire, the wiring in the toilet is sparking.",  # hazard
        "I'll be waiting at the counter tomorrow for my refund, please have it ready.",
    ],
)
def test_reports_denials_care_hazards_and_stories_are_not(text: str) -> None:
    assert analyse(text, _lang(text)).label != "threat", text


def test_one_or_two_parts_are_not_enough() -> None:
    for text in [
        "今夜行くからな",
        "お前の車、燃費悪そうだな",
        "I'll be there tomorrow, your staff better be ready.",
    ]:
        assert not menace_hits(normalize(text).text), text


@pytest.mark.parametrize(
    "text",
    [
        "That loose shelf is going to hurt somebody one day, please fix it.",  # a thing as the subject
        "Your bus driver texts at the wheel every morning. Someone's going to get killed.",  # a hazard
        "充電器からバチッと爆発するような音がしました。交換してください",  # 爆発するような (a sound like)
        "注射は血を見るのが怖いので、寝たまま受けられますか",  # 血を見るのが (afraid of blood)
        "来週の決勝、殺す気で挑むわ。応援よろしく！",  # 殺す気で (all-out)
        "御社のトラックが毎朝8時ごろ通学路を飛ばしています。いつか子どもがはねられます",  # a danger, passive
    ],
)
def test_hazards_and_idioms_with_the_surface_of_a_threat_are_not_threats(text: str) -> None:
    assert analyse(text, _lang(text)).label != "threat", text


@pytest.mark.parametrize(
    "text",
    [
        "あの薬局の薬剤師の姉ちゃん、閉店後どこから帰るかもう分かってる。楽しみにしとけ",  # schedule
        "受付の佐藤、あんたの本名と勤務先、掲示板に貼っといたるわ",  # honour
        "あの看護師にも、家族を失う苦しみを味わわせてやる",  # revenge as the same suffering
        "返金せんなら、お前んとこの弁当に何か混ぜといたるけえ",  # food tampering, Hiroshima
        "Refund me or your cashier's wife sees every one of these photos.",  # exposure to someone close
        "I know which train your receptionist takes home. Think about that.",
        "Fix this or I'm locking your technician in my basement next time he comes.",
    ],
)
def test_schedules_exposure_revenge_tampering_and_confinement_are_threats(text: str) -> None:
    assert analyse(text, _lang(text)).label == "threat", text


@pytest.mark.parametrize(
    "text",
    [
        "薬剤師さんが閉店後どこから帰るか知ってますか？忘れ物を届けたいので",  # a question, kind
        "料理に何か混ぜたのか、食べたら舌がしびれました。原因を調べてください",  # a victim's suspicion
        "I know which train goes to the airport, thanks for the help earlier!",
        "I'm locking my bike in your car park tonight, is that allowed?",  # the writer's own thing
    ],
)
def test_the_same_words_without_a_menace_are_not_threats(text: str) -> None:
    assert analyse(text, _lang(text)).label != "threat", text


@pytest.mark.parametrize(
    "text",
    [
        "店長の息子さん、駅前の塾に通ってるのも知ってるで。調子乗んなよ",  # a relative's whereabouts
        "これから向かう。包丁も持った。",  # a weapon taken along
        "従業員用の自転車、全部パンクさせときますね",  # property, polite intent
        "返品させてくれないなら、レジの子の写真、家族に送りますね",  # leverage
        "All of you at that branch are dead. Coming Monday.",
        "Nice sedan your manager drives. Hope the brakes are ok.",
    ],
)
def test_whereabouts_weapons_leverage_and_foretold_deaths_are_threats(text: str) -> None:
    assert analyse(text, _lang(text)).label == "threat", text


@pytest.mark.parametrize(
    "text",
    [
        "息子に包丁の研ぎ方を教えてやるつもりです。おすすめの砥石はありますか",  # the writer's child
        "子どもの塾の送り迎えがあるので、予約を18時からに変えたいです",  # the writer's own schedule
        "社用車のブレーキ、点検のときに見ておきますね",  # a mechanic's note
        "My phone battery is dead, I'll call the branch tomorrow about the refund.",
    ],
)
def test_the_writers_own_family_work_and_idioms_are_not_threats(text: str) -> None:
    assert analyse(text, _lang(text)).label != "threat", text


@pytest.mark.parametrize(
    ("text", "threat"),
    [
        ("返事くれるまで、あのバイトの子を倉庫に閉じ込めといたるわ", True),  # a passive-free clause
        ("裏口のシャッターに落書きさせてもらう予定です。ご了承ください", True),  # polite property harm
        ("SNSで店の悪口ばらまいてやるからな", False),  # the shop's name online: defamation, not a threat
        ("駐車場の社用車、点検のときにブレーキ見ときますね", False),  # a mechanic
    ],
)
def test_confinement_and_property_are_threats_defamation_and_upkeep_are_not(text: str, threat: bool) -> None:
    assert (analyse(text, _lang(text)).label == "threat") is threat, text


@pytest.mark.parametrize(
    "text",
    [
        "前の職場辞めた受付の子、新しい勤務先見つけたで。逃げても無駄やって伝えとき",  # a new workplace found
        "店の倉庫に、ちょっとしたもん仕掛けといたから。開店前に探してみ",  # a device planted
        "あんたの嫁さん、駅前の薬局でパートしとるのも知っとるけんね",  # a relative's workplace
        "The night manager locks up alone at 11. Nobody gets out till I'm paid, tell him.",
        "Pay up or I release the footage of your cook to every paper in town. You have 24 hours.",
    ],
)
def test_planted_devices_found_workplaces_and_hostages_are_threats(text: str) -> None:
    assert analyse(text, _lang(text)).label == "threat", text


@pytest.mark.parametrize(
    "text",
    [
        "新しい勤務先が見つかりました！前の店長さんにもよろしくお伝えください",  # the writer's own news
        "Your front windows are easy to break, a kid threw a ball through one. Please fit safety glass.",
        "I saw your manager at the bus stop yesterday, he helped an old lady, lovely man.",
    ],
)
def test_the_same_words_in_news_complaints_and_praise_are_not_threats(text: str) -> None:
    assert analyse(text, _lang(text)).label != "threat", text


@pytest.mark.parametrize(
    "text",
    [
        "足場から落ちた板で、うちの車の窓ガラスが割れました。明日、現場の方に見に来てほしい",  # done to me
        "娘が来週インフルの予防接種です。針を刺すとき泣くと思うので、よろしくお願いします",  # a procedure
        "シロアリ駆除、次はいつ来てもらえますか。薬で全部殺す感じでお願いします",  # pest control
        "閉店後、お客さんがスタッフさんの後をつけていました。警察に相談してください",  # reported, past
        "Your escalator jerked and threw my mum. Someone will get hurt next week if it isn't fixed.",
        "Found your driver's licence plate number on a lost key tag, I'll drop it off tomorrow.",
    ],
)
def test_harm_done_procedures_pests_reports_and_hazards_are_not_threats(text: str) -> None:
    assert analyse(text, _lang(text)).label != "threat", text
