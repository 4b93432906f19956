use case_core::Field;
use leptos::prelude::*;

use super::nav::StepNav;
use super::suggestions::Suggestions;
use crate::i18n::use_i18n;
use crate::ui::{InputKind, StepHeading, TextField};
use crate::wizard::Wizard;
use case_core::msg;

#[component]
pub fn DetailsStep() -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let i18n = use_i18n();
    let limits = wizard.with_catalog(|c| c.limits.clone());
    let (subject, set_subject) = bind!(wizard, subject);
    let (description, set_description) = bind!(wizard, description);
    // The category's prompt, where it has one, says what to write.
    let prompt = Signal::derive(move || {
        let prompt = wizard.draft.answers.with(|a| {
            wizard.with_catalog(|c| {
                c.category(&a.service, &a.category)
                    .and_then(|c| c.prompt.clone())
            })
        });
        match prompt {
            Some(p) => format!("{} {}", i18n.t(msg::PROMPT_HEADING), i18n.text(&p)),
            None => i18n.t(msg::DESCRIPTION_HINT),
        }
    });
    view! {
        <StepHeading text=move || i18n.t(msg::STEP_DETAILS) />
        <TextField
            field=Field::Subject
            label=move || i18n.t(msg::SUBJECT_LABEL)
            hint=move || i18n.t(msg::SUBJECT_HINT)
            value=subject
            on_input=set_subject
            max_chars=limits.subject_max
        />
        <TextField
            field=Field::Description
            label=move || i18n.t(msg::DESCRIPTION_LABEL)
            hint=prompt
            value=description
            on_input=set_description
            kind=InputKind::Multiline
            max_chars=limits.description_max
        />
        <Suggestions />
        <StepNav />
    }
}
