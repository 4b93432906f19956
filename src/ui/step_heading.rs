use leptos::prelude::*;

/// The heading every step starts with; focus moves here on each step change.
#[component]
pub fn StepHeading(#[prop(into)] text: Signal<String>) -> impl IntoView {
    view! { <h2 class="cw-heading" tabindex="-1" data-step-heading>{text}</h2> }
}
