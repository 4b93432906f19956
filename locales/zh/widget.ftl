## The wizard's chrome
widget-title = 创建支持案例
step-progress = 第 { $current } 步，共 { $total } 步
step-classification = 服务和类别
step-details = 描述问题
step-attachments = 附件
step-contact = 联系方式
step-review = 检查并提交
language-label = 语言
optional = （可选）
action-next = 继续
action-back = 返回
action-submit = 提交案例
action-submitting = 正在提交…
action-change = 更改
action-change-label = 更改{ $question }
action-discard = 放弃草稿
discard-confirm = 要放弃此草稿吗？您输入的所有内容都将被删除。
action-discard-yes = 是，放弃
action-discard-no = 保留草稿
draft-discarded = 草稿已放弃。
draft-restored = 已恢复您之前填写的草稿。
storage-unavailable = 此浏览器无法保存您的回答副本，离开或刷新此页面后回答将会丢失。您仍然可以提交此案例。
storage-files-unavailable = 离开或刷新此页面后，此浏览器无法保留您的附件。您的其他回答已保存。
action-new-case = 创建另一个案例
page-title-error = 错误：{ $title }

## Case type
case-type-legend = 您需要哪方面的帮助？
on-behalf-of-label = 为哪个账户提交此案例
on-behalf-of-own = 您自己的账户
on-behalf-of-visible = 允许 { $name } 查看此案例
on-behalf-of-visible-hint = 取消勾选则案例保留在上级账户，该客户看不到。
case-type-not-in-plan = 您的支持计划（{ $plan }）不包括此项。

## Service and category
service-label = 服务
service-hint = 如果问题影响多个服务，请选择受影响最大的服务。
category-label = 类别
choose-option = 请选择…
help-links-heading = 以下文章也许能立即解决问题：
prompt-heading = 为了尽快解决，请包括：

## Severity
severity-legend = 问题有多严重？
severity-response = 首次响应：{ $duration }内
severity-deadline = 预计 { $month }月{ $day }日（{ $weekday }）{ $time } 前
severity-initial-contact = 首次联系：{ $duration }内
severity-business-hours = 您的计划的响应时间仅计算工作时间（工作日 { $start }–{ $end }，您的当地时间）。
severity-business-hours-zoned = 响应时间仅按工作时间计算：{ $zone } 时间工作日 { $start }–{ $end }。
severity-working-days = 这些案例的响应时间仅按工作日（通常为周一至周五）计算，不含周末。
severity-call-only = 此严重程度的案例无法在线创建。请立即拨打 { $phone }。
duration-minutes = { $n } 分钟
duration-hours = { $n } 小时
duration-business-days = { $n } 个工作日
weekday = { $day ->
    [mon] 周一
    [tue] 周二
    [wed] 周三
    [thu] 周四
    [fri] 周五
    [sat] 周六
   *[sun] 周日
}

## Details
subject-label = 主题
subject-hint = 简要概括问题。
description-label = 描述
description-hint = 请包括错误消息、已尝试的操作、开始时间以及您使用服务的方式（控制台、命令行、API）。
chars-left = 还可输入 { $n } 个字符
chars-over = 超出 { $n } 个字符

## Attachments
attachments-label = 添加附件
attachments-limits = 最多 { $max } 个文件，每个文件不超过 { $size }。
attachments-choose = 选择文件
attachments-remove = 删除 { $name }
attachments-none = 未添加附件。
attachments-count = 已添加 { $n } 个文件
size-bytes = { $n } B
size-kb = { $n } KB
size-mb = { $n } MB
size-exact = { $n } 字节
attachments-types = 可以添加{ $types }。
attachments-backend-size = 支持系统接受的文件每个不超过 { $size }。
attachments-backend-count = 支持系统每个案例最多接受 { $max } 个文件。
attachments-backend-types = 支持系统只接受{ $types }。
file-kind-images = 图片
file-kind-pdf = PDF
file-kind-csv = CSV
file-kind-text = 文本文件
file-kind-logs = 日志文件
file-kind-json = JSON 文件
file-kind-har = HAR 文件
file-kind-zip = ZIP 压缩包
file-kind-gzip = gzip 压缩包
list-separator = 、
list-or = { $items }或{ $last }

## Contact
name-label = 您的姓名
email-label = 电子邮件地址
contact-method-legend = 我们应如何联系您？
phone-country-label = 国家或地区
phone-number-label = 电话号码
phone-number-hint = 我们将回拨此号码。
phone-extension-label = 分机号
contact-language-label = 首选联系语言
contact-language-team-closed = { $language }团队仅在工作时间服务，现在不在工作时间。下次开始服务为 { $month }月{ $day }日（{ $weekday }）{ $time }（您的当地时间）；案例现在即可提交，届时会得到答复。
cc-label = 同时通知（抄送）
cc-hint = 电子邮件地址，用逗号分隔。

## Review and confirmation
review-hint = 提交案例前请检查您的回答。
review-case-type = 案例类型
review-service = 服务
review-category = 类别
review-severity = 严重程度
review-subject = 主题
review-description = 描述
review-attachments = 附件
review-name = 姓名
review-email = 电子邮件
review-contact-method = 联系方式
review-phone = 电话
review-phone-extension = 分机 { $ext }
review-contact-language = 联系语言
review-on-behalf-of = 提交对象
review-customer-may-see = 客户可以查看此案例
review-hidden-from-customer = 对客户隐藏
review-cc = 抄送
review-none = 无
done-heading = 案例已提交
done-case-id = 您的案例 ID 是 { $id }。
done-hint = 请保存此 ID：就此案例联系我们时需要用到。
done-link = 跟进您的案例（在新标签页中打开）
done-summary = 摘要
submit-failed = 案例未提交。您输入的所有内容都已保留，请稍后重试。
submit-failed-status = 支持服务器返回状态 { $status }。
submit-sign-in = 支持系统未接受您的登录。请重新登录门户后再提交：您输入的所有内容都已保留。
submit-refused = 支持系统无法接受此案例。您输入的所有内容都已保留：请稍后重试，或通过其他方式联系支持人员。
submit-backend-said = 支持系统的回复：“{ $message }”
submit-network = 无法连接支持服务器。请检查网络连接后重试。
submit-rejected = 支持服务器无法接受部分回答，请更正。
submit-too-large = 有文件超过了支持服务器接受的大小。请删除它或添加较小的文件。
submit-spam-suspected = 支持服务器将此次提交视为自动提交，未予接受。请检查您的回答后重新提交。
trap-label = 请将此栏留空


## Upload
attachments-drop-hint = 您也可以将文件拖放到此处，或粘贴屏幕截图。
upload-heading = 正在发送您的文件
upload-progress = { $sent } / { $total }（{ $percent }%）
upload-announce = 上传已完成 { $percent }%
action-cancel-upload = 取消上传
submit-cancelled = 上传已取消。案例未提交，您输入的所有内容都已保留。

## Retries
submit-retrying = 无法连接支持服务器或服务器繁忙。将在 { $seconds } 秒后重试（第 { $attempt } 次，共 { $max } 次）。
action-retry-now = 立即重试
action-keep-for-later = 稍后提交
submit-kept = 您的案例已作为草稿保存在此浏览器中。准备好后再提交。

## Suggested articles and "Solve now or contact us"
solved-notice = 很高兴问题已解决。未提交任何案例，草稿已删除。
suggest-heading = 这些文章可能有帮助
suggest-count = 有 { $n } 篇文章可能有帮助。
suggest-new-tab = （在新标签页中打开）
solve-heading = 立即解决或联系我们
solve-intro = 这些解答与您填写的内容相符。如果其中一篇解决了问题，就无需等待支持人员回复。
solve-confirm = 很高兴问题已解决。要放弃此案例吗？不会提交任何内容。
action-solved = 这解决了我的问题
action-solved-yes = 是，放弃
action-solved-no = 否，继续我的案例
action-continue-case = 继续创建案例
