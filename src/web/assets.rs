//! Where the widget's own files are: beside its loader, under the content-hashed names the build
//! gave them, which the loader hands over. Without that list the plain names are used.

use std::collections::BTreeMap;
use std::sync::Arc;

use case_core::map::insert_all;
use wasm_bindgen::{JsCast, JsValue};

#[derive(Clone, Debug, Default)]
pub struct Assets {
    base_url: String,
    names: Arc<BTreeMap<String, String>>,
}

impl Assets {
    /// `names` is the loader's `{ "case-widget.css": "case-widget-<hash>.css", … }`.
    pub fn new(base_url: String, names: &JsValue) -> Assets {
        let names = names
            .dyn_ref::<js_sys::Object>()
            .map(|names| {
                insert_all(js_sys::Object::entries(names).iter().filter_map(|pair| {
                    let pair: js_sys::Array = pair.dyn_into().ok()?;
                    Some((pair.get(0).as_string()?, pair.get(1).as_string()?))
                }))
            })
            .unwrap_or_default();
        Assets {
            base_url,
            names: Arc::new(names),
        }
    }

    /// The URL of the widget's file `name`, e.g. `locales/ja/widget.ftl`.
    pub fn url(&self, name: &str) -> String {
        let name = self.names.get(name).map_or(name, String::as_str);
        format!("{}{name}", self.base_url)
    }
}
