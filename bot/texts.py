"""Everything a complainant or reviewer reads, one catalog per language (Japanese first)."""

from __future__ import annotations

from typing import Literal

Language = Literal["ja", "en"]

_POLICY = {
    "ja": (
        "・いただいた内容は当窓口で確認し、正当なご意見か、カスタマーハラスメントに当たるかを判断したうえで、"
        "{tenant}に報告します。\n"
        "・個別のご連絡やご返答はお約束しておりません。対応状況についてのお問い合わせにもお答えできません。\n"
        "・脅迫や誹謗中傷に当たる内容は受け付けません。内容によっては警察に相談・通報することがあります。\n"
        "・お名前やご連絡先のご記入は任意です。"
    ),
    "en": (
        "- We will check what you wrote, decide whether it is a legitimate complaint or customer harassment, "
        "and report it to {tenant}.\n"
        "- We do not promise to contact you or to reply, and we cannot answer questions about progress.\n"
        "- Threats and defamation are not accepted and may be reported to the police.\n"
        "- Your name and contact details are optional."
    ),
}

CATALOG: dict[str, dict[str, str]] = {
    "ja": {
        "ack.new_case": (
            "{tenant}へのご意見をお預かりしました。こちらは{tenant}から委託を受けた外部の受付窓口です。\n"
            "受付番号: {number}\n\n" + _POLICY["ja"]
        ),
        "ack.follow_up": "追加のメッセージを受付番号 {number} の内容に加えました。",
        "voice.greeting": (
            "お電話ありがとうございます。{tenant}から委託を受けた、ご意見・苦情の外部受付窓口です。"
            "いただいた内容は当窓口で確認し、正当なご意見か、カスタマーハラスメントに当たるかを判断したうえで、"
            "{tenant}に報告します。個別のご連絡やご返答はお約束しておりません。"
            "脅迫や誹謗中傷に当たる内容は受け付けず、警察に相談・通報することがあります。"
            "発信音のあとに、{seconds}秒以内でお話しください。終わりましたら電話をお切りください。"
        ),
        "voice.closing": "お話はお預かりしました。お電話ありがとうございました。",
        "voice.not_in_service": "おかけになった番号は、現在受付を行っておりません。",
        "welcome": (
            "{tenant}のご意見・苦情の受付窓口です。こちらは{tenant}から委託を受けた外部の窓口で、"
            "24時間メッセージを受け付けています。\n\n" + _POLICY["ja"] + "\n\n"
            "ご意見の内容を、このトークに文章でお送りください。"
        ),
        "notice.sticker": "スタンプを受け取りました。恐れ入りますが、ご意見の内容は文章でお送りください。",
        "notice.media": (
            "ファイルを受け取り、記録しました。内容を正しくお伝えするため、ご意見は文章でもお送りください。"
        ),
        "notice.location": (
            "位置情報を受け取りました。場所は店舗名などを文章でお知らせいただけると助かります。"
        ),
        "feedback.message": "受付番号 {number} について、窓口からのご連絡です。\n\n{body}",
        "feedback.template": (
            "お寄せいただいたご意見は、当窓口で内容を確認し、{tenant}に報告いたしました。"
            "{tenant}では、いただいたご意見を今後のサービス向上の参考にいたします。\n\n"
            "なお、このご連絡への返信は不要です。個別のお問い合わせや経過のご質問にはお答えできませんので、"
            "あらかじめご了承ください。"
        ),
        "info.request": (
            "受付番号 {number} について、窓口の担当者から確認させていただきたいことがあります。"
            "\n\n{question}\n\n"
            "差し支えなければ、このトークでお答えください。お答えいただくかどうかは任意です。"
        ),
        "notice.threat": (
            "いただいたメッセージには、脅迫や危害を示す内容が含まれているため、"
            "当窓口では受け付けることができません。"
            "内容は記録しており、必要に応じて警察に相談・通報します。"
        ),
        "mail.from_name": "{tenant} ご意見・苦情の受付窓口",
    },
    "en": {
        "ack.new_case": (
            "We have received your message to {tenant}. This is an outside desk that handles feedback "
            "on behalf of {tenant}.\nReference: {number}\n\n" + _POLICY["en"]
        ),
        "ack.follow_up": "We have added your message to reference {number}.",
        "voice.greeting": (
            "Thank you for calling the outside feedback and complaints desk for {tenant}. "
            "We will check your message, decide whether it is a legitimate complaint or customer harassment, "
            "and report it to {tenant}. We do not promise to contact you or to reply. "
            "Threats and defamation are not accepted and may be reported to the police. "
            "Please speak after the tone, for up to {seconds} seconds, then hang up."
        ),
        "voice.closing": "Your message has been recorded. Thank you for calling.",
        "voice.not_in_service": "The number you have called is not in service.",
        "welcome": (
            "This is the feedback and complaints desk for {tenant}, run by an outside organisation on its "
            "behalf. Messages are accepted 24 hours a day.\n\n" + _POLICY["en"] + "\n\n"
            "Please write what happened in this chat."
        ),
        "notice.sticker": "Thank you for the sticker. Please write what happened in words.",
        "notice.media": (
            "We have received and recorded your file. Please also describe what happened in words."
        ),
        "notice.location": "We have received a location. Please also tell us the name of the shop or branch.",
        "feedback.message": "A message from the desk about reference {number}.\n\n{body}",
        "feedback.template": (
            "The desk has reviewed your feedback and reported it to {tenant}. {tenant} will take it "
            "into account in its future service.\n\n"
            "There is no need to reply to this message. Please understand that we cannot answer "
            "individual enquiries or questions about progress."
        ),
        "info.request": (
            "Our desk has a question about reference {number}.\n\n{question}\n\n"
            "If you are willing, please answer in this chat. Answering is optional."
        ),
        "notice.threat": (
            "Your message contains threats or statements of harm, so this desk cannot accept it. "
            "It has been recorded and may be reported to the police."
        ),
        "mail.from_name": "{tenant} feedback and complaints desk",
    },
}

# What reviewers read in Slack (the desk works in Japanese).
DESK: dict[str, str] = {
    "triage.header": "新しい案件 {number}",
    "triage.tenant": "依頼元",
    "triage.channel": "受付経路",
    "triage.received": "受付日時",
    "triage.due": "報告期限",
    "triage.status": "状態",
    "triage.classification_pending": "分類の提案: 判定待ち（参考情報です。判断は担当者が行います）",
    "triage.fallback": "{number} 新しい案件（{tenant}）",
    "triage.contract_expired": (
        ":warning: 契約期間外（{end} 終了）の受付です。受付はしましたので、契約の状況を確認してください。"
    ),
    "thread.follow_up": "申立人からの追加メッセージ（{received}）",
    "thread.follow_ups": "申立人からの追加メッセージ {count}件（{first}〜{last}）",
    "thread.at": "{received}",
    "thread.progress_at": "{received} 対応状況の問い合わせ（定型の回答を送りました）",
    "thread.progress_unanswered": (
        "申立人から対応状況の問い合わせ（{received}）。直前に回答したため、回答は送っていません。"
    ),
    "thread.progress_unanswered_at": "{received} 対応状況の問い合わせ（直前に回答済み）",
    "triage.follow_ups": ":incoming_envelope: 申立人からの追加メッセージ {count}件（{minutes}分間）",
    "thread.attachment": "申立人が{kind}を送信しました（{received}）",
    "thread.unsent": "申立人がメッセージの送信を取り消しました（{received}）。記録は保持しています。",
    "triage.suggestion": "*分類の提案*（参考情報です。判断は担当者が行います）",
    "triage.engine": "判定エンジン: {engine} ／ 確信度 {confidence:.0%}",
    "triage.why": " ／ 判定の分岐: {branch} ／ 検出したルール: {rules}",
    "triage.label": "提案: *{label}*",
    "triage.types": "行為類型: {types}",
    "triage.demand": "要求内容の妥当性: {verdict} — {reason}",
    "triage.means": "手段・態様の相当性: {verdict} — {reason}",
    "triage.evidence": "根拠となった表現:",
    "triage.summary": "要約: {summary}",
    "axis.ok": "妥当・相当",
    "axis.not_ok": "不当・不相当",
    "axis.unknown": "判断できない",
    "label.legitimate": "正当なクレーム",
    "label.harassment": "カスタマーハラスメント",
    "label.threat": "脅迫・危険（受付対象外・警察相談の候補）",
    "label.out_of_scope": "対象外（質問・お礼・スパムなど）",
    "label.possible_threat": "脅迫の可能性（学習モデルの判定・要確認。申立人には通知していません）",
    "type.time_binding": "時間拘束型",
    "type.repeat": "リピート型",
    "type.verbal_abuse": "暴言型",
    "type.violence": "暴力型",
    "type.intimidation": "威嚇・脅迫型",
    "type.authority": "権威型",
    "type.off_premises": "店舗外拘束型",
    "type.online_defamation": "SNS・インターネット上の誹謗中傷型",
    "type.sexual_harassment": "セクシュアルハラスメント型",
    "type.excessive_demand": "過剰要求",
    "alert.threat": (
        ":rotating_light: {mention} 脅迫・危険の可能性がある案件 {number}（{tenant}）を受信しました。"
        "受付対象外とし、警察への相談を検討してください。"
    ),
    "alert.possible_threat": (
        ":warning: {mention} 脅迫の可能性がある案件 {number}（{tenant}）を受信しました"
        "（学習モデルの判定のみ。申立人には何も送っていません）。内容を確認し、脅迫であれば判定で記録してください。"
    ),
    "alert.learned_model_unavailable": (
        ":warning: 学習モデルを読み込めないため、分類はルールのみで行っています。"
        "`make model` で作り直すか、配布物のモデルファイルを確認してください。"
    ),
    "alert.desk_model_unusable": (
        ":warning: 有効にした窓口の学習モデルを使えないため（ルールの変更後、または保存データの破損）、"
        "同梱のモデルで分類しています。`kasuhara classifier list` で確認し、"
        "`kasuhara classifier train --with-verdicts` で学習し直すか"
        " `kasuhara classifier use` で切り替えてください。"
    ),
    "alert.classifier_retrained": (
        ":bar_chart: 学習モデルの月次再学習: {version} を判定済み {verdicts} 件で学習しました。"
        "{outcome}\n```\n{table}\n```"
    ),
    "alert.classifier_promoted": (
        "判定基準（脅威の検出率が下がらず、誤った脅威判定が増えない）を満たしたため、このモデルで分類します。"
    ),
    "alert.classifier_not_promoted": (
        "判定基準を満たさなかったため、今のモデルのまま分類します"
        "（候補は `kasuhara classifier list` に残ります）。"
    ),
    "alert.dead_letter": ":warning: 送信できなかった処理があります（{kind}, 試行 {attempts} 回）: {error}",
    "alert.mail_unrouted": (
        ":warning: 宛先の窓口が分からないメールを受信用メールボックス「{mailbox}」の `{folder}` フォルダに"
        "移しました（UID {uid}）。"
        "宛先（desk+窓口@…）を確認してください"
    ),
    "alert.mail_login_failed": (
        ":warning: 受信用メールボックス「{mailbox}」にログインできません（{host}）。"
        "パスワードの設定を確認してください"
    ),
    "alert.inbox_failed": (
        ":warning: 受信イベントを処理できませんでした（#{inbox_id}）: {error}。"
        "`kasuhara inbox show {inbox_id}` で確認できます"
    ),
    "status.new": "新規",
    "status.in_review": "審査中",
    "status.decided": "判定済み",
    "status.reported": "報告済み",
    "status.closed": "終了",
    "triage.closed": "終了（{reason}）",
    "triage.reopen_hint": "終了した案件です。再開するには `/kasuhara reopen {number} 理由`",
    "close_reason.out_of_scope": "対象外",
    "close_reason.duplicate": "重複",
    "close_reason.police": "警察へ引き継ぎ",
    "close_reason.withdrawn": "申立人の取り下げ",
    "close_reason.completed": "報告済み・自動終了",
    "close_reason.other": "その他",
    "triage.assignee": "担当",
    "triage.closed_at": "終了日時",
    "triage.suggested": "分類の提案",
    "triage.verdict": "判定",
    "triage.none": "なし",
    "triage.purged": "保存期間を過ぎたため、申立人の個人情報と内容はSlackとデータベースから削除しました。",
    "triage.unassigned": "未割当",
    "triage.sla_left": "残り {days} 営業日",
    "triage.sla_today": "本日が期限",
    "triage.sla_over": ":warning: 期限超過 {days} 営業日",
    "triage.police_reported": ":police_car: 警察へ通報済み",
    "button.case_claim": "担当する",
    "button.case_verdict": "判定を記録",
    "button.case_request_info": "追加情報を依頼",
    "button.case_mark_police": "警察へ通報済み",
    "button.case_mark_police.confirm": "{number} を「警察へ通報済み」として記録します。よろしいですか？",
    "button.case_close": "終了する",
    "button.case_send_report": "クライアントへ報告",
    "button.case_send_report.confirm": (
        "{number} の報告書（第1版）を依頼元の報告チャンネルへ送ります。"
        "送信後は取り消せません。よろしいですか？"
    ),
    "button.case_send_report.yes": "送る",
    "button.case_send_correction": "訂正版を送る",
    "button.case_send_correction.confirm": (
        "{number} の再判定の内容で、報告書の訂正版を依頼元へ送ります。よろしいですか？"
    ),
    "button.case_send_correction.yes": "訂正版を送る",
    "button.case_send_feedback": "フィードバックを送る",
    "button.confirm_title": "確認",
    "button.confirm_yes": "記録する",
    "button.confirm_no": "やめる",
    "channel.line": "LINE",
    "channel.web": "Web",
    "channel.phone": "電話（留守番電話）",
    "voice.triage_body": "留守番電話の録音（{seconds}秒）。文字起こしはまだです。",
    "voice.no_audio": "{number} 留守番電話の録音を取得できませんでした（{error}）。",
    "kind.image": "画像",
    "kind.video": "動画",
    "kind.audio": "音声",
    "kind.file": "ファイル",
    "kind.sticker": "スタンプ",
    "kind.location": "位置情報",
}

# The intake dialogue in the triage post and thread (issue 4).
DESK.update(
    {
        "status.withdrawn": "取り下げ",
        "intake.heading": "*申告内容*（{status}）",
        "intake.collecting": "聞き取り中",
        "intake.complete": "聞き取り完了",
        "intake.incomplete": "未完了のまま受付（応答が途絶えたため）",
        "intake.withdrawn": "取り下げ（申立人がキャンセル）",
        "intake.none": "—",
        "intake.identity": "申立人",
        "intake.anonymous": "匿名",
        "intake.named": "記名",
        "intake.name": "氏名",
        "intake.contact": "連絡先",
        "intake.contact_present": "連絡先あり",
        "intake.hidden": "（開示の同意なし・非表示）",
        "intake.place": "場所",
        "intake.staff": "職員",
        "intake.when": "日時",
        "intake.what": "内容",
        "intake.wanted": "要望",
        "intake.feedback": "結果の連絡",
        "intake.consent": "氏名・連絡先の開示",
        "intake.yes": "希望／同意",
        "intake.no": "不要／不同意",
        "history.none": "この申立人の過去の案件: なし",
        "history.some": "この申立人の過去の案件: {count}件（{cases}）",
        "history.verdict": "{number}: {label}",
        "history.undecided": "{number}: 判定前",
        "thread.private_answer": (
            "申立人が{item}を回答しました（{received}）。開示の同意がないため内容は表示しません。"
        ),
        "thread.progress": "申立人から対応状況の問い合わせ（{received}）。定型の回答を送りました。",
        "thread.submitted": "申立人が申告内容を確認して送信しました（{received}）。",
        "thread.idle_submitted": "申立人の応答が途絶えたため、ここまでの内容で受け付けました（{at}）。",
        "thread.withdrawn": "申立人が受付を取りやめました（{received}）。記録は保持しています。",
        "thread.media_title": "{number} 申立人が送った{kind}",
        "thread.media_too_large": "申立人の{kind}は上限（{limit:.0f} MB）を超えるため保存していません。",
        "thread.media_unavailable": "申立人が送った{kind}は LINE の外部にあるため取得できませんでした。",
        "thread.transcript": "文字起こし（自動）: 申立人の{kind} / Transcript (automatic)",
        "thread.transcript_off": (
            "文字起こしサービスが設定されていないため、音声は文字起こしされません。音声を聞いて確認してください。"
            " / No transcription service is configured; listen to the audio."
        ),
        "thread.transcript_failed": (
            "申立人の{kind}を文字起こしできませんでした。音声はこのスレッドに保存されています。聞いて確認してください。"
            " / The audio could not be transcribed; it is kept in this thread, listen to it."
        ),
    }
)

# E-mail intake (issue 16): the acknowledgement by mail, and what the desk reads about a mail.
CATALOG["ja"].update(
    {
        "ack.mail": (
            "{tenant}へのご意見のメールをお預かりしました。"
            "こちらは{tenant}から委託を受けた外部の受付窓口です。\n受付番号: {number}"
        ),
        "ack.mail_follow_up": "追加のメールを受付番号 {number} の内容に加えました。",
        "ack.mail_footer": (
            "このメールは受付の確認のため自動で送信しています。このメールへの返信には、お答えできない場合があります。"
        ),
        "ack.mail_subject": "【受付番号 {number}】{tenant} ご意見の受付",
        "mail.subject_message": "【受付番号 {number}】{tenant} 受付窓口からのご連絡",
    }
)
CATALOG["en"].update(
    {
        "ack.mail": (
            "We have received your e-mail to {tenant}. This is an outside desk that handles feedback on "
            "behalf of {tenant}.\nReference: {number}"
        ),
        "ack.mail_follow_up": "We have added your e-mail to reference {number}.",
        "ack.mail_footer": "This is an automatic confirmation of receipt. Replies to it may not be answered.",
        "ack.mail_subject": "[Reference {number}] Your message to {tenant}",
        "mail.subject_message": "[Reference {number}] A message from the desk of {tenant}",
    }
)
DESK.update(
    {
        "channel.mail": "メール",
        "thread.mail_received": "受信したメールについて",
        "thread.mail_broken_mime": "メールの構造が壊れていたため、読み取れた部分だけを記録しました。",
        "thread.mail_no_text": "メールに本文がありませんでした。",
        "thread.mail_bad_charset": (
            "文字コードの指定が誤っているか、ないため、推定して読みました（読めない文字は「\ufffd」）。"
        ),
        "thread.mail_html_only": "HTMLだけのメールのため、文章に変換しました。",
        "thread.mail_eml_kept": (
            "元のメール全体（.eml）を証拠として保存しました。送信元アドレスを含むため、Slackには共有していません。"
        ),
        "thread.mail_eml_too_large": "元のメール全体は上限（{limit:.0f} MB）を超えるため保存していません。",
        "thread.mail_came_back_bounce": (
            "申立人への受付確認メールが届きませんでした（{received} にエラーの通知が返ってきました）。"
        ),
        "thread.mail_came_back_auto_reply": (
            "申立人への受付確認メールに自動応答が返ってきました（{received}）。これには返信していません。"
        ),
    }
)


def localized(catalogs: dict[str, dict[str, str]], language: str, key: str, **values: object) -> str:
    """Text `key` from the language's catalogue (Japanese when the language is unknown), filled in."""
    return catalogs.get(language, catalogs["ja"])[key].format(**values)


def policy_text(language: str, *, tenant: str) -> str:
    """The desk's policy (one point per line), as every way in shows it."""
    return _POLICY.get(language, _POLICY["ja"]).format(tenant=tenant)


def text(language: str, key: str, **values: object) -> str:
    """A complainant-facing text in the language (Japanese when unknown)."""
    return localized(CATALOG, language, key, **values)


def desk_text(key: str, **values: object) -> str:
    """A reviewer-facing text."""
    return DESK[key].format(**values)


# The branches of the engines' decisions (their names in the assessment are English, as in the code), as
# the desk reads them in a triage post.
BRANCHES: dict[str, str] = {
    # the rules (`rules: …`)
    "threat rule": "脅迫ルールに該当",
    "unacceptable means or excessive demand": "不相当な手段または過大な要求",
    "aggressive tone and no complaint": "攻撃的な口調で、苦情の中身がない",
    "a problem or demand about the business": "事業者への問題の指摘・要求",
    "a demand in a readable text": "読める文面の要求",
    "prose taken as a complaint": "文章を苦情として扱った",
    "out of scope: a greeting": "対象外: あいさつ",
    "out of scope: empty": "対象外: 空",
    "out of scope: misdirected": "対象外: 宛先違い",
    "out of scope: question": "対象外: 質問",
    "out of scope: spam": "対象外: 迷惑メッセージ",
    "out of scope: test": "対象外: テスト",
    "out of scope: thanks": "対象外: お礼",
    "out of scope: unreadable": "対象外: 判読できない",
    "out of scope: unrelated": "対象外: 無関係",
    # the learned engine
    "threat: the model and a threat rule agree": "脅迫: モデルと脅迫ルールが一致",
    "threat: the model and an intimidation rule agree": "脅迫: モデルと威圧ルールが一致",
    "possible threat: a threat rule, the model less sure": "脅迫の可能性: 脅迫ルールに該当、モデルは低確信",
    "possible threat: the model alone": "脅迫の可能性: モデルのみの判定",
    "out of scope: the model and the rules agree": "対象外: モデルとルールが一致",
    "out of scope: the model is sure": "対象外: モデルの確信が高い",
    "legitimate: the rules see a complaint": "正当な苦情: ルールが苦情と読んだ",
    "harassment: the rules see a complaint": "カスハラ: ルールが苦情と読んだ",
    "legitimate: the model": "正当な苦情: モデルの判定",
    "harassment: the model": "カスハラ: モデルの判定",
}
_RULES_PREFIX = "rules: "
_OVERRULED = " (a threat rule overruled)"


def branch_text(branch: str) -> str:
    """The desk's words for an engine's branch (the branch as it is when it has none)."""
    rules = branch.startswith(_RULES_PREFIX)
    core = branch.removeprefix(_RULES_PREFIX)
    overruled = core.endswith(_OVERRULED)
    core = core.removesuffix(_OVERRULED)
    if core not in BRANCHES:
        return branch
    shown = ("ルール: " if rules else "") + BRANCHES[core]
    return shown + ("（脅迫ルールを覆した）" if overruled else "")
