//! The top of the widget: `mount()`, which `public/case-widget.js` calls with the element, and
//! the element's JS API. Nothing else in the widget imports this module.

use std::any::Any;

use case_core::prefill::{Account, Prefill};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, ShadowRootInit, ShadowRootMode};

use crate::app::App;
use crate::host::{Config, Host};
use crate::i18n::I18n;
use crate::prerender::Handover;
use crate::web::assets::Assets;
use crate::wizard::Wizard;

/// A mounted widget; dropping it (or `unmount`) removes the wizard from the page.
#[wasm_bindgen]
pub struct Widget {
    view: Option<Box<dyn Any>>,
    i18n: I18n,
    wizard: RwSignal<Option<Wizard>>,
}

#[wasm_bindgen]
impl Widget {
    /// Switches the UI language, keeping every answer.
    #[wasm_bindgen(js_name = setLocale)]
    pub fn set_locale(&self, locale: &str) {
        self.i18n.set(locale);
    }

    pub fn unmount(&mut self) {
        self.view.take();
    }

    /// Starts a new, empty case at once, without asking: for a portal's own "New case".
    pub fn reset(&self) {
        if let Some(wizard) = self.wizard.get_untracked() {
            wizard.start_over();
        }
    }

    /// Fills answers in from the page: `{caseType, service, category, name, email, phoneCountry,
    /// phone, accounts}`.
    pub fn prefill(&self, values: JsValue) {
        let get = |key: &str| {
            js_sys::Reflect::get(&values, &JsValue::from_str(key))
                .ok()
                .and_then(|v| v.as_string())
        };
        if let Some(wizard) = self.wizard.get_untracked() {
            wizard.prefill(Prefill {
                case_type: get("caseType"),
                service: get("service"),
                category: get("category"),
                name: get("name"),
                email: get("email"),
                phone_country: get("phoneCountry"),
                phone: get("phone"),
                locked: Vec::new(),
                accounts: js_sys::Reflect::get(&values, &JsValue::from_str("accounts"))
                    .ok()
                    .filter(|v| !v.is_undefined())
                    .and_then(|v| js_sys::JSON::stringify(&v).ok())
                    .and_then(|json| Account::list_from_json(&String::from(json))),
            });
        }
    }
}

/// Renders the wizard into `host`'s shadow root. `base_url` is the URL of the folder the widget
/// was loaded from, so its own files resolve wherever the portal serves them. A prerendered first
/// step already in the shadow root stays, usable, until the wizard is ready to take its place.
/// `assets` names the build's content-hashed files (see `web::assets`).
#[wasm_bindgen]
pub fn mount(host: HtmlElement, base_url: String, assets: JsValue) -> Result<Widget, JsValue> {
    let assets = Assets::new(base_url.clone(), &assets);
    let config = Config::from_element(&host, &base_url);
    let shadow = match host.shadow_root() {
        Some(shadow) => shadow,
        None => host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))?,
    };
    let prerendered = shadow.query_selector("[data-prerendered]")?.is_some();
    let document = host.owner_document().ok_or("no document")?;
    let style = document.create_element("link")?;
    style.set_attribute("rel", "stylesheet")?;
    style.set_attribute("href", &assets.url("case-widget.css"))?;
    let container: HtmlElement = document.create_element("div")?.unchecked_into();
    let handover = Handover::new(shadow, style, container.clone());
    if !prerendered {
        handover.take_over();
    }

    let i18n = I18n::new(config.locale.as_deref(), assets);
    let host = Host::new(host);
    let wizard = RwSignal::new(None);
    let view = leptos::mount::mount_to(container, move || {
        provide_context(i18n);
        provide_context(handover);
        view! { <App config=config host=host published=wizard /> }
    });
    Ok(Widget {
        view: Some(Box::new(view)),
        i18n,
        wizard,
    })
}
