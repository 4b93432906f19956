//! The `<case-widget>` element's WebAssembly side. `public/case-widget.js` defines the element
//! and calls [`embed::mount`] with it; everything else is the wizard.

mod app;
mod embed;
mod file_store;
mod i18n;
mod state;
mod steps;
mod storage;
mod transport;
mod ui;

fn main() {}
