"""Texts of client reports, one catalog per tenant language (Japanese first)."""

from __future__ import annotations

from bot.texts import DESK, localized

REPORT: dict[str, dict[str, str]] = {
    "ja": {
        "title": "案件報告書 {number}",
        "title.corrected": "案件報告書 {number}（訂正版 第{version}版）",
        "corrected.note": "この報告書は、先に送付した報告書（第{previous}版）を訂正するものです。",
        "intro": "{tenant} 御中\nカスタマーハラスメント対応代行窓口より、受付案件についてご報告します。",
        "section.case": "受付情報",
        "section.complainant": "申立人",
        "section.complaint": "申立ての内容",
        "section.verdict": "窓口の判断",
        "section.opinion": "窓口の見解",
        "section.advice": "助言",
        "field.number": "受付番号",
        "field.received": "受付日時",
        "field.channel": "受付経路",
        "field.due": "報告期限",
        "field.identity": "氏名",
        "field.contact": "連絡先",
        "field.place": "組織・店舗",
        "field.staff": "対応した職員",
        "field.when": "日時",
        "field.what": "申立ての内容",
        "field.wanted": "求めていること",
        "field.feedback": "結果のフィードバック",
        "field.label": "判断",
        "field.types": "行為類型",
        "field.decided": "判断日",
        "anonymous": "匿名",
        "not_disclosed": "本人の同意がないため開示しません",
        "not_given": "記載なし",
        "feedback.yes": "希望あり（申立人へのフィードバックの要否をご判断ください）",
        "feedback.no": "希望なし",
        "feedback.unknown": "不明",
        "no_verdict": "未判断",
        "channel.line": "LINE",
        "channel.web": "Webフォーム",
        "channel.mail": "メール",
        "channel.phone": "電話（留守番電話）",
        "label.legitimate": "正当なクレーム",
        "label.harassment": "カスタマーハラスメント",
        "label.threat": "脅迫・危険（警察への相談対象）",
        "label.out_of_scope": "対象外",
        **{key: name for key, name in DESK.items() if key.startswith("type.")},  # the desk's names
        "button.approve": "フィードバックを依頼する",
        "button.decline": "フィードバックは不要",
        "feedback.question": "申立人はフィードバックを希望しています。窓口から申立人へ連絡しますか？",
        "pdf.attached": "報告書（PDF）を添付します。",
        "pdf.failed": (
            "報告書のPDFを添付できませんでした。上の報告内容がすべてです。PDFは窓口から改めてお送りします。"
        ),
        "footer": "本報告書には、申立人の同意なく個人情報を記載していません。",
        "fallback": "案件報告 {number}（{tenant}）",
        "monthly.title": "{month} 月次集計（{tenant}）",
        "monthly.none": "{month} の受付案件はありませんでした。",
        "monthly.received": "受付件数",
        "monthly.by_channel": "受付経路別",
        "monthly.by_verdict": "判断別",
        "monthly.by_type": "行為類型別",
        "monthly.sla": "3営業日以内の報告",
        "monthly.sla_value": "{met} / {due} 件（期限内）",
        "monthly.sla_met": "期限内",
        "monthly.sla_judged": "判定済み",
        "monthly.undecided": "未判断",
        "monthly.chart_title": "{month} 判断別件数",
        "monthly.count": "件数",
    },
    "en": {
        "title": "Case report {number}",
        "title.corrected": "Case report {number} (Corrected, version {version})",
        "corrected.note": "This report corrects the report sent earlier (version {previous}).",
        "intro": "To {tenant}\nThe customer-harassment desk reports on the following case.",
        "section.case": "Case",
        "section.complainant": "Complainant",
        "section.complaint": "The complaint",
        "section.verdict": "The desk's decision",
        "section.opinion": "The desk's opinion",
        "section.advice": "Advice",
        "field.number": "Reference",
        "field.received": "Received",
        "field.channel": "Channel",
        "field.due": "Report due",
        "field.identity": "Name",
        "field.contact": "Contact",
        "field.place": "Organisation / branch",
        "field.staff": "Staff member",
        "field.when": "When",
        "field.what": "What happened",
        "field.wanted": "What is asked",
        "field.feedback": "Feedback on the result",
        "field.label": "Decision",
        "field.types": "Behaviour types",
        "field.decided": "Decided",
        "anonymous": "Anonymous",
        "not_disclosed": "Not disclosed (no consent from the complainant)",
        "not_given": "Not given",
        "feedback.yes": "Wished (please decide whether the complainant should get feedback)",
        "feedback.no": "Not wished",
        "feedback.unknown": "Unknown",
        "no_verdict": "Not yet decided",
        "channel.line": "LINE",
        "channel.web": "Web form",
        "channel.mail": "E-mail",
        "channel.phone": "Phone (voicemail)",
        "label.legitimate": "Legitimate complaint",
        "label.harassment": "Customer harassment",
        "label.threat": "Threat (a matter for the police)",
        "label.out_of_scope": "Out of scope",
        "type.time_binding": "Time-binding",
        "type.repeat": "Repeat",
        "type.verbal_abuse": "Verbal abuse",
        "type.violence": "Violence",
        "type.intimidation": "Intimidation / threat",
        "type.authority": "Authority",
        "type.off_premises": "Summoning staff off premises",
        "type.online_defamation": "Online defamation",
        "type.sexual_harassment": "Sexual harassment",
        "type.excessive_demand": "Excessive demand",
        "button.approve": "Ask the desk to give feedback",
        "button.decline": "No feedback needed",
        "feedback.question": "The complainant wishes feedback. Should the desk contact them?",
        "pdf.attached": "The report as a PDF.",
        "pdf.failed": (
            "The PDF of this report could not be attached. The report above is complete; "
            "the desk will send the PDF again."
        ),
        "footer": "This report contains no personal data without the complainant's consent.",
        "fallback": "Case report {number} ({tenant})",
        "monthly.title": "Monthly total {month} ({tenant})",
        "monthly.none": "No cases were received in {month}.",
        "monthly.received": "Cases received",
        "monthly.by_channel": "By channel",
        "monthly.by_verdict": "By decision",
        "monthly.by_type": "By behaviour type",
        "monthly.sla": "Reported within 3 business days",
        "monthly.sla_value": "{met} of {due} (on time)",
        "monthly.sla_met": "on time",
        "monthly.sla_judged": "judged",
        "monthly.undecided": "Not yet decided",
        "monthly.chart_title": "{month} cases by decision",
        "monthly.count": "Cases",
    },
}

# What the desk's admins and reviewers read (Japanese, like the rest of the desk's Slack).
DESK_ALERTS: dict[str, str] = {
    "upload_failed": (
        ":warning: 案件 {number} の報告書PDFを {channel} に添付できませんでした（{error}）。"
        "報告本文は送付済みです。PDFを手動で送付してください。"
    ),
    "no_report_channel": (
        ":warning: {tenant} には報告チャンネルが設定されていません。{what}を送付できませんでした。"
        "テナント設定に報告チャンネルを追加してください（内容は保存されています）。"
    ),
    "monthly.what": "{month} の月次集計",
    "case.what": "案件 {number} の報告",
    "sla.reminder": ":alarm_clock: 案件 {number} の報告期限は {due} です（あと1営業日）。",
    "sla.due_today": ":alarm_clock: 案件 {number} の報告期限は本日 {due} です。",
    "sla.overdue": (
        ":rotating_light: {mention} 案件 {number}（{tenant}）の報告期限 {due} を過ぎました。"
        "至急、報告を送付してください。"
    ),
    "contract.renewal": (
        ":memo: {tenant} の契約は {end} に終了します（あと30日）。更新の手続きをお願いします。"
    ),
    "contract.expired": "契約期間外（{end} 終了）の受付です。",
}


def report_text(language: str, key: str, **values: object) -> str:
    """A client-report text in the tenant's language (Japanese when unknown)."""
    return localized(REPORT, language, key, **values)


def alert_text(key: str, **values: object) -> str:
    """A desk alert."""
    return DESK_ALERTS[key].format(**values)
