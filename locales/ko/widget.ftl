## The wizard's chrome
widget-title = 지원 케이스 생성
step-progress = { $total }단계 중 { $current }단계
step-classification = 서비스 및 범주
step-details = 문제 설명
step-attachments = 첨부 파일
step-contact = 연락 방법
step-review = 검토 및 제출
language-label = 언어
optional = (선택 사항)
action-next = 계속
action-back = 뒤로
action-submit = 케이스 제출
action-submitting = 제출 중…
action-change = 변경
action-change-label = { $question } 변경
action-discard = 초안 삭제
discard-confirm = 이 초안을 삭제할까요? 입력한 내용이 모두 삭제됩니다.
action-discard-yes = 예, 삭제합니다
action-discard-no = 초안 유지
draft-discarded = 초안을 삭제했습니다.
draft-restored = 이전에 작성하던 초안을 복원했습니다.
storage-unavailable = 이 브라우저에서는 답변 사본을 저장할 수 없으므로 이 페이지를 벗어나거나 새로 고치면 답변이 사라집니다. 케이스는 계속 제출할 수 있습니다.
storage-files-unavailable = 이 브라우저에서는 이 페이지를 벗어나거나 새로 고치면 첨부 파일이 사라집니다. 다른 답변은 저장되어 있습니다.
action-new-case = 새 케이스 만들기
page-title-error = 오류: { $title }

## Case type
case-type-legend = 어떤 도움이 필요하신가요?
on-behalf-of-label = 이 케이스를 접수할 계정
on-behalf-of-own = 본인 계정
on-behalf-of-visible = { $name }이(가) 이 케이스를 볼 수 있도록 허용
on-behalf-of-visible-hint = 선택을 해제하면 케이스가 상위 계정에 남아 해당 고객에게 표시되지 않습니다.
case-type-not-in-plan = 현재 지원 플랜({ $plan })에 포함되어 있지 않습니다.

## Service and category
service-label = 서비스
service-hint = 여러 서비스에 영향이 있다면 가장 큰 영향을 받은 서비스를 선택하세요.
category-label = 범주
choose-option = 선택하세요…
help-links-heading = 다음 문서가 문제를 바로 해결해 줄 수 있습니다:
prompt-heading = 빠른 해결을 위해 다음 내용을 포함해 주세요:

## Severity
severity-legend = 문제가 얼마나 심각한가요?
severity-response = 첫 응답: { $duration } 이내
severity-deadline = 예상: { $month }월 { $day }일({ $weekday }) { $time }까지
severity-initial-contact = 최초 연락: { $duration } 이내
severity-business-hours = 현재 플랜의 응답 시간은 영업시간(평일 { $start }–{ $end }, 고객 현지 시간)만 계산합니다.
severity-business-hours-zoned = 응답 시간은 영업 시간({ $zone } 기준 평일 { $start }–{ $end })만 계산됩니다.
severity-working-days = 이 케이스의 응답 시간은 영업일(일반적으로 월요일~금요일)만 계산하며 주말은 제외합니다.
severity-call-only = 이 심각도의 케이스는 온라인으로 생성할 수 없습니다. 지금 { $phone }(으)로 전화하세요.
duration-minutes = { $n }분
duration-hours = { $n }시간
duration-business-days = 영업일 기준 { $n }일
weekday = { $day ->
    [mon] 월
    [tue] 화
    [wed] 수
    [thu] 목
    [fri] 금
    [sat] 토
   *[sun] 일
}

## Details
subject-label = 제목
subject-hint = 문제를 간단히 요약하세요.
description-label = 설명
description-hint = 오류 메시지, 시도해 본 조치, 시작 시점, 서비스 사용 방식(콘솔, 명령줄, API)을 적어 주세요.
chars-left = { $n }자 남음
chars-over = { $n }자 초과

## Attachments
attachments-label = 파일 첨부
attachments-limits = 최대 { $max }개 파일, 파일당 { $size }까지.
attachments-choose = 파일 선택
attachments-remove = { $name } 삭제
attachments-none = 첨부된 파일이 없습니다.
attachments-count = 파일 { $n }개 첨부됨
size-bytes = { $n } B
size-kb = { $n } KB
size-mb = { $n } MB
size-exact = { $n }바이트
attachments-types = { $types }을(를) 첨부할 수 있습니다.
attachments-backend-size = 지원 시스템은 파일당 { $size }까지 받습니다.
attachments-backend-count = 지원 시스템은 케이스당 최대 { $max }개 파일까지 받습니다.
attachments-backend-types = 지원 시스템은 { $types }만 받습니다.
file-kind-images = 이미지
file-kind-pdf = PDF
file-kind-csv = CSV
file-kind-text = 텍스트 파일
file-kind-logs = 로그 파일
file-kind-json = JSON 파일
file-kind-har = HAR 파일
file-kind-zip = ZIP 압축 파일
file-kind-gzip = gzip 압축 파일
list-separator = { ", " }
list-or = { $items } 또는 { $last }

## Contact
name-label = 이름
email-label = 이메일 주소
contact-method-legend = 어떻게 연락드릴까요?
phone-country-label = 국가 또는 지역
phone-number-label = 전화번호
phone-number-hint = 이 번호로 다시 전화드립니다.
phone-extension-label = 내선 번호
contact-language-label = 선호하는 연락 언어
contact-language-team-closed = { $language } 팀은 영업 시간에만 응대하며 지금은 업무 시간이 아닙니다. 다음 업무 시작은 { $month }월 { $day }일({ $weekday }) { $time }(고객님 현지 시간)입니다. 케이스는 지금 접수되고 그때 답변드립니다.
cc-label = 추가 알림 대상(CC)
cc-hint = 이메일 주소를 쉼표로 구분해 입력하세요.

## Review and confirmation
review-hint = 케이스를 제출하기 전에 답변을 확인하세요.
review-case-type = 케이스 유형
review-service = 서비스
review-category = 범주
review-severity = 심각도
review-subject = 제목
review-description = 설명
review-attachments = 첨부 파일
review-name = 이름
review-email = 이메일
review-contact-method = 연락 방법
review-phone = 전화번호
review-phone-extension = 내선 { $ext }
review-contact-language = 연락 언어
review-on-behalf-of = 접수 대상
review-customer-may-see = 고객이 이 케이스를 볼 수 있습니다
review-hidden-from-customer = 고객에게 표시되지 않습니다
review-cc = CC
review-none = 없음
done-heading = 케이스가 제출되었습니다
done-case-id = 케이스 ID는 { $id }입니다.
done-hint = 이 케이스에 대해 문의할 때 필요하니 ID를 보관해 두세요.
done-link = 케이스 진행 상황 보기 (새 탭에서 열림)
done-summary = 요약
submit-failed = 케이스가 제출되지 않았습니다. 입력한 내용은 모두 보존되어 있으니 잠시 후 다시 시도하세요.
submit-failed-status = 지원 서버 응답: 상태 { $status }
submit-sign-in = 지원 시스템이 로그인을 받아들이지 않았습니다. 포털에 다시 로그인한 뒤 제출하세요. 입력한 내용은 모두 보존됩니다.
submit-refused = 지원 시스템이 이 케이스를 받아들일 수 없었습니다. 입력한 내용은 모두 보존됩니다. 나중에 다시 시도하거나 다른 방법으로 지원팀에 문의하세요.
submit-backend-said = 지원 시스템의 메시지: “{ $message }”
submit-network = 지원 서버에 연결할 수 없습니다. 연결을 확인하고 다시 시도하세요.
submit-rejected = 지원 서버가 일부 답변을 받아들이지 않았습니다. 수정해 주세요.
submit-too-large = 지원 서버가 받을 수 있는 크기보다 큰 파일이 있습니다. 삭제하거나 더 작은 파일을 첨부하세요.
submit-spam-suspected = 지원 서버가 이 제출을 자동 제출로 판단하여 받지 않았습니다. 답변을 확인한 후 다시 제출하세요.
trap-label = 이 칸은 비워 두세요


## Upload
attachments-drop-hint = 여기에 파일을 끌어다 놓거나 스크린샷을 붙여 넣을 수도 있습니다.
upload-heading = 파일을 보내는 중
upload-progress = { $total } 중 { $sent } ({ $percent }%)
upload-announce = 업로드 { $percent }% 완료
action-cancel-upload = 업로드 취소
submit-cancelled = 업로드를 취소했습니다. 케이스는 제출되지 않았으며 입력한 내용은 모두 보존됩니다.

## Retries
submit-retrying = 지원 서버에 연결할 수 없거나 서버가 혼잡합니다. { $seconds }초 후 다시 시도합니다({ $max }회 중 { $attempt }회째).
action-retry-now = 지금 다시 시도
action-keep-for-later = 나중에 보내기
submit-kept = 케이스가 이 브라우저에 초안으로 보관되어 있습니다. 준비되면 제출하세요.

## Suggested articles and "Solve now or contact us"
solved-notice = 해결되어 다행입니다. 케이스는 접수되지 않았고 임시 저장본은 삭제되었습니다.
suggest-heading = 이 문서가 도움이 될 수 있습니다
suggest-count = 도움이 될 만한 문서가 { $n }개 있습니다.
suggest-new-tab = (새 탭에서 열림)
solve-heading = 지금 해결하거나 문의하기
solve-intro = 작성하신 내용과 맞는 답변입니다. 문제가 해결되면 지원팀의 답변을 기다리지 않으셔도 됩니다.
solve-confirm = 해결되어 다행입니다. 이 케이스를 삭제할까요? 아무것도 접수되지 않습니다.
action-solved = 이것으로 해결되었습니다
action-solved-yes = 예, 삭제합니다
action-solved-no = 아니요, 케이스를 계속합니다
action-continue-case = 케이스 작성 계속하기
