//! Every message id the code asks the locales for, as constants of one type. A lookup takes a
//! [`MessageId`], and only this module makes them, so [`ALL`] is every id the widget, the core
//! and the server can show, and a host test checks each against English.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::text::Text;

/// A message id in `locales/*/*.ftl`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MessageId(&'static str);

impl MessageId {
    pub const fn as_str(self) -> &'static str {
        self.0
    }

    /// The id named `id`, e.g. a field error code a server sent; `None` for one the code never
    /// uses.
    pub fn parse(id: &str) -> Option<MessageId> {
        ALL.iter().copied().find(|m| m.0 == id)
    }
}

impl fmt::Display for MessageId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl PartialEq<&str> for MessageId {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl serde::Serialize for MessageId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.0)
    }
}

/// A message argument; on the wire `{"text": "…"}`, `{"number": 3}`, `{"bytes": 5242880}`,
/// `{"label": {"en": "…", "ja": "…"}}` or `{"types": ["image/*", ".log"]}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Arg {
    Text(String),
    Number(f64),
    /// A size in bytes, shown with the language's `size-*` message ("5 MB").
    Bytes(u64),
    /// A catalog label, shown in the message's language.
    Label(Text),
    /// A catalog's `allowed_types`, shown as the kinds of file they are ("images, PDF, CSV or
    /// text files").
    Types(Vec<String>),
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}
impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_owned())
    }
}
impl From<f64> for Arg {
    fn from(n: f64) -> Self {
        Arg::Number(n)
    }
}
impl From<usize> for Arg {
    fn from(n: usize) -> Self {
        Arg::Number(n as f64)
    }
}
impl From<u64> for Arg {
    fn from(n: u64) -> Self {
        Arg::Number(n as f64)
    }
}
impl From<u32> for Arg {
    fn from(n: u32) -> Self {
        Arg::Number(n.into())
    }
}

macro_rules! message_ids {
    ($($name:ident = $id:literal,)*) => {
        $(pub const $name: MessageId = MessageId($id);)*
        /// Every id above, for the check against the locales.
        pub const ALL: &[MessageId] = &[$($name),*];
    };
}

message_ids! {
    ACTION_BACK = "action-back",
    ACTION_CANCEL_UPLOAD = "action-cancel-upload",
    ACTION_CHANGE = "action-change",
    ACTION_CHANGE_LABEL = "action-change-label",
    ACTION_CONTINUE_CASE = "action-continue-case",
    ACTION_DISCARD = "action-discard",
    ACTION_DISCARD_NO = "action-discard-no",
    ACTION_DISCARD_YES = "action-discard-yes",
    ACTION_KEEP_FOR_LATER = "action-keep-for-later",
    ACTION_NEW_CASE = "action-new-case",
    ACTION_NEXT = "action-next",
    ACTION_RETRY_NOW = "action-retry-now",
    ACTION_SOLVED = "action-solved",
    ACTION_SOLVED_NO = "action-solved-no",
    ACTION_SOLVED_YES = "action-solved-yes",
    ACTION_SUBMIT = "action-submit",
    ACTION_SUBMITTING = "action-submitting",
    ATTACHMENTS_BACKEND_COUNT = "attachments-backend-count",
    ATTACHMENTS_BACKEND_SIZE = "attachments-backend-size",
    ATTACHMENTS_BACKEND_TYPES = "attachments-backend-types",
    ATTACHMENTS_CHOOSE = "attachments-choose",
    ATTACHMENTS_COUNT = "attachments-count",
    ATTACHMENTS_DROP_HINT = "attachments-drop-hint",
    ATTACHMENTS_LABEL = "attachments-label",
    ATTACHMENTS_LIMITS = "attachments-limits",
    ATTACHMENTS_NONE = "attachments-none",
    ATTACHMENTS_REMOVE = "attachments-remove",
    ATTACHMENTS_TYPES = "attachments-types",
    CASE_TYPE_LEGEND = "case-type-legend",
    CASE_TYPE_NOT_IN_PLAN = "case-type-not-in-plan",
    CATALOG_BAD_DIAL_CODE = "catalog-bad-dial-code",
    CATALOG_BAD_EMAIL = "catalog-bad-email",
    CATALOG_BAD_HOURS = "catalog-bad-hours",
    CATALOG_BAD_LIMIT = "catalog-bad-limit",
    CATALOG_BAD_PATTERN = "catalog-bad-pattern",
    CATALOG_BAD_PHONE = "catalog-bad-phone",
    CATALOG_BAD_RANGE = "catalog-bad-range",
    CATALOG_BAD_RESPONSE = "catalog-bad-response",
    CATALOG_BAD_TIME_ZONE = "catalog-bad-time-zone",
    CATALOG_BAD_URL = "catalog-bad-url",
    CATALOG_DEFAULT_NOT_OFFERED = "catalog-default-not-offered",
    CATALOG_DUPLICATE_ID = "catalog-duplicate-id",
    CATALOG_EMPTY_ID = "catalog-empty-id",
    CATALOG_EMPTY_LIST = "catalog-empty-list",
    CATALOG_FAILED = "catalog-failed",
    CATALOG_FETCH_FAILED = "catalog-fetch-failed",
    CATALOG_LOOSE_URL = "catalog-loose-url",
    CATALOG_MISSING_TRANSLATION = "catalog-missing-translation",
    CATALOG_NO_LANGUAGES = "catalog-no-languages",
    CATALOG_NO_PHONE_COUNTRIES = "catalog-no-phone-countries",
    CATALOG_NO_SUPPORT_PHONE = "catalog-no-support-phone",
    CATALOG_PLAN_WITHOUT_CASE_TYPES = "catalog-plan-without-case-types",
    CATALOG_PROBLEM = "catalog-problem",
    CATALOG_RESPONSE_NOT_OFFERED = "catalog-response-not-offered",
    CATALOG_SYNTAX = "catalog-syntax",
    CATALOG_UNKNOWN_PLAN = "catalog-unknown-plan",
    CATALOG_UNKNOWN_REF = "catalog-unknown-ref",
    CATALOG_UNKNOWN_TIME_ZONE = "catalog-unknown-time-zone",
    CATALOG_UNREACHABLE_CASE_TYPE = "catalog-unreachable-case-type",
    CATALOG_UNREACHABLE_SERVICE = "catalog-unreachable-service",
    CATALOG_UNREACHABLE_SEVERITY = "catalog-unreachable-severity",
    CATALOG_WARNING = "catalog-warning",
    CATEGORY_LABEL = "category-label",
    CC_HINT = "cc-hint",
    CC_LABEL = "cc-label",
    CHARS_LEFT = "chars-left",
    CHARS_OVER = "chars-over",
    CHOOSE_OPTION = "choose-option",
    CONTACT_LANGUAGE_LABEL = "contact-language-label",
    CONTACT_LANGUAGE_TEAM_CLOSED = "contact-language-team-closed",
    CONTACT_METHOD_LEGEND = "contact-method-legend",
    DESCRIPTION_HINT = "description-hint",
    DESCRIPTION_LABEL = "description-label",
    DISCARD_CONFIRM = "discard-confirm",
    DONE_CASE_ID = "done-case-id",
    DONE_HEADING = "done-heading",
    DONE_HINT = "done-hint",
    DONE_LINK = "done-link",
    DONE_SUMMARY = "done-summary",
    DRAFT_DISCARDED = "draft-discarded",
    DRAFT_RESTORED = "draft-restored",
    DURATION_BUSINESS_DAYS = "duration-business-days",
    DURATION_HOURS = "duration-hours",
    DURATION_MINUTES = "duration-minutes",
    EMAIL_LABEL = "email-label",
    ERROR_ATTACHMENT_BACKEND_TOO_LARGE = "error-attachment-backend-too-large",
    ERROR_ATTACHMENT_BACKEND_TOO_MANY = "error-attachment-backend-too-many",
    ERROR_ATTACHMENT_BACKEND_TYPE = "error-attachment-backend-type",
    ERROR_ATTACHMENT_DUPLICATE = "error-attachment-duplicate",
    ERROR_ATTACHMENT_EMPTY = "error-attachment-empty",
    ERROR_ATTACHMENT_NOT_ALLOWED = "error-attachment-not-allowed",
    ERROR_ATTACHMENT_OVER_SERVER_LIMIT = "error-attachment-over-server-limit",
    ERROR_ATTACHMENT_TOO_LARGE = "error-attachment-too-large",
    ERROR_ATTACHMENT_TOO_MANY = "error-attachment-too-many",
    ERROR_ATTACHMENT_TYPE = "error-attachment-type",
    ERROR_CASE_TYPE_NOT_IN_PLAN = "error-case-type-not-in-plan",
    ERROR_CASE_TYPE_REQUIRED = "error-case-type-required",
    ERROR_CATEGORY_REQUIRED = "error-category-required",
    ERROR_CC_INVALID = "error-cc-invalid",
    ERROR_CC_NOT_IN_PLAN = "error-cc-not-in-plan",
    ERROR_CC_TOO_MANY = "error-cc-too-many",
    ERROR_CHOICE_UNKNOWN = "error-choice-unknown",
    ERROR_CONTACT_LANGUAGE_REQUIRED = "error-contact-language-required",
    ERROR_CONTACT_METHOD_REQUIRED = "error-contact-method-required",
    ERROR_DATE_TOO_EARLY = "error-date-too-early",
    ERROR_DATE_TOO_LATE = "error-date-too-late",
    ERROR_DESCRIPTION_REQUIRED = "error-description-required",
    ERROR_EMAIL_INVALID = "error-email-invalid",
    ERROR_EMAIL_REQUIRED = "error-email-required",
    ERROR_EXTENSION_INVALID = "error-extension-invalid",
    ERROR_FIELD_CHOOSE = "error-field-choose",
    ERROR_FIELD_NOT_IN_CATEGORY = "error-field-not-in-category",
    ERROR_FIELD_REQUIRED = "error-field-required",
    ERROR_NAME_REQUIRED = "error-name-required",
    ERROR_NOT_A_DATE = "error-not-a-date",
    ERROR_NOT_A_NUMBER = "error-not-a-number",
    ERROR_NOT_WHOLE_NUMBER = "error-not-whole-number",
    ERROR_NUMBER_TOO_LARGE = "error-number-too-large",
    ERROR_NUMBER_TOO_SMALL = "error-number-too-small",
    ERROR_PATTERN = "error-pattern",
    ERROR_PATTERN_DEFAULT = "error-pattern-default",
    ERROR_PHONE_COUNTRY_REQUIRED = "error-phone-country-required",
    ERROR_PHONE_INVALID = "error-phone-invalid",
    ERROR_PHONE_NOT_IN_COUNTRY = "error-phone-not-in-country",
    ERROR_PHONE_REQUIRED = "error-phone-required",
    ERROR_SERVER = "error-server",
    ERROR_SERVICE_REQUIRED = "error-service-required",
    ERROR_SEVERITY_CALL_ONLY = "error-severity-call-only",
    ERROR_SEVERITY_REQUIRED = "error-severity-required",
    ERROR_SUBJECT_REQUIRED = "error-subject-required",
    ERROR_SUMMARY_TITLE = "error-summary-title",
    ERROR_TOO_LONG = "error-too-long",
    ERROR_TOO_SHORT = "error-too-short",
    FILE_KIND_CSV = "file-kind-csv",
    FILE_KIND_GZIP = "file-kind-gzip",
    FILE_KIND_HAR = "file-kind-har",
    FILE_KIND_IMAGES = "file-kind-images",
    FILE_KIND_JSON = "file-kind-json",
    FILE_KIND_LOGS = "file-kind-logs",
    FILE_KIND_PDF = "file-kind-pdf",
    FILE_KIND_TEXT = "file-kind-text",
    FILE_KIND_ZIP = "file-kind-zip",
    HELP_LINKS_HEADING = "help-links-heading",
    LANGUAGE_LABEL = "language-label",
    LANGUAGE_NAME = "language-name",
    LIST_OR = "list-or",
    LIST_SEPARATOR = "list-separator",
    LOADING = "loading",
    NAME_LABEL = "name-label",
    ON_BEHALF_OF_LABEL = "on-behalf-of-label",
    ON_BEHALF_OF_OWN = "on-behalf-of-own",
    ON_BEHALF_OF_VISIBLE = "on-behalf-of-visible",
    ON_BEHALF_OF_VISIBLE_HINT = "on-behalf-of-visible-hint",
    OPTIONAL = "optional",
    PAGE_TITLE_ERROR = "page-title-error",
    PHONE_COUNTRY_LABEL = "phone-country-label",
    PHONE_EXTENSION_LABEL = "phone-extension-label",
    PHONE_NUMBER_HINT = "phone-number-hint",
    PHONE_NUMBER_LABEL = "phone-number-label",
    PROFILE_FAILED = "profile-failed",
    PROMPT_HEADING = "prompt-heading",
    REVIEW_ATTACHMENTS = "review-attachments",
    REVIEW_CASE_TYPE = "review-case-type",
    REVIEW_CATEGORY = "review-category",
    REVIEW_CC = "review-cc",
    REVIEW_CONTACT_LANGUAGE = "review-contact-language",
    REVIEW_CONTACT_METHOD = "review-contact-method",
    REVIEW_CUSTOMER_MAY_SEE = "review-customer-may-see",
    REVIEW_DESCRIPTION = "review-description",
    REVIEW_EMAIL = "review-email",
    REVIEW_HIDDEN_FROM_CUSTOMER = "review-hidden-from-customer",
    REVIEW_HINT = "review-hint",
    REVIEW_NAME = "review-name",
    REVIEW_NONE = "review-none",
    REVIEW_ON_BEHALF_OF = "review-on-behalf-of",
    REVIEW_PHONE = "review-phone",
    REVIEW_PHONE_EXTENSION = "review-phone-extension",
    REVIEW_SERVICE = "review-service",
    REVIEW_SEVERITY = "review-severity",
    REVIEW_SUBJECT = "review-subject",
    SERVICE_HINT = "service-hint",
    SERVICE_LABEL = "service-label",
    SEVERITY_BUSINESS_HOURS = "severity-business-hours",
    SEVERITY_BUSINESS_HOURS_ZONED = "severity-business-hours-zoned",
    SEVERITY_CALL_ONLY = "severity-call-only",
    SEVERITY_DEADLINE = "severity-deadline",
    SEVERITY_INITIAL_CONTACT = "severity-initial-contact",
    SEVERITY_LEGEND = "severity-legend",
    SEVERITY_RESPONSE = "severity-response",
    SEVERITY_WORKING_DAYS = "severity-working-days",
    SIZE_BYTES = "size-bytes",
    SIZE_EXACT = "size-exact",
    SIZE_KB = "size-kb",
    SIZE_MB = "size-mb",
    SOLVED_NOTICE = "solved-notice",
    SOLVE_CONFIRM = "solve-confirm",
    SOLVE_HEADING = "solve-heading",
    SOLVE_INTRO = "solve-intro",
    STEP_ATTACHMENTS = "step-attachments",
    STEP_CLASSIFICATION = "step-classification",
    STEP_CONTACT = "step-contact",
    STEP_DETAILS = "step-details",
    STEP_PROGRESS = "step-progress",
    STEP_REVIEW = "step-review",
    STORAGE_FILES_UNAVAILABLE = "storage-files-unavailable",
    STORAGE_UNAVAILABLE = "storage-unavailable",
    SUBJECT_HINT = "subject-hint",
    SUBJECT_LABEL = "subject-label",
    SUBMIT_BACKEND_SAID = "submit-backend-said",
    SUBMIT_CANCELLED = "submit-cancelled",
    SUBMIT_FAILED = "submit-failed",
    SUBMIT_FAILED_STATUS = "submit-failed-status",
    SUBMIT_KEPT = "submit-kept",
    SUBMIT_NETWORK = "submit-network",
    SUBMIT_REFUSED = "submit-refused",
    SUBMIT_REJECTED = "submit-rejected",
    SUBMIT_RETRYING = "submit-retrying",
    SUBMIT_SIGN_IN = "submit-sign-in",
    SUBMIT_SPAM_SUSPECTED = "submit-spam-suspected",
    SUBMIT_TOO_LARGE = "submit-too-large",
    SUGGEST_COUNT = "suggest-count",
    SUGGEST_HEADING = "suggest-heading",
    SUGGEST_NEW_TAB = "suggest-new-tab",
    TEXTS_FAILED = "texts-failed",
    TRAP_LABEL = "trap-label",
    UPLOAD_ANNOUNCE = "upload-announce",
    UPLOAD_HEADING = "upload-heading",
    UPLOAD_PROGRESS = "upload-progress",
    WEEKDAY = "weekday",
    WIDGET_TITLE = "widget-title",
}
