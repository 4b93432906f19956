## The wizard's chrome
widget-title = Create a support case
step-progress = Step { $current } of { $total }
step-classification = Service and category
step-details = Describe the problem
step-attachments = Attachments
step-contact = Contact options
step-review = Review and submit
language-label = Language
optional = (optional)
action-next = Continue
action-back = Back
action-submit = Submit case
action-submitting = Submitting…
action-change = Change
action-change-label = Change { $question }
action-discard = Discard draft
discard-confirm = Discard this draft? Everything you entered will be removed.
action-discard-yes = Yes, discard it
action-discard-no = Keep the draft
draft-discarded = The draft was discarded.
draft-restored = We restored the draft you started earlier.
storage-unavailable = This browser is not keeping a copy of your answers, so they will be lost if you leave or reload this page. You can still submit the case.
storage-files-unavailable = This browser cannot keep your attached files if you leave or reload this page. Your other answers are kept.
action-new-case = Create another case
page-title-error = Error: { $title }

## Case type
case-type-legend = What do you need help with?
on-behalf-of-label = File this case for
on-behalf-of-own = Your own account
on-behalf-of-visible = Let { $name } see this case
on-behalf-of-visible-hint = Clear this to keep the case at the top level, out of their view.
case-type-not-in-plan = Not included in your support plan ({ $plan }).

## Service and category
service-label = Service
service-hint = If the problem affects several services, choose the one most affected.
category-label = Category
choose-option = Choose…
help-links-heading = These articles might solve the problem right away:
prompt-heading = To help us solve it quickly, please include:

## Severity
severity-legend = How severe is the problem?
severity-response = First response within { $duration }
severity-deadline = Expected by { $weekday } { $month }/{ $day } { $time }
severity-initial-contact = Initial contact within { $duration }
severity-business-hours = Your plan's response times count business hours only: { $start }–{ $end } on working days, your time.
severity-business-hours-zoned = Response times count business hours only: { $start }–{ $end } on working days, { $zone } time.
severity-working-days = Response times for these cases count working days only (generally Monday to Friday), not weekends.
severity-call-only = Cases of this severity can't be opened online. Call { $phone } now.
duration-minutes = { $n ->
    [one] { $n } minute
   *[other] { $n } minutes
}
duration-hours = { $n ->
    [one] { $n } hour
   *[other] { $n } hours
}
duration-business-days = { $n ->
    [one] { $n } business day
   *[other] { $n } business days
}
weekday = { $day ->
    [mon] Mon
    [tue] Tue
    [wed] Wed
    [thu] Thu
    [fri] Fri
    [sat] Sat
   *[sun] Sun
}

## Details
subject-label = Subject
subject-hint = A short summary of the problem.
description-label = Description
description-hint = Include error messages, what you have tried, when it started, and how you use the service (console, command line, API).
chars-left = { $n ->
    [one] { $n } character left
   *[other] { $n } characters left
}
chars-over = { $n ->
    [one] { $n } character too many
   *[other] { $n } characters too many
}

## Attachments
attachments-label = Attach files
attachments-limits = { $max ->
    [one] Up to { $max } file
   *[other] Up to { $max } files
}, { $size } each at most.
attachments-choose = Choose files
attachments-remove = Remove { $name }
attachments-none = No files attached.
attachments-count = { $n ->
    [one] { $n } file attached
   *[other] { $n } files attached
}
size-bytes = { $n } B
size-kb = { $n } KB
size-mb = { $n } MB
size-exact = { $n } bytes
attachments-types = You can attach { $types }.
attachments-backend-size = The support system takes files up to { $size } each.
attachments-backend-count = { $max ->
    [one] The support system takes { $max } file per case.
   *[other] The support system takes up to { $max } files per case.
}
attachments-backend-types = The support system takes only { $types }.
file-kind-images = images
file-kind-pdf = PDF
file-kind-csv = CSV
file-kind-text = text files
file-kind-logs = log files
file-kind-json = JSON files
file-kind-har = HAR files
file-kind-zip = ZIP archives
file-kind-gzip = gzip archives
list-separator = { ", " }
list-or = { $items } or { $last }

## Contact
name-label = Your name
email-label = Email address
contact-method-legend = How should we contact you?
phone-country-label = Country or region
phone-number-label = Phone number
phone-number-hint = We'll call you back on this number.
phone-extension-label = Extension
contact-language-label = Preferred contact language
contact-language-team-closed = The { $language } team works business hours and is away now. It next starts { $weekday } { $month }/{ $day } { $time } (your time); your case is filed now and answered then.
cc-label = Also notify (CC)
cc-hint = Email addresses, separated by commas.

## Review and confirmation
review-hint = Check your answers before you submit the case.
review-case-type = Case type
review-service = Service
review-category = Category
review-severity = Severity
review-subject = Subject
review-description = Description
review-attachments = Attachments
review-name = Name
review-email = Email
review-contact-method = Contact method
review-phone = Phone
review-phone-extension = ext. { $ext }
review-contact-language = Contact language
review-on-behalf-of = Filed for
review-customer-may-see = The customer can see this case
review-hidden-from-customer = Hidden from the customer
review-cc = CC
review-none = None
done-heading = Case submitted
done-case-id = Your case ID is { $id }.
done-hint = Keep this ID: you'll need it when you contact us about this case.
done-link = Follow your case (opens in a new tab)
done-summary = Summary
submit-failed = Your case was not submitted. Everything you entered is kept: try again in a moment.
submit-failed-status = The support server answered with status { $status }.
submit-sign-in = The support system did not accept your sign-in. Sign in to the portal again, then submit: everything you entered is kept.
submit-refused = The support system could not accept this case. Everything you entered is kept: try again later, or contact support another way.
submit-backend-said = The support system said: “{ $message }”
submit-network = The support server could not be reached. Check your connection and try again.
submit-rejected = The support server could not accept some answers. Please correct them.
submit-too-large = A file is larger than the support server accepts. Remove it or attach a smaller one.
submit-spam-suspected = The support server took this for an automated submission and did not accept it. Check your answers and submit again.
trap-label = Leave this field empty


## Upload
attachments-drop-hint = You can also drop files here, or paste a screenshot.
upload-heading = Sending your files
upload-progress = { $sent } of { $total } ({ $percent }%)
upload-announce = Upload { $percent }% done
action-cancel-upload = Cancel upload
submit-cancelled = The upload was cancelled. Your case was not submitted, and everything you entered is kept.

## Retries
submit-retrying = The support server could not be reached or is busy. Trying again in { $seconds } s (try { $attempt } of { $max }).
action-retry-now = Try now
action-keep-for-later = Keep for later
submit-kept = Your case is kept as a draft in this browser. Submit it when you are ready.

## Suggested articles and "Solve now or contact us"
solved-notice = Glad that solved it. Nothing was filed, and the draft is gone.
suggest-heading = These articles might help
suggest-count = { $n ->
    [one] One article might help.
   *[other] { $n } articles might help.
}
suggest-new-tab = (opens in a new tab)
solve-heading = Solve now or contact us
solve-intro = These answers match what you wrote. If one solves your problem, you need not wait for support.
solve-confirm = Glad to hear it. Discard this case? Nothing will be filed.
action-solved = This solved my problem
action-solved-yes = Yes, discard it
action-solved-no = No, keep my case
action-continue-case = Continue with my case
