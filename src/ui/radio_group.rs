use case_core::Field;
use leptos::prelude::*;

use super::choice::Choice;
use super::error_message::ErrorMessage;
use super::field_frame::{hint_id, FieldWiring};

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
    // The legend names the group; only the error describes it.
    let wiring = FieldWiring::new(field, None);
    let (has_error, describedby) = (wiring.has_error(), wiring.described_by());
    let FieldWiring {
        field, id: name, ..
    } = wiring;
    let legend_view = if heading {
        view! { <legend class="cw-legend cw-legend-heading"><h2 class="cw-heading" tabindex="-1" data-step-heading>{legend}</h2></legend> }.into_any()
    } else {
        view! { <legend class="cw-legend">{legend}</legend> }.into_any()
    };
    view! {
        <div class="cw-field" class:cw-field-error=has_error>
            <fieldset class="cw-fieldset" aria-describedby=describedby>
                {legend_view}
                <ErrorMessage field=field />
                <div class="cw-radios">
                    {move || {
                        let first_enabled = choices.with(|c| c.iter().position(|c| !c.disabled));
                        choices
                            .get()
                            .into_iter()
                            .enumerate()
                            .map(|(i, choice)| {
                                let id = format!("{}-{}", name, choice.id);
                                let hint_id = hint_id(&id);
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
