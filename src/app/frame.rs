//! The frame around the steps: title, language, notices, progress, the failure of the last
//! submission, the error summary, the form and its keyboard rules.

use case_core::msg;
use case_core::Step;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

use super::discard::DiscardDraft;
use super::language::LanguageSwitcher;
use crate::host::HostEvent;
use crate::i18n::{use_i18n, I18n};
use crate::prerender::Handover;
use crate::steps;
use crate::ui::{ErrorSummary, FieldErrors};
use crate::wizard::Wizard;

#[component]
pub fn WizardFrame(wizard: Wizard) -> impl IntoView {
    let i18n = use_i18n();
    provide_context(wizard);
    provide_context(FieldErrors(wizard.nav.errors.read_only()));
    if cfg!(feature = "suggestions") {
        wizard.keep_suggesting(i18n);
    }
    keep_page_title_on_errors(wizard, i18n);
    let root = NodeRef::<leptos::html::Div>::new();
    focus_heading_on_step_change(wizard, root);
    take_over_from_prerender(wizard, i18n);

    let done = move || wizard.submission.is_done();
    view! {
        <div class="cw-wizard" node_ref=root data-step=move || if done() { "done" } else if wizard.nav.solving.get() { "solve-now" } else { wizard.nav.step.get().id() }>
            <header class="cw-header">
                <h1 class="cw-title">{move || i18n.t(msg::WIDGET_TITLE)}</h1>
                <LanguageSwitcher />
            </header>
            {move || wizard.notes.notice.get().map(|id| view! { <p class="cw-notice" role="status">{i18n.t(id)}</p> })}
            {move || wizard.notes.storage_note.get().map(|id| view! { <p class="cw-notice cw-notice-storage" role="status">{i18n.t(id)}</p> })}
            <Show when=done fallback=move || view! {
                {step_progress(wizard, i18n)}
                {last_failure(wizard, i18n)}
                <ErrorSummary />
                {step_form(wizard, i18n)}
                <DiscardDraft />
            }>
                <steps::Confirmation />
            </Show>
        </div>
    }
}

/// GOV.UK's pattern: while a step shows errors, the page title starts with "Error:".
fn keep_page_title_on_errors(wizard: Wizard, i18n: I18n) {
    let page_title = web_sys::window()
        .and_then(|w| w.document())
        .map(|d| d.title())
        .unwrap_or_default();
    Effect::new(move |_| {
        let has_errors = !wizard.nav.errors.with(Vec::is_empty);
        let title = if has_errors {
            i18n.ta(
                msg::PAGE_TITLE_ERROR,
                &[("title", page_title.as_str().into())],
            )
        } else {
            page_title.clone()
        };
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            if document.title() != title {
                document.set_title(&title);
            }
        }
    });
}

/// Focuses the new step's heading on every step change, not on first render.
fn focus_heading_on_step_change(wizard: Wizard, root: NodeRef<leptos::html::Div>) {
    Effect::new(move |previous: Option<(Step, bool, bool)>| {
        let current = (
            wizard.nav.step.get(),
            wizard.submission.is_done(),
            wizard.nav.solving.get(),
        );
        if previous.is_some_and(|p| p != current) {
            request_animation_frame(move || {
                let heading = root
                    .get_untracked()
                    .and_then(|r| r.query_selector("[data-step-heading]").ok().flatten())
                    .and_then(|h| h.dyn_into::<HtmlElement>().ok());
                if let Some(heading) = heading {
                    let _ = heading.focus();
                }
            });
        }
        current
    });
}

/// Effects run after the first render, this one last (so it is made last): the first step is
/// on screen and usable, in place of a prerendered one, carrying on from what the customer did
/// there.
fn take_over_from_prerender(wizard: Wizard, i18n: I18n) {
    let handover = expect_context::<Handover>();
    Effect::new(move |_| {
        untrack(|| {
            if let Some(early) = handover.take_over() {
                wizard.carry_on(early, i18n);
            }
        });
        tell_catalog_warnings(wizard, i18n);
        wizard.tell_page(HostEvent::Ready);
    });
}

/// The catalog's warnings, for its author: the page hears them before `case-ready`.
fn tell_catalog_warnings(wizard: Wizard, i18n: I18n) {
    let lines: Vec<String> = wizard.with_catalog(|c| {
        c.warnings()
            .iter()
            .map(|p| i18n.catalog_problem(p))
            .collect()
    });
    if !lines.is_empty() {
        wizard.tell_page(HostEvent::CatalogWarnings { lines });
    }
}

/// "Step 2 of 7".
fn step_progress(wizard: Wizard, i18n: I18n) -> impl IntoView {
    let progress = move || {
        let step = wizard.nav.step.get();
        i18n.ta(
            msg::STEP_PROGRESS,
            &[
                ("current", step.number().into()),
                ("total", Step::ALL.len().into()),
            ],
        )
    };
    view! { <p class="cw-progress" aria-live="polite">{progress}</p> }
}

/// Why the last submission failed, with what the backend said and its status.
fn last_failure(wizard: Wizard, i18n: I18n) -> impl IntoView {
    move || {
        wizard.submission.failure.get().map(|f| view! {
        <div class="cw-failure" role="alert">
            <p>{i18n.t(f.message)}</p>
            {f.said.map(|said| view! { <p class="cw-hint cw-failure-said">{i18n.ta(msg::SUBMIT_BACKEND_SAID, &[("message", said.into())])}</p> })}
            {f.status.map(|s| view! { <p class="cw-hint">{i18n.ta(msg::SUBMIT_FAILED_STATUS, &[("status", u32::from(s).into())])}</p> })}
        </div>
    })
    }
}

/// The form: the bots' field and the current step; Enter goes on, or sends from the review.
fn step_form(wizard: Wizard, i18n: I18n) -> impl IntoView {
    let on_submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        if wizard.nav.step.get_untracked() == Step::Review {
            wizard.submit(i18n.lang());
        } else {
            wizard.next();
        }
    };
    // Enter that commits an input method's composition (Japanese, Korean, Chinese) is not a submit.
    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        if ev.key() == "Enter" && (ev.is_composing() || ev.key_code() == 229) {
            ev.prevent_default();
        }
    };
    view! {
        <form class="cw-form" novalidate on:submit=on_submit on:keydown=on_keydown>
            // People never see or hear this field; bots fill it in and the server refuses them.
            <div class="cw-trap" aria-hidden="true">
                <label for="cw-website">{move || i18n.t(msg::TRAP_LABEL)}</label>
                <input id="cw-website" name="website" type="text" tabindex="-1" autocomplete="off"
                    prop:value=move || wizard.proof.trap.get()
                    on:input=move |ev| wizard.proof.trap.set(event_target_value(&ev)) />
            </div>
            {move || current_step(wizard)}
        </form>
    }
}

/// The step on screen, or the answers that may solve the problem at once.
fn current_step(wizard: Wizard) -> AnyView {
    match wizard.nav.step.get() {
        _ if cfg!(feature = "suggestions") && wizard.nav.solving.get() => {
            view! { <steps::SolveNow /> }.into_any()
        }
        Step::CaseType => view! { <steps::CaseTypeStep /> }.into_any(),
        Step::Classification => view! { <steps::ClassificationStep /> }.into_any(),
        Step::Severity => view! { <steps::SeverityStep /> }.into_any(),
        Step::Details => view! { <steps::DetailsStep /> }.into_any(),
        Step::Attachments => view! { <steps::AttachmentsStep /> }.into_any(),
        Step::Contact => view! { <steps::ContactStep /> }.into_any(),
        Step::Review => view! { <steps::ReviewStep /> }.into_any(),
    }
}
