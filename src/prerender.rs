//! The handover from a prerendered first step: the step is in the page as HTML before the wasm
//! arrives, and the wizard takes its place once it can show itself, keeping what the customer
//! did there.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement, ShadowRoot};

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
    /// The wizard, rendered into `container`, will replace what `shadow` shows and bring `style`.
    pub fn new(shadow: ShadowRoot, style: Element, container: HtmlElement) -> Self {
        Handover(StoredValue::new_local(Some(Replaced {
            shadow,
            style,
            container,
        })))
    }

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
