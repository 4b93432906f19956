## The wizard's chrome
widget-title = サポートケースの作成
step-progress = ステップ { $current } / { $total }
step-classification = サービスとカテゴリ
step-details = 問題の説明
step-attachments = 添付ファイル
step-contact = 連絡方法
step-review = 確認と送信
language-label = 言語
optional = (任意)
action-next = 次へ
action-back = 戻る
action-submit = ケースを送信
action-submitting = 送信中…
action-change = 変更
action-change-label = { $question }を変更
action-discard = 下書きを破棄
discard-confirm = この下書きを破棄しますか？入力した内容はすべて削除されます。
action-discard-yes = 破棄する
action-discard-no = 下書きを残す
draft-discarded = 下書きを破棄しました。
draft-restored = 前回の下書きを復元しました。
storage-unavailable = このブラウザーでは回答のコピーを保存できないため、このページを離れるか再読み込みすると回答が失われます。ケースの送信はこのまま行えます。
storage-files-unavailable = このブラウザーでは、このページを離れるか再読み込みすると添付ファイルが失われます。その他の回答は保存されています。
action-new-case = 別のケースを作成
page-title-error = エラー: { $title }

## Case type
case-type-legend = どのようなサポートが必要ですか？
on-behalf-of-label = このケースを作成するアカウント
on-behalf-of-own = ご自身のアカウント
on-behalf-of-visible = { $name } がこのケースを閲覧できるようにする
on-behalf-of-visible-hint = チェックを外すと、ケースは上位アカウントに留まり、このお客様には表示されません。
case-type-not-in-plan = ご利用のサポートプラン ({ $plan }) には含まれていません。

## Service and category
service-label = サービス
service-hint = 複数のサービスに影響がある場合は、最も影響の大きいサービスを選択してください。
category-label = カテゴリ
choose-option = 選択してください…
help-links-heading = 次の記事で問題がすぐに解決するかもしれません:
prompt-heading = 迅速な解決のため、次の内容を記載してください:

## Severity
severity-legend = 問題の重要度を選択してください
severity-response = 初回応答: { $duration }以内
severity-deadline = 目安: { $month }月{ $day }日({ $weekday }) { $time }まで
severity-initial-contact = 初回連絡: { $duration }以内
severity-business-hours = ご利用のプランの応答時間は営業時間 (平日 { $start }–{ $end }、お客様の現地時間) のみで計算されます。
severity-business-hours-zoned = 応答時間は営業時間 (平日 { $start }–{ $end }、{ $zone } 時間) のみで計算されます。
severity-working-days = これらのケースの応答時間は営業日 (通常は月曜日から金曜日) のみで計算され、週末は含まれません。
severity-call-only = この重要度のケースはオンラインでは作成できません。今すぐ { $phone } にお電話ください。
duration-minutes = { $n }分
duration-hours = { $n }時間
duration-business-days = { $n }営業日
weekday = { $day ->
    [mon] 月
    [tue] 火
    [wed] 水
    [thu] 木
    [fri] 金
    [sat] 土
   *[sun] 日
}

## Details
subject-label = 件名
subject-hint = 問題の簡単な要約。
description-label = 説明
description-hint = エラーメッセージ、試したこと、発生時期、サービスの利用方法 (コンソール、コマンドライン、API) を記載してください。
chars-left = 残り { $n } 文字
chars-over = { $n } 文字超過

## Attachments
attachments-label = ファイルを添付
attachments-limits = 最大 { $max } ファイル、1 ファイルあたり { $size } まで。
attachments-choose = ファイルを選択
attachments-remove = { $name } を削除
attachments-none = 添付ファイルはありません。
attachments-count = { $n } 件のファイルを添付済み
size-bytes = { $n } B
size-kb = { $n } KB
size-mb = { $n } MB
size-exact = { $n } バイト
attachments-types = 添付できるのは{ $types }です。
attachments-backend-size = サポートシステムが受け付けるファイルは 1 ファイルあたり { $size } までです。
attachments-backend-count = サポートシステムが受け付けるのは 1 件のケースにつき { $max } ファイルまでです。
attachments-backend-types = サポートシステムが受け付けるのは{ $types }のみです。
file-kind-images = 画像
file-kind-pdf = PDF
file-kind-csv = CSV
file-kind-text = テキストファイル
file-kind-logs = ログファイル
file-kind-json = JSON ファイル
file-kind-har = HAR ファイル
file-kind-zip = ZIP アーカイブ
file-kind-gzip = gzip アーカイブ
list-separator = 、
list-or = { $items }、または{ $last }

## Contact
name-label = お名前
email-label = メールアドレス
contact-method-legend = ご希望の連絡方法
phone-country-label = 国または地域
phone-number-label = 電話番号
phone-number-hint = この番号に折り返しお電話します。
phone-extension-label = 内線番号
contact-language-label = ご希望の対応言語
contact-language-team-closed = { $language }のチームは営業時間のみ対応しており、現在は時間外です。次の対応開始は { $month }月{ $day }日({ $weekday }) { $time } (お客様の現地時間) です。ケースは今すぐ作成され、その時点で対応されます。
cc-label = 通知先 (CC)
cc-hint = メールアドレスをカンマ区切りで入力してください。

## Review and confirmation
review-hint = 送信する前に回答を確認してください。
review-case-type = ケースの種類
review-service = サービス
review-category = カテゴリ
review-severity = 重要度
review-subject = 件名
review-description = 説明
review-attachments = 添付ファイル
review-name = お名前
review-email = メールアドレス
review-contact-method = 連絡方法
review-phone = 電話番号
review-phone-extension = 内線 { $ext }
review-contact-language = 対応言語
review-on-behalf-of = 作成対象
review-customer-may-see = お客様はこのケースを閲覧できます
review-hidden-from-customer = お客様には表示されません
review-cc = CC
review-none = なし
done-heading = ケースを送信しました
done-case-id = ケース ID は { $id } です。
done-hint = このケースについてお問い合わせいただく際に必要ですので、ID を控えておいてください。
done-link = ケースの状況を確認する (新しいタブで開きます)
done-summary = 概要
submit-failed = ケースは送信されませんでした。入力内容はすべて保持されています。しばらくしてからもう一度お試しください。
submit-failed-status = サポートサーバーの応答: ステータス { $status }
submit-sign-in = サポートシステムがサインインを受け付けませんでした。ポータルにもう一度サインインしてから送信してください。入力した内容はすべて保持されています。
submit-refused = サポートシステムがこのケースを受け付けられませんでした。入力した内容はすべて保持されています。しばらくしてからもう一度お試しいただくか、別の方法でサポートにご連絡ください。
submit-backend-said = サポートシステムからのメッセージ:「{ $message }」
submit-network = サポートサーバーに接続できませんでした。接続を確認して、もう一度お試しください。
submit-rejected = サポートサーバーが一部の回答を受け付けませんでした。修正してください。
submit-too-large = サポートサーバーが受け付けるサイズを超えるファイルがあります。削除するか、小さいファイルを添付してください。
submit-spam-suspected = サポートサーバーはこの送信を自動送信と判断し、受け付けませんでした。回答を確認して、もう一度送信してください。
trap-label = この欄は空のままにしてください


## Upload
attachments-drop-hint = ここにファイルをドロップするか、スクリーンショットを貼り付けることもできます。
upload-heading = ファイルを送信しています
upload-progress = { $total } 中 { $sent } ({ $percent }%)
upload-announce = アップロード { $percent }% 完了
action-cancel-upload = アップロードを中止
submit-cancelled = アップロードを中止しました。ケースは送信されていません。入力内容はすべて保持されています。

## Retries
submit-retrying = サポートサーバーに接続できないか、混雑しています。{ $seconds } 秒後に再試行します ({ $max } 回中 { $attempt } 回目)。
action-retry-now = 今すぐ再試行
action-keep-for-later = 後で送信する
submit-kept = ケースはこのブラウザーに下書きとして保存されています。準備ができたら送信してください。

## Suggested articles and "Solve now or contact us"
solved-notice = 解決してよかったです。ケースは作成されず、下書きは削除されました。
suggest-heading = こちらの記事が役に立つかもしれません
suggest-count = 役に立ちそうな記事が { $n } 件あります。
suggest-new-tab = (新しいタブで開きます)
solve-heading = 今すぐ解決、またはお問い合わせ
solve-intro = 入力内容に合う回答です。問題が解決すれば、サポートの返答を待つ必要はありません。
solve-confirm = 解決してよかったです。このケースを破棄しますか？ケースは作成されません。
action-solved = これで解決しました
action-solved-yes = はい、破棄します
action-solved-no = いいえ、ケースを続けます
action-continue-case = ケースの作成を続ける
