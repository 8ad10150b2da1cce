"""What the intake dialogue says, one catalog per language (Japanese first), like bot.texts."""

from __future__ import annotations

from bot.texts import localized

DIALOGUE_TEXTS: dict[str, dict[str, str]] = {
    "ja": {
        "intro": (
            "よろしければ、報告に必要なことをいくつかお伺いします。どの質問も「スキップ」で飛ばせます。"
            "「やり直す」で最初から、「キャンセル」で取りやめられます。"
        ),
        "ask.anonymity": "お名前を伝えてもよろしいですか？匿名のままでも受け付けます。",
        "ask.name": "お名前を入力してください。",
        "ask.contact": (
            "ご連絡先（電話番号またはメールアドレス）があれば入力してください。任意です。"
            "ご連絡をお約束するものではありません。"
        ),
        "ask.place": "どちらの店舗・部署での出来事ですか？",
        "ask.place_list": (
            "どちらの店舗・部署での出来事ですか？下のボタンから選ぶか、名前を入力してください。"
        ),
        "ask.staff": "対応した職員の名前や特徴（例: 受付の男性）を教えてください。",
        "ask.when": "それはいつのことですか？（例: 昨日の夜7時ごろ）下のボタンで日時を選ぶこともできます。",
        "ask.what": "どのようなことがあったか、具体的に教えてください。",
        "ask.wanted": "{tenant}に望むこと（謝罪、改善、返金など）があれば教えてください。",
        "ask.feedback": (
            "確認の結果について、{tenant}の判断によりご連絡を差し上げる場合があります。希望されますか？"
        ),
        "ask.consent": (
            "お名前・ご連絡先を{tenant}にお伝えしてもよろしいですか？同意がない限り、当窓口の外には出しません。"
        ),
        "ask.confirm": "以下の内容で受け付けます。よろしければ「送信する」を押してください。\n\n{summary}",
        "button.named": "名前を伝える",
        "button.anonymous": "匿名のまま",
        "button.skip": "スキップ",
        "button.yes": "はい",
        "button.no": "いいえ",
        "button.pick_datetime": "日時を選ぶ",
        "button.submit": "送信する",
        "button.restart": "やり直す",
        "button.cancel": "キャンセル",
        "button.english": "English",
        "button.new_complaint": "ご意見を送る",
        "button.how": "この窓口について",
        "error.phone": (
            "電話番号「{value}」を確認できませんでした。番号をご確認のうえ、もう一度入力してください。"
        ),
        "error.email": "メールアドレス「{value}」の形式が正しくないようです。もう一度入力してください。",
        "error.no_contact": (
            "電話番号またはメールアドレスが見つかりませんでした。入力するか、「スキップ」を押してください。"
        ),
        "error.future": "その日時はまだ来ていないようです。出来事のあった日時を教えてください。",
        "error.unknown_shop": (
            "「{value}」は{tenant}の店舗・部署の一覧に見つかりませんでした。ボタンから選ぶか、「スキップ」を押してください。"
        ),
        "error.choose": "下のボタンからお選びください。",
        "error.too_long": "{limit}文字以内でお願いします。",
        "note.added": "追加の内容として記録しました。",
        "note.restart": "最初からお伺いします。これまでのメッセージは記録として残ります。",
        "note.sticker": "スタンプを受け取りました。",
        "note.location": "位置情報を受け取りました。",
        "note.media": "ファイルを受け取り、記録しました。",
        "receipt": (
            "受け付けました。受付番号は {number} です。\n"
            "内容を確認のうえ{tenant}に報告します。個別のご返答や、対応状況についてのお問い合わせへの回答は"
            "できませんのでご了承ください。"
        ),
        "receipt.idle": (
            "ここまでにお伺いした内容で受け付けました。受付番号は {number} です。"
            "追加があれば、このトークにお送りください。"
        ),
        "cancelled": (
            "承知しました。受付を取りやめました（受付番号 {number}）。"
            "いただいたメッセージは記録として保管します。改めてご意見があれば、いつでもお送りください。"
        ),
        "progress": (
            "恐れ入りますが、当窓口では対応状況についてのお問い合わせにはお答えしておりません。"
            "いただいた内容は確認のうえ{tenant}に報告します。追加のご意見は、このトークにお送りください。"
        ),
        "progress.collecting": (
            "ご意見の受付はまだ途中です。当窓口では対応状況についてのお問い合わせにはお答えしておりませんが、"
            "受付が済みましたら内容を確認のうえ{tenant}に報告します。続けて、次の質問にお答えください。"
        ),
        "stale": "その質問にはすでにお答えいただいています。",
        "language.switched": "日本語でご案内します。",
        "welcome.back": "{tenant}のご意見受付窓口です。お戻りいただきありがとうございます。",
        "prompt.new": "新しいご意見ですね。内容をこのトークに文章でお送りください。",
        "label.anonymous": "匿名",
        "label.named": "記名",
        "label.name": "お名前",
        "label.contact": "ご連絡先",
        "label.place": "場所",
        "label.staff": "職員",
        "label.when": "日時",
        "label.what": "内容",
        "label.wanted": "ご要望",
        "label.feedback": "結果の連絡",
        "label.consent": "お名前・連絡先の開示",
        "label.yes": "希望する／同意する",
        "label.no": "希望しない／同意しない",
        "label.none": "（未回答）",
    },
    "en": {
        "intro": (
            'If you don\'t mind, a few questions for the report. Each can be skipped with "Skip". '
            'Send "restart" to start over or "cancel" to stop.'
        ),
        "ask.anonymity": "May we have your name? You can also stay anonymous.",
        "ask.name": "Please type your name.",
        "ask.contact": (
            "If you wish, send a phone number or e-mail address. This is optional and we do not promise "
            "to contact you."
        ),
        "ask.place": "Where did it happen (shop, branch or department)?",
        "ask.place_list": "Where did it happen? Pick a shop or department below, or type its name.",
        "ask.staff": "Who dealt with you? A name or a description (e.g. the man at reception) helps.",
        "ask.when": (
            "When did it happen (e.g. yesterday around 7pm)? You can also pick a date and time below."
        ),
        "ask.what": "Please tell us what happened, as concretely as you can.",
        "ask.wanted": "What would you like {tenant} to do (an apology, an improvement, a refund...)?",
        "ask.feedback": "{tenant} may decide to let you know the outcome. Would you like that?",
        "ask.consent": (
            "May we pass your name and contact details to {tenant}? Without your consent they never leave "
            "this desk."
        ),
        "ask.confirm": 'This is what we will submit. Tap "Submit" if it is right.\n\n{summary}',
        "button.named": "Give my name",
        "button.anonymous": "Stay anonymous",
        "button.skip": "Skip",
        "button.yes": "Yes",
        "button.no": "No",
        "button.pick_datetime": "Pick date & time",
        "button.submit": "Submit",
        "button.restart": "Restart",
        "button.cancel": "Cancel",
        "button.english": "English",
        "button.new_complaint": "File a complaint",
        "button.how": "How this works",
        "error.phone": (
            'We could not recognise the phone number "{value}". Please check it and send it again.'
        ),
        "error.email": 'The e-mail address "{value}" does not look right. Please send it again.',
        "error.no_contact": 'We found no phone number or e-mail address. Please send one, or tap "Skip".',
        "error.future": "That date and time has not come yet. Please tell us when it happened.",
        "error.unknown_shop": (
            'We could not find "{value}" among {tenant}\'s shops and departments. Pick one below, or tap '
            '"Skip".'
        ),
        "error.choose": "Please choose one of the buttons below.",
        "error.too_long": "Please keep it within {limit} characters.",
        "note.added": "We have added this to your message.",
        "note.restart": "Let's start again. Your earlier messages stay on record.",
        "note.sticker": "We have received your sticker.",
        "note.location": "We have received a location.",
        "note.media": "We have received and recorded your file.",
        "receipt": (
            "Submitted. Your reference number is {number}.\n"
            "We will check it and report to {tenant}. We cannot reply individually or answer questions "
            "about progress."
        ),
        "receipt.idle": (
            "We have submitted what you told us so far. Your reference number is {number}. "
            "You can add more in this chat."
        ),
        "cancelled": (
            "Understood. The submission is cancelled (reference {number}). What you sent stays on record. "
            "You are welcome to write again at any time."
        ),
        "progress": (
            "We are sorry, but this desk does not answer questions about progress. What you sent will be "
            "checked and reported to {tenant}. You can add more in this chat."
        ),
        "progress.collecting": (
            "Your complaint is not filed yet. This desk does not answer questions about progress, but once "
            "it is filed it will be checked and reported to {tenant}. Please answer the question below."
        ),
        "stale": "You have already answered that question.",
        "language.switched": "English is selected. We will reply in English from now on.",
        "welcome.back": "This is the feedback desk for {tenant}. Welcome back.",
        "prompt.new": "A new complaint: please write what happened in this chat.",
        "label.anonymous": "Anonymous",
        "label.named": "Named",
        "label.name": "Name",
        "label.contact": "Contact",
        "label.place": "Where",
        "label.staff": "Staff",
        "label.when": "When",
        "label.what": "What happened",
        "label.wanted": "Request",
        "label.feedback": "Outcome wanted",
        "label.consent": "Disclose name/contact",
        "label.yes": "Yes",
        "label.no": "No",
        "label.none": "(not given)",
    },
}


def dialogue_text(language: str, key: str, **values: object) -> str:
    """A dialogue text in the complainant's language (Japanese when unknown)."""
    return localized(DIALOGUE_TEXTS, language, key, **values)
