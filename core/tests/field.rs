use case_core::wire::FieldProblem;
use case_core::{Field, Step};

/// Every field with its id and the step that asks it.
fn every_field() -> Vec<(Field, &'static str, Step)> {
    vec![
        (Field::CaseType, "case_type", Step::CaseType),
        (Field::Service, "service", Step::Classification),
        (Field::Category, "category", Step::Classification),
        (
            Field::Extra("region".into()),
            "field.region",
            Step::Classification,
        ),
        (Field::Severity, "severity", Step::Severity),
        (Field::Subject, "subject", Step::Details),
        (Field::Description, "description", Step::Details),
        (Field::Attachments, "attachments", Step::Attachments),
        (Field::Name, "name", Step::Contact),
        (Field::Email, "email", Step::Contact),
        (Field::ContactMethod, "contact_method", Step::Contact),
        (Field::ContactLanguage, "contact_language", Step::Contact),
        (Field::PhoneCountry, "phone_country", Step::Contact),
        (Field::PhoneNumber, "phone_number", Step::Contact),
        (Field::PhoneExtension, "phone_extension", Step::Contact),
        (Field::Cc, "cc", Step::Contact),
    ]
}

#[test]
fn every_field_has_its_id_and_is_parsed_back_from_it() {
    for (field, id, _) in every_field() {
        assert_eq!(field.id(), id);
        assert_eq!(field.to_string(), id);
        assert_eq!(Field::parse(id), Some(field));
    }
}

#[test]
fn every_field_belongs_to_the_step_that_asks_it() {
    for (field, id, step) in every_field() {
        assert_eq!(field.step(), step, "{id}");
        assert_eq!(Field::parse(id).map(|f| f.step()), Some(step), "{id}");
    }
}

#[test]
fn ids_of_no_field_are_not_parsed_and_a_problem_about_one_is_shown_at_no_field() {
    for id in ["catalog", "plan", "case", "", "Subject", "field"] {
        assert_eq!(Field::parse(id), None, "{id}");
        let problem = FieldProblem {
            field: id.into(),
            code: "error-choice-unknown".into(),
            args: Default::default(),
        };
        assert_eq!(problem.to_field_error(), None, "{id}");
    }
}

#[test]
fn an_extra_field_keeps_its_catalog_id_as_written() {
    let odd = Field::parse("field.Instance ID.2").unwrap();
    assert_eq!(odd, Field::Extra("Instance ID.2".into()));
    assert_eq!(odd.id(), "field.Instance ID.2");
    assert_eq!(Field::parse("field."), Some(Field::Extra(String::new())));
    assert_eq!(
        Field::parse("field.").map(|f| f.step()),
        Some(Step::Classification)
    );
}

#[test]
fn a_field_is_written_as_its_id_in_json() {
    for (field, id, _) in every_field() {
        let json = serde_json::to_value(&field).unwrap();
        assert_eq!(json, serde_json::json!(id));
        assert_eq!(serde_json::from_value::<Field>(json).unwrap(), field);
    }
    assert!(serde_json::from_str::<Field>("\"plan\"").is_err());
    assert!(serde_json::from_str::<Field>("3").is_err());
}
