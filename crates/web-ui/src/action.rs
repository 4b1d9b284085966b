//! The action + effect pattern every form and button uses: an [`Action`] runs the API call on
//! each dispatch (its `pending()` disables the button), and an effect hands each answer to the
//! component.

use leptos::prelude::*;
use std::future::Future;

/// An action that runs `call` on each dispatch and passes each answer to `done`. `done` runs in
/// an effect, so it may write signals (clear the form, show a notice, report the error).
pub fn action<I, O, Fut>(
    call: impl Fn(&I) -> Fut + 'static,
    done: impl Fn(O) + 'static,
) -> Action<I, O>
where
    I: 'static,
    O: Clone + 'static,
    Fut: Future<Output = O> + 'static,
{
    let action = Action::new_local(call);
    Effect::new(move |_| {
        if let Some(answer) = action.value().get() {
            done(answer);
        }
    });
    action
}
