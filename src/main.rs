//! The `<case-widget>` element's WebAssembly side. `public/case-widget.js` defines the element
//! and calls [`embed::mount`] with it. Modules import only those below them, as
//! ARCHITECTURE.md lists them: embed → app → load, steps → wizard → ui → i18n, host, prerender →
//! web.

mod app;
mod embed;
mod host;
mod i18n;
mod load;
mod prerender;
mod steps;
mod ui;
mod web;
mod wizard;

fn main() {}
