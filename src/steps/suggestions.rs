use case_core::msg;
use leptos::prelude::*;

use crate::i18n::use_i18n;
use crate::wizard::Wizard;

/// The articles that match what the customer has written, under the description. A polite
/// live region says how many there are when that changes, not on every keystroke.
#[component]
pub fn Suggestions() -> impl IntoView {
    suggestions()
}

/// A build without the `suggestions` feature shows none.
#[cfg(not(feature = "suggestions"))]
fn suggestions() {}

#[cfg(feature = "suggestions")]
fn suggestions() -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let i18n = use_i18n();
    let count = Memo::new(move |_| wizard.suggestions.shown.with(Vec::len));
    view! {
        <p class="cw-visually-hidden" aria-live="polite">
            {move || (count.get() > 0).then(|| i18n.ta(msg::SUGGEST_COUNT, &[("n", count.get().into())]))}
        </p>
        {move || (count.get() > 0).then(|| view! {
            <section class="cw-suggestions" aria-labelledby="cw-suggestions-heading">
                <h3 class="cw-suggestions-heading" id="cw-suggestions-heading">{move || i18n.t(msg::SUGGEST_HEADING)}</h3>
                <ArticleList />
            </section>
        })}
    }
}

/// The suggested articles as links that open in a new tab, the draft kept.
#[component]
pub fn ArticleList() -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let i18n = use_i18n();
    view! {
        <ul class="cw-articles">
            {move || wizard.suggestions.shown.get().into_iter().map(|article| {
                let id = article.id.clone();
                view! {
                    <li class="cw-article" data-article=article.id.clone()>
                        <a
                            class="cw-article-link"
                            href=article.url
                            target="_blank"
                            rel="noopener noreferrer"
                            on:click=move |_| wizard.article_opened(&id)
                        >
                            {article.title}
                            <span class="cw-visually-hidden">" "{move || i18n.t(msg::SUGGEST_NEW_TAB)}</span>
                        </a>
                        <p class="cw-hint cw-article-summary">{article.summary}</p>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
