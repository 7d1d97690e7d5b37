//! The browser entry point: hydrates the interactive islands of the server-rendered page.
// The islands' exports live in `app`: linking it in is what puts them in the wasm.
extern crate app;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
