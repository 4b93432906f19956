//! The widget's frame: loads the catalog, then shows the current step with the progress, the
//! language switcher, notices and the error summary around it.

use std::sync::Arc;

use case_core::catalog::Problem;
use case_core::i18n::Arg;
use case_core::profile::Profile;
use case_core::rules::Rules;
use case_core::{Catalog, CatalogError, Step};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

use crate::embed::{dispatch, Config, Handover};
use crate::i18n::{use_i18n, I18n};
use crate::state::{Phase, Wizard};
use crate::steps;
use crate::ui::ErrorSummary;

#[derive(Clone, Debug)]
enum LoadError {
    Fetch(String),
    Catalog(CatalogError),
    /// The wire profile at this URL is unusable, for this reason.
    Profile(String, String),
    /// A language's texts could not be loaded from this URL.
    Texts(String),
}

pub async fn fetch_text(url: &str) -> Result<String, String> {
    let response = gloo_net::http::Request::get(url)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    response.text().await.map_err(|e| e.to_string())
}

/// The page's wire profile, or the reference contract when it names none.
async fn load_profile(config: &Config) -> Result<Arc<Profile>, LoadError> {
    if config.profile_url.is_empty() {
        return Ok(Profile::reference(config.upload_endpoint.is_some()));
    }
    let failed = |reason: String| LoadError::Profile(config.profile_url.clone(), reason);
    let text = fetch_text(&config.profile_url).await.map_err(failed)?;
    Profile::from_json(&text)
        .map(Arc::new)
        .map_err(|e| failed(e.0))
}

async fn load(config: Config, i18n: I18n) -> Result<(Arc<Catalog>, Arc<Profile>), LoadError> {
    let (catalog, profile, texts) = futures::future::join3(
        load_catalog(&config.catalog_url, &config.plan),
        load_profile(&config),
        i18n.load_shown(),
    )
    .await;
    texts.map_err(LoadError::Texts)?;
    let (catalog, profile) = (catalog?, profile?);
    i18n.load(&profile.body_language)
        .await
        .map_err(LoadError::Texts)?;
    Ok((catalog, profile))
}

async fn load_catalog(url: &str, plan: &str) -> Result<Arc<Catalog>, LoadError> {
    let text = fetch_text(url).await.map_err(LoadError::Fetch)?;
    let catalog = Catalog::from_json(&text).map_err(LoadError::Catalog)?;
    if !plan.is_empty() && !Rules::new(&catalog, plan).plan_is_known() {
        return Err(LoadError::Catalog(CatalogError::Inconsistent(vec![
            Problem {
                code: "catalog-unknown-plan",
                path: "plan".into(),
                value: plan.to_owned(),
            },
        ])));
    }
    Ok(Arc::new(catalog))
}

fn load_error_lines(i18n: I18n, error: &LoadError) -> Vec<String> {
    match error {
        LoadError::Profile(_, reason) => vec![reason.clone()],
        LoadError::Texts(_) => Vec::new(),
        LoadError::Fetch(detail) => vec![i18n.ta(
            "catalog-fetch-failed",
            &[("detail", detail.as_str().into())],
        )],
        LoadError::Catalog(CatalogError::Syntax {
            line,
            column,
            detail,
        }) => vec![i18n.ta(
            "catalog-syntax",
            &[
                ("line", (*line).into()),
                ("column", (*column).into()),
                ("detail", detail.as_str().into()),
            ],
        )],
        LoadError::Catalog(CatalogError::Inconsistent(problems)) => problems
            .iter()
            .map(|p| {
                let message = i18n.ta(p.code, &[("value", Arg::Text(p.value.clone()))]);
                i18n.ta(
                    "catalog-problem",
                    &[
                        ("path", p.path.as_str().into()),
                        ("message", message.into()),
                    ],
                )
            })
            .collect(),
    }
}

#[component]
pub fn App(
    config: Config,
    host: StoredValue<HtmlElement, LocalStorage>,
    /// Where the wizard is published for the element's JS API.
    wizard: RwSignal<Option<Wizard>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let handover = expect_context::<Handover>();
    let loading = config.clone();
    let catalog = LocalResource::new(move || load(loading.clone(), i18n));
    let config = StoredValue::new(config);
    view! {
        <div class="cw-root" lang=move || i18n.lang()>
            {move || match catalog.get() {
                None => view! { <p class="cw-loading" role="status">{move || i18n.t("loading")}</p> }.into_any(),
                Some(Err(error)) => {
                    handover.take_over();
                    let (heading, url) = match &error {
                        LoadError::Profile(url, _) => ("profile-failed", url.clone()),
                        LoadError::Texts(url) => ("texts-failed", url.clone()),
                        _ => ("catalog-failed", config.with_value(|c| c.catalog_url.clone())),
                    };
                    view! {
                        <div class="cw-catalog-error" role="alert">
                            <h2 class="cw-heading">{move || i18n.ta(heading, &[("url", url.as_str().into())])}</h2>
                            {move || {
                                let lines = load_error_lines(i18n, &error);
                                (!lines.is_empty()).then(|| view! { <ul>{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul> })
                            }}
                        </div>
                    }
                    .into_any()
                }
                Some(Ok((catalog, profile))) => {
                    let mut config = config.get_value();
                    config.profile = profile;
                    if config.plan.is_empty() {
                        config.plan = catalog.plans[0].id.clone();
                    }
                    view! { <WizardView catalog=catalog config=config host=host published=wizard /> }.into_any()
                }
            }}
        </div>
    }
}

#[component]
fn LanguageSwitcher() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="cw-language">
            <label for="cw-language" class="cw-language-label">{move || i18n.t("language-label")}</label>
            <select id="cw-language" class="cw-select cw-select-small" on:change=move |ev| i18n.set(&event_target_value(&ev))>
                {i18n
                    .choices()
                    .into_iter()
                    .map(|(lang, name)| view! { <option value=lang lang=lang selected=move || i18n.lang() == lang>{name}</option> })
                    .collect_view()}
            </select>
        </div>
    }
}

#[component]
fn WizardView(
    catalog: Arc<Catalog>,
    config: Config,
    host: StoredValue<HtmlElement, LocalStorage>,
    published: RwSignal<Option<Wizard>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let wizard = Wizard::new(catalog, config, host);
    provide_context(wizard);
    published.set(Some(wizard));

    // Tell the host page where the customer is.
    Effect::new(move |previous: Option<Step>| {
        let step = wizard.step.get();
        if previous.is_some_and(|p| p != step) {
            let detail = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&detail, &"step".into(), &step.id().into());
            let _ = js_sys::Reflect::set(&detail, &"number".into(), &(step.number() as u32).into());
            let _ =
                js_sys::Reflect::set(&detail, &"total".into(), &(Step::ALL.len() as u32).into());
            host.with_value(|h| dispatch(h, "case-step", &detail));
        }
        step
    });

    // GOV.UK's pattern: while a step shows errors, the page title starts with "Error:".
    let page_title = web_sys::window()
        .and_then(|w| w.document())
        .map(|d| d.title())
        .unwrap_or_default();
    Effect::new(move |_| {
        let has_errors = !wizard.errors.with(Vec::is_empty);
        let title = if has_errors {
            i18n.ta("page-title-error", &[("title", page_title.as_str().into())])
        } else {
            page_title.clone()
        };
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            if document.title() != title {
                document.set_title(&title);
            }
        }
    });
    let root = NodeRef::<leptos::html::Div>::new();

    // Focus the new step's heading on every step change, not on first render.
    Effect::new(move |previous: Option<(Step, bool)>| {
        let current = (
            wizard.step.get(),
            matches!(wizard.phase.get(), Phase::Done(_)),
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

    // Effects run after the first render, this one last: the first step is on screen and usable,
    // in place of a prerendered one, carrying on from what the customer did there.
    let handover = expect_context::<Handover>();
    Effect::new(move |_| {
        untrack(|| {
            if let Some(early) = handover.take_over() {
                wizard.carry_on(early, i18n);
            }
        });
        host.with_value(|h| dispatch(h, "case-ready", &wasm_bindgen::JsValue::NULL));
    });

    let done = move || matches!(wizard.phase.get(), Phase::Done(_));
    let progress = move || {
        let step = wizard.step.get();
        i18n.ta(
            "step-progress",
            &[
                ("current", step.number().into()),
                ("total", Step::ALL.len().into()),
            ],
        )
    };
    let on_submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        if wizard.step.get_untracked() == Step::Review {
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
        <div class="cw-wizard" node_ref=root data-step=move || if done() { "done" } else { wizard.step.get().id() }>
            <header class="cw-header">
                <h1 class="cw-title">{move || i18n.t("widget-title")}</h1>
                <LanguageSwitcher />
            </header>
            {move || wizard.notice.get().map(|id| view! { <p class="cw-notice" role="status">{i18n.t(id)}</p> })}
            {move || wizard.storage_note.get().map(|id| view! { <p class="cw-notice cw-notice-storage" role="status">{i18n.t(id)}</p> })}
            <Show when=done fallback=move || view! {
                <p class="cw-progress" aria-live="polite">{progress}</p>
                {move || wizard.failure.get().map(|f| view! {
                    <div class="cw-failure" role="alert">
                        <p>{i18n.t(f.message)}</p>
                        {f.said.map(|said| view! { <p class="cw-hint cw-failure-said">{i18n.ta("submit-backend-said", &[("message", said.into())])}</p> })}
                        {f.status.map(|s| view! { <p class="cw-hint">{i18n.ta("submit-failed-status", &[("status", u32::from(s).into())])}</p> })}
                    </div>
                })}
                <ErrorSummary />
                <form class="cw-form" novalidate on:submit=on_submit on:keydown=on_keydown>
                    // People never see or hear this field; bots fill it in and the server refuses them.
                    <div class="cw-trap" aria-hidden="true">
                        <label for="cw-website">{move || i18n.t("trap-label")}</label>
                        <input id="cw-website" name="website" type="text" tabindex="-1" autocomplete="off"
                            prop:value=move || wizard.trap.get()
                            on:input=move |ev| wizard.trap.set(event_target_value(&ev)) />
                    </div>
                    {move || match wizard.step.get() {
                        Step::CaseType => view! { <steps::CaseTypeStep /> }.into_any(),
                        Step::Classification => view! { <steps::ClassificationStep /> }.into_any(),
                        Step::Severity => view! { <steps::SeverityStep /> }.into_any(),
                        Step::Details => view! { <steps::DetailsStep /> }.into_any(),
                        Step::Attachments => view! { <steps::AttachmentsStep /> }.into_any(),
                        Step::Contact => view! { <steps::ContactStep /> }.into_any(),
                        Step::Review => view! { <steps::ReviewStep /> }.into_any(),
                    }}
                </form>
                <DiscardDraft />
            }>
                <steps::Confirmation />
            </Show>
        </div>
    }
}

/// "Discard draft", confirmed inline before anything is removed.
#[component]
fn DiscardDraft() -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let i18n = use_i18n();
    let confirming = RwSignal::new(false);
    view! {
        <div class="cw-discard">
            <Show
                when=move || confirming.get()
                fallback=move || view! {
                    <button type="button" class="cw-link-button" data-action="discard" on:click=move |_| confirming.set(true)>
                        {move || i18n.t("action-discard")}
                    </button>
                }
            >
                <div class="cw-discard-confirm" role="alertdialog" aria-labelledby="cw-discard-question">
                    <p id="cw-discard-question">{move || i18n.t("discard-confirm")}</p>
                    <button type="button" class="cw-button cw-button-warning" data-action="discard-yes" on:click=move |_| { confirming.set(false); wizard.discard(); }>
                        {move || i18n.t("action-discard-yes")}
                    </button>
                    <button type="button" class="cw-button cw-button-secondary" data-action="discard-no" on:click=move |_| confirming.set(false)>
                        {move || i18n.t("action-discard-no")}
                    </button>
                </div>
            </Show>
        </div>
    }
}
