use case_core::msg;
use leptos::prelude::*;

use super::nav::StepNav;
use super::suggestions::ArticleList;
use crate::i18n::use_i18n;
use crate::ui::{Confirmed, StepHeading};
use crate::wizard::Wizard;

/// "Solve now or contact us", before the contact step: the best articles, "This solved my
/// problem" (confirmed, then nothing is filed) and "Continue with my case".
#[component]
pub fn SolveNow() -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let i18n = use_i18n();
    view! {
        <StepHeading text=move || i18n.t(msg::SOLVE_HEADING) />
        <p>{move || i18n.t(msg::SOLVE_INTRO)}</p>
        <ArticleList />
        <div class="cw-solved">
            <Confirmed
                action="solved"
                label=move || i18n.t(msg::ACTION_SOLVED)
                question=move || i18n.t(msg::SOLVE_CONFIRM)
                yes=move || i18n.t(msg::ACTION_SOLVED_YES)
                no=move || i18n.t(msg::ACTION_SOLVED_NO)
                on_yes=Callback::new(move |()| wizard.solved())
            />
        </div>
        <StepNav primary=move || i18n.t(msg::ACTION_CONTINUE_CASE) />
    }
}
