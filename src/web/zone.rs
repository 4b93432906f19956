//! A named time zone's offset at an instant, from the browser's `Intl`, which carries the tz
//! database the widget would otherwise have to ship.

use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;

use case_core::zone;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Intl, js_name = DateTimeFormat)]
    type OffsetFormat;

    #[wasm_bindgen(constructor, js_namespace = Intl, js_class = "DateTimeFormat", catch)]
    fn new(locale: &str, options: &JsValue) -> Result<OffsetFormat, JsValue>;

    #[wasm_bindgen(method)]
    fn format(this: &OffsetFormat, epoch_ms: f64) -> String;

    #[wasm_bindgen(method, js_name = resolvedOptions)]
    fn resolved_options(this: &OffsetFormat) -> ResolvedOptions;

    type ResolvedOptions;

    #[wasm_bindgen(method, getter, js_name = timeZone)]
    fn time_zone(this: &ResolvedOptions) -> Option<String>;
}

/// The zone the customer's browser keeps, e.g. `Europe/Berlin`; `UTC` where it names none.
/// Asked of the browser once, when first needed: making a formatter takes tens of milliseconds.
pub fn browser_zone() -> String {
    BROWSER_ZONE.with(|zone| {
        zone.get_or_init(|| {
            OffsetFormat::new("en-US", &js_sys::Object::new())
                .ok()
                .and_then(|f| f.resolved_options().time_zone())
                .unwrap_or_else(|| "UTC".to_owned())
        })
        .clone()
    })
}

thread_local! {
    static BROWSER_ZONE: OnceCell<String> = const { OnceCell::new() };
    /// One formatter per zone: making one is slow, and the deadline math asks many times.
    static FORMATS: RefCell<HashMap<String, Option<OffsetFormat>>> = RefCell::default();
}

/// Seconds east of UTC that `zone` keeps at `utc_seconds`; `None` for a zone the browser does not
/// know. Fits [`case_core::zone::OffsetLookup`].
pub fn offset(zone: &str, utc_seconds: i64) -> Option<i32> {
    FORMATS.with(|formats| {
        let mut formats = formats.borrow_mut();
        let format = formats.entry(zone.to_owned()).or_insert_with(|| {
            let options = js_sys::Object::new();
            let set = |key: &str, value: &str| {
                js_sys::Reflect::set(&options, &key.into(), &value.into()).ok()
            };
            set("timeZone", zone)?;
            set("timeZoneName", "longOffset")?;
            OffsetFormat::new("en-US", &options).ok()
        });
        zone::offset_in_formatted(&format.as_ref()?.format(utc_seconds as f64 * 1000.0))
    })
}
