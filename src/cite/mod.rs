//! The citation engine: parses `[@id, pin]` citations in Markdown bodies, formats them in
//! Bluebook style (full form first, short form after, *Id.* for the immediately preceding
//! authority, *supra* for secondary sources), writes the prose around them (citation
//! sentences and clauses, quotations, footnotes), and records where each authority is
//! cited for the table of authorities.
//!
//! - [`syntax`]: finding and parsing the brackets;
//! - [`forms`]: the citation forms and the order of authorities;
//! - [`library`]: the case's citable records, indexed once;
//! - [`tracker`]: which form a citation takes, given what came before;
//! - [`prose`]: a body with its citations written out, made safe for the page.

pub mod forms;
pub mod library;
pub mod prose;
pub mod syntax;
pub mod tracker;

pub use forms::{Forms, Parens, Target, order_rank, pin_page, required_fields, toa_group, toa_key};
pub use library::{Cut, Library};
pub use syntax::{Cite, Found, Item, Signal, scan};
pub use tracker::{Form, Logged, Mode, Request, Tracker};
