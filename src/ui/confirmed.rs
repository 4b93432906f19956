use leptos::prelude::*;

/// An action asked about before it is taken: its button, then in its place the question with
/// "yes" and "no". `action` names the buttons for tests and scripts: `{action}`,
/// `{action}-yes`, `{action}-no`.
#[component]
pub fn Confirmed(
    action: &'static str,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] question: Signal<String>,
    #[prop(into)] yes: Signal<String>,
    #[prop(into)] no: Signal<String>,
    on_yes: Callback<()>,
    /// The first button looks like a link rather than a button.
    #[prop(optional)]
    as_link: bool,
) -> impl IntoView {
    let confirming = RwSignal::new(false);
    let question_id = format!("cw-{action}-question");
    let class = if as_link {
        "cw-link-button"
    } else {
        "cw-button cw-button-secondary"
    };
    view! {
        <Show
            when=move || confirming.get()
            fallback=move || view! {
                <button type="button" class=class data-action=action on:click=move |_| confirming.set(true)>
                    {label}
                </button>
            }
        >
            <div class="cw-discard-confirm" role="alertdialog" aria-labelledby=question_id.clone()>
                <p id=question_id.clone()>{question}</p>
                <button type="button" class="cw-button cw-button-warning" data-action=format!("{action}-yes") on:click=move |_| { confirming.set(false); on_yes.run(()); }>
                    {yes}
                </button>
                <button type="button" class="cw-button cw-button-secondary" data-action=format!("{action}-no") on:click=move |_| confirming.set(false)>
                    {no}
                </button>
            </div>
        </Show>
    }
}
