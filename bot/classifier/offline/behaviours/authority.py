"""Authority (権威型): connections, status, 客は神様.

Connections, one cue per construction, counted once as `connections`: a powerful acquaintance,
議員の知り合いがいる (`connections_powerful_friend`), 俺を誰だと思ってる (`connections_who_do_you_think`),
バックにヤクザがついてる (`connections_backing`), 本社に言いつけてやる (`connections_tell_on`),
記事にされたくなければ (`connections_in_the_news`), クビなんて簡単 (`connections_fired_easily`), 親父は元警察
(`connections_relative_in_office`), 俺の一言でどうにでもなる (`connections_my_word`), 新聞社にいる友達
(`connections_press_contact`), 弁護士が何人も (`connections_many_allies`). In English, counted once as
`connections_en`: "do you know who I am" (`connections_who_i_am_en`), "I know your CEO"
(`connections_know_the_boss_en`), "you have no idea who you're dealing with" (`connections_dealing_with_en`),
"a close friend of the owner" (`connections_friend_of_boss_en`); and as `relative_in_office_en`: "my
brother-in-law is a state senator" (`relative_in_office_relative_en`) with "I'd think very carefully about how
you handle me" (`relative_in_office_think_carefully_en`).
"""

from __future__ import annotations

from bot.classifier.offline.rules import Rule, cue

AUTHORITY: tuple[Rule, ...] = (
    cue(
        "connections_powerful_friend",
        "authority",
        r"(?:議員|国会議員|市議|県議|代議士|市長|知事|大臣|政治家|弁護士|警察|警視|県警|検事|マスコミ|新聞"
        r"|テレビ|記者|本社|社長|会長"
        r"|役員|理事|組長|ヤクザ|暴力団|お偉いさん|偉い人|幹部)(?:の(?:先生|方|人|さん))?(?:の|に|と|が|社|局)?(?:は)?(?:いる|勤める"
        r"|勤めてる)?(?:知り合い|しりあい|友達"
        r"|ともだち|友人|親戚|親友|コネ|同級生|幼なじみ|幼馴染|先輩|後輩|同期|ゴルフ仲間|飲み仲間"
        r"|顔が利|つながり|繋がり|仲間|付き合い|つきあい|知ってる|知っている|がついて|がバック|身内|秘書"
        r"|後援会|関係者)",
        kind="connections",
    ),
    cue(
        "connections_who_do_you_think",
        "authority",
        r"(?:俺|私|わし|わたし|僕|ぼく|おれ|あたし|こっち|こちら)(?:を|が|のこと)?(?:誰|だれ)(?:だと"
        r"|と)(?:思って|おもって|心得)",
        kind="connections",
    ),
    cue(
        "connections_backing",
        "authority",
        r"(?:バック|後ろ)には?[^。!?\n]{0,6}?(?:がついて|がいる|マスコミ|ヤクザ|組)",
        kind="connections",
    ),
    cue(
        "connections_tell_on",
        "authority",
        r"(?:本社|社長|市長|議員|マスコミ|新聞社|テレビ局|週刊誌)に(?:言いつけ|いいつけ|チク|言いふら"
        r"|垂れ込|たれこ|流し|ばらし)"
        r"(?:る|てやる|ますよ|ますから)",
        kind="connections",
    ),
    cue(
        "connections_in_the_news",
        "authority",
        r"(?:記事|ニュース)にされたく(?:なければ|なかったら|ないなら)",
        kind="connections",
    ),
    cue(
        "connections_fired_easily",
        "authority",
        r"(?:処分|クビ|首)(?:なんて|なんか|にするのは|にすること|くらい|ぐらい)(?:簡単|かんたん|すぐ)",
        kind="connections",
    ),
    cue(
        "connections_relative_in_office",
        "authority",
        r"(?:親父|おやじ|父|母|兄|叔父|伯父|親戚|義理の父)(?:は|が)(?:元)?(?:警察|署長|議員|弁護士|市長|社長|検事"
        r"|県警|警視)",
        kind="connections",
    ),
    cue(
        "connections_my_word",
        "authority",
        r"(?:俺|私|わし|おれ|こっち)の(?:一言|一声|ひとこと|さじ加減|力)で[^。!?\n]{0,10}?(?:どうにでも|潰|つぶ|クビ|くび|終わ|決ま)",
        kind="connections",
    ),
    cue(
        "connections_press_contact",
        "authority",
        # A press or political contact named as leverage: 新聞社にいる友達に全部話すからな.
        r"(?:新聞社|テレビ局|週刊誌|出版社|役所|市役所|県庁|警察署)(?:に|で)(?:いる|勤める|勤めてる|働く|働いてる)"
        r"(?:友達|知り合い|友人|親戚|仲間)",
        kind="connections",
    ),
    cue(
        "connections_many_allies",
        "authority",
        r"(?:顧問)?弁護士(?:を|が)(?:何人も|大勢|たくさん|いっぱい)"
        r"|(?:弁護士|議員|警察)の(?:知り合い|友達|友人)が(?:大勢|何人も|たくさん)",
        kind="connections",
    ),
    # Rank pulled on the person answering: 誰に口きいてると思ってるんだ; a council told to take it up.
    cue(
        "rank_pulled",
        "authority",
        r"(?:誰|だれ)に(?:向かって)?(?:口(?:を)?(?:きい|利い|聞い)(?:て|と)|物(?:を)?言(?:って|っと)|ものを言って|そんな口)(?:る|ん|い|お)"
        r"|(?:市議会|県議会|議会|国会|委員会)で(?:取り上げ|問題に|追及|質問)(?:て|して|させ)?(?:もら|や|る|ます)",
    ),
    cue(
        "challenge",
        "intimidation",
        r"(?:いいと|済むと|通ると)思って(?:る|ん|い)(?:の|んですか|のか|んだ)",
        0.4,
    ),
    cue(
        "status",
        "authority",
        r"(?:俺|私|わし|おれ)は[^。!?\n]{0,6}?(?:議員|元警察|弁護士|社長|株主|大株主|役員|記者)(?:だ|なんだ"
        r"|ですよ)",
        0.6,
    ),
    cue("customer_god", "authority", r"(?:お客様|お客さま|客)は神様|金を払って(?:る|いる)(?:客|んだ)", 0.7),
    cue("connections_who_i_am_en", "authority", r"\bdo you (?:even )?know who i am\b", kind="connections_en"),
    cue(
        "connections_know_the_boss_en",
        "authority",
        r"\bi (?:know|play golf with|am friends with|'m friends with"
        r"|'m close to|am close to)"
        r" (?:your|the) (?:ceo|owner|president|mayor|governor|director|chairman|senator|minister"
        r"|police chief|boss)\b",
        kind="connections_en",
    ),
    cue(
        "connections_dealing_with_en",
        "authority",
        r"\byou have no idea who you(?:'re| are) dealing with\b",
        kind="connections_en",
    ),
    cue(
        "connections_friend_of_boss_en",
        "authority",
        # Not from the second word of "a close friend": the same match shifted, and from every word of a
        # long run of them the scan would cost quadratic time.
        r"(?<!\ba )(?<!\bclose )(?<!\bgood )(?<!\bpersonal )"
        r"\b(?:a |close |good |personal )*friends? (?:of|with) (?:the|your) (?:ceo|owner|president|mayor"
        r"|governor|director"
        r"|chairman|senator|minister|police chief|boss)\b",
        kind="connections_en",
    ),
    # A relative or friend in office named as leverage: my brother-in-law is a state senator.
    cue(
        "relative_in_office_relative_en",
        "authority",
        r"\bmy (?:\w+ )?(?:brother|brother-in-law|sister|sister-in-law|uncle|aunt|dad|father|father-in-law"
        r"|mother|mum|mom|cousin|husband|wife|son|daughter|son-in-law|friend|mate|neighbou?r|golf buddy"
        r"|fianc[eé]e?|partner|godfather)(?:'s (?:best )?friend)? (?:is|was|works as|happens to be)"
        r" (?:a|an|the) (?:\w+ ){0,2}?(?:senator|congressman|congresswoman|mp|member of parliament|councillor"
        r"|councilor|judge|magistrate|police (?:chief|officer|inspector|commissioner|superintendent)"
        r"|detective"
        r"|cop|journalist|reporter|editor|mayor|minister|governor|prosecutor|district attorney"
        r"|health inspector|inspector)\b",
        kind="relative_in_office_en",
    ),
    cue(
        "relative_in_office_think_carefully_en",
        "authority",
        # ...and the warning that goes with it: I'd think very carefully about how you handle me.
        r"\b(?:i'd|i would|you'd better|you should|better) think (?:very |really |long and hard |twice )?"
        r"(?:carefully )?(?:about )?(?:how|before) you (?:handle|treat|deal with|speak to|talk to|respond to)"
        r" me\b",
        kind="relative_in_office_en",
    ),
    cue(
        "status_en",
        "authority",
        r"\bi(?:'m| am) (?:a|an) (?:lawyer|journalist|reporter|councillor|councilor|politician"
        r"|shareholder)\b",
        0.6,
    ),
    # An old customer's contempt for the young: 若造の窓口係では話にならぬ.
    cue(
        "contempt_for_young",
        "authority",
        r"(?:若造|小娘|青二才|ひよっこ)(?:の|なんか|ごとき|じゃ|では|に)",
        0.8,
    ),
)
