use case_core::attachment::SNIFF_LEN;
use case_core::attachment_limits::AttachmentLimits;
use case_core::draft::AttachmentMeta;
use case_core::msg;
use case_core::Field;
use case_core::FieldError;
use chrono::{Datelike, Local, Timelike};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{File, FilePropertyBag, HtmlInputElement};

use super::nav::StepNav;
use crate::i18n::use_i18n;
use crate::ui::{ErrorMessage, StepHeading};
use crate::wizard::Wizard;

fn meta(file: &File) -> AttachmentMeta {
    AttachmentMeta {
        name: file.name(),
        size: file.size() as u64,
        content_type: file.type_(),
        token: String::new(),
    }
}

/// The first bytes of a file, which tell its real type. Only these bytes enter wasm.
async fn leading_bytes(file: &File) -> Vec<u8> {
    let Ok(head) = file.slice_with_i32_and_i32(0, SNIFF_LEN as i32) else {
        return Vec::new();
    };
    match JsFuture::from(head.array_buffer()).await {
        Ok(buffer) => js_sys::Uint8Array::new(&buffer).to_vec(),
        Err(_) => Vec::new(),
    }
}

/// A pasted screenshot, named by when it was pasted.
fn name_pasted(file: File) -> File {
    if !file.type_().starts_with("image/") {
        return file;
    }
    let ext = file.type_().trim_start_matches("image/").to_owned();
    // Written out rather than with `format("%Y…")`, which would ship chrono's format parser.
    let now = Local::now();
    let name = format!(
        "screenshot-{}-{:02}-{:02}-{:02}{:02}{:02}.{ext}",
        now.year(),
        now.month(),
        now.day(),
        now.hour(),
        now.minute(),
        now.second()
    );
    let options = FilePropertyBag::new();
    options.set_type(&file.type_());
    File::new_with_blob_sequence_and_options(&js_sys::Array::of1(&file), &name, &options)
        .unwrap_or(file)
}

fn files_of(list: Option<web_sys::FileList>) -> Vec<File> {
    list.map(|list| (0..list.length()).filter_map(|i| list.get(i)).collect())
        .unwrap_or_default()
}

/// Adds files in turn, each checked against those already attached; a refused file never
/// replaces an accepted one.
fn adder(
    wizard: Wizard,
    limits: Memo<AttachmentLimits>,
    refusals: RwSignal<Vec<FieldError>>,
) -> impl Fn(Vec<File>) + Copy + 'static {
    move |files: Vec<File>| {
        refusals.set(Vec::new());
        leptos::task::spawn_local(async move {
            let limits = limits.get_untracked();
            let mut refused = Vec::new();
            for file in files {
                let candidate = meta(&file);
                let attached = wizard
                    .draft
                    .answers
                    .with_untracked(|a| a.attachments.clone());
                let leading = leading_bytes(&file).await;
                match limits.check(&attached, &candidate, Some(&leading)) {
                    Some(error) => refused.push(error),
                    None => {
                        wizard
                            .draft
                            .answers
                            .update(|a| a.attachments.push(candidate));
                        wizard.draft.files.update(|f| f.push(file));
                    }
                }
            }
            refusals.set(refused);
        });
    }
}

#[component]
pub fn AttachmentsStep() -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let i18n = use_i18n();
    let limits = Memo::new(move |_| {
        let case_type = wizard.draft.answers.with(|a| a.case_type.clone());
        wizard.with_rules(|r| AttachmentLimits::of(r, Some(&case_type)))
    });
    let refusals = RwSignal::new(Vec::<FieldError>::new());
    let dragging = RwSignal::new(false);
    let add = adder(wizard, limits, refusals);
    let dropped = move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        add(files_of(ev.data_transfer().and_then(|d| d.files())));
    };
    let pasted = move |ev: web_sys::ClipboardEvent| {
        let files = files_of(ev.clipboard_data().and_then(|d| d.files()));
        if !files.is_empty() {
            ev.prevent_default();
            add(files.into_iter().map(name_pasted).collect());
        }
    };
    view! {
        <div
            class="cw-dropzone"
            class:cw-dragging=move || dragging.get()
            on:dragover=move |ev: web_sys::DragEvent| {
                ev.prevent_default();
                dragging.set(true);
            }
            on:dragleave=move |_| dragging.set(false)
            on:drop=dropped
            on:paste=pasted
        >
            <StepHeading text=move || i18n.t(msg::STEP_ATTACHMENTS) />
            {file_field(limits, refusals, add)}
            {file_list(wizard, refusals)}
            <StepNav />
        </div>
    }
}

/// The label, the hint with the limits, the refusals and the file input.
fn file_field(
    limits: Memo<AttachmentLimits>,
    refusals: RwSignal<Vec<FieldError>>,
    add: impl Fn(Vec<File>) + Copy + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let picked = move |ev: web_sys::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        else {
            return;
        };
        add(files_of(input.files()));
        // Cleared, so choosing the same file again still fires a change.
        input.set_value("");
    };
    // Each limit in a sentence, the backend's named where it is stricter than the catalog's.
    let hints = move || {
        let mut sentences: Vec<String> = limits
            .with(|l| l.hints())
            .iter()
            .map(|(id, args)| i18n.ta(*id, args))
            .collect();
        sentences.push(i18n.t(msg::ATTACHMENTS_DROP_HINT));
        sentences.join(" ")
    };
    let accept = move || limits.with(|l| l.accept());
    view! {
        <div class="cw-field" class:cw-field-error=move || !refusals.with(Vec::is_empty)>
            <label class="cw-label" for="attachments">
                {move || i18n.t(msg::ATTACHMENTS_LABEL)} " "
                <span class="cw-optional">{move || i18n.t(msg::OPTIONAL)}</span>
            </label>
            <p class="cw-hint" id="attachments-hint">{hints}</p>
            <div id="attachments-refusals" role="alert">
                {move || refusals.get().into_iter().map(|e| view! { <p class="cw-error-message">{i18n.error(&e)}</p> }).collect_view()}
                <ErrorMessage field=Field::Attachments />
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
                    aria-describedby="attachments-hint attachments-refusals"
                    on:change=picked
                />
                <label for="attachments" class="cw-button cw-button-secondary">
                    {move || i18n.t(msg::ATTACHMENTS_CHOOSE)}
                </label>
            </div>
        </div>
    }
}

/// How many files are attached, and each with its size, type and a button to remove it.
fn file_list(wizard: Wizard, refusals: RwSignal<Vec<FieldError>>) -> impl IntoView {
    let i18n = use_i18n();
    let remove = move |index: usize| {
        wizard.draft.answers.update(|a| {
            if index < a.attachments.len() {
                a.attachments.remove(index);
            }
        });
        wizard.draft.files.update(|f| {
            if index < f.len() {
                f.remove(index);
            }
        });
        refusals.set(Vec::new());
    };
    view! {
        <p class="cw-file-count" aria-live="polite">
            {move || {
                let n = wizard.draft.answers.with(|a| a.attachments.len());
                if n == 0 { i18n.t(msg::ATTACHMENTS_NONE) } else { i18n.ta(msg::ATTACHMENTS_COUNT, &[("n", n.into())]) }
            }}
        </p>
        <ul class="cw-file-list">
            {move || wizard.draft.answers.with(|a| a.attachments.clone()).into_iter().enumerate().map(|(i, f)| {
                let name = f.name.clone();
                view! {
                    <li class="cw-file">
                        <span class="cw-file-name">{f.name.clone()}</span>
                        <span class="cw-file-meta">{i18n.size(f.size)} " · " {f.content_type.clone()}</span>
                        <button type="button" class="cw-button cw-button-secondary cw-button-small" data-action="remove-file" on:click=move |_| remove(i)>
                            {move || i18n.ta(msg::ATTACHMENTS_REMOVE, &[("name", name.as_str().into())])}
                        </button>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
