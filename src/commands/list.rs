//! `casefile list`: the cases with their court, docket and status.

use super::Outcome;
use crate::config::ListConfig;
use crate::load;
use crate::pipeline::slug_of;
use crate::report::{Format, Reporter};

pub fn run(cfg: &ListConfig, reporter: &Reporter) -> Outcome {
    let dirs = match load::discover(&cfg.cases) {
        Ok(d) => d,
        Err(e) => return Outcome::failed(e),
    };
    let forums = match load::forums(&cfg.templates) {
        Ok(f) => f,
        Err(e) => return Outcome::failed(e),
    };
    let mut rows = Vec::new();
    for dir in dirs {
        let slug = slug_of(&dir);
        let row = match load::load_case(&dir, &forums) {
            Ok(c) => {
                let i = &c.data.case.value;
                serde_json::json!({
                    "case": slug, "title": i.short_title, "docket": i.docket,
                    "status": i.status.label(), "loads": true,
                })
            }
            Err(_) => serde_json::json!({ "case": slug, "loads": false }),
        };
        rows.push(row);
    }
    match reporter.format {
        Format::Json => Outcome {
            report: Some(serde_json::json!({ "cases": rows })),
            ..Outcome::default()
        },
        Format::Human => {
            let table: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    let s = |k: &str| r[k].as_str().unwrap_or_default().to_string();
                    if r["loads"] == true {
                        vec![s("case"), s("title"), s("docket"), s("status")]
                    } else {
                        let case = s("case");
                        let note = format!("(does not load: run `casefile check {case}`)");
                        vec![case, note]
                    }
                })
                .collect();
            reporter.table(&table);
            Outcome::default()
        }
    }
}
