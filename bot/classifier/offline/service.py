"""What a complaint is about: the business, its people, its premises, its goods and its transactions.

A text with no such reference and no clear grievance is not a complaint to this desk, however it is worded
(「今日は暑くて死にそう」, "I'm going to kill it at my interview", a novel's plot): it is out of scope.
"""

from __future__ import annotations

from bot.classifier.offline.rules import Rule, rule

SERVICE_RULES: tuple[Rule, ...] = (
    rule(
        "service_place",
        "service",
        "place",
        r"店|売り?場|レジ|窓口|受付|カウンター|フロント|会社|御社|貴社|おたく|お宅|そちら|そっち|病院|医院|クリニック"
        r"|診療所|薬局|施設|役所|役場|学校|教室|塾|ジム|サロン|美容院|美容室|ホテル|旅館|客室|部屋|駅|ホーム|電車"
        r"|列車|車内|車両|バス|タクシー|空港|銀行|工場|営業所|事務所|サイト|アプリ|ホームページ|システム|館|センター"
        r"|コールセンター|駐車場|トイレ|ロビー|座席|席|病室|病棟|保育園|幼稚園|郵便局|局|署|スーパー|コンビニ|百貨店"
        r"|デパート|ショップ|カフェ|レストラン|食堂|居酒屋|工事|現場|マンション|管理会社|大家|業者|待合|駐輪場|置き場"
        r"|市役所|区役所|自治体|行政|公共|役員|床|ドア|入口|出口|入り口|出入口|エレベータ|エスカレータ|階段|通路|看板"
        r"|自販機|自動販売機|コンセント|遊具|キッズスペース|売店|会場|施設内|館内|店内|構内",
        contextual=False,
    ),
    rule(
        "service_people",
        "service",
        "people",
        r"店員|店長|店主|スタッフ|従業員|社員|職員|担当|係|責任者|マネージャ|オーナ|バイト|パート|運転手|運転士"
        r"|ドライバ|配達|乗務員|車掌|駅員|医者|医師|先生|看護|ナース|ヘルパ|介護|オペレータ|支配人|上司|シェフ"
        r"|料理人|板前|美容師|トレーナ|講師|教師|社長|本部|サポート|相談室|作業員|整備士|警備|清掃|薬剤師|歯科|保育士"
        r"|添乗員|ガイド|営業|販売員|案内係|係員|ホール|キッチン|厨房|若い(?:男|女)の?(?:人|方)|(?:男|女)性(?:の)?(?:方|店員)",
        contextual=False,
    ),
    rule(
        "service_goods",
        "service",
        "goods",
        r"商品|品物|製品|注文|オーダ|購入|買っ|買い|予約|配送|発送|宅配|荷物|届|料理|食事|メニュ|ドリンク|弁当|惣菜"
        r"|料金|請求|会計|代金|支払|払っ|払い|返金|返品|交換|領収|レシート|ポイント|会員|契約|解約|プラン|サービス"
        r"|対応|接客|説明|案内|診察|治療|薬|処方|手術|検査|診療|入院|送迎|授業|レッスン|施術|カット|チェックイン"
        r"|宿泊|乗車|切符|チケット|定期|運賃|運行|ダイヤ|修理|点検|設置|保証|品質|在庫|入荷|クーポン|割引|セール"
        r"|価格|値段|円|引き落と|口座|カード|申し込|申込|手続|書類|窓口|電話|メール|問い合わせ|回答|返信|連絡|表示"
        r"|ラベル|パッケージ|包装|賞味期限|消費期限|アレルギ|番号札|順番|待ち|給食|クリーニング|回線|水道|ガス|電気"
        r"|診|痛み止め|点滴|注射|ごみ|ゴミ|収集|回収|撤去|張り紙|貼り紙|掲示|苦情|クレーム|消費者|言い方|口の利き方"
        r"|態度|言葉遣い|スープ|ラーメン|パン|ケーキ|菓子|お茶|コーヒー|飲み物|食べ物|ご飯|定食|丼|寿司|サラダ"
        r"|デザート|刺身|焼き?肉|おにぎり|総菜|食材|頼んだ|頼んで|品(?!種)"
        r"|住民票|証明書|発行|免許|保険証|マイナンバ|パスポート|申請|届出",
        contextual=False,
    ),
    rule(
        "service_en",
        "service",
        "any",
        r"\b(?:store|shop|branch|outlet|counter|checkout|till|register|reception|front desk|lobby|company"
        r"|business"
        r"|your (?:team|people|company|firm|place|site|website|app|service|staff|office|clinic|hospital|hotel"
        r"|restaurant|bank|station|driver|courier)"
        r"|staff|employee\w*|worker|clerk|cashier|manager|supervisor|owner|waiter|waitress|server|chef|cook|driver"
        r"|courier|delivery|deliver\w*|nurse|doctor|dentist|pharmac\w+|receptionist|agent|operator|representative"
        r"|rep|technician|guard|security|conductor|attendant|teacher|instructor|trainer|landlord|contractor"
        r"|order\w*|purchas\w+|bought|buy|item|product|parcel|package|shipping|shipment|booking|booked|reservation"
        r"|appointment|refund\w*|receipt|bill\w*|invoice|charg\w+|fee|price|paid|pay|payment|card|account"
        r"|subscription|membership|contract|warranty|service|served|serving|app|website|site|online|form|system|hotel|room"
        r"|restaurant|cafe|bar|menu|meal|food|dish|drink|coffee|clinic|hospital|pharmacy|station|platform|train"
        r"|bus|taxi|flight|airline|ticket|parking|gym|salon|bank|branch|call cent(?:er|re)|hotline|support"
        r"|phone"
        r"|label|packaging|apartment|plumber|repair\w*|install\w*|queue|line|checkup|prescription|treatment"
        r"|class|lesson|school|daycare|nursery|deposit|money back|my money|garbage|trash|recycling|collection"
        r"|complain\w*|consumer|council|city hall|office|floor|premises|cctv|footage|lawyer|solicitor|door"
        r"|entrance|exit|lift|elevator|escalator|stairs|play area|toy|machine|venue|bouncer|equipment"
        r"|treadmill|car park|chicken|\$\d|yen)\b",
        contextual=False,
    ),
)
