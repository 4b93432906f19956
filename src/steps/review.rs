use case_core::outcome::MAX_ATTEMPTS;
use leptos::prelude::*;

use super::nav::StepNav;
use crate::i18n::use_i18n;
use crate::ui::StepHeading;
use crate::wizard::{Phase, Retry, Wizard};
use case_core::msg;

/// Every answer as a summary list; with `changes`, each row links back to its step.
#[component]
pub fn Summary(#[prop(optional)] changes: bool) -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let i18n = use_i18n();
    move || {
        let rows = wizard
            .draft
            .answers
            .with(|a| wizard.with_catalog(|c| i18n.summary(c, a)));
        view! {
            <dl class="cw-summary">
                {rows.into_iter().map(|row| {
                    let step = row.step;
                    let change_label = i18n.ta(msg::ACTION_CHANGE_LABEL, &[("question", row.question.as_str().into())]);
                    view! {
                        <div class="cw-summary-row" data-row=row.key>
                            <dt class="cw-summary-key">{row.question}</dt>
                            <dd class="cw-summary-value">
                                {row.answer.into_iter().map(|line| view! { <span class="cw-summary-line">{line}</span> }).collect_view()}
                            </dd>
                            {changes.then(|| view! {
                                <dd class="cw-summary-action">
                                    <button type="button" class="cw-link-button" data-action="change" data-step=step.id() aria-label=change_label on:click=move |_| wizard.change(step)>
                                        {i18n.t(msg::ACTION_CHANGE)}
                                    </button>
                                </dd>
                            })}
                        </div>
                    }
                }).collect_view()}
            </dl>
        }
    }
}

/// Says when the case will be tried again, with "Try now" and "Keep for later".
#[component]
fn RetryNotice() -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let i18n = use_i18n();
    move || match wizard.submission.retry.get() {
        Retry::Waiting { attempt, seconds } => Some(view! {
            <div class="cw-callout" role="status">
                <p>
                    {i18n.ta(
                        msg::SUBMIT_RETRYING,
                        &[("seconds", seconds.into()), ("attempt", attempt.into()), ("max", MAX_ATTEMPTS.into())],
                    )}
                </p>
                <div class="cw-nav">
                    <button type="button" class="cw-button cw-button-secondary" data-action="retry-now" on:click=move |_| wizard.retry_now()>
                        {i18n.t(msg::ACTION_RETRY_NOW)}
                    </button>
                    <button type="button" class="cw-button cw-button-secondary" data-action="keep-for-later" on:click=move |_| wizard.keep_for_later()>
                        {i18n.t(msg::ACTION_KEEP_FOR_LATER)}
                    </button>
                </div>
            </div>
        }),
        _ => None,
    }
}

/// Bytes sent per file and overall while submitting, with a way to stop.
#[component]
fn UploadProgress() -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let i18n = use_i18n();
    let line = move |sent: f64, total: f64| {
        let percent = if total > 0.0 {
            (sent / total * 100.0).floor()
        } else {
            100.0
        };
        i18n.ta(
            msg::UPLOAD_PROGRESS,
            &[
                ("sent", i18n.size(sent as u64).into()),
                ("total", i18n.size(total as u64).into()),
                ("percent", percent.into()),
            ],
        )
    };
    let sizes = move || {
        wizard.draft.answers.with(|a| {
            a.attachments
                .iter()
                .map(|f| (f.name.clone(), f.size as f64))
                .collect::<Vec<_>>()
        })
    };
    let overall = move || {
        let total: f64 = sizes().iter().map(|(_, s)| s).sum();
        let sent: f64 = wizard.submission.progress.with(|p| p.iter().sum());
        (sent.min(total), total)
    };
    // Announced in quarters, so a screen reader is told progress without being flooded.
    let announcement = Memo::new(move |_| {
        let (sent, total) = overall();
        let quarter = if total > 0.0 {
            (sent / total * 4.0).floor() * 25.0
        } else {
            0.0
        };
        i18n.ta(msg::UPLOAD_ANNOUNCE, &[("percent", quarter.into())])
    });
    view! {
        <div class="cw-upload" role="group" aria-labelledby="cw-upload-heading">
            <p id="cw-upload-heading" class="cw-label">{move || i18n.t(msg::UPLOAD_HEADING)}</p>
            <ul class="cw-file-list">
                {move || sizes().into_iter().enumerate().map(|(i, (name, size))| {
                    let sent = move || wizard.submission.progress.with(|p| p.get(i).copied().unwrap_or(0.0)).min(size);
                    view! {
                        <li class="cw-upload-file">
                            <span class="cw-file-name">{name.clone()}</span>
                            <progress class="cw-progress-bar" max=size value=sent aria-label=name></progress>
                            <span class="cw-file-meta">{move || line(sent(), size)}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <progress class="cw-progress-bar cw-progress-total" max=move || overall().1 value=move || overall().0 aria-labelledby="cw-upload-heading"></progress>
            <p class="cw-upload-total">{move || { let (sent, total) = overall(); line(sent, total) }}</p>
            <p class="cw-visually-hidden" aria-live="polite">{announcement}</p>
            <button type="button" class="cw-button cw-button-secondary" data-action="cancel" on:click=move |_| wizard.cancel()>
                {move || i18n.t(msg::ACTION_CANCEL_UPLOAD)}
            </button>
        </div>
    }
}

#[component]
pub fn ReviewStep() -> impl IntoView {
    let wizard = expect_context::<Wizard>();
    let i18n = use_i18n();
    let submitting = move || wizard.submission.phase.get() == Phase::Submitting;
    let label = Signal::derive(move || {
        i18n.t(if submitting() {
            msg::ACTION_SUBMITTING
        } else {
            msg::ACTION_SUBMIT
        })
    });
    view! {
        <StepHeading text=move || i18n.t(msg::STEP_REVIEW) />
        <p class="cw-hint">{move || i18n.t(msg::REVIEW_HINT)}</p>
        <Summary changes=true />
        <Show when=submitting>
            <RetryNotice />
            <UploadProgress />
        </Show>
        <StepNav primary=label />
    }
}
