//! Synthetic corpus generator for benchmarks and load tests.
//!
//!     cargo run --release --example corpus -- --cases 100 --out target/bench/c100 [--seed 7]
//!
//! Writes N cases that look like real ones (parties, people, sources with page markers,
//! excerpts cut from those sources so that they cite-check, authorities, a timeline,
//! depositions, and a brief with sections full of citations and quotations). Every name
//! is plainly synthetic. The same seed gives the same bytes.

// A benchmark tool: it may panic on a broken corpus, and that is how it fails.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::fmt::Write as _;
use std::fs;
use std::path::PathBuf;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const WORDS: &[&str] = &[
    "the",
    "agency",
    "evaluated",
    "proposal",
    "under",
    "price",
    "scenario",
    "storage",
    "technical",
    "factor",
    "record",
    "shows",
    "that",
    "contracting",
    "officer",
    "found",
    "awardee",
    "offered",
    "cloud",
    "services",
    "protester",
    "argues",
    "decision",
    "lacked",
    "rational",
    "basis",
    "source",
    "selection",
    "authority",
    "board",
    "council",
    "reviewed",
    "deficiency",
    "assigned",
    "material",
    "prejudice",
    "substantial",
    "chance",
    "award",
    "solicitation",
    "required",
    "online",
    "data",
    "capability",
    "schedule",
    "discussions",
    "debriefing",
    "questions",
    "answered",
    "late",
    "bias",
    "officials",
    "pressure",
    "memo",
];

fn sentence(r: &mut Rng, words: usize) -> String {
    let mut s = String::new();
    for i in 0..words {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(WORDS[r.below(WORDS.len())]);
    }
    let mut c = s.chars();
    let first = c.next().map(|c| c.to_ascii_uppercase()).unwrap_or('T');
    format!("{first}{}.", c.as_str())
}

fn q(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn case(r: &mut Rng, n: usize, dir: &std::path::Path) -> std::io::Result<()> {
    fs::create_dir_all(dir.join("sources"))?;
    let mut y = String::new();
    let _ = writeln!(y, "# Synthetic benchmark case {n}: not a real protest.");
    let _ = writeln!(
        y,
        "case:\n  title: Synthetic Protester {n}, Inc. v. United States\n  short_title: Synthetic {n}\n  court: United States Court of Federal Claims\n  court_abbreviation: Fed. Cl.\n  docket: No. 99-{n:04}C\n  judge: Synthetic Judge\n  forum: cofc\n  protest_type: post_award\n  status: pending\n  filed: 2020-01-{:02}",
        1 + r.below(28)
    );
    let _ = writeln!(
        y,
        "procurement:\n  agency: Synthetic Agency\n  program: Synthetic Cloud Program {n}\n  solicitation: SYN-{n:05}\n  awardee: awardee\n  award_date: 2019-10-01"
    );
    let _ = writeln!(
        y,
        "parties:\n  - {{ id: protester, name: \"Synthetic Protester {n}, Inc.\", short: Protester, role: plaintiff, counsel: [{{ name: Counsel One, firm: Synthetic LLP, role: attorney_of_record }}] }}\n  - {{ id: us, name: The United States, role: defendant }}\n  - {{ id: awardee, name: Synthetic Awardee Corp., role: intervenor, role_label: Intervenor-Defendant }}"
    );
    let people = 5;
    y.push_str("people:\n");
    for p in 0..people {
        let _ = writeln!(
            y,
            "  - {{ id: person-{p}, name: Synthetic Official {p}, positions: [{{ title: Official {p}, from: 2018-0{} }}] }}",
            1 + p % 9
        );
    }
    // Sources with page markers; excerpts are cut from them.
    let sources = 4;
    let mut texts = Vec::new();
    y.push_str("sources:\n");
    for s in 0..sources {
        let mut t = String::new();
        for page in 1..=6 {
            let _ = writeln!(t, "[[page {page}]]");
            for _ in 0..6 {
                let words = 14 + r.below(12);
                let _ = writeln!(t, "{}\n", sentence(r, words));
            }
        }
        fs::write(dir.join(format!("sources/src-{s}.txt")), &t)?;
        texts.push(t);
        let kind = if s == 0 { "filing" } else { "news" };
        let ecf = if s == 0 { ", ecf: \"12\"" } else { "" };
        let _ = writeln!(
            y,
            "  - {{ id: src-{s}, kind: {kind}, title: Synthetic Source {s}, outlet: Synthetic Outlet, date: 2020-02-{:02}{ecf}, text: {{ file: sources/src-{s}.txt, scope: full }} }}",
            1 + s
        );
    }
    let excerpts = 16;
    y.push_str("excerpts:\n");
    for e in 0..excerpts {
        let s = e % sources;
        let t = &texts[s];
        let pages: Vec<&str> = t.split("[[page ").skip(1).collect();
        let p = r.below(pages.len());
        let body = pages[p].split_once("]]\n").map(|x| x.1).unwrap_or("");
        let sentences: Vec<&str> = body
            .split("\n\n")
            .filter(|x| !x.trim().is_empty())
            .collect();
        // Every fifth excerpt is long enough for a block quote: consecutive sentences.
        let take = if e % 5 == 0 { 4 } else { 1 };
        let first = r.below(sentences.len().saturating_sub(take) + 1);
        let quote: Vec<&str> = sentences
            .iter()
            .skip(first)
            .take(take)
            .map(|x| x.trim())
            .collect();
        let quote = quote.join(" ");
        let _ = writeln!(
            y,
            "  - {{ id: q-{e}, source: src-{s}, page: {}, concerns: [person-{}], quote: {} }}",
            p + 1,
            e % people,
            q(&quote)
        );
    }
    let auths = 12;
    y.push_str("authorities:\n");
    for a in 0..auths {
        let vol = 100 + r.below(900);
        let page = 100 + r.below(1500);
        let _ = writeln!(
            y,
            "  - {{ id: auth-{a}, kind: case, name: \"Synthetic Party {a} v. United States\", short: Synthetic Party {a}, volume: {vol}, reporter: F.4th, page: {page}, last_page: {}, court: Fed. Cir., year: {} }}",
            page + 40,
            2000 + r.below(24)
        );
    }
    let _ = writeln!(
        y,
        "  - {{ id: usc-1491, kind: statute, title: 28, code: U.S.C., section: \"1491\" }}"
    );
    y.push_str("timeline:\n");
    for ev in 0..15 {
        let _ = writeln!(
            y,
            "  - {{ date: 20{}-{:02}-{:02}, title: {}, cites: [q-{}], people: [person-{}] }}",
            19 + ev / 6,
            1 + ev % 12,
            1 + r.below(28),
            q(&sentence(r, 6)),
            ev % excerpts,
            ev % people
        );
    }
    y.push_str("depositions:\n");
    for d in 0..3 {
        let _ = writeln!(
            y,
            "  - deponent: person-{d}\n    status: requested\n    requested_in: src-0\n    why_unavailable: {}\n    topics:",
            q(&format!("{} [@q-{}]", sentence(r, 12), d))
        );
        for t in 0..3 {
            let _ = writeln!(
                y,
                "      - {{ topic: {}, basis: [q-{}, q-{}] }}",
                q(&sentence(r, 8)),
                (d + t) % excerpts,
                (d + t + 5) % excerpts
            );
        }
    }
    y.push_str("brief:\n  title: Synthetic Memorandum\n  filed_by: protester\n  signature: [Counsel One]\n  sections:\n");
    for sct in 0..8 {
        let _ = writeln!(
            y,
            "    - id: sec-{sct}\n      heading: Synthetic Heading {sct}\n      body: |"
        );
        for para in 0..4 {
            let mut line = String::from("        ");
            for c in 0..4 {
                let words = 10 + r.below(10);
                line.push_str(&sentence(r, words));
                let a = r.below(auths);
                match (para + c + sct) % 4 {
                    0 => {
                        let _ = write!(line, " [@auth-{a}, {}]", 0);
                    }
                    1 => {
                        let _ = write!(line, " [see @auth-{a}; @auth-{}]", (a + 1) % auths);
                    }
                    2 => {
                        let _ = write!(line, " [quote @q-{}]", r.below(excerpts));
                    }
                    _ => {
                        let _ = write!(line, " [@usc-1491, (b)(1)]");
                    }
                }
                line.push(' ');
            }
            // Pinpoints must lie inside the reporter pages: use the first page.
            let fixed = line.replace(", 0]", "]");
            let _ = writeln!(y, "{}\n", fixed.trim_end());
        }
    }
    fs::write(dir.join("case.yaml"), y)
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let get = |flag: &str, default: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .cloned()
            .unwrap_or_else(|| default.to_string())
    };
    let n: usize = get("--cases", "10").parse().unwrap_or(10);
    let seed: u64 = get("--seed", "7").parse().unwrap_or(7);
    let out = PathBuf::from(get("--out", "target/bench/corpus"));
    let _ = fs::remove_dir_all(&out);
    let mut r = Rng(0x9e37_79b9_7f4a_7c15 ^ seed);
    for i in 0..n {
        case(&mut r, i, &out.join(format!("case-{i:05}")))?;
    }
    println!("wrote {n} cases to {}", out.display());
    Ok(())
}
