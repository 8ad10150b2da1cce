"""What the web form says, one catalog per language (Japanese first), like bot.texts; the policy is the
desk's own (bot.texts)."""

from __future__ import annotations

from bot.texts import localized

FORM_TEXTS: dict[str, dict[str, str]] = {
    "ja": {
        "title": "{tenant} ご意見・苦情の受付フォーム",
        "intro": (
            "こちらは{tenant}から委託を受けた外部の受付窓口です。24時間受け付けています。"
            "送信の前に、次の方針をお読みください。"
        ),
        "policy.heading": "受付の方針",
        "required": "必須",
        "optional": "任意",
        "switch_language": "English",
        "errors.heading": "入力内容を確認してください（{count}件）",
        "field.anonymity": "お名前を伝えますか",
        "field.anonymity.anonymous": "匿名のまま送る",
        "field.anonymity.named": "名前を伝える",
        "field.name": "お名前",
        "field.phone": "電話番号",
        "field.email": "メールアドレス",
        "field.contact.hint": "ご連絡先の記入は任意です。ご連絡やご返答をお約束するものではありません。",
        "field.shop": "店舗・部署",
        "field.shop.choose": "選んでください",
        "field.shop.other": "一覧にない場合",
        "field.shop_other": "店舗・部署・場所（一覧にない場合）",
        "field.staff": "対応した職員の名前や特徴",
        "field.staff.hint": "例: 受付の男性",
        "field.occurred": "出来事の日時",
        "field.what_happened": "どのようなことがありましたか",
        "field.what_happened.hint": "できるだけ具体的にお書きください（{max}文字まで）。",
        "field.wanted": "{tenant}に望むこと",
        "field.wanted.hint": "謝罪、改善、返金など（{max}文字まで）。",
        "field.feedback": (
            "確認の結果について、{tenant}の判断によりメールでご連絡する場合があります。希望しますか"
        ),
        "field.feedback.yes": "希望する",
        "field.feedback.no": "希望しない",
        "field.consent": "お名前・ご連絡先を{tenant}に伝えることに同意します",
        "field.consent.hint": "同意がない限り、お名前とご連絡先は当窓口の外には出しません。",
        "field.attachments": "写真・書類・録音",
        "field.attachments.hint": "画像、PDF、音声を{count}個まで、1つ{size}MBまで添付できます。",
        "field.website": "この欄は空のままにしてください",
        "submit": "送信する",
        "error.required": "入力してください。",
        "error.choose": "どちらかを選んでください。",
        "error.too_long": "{max}文字以内でお書きください（いま{length}文字）。",
        "error.phone": "電話番号として読み取れません（例: 090-1234-5678）。",
        "error.email": "メールアドレスとして読み取れません（例: name@example.jp）。",
        "error.shop": "一覧から選ぶか、店舗・部署をお書きください。",
        "error.occurred": "日時として読み取れません。",
        "error.occurred_future": "これから先の日時は選べません。",
        "error.name_anonymous": "匿名を選んだ場合はお名前を空にしてください。",
        "error.feedback_email": "ご連絡を希望する場合はメールアドレスを入力してください。",
        "error.too_many_files": "添付は{count}個までです。",
        "error.file_too_large": "「{name}」は大きすぎます（1つ{size}MBまで）。",
        "error.file_type": "「{name}」は画像、PDF、音声のいずれでもありません。",
        "error.attachments_again": "エラーがあったため添付は送られていません。もう一度選んでください。",
        "received.title": "受け付けました",
        "received.number": "受付番号",
        "received.body": (
            "{tenant}へのご意見をお預かりしました。内容は当窓口で確認し、{tenant}に報告します。"
            "この画面を閉じてかまいません。"
        ),
        "received.threat.title": "受け付けできません",
        "received.pending.title": "受け付けています",
        "received.pending.body": (
            "送信された内容は保存しました。受付番号を用意しています。このページは自動で更新されます。"
        ),
        "problem.csrf.title": "送信できませんでした",
        "problem.csrf.body": (
            "フォームの有効期限が切れたか、ブラウザーのCookieが無効になっています。"
            "Cookieを有効にして、フォームを開き直してから、もう一度送信してください。"
        ),
        "problem.honeypot.body": (
            "送信を受け付けられませんでした。フォームを開き直して、もう一度お試しください。"
        ),
        "problem.rate.title": "しばらくお待ちください",
        "problem.rate.body": (
            "短い時間に多くの送信がありました。{minutes}分ほど待ってから、もう一度送信してください。"
        ),
        "problem.too_large.title": "送信できませんでした",
        "problem.too_large.body": (
            "送信内容が大きすぎます（合計{size}MBまで）。添付を減らして、"
            "フォームを開き直してから送信してください。"
        ),
        "problem.unavailable.title": "ただいま送信できません",
        "problem.unavailable.body": (
            "一時的な障害です。内容は保存されていません。少し待ってから、もう一度送信してください。"
        ),
        "problem.not_found.title": "ページが見つかりません",
        "problem.not_found.body": (
            "このアドレスの受付フォームはありません。お手元のチラシやご案内のアドレスをご確認ください。"
        ),
        "problem.closed.title": "このフォームは受付を休止しています",
        "problem.closed.body": "{tenant}へのご意見は、次の方法でお寄せください。",
        "problem.back": "フォームに戻る",
        "other.line": "LINE: {basic_id}",
        "other.email": "メール: {email}",
        "other.phone": "電話（留守番電話）: {phone}",
        "other.phone_hours": "電話（留守番電話）: {phone}（{hours}）",
        "other.none": "お手元のチラシやご案内をご確認ください。",
    },
    "en": {
        "title": "{tenant}: complaints and feedback form",
        "intro": (
            "This is an outside desk that takes complaints on behalf "
            "of {tenant}, 24 hours a day. Please read our "
            "policy before you send."
        ),
        "policy.heading": "Our policy",
        "required": "required",
        "optional": "optional",
        "switch_language": "日本語",
        "errors.heading": "Please check what you entered ({count})",
        "field.anonymity": "Do you want to give your name?",
        "field.anonymity.anonymous": "Stay anonymous",
        "field.anonymity.named": "Give my name",
        "field.name": "Your name",
        "field.phone": "Phone number",
        "field.email": "E-mail address",
        "field.contact.hint": "Contact details are optional. We do not promise to contact you or to reply.",
        "field.shop": "Shop or department",
        "field.shop.choose": "Choose one",
        "field.shop.other": "Not in the list",
        "field.shop_other": "Shop, department or place (if not in the list)",
        "field.staff": "The staff member's name or description",
        "field.staff.hint": "For example: the man at the reception",
        "field.occurred": "When it happened",
        "field.what_happened": "What happened?",
        "field.what_happened.hint": "Please be as specific as you can (up to {max} characters).",
        "field.wanted": "What you would like {tenant} to do",
        "field.wanted.hint": "An apology, an improvement, a refund... (up to {max} characters).",
        "field.feedback": ("{tenant} may decide to tell you the outcome by e-mail. Would you like that?"),
        "field.feedback.yes": "Yes",
        "field.feedback.no": "No",
        "field.consent": "I agree that my name and contact details may be given to {tenant}",
        "field.consent.hint": "Without your consent your name and contact details never leave the desk.",
        "field.attachments": "Photos, documents, recordings",
        "field.attachments.hint": "Images, PDF or audio: up to {count} files of {size} MB each.",
        "field.website": "Leave this field empty",
        "submit": "Send",
        "error.required": "Please fill this in.",
        "error.choose": "Please choose one.",
        "error.too_long": "Please keep it to {max} characters (now {length}).",
        "error.phone": "This does not look like a phone number (for example 090-1234-5678).",
        "error.email": "This does not look like an e-mail address (for example name@example.com).",
        "error.shop": "Choose from the list, or write the shop or department.",
        "error.occurred": "This is not a date and time we can read.",
        "error.occurred_future": "This date and time is in the future.",
        "error.name_anonymous": "You chose to stay anonymous: please leave the name empty.",
        "error.feedback_email": "To hear the outcome, please give an e-mail address.",
        "error.too_many_files": "Up to {count} files can be attached.",
        "error.file_too_large": '"{name}" is too large (up to {size} MB each).',
        "error.file_type": '"{name}" is not an image, a PDF or an audio file.',
        "error.attachments_again": "Because of an error the files were not sent. Please choose them again.",
        "received.title": "Received",
        "received.number": "Receipt number",
        "received.body": (
            "We have received your message for {tenant}. The desk will check it and report it to {tenant}. "
            "You may close this page."
        ),
        "received.threat.title": "Not accepted",
        "received.pending.title": "Receiving",
        "received.pending.body": (
            "What you sent is saved. Your receipt number is being prepared; this page refreshes itself."
        ),
        "problem.csrf.title": "Could not be sent",
        "problem.csrf.body": (
            "The form has expired or your browser's cookies are off. Please turn cookies on, open the form "
            "again and send it once more."
        ),
        "problem.honeypot.body": "We could not accept this. Please open the form again and try once more.",
        "problem.rate.title": "Please wait a moment",
        "problem.rate.body": (
            "Many messages were sent in a short time. Please wait about {minutes} minute(s) and send again."
        ),
        "problem.too_large.title": "Could not be sent",
        "problem.too_large.body": (
            "What you sent is too large (up to {size} MB in all). Please attach fewer files, open the form "
            "again and send it."
        ),
        "problem.unavailable.title": "Cannot be sent right now",
        "problem.unavailable.body": (
            "A temporary fault: nothing was saved. Please wait a little and send again."
        ),
        "problem.not_found.title": "Page not found",
        "problem.not_found.body": "There is no form at this address. Please check the address on your flyer.",
        "problem.closed.title": "This form is not taking messages",
        "problem.closed.body": "Please reach {tenant}'s desk in one of these ways.",
        "problem.back": "Back to the form",
        "other.line": "LINE: {basic_id}",
        "other.email": "E-mail: {email}",
        "other.phone": "Phone (answering machine): {phone}",
        "other.phone_hours": "Phone (answering machine): {phone} ({hours})",
        "other.none": "Please see the flyer or notice you were given.",
    },
}


def form_text(language: str, key: str, **values: object) -> str:
    """A text of the web form in the language (Japanese when unknown)."""
    return localized(FORM_TEXTS, language, key, **values)
