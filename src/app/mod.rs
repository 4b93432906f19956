//! The widget's frame: loads what the wizard needs, shows a load error in the customer's
//! language, then the wizard itself.

mod discard;
mod frame;
mod language;

use case_core::msg;
use case_core::CatalogError;
use leptos::prelude::*;

use crate::host::{Config, Host};
use crate::i18n::{use_i18n, I18n};
use crate::load::{load, LoadError};
use crate::prerender::Handover;
use crate::wizard::Wizard;

fn load_error_lines(i18n: I18n, error: &LoadError) -> Vec<String> {
    match error {
        LoadError::Profile(_, reason) => vec![reason.clone()],
        LoadError::Texts(_) => Vec::new(),
        LoadError::Fetch(detail) => vec![i18n.ta(
            msg::CATALOG_FETCH_FAILED,
            &[("detail", detail.as_str().into())],
        )],
        LoadError::Catalog(CatalogError::Syntax {
            line,
            column,
            detail,
        }) => vec![i18n.ta(
            msg::CATALOG_SYNTAX,
            &[
                ("line", (*line).into()),
                ("column", (*column).into()),
                ("detail", detail.as_str().into()),
            ],
        )],
        LoadError::Catalog(CatalogError::Inconsistent(problems)) => {
            problems.iter().map(|p| i18n.catalog_problem(p)).collect()
        }
    }
}

#[component]
pub fn App(
    config: Config,
    host: Host,
    /// Where the wizard is published for the element's JS API.
    published: RwSignal<Option<Wizard>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let handover = expect_context::<Handover>();
    let loading = config.clone();
    let loaded = LocalResource::new(move || load(loading.clone(), i18n));
    let config = StoredValue::new(config);
    view! {
        <div class="cw-root" lang=move || i18n.lang()>
            {move || match loaded.get() {
                None => view! { <p class="cw-loading" role="status">{move || i18n.t(msg::LOADING)}</p> }.into_any(),
                Some(Err(error)) => {
                    handover.take_over();
                    let (heading, url) = match &error {
                        LoadError::Profile(url, _) => (msg::PROFILE_FAILED, url.clone()),
                        LoadError::Texts(url) => (msg::TEXTS_FAILED, url.clone()),
                        _ => (msg::CATALOG_FAILED, config.with_value(|c| c.catalog_url.clone())),
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
                Some(Ok(loaded)) => {
                    let wizard = Wizard::new(loaded.catalog, loaded.profile, loaded.plan, config.get_value(), host);
                    published.set(Some(wizard));
                    view! { <frame::WizardFrame wizard=wizard /> }.into_any()
                }
            }}
        </div>
    }
}
