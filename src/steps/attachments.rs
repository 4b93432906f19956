use case_core::draft::AttachmentMeta;
use case_core::validate::refuse_attachment;
use case_core::FieldError;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;

use crate::i18n::use_i18n;
use crate::state::Wizard;
use crate::ui::{StepHeading, StepNav};

fn meta(file: &web_sys::File) -> AttachmentMeta {
    AttachmentMeta {
        name: file.name(),
        size: file.size() as u64,
        content_type: file.type_(),
    }
}

#[component]
pub fn AttachmentsStep() -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let i18n = use_i18n();
    let rules = Memo::new(move |_| {
        let case_type = wizard.answers.with(|a| a.case_type.clone());
        wizard.with_rules(|r| r.attachments(Some(&case_type)).clone())
    });
    let refusals = RwSignal::new(Vec::<FieldError>::new());
    let add = move |ev: web_sys::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(list) = input.files() else { return };
        let rules = rules.get_untracked();
        let mut refused = Vec::new();
        for i in 0..list.length() {
            let Some(file) = list.get(i) else { continue };
            let candidate = meta(&file);
            let attached = wizard.answers.with_untracked(|a| a.attachments.clone());
            match refuse_attachment(&rules, &attached, &candidate) {
                Some(error) => refused.push(error),
                None => {
                    wizard.answers.update(|a| a.attachments.push(candidate));
                    wizard.files.update(|f| f.push(file));
                }
            }
        }
        // Clear the picker so choosing the same file again fires a change.
        input.set_value("");
        refusals.set(refused);
    };
    let remove = move |index: usize| {
        wizard.answers.update(|a| {
            if index < a.attachments.len() {
                a.attachments.remove(index);
            }
        });
        wizard.files.update(|f| {
            if index < f.len() {
                f.remove(index);
            }
        });
        refusals.set(Vec::new());
    };
    let limits = move || {
        let r = rules.get();
        i18n.ta(
            "attachments-limits",
            &[
                ("max", r.max_files.into()),
                ("size", i18n.size(r.max_bytes).into()),
            ],
        )
    };
    let accept = move || rules.with(|r| r.allowed_types.as_ref().map(|t| t.join(",")));
    view! {
        <StepHeading text=Signal::derive(move || i18n.t("step-attachments")) />
        <div class="cw-field" class:cw-field-error=move || !refusals.with(Vec::is_empty)>
            <label class="cw-label" for="attachments">
                {move || i18n.t("attachments-label")} " " <span class="cw-optional">{move || i18n.t("optional")}</span>
            </label>
            <p class="cw-hint" id="attachments-hint">{limits}</p>
            <div id="attachments-error" aria-live="polite">
                {move || refusals.get().into_iter().map(|e| view! {
                    <p class="cw-error-message">{i18n.error(&e)}</p>
                }).collect_view()}
                <crate::ui::ErrorMessage field="attachments".to_string() />
            </div>
            // The input stays focusable but hidden; its label is the localized button.
            <div class="cw-file-picker">
                <input
                    id="attachments"
                    data-field="attachments"
                    class="cw-file-input cw-visually-hidden"
                    type="file"
                    multiple
                    accept=accept
                    aria-describedby="attachments-hint attachments-error"
                    on:change=add
                />
                <label for="attachments" class="cw-button cw-button-secondary">
                    {move || i18n.t("attachments-choose")}
                </label>
            </div>
        </div>
        <p class="cw-file-count" aria-live="polite">
            {move || {
                let n = wizard.answers.with(|a| a.attachments.len());
                if n == 0 { i18n.t("attachments-none") } else { i18n.ta("attachments-count", &[("n", n.into())]) }
            }}
        </p>
        <ul class="cw-file-list">
            {move || wizard.answers.with(|a| a.attachments.clone()).into_iter().enumerate().map(|(i, f)| {
                let name = f.name.clone();
                view! {
                    <li class="cw-file">
                        <span class="cw-file-name">{f.name.clone()}</span>
                        <span class="cw-file-meta">{i18n.size(f.size)} " · " {f.content_type.clone()}</span>
                        <button type="button" class="cw-button cw-button-secondary cw-button-small" data-action="remove-file" on:click=move |_| remove(i)>
                            {move || i18n.ta("attachments-remove", &[("name", name.as_str().into())])}
                        </button>
                    </li>
                }
            }).collect_view()}
        </ul>
        <StepNav />
    }
}
