//! The short-form state machine: which form each citation takes, given what came before.

use std::collections::HashSet;

use super::forms::{Target, excerpt_pin, full, id_form, is_record, short};

/// The short-form state machine. One per document (a brief, an outline).
#[derive(Debug, Default)]
pub struct Tracker {
    seen: HashSet<String>,
    /// The authority of the immediately preceding citation, if it stood alone.
    last: Option<String>,
    /// Its pinpoint: *Id.* alone means the same page.
    last_pin: Option<String>,
    /// Every citation made, in order (for `check --format json` and the eyecite test).
    pub log: Vec<Logged>,
}

/// Which form a citation took.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Form {
    Full,
    Short,
    Id,
    Supra,
}

/// One citation as made: what it cites, in which form, and the Markdown produced.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Logged {
    pub id: String,
    pub form: Form,
    pub pin: Option<String>,
    pub text: String,
}

impl Tracker {
    /// Forget the immediately preceding citation (a new section, a string cite, a quote
    /// of another source): the next citation cannot be *Id.*.
    pub fn break_chain(&mut self) {
        self.last = None;
    }

    /// Format one citation and advance the state.
    pub fn cite(&mut self, t: Target<'_>, pin: Option<&str>, capital: bool, alone: bool) -> String {
        let key = t.key().to_string();
        let pin_owned = match (pin, t) {
            (None, Target::Excerpt(e, _)) => excerpt_pin(e),
            (p, _) => p.map(str::to_string),
        };
        let pin = pin_owned.as_deref();
        let (form, out) = if self.last.as_deref() == Some(key.as_str()) {
            let same = pin == self.last_pin.as_deref();
            (Form::Id, id_form(if same { None } else { pin }, capital))
        } else if self.seen.contains(&key) {
            let f = match t {
                Target::Authority(_) => Form::Short,
                Target::Source(s) | Target::Excerpt(_, s) if is_record(s) => Form::Short,
                _ => Form::Supra,
            };
            (f, short(t, pin))
        } else {
            (Form::Full, full(t, pin))
        };
        self.log.push(Logged {
            id: key.clone(),
            form,
            pin: pin_owned.clone(),
            text: out.clone(),
        });
        self.seen.insert(key.clone());
        self.last = alone.then_some(key);
        self.last_pin = pin_owned;
        out
    }
}
