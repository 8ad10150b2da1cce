"""What reviewers and client managers read in Slack about review actions (Japanese first, then English)."""

from __future__ import annotations

REVIEW: dict[str, str] = {
    # refusals and errors
    "refuse.not_reviewer": (
        "この操作は審査担当者のみが行えます。必要な場合は管理者に依頼してください。\n"
        "Only the desk's reviewers can do this. Please ask an administrator if you need access."
    ),
    "refuse.wrong_channel": (
        "審査のコマンドはトリアージチャンネル（または案件のスレッド）でのみ使えます。\n"
        "Reviewer commands work only in the triage channel or a case thread."
    ),
    "refuse.client_only": (
        "このチャンネルでは、依頼元の案件の表示（show / find）と申立人へのフィードバックの承認・否認"
        "（feedback）のみ行えます。\n"
        "In this channel you can only view this client's cases (show / find) and approve or decline "
        "feedback to the complainant (feedback)."
    ),
    "refuse.not_member": (
        "このチャンネルのメンバーのみが依頼元の案件を扱えます。\n"
        "Only members of this channel can handle this client's cases."
    ),
    "refuse.feedback_clients_only": (
        "フィードバックの承認・否認は、依頼元の報告チャンネルで依頼元の担当者が行います。\n"
        "Feedback is approved or declined by the client in its report channel."
    ),
    "refuse.not_admin": "この操作は管理者のみが行えます。\nOnly administrators can do this.",
    "error.unknown_case": "案件 {number} は見つかりません。\nCase {number} was not found.",
    "error.other_tenant": (
        "案件 {number} は見つかりません（このチャンネルでは {tenants} の案件のみ扱えます）。\n"
        "Case {number} was not found (this channel handles only {tenants}'s cases)."
    ),
    "error.bad_number": (
        "「{raw}」は案件番号として読めません。例: KH-2026-000123、2026-123\n"
        "\u201c{raw}\u201d is not a case number. For example: KH-2026-000123, 2026-123"
    ),
    "error.missing_number": (
        "案件番号を指定してください。例: `/kasuhara {sub} KH-2026-000123`\nPlease give a case number."
    ),
    "error.unknown_sub": (
        "「{sub}」というサブコマンドはありません。`/kasuhara help` で使い方を確認してください。\n"
        "There is no subcommand \u201c{sub}\u201d. See `/kasuhara help`."
    ),
    "error.bad_user": (
        "担当者は `@名前` で指定してください。例: `/kasuhara assign KH-2026-000123 @reviewer`\n"
        "Name the assignee with an @mention."
    ),
    "error.assignee_not_reviewer": (
        "<@{user}> さんは審査担当者ではないため、担当にできません。\n<@{user}> is not a reviewer."
    ),
    "error.empty_note": "メモの本文を入力してください。\nPlease write the note's text.",
    "error.bad_filter": (
        "検索条件「{raw}」を読めません。使える条件: tenant: status: label: from: to: complainant:\n"
        "Cannot read the filter \u201c{raw}\u201d."
    ),
    "error.bad_month": (
        "月は YYYY-MM の形式で、2000〜2999年の間で指定してください（例: 2026-11）。"
        "\nGive the month as YYYY-MM (years 2000-2999)."
    ),
    "error.unknown_tenant": "依頼元「{slug}」は見つかりません。\nThere is no client \u201c{slug}\u201d.",
    "error.unexpected": (
        ":warning: 予期しないエラーが発生しました。お手数ですが、"
        "エラーID `{error_id}` を管理者にお伝えください。\n"
        "Something went wrong. Please give the error id `{error_id}` to an administrator."
    ),
    "error.already_decided": (
        "案件 {number} は判定済みです（第{version}版、<@{by}>）。"
        "修正する場合は `/kasuhara reopen {number}` で"
        "再審査にしてください。\nCase {number} is already decided; reopen it to correct the verdict."
    ),
    "error.not_decided": "案件 {number} はまだ判定されていません。\nCase {number} has no verdict yet.",
    "error.feedback_not_allowed": (
        "{tenant} は申立人への連絡を許可していないため、送信できません。\n"
        "{tenant} does not allow contacting complainants."
    ),
    "error.no_line_contact": (
        "この案件の申立人には連絡できません（LINE の友だちでない、または"
        "メールアドレスのない受付・留守番電話）。\n"
        "The complainant cannot be reached (not a LINE friend, or no e-mail address: e.g. a voicemail)."
    ),
    "error.no_feedback_planned": (
        "案件 {number} の判定では、申立人へのフィードバックは予定されていません。\n"
        "The verdict of case {number} does not foresee feedback to the complainant."
    ),
    # results
    "done.duplicate": "この操作はすでに記録されています。\nThis was already recorded.",
    "done.claimed": "案件 {number} を担当しました。\nYou now handle case {number}.",
    "done.claimed_already_yours": "案件 {number} はすでにあなたの担当です。\nCase {number} is already yours.",
    "done.claimed_by_other": (
        "案件 {number} はすでに <@{user}> さんが担当しています。"
        "\nCase {number} is already handled by <@{user}>."
    ),
    "done.assigned": (
        "案件 {number} の担当を <@{user}> さんにしました。\nCase {number} is now assigned to <@{user}>."
    ),
    "done.noted": (
        "案件 {number} のスレッドにメモを残しました（申立人には送られません）。\nNote added (internal)."
    ),
    "done.hold_lifted": (
        "案件 {number} の保存（リーガルホールド）を解除しました。保存期間が来れば個人情報を削除します。\n"
        "The legal hold of case {number} is lifted; its personal data is purged once retention is due."
    ),
    "done.no_hold": (
        "案件 {number} は保存（リーガルホールド）の対象ではありません。\nCase {number} is not on legal hold."
    ),
    "error.hold_reason": (
        "解除の理由を書いてください: `/kasuhara lift-hold 案件番号 理由`\n"
        "Give the reason: `/kasuhara lift-hold CASE reason`."
    ),
    "thread.hold_lifted": ":unlock: <@{user}> さんが保存（リーガルホールド）を解除しました。",
    "done.reopened": "案件 {number} を再審査にしました。\nCase {number} is in review again.",
    "done.not_reopenable": (
        "案件 {number} は判定前のため（終了もしていません）、再審査・再開する必要はありません。\n"
        "Case {number} is still open: it is neither decided nor closed."
    ),
    "done.reopened_closed": (
        "案件 {number} を再開しました（審査中）。\nCase {number} is open again, in review."
    ),
    "done.closed": (
        "案件 {number} を終了しました（{reason}）。期限の通知は届かなくなります。"
        "再開するには `/kasuhara reopen {number}`。\n"
        "Case {number} is closed; it gets no more deadline reminders. Reopen it with `/kasuhara reopen`."
    ),
    "error.closed": (
        "案件 {number} は終了しています（{reason}、{at}）。"
        "この案件を扱うには `/kasuhara reopen {number} 理由` で再開してください。\n"
        "Case {number} is closed. Reopen it first to work on it."
    ),
    "done.verdict": (
        "案件 {number} の判定を記録しました（第{version}版）。\nVerdict recorded (version {version})."
    ),
    "done.report_sent": (
        "案件 {number} の報告書（第{version}版）を依頼元へ送りました（{channels}）。\n"
        "The report (version {version}) of case {number} was sent to the client."
    ),
    "done.correction_sent": (
        "案件 {number} の報告書の訂正版（第{version}版）を依頼元へ送りました（{channels}）。\n"
        "The corrected report (version {version}) of case {number} was sent to the client."
    ),
    "done.feedback_sent": (
        "案件 {number} の申立人にフィードバックを送りました。\n"
        "The feedback was sent to the complainant of case {number}."
    ),
    "report.already_sent": (
        "案件 {number} の報告書は送信済みです（第{version}版、{by} さん）。再判定の内容を送る場合は、"
        "`/kasuhara reopen` で再審査にして判定を記録し、「訂正版を送る」または "
        "`/kasuhara report {number} correct` を使ってください。\n"
        "The report of case {number} was already sent (version {version}). To report a changed verdict, "
        "reopen the case, record the verdict, then send a correction."
    ),
    "report.nothing_to_correct": (
        "案件 {number} の報告書はまだ送られていないため、訂正版は送れません。"
        "`/kasuhara report {number}` で第1版を送ってください。\n"
        "No report of case {number} was sent yet, so there is nothing to correct."
    ),
    "report.in_review": (
        "案件 {number} は再審査中です。判定を記録してから報告してください。\n"
        "Case {number} is back in review: record the verdict before reporting."
    ),
    "report.no_new_verdict": (
        "案件 {number} の報告書 第{version}版は最新の判定（第{verdict}版）を報告済みです。訂正するには、"
        "再審査にして新しい判定を記録してください。\n"
        "Report version {version} already reports the latest verdict (version {verdict}); reopen the case "
        "and record a new verdict to correct it."
    ),
    "report.failed": (
        "案件 {number} の報告書を送れませんでした: {reason}\nThe report of case {number} was not sent."
    ),
    "feedback_send.already": (
        "案件 {number} の申立人へのフィードバックは送信済みです（{by} さん）。\n"
        "The feedback to the complainant of case {number} was already sent."
    ),
    "feedback_send.not_wished": (
        "案件 {number} の申立人はフィードバックを希望していないため、送れません。\n"
        "The complainant of case {number} did not wish feedback, so none can be sent."
    ),
    "feedback_send.not_approved": (
        "案件 {number} のフィードバックは依頼元がまだ承認していません（最新の判定について）。\n"
        "The client has not approved feedback on the latest verdict of case {number}."
    ),
    "done.info_sent": (
        "申立人に質問を送りました（案件 {number}）。回答はこのスレッドに届きます。\n"
        "The question was sent; the answer will appear in the thread."
    ),
    "done.police": (
        "案件 {number} を「警察へ通報済み」として記録しました。\nMarked as reported to the police."
    ),
    "done.police_already": (
        "案件 {number} はすでに「警察へ通報済み」です。\nAlready marked as reported to the police."
    ),
    "done.feedback": (
        "案件 {number} の申立人へのフィードバックを{decision}しました。\nFeedback {decision_en}."
    ),
    "done.feedback_same": (
        "案件 {number} のフィードバックはすでに{decision}されています。\nAlready {decision_en}."
    ),
    "feedback.approved": "承認",
    "feedback.declined": "否認",
    # thread notes (internal)
    "thread.claimed": "<@{user}> さんが担当しました。",
    "thread.assigned": "<@{actor}> さんが担当を <@{user}> さんにしました。",
    "thread.note": ":memo: <@{user}> さんのメモ（内部用・申立人には送られません）:\n{text}",
    "thread.reopened": "<@{user}> さんが再審査にしました。",
    "thread.closed": ":lock: <@{user}> さんが案件を終了しました（{reason}）。",
    "thread.closed_auto": (
        ":lock: 報告済みで保留中の事項がないまま {days} 営業日が過ぎたため、案件を自動で終了しました。"
    ),
    "thread.reason": "\n理由: {reason}",
    "thread.verdict": "<@{user}> さんが判定を記録しました（第{version}版）: *{label}*\n見解: {opinion}",
    "thread.report_sent": (
        ":page_facing_up: <@{user}> さんが報告書（第{version}版）を依頼元へ送りました: {channels}"
    ),
    "thread.correction_sent": (
        ":page_facing_up: <@{user}> さんが報告書の訂正版（第{version}版）を依頼元へ送りました: {channels}"
    ),
    "thread.feedback_sent": ":outbox_tray: <@{user}> さんが申立人にフィードバックを送りました:\n{message}",
    "thread.info_sent": ":outbox_tray: <@{user}> さんが申立人に質問を送りました:\n{question}",
    "thread.police": ":police_car: <@{user}> さんが「警察へ通報済み」として記録しました。{reference}",
    "thread.feedback": "依頼元の <@{user}> さんが申立人へのフィードバックを{decision}しました。",
    # show / find / stats
    "show.header": "*{number}*（{tenant}）",
    "show.facts": "状態: {status} ／ 担当: {assignee} ／ 受付: {received} ／ 報告期限: {due}",
    "show.item": "{label}: {value}",
    "show.suggestion": "分類の提案: {label}",
    "show.verdict": "判定（第{version}版、<@{by}>、{at}）: *{label}* ／ 行為類型: {types}",
    "show.verdict_text": "見解: {opinion}\n助言: {advice}\n推奨対応: {recommendation}",
    "show.feedback": "申立人へのフィードバック: {feedback} ／ 警察への通報: {police}",
    "show.audit": "*監査ログ*（新しい {shown} 件／全 {total} 件。全件は `kasuhara audit 案件番号`）",
    "show.audit_line": "{at} {actor} {action} {change}",
    "find.none": "条件に合う案件はありません。\nNo case matches.",
    "find.header": "{count} 件（新しい順、最大 {limit} 件）:",
    "find.line": "• *{number}* {tenant} ／ {status} ／ {label} ／ 受付 {received}",
    "stats.header": "*{period} の案件数（{scope}）*: 合計 {total} 件",
    "stats.line": "• {name}: {count}",
    "stats.all_tenants": "全依頼元",
    "stats.pending": "分類待ち",
    "yes": "あり",
    "no": "なし",
    "help": (
        "*`/kasuhara` の使い方*\n"
        "• `help` — この説明\n"
        "• `show 案件番号` — 案件の内容と判定（管理者には監査ログも）\n"
        "• `find [番号] [tenant:slug] [status:new|in_review|decided|reported|withdrawn|closed] [label:...] "
        "[from:YYYY-MM-DD] [to:YYYY-MM-DD] [complainant:案件番号]` — 案件を探す\n"
        "• `assign 案件番号 @担当者` — 担当を決める\n"
        "• `verdict 案件番号` — 判定の入力画面を開く\n"
        "• `note 案件番号 本文` — 内部メモを残す（申立人には送られません）\n"
        "• `reopen 案件番号 [理由]` — 判定済み・終了した案件を再審査にする（再開）\n"
        "• `close 案件番号 out_of_scope|duplicate|police|other [理由]` — 案件を終了する"
        "（対象外・重複・警察へ引き継ぎ・その他。その他は理由が必要）\n"
        "• `lift-hold 案件番号 理由` — 警察へ通報した案件の保存（リーガルホールド）を解除する"
        "（保存期間が来れば個人情報を削除できるようになります）\n"
        "• `stats [tenant] [YYYY-MM]` — 月別の件数\n"
        "• `report 案件番号` — 判定済みの案件の報告書を依頼元へ送る（第1版）\n"
        "• `report 案件番号 correct` — 再判定の内容で報告書の訂正版を送る\n"
        "• `feedback-send 案件番号` — 依頼元が承認したフィードバックを申立人に送る（入力画面を開く）\n"
        "• `feedback 案件番号 approve|decline` — （依頼元チャンネル）申立人へのフィードバックの承認・否認\n"
        "案件番号は `KH-2026-000123`、`kh-2026-123`、`2026-123` のどれでも構いません。\n"
        "_Subcommands: help, show, find, assign, verdict, note, reopen, close, lift-hold, stats, report, "
        "feedback-send, feedback._"
    ),
    # modals
    "modal.verdict.title": "判定の記録",
    "modal.verdict.submit": "記録する",
    "modal.cancel": "キャンセル",
    "modal.verdict.case": "*{number}*（{tenant}）の判定を記録します。分類の提案を初期値にしています。",
    "modal.label": "最終判定",
    "modal.types": "行為類型",
    "modal.opinion": "協会の見解",
    "modal.advice": "依頼元への助言",
    "modal.recommendation": "推奨対応",
    "modal.feedback": "申立人へのフィードバック",
    "modal.police": "警察への通報",
    "modal.police_reference": "通報の受理番号など（通報した場合）",
    "modal.yes": "する",
    "modal.no": "しない",
    "modal.info.title": "追加情報の依頼",
    "modal.info.submit": "送信する",
    "modal.info.case": "*{number}*（{tenant}）の申立人に LINE で質問を送ります。送信内容は記録されます。",
    "modal.info.question": "質問",
    "modal.info.confirm": "確認",
    "modal.info.confirm_option": "この質問を申立人に送信することを確認しました",
    "modal.feedback_send.title": "フィードバックの送信",
    "modal.feedback_send.submit": "送信する",
    "modal.feedback_send.case": (
        "*{number}*（{tenant}）の申立人に LINE でフィードバックを送ります。依頼元が承認済みです。"
        "送信は一度だけで、内容は記録されます。"
    ),
    "modal.feedback_send.message": "申立人へのメッセージ",
    "modal.feedback_send.confirm_option": "このメッセージを申立人に送信することを確認しました",
    "modal.close.title": "案件の終了",
    "modal.close.submit": "終了する",
    "modal.close.case": (
        "*{number}*（{tenant}）を終了します。終了した案件には期限の通知が届かず、"
        "`/kasuhara reopen` で再開できます。"
    ),
    "modal.close.reason": "終了の理由",
    "modal.close.note": "理由の補足（「その他」の場合は必須）",
    "invalid.required": "入力してください。",
    "invalid.too_short": "{min} 文字以上で入力してください。",
    "invalid.too_long": "{max} 文字以内で入力してください。",
    "invalid.label": "最終判定を選んでください。",
    "invalid.types": "選べない行為類型が含まれています。",
    "invalid.choice": "どちらかを選んでください。",
    "invalid.police_reference": "警察に通報した場合は、受理番号などを入力してください。",
    "invalid.reference_without_report": "通報しない場合、受理番号は入力しないでください。",
    "invalid.feedback_not_allowed": "この依頼元は申立人への連絡を許可していません。",
    "invalid.confirm": "送信前に確認のチェックを入れてください。",
    "invalid.close_reason": (
        "終了の理由を選んでください: out_of_scope（対象外）、duplicate（重複）、police（警察へ引き継ぎ）、"
        "other（その他・理由の記入が必要）。"
        "例: `/kasuhara close KH-2026-000123 duplicate KH-2026-000100 と同じ`\n"
        "Choose the reason: out_of_scope, duplicate, police, or other (with a text)."
    ),
    "invalid.close_note": (
        "「その他」で終了する場合は理由を書いてください。\nPlease write why the case is closed."
    ),
    "invalid.decided": "この案件はすでに判定済みです（第{version}版）。再審査にしてから記録してください。",
}


def review_text(key: str, **values: object) -> str:
    """A reviewer- or client-manager-facing text about review actions."""
    return REVIEW[key].format(**values)
