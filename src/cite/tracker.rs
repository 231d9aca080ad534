//! The short-form state machine: which form each citation takes, given what came before
//! in the same document.

use std::collections::HashSet;

use super::forms::{Forms, Parens, Short, Target, excerpt_pin, id_form};
use super::library::Library;
use crate::error::Loc;
use crate::model::Date;

/// How a citation stands in its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A citation sentence or clause.
    Citation,
    /// The authority named in running text (`As @axiom [at 1380] held`): never *Id.*.
    Narrative,
}

/// One citation to make.
#[derive(Debug, Clone, Copy)]
pub struct Request<'r> {
    pub pin: Option<&'r str>,
    pub parens: Parens<'r>,
    /// Capitalized (`*Id.*`) because it opens a citation sentence.
    pub capital: bool,
    /// It stands alone (not in a string), so the next citation may be *Id.*
    pub alone: bool,
    pub mode: Mode,
    /// Where it is written, for diagnostics about it.
    pub at: Option<&'r Loc>,
    /// Its signal, as written (`cf.`), if any.
    pub signal: Option<&'static str>,
}

impl Default for Request<'_> {
    fn default() -> Self {
        Request {
            pin: None,
            parens: Parens::default(),
            capital: true,
            alone: true,
            mode: Mode::Citation,
            at: None,
            signal: None,
        }
    }
}

/// The short-form state machine. One per document (a brief, an outline).
#[derive(Debug, Default)]
pub struct Tracker {
    seen: HashSet<String>,
    /// The authority of the immediately preceding citation, if it stood alone.
    last: Option<String>,
    /// Its pinpoint: *Id.* alone means the same page.
    last_pin: Option<String>,
    /// The document's date: subsequent history after it is not printed.
    pub as_of: Option<Date>,
    /// Every citation made, in order (for `check --format json`, the lint and the eyecite
    /// test).
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
    /// A later citation that would have been a short form but has no pinpoint, so it was
    /// given in full (rule 10.9).
    pub repeated_without_pin: bool,
    /// Its signal, if any.
    pub signal: Option<&'static str>,
    /// Whether it has an explanatory parenthetical.
    pub explained: bool,
    /// The excerpt it quotes or cites, if any (`id` is then its source or authority).
    #[serde(skip)]
    pub excerpt: Option<String>,
    #[serde(skip)]
    pub at: Option<Loc>,
}

impl Tracker {
    /// A tracker for a document dated `as_of`.
    pub fn dated(as_of: Option<Date>) -> Tracker {
        Tracker {
            as_of,
            ..Tracker::default()
        }
    }

    /// Forget the immediately preceding citation (a new section, a string cite, a quote
    /// of another source): the next citation cannot be *Id.*.
    pub fn break_chain(&mut self) {
        self.last = None;
    }

    /// Format one citation and advance the state.
    pub fn cite(&mut self, lib: &Library<'_>, t: Target<'_>, r: Request<'_>) -> String {
        let forms = Forms {
            lib,
            as_of: self.as_of,
        };
        let key = t.key().to_string();
        let pin_owned = match (r.pin, t) {
            (None, Target::Excerpt(e, _) | Target::Quoted(e, _)) => excerpt_pin(e),
            (p, _) => p.map(str::to_string),
        };
        let pin = pin_owned.as_deref();
        let mut repeated_without_pin = false;
        let (form, out) = if r.mode == Mode::Citation && self.last.as_deref() == Some(key.as_str())
        {
            let same = pin == self.last_pin.as_deref();
            let mut s = id_form(if same { None } else { pin }, r.capital);
            // A quotation's own parentheticals (`emphasis added`, `footnote omitted`)
            // follow *Id.* as they follow a full citation.
            if let Some(e) = t.excerpt() {
                s.push_str(&forms.quotation_parens(e));
            }
            if let Some(p) = r.parens.explanatory {
                s.push_str(&format!(" ({p})"));
            }
            (Form::Id, s)
        } else if self.seen.contains(&key) {
            match forms.short(t, pin, r.parens) {
                Short::Form(s) => {
                    let f = match t {
                        Target::Source(src) | Target::Excerpt(_, src) if !lib.is_record(src) => {
                            Form::Supra
                        }
                        _ => Form::Short,
                    };
                    (f, s)
                }
                Short::NeedsPin => {
                    repeated_without_pin = true;
                    (Form::Full, forms.full(t, pin, r.parens))
                }
            }
        } else {
            (Form::Full, forms.full(t, pin, r.parens))
        };
        self.log.push(Logged {
            id: key.clone(),
            form,
            pin: pin_owned.clone(),
            text: out.clone(),
            repeated_without_pin,
            signal: r.signal,
            explained: r.parens.explanatory.is_some(),
            excerpt: t.excerpt().map(|e| e.id.value.clone()),
            at: r.at.cloned(),
        });
        self.seen.insert(key.clone());
        self.last = (r.alone && r.mode == Mode::Citation).then_some(key);
        self.last_pin = pin_owned;
        out
    }
}
