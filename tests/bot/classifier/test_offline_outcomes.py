"""Threats named by their outcome (`threat_outcomes.py`) and the harm verbs, endings and veiled
constructions added beside them, each with counter-examples (victim reports, past events, quotation, fiction,
everyday uses). Sentences here are in no evaluation file.
"""

from __future__ import annotations

import pytest

from bot.classifier.offline import analyse


def _label(text: str, language: str = "ja") -> str:
    return analyse(text, language).label


@pytest.mark.parametrize(
    "text",
    [
        # a lasting disability made by the writer
        "あの係長、二度と歩けない足にしてやるからな",
        "一生ベッドの上で過ごす体にしてやろうか",
        "お前の手、二度と箸も持てないように使えなくしてやる",
        "その目、二度と見えないようにしてやる",
        # payment with life or body
        "この借りは命で返してもらうんじゃない、命で払ってもらうんだよ",
        "けじめは指でつけてもらうからな",
        "この屈辱、お前の体で償わせる",
        # safety denied
        "この先、無事で暮らせると思うなよ",
        "五体満足で帰れると思うな",
        "要求に応じない場合、担当者の身の安全は保証できません。",
        "今夜から安心して眠れる日はないと思え",
        # relatives and outcomes
        "お前の嫁が泣くことになるぞ",
        "あんたのとこの息子さん、塾の帰りに何かあったら大変だよね",
        # property foretold
        "お前の店、来週には灰になってると思え",
        "車のガラスが割れてても文句言うなよ",
        # a bomb declared
        "本社のロビーに爆弾を仕掛けた。正午に爆発する",
        # harm verbs and endings added to the grammar
        "あの窓口の男の喉を掻っ切ってやる",
        "帰りにあいつを車ではねてやる",
        "店の看板にペンキぶちまけてやるからな",
        "事務所の窓に石投げてやります",
        "あの担当、倉庫に閉じ込めてやる",
        "店員を一人ずつ消していくつもりだ",
        "金返さんのなら、お前の車のタイヤ、全部パンクさせる。",
        # veiled: noted down, prepared, a family routine
        "お前の帰宅時間も最寄り駅も全部メモしてあるからな",
        "鉈を研いで待ってるよ、担当さん",
        "旦那さん、毎晩八時に犬の散歩してますよね",
        "その前にお前の口を塞ぐからな",
        "店員の住んでるアパート、ネットに晒してやる",
        # Kansai ころがす; 物理的に as its own sentence
        "あのおっさん、ほんまにぶちころがすぞ",
        "あの事務所、ぶっ壊してやる。物理的にな",
        "殺し屋を雇ったから覚悟しとけ",
    ],
)
def test_threats_named_by_their_outcome(text: str) -> None:
    assert _label(text) == "threat", text


@pytest.mark.parametrize(
    "text",
    [
        "I'm gonna snap his arm like a twig",
        "Say that again and I'll break your jaw.",
        "I will crack every rib you have",
        "I'm going to put that cashier in the ground",
        "Next time I see the courier I'll run him down",
        "One more delay and I burn the warehouse.",
        "Your manager's family isn't safe anymore.",
        "You're dead. You hear me?",
        "Your days are numbered, pal.",
        "The nurse should watch her back after her shift.",
        "I own a rifle and I'm not afraid to use it on your staff.",
        "I've posted your driver's home address on a forum.",
        "Better not walk home alone tonight, sweetheart.",
    ],
)
def test_english_threats_named_by_their_outcome(text: str) -> None:
    assert _label(text, "en") == "threat", text


@pytest.mark.parametrize(
    "text",
    [
        # victim reports and past events
        "店員さんの不注意で指を怪我して、しばらく使えなくなりました。治療費を請求します",
        "転んだ母が一生車椅子の生活になってしまいました。床の段差を直してください",
        "タイヤがパンクしたので修理を頼んだのに、まだ連絡がありません",
        "駐車場で車のガラスが割れていました。防犯カメラを確認してください",
        "隣の客に「命で払ってもらう」と言われて怖かったです。対応してください",
        "スタッフに「家族が泣くことになるぞ」と言われました。どういう教育をしているんですか",
        "昔、祖父が戦争で指を失ったと聞いた",
        # a criminal in the news, fiction
        "ニュースの犯人は命で償うべきだと思う",
        "小説の中で、殺し屋が「その口を塞ぐ」と言う場面が好きです",
        "爆弾を仕掛けたという犯人が逮捕されたらしいですね",
        # everyday uses
        "子供に何かあったら大変なので、遊具の点検をお願いします",
        "筋トレで足腰立たなくなるまで追い込みました",
        "安心して眠れる夜が来ますように",
        "一生忘れられない誕生日にしてやるからな、楽しみにしとけ",
        "彼女の喉が痛いので、のど飴を買いに行く",
        "包丁を研いでもらったら刃こぼれしていました",
        "お宅の娘さん、いつも元気に挨拶してくれますね",
        "子供が一人で留守番する日もあるので、宅配ボックスを付けてください",
        "会社を潰してやるとは言ってない。物理的な証拠を出せと言ってるだけだ",
        "映画の殺し屋がかっこよかった",
        "駅に爆弾を仕掛けたと脅した男が捕まったそうです",
        "子供が池に石を投げる。",
        "猫を部屋に閉じ込めてやる（いたずら防止）",
        "布団から息子を引きずり出してやる",
        "人間を消していくゲームが好き",
        "魚の喉を切ってさばくつもりだ",
        "家族が泣くことになるかもしれない病気です",
        "爆破予告です。という件名のメールが届きました、迷惑メールでしょうか",
        "ガラス割れてても文句言うなよって、中古品じゃん",
        "来週、返品しに行くつもりです",
        "エレベーターに閉じ込められました。点検してください",
        "体で払ってもらうって、皿洗いのことですよね？",
        "無事に帰れると思うなよ、って漫画のセリフ好き",
        "お宅の息子さんに何かあったら大変だから、あの遊具は撤去したほうがいいですよ",
        "スマホの画面が割れてても文句言えないよね、落としたの私だし",
        "爆弾を仕掛けたみたいな音がした",
        "住所は把握しております、発送をお待ちください",
        "帰宅時間をメモしてあるから、その時間に配達して",
    ],
)
def test_outcome_counter_examples_are_not_threats(text: str) -> None:
    assert _label(text) != "threat", text


@pytest.mark.parametrize(
    "text",
    [
        "Break a leg at the audition!",
        "I'm dead tired after the double shift.",
        "I'm going to kill time at the mall.",
        "My phone is dead, please email me the receipt.",
        "My son broke his arm on your trampoline. Please call me.",
        "The courier ran over my flower bed; I want it replaced.",
        "Our neighbourhood isn't safe anymore since the streetlight broke.",
        "My kids aren't safe in your store anymore with that broken shelf.",
        "Someone posted my home address online after your data leak.",
        'He told me "you\'re dead" at the counter. Please check the tapes.',
        "In the film the hitman snaps the guard's neck, pretty brutal.",
        "Watch your back seat, there's a spill from my coffee.",
        "I'll break your record next time at the arcade",
        "I'm going to smash your high score",
        "You're dead on, that was my point.",
        "You are dead right.",
        "he's not safe now to drive",
        "Your wife isn't safe anymore? What do you mean?",
        "I own a gun shop and I'm not afraid to use it as an example",
        "I posted your address change form yesterday",
        "Your son was so kind, every morning he helps me at the bus stop",
        "I'll put you in the loop",
        "One more order and I'll hit the free coffee tier",
        "you're dead, Jim! (Star Trek quote on my mug)",
        "Your kids look cute in the photo every morning on your Instagram",
        "He said he'd put me in the hospital. Please call the police.",
    ],
)
def test_english_outcome_counter_examples_are_not_threats(text: str) -> None:
    assert _label(text, "en") != "threat", text
