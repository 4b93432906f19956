//! The element's contract with the host page: attributes become a [`Config`], the wizard renders
//! into the element's shadow root, and outcomes are told back as DOM events.

use std::any::Any;
use std::sync::Arc;

use case_core::profile::Profile;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    CustomEvent, CustomEventInit, Element, HtmlElement, HtmlInputElement, HtmlSelectElement,
    ShadowRoot, ShadowRootInit, ShadowRootMode,
};

use crate::app::App;
use crate::i18n::I18n;
use crate::state::{Prefill, Wizard};

/// What the host page said through the element's attributes.
#[derive(Clone, Debug)]
pub struct Config {
    pub endpoint: String,
    /// Set for the two-phase shape: files first, then the case as JSON.
    pub upload_endpoint: Option<String>,
    pub catalog_url: String,
    /// The wire profile's URL; empty for the reference contract.
    pub profile_url: String,
    /// The wire profile, once loaded.
    pub profile: Arc<Profile>,
    pub plan: String,
    /// Prefilled contact details, e.g. from the portal's signed-in user; shown read-only.
    pub name: String,
    pub email: String,
    /// Prefilled answers: `case-type`, `service`, `category`, `phone-country`, `phone`.
    pub case_type: String,
    pub phone_country: String,
    pub phone: String,
    pub service: String,
    pub category: String,
    /// Answers the customer may not change, from `locked="case-type service"`.
    pub locked: Vec<String>,
    /// Tells widgets on one page apart, so each keeps its own draft.
    pub instance: String,
    /// How long one request may take (`timeout`, in seconds; default 120).
    pub timeout_ms: u32,
}

impl Config {
    pub fn is_locked(&self, field: &str) -> bool {
        self.locked.iter().any(|l| l == field)
    }
}

impl Config {
    fn from_element(host: &HtmlElement, base_url: &str) -> Config {
        let attr = |name: &str| host.get_attribute(name).unwrap_or_default();
        let catalog = attr("catalog");
        Config {
            endpoint: attr("endpoint"),
            upload_endpoint: Some(attr("upload-endpoint")).filter(|u| !u.is_empty()),
            catalog_url: if catalog.is_empty() {
                format!("{base_url}catalog/aws.json")
            } else {
                catalog
            },
            profile_url: attr("profile"),
            profile: Profile::reference(false),
            plan: attr("plan"),
            name: attr("name"),
            email: attr("email"),
            case_type: attr("case-type"),
            phone_country: attr("phone-country"),
            phone: attr("phone"),
            service: attr("service"),
            category: attr("category"),
            locked: attr("locked")
                .split_whitespace()
                .map(str::to_owned)
                .collect(),
            instance: instance_of(host),
            timeout_ms: attr("timeout")
                .parse::<u32>()
                .map_or(120_000, |s| s.saturating_mul(1000)),
        }
    }
}

/// The element's `id`, else its position among the page's widgets.
fn instance_of(host: &HtmlElement) -> String {
    if !host.id().is_empty() {
        return host.id();
    }
    let position = host.owner_document().and_then(|d| {
        let all = d.query_selector_all("case-widget").ok()?;
        (0..all.length()).position(|i| all.get(i).is_some_and(|n| n == ***host))
    });
    position.unwrap_or(0).to_string()
}

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
            wizard.reset();
        }
    }

    /// Fills answers in from the page: `{caseType, service, category, name, email, phoneCountry,
    /// phone}`.
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
            });
        }
    }
}

/// Renders the wizard into `host`'s shadow root. `base_url` is the URL of the folder the widget
/// was loaded from, so its own files resolve wherever the portal serves them. A prerendered first
/// step already in the shadow root stays, usable, until the wizard is ready to take its place.
#[wasm_bindgen]
pub fn mount(host: HtmlElement, base_url: String) -> Result<Widget, JsValue> {
    let config = Config::from_element(&host, &base_url);
    let shadow = match host.shadow_root() {
        Some(shadow) => shadow,
        None => host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))?,
    };
    let prerendered = shadow.query_selector("[data-prerendered]")?.is_some();
    let document = host.owner_document().ok_or("no document")?;
    let style = document.create_element("link")?;
    style.set_attribute("rel", "stylesheet")?;
    style.set_attribute("href", &format!("{base_url}case-widget.css"))?;
    let container: HtmlElement = document.create_element("div")?.unchecked_into();
    let handover = Handover(StoredValue::new_local(Some(Replaced {
        shadow: shadow.clone(),
        style: style.clone(),
        container: container.clone(),
    })));
    if !prerendered {
        handover.take_over();
    }

    let i18n = I18n::new(host.get_attribute("locale").as_deref(), base_url);
    let host = StoredValue::new_local(host);
    let wizard = RwSignal::new(None);
    let view = leptos::mount::mount_to(container, move || {
        provide_context(i18n);
        provide_context(handover);
        view! { <App config=config host=host wizard=wizard /> }
    });
    Ok(Widget {
        view: Some(Box::new(view)),
        i18n,
        wizard,
    })
}

struct Replaced {
    shadow: ShadowRoot,
    style: Element,
    container: HtmlElement,
}

/// Puts the wizard in the shadow root in place of what was there, once: at once when nothing was
/// prerendered, else when the wizard (or a load error) is ready to show.
#[derive(Clone, Copy)]
pub struct Handover(StoredValue<Option<Replaced>, LocalStorage>);

/// What the customer did in the prerendered first step before the wizard took it over.
#[derive(Default)]
pub struct EarlyChoices {
    pub case_type: Option<String>,
    pub language: Option<String>,
    /// They pressed Continue (`case-widget.js` keeps the press).
    pub continued: bool,
}

impl Handover {
    /// Swaps the wizard in, keeping keyboard focus on the same control; `None` when done before.
    pub fn take_over(&self) -> Option<EarlyChoices> {
        let Replaced {
            shadow,
            style,
            container,
        } = self.0.try_update_value(Option::take).flatten()?;
        let choices = early_choices(&shadow);
        let focused = shadow.active_element().map(|e| e.id());
        shadow.set_inner_html("");
        let _ = shadow.append_child(&style);
        let _ = shadow.append_child(&container);
        if let Some(id) = focused.filter(|id| !id.is_empty()) {
            let selector = format!("[id=\"{id}\"]");
            if let Ok(Some(element)) = container.query_selector(&selector) {
                let _ = element.unchecked_into::<HtmlElement>().focus();
            }
        }
        Some(choices)
    }
}

fn early_choices(shadow: &ShadowRoot) -> EarlyChoices {
    let find = |selector: &str| shadow.query_selector(selector).ok().flatten();
    let host = shadow.host();
    let continued =
        js_sys::Reflect::get(&host, &"continueRequested".into()).is_ok_and(|v| v.is_truthy());
    let shown_language = find(".cw-root").and_then(|r| r.get_attribute("lang"));
    EarlyChoices {
        case_type: find("input[name=case_type]:checked")
            .map(|input| input.unchecked_into::<HtmlInputElement>().value()),
        language: find("#cw-language")
            .map(|select| select.unchecked_into::<HtmlSelectElement>().value())
            .filter(|chosen| Some(chosen) != shown_language.as_ref()),
        continued,
    }
}

/// Tells the host page something happened: a bubbling, composed `CustomEvent`.
pub fn dispatch(host: &HtmlElement, name: &str, detail: &JsValue) {
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(detail);
    if let Ok(event) = CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = host.dispatch_event(&event);
    }
}

/// The page's own request headers, read at send time so it can refresh them: the
/// `requestHeaders` object (e.g. a CSRF token), then what the `getRequestHeaders()` callback
/// returns or resolves to (e.g. a fresh bearer token). `Err` when the callback fails: the
/// customer has to sign in again.
pub async fn request_headers(host: &HtmlElement) -> Result<Vec<(String, String)>, JsValue> {
    let mut headers = header_entries(&js_sys::Reflect::get(host, &"requestHeaders".into())?);
    let callback = js_sys::Reflect::get(host, &"getRequestHeaders".into())?;
    if let Some(callback) = callback.dyn_ref::<js_sys::Function>() {
        let mut value = callback.call0(host)?;
        if let Some(promise) = value.dyn_ref::<js_sys::Promise>() {
            value = wasm_bindgen_futures::JsFuture::from(promise.clone()).await?;
        }
        headers.extend(header_entries(&value));
    }
    Ok(headers)
}

fn header_entries(value: &JsValue) -> Vec<(String, String)> {
    if !value.is_object() {
        return Vec::new();
    }
    js_sys::Object::entries(value.unchecked_ref())
        .iter()
        .filter_map(|entry| {
            let pair: js_sys::Array = entry.unchecked_into();
            Some((pair.get(0).as_string()?, pair.get(1).as_string()?))
        })
        .collect()
}
