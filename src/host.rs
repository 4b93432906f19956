//! The element's contract with the host page, as data: its attributes become a [`Config`], the
//! page's request headers are read at send time, and every event the page hears is a
//! [`HostEvent`] sent by [`Host::emit`].

use case_core::msg::MessageId;
use case_core::prefill::Prefill;
use case_core::wire::CaseCreated;
use case_core::Step;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CustomEvent, CustomEventInit, HtmlElement};

/// What the host page said through the element's attributes.
#[derive(Clone, Debug)]
pub struct Config {
    pub endpoint: String,
    /// Set for the two-phase shape: files first, then the case as JSON.
    pub upload_endpoint: Option<String>,
    pub catalog_url: String,
    /// The wire profile's URL; empty for the reference contract.
    pub profile_url: String,
    /// The plan's id; empty for the catalog's first plan.
    pub plan: String,
    /// The `locale` attribute: the language to show first, before the browser's.
    pub locale: Option<String>,
    /// What the page fills in (`case-type`, `service`, `category`, `phone-country`, `phone`,
    /// `name`, `email`) and what the customer may not change (`locked`).
    pub prefill: Prefill,
    /// Tells widgets on one page apart, so each keeps its own draft.
    pub instance: String,
    /// How long one request may take (`timeout`, in seconds; default 120).
    pub timeout_ms: u32,
    /// The account's own time zone (`time-zone`, e.g. `Asia/Tokyo`): business hours the catalog
    /// keeps in no zone of their own are counted in it.
    pub time_zone: Option<String>,
    /// What the page grants beyond the plan (`entitlements`, words separated by spaces), e.g.
    /// `professional-services` where the customer's contract provides for it.
    pub entitlements: Vec<String>,
    /// Who is signed in, as the page names them (`user`, else `email`): a draft kept for
    /// someone else is discarded, not shown.
    pub user: String,
    /// How long a draft is kept since it last changed (`draft-days`, default 7), in ms.
    pub draft_ms: f64,
    /// The page opted in (`events-with-text`) to hear what the customer typed in
    /// `case-suggested`; otherwise events carry ids only.
    pub events_with_text: bool,
}

impl Config {
    /// Reads the element's attributes; the widget's own files are at `base_url`.
    pub fn from_element(host: &HtmlElement, base_url: &str) -> Config {
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
            plan: attr("plan"),
            locale: host.get_attribute("locale"),
            prefill: Prefill::from_attributes(|name| host.get_attribute(name)),
            instance: instance_of(host),
            timeout_ms: attr("timeout")
                .parse::<u32>()
                .map_or(120_000, |s| s.saturating_mul(1000)),
            time_zone: Some(attr("time-zone")).filter(|z| !z.is_empty()),
            events_with_text: host.has_attribute("events-with-text"),
            entitlements: attr("entitlements")
                .split_whitespace()
                .map(str::to_owned)
                .collect(),
            user: host
                .get_attribute("user")
                .or_else(|| host.get_attribute("email"))
                .unwrap_or_default(),
            draft_ms: attr("draft-days")
                .parse::<f64>()
                .ok()
                .filter(|d| *d > 0.0)
                .unwrap_or(7.0)
                * 24.0
                * 3600.0
                * 1000.0,
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

/// Something the host page hears about, as a bubbling, composed `CustomEvent` on the element.
pub enum HostEvent<'a> {
    /// The wizard is on screen and its JS API answers (`case-ready`).
    Ready,
    /// The customer moved to another step (`case-step`).
    Step(Step),
    /// Bytes of the attached files sent so far (`case-progress`).
    Progress { loaded: f64, total: f64 },
    /// The backend filed the case (`case-submitted`), with its whole answer.
    Submitted {
        created: &'a CaseCreated,
        response: &'a serde_json::Value,
    },
    /// The case was not filed (`case-failed`): the message id shown, and the HTTP status.
    Failed {
        reason: MessageId,
        status: Option<u16>,
    },
    /// Articles were suggested (`case-suggested`): their ids, and the text they were matched
    /// to where the page opted in.
    Suggested {
        ids: Vec<String>,
        text: Option<String>,
    },
    /// The customer opened a suggested article (`case-article-opened`).
    ArticleOpened { id: String },
    /// The suggested articles solved the problem; nothing was filed (`case-solved`).
    Solved { ids: Vec<String> },
    /// The catalog has warnings (`case-catalog-warnings`), each `path: what`, in the shown
    /// language: rules that do nothing, links that are not whole addresses. For the catalog's
    /// author, e.g. in the playground; customers are not shown them.
    CatalogWarnings { lines: Vec<String> },
}

impl HostEvent<'_> {
    fn name(&self) -> &'static str {
        match self {
            HostEvent::Ready => "case-ready",
            HostEvent::Step(_) => "case-step",
            HostEvent::Progress { .. } => "case-progress",
            HostEvent::Submitted { .. } => "case-submitted",
            HostEvent::Failed { .. } => "case-failed",
            HostEvent::Suggested { .. } => "case-suggested",
            HostEvent::ArticleOpened { .. } => "case-article-opened",
            HostEvent::Solved { .. } => "case-solved",
            HostEvent::CatalogWarnings { .. } => "case-catalog-warnings",
        }
    }

    fn detail(&self) -> JsValue {
        match self {
            HostEvent::Ready => JsValue::NULL,
            HostEvent::Step(step) => object(&[
                ("step", step.id().into()),
                ("number", (step.number() as u32).into()),
                ("total", (Step::ALL.len() as u32).into()),
            ]),
            HostEvent::Progress { loaded, total } => {
                object(&[("loaded", (*loaded).into()), ("total", (*total).into())])
            }
            HostEvent::Submitted { created, response } => {
                let response = serde_json::to_string(response)
                    .ok()
                    .and_then(|s| js_sys::JSON::parse(&s).ok())
                    .unwrap_or(JsValue::NULL);
                object(&[
                    ("id", created.id.as_str().into()),
                    ("link", created.link.as_deref().into()),
                    ("response", response),
                ])
            }
            HostEvent::Failed { reason, status } => object(&[
                ("reason", reason.as_str().into()),
                ("status", (*status).into()),
            ]),
            HostEvent::Suggested { ids, text } => {
                object(&[("ids", strings(ids)), ("text", text.as_deref().into())])
            }
            HostEvent::ArticleOpened { id } => object(&[("id", id.as_str().into())]),
            HostEvent::Solved { ids } => object(&[("ids", strings(ids))]),
            HostEvent::CatalogWarnings { lines } => object(&[("warnings", strings(lines))]),
        }
    }
}

fn strings(list: &[String]) -> JsValue {
    list.iter()
        .map(|s| JsValue::from_str(s))
        .collect::<js_sys::Array>()
        .into()
}

/// A plain object of the entries that are not `undefined`.
fn object(entries: &[(&str, JsValue)]) -> JsValue {
    let object = js_sys::Object::new();
    for (key, value) in entries.iter().filter(|(_, v)| !v.is_undefined()) {
        let _ = js_sys::Reflect::set(&object, &(*key).into(), value);
    }
    object.into()
}

/// The `<case-widget>` element the wizard lives in.
#[derive(Clone, Copy)]
pub struct Host(StoredValue<HtmlElement, LocalStorage>);

impl Host {
    pub fn new(element: HtmlElement) -> Self {
        Host(StoredValue::new_local(element))
    }

    pub fn emit(&self, event: HostEvent) {
        let init = CustomEventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        init.set_detail(&event.detail());
        if let Ok(dom_event) = CustomEvent::new_with_event_init_dict(event.name(), &init) {
            self.0.with_value(|host| {
                let _ = host.dispatch_event(&dom_event);
            });
        }
    }

    /// The page's own request headers, read at send time so it can refresh them: the
    /// `requestHeaders` object (e.g. a CSRF token), then what the `getRequestHeaders()` callback
    /// returns or resolves to (e.g. a fresh bearer token). `Err` when the callback fails: the
    /// customer has to sign in again.
    pub async fn request_headers(&self) -> Result<Vec<(String, String)>, JsValue> {
        let host = self.0.get_value();
        let mut headers = header_entries(&js_sys::Reflect::get(&host, &"requestHeaders".into())?);
        let callback = js_sys::Reflect::get(&host, &"getRequestHeaders".into())?;
        if let Some(callback) = callback.dyn_ref::<js_sys::Function>() {
            let mut value = callback.call0(&host)?;
            if let Some(promise) = value.dyn_ref::<js_sys::Promise>() {
                value = wasm_bindgen_futures::JsFuture::from(promise.clone()).await?;
            }
            headers.extend(header_entries(&value));
        }
        Ok(headers)
    }
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
