"""Sexual harassment (セクシュアルハラスメント型): remarks, contact, dates, the body.

English, one cue per construction, counted once as `sexual_en`: "the nurse is so hot" (`sexual_looks_hot_en`),
"what's her number" (`sexual_number_asked_en`), "go out with me" (`sexual_date_asked_en`), a body word
(`sexual_body_word_en`), "send the cute one" (`sexual_send_cute_en`), "what are you wearing"
(`sexual_what_wearing_en`), "what time do you get off" (`sexual_get_off_en`), "are you single"
(`sexual_single_en`), "grab a drink" (`sexual_drink_en`), "number of that pretty one"
(`sexual_number_of_pretty_en`), "nice legs" (`sexual_body_remark_en`), "darling, what time do you finish"
(`sexual_endearment_get_off_en`), "smile for me" (`sexual_smile_en`), "wear shorter skirts"
(`sexual_clothing_en`).
"""

from __future__ import annotations

from bot.classifier.offline.rules import Rule, cue
from bot.classifier.offline.vocabulary import NO_SENT

# A woman, or a member of staff addressed personally (受付の電話番号 is the office's number, not hers).
_WOMAN = (
    r"(?:子|娘|女性|女の子|女|お姉さん|おねえさん|ねえちゃん|姉ちゃん"
    r"|(?:看護師|ナース|店員|受付|レジ|スタッフ)(?:の(?:子|女|女性|お姉さん)|さん|ちゃん))"
)
SEXUAL: tuple[Rule, ...] = (
    cue(
        "partner",
        "sexual_harassment",
        r"(?:彼氏|かれし|彼女|旦那|恋人)(?:は|って|とか)?(?:いる|い)(?:の|ん|か|\?)",
    ),
    cue(
        "contact",
        "sexual_harassment",
        rf"{_WOMAN}(?:さん|ちゃん)?(?:の|、)?{NO_SENT}{{0,12}}?(?:連絡先|電話番号|番号|ライン|line"
        rf"|インスタ|メアド)(?!(?:を|も)?教えて(?:もらっ|もらい|くれ(?:た|まし)|いただい))",
    ),
    cue(
        "looks_remark",
        "sexual_harassment",
        r"(?:声|顔|脚|足|体|胸|尻)(?:が|、)?(?:エロ|えろ|色っぽ|セクシ)|(?:声|顔|脚|足)が(?:かわい|可愛)|(?:かわいい|可愛い|美人|色っぽ|セクシ|エロ|えろ)(?:ね|な|から|子|娘|店員|看護師|ナース|女"
        r"|お姉さん|だね|すぎ)|(?:きれい|綺麗)だね",
        0.7,
    ),
    cue(
        "swap",
        "sexual_harassment",
        rf"(?:若い|若くて|かわいい|可愛い|美人|きれいな|綺麗な){NO_SENT}{{0,6}}?(?:女|女の子|子|娘|女性"
        rf"|姉ちゃん)(?:に|を|と)?"
        r"(?:代え|変え|かえ|交代|担当|つけ|付け|出せ|して)",
    ),
    cue(
        "body",
        "sexual_harassment",
        rf"(?:胸|むね|おっぱい|尻|しり|おしり|太もも|ふともも|脚|体|からだ|身体|スカート|下着|パンツ|ブラ"
        rf"|谷間){NO_SENT}{{0,6}}?"
        r"(?:触(?:ら(?!れ)|り|る|って|った)|さわ(?:ら(?!れ)|り|る|って|った)|揉(?:ま(?!れ)|み|む|んだ)"
        r"|見せ(?:ろ|て)|ばっか|ばかり"
        r"|でか|大き|エロ|えろ)",
    ),
    cue(
        "explicit",
        "sexual_harassment",
        r"触らせ(?:て|ろ)|さわらせ(?:て|ろ)|スリーサイズ|カップ数|処女|童貞|やらせ(?:ろ|て)|抱かせ|抱きたい"
        # What she is wearing underneath (not a lingerie shop's question: どんな下着を着ていけば).
        r"|(?:どんな|何色の|なにいろの)(?:下着|パンツ|ブラ)(?:を)?(?:つけて|着けて|履いて|はいて|穿いて|着て)(?:る|いる|ます)(?:の|ん|か)"
        r"|ヤりたい|やりてえ|エッチ|えっち|(?:ホテル|ほてる)(?:に|へ)?(?:行|い)"
        r"(?:こう|かない|きたい|こ)|キス(?:し|させ)(?:て|ろ|たい)|夜の相手|下着の色|パンツの色"
        rf"|個人的に{NO_SENT}{{0,8}}?(?:会|あ|食事|飲み|デート|遊び)|(?:デート|でえと)(?:して|しよう"
        rf"|しない|に誘)",
    ),
    cue(
        "date",
        "sexual_harassment",
        r"(?:食事|飲み|デート|ご飯|お茶)に(?:行こう|いこう|行かない|いかない|誘)|(?:今度|週末|今夜|仕事の後)(?:二人で)?"
        r"(?:会おう|会わない|遊ぼう|飲もう|会えない)",
        0.8,
    ),
    cue(
        "tonight",
        "sexual_harassment",
        r"(?:今夜|今晩|今度|週末|仕事(?:終わり|の後|のあと))(?:は)?(?:空いて|あいて|暇|ひま)",
        0.7,
    ),
    cue("alone", "sexual_harassment", r"(?:二人|ふたり)(?:きり)?で(?:会|あ|飲|食事|ご飯|遊|出かけ)", 0.5),
    cue(
        "contact_ask",
        "sexual_harassment",
        r"(?:連絡先|電話番号|ライン|line|インスタ|メアド)(?:を|も)?(?:渡し|くれ|ちょうだい|交換)",
        0.5,
    ),
    cue(
        "body_remark",
        "sexual_harassment",
        r"(?:いい|エロい|えろい|すごい|たまらない|そそる)(?:体|からだ|身体|スタイル|足|脚|尻|胸|おっぱい)(?:して|だ|してる|してん|だね|だな)",
    ),
    cue(
        "touch",
        "sexual_harassment",
        r"(?:触って|さわって|なでて|撫でて)(?:ほしい|欲しい|くれ|よ|もらいたい)|(?:手|肌|髪)(?:が|、)?(?:柔らか|やわらか|すべすべ"
        r"|いい匂い|いいにおい)",
    ),
    cue("preference", "sexual_harassment", r"(?:俺|わし|僕|ぼく|おれ)の(?:好み|タイプ)", 0.7),
    cue(
        "body_remark_en",
        "sexual_harassment",
        r"\b(?:hey|hi|hello) (?:gorgeous|beautiful|cutie|sexy|babe)\b|\bwear (?:that|a|your) (?:tight|short"
        r"|low-cut|skimpy)\b",
    ),
    cue("photo", "sexual_harassment", r"(?:写真|動画)(?:を)?(?:撮らせ|とらせ)(?:ろ|て|てくれ)"),
    cue(
        "remark",
        "sexual_harassment",
        r"(?:スカート|胸|むね|おっぱい|尻|おしり|脚|足|太もも|ふともも|スタイル|下着|ブラ)(?:が|の|は)?"
        r"(?:短|大き|でか|きれい|綺麗|細|エロ|えろ|いい|最高|見え|透け)",
    ),
    cue(
        "sexual_looks_hot_en",
        "sexual_harassment",
        r"\b(?:the |that )?(?:nurse|waitress|girl|lady|receptionist|cashier|clerk) (?:is"
        r"|was) (?:so |really )?(?:hot|sexy|cute|pretty|beautiful|gorgeous)\b",
        kind="sexual_en",
    ),
    cue(
        "sexual_number_asked_en",
        "sexual_harassment",
        r"\bwhat(?:'s| is) (?:her"
        r"|your) (?:phone )?number\b"
        r"|\b(?:give|send|get) me (?:her|his) (?:phone )?(?:number|instagram|snapchat|contact)",
        kind="sexual_en",
    ),
    cue(
        "sexual_date_asked_en",
        "sexual_harassment",
        r"\b(?:go out|sleep|hook up) with (?:me|her)\b"
        r"|\bdate (?:me|her)\b"
        r"|\bkiss (?:me|her)\b",
        kind="sexual_en",
    ),
    cue(
        "sexual_body_word_en",
        "sexual_harassment",
        r"\b(?:boobs"
        r"|tits|breasts)\b",
        kind="sexual_en",
    ),
    cue(
        "sexual_send_cute_en",
        "sexual_harassment",
        r"\bsend (?:the )?(?:cute|pretty|hot|young) (?:one|girl|waitress|nurse)",
        kind="sexual_en",
    ),
    cue("sexual_what_wearing_en", "sexual_harassment", r"\bwhat are you wearing\b", kind="sexual_en"),
    cue("sexual_get_off_en", "sexual_harassment", r"\bwhat time do you get off\b", kind="sexual_en"),
    cue(
        "sexual_single_en",
        "sexual_harassment",
        r"\bare you single\b"
        r"|\bdo you have a (?:boyfriend|girlfriend)\b",
        kind="sexual_en",
    ),
    cue("sexual_drink_en", "sexual_harassment", r"\b(?:grab|get|go for) a drink\b", kind="sexual_en"),
    cue(
        "sexual_number_of_pretty_en",
        "sexual_harassment",
        r"\bnumber of (?:that|the|your) (?:pretty|cute|hot|young|sexy) \w+",
        kind="sexual_en",
    ),
    cue(
        "sexual_body_remark_en",
        "sexual_harassment",
        r"\b(?:nice|great|lovely|sexy|hot|cute) (?:legs|body|figure|ass|bum|butt|thighs|rack)\b",
        kind="sexual_en",
    ),
    cue(
        "sexual_endearment_get_off_en",
        "sexual_harassment",
        r"\b(?:love|darling|sweetheart|babe|gorgeous"
        r"|beautiful)\b[^.!?]{0,5}[.!?,]?\s*what time do you (?:finish"
        r"|get off)\b",
        kind="sexual_en",
    ),
    cue(
        "sexual_smile_en",
        "sexual_harassment",
        r"\bsmile for me\b"
        r"|\bshould smile more\b"
        r"|\b(?:she|you)(?:'d| would) be prettier\b",
        kind="sexual_en",
    ),
    cue(
        "sexual_clothing_en",
        "sexual_harassment",
        # What staff should wear or show: your female staff should wear shorter skirts.
        r"\b(?:wear|wearing|in) (?:much |a lot |a bit |even )?(?:shorter|tighter|smaller|skimpier|sexier"
        r"|lower-cut|lower cut|more revealing|see-through) (?:skirts?|dresses|shorts|tops|blouses|uniforms"
        r"|outfits|clothes)\b"
        r"|\bshow(?:ing)? (?:a bit |a little |some )?more (?:skin|leg|cleavage)\b",
        kind="sexual_en",
    ),
    cue("pet_name_en", "sexual_harassment", r"\b(?:sweetheart|sweetie|honey|darling|babe|sexy)\b", 0.7),
    cue(
        "sexy_en",
        "sexual_harassment",
        r"\b(?:sexy|hot|cute|pretty) (?:nurse|waitress|girl|lady|receptionist|cashier|clerk)\b",
        0.8,
    ),
    # What staff should wear, shorter or tighter: スカートもっと短く, "wear shorter skirts".
    cue(
        "clothing_remark",
        "sexual_harassment",
        r"(?:スカート|制服|服)(?:を|は|の丈)?(?:もっと)?(?:短く|ミニに|ぴったり|タイトに)",
        0.8,
    ),
    cue(
        "hotel_invitation",
        "sexual_harassment",
        r"ホテル(?:で|に)(?:接客|行こ|来て|付き合|泊ま)|タイプ(?:だった|です|やった)(?:ので|んで|から)",
        0.8,
    ),
)
