## Field errors: each says what to do
error-summary-title = There is a problem
error-case-type-required = Select what you need help with
error-case-type-not-in-plan = Your support plan does not include this type of case
error-choice-unknown = Select one of the options offered
error-service-required = Select a service
error-category-required = Select a category
error-field-required = Enter a value for “{ $label }”
error-field-choose = Select an option for “{ $label }”
error-field-not-in-category = This answer does not belong to the chosen category
error-too-short = Enter at least { $min ->
    [one] { $min } character
   *[other] { $min } characters
}
error-too-long = Enter no more than { $max ->
    [one] { $max } character
   *[other] { $max } characters
}
error-not-a-number = Enter a number
error-not-whole-number = Enter a whole number
error-number-too-small = Enter a number of { $min } or more
error-pattern = { $message }
error-pattern-default = { $label } is not in the form asked for
error-number-too-large = Enter a number of { $max } or less
error-not-a-date = Enter a date as year-month-day, for example 2026-01-31
error-date-too-early = Enter a date on or after { $min }
error-date-too-late = Enter a date on or before { $max }
error-severity-required = Select a severity
error-severity-call-only = This severity can't be opened online: call { $phone }
error-subject-required = Enter a subject
error-description-required = Describe the problem
error-attachment-too-many = “{ $name }” was not added: you can attach up to { $max } files
error-attachment-empty = “{ $name }” is empty (0 bytes)
error-attachment-too-large = “{ $name }” is { $size }: files can be { $max } at most
error-attachment-over-server-limit = “{ $name }” is larger than the support server accepts ({ $max } at most): remove it or attach a smaller file
error-attachment-type = “{ $name }” is not a type of file you can attach here
error-attachment-not-allowed = “{ $name }” can’t be attached here: you can attach { $types }
error-attachment-duplicate = “{ $name }” is already attached
error-attachment-backend-too-large = “{ $name }” is { $size }: the support system takes files up to { $max } each
error-attachment-backend-too-many = “{ $name }” was not added: the support system takes up to { $max } files per case
error-attachment-backend-type = “{ $name }” can’t be attached: the support system takes only { $types }
error-name-required = Enter your name
error-email-required = Enter your email address
error-email-invalid = Enter an email address like name@example.com
error-contact-method-required = Select how we should contact you
error-contact-language-required = Select a contact language
error-phone-country-required = Select the country or region of your phone number
error-phone-required = Enter a phone number
error-phone-invalid = Enter a phone number using digits, spaces and dashes, like 03-1234-5678
error-phone-not-in-country = This is not a phone number in { $country }: check the digits and the country
error-extension-invalid = Enter an extension using digits only
error-cc-too-many = Enter no more than { $max } email addresses
error-cc-invalid = “{ $email }” is not an email address
error-cc-not-in-plan = Your support plan does not include notifying others of the case
error-server = The support server refused this answer ({ $code })

## Catalog errors, for the portal's owner
catalog-failed = This support form cannot start: its catalog ({ $url }) has a problem.
profile-failed = This support form cannot start: its wire profile ({ $url }) has a problem.
catalog-fetch-failed = The catalog could not be loaded: { $detail }
catalog-syntax = The catalog is not valid JSON of the expected shape, at line { $line }, column { $column }: { $detail }
catalog-problem = { $path }: { $message }
catalog-no-languages = no languages are listed
catalog-empty-list = the list is empty
catalog-empty-id = an id is empty
catalog-duplicate-id = the id “{ $value }” is used twice
catalog-unknown-ref = “{ $value }” is not defined in the catalog
catalog-unknown-time-zone = the time zone “{ $value }” is not in the tz database
catalog-missing-translation = the text is missing in language “{ $value }”
catalog-bad-hours = business hours { $value } do not form a working day
catalog-no-support-phone = a severity must be called in, but the catalog gives no support_phone
catalog-no-phone-countries = phone contact is offered, but the catalog lists no phone_countries
catalog-bad-dial-code = the calling code “{ $value }” is not digits
catalog-bad-limit = the limit { $value } is not allowed
catalog-bad-url = the link “{ $value }” is not an http or https address
catalog-bad-time-zone = “{ $value }” is not a time zone name such as Europe/Berlin
catalog-bad-phone = “{ $value }” is not a phone number
catalog-bad-pattern = the pattern “{ $value }” cannot be read where ▸ marks it: a pattern takes characters, ., classes such as [a-z0-9-], \d \w \s, ( | ) and * + ? {"{"}m,n{"}"}
catalog-bad-email = “{ $value }” is not an e-mail address
catalog-bad-range = the range { $value } is empty
catalog-bad-response = the response time { $value } is out of range: minutes 1 to 129600, hours 1 to 2160 (both 90 days), business days 1 to 60
catalog-unknown-plan = the plan “{ $value }” is not one of the catalog's plans
catalog-plan-without-case-types = the plan “{ $value }” offers no case type: its customers could file nothing
catalog-unreachable-severity = no plan and case type offer the severity “{ $value }”: no customer can choose it
catalog-default-not-offered = the default severity “{ $value }” is not offered where this case type can be opened: it is never chosen in advance
catalog-loose-url = the link “{ $value }” is not a whole web address: write https://, a host name of letters, digits, dots and hyphens, and no spaces
catalog-unreachable-case-type = no plan can open the case type “{ $value }”: no customer can choose it
catalog-unreachable-service = no case type and plan offer the service “{ $value }”: no customer can choose it
catalog-warning = warning: { $message }
catalog-response-not-offered = a time is set for the plan “{ $value }”, but the severity's response does not offer it to that plan
