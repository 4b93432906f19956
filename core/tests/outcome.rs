mod common;

use case_core::msg::{self, MessageId};
use case_core::outcome::{
    upload_retry_in_ms, Failure, Reply, SubmitError, Told, MAX_ATTEMPTS, UPLOAD_ATTEMPTS,
};
use case_core::profile::Profile;
use case_core::wire::{ErrorBody, FieldProblem};
use case_core::Step;
use common::profile;
use serde_json::{json, Value};

fn reply(status: u16, text: &str) -> Reply {
    Reply::new(status, text.into(), || None)
}

/// What the widget makes of an answer from the reference server.
fn read(status: u16, body: Value) -> Result<(Value, u16), SubmitError> {
    reply(status, &body.to_string()).read(&Profile::reference(false))
}

fn failure(message: MessageId, status: Option<u16>) -> Failure {
    Failure {
        message,
        status,
        said: None,
    }
}

/// Told only this, with no step to go back to.
fn alone(failure: Failure) -> Told {
    Told {
        failure,
        back_to: None,
    }
}

/// A refusal quoting the backend's words.
fn refused_saying(said: &str, status: u16) -> Failure {
    Failure {
        said: Some(said.into()),
        ..failure(msg::SUBMIT_REFUSED, Some(status))
    }
}

/// What the customer is told after an answer from the reference server.
fn told(status: u16, body: Value) -> Told {
    read(status, body).unwrap_err().told()
}

fn refusal(error: &str, fields: Value) -> Value {
    json!({ "error": error, "message": "refused", "fields": fields })
}

/// The fields and codes of the errors shown where the customer is taken back to.
fn shown(told: &Told) -> Option<(Step, Vec<(String, &str)>)> {
    let (step, errors) = told.back_to.as_ref()?;
    Some((
        *step,
        errors
            .iter()
            .map(|e| (e.field.id().into_owned(), e.code.as_str()))
            .collect(),
    ))
}

#[test]
fn a_2xx_with_json_is_the_backends_answer() {
    let created = json!({ "id": "CASE-20261124-00042" });
    assert_eq!(read(201, created.clone()), Ok((created.clone(), 201)));
    assert_eq!(read(200, created.clone()), Ok((created, 200)));
}

#[test]
fn a_2xx_without_json_is_refused_with_its_status() {
    let profile = Profile::reference(false);
    for (status, text) in [(200, ""), (201, "Created"), (204, "")] {
        let error = reply(status, text).read(&profile).unwrap_err();
        assert_eq!(error, SubmitError::unexpected(status));
        assert_eq!(
            error.told(),
            alone(failure(msg::SUBMIT_REFUSED, Some(status)))
        );
    }
}

#[test]
fn a_401_asks_the_customer_to_sign_in_again() {
    let error = read(401, json!({ "message": "expired" })).unwrap_err();
    assert_eq!(error, SubmitError::SignIn(Some(401)));
    assert_eq!(error.next_try_in_ms(1), None);
    assert_eq!(
        error.told().failure,
        failure(msg::SUBMIT_SIGN_IN, Some(401))
    );
}

#[test]
fn sign_in_headers_the_page_cannot_give_ask_to_sign_in_without_a_status() {
    assert_eq!(
        SubmitError::SignIn(None).told().failure,
        failure(msg::SUBMIT_SIGN_IN, None)
    );
}

#[test]
fn a_413_says_a_file_is_too_large_and_takes_the_customer_to_it() {
    let fields = json!([{
        "field": "attachments",
        "code": "error-attachment-over-server-limit",
        "args": { "name": { "text": "big.bin" }, "max": { "bytes": 5242880 } }
    }]);
    let told = told(413, refusal("too-large", fields));
    assert_eq!(told.failure, failure(msg::SUBMIT_TOO_LARGE, Some(413)));
    assert_eq!(
        shown(&told),
        Some((
            Step::Attachments,
            vec![("attachments".into(), "error-attachment-over-server-limit")]
        ))
    );
    let (_, errors) = told.back_to.unwrap();
    assert_eq!(errors[0].args[0], ("name", "big.bin".into()));
}

#[test]
fn a_413_without_a_body_says_a_file_is_too_large() {
    let error = reply(413, "<html>Request Entity Too Large</html>")
        .read(&Profile::reference(false))
        .unwrap_err();
    assert_eq!(
        error.told(),
        alone(failure(msg::SUBMIT_TOO_LARGE, Some(413)))
    );
}

#[test]
fn a_422_with_field_errors_takes_the_customer_to_the_step_of_the_first() {
    let fields = json!([
        { "field": "email", "code": "error-email-invalid" },
        { "field": "subject", "code": "error-subject-required" },
        { "field": "cc", "code": "error-cc-unheard-of" }
    ]);
    let told = told(422, refusal("validation", fields));
    assert_eq!(told.failure, failure(msg::SUBMIT_REJECTED, Some(422)));
    assert_eq!(
        shown(&told),
        Some((
            Step::Contact,
            vec![
                ("email".into(), "error-email-invalid"),
                ("cc".into(), "error-server")
            ]
        )),
        "only the first step's errors; a code the widget does not know is shown as the server's"
    );
}

#[test]
fn a_4xx_whose_body_names_no_fields_is_a_refusal() {
    let told = told(422, refusal("validation", json!([])));
    assert_eq!(told, alone(refused_saying("refused", 422)));
}

#[test]
fn a_case_suspected_of_spam_is_told_so_without_a_status() {
    for status in [422, 413] {
        let told = told(
            status,
            json!({ "error": "spam-suspected", "message": "filled in 40 ms" }),
        );
        assert_eq!(
            told,
            alone(failure(msg::SUBMIT_SPAM_SUSPECTED, None)),
            "{status}"
        );
    }
}

#[test]
fn a_409_is_refused_in_the_backends_own_words() {
    let zendesk = profile("zendesk");
    let body = json!({ "error": "RecordInvalid", "description": "Requester is suspended" });
    let error = reply(409, &body.to_string()).read(&zendesk).unwrap_err();
    assert_eq!(error.next_try_in_ms(1), None, "not tried again");
    assert_eq!(
        error.told(),
        alone(refused_saying("Requester is suspended", 409))
    );
}

#[test]
fn a_409_in_words_the_profile_does_not_read_is_refused_without_them() {
    let error = reply(409, "Conflict")
        .read(&Profile::reference(false))
        .unwrap_err();
    assert_eq!(
        error,
        SubmitError::Status {
            status: 409,
            body: None,
            said: None
        }
    );
}

#[test]
fn a_429_is_tried_again_when_retry_after_says() {
    let answer = Reply::new(429, String::new(), || Some(" 7 ".into()));
    assert_eq!(answer.retry_after, Some(7));
    let error = answer.read(&Profile::reference(false)).unwrap_err();
    assert_eq!(
        error,
        SubmitError::Unavailable {
            status: 429,
            retry_after: Some(7)
        }
    );
    assert_eq!(error.next_try_in_ms(1), Some(7000));
    assert_eq!(error.next_try_in_ms(3), Some(7000));
    assert_eq!(error.told().failure, failure(msg::SUBMIT_FAILED, Some(429)));
}

#[test]
fn a_429_without_retry_after_backs_off_as_after_a_network_error() {
    for header in [
        None,
        Some("Wed, 21 Oct 2026 07:28:00 GMT".to_owned()),
        Some("soon".into()),
    ] {
        let answer = Reply::new(429, String::new(), || header.clone());
        assert_eq!(answer.retry_after, None, "{header:?}");
        let error = answer.read(&Profile::reference(false)).unwrap_err();
        assert_eq!(
            [1, 2, 3].map(|attempt| error.next_try_in_ms(attempt)),
            [Some(1000), Some(2000), Some(4000)]
        );
    }
}

#[test]
fn a_503_is_tried_again_and_told_as_a_failure_with_its_status() {
    let error = read(503, json!({ "error": "storage" })).unwrap_err();
    assert_eq!(
        error,
        SubmitError::Unavailable {
            status: 503,
            retry_after: None
        }
    );
    assert_eq!(error.next_try_in_ms(1), Some(1000));
    assert_eq!(error.told().failure, failure(msg::SUBMIT_FAILED, Some(503)));
}

#[test]
fn retry_after_is_read_only_from_an_answer_worth_trying_again() {
    for status in [200, 201, 401, 409, 413, 422] {
        let answer = Reply::new(status, String::new(), || panic!("read for {status}"));
        assert_eq!(answer.retry_after, None);
    }
    for status in [429, 500, 502, 503, 504] {
        assert_eq!(
            Reply::new(status, String::new(), || Some("3".into())).retry_after,
            Some(3)
        );
    }
}

#[test]
fn a_network_error_backs_off_1_2_and_4_seconds() {
    let error = SubmitError::Network;
    assert_eq!(
        [1, 2, 3].map(|attempt| error.retry_in_ms(attempt)),
        [Some(1000), Some(2000), Some(4000)]
    );
    assert_eq!(error.told().failure, failure(msg::SUBMIT_NETWORK, None));
}

#[test]
fn retry_after_is_waited_for_at_most_30_seconds() {
    for seconds in [30, 31, 120, u32::MAX] {
        let error = SubmitError::Unavailable {
            status: 503,
            retry_after: Some(seconds),
        };
        assert_eq!(error.retry_in_ms(1), Some(30_000), "{seconds}");
    }
    let error = SubmitError::Unavailable {
        status: 503,
        retry_after: Some(0),
    };
    assert_eq!(error.retry_in_ms(1), Some(0), "at once, as asked");
}

#[test]
fn a_submission_is_not_tried_again_after_its_last_try() {
    assert_eq!(MAX_ATTEMPTS, 4);
    let unavailable = SubmitError::Unavailable {
        status: 503,
        retry_after: Some(2),
    };
    for error in [SubmitError::Network, unavailable] {
        assert!(error.next_try_in_ms(MAX_ATTEMPTS - 1).is_some());
        assert_eq!(error.next_try_in_ms(MAX_ATTEMPTS), None);
        assert_eq!(error.next_try_in_ms(MAX_ATTEMPTS + 1), None);
    }
}

#[test]
fn what_the_customer_chose_is_not_tried_again() {
    for (error, message) in [
        (SubmitError::Cancelled, msg::SUBMIT_CANCELLED),
        (SubmitError::KeptForLater, msg::SUBMIT_KEPT),
    ] {
        assert_eq!(error.retry_in_ms(1), None);
        assert_eq!(error.told(), alone(failure(message, None)));
    }
}

#[test]
fn an_upload_is_sent_again_after_a_network_error_or_a_5xx_up_to_three_tries() {
    assert_eq!(UPLOAD_ATTEMPTS, 3);
    for result in [
        Err(SubmitError::Network),
        Ok(reply(500, "")),
        Ok(reply(503, "")),
    ] {
        assert_eq!(
            [1, 2, 3].map(|attempt| upload_retry_in_ms(&result, attempt)),
            [Some(500), Some(1000), None]
        );
    }
}

#[test]
fn an_upload_is_not_sent_again_after_any_other_answer() {
    for result in [
        Ok(reply(201, "{}")),
        Ok(reply(413, "")),
        Ok(reply(422, "")),
        Ok(reply(429, "")),
        Ok(reply(401, "")),
        Err(SubmitError::Cancelled),
        Err(SubmitError::SignIn(None)),
    ] {
        assert_eq!(upload_retry_in_ms(&result, 1), None, "{result:?}");
    }
}

#[test]
fn a_field_error_from_a_413_keeps_its_arguments_as_the_body_gave_them() {
    let body = ErrorBody {
        error: "too-large".into(),
        message: String::new(),
        fields: vec![FieldProblem {
            field: "attachments".into(),
            code: "error-attachment-too-large".into(),
            args: Default::default(),
        }],
    };
    let told = SubmitError::Status {
        status: 413,
        body: Some(body),
        said: None,
    }
    .told();
    assert_eq!(
        shown(&told),
        Some((
            Step::Attachments,
            vec![("attachments".into(), "error-server")]
        )),
        "a known code without its arguments is shown as the server's"
    );
}
