use leptos::prelude::*;

use crate::i18n::use_i18n;
use crate::ui::Confirmed;
use crate::wizard::Wizard;
use case_core::msg;

/// "Discard draft", confirmed inline before anything is removed.
#[component]
pub fn DiscardDraft() -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let i18n = use_i18n();
    view! {
        <div class="cw-discard">
            <Confirmed
                action="discard"
                as_link=true
                label=move || i18n.t(msg::ACTION_DISCARD)
                question=move || i18n.t(msg::DISCARD_CONFIRM)
                yes=move || i18n.t(msg::ACTION_DISCARD_YES)
                no=move || i18n.t(msg::ACTION_DISCARD_NO)
                on_yes=Callback::new(move |()| wizard.discard())
            />
        </div>
    }
}
