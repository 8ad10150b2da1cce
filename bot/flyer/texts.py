"""Texts of the flyer and the hand-out card, one catalog per language (Japanese first)."""

from __future__ import annotations

from bot.texts import localized

FLYER: dict[str, dict[str, str]] = {
    "ja": {
        "title": "{tenant}",
        "subtitle": "ご意見・苦情の受付窓口",
        "intro": (
            "{tenant}へのご意見・苦情は、{tenant}から委託を受けた外部の受付窓口がお預かりしています。"
            "24時間受け付けています。"
        ),
        "policy.heading": "受付の方針",
        "policy.1": (
            "いただいた内容は当窓口で確認し、正当なご意見か、カスタマーハラスメントに当たるかを判断したうえで、"
            "{tenant}に報告します。"
        ),
        "policy.2": "お名前やご連絡先のご記入は任意です。個別のご連絡やご返答はお約束しておりません。",
        "policy.3": "対応状況や結果についてのお問い合わせにはお答えできません。",
        "policy.4": (
            "脅迫や誹謗中傷に当たる内容は受け付けません。内容によっては警察に相談・通報することがあります。"
        ),
        "policy.thanks": "サービスの向上のため、率直なご意見をお寄せください。",
        "channels.heading": "ご意見の送り方",
        "line.title": "LINEで送る",
        "line.own": "QRコードを読み取って友だち追加し、トークでご意見をお送りください。",
        "line.shared": (
            "QRコードを読み取ると、窓口コードが入力された状態でトークが開きます。そのまま送信してから、"
            "ご意見をお送りください。"
        ),
        "line.id": "LINE ID: {basic_id}",
        "line.code": "窓口コード: {code}",
        "form.title": "ウェブフォームで送る（24時間受付）",
        "form.text": "QRコードを読み取るか、次のアドレスを開いてください。",
        "email.title": "メールで送る",
        "phone.title": "電話で伝える",
        "phone.hours": "受付時間: {hours}",
        "footer": "この窓口は、{tenant}から委託を受けた外部の窓口が運営しています。",
        "card.policy": "ご意見は外部の窓口が確認し、{tenant}に報告します。ご返答はお約束しておりません。",
        "card.line": "LINE",
        "card.line_code": "コード {code}",
        "card.form": "ウェブフォーム",
        "card.handoff": "受付コード",
        "card.handoff_hint": "お送りの際にお書き添えください",
    },
    "en": {
        "title": "{tenant}",
        "subtitle": "Feedback and complaints desk",
        "intro": (
            "Feedback and complaints to {tenant} are received by an outside desk that works on behalf of "
            "{tenant}, 24 hours a day."
        ),
        "policy.heading": "How we handle what you send",
        "policy.1": (
            "The desk checks what you send, decides whether it is a legitimate complaint or customer "
            "harassment, and reports it to {tenant}."
        ),
        "policy.2": "Your name and contact details are optional. We do not promise to contact you or reply.",
        "policy.3": "We cannot answer questions about progress or the outcome.",
        "policy.4": "Threats and defamation are not accepted and may be reported to the police.",
        "policy.thanks": "Your honest feedback helps to improve the service.",
        "channels.heading": "How to reach us",
        "line.title": "By LINE",
        "line.own": "Scan the QR code, add the account as a friend and write to us in the chat.",
        "line.shared": (
            "Scan the QR code: the chat opens with the desk code typed in. Send it, then write to us."
        ),
        "line.id": "LINE ID: {basic_id}",
        "line.code": "Desk code: {code}",
        "form.title": "By the web form (24 hours)",
        "form.text": "Scan the QR code or open this address:",
        "email.title": "By e-mail",
        "phone.title": "By phone",
        "phone.hours": "Hours: {hours}",
        "footer": "This desk is run by an outside organisation on behalf of {tenant}.",
        "card.policy": (
            "An outside desk checks what you send and reports it to {tenant}. No reply is promised."
        ),
        "card.line": "LINE",
        "card.line_code": "Code {code}",
        "card.form": "Web form",
        "card.handoff": "Hand-off code",
        "card.handoff_hint": "Please add it to your message",
    },
}


def flyer_text(language: str, key: str, **values: object) -> str:
    """A flyer text in the language (Japanese when unknown), filled in."""
    return localized(FLYER, language, key, **values)
