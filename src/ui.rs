//! Pieces every step uses: labelled fields with hint and error, radio groups, selects, the error
//! summary and the step's navigation. They follow the GOV.UK question-page pattern.

use case_core::msg;
use case_core::{Field, FieldError};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::use_i18n;

/// The errors of the last "Continue", which every control reads for its own field. Whoever owns
/// them provides this context; the controls never know what a wizard is.
#[derive(Clone, Copy)]
pub struct FieldErrors(pub ReadSignal<Vec<FieldError>>);

impl FieldErrors {
    /// The error shown at `field`, if any.
    pub fn of(&self, field: &Field) -> Option<FieldError> {
        self.0
            .with(|errors| errors.iter().find(|e| e.field == *field).cloned())
    }
}

fn use_field_errors() -> FieldErrors {
    expect_context::<FieldErrors>()
}

pub fn hint_id(field: &str) -> String {
    format!("{field}-hint")
}

pub fn error_id(field: &str) -> String {
    format!("{field}-error")
}

/// `aria-describedby` for a field: its hint and, while it has one, its error.
pub fn described_by(
    field: Field,
    has_hint: bool,
    errors: FieldErrors,
) -> impl Fn() -> Option<String> + Send + Sync {
    let id = field.id().into_owned();
    move || {
        let mut ids = Vec::new();
        if has_hint {
            ids.push(hint_id(&id));
        }
        if errors.of(&field).is_some() {
            ids.push(error_id(&id));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// Whether `field` shows an error, and its `aria-invalid` value.
fn error_state(
    errors: FieldErrors,
    field: &Field,
) -> (
    impl Fn() -> bool + Clone + Send + Sync + 'static,
    impl Fn() -> Option<&'static str> + Send + Sync + 'static,
) {
    let field = field.clone();
    let has_error = move || errors.of(&field).is_some();
    let invalid = {
        let has_error = has_error.clone();
        move || has_error().then_some("true")
    };
    (has_error, invalid)
}

/// Moves focus to the first control of `field` inside the widget.
pub fn focus_field(anchor: &web_sys::Element, field: &str) {
    let Some(root) = anchor
        .get_root_node()
        .dyn_into::<web_sys::DocumentFragment>()
        .ok()
    else {
        return;
    };
    let selector = format!("[data-field=\"{field}\"]");
    if let Ok(Some(el)) = root.query_selector(&selector) {
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }
}

#[component]
pub fn ErrorMessage(field: Field) -> impl IntoView {
    let errors = use_field_errors();
    let i18n = use_i18n();
    let id = error_id(&field.id());
    move || {
        errors.of(&field).map(|e| {
            view! {
                <p class="cw-error-message" id=id.clone()>
                    <span class="cw-visually-hidden">{i18n.t(msg::ERROR_SUMMARY_TITLE)}": "</span>
                    {i18n.error(&e)}
                </p>
            }
        })
    }
}

#[component]
pub fn Hint(field: String, #[prop(into)] text: Signal<String>) -> impl IntoView {
    view! { <p class="cw-hint" id=hint_id(&field)>{text}</p> }
}

/// A label with "(optional)" where the answer is not required.
#[component]
pub fn Label(
    field: String,
    #[prop(into)] text: Signal<String>,
    #[prop(optional)] optional: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <label class="cw-label" for=field>
            {text}
            {optional.then(|| view! { " " <span class="cw-optional">{move || i18n.t(msg::OPTIONAL)}</span> })}
        </label>
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    Text,
    Email,
    Tel,
    Number,
    Date,
    Multiline,
}

#[component]
pub fn TextField(
    field: Field,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] value: Signal<String>,
    on_input: Callback<String>,
    #[prop(optional)] hint: Option<Signal<String>>,
    #[prop(optional)] optional: bool,
    #[prop(default = InputKind::Text)] kind: InputKind,
    #[prop(optional)] autocomplete: &'static str,
    /// Shows a live count of characters left against this limit.
    #[prop(optional)]
    max_chars: Option<usize>,
    /// Supplied by the host page: shown, sent, not editable.
    #[prop(optional)]
    readonly: bool,
) -> impl IntoView {
    let errors = use_field_errors();
    let i18n = use_i18n();
    let (has_error, invalid) = error_state(errors, &field);
    let describedby = described_by(field.clone(), hint.is_some(), errors);
    let (field, id) = (field.clone(), field.id().into_owned());
    let input = move |ev: web_sys::Event| on_input.run(event_target_value(&ev));
    let autocomplete = (!autocomplete.is_empty()).then_some(autocomplete);
    let control = if kind == InputKind::Multiline {
        view! {
            <textarea
                id=id.clone()
                data-field=id.clone()
                class="cw-textarea"
                rows="8"
                prop:value=value
                on:input=input
                aria-describedby=describedby
                aria-invalid=invalid
            ></textarea>
        }
        .into_any()
    } else {
        let (input_type, mode) = match kind {
            InputKind::Email => ("email", None),
            InputKind::Tel => ("tel", Some("tel")),
            InputKind::Number => ("text", Some("decimal")),
            InputKind::Date => ("date", None),
            _ => ("text", None),
        };
        view! {
            <input
                id=id.clone()
                data-field=id.clone()
                class="cw-input"
                type=input_type
                inputmode=mode
                autocomplete=autocomplete
                spellcheck=(kind == InputKind::Email).then_some("false")
                readonly=readonly
                prop:value=value
                on:input=input
                aria-describedby=describedby
                aria-invalid=invalid
            />
        }
        .into_any()
    };
    let counter = max_chars.map(|max| {
        move || {
            let used = value.with(|v| v.chars().count());
            if used > max {
                i18n.ta(msg::CHARS_OVER, &[("n", (used - max).into())])
            } else {
                i18n.ta(msg::CHARS_LEFT, &[("n", (max - used).into())])
            }
        }
    });
    view! {
        <div class="cw-field" class:cw-field-error=has_error>
            <Label field=id.clone() text=label optional=optional />
            {hint.map(|text| view! { <Hint field=id.clone() text=text /> })}
            <ErrorMessage field=field.clone() />
            {control}
            {counter.map(|c| view! { <p class="cw-counter" aria-live="polite">{c}</p> })}
        </div>
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    pub id: String,
    pub label: String,
    pub hint: Option<String>,
    pub disabled: bool,
    /// A link shown after the hint, as (label, URL): e.g. how to get a choice that is disabled.
    pub link: Option<(String, String)>,
}

/// An action asked about before it is taken: its button, then in its place the question with
/// "yes" and "no". `action` names the buttons for tests and scripts: `{action}`,
/// `{action}-yes`, `{action}-no`.
#[component]
pub fn Confirmed(
    action: &'static str,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] question: Signal<String>,
    #[prop(into)] yes: Signal<String>,
    #[prop(into)] no: Signal<String>,
    on_yes: Callback<()>,
    /// The first button looks like a link rather than a button.
    #[prop(optional)]
    as_link: bool,
) -> impl IntoView {
    let confirming = RwSignal::new(false);
    let question_id = format!("cw-{action}-question");
    let class = if as_link {
        "cw-link-button"
    } else {
        "cw-button cw-button-secondary"
    };
    view! {
        <Show
            when=move || confirming.get()
            fallback=move || view! {
                <button type="button" class=class data-action=action on:click=move |_| confirming.set(true)>
                    {label}
                </button>
            }
        >
            <div class="cw-discard-confirm" role="alertdialog" aria-labelledby=question_id.clone()>
                <p id=question_id.clone()>{question}</p>
                <button type="button" class="cw-button cw-button-warning" data-action=format!("{action}-yes") on:click=move |_| { confirming.set(false); on_yes.run(()); }>
                    {yes}
                </button>
                <button type="button" class="cw-button cw-button-secondary" data-action=format!("{action}-no") on:click=move |_| confirming.set(false)>
                    {no}
                </button>
            </div>
        </Show>
    }
}

/// One checkbox with its label and hint, in the radios' layout.
#[component]
pub fn Checkbox(
    id: &'static str,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] hint: Signal<String>,
    #[prop(into)] checked: Signal<bool>,
    on_change: Callback<bool>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    view! {
        <div class="cw-field cw-radio">
            <input
                type="checkbox"
                class="cw-radio-input"
                id=id
                prop:checked=checked
                aria-describedby=hint_id.clone()
                on:change=move |ev| on_change.run(event_target_checked(&ev))
            />
            <label class="cw-radio-label" for=id>{label}</label>
            <p class="cw-hint cw-radio-hint" id=hint_id>{hint}</p>
        </div>
    }
}

/// A real radio group: a fieldset with a legend, each radio with its label and hint.
#[component]
pub fn RadioGroup(
    field: Field,
    #[prop(into)] legend: Signal<String>,
    #[prop(into)] choices: Signal<Vec<Choice>>,
    #[prop(into)] value: Signal<String>,
    on_change: Callback<String>,
    #[prop(optional)] heading: bool,
) -> impl IntoView {
    let errors = use_field_errors();
    let (has_error, _) = error_state(errors, &field);
    let describedby = described_by(field.clone(), false, errors);
    let id = field.id().into_owned();
    let legend_view = if heading {
        view! { <legend class="cw-legend cw-legend-heading"><h2 class="cw-heading" tabindex="-1" data-step-heading>{legend}</h2></legend> }.into_any()
    } else {
        view! { <legend class="cw-legend">{legend}</legend> }.into_any()
    };
    let name = id;
    view! {
        <div class="cw-field" class:cw-field-error=has_error>
            <fieldset class="cw-fieldset" aria-describedby=describedby>
                {legend_view}
                <ErrorMessage field=field.clone() />
                <div class="cw-radios">
                    {move || {
                        let first_enabled = choices.with(|c| c.iter().position(|c| !c.disabled));
                        choices
                            .get()
                            .into_iter()
                            .enumerate()
                            .map(|(i, choice)| {
                                let id = format!("{}-{}", name, choice.id);
                                let hint_id = format!("{id}-hint");
                                let checked = {
                                    let choice_id = choice.id.clone();
                                    move || value.with(|v| *v == choice_id)
                                };
                                let pick = choice.id.clone();
                                view! {
                                    <div class="cw-radio" class:cw-radio-disabled=choice.disabled>
                                        <input
                                            type="radio"
                                            class="cw-radio-input"
                                            id=id.clone()
                                            name=name.clone()
                                            value=choice.id.clone()
                                            data-field=(Some(i) == first_enabled).then(|| name.clone())
                                            disabled=choice.disabled
                                            prop:checked=checked
                                            aria-describedby=choice.hint.is_some().then(|| hint_id.clone())
                                            on:change=move |_| on_change.run(pick.clone())
                                        />
                                        <label class="cw-radio-label" for=id>{choice.label.clone()}</label>
                                        {choice.hint.clone().map(|h| view! { <p class="cw-hint cw-radio-hint" id=hint_id>{h}</p> })}
                                        {choice.link.clone().map(|(label, url)| view! {
                                            <p class="cw-hint cw-radio-hint"><a href=url target="_blank" rel="noopener noreferrer">{label}</a></p>
                                        })}
                                    </div>
                                }
                            })
                            .collect_view()
                    }}
                </div>
            </fieldset>
        </div>
    }
}

#[component]
pub fn Select(
    field: Field,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] choices: Signal<Vec<Choice>>,
    #[prop(into)] value: Signal<String>,
    on_change: Callback<String>,
    #[prop(optional)] hint: Option<Signal<String>>,
    #[prop(optional)] optional: bool,
    #[prop(optional)] autocomplete: &'static str,
    /// What choosing nothing is called, where it is an answer; "Choose…" otherwise.
    #[prop(optional)]
    empty_label: Option<Signal<String>>,
    /// Locked by the host page: shown, sent, not changeable.
    #[prop(optional)]
    disabled: bool,
) -> impl IntoView {
    let errors = use_field_errors();
    let i18n = use_i18n();
    let (has_error, invalid) = error_state(errors, &field);
    let describedby = described_by(field.clone(), hint.is_some(), errors);
    let (field, id) = (field.clone(), field.id().into_owned());
    let autocomplete = (!autocomplete.is_empty()).then_some(autocomplete);
    view! {
        <div class="cw-field" class:cw-field-error=has_error>
            <Label field=id.clone() text=label optional=optional />
            {hint.map(|text| view! { <Hint field=id.clone() text=text /> })}
            <ErrorMessage field=field.clone() />
            <select
                id=id.clone()
                data-field=id.clone()
                class="cw-select"
                autocomplete=autocomplete
                aria-describedby=describedby
                aria-invalid=invalid
                disabled=disabled
                on:change=move |ev| on_change.run(event_target_value(&ev))
            >
                <option value="" selected=move || value.with(String::is_empty)>
                    {move || empty_label.map_or_else(|| i18n.t(msg::CHOOSE_OPTION), |l| l.get())}
                </option>
                {move || {
                    choices
                        .get()
                        .into_iter()
                        .map(|c| {
                            let id = c.id.clone();
                            view! {
                                <option value=c.id.clone() selected=move || value.with(|v| *v == id)>{c.label}</option>
                            }
                        })
                        .collect_view()
                }}
            </select>
        </div>
    }
}

/// GOV.UK's error summary: every error of the step, each a link that focuses its field.
#[component]
pub fn ErrorSummary() -> impl IntoView {
    let errors = use_field_errors();
    let i18n = use_i18n();
    let summary = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if !errors.0.with(Vec::is_empty) {
            request_animation_frame(move || {
                if let Some(el) = summary.get_untracked() {
                    let _ = el.focus();
                }
            });
        }
    });
    move || {
        let errors: Vec<FieldError> = errors.0.get();
        (!errors.is_empty()).then(|| {
            view! {
                <div class="cw-error-summary" role="alert" tabindex="-1" node_ref=summary>
                    <h2 class="cw-error-summary-title">{i18n.t(msg::ERROR_SUMMARY_TITLE)}</h2>
                    <ul class="cw-error-summary-list">
                        {errors
                            .into_iter()
                            .map(|e| {
                                let field = e.field.id().into_owned();
                                view! {
                                    <li>
                                        <a
                                            href=format!("#{}", e.field)
                                            on:click=move |ev| {
                                                ev.prevent_default();
                                                if let Some(el) = summary.get_untracked() {
                                                    focus_field(&el, &field);
                                                }
                                            }
                                        >
                                            {i18n.error(&e)}
                                        </a>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </div>
            }
        })
    }
}

/// The heading every step starts with; focus moves here on each step change.
#[component]
pub fn StepHeading(#[prop(into)] text: Signal<String>) -> impl IntoView {
    view! { <h2 class="cw-heading" tabindex="-1" data-step-heading>{text}</h2> }
}
