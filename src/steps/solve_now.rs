use case_core::msg;
use leptos::prelude::*;

use super::nav::StepNav;
use super::suggestions::ArticleList;
use crate::i18n::use_i18n;
use crate::ui::StepHeading;
use crate::wizard::Wizard;

/// "Solve now or contact us", before the contact step: the best articles, "This solved my
/// problem" (confirmed, then nothing is filed) and "Continue with my case".
#[component]
pub fn SolveNow() -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let i18n = use_i18n();
    let confirming = RwSignal::new(false);
    view! {
        <StepHeading text=move || i18n.t(msg::SOLVE_HEADING) />
        <p>{move || i18n.t(msg::SOLVE_INTRO)}</p>
        <ArticleList />
        <div class="cw-solved">
            <Show
                when=move || confirming.get()
                fallback=move || view! {
                    <button type="button" class="cw-button cw-button-secondary" data-action="solved" on:click=move |_| confirming.set(true)>
                        {move || i18n.t(msg::ACTION_SOLVED)}
                    </button>
                }
            >
                <div class="cw-discard-confirm" role="alertdialog" aria-labelledby="cw-solved-question">
                    <p id="cw-solved-question">{move || i18n.t(msg::SOLVE_CONFIRM)}</p>
                    <button type="button" class="cw-button cw-button-warning" data-action="solved-yes" on:click=move |_| wizard.solved()>
                        {move || i18n.t(msg::ACTION_SOLVED_YES)}
                    </button>
                    <button type="button" class="cw-button cw-button-secondary" data-action="solved-no" on:click=move |_| confirming.set(false)>
                        {move || i18n.t(msg::ACTION_SOLVED_NO)}
                    </button>
                </div>
            </Show>
        </div>
        <StepNav primary=Signal::derive(move || i18n.t(msg::ACTION_CONTINUE_CASE)) />
    }
}
