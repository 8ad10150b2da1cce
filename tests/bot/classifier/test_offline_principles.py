"""One test per principle of the offline engine, on sentences that are in no evaluation file.

Each principle is shown with several phrasings (so that a test cannot pass by one listed word) and with
its counter-examples (what the principle must not catch).
"""

from __future__ import annotations

import pytest

from bot.classifier.model import BEHAVIOUR_TYPES
from bot.classifier.offline import analyse
from bot.classifier.offline.lexicon import HARASSMENT_RULES
from bot.classifier.offline.threat_grammar import GRAMMAR_RULES
from bot.classifier.offline.threats import THREAT_RULES
from bot.classifier.offline.veiled_threats import VEILED_RULES


def _label(text: str, language: str = "ja") -> str:
    return analyse(text, language).label


def _types(text: str) -> list[str]:
    return list(analyse(text, "ja").types)


# --- threats: a harm verb in an intent form ---


@pytest.mark.parametrize(
    "text",
    [
        "あの薬剤師、絶対にぶん殴ってやる",  # てやる
        "倉庫ごと燃やしたるからな",  # Kansai たる
        "ほんまにどついたろか",  # Kansai たろか
        "お前の事務所、爆破することにした",  # ことにした
        "明日の朝、あいつを待ち伏せしに行く",  # しに行く
        "あのレジ係、刺しに行こうか",  # volitional question
        "次は窓ガラスを叩き割るぞ",  # emphatic ぞ after a plain form
        "社員を一人ずつ潰していくから",  # ambiguous verb with a person as object
        "お前ら、全員ボロボロにしてやる",  # turning a person into something
        "道連れにしてやる",  # noun harm + にする
        "駅で見かけたら線路に突き落とす",  # plain form closing the sentence
        "店に火つけるからな",  # 火をつける without を
    ],
)
def test_harm_verb_with_an_intent_form_is_a_threat(text: str) -> None:
    assert _label(text) == "threat", text


@pytest.mark.parametrize(
    "text",
    [
        "店員に殴られたので警察に相談しました。",  # passive
        "殴るなんて考えたこともありません。返金だけお願いします。",  # negation
        "正直、殴りたいくらい腹が立ちました。改善してください。",  # wish
        "放火事件があったので防犯カメラを増やしてください。",  # a reported event
        "火事のニュースを見て、店の消火器が心配になりました。",  # news
        "卵を割ってしまったので交換してください。",  # everyday verb, no intent form
        "お腹を壊したので、原因を調べてください。",
        "道がでこぼこしてるから危ないぞ。",  # ぼこ inside でこぼこ
        "パソコンが壊れるのが早すぎる。修理してほしい。",
    ],
)
def test_passives_negations_wishes_and_events_are_not_threats(text: str) -> None:
    assert _label(text) != "threat", text


def test_grammar_rules_cover_each_kind_and_both_languages() -> None:
    kinds = {r.kind for r in GRAMMAR_RULES}
    assert {"life", "body", "property", "freedom"} <= kinds
    assert {r.script for r in GRAMMAR_RULES} == {"ja", "en"}
    assert set(GRAMMAR_RULES) <= set(THREAT_RULES) and set(VEILED_RULES) <= set(THREAT_RULES)


# --- veiled threats ---


@pytest.mark.parametrize(
    "text",
    [
        "帰り道、一人のときは気をつけな",  # danger warning
        "暗い道を歩くときは用心しとけよ",
        "お前の自宅も勤務時間も把握済みだ",  # private knowledge
        "あの担当者の住まい、もう特定したよ",
        "店長の奥さんの顔、写真で見たよ",
        "殴られても文句は言えないよな",  # passive harm, rhetorical
        "晒されたくなかったら返金しろ",  # passive harm, conditional
        "怪我したくなければ言う通りにしろ",  # harm as the price of refusing
        "そのうち血を見ることになるよ",  # ominous outcome
        "あいつには消えてもらうしかない",
        "今度見つけたら、ただでは済まないからな",  # warning tied to meeting someone
        "お前の家族もただじゃ済まないぞ",  # harm promised to the family
        "あなたの娘さん、毎朝あの道を通ってるよね",  # a family member's routine
        "担当の顔、しっかり覚えたからな",  # memorised face
        "今夜あんたの家に行くから",  # visit announced
        "若い衆をそっちに差し向けるから",  # sending others
        "私は何をするか分かりませんよ",
    ],
)
def test_veiled_threats(text: str) -> None:
    assert _label(text) == "threat", text


@pytest.mark.parametrize(
    "text",
    [
        "夜道が暗くて危ないので、街灯を増やしてください。",
        "私の住所は分かっているはずなのに、書類が届きません。",
        "住所は知ってるでしょ？なんで郵便が来ないの？",
        "毎日見てます、応援してます！",
        "仕事終わりに店の前で待ってるのに、誰も出てこない。",
        "閉店後に裏口で待っているように言われましたが、誰も来ませんでした。",
        "何をするか分からない客がいて怖いです。警備をお願いします。",
        "バックするときは後ろに気をつけてください、と注意されました。",
    ],
)
def test_veiled_constructions_need_their_threatening_form(text: str) -> None:
    assert _label(text) != "threat", text


# --- quotation ---


@pytest.mark.parametrize(
    "text",
    [
        "「ぶっ殺すぞ」と店長が部下に言っているのが聞こえました。問題だと思います。",
        "息子が「殴ってやる」と言っていましたが、止めました。対応はひどかったです。",
        "お前の家族がどうなっても知らないぞ、と電話で言われました。警察に相談したいです。",
    ],
)
def test_quoted_or_reported_threats_are_not_the_writers(text: str) -> None:
    assert _label(text) != "threat", text


def test_a_threat_the_writer_says_he_made_stays_a_threat() -> None:
    assert _label("店長に「燃やしてやる」って言ってやった") == "threat"


# --- English ---


@pytest.mark.parametrize(
    "text",
    [
        "I'm going to hunt that pharmacist down.",
        "I will break the next clerk who lies to me.",
        "I'm gonna torch your branch.",
        "I swear I'll put you in the hospital.",
        "I have your home address. Sleep well.",
        "It would be a shame if something happened to your shop.",
        "Someone at that desk is going to get hurt.",
        "Your clinic might catch fire one of these nights.",
        "We know which school your kids go to.",
        "I'm bringing a kitchen knife tomorrow.",
        "I will end you.",
    ],
)
def test_english_threats(text: str) -> None:
    assert _label(text, "en") == "threat", text


@pytest.mark.parametrize(
    "text",
    [
        "I'll beat the traffic if I leave early, but the store was closed.",
        "I'm going to kill some time at the cafe until the office opens.",
        "I will end my membership today.",
        "The staff should watch your back door, it was left open.",
        "The clerk lives near me and was rude at the supermarket.",
        "I'm not going to hurt anyone, I just want my money back.",
    ],
)
def test_english_everyday_uses_are_not_threats(text: str) -> None:
    assert _label(text, "en") != "threat", text


# --- harassment ---


@pytest.mark.parametrize(
    "text",
    [
        "外国人の店員なんか信用できない",
        "年寄りの医者ばかりだから話にならない。若いのに替えて",
        "おばさんってほんとに仕事が遅いよね",
        "日本語もろくに通じない奴を窓口に置くな",
        "みたいなおばさんが受付にいるから客が来ないんだよ",
    ],
)
def test_discrimination_is_verbal_abuse(text: str) -> None:
    assert _label(text) == "harassment", text
    assert "verbal_abuse" in _types(text)


def test_group_words_alone_are_not_discrimination() -> None:
    assert _label("外国人の店員さんがとても丁寧に説明してくれました。ありがとう。") != "harassment"
    assert _label("女性の看護師さんに担当をお願いしたいのですが、できますか") != "harassment"


@pytest.mark.parametrize(
    "text",
    [
        "覚えとけよ、このままで済むと思ってんのか",  # tone only, no complaint in it
        "いいから俺の言うことを聞け",  # commanding obedience
        "耳ついてんのか、何回言わせんだよ",
        "いい歳して電話番もできねえのかよ、おっさん",
    ],
)
def test_aggressive_register_without_a_complaint_is_harassment(text: str) -> None:
    assert _label(text) == "harassment", text


@pytest.mark.parametrize(
    "text",
    [
        "ふざけんなよ。注文と違う商品が届いた。交換しろ。",
        "お前呼ばわりされました。職員教育をしっかりしてください。",
        "本当にムカつく。三回も説明させられた。窓口を一本化してほしい。",
    ],
)
def test_angry_but_legitimate_complaints_stay_legitimate(text: str) -> None:
    assert _label(text) == "legitimate", text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("返金だけじゃ足りない。お詫びの品も送ってこい", "excessive_demand"),
        ("パンが硬かったので、半年分の無料券をいただけますか", "excessive_demand"),
        ("詫び状を書いて全店に貼り出せ", "excessive_demand"),
        ("スタッフ全員で頭下げに来い", "excessive_demand"),
        ("対応した者には今後一切勤務させないでください", "excessive_demand"),
        ("回答が来るまで絶対にやめないからね", "repeat"),
        ("毎朝この時間に電話するから", "repeat"),
        ("納得するまでここに座り込むからな", "time_binding"),
        ("担当の電話、切らないからな。上を出せ", "time_binding"),
        ("市長とは幼なじみなんだよ、わかってる？", "authority"),
        ("俺の一言でお前の処分なんかどうにでもなるんだぞ", "authority"),
        ("口コミにあの店員は泥棒だって書きまくってやった", "online_defamation"),
        ("星1つけまくってやるわ", "online_defamation"),
        ("いい体してんな、姉ちゃん", "sexual_harassment"),
        ("俺の好みだから、あの子を担当にしろ", "sexual_harassment"),
    ],
)
def test_behaviour_types_by_principle(text: str, kind: str) -> None:
    assert _label(text) == "harassment", text
    assert kind in _types(text), (text, _types(text))


def test_tone_cues_do_not_name_a_type_beside_a_stronger_cue() -> None:
    assert _types("店長が家まで謝りに来い。土下座しろ。") == ["off_premises", "excessive_demand"]


def test_every_behaviour_module_contributes_rules_with_known_types() -> None:
    categories = {r.category for r in HARASSMENT_RULES}
    assert categories <= set(BEHAVIOUR_TYPES)
    assert set(BEHAVIOUR_TYPES) - {"violence"} <= categories | {"violence"}


# --- out of scope ---


@pytest.mark.parametrize(
    "text",
    [
        "はじめまして。これからよろしくお願いします",
        "友達追加しました！",
        "お世話になっております。先日の件、承知しました。",
        "届いていますか？送信確認です",
        "落とし物のスマホ、届いていませんか？",
        "Happy new year to everyone at the shop!",
        "Act now: you have been selected for a free cruise",
        "【重要】お客様のアカウントが停止されました。こちらからログイン",
    ],
)
def test_greetings_questions_and_phishing_are_out_of_scope(text: str) -> None:
    assert _label(text, "en" if text.isascii() else "ja") == "out_of_scope", text


def test_a_greeting_with_a_complaint_is_a_complaint() -> None:
    assert _label("はじめまして。先週の会計で二重に請求されました。返金をお願いします。") == "legitimate"


# --- found by later rounds: injuries, foretold destruction, things already done ---


@pytest.mark.parametrize(
    "text",
    [
        "その指を一本残らず砕いてやる",  # a body part and a damaging verb
        "あの受付、失明させてやる",  # an injury caused
        "お前の家、来週には灰になるからな",  # destruction foretold
        "包丁、研いでおいたから",  # preparation done
        "お前の本名、SNSに載せておいた",  # doxxing done
        "お前の借金のこと、職場にばらしてやる",  # a secret revealed
        "I found your manager's home address. Maybe I'll pay him a visit.",
        "Don't be surprised if your shop windows are smashed one night.",
    ],
)
def test_injuries_foretold_harm_and_things_already_done(text: str) -> None:
    assert _label(text, "en" if text.isascii() else "ja") == "threat", text


@pytest.mark.parametrize(
    "text",
    [
        "客が「燃やすぞ」と店長に詰め寄っていました。怖かったので対策してください。",  # a reported act
        "殴ってやると思うくらい腹が立ちましたが、返金だけお願いしたいです。",  # a thought, not said
        "お店が潰れてしまえと言いたくなるほどの対応でした。改善してください。",
    ],
)
def test_reported_acts_and_unsaid_thoughts_are_not_threats_or_abuse(text: str) -> None:
    assert _label(text) == "legitimate", text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("脳みそゼロかよ、お前ら", "verbal_abuse"),
        ("謝罪は店長の直筆でよこせ", "excessive_demand"),
        ("お詫びに送料無料を永年でつけてください", "excessive_demand"),
        ("毎日FAXを送ります。回答が来るまで", "repeat"),
    ],
)
def test_contempt_and_demands_found_later(text: str, kind: str) -> None:
    assert _label(text) == "harassment", text
    assert kind in _types(text), (text, _types(text))


@pytest.mark.parametrize(
    "text",
    [
        "アルバイトの面接はいつ頃連絡がきますか",
        "先月問い合わせた件、その後どうなりましたか",
        "宜しくお願いします",
    ],
)
def test_job_enquiries_progress_questions_and_bare_courtesies_are_out_of_scope(text: str) -> None:
    assert _label(text) == "out_of_scope", text


# --- scope: a complaint is about the business; everyday talk is not, however it is worded ---


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("寒すぎて凍え死ぬかと思った、今日は", "ja"),  # weather, with a violent idiom
        ("昨日の映画、ラストで主人公が撃たれるところで泣いた", "ja"),  # fiction
        ("週末は山に登ってきます。頂上まで行ってやるぞ", "ja"),  # a plan with a rough ending
        ("弟がプリンを勝手に食べやがった", "ja"),  # family chat
        ("That new album absolutely slays, I can't stop listening", "en"),
        ("My legs are dead after that marathon", "en"),
        ("I'm dying to see the fireworks this weekend", "en"),
    ],
)
def test_everyday_talk_with_no_business_in_it_is_out_of_scope(text: str, language: str) -> None:
    an = analyse(text, language)
    assert an.label == "out_of_scope", text
    assert an.scope_kind == "unrelated"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("ごめん、間違えて送っちゃった。今のは無視して", "ja"),
        ("すみません、送信先を間違えました", "ja"),
        ("Sorry, wrong chat! Please ignore", "en"),
        ("Oops, meant to send that to my sister", "en"),
    ],
)
def test_messages_sent_by_mistake_are_out_of_scope(text: str, language: str) -> None:
    an = analyse(text, language)
    assert an.label == "out_of_scope", text
    assert an.scope_kind == "misdirected"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("図書館の返却ポストが壊れていて本が濡れました", "ja"),  # a public service
        ("救急外来の待合で三時間放置されました", "ja"),
        ("ゴミの収集が二週続けて来ていません", "ja"),
        ("間違えて送られてきた請求書の件、まだ訂正されていません", "ja"),  # 間違えて送 inside a complaint
        ("The recycling was skipped again on our street", "en"),
        ("It's freezing in your waiting room and nobody cares", "en"),
    ],
)
def test_complaints_about_any_service_stay_complaints(text: str, language: str) -> None:
    assert _label(text, language) == "legitimate", text


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("テストです。ちゃんと届いていれば返信はいりません", "out_of_scope"),
        ("test - please ignore this one", "out_of_scope"),
        ("Testing testing, new phone", "out_of_scope"),
        ("テストの採点が間違っていました。先生に確認してほしいです", "legitimate"),  # a school test
        ("Tested your app twice and it crashed both times, please fix it", "legitimate"),
    ],
)
def test_a_message_that_opens_with_test_is_a_test_unless_it_complains(text: str, label: str) -> None:
    assert _label(text, "ja" if text[0] > "~" else "en") == label, text


# --- context: a thing killed, a story's agent, someone heard saying it ---


@pytest.mark.parametrize(
    "text",
    [
        "ネズミを確実に殺す薬ってどこで売ってますか",  # a pest
        "雑菌を殺すには何度のお湯が必要ですか",  # germs
        "このソース、素材の味を殺してる気がする",  # a flavour
        "映画の中で殺人鬼が次々と人を殺すのが怖すぎた",  # a story's agent
        "ドラマの主人公が最後に敵を刺すシーン、泣けた",
        "I overheard a customer saying he'd kill the cashier, so I told the manager",  # heard someone say it
    ],
)
def test_things_killed_stories_and_overheard_words_are_not_threats(text: str) -> None:
    assert _label(text, "ja" if text[0] > "~" else "en") != "threat", text


@pytest.mark.parametrize(
    "text",
    [
        "ゴキブリみたいなお前を殺す",  # a person, insulted as a pest
        "犯人が誰だろうと俺が殺す",  # the writer, after a story word
        "Hear me now: I'm going to kill you",
        "You say one more word and I'll kill you",  # "say" addressed to the victim
    ],
)
def test_the_writers_own_threat_stays_one_beside_those_words(text: str) -> None:
    assert _label(text, "ja" if text[0] > "~" else "en") == "threat", text


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("配達の人に自転車を倒されて、カゴが曲がりました。弁償してほしいです", "legitimate"),  # passive harm
        ("店の前で客の車にぶつけられたのに、店員は知らん顔でした", "legitimate"),
        ("寒くなってきましたね。スタッフの皆さんも風邪などひかないようお体に気をつけて", "out_of_scope"),
        ("いつも応援しています。これからも頑張ってください", "out_of_scope"),
        ("鶏肉は一口大に切って、強火で三分焼いてください", "out_of_scope"),  # a recipe: one "please"
        ("マイナンバーカードの申請で名前を間違えられました。直してください", "legitimate"),  # public
        ("サブスクの解約ボタンが見つかりません。解約方法を案内してください", "legitimate"),  # サブスク
    ],
)
def test_harm_done_well_wishes_recipes_and_public_services(text: str, label: str) -> None:
    assert _label(text) == label, text


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("メンバーカードを作ったのに割引されませんでした。差額を返してください", "legitimate"),  # ンバーカ
        ("注文したジャンボケーキが潰れて届きました。交換してください", "legitimate"),  # ンボケー
        ("ラバーカップを買ったら穴が開いていました。返品したいです", "legitimate"),
        ("クソバカ店員、さっさと辞めろ", "harassment"),  # an insult compound stays one
        ("ﾎﾞｹが、ちゃんと仕事しろ", "harassment"),
    ],
)
def test_an_insult_inside_a_longer_katakana_word_is_part_of_that_word(text: str, label: str) -> None:
    assert _label(text) == label, text


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("レシートの金額と個数が違いました。差額を返金してもらえますか", "legitimate"),  # a complaint asked
        ("買ったパンの賞味期限が切れてたんだけど、交換ってできる？", "legitimate"),
        ("返品の手続きはどうすればいいですか？念のため知っておきたいです", "out_of_scope"),  # procedure
        ("先日の交換の件、すぐに対応してくださって助かりました。ありがとうございました", "out_of_scope"),
        ("レジの人に「殺すぞ」と言われました。怖くてもう行けません", "legitimate"),  # said to the writer
        ("【宅配便】お荷物を持ち帰りました。至急こちらから再配達のご依頼を", "out_of_scope"),  # phishing
        ("次から私だけ順番を飛ばして最優先にしてほしい。常連なんだから", "harassment"),  # special treatment
        ("Just fix it or you'll see what happens. Mark my words.", "harassment"),  # harm unnamed
    ],
)
def test_asked_complaints_thanks_reports_in_passing_phishing_and_special_treatment(
    text: str, label: str
) -> None:
    assert _label(text, "ja" if text[0] > "~" else "en") == label, text


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("エスカレーターの手すりが止まっていて、母が転びそうになりました", "legitimate"),  # premises, safety
        ("Someone slipped on the wet entrance mat and hurt their knee. Put a sign out.", "legitimate"),
        ("今日は部活で遅くなるから先に寝てて", "out_of_scope"),  # 遅くなる: everyday talk
        ("I scraped my knee at football practice today lol", "out_of_scope"),  # an injury, nothing served
    ],
)
def test_premises_and_real_injuries_are_complaints_everyday_talk_is_not(text: str, label: str) -> None:
    assert _label(text, "ja" if text[0] > "~" else "en") == label, text


@pytest.mark.parametrize(
    "text",
    [
        "豚肉は麺棒でぶっ叩くくらいでちょうどいいですか？",  # hyperbole after a plain verb
        "おい弟、俺の唐揚げ食ったやろ。帰ったらどついたるからなw…あ、送り先間違えました",  # banter
        "Writing a horror movie script where the killer says he'll stab everyone at the diner. Too dark?",
    ],
)
def test_hyperbole_banter_sent_by_mistake_and_stories_are_not_threats(text: str) -> None:
    assert _label(text, "ja" if text[0] > "~" else "en") != "threat", text


def test_a_real_threat_with_an_apology_for_the_wrong_chat_but_no_banter_stays_one() -> None:
    assert _label("お前の店、今夜燃やしてやる。送り先間違えたけど本気だからな") == "threat"


@pytest.mark.parametrize(
    "text",
    [
        "今夜の桃鉄、お前の物件全部潰したるからな（誤送信です、兄宛でした）",  # a game, sent by mistake
        "将棋の大会、次こそあいつの王将を殺したる",  # a game
        "Can I bring my own cleaver to the cooking class on Friday?",  # asking leave
        "Tonight at chess club I'm going to destroy you, dad",  # a game
        "My dog killed a rat in your car park, sorry, I'll come and clear it away.",  # the past, an animal
        "店長に「今度来たら殴るぞ」言われたんですけど、どういう教育してるんですか",  # said to the writer
        "いつも遅くまでお疲れさまです。帰り道、暗いので気をつけてね",  # care
    ],
)
def test_games_asking_leave_the_past_reports_and_care_are_not_threats(text: str) -> None:
    assert _label(text, "ja" if text[0] > "~" else "en") != "threat", text


def test_do_you_know_who_i_am_is_still_pulling_rank() -> None:
    assert _label("Do you know who I am? My uncle is on your board.", "en") == "harassment"


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("あの整備士の携帯番号教えろ。直接文句言うから", "harassment"),  # a private number demanded
        ("口コミに『店長は無能、客をなめとる』って書き込んどいたわ", "harassment"),  # own words, posted
        ("お年寄りの店員にレジをやらせるな。遅くてイライラする", "harassment"),  # keeping a group away
        ("今日のこと、一生忘れんからな", "harassment"),  # a grudge declared
        ("店員さんの携帯番号を教えてもらったので、直接お礼を言いました", "out_of_scope"),  # not demanded
        ("『接客が丁寧』と口コミに書いておきました。ありがとうございました", "out_of_scope"),  # praise posted
    ],
)
def test_private_numbers_posted_insults_keeping_groups_away_and_grudges(text: str, label: str) -> None:
    assert _label(text) == label, text
