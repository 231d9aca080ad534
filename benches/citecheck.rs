//! Cite-check scaling benchmark (not a test): check time against total source size and
//! excerpt count. Run with `cargo bench --bench citecheck`; `benches/run.sh` records it.
//!
//! The corpus is synthetic and deterministic: sources of pseudo-random words with page
//! markers, and excerpts cut from them (every tenth one altered so it must fail and
//! produce a diff). If checking were quadratic, doubling both would quadruple the time.

// Test and benchmark code may panic on broken fixtures: that is how it fails.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::time::Instant;

use casefile::quote::{Pinpoint, Prepared, Relax, check};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const WORDS: &[&str] = &[
    "the",
    "agency",
    "award",
    "contract",
    "protest",
    "record",
    "officials",
    "evaluation",
    "price",
    "scenario",
    "storage",
    "decision",
    "court",
    "review",
    "bias",
    "pressure",
    "source",
    "selection",
    "board",
    "council",
    "authority",
    "proposal",
    "technical",
    "cloud",
    "defense",
    "department",
    "president",
    "secretary",
    "deposition",
    "supplement",
    "motion",
    "memorandum",
    "prejudice",
    "rational",
    "basis",
    "arbitrary",
    "capricious",
    "discovery",
];

fn corpus(
    bytes: usize,
    excerpts: usize,
    seed: u64,
) -> (Vec<String>, Vec<(usize, String, casefile::model::Pages)>) {
    let mut rng = Rng(seed);
    let n_sources = 8;
    let mut sources = Vec::new();
    for _ in 0..n_sources {
        let mut s = String::with_capacity(bytes / n_sources + 64);
        let mut page = 1;
        s.push_str("[[page 1]]\n");
        let mut since = 0;
        while s.len() < bytes / n_sources {
            s.push_str(WORDS[rng.below(WORDS.len())]);
            // A unique-ish token now and then, as real text has names and numbers.
            if rng.below(7) == 0 {
                s.push_str(&format!(" n{}", rng.next() % 100_000));
            }
            s.push(if rng.below(12) == 0 { '\n' } else { ' ' });
            since += 1;
            if since > 400 {
                page += 1;
                since = 0;
                s.push_str(&format!("\n[[page {page}]]\n"));
            }
        }
        sources.push(s);
    }
    let prepared: Vec<Prepared> = sources.iter().map(|s| Prepared::new(s)).collect();
    let mut out = Vec::new();
    for k in 0..excerpts {
        let si = rng.below(n_sources);
        let words: Vec<&str> = sources[si]
            .split_whitespace()
            .filter(|w| !w.starts_with("[[") && !w.ends_with("]]"))
            .collect();
        let start = rng.below(words.len().saturating_sub(40).max(1));
        let len = 8 + rng.below(30);
        let mut q = words[start..(start + len).min(words.len())].join(" ");
        if k % 10 == 9 {
            q = q.replacen(' ', " not ", 1);
        }
        let st = check(&prepared[si], &q, Pinpoint::default(), Relax::default());
        let page = st
            .found()
            .and_then(|f| f.page)
            .unwrap_or(casefile::model::Pages::one(1));
        out.push((si, q, page));
    }
    (sources, out)
}

fn run(bytes: usize, excerpts: usize) -> (f64, usize) {
    let (sources, ex) = corpus(
        bytes,
        excerpts,
        0x5eed_cafe ^ bytes as u64 ^ excerpts as u64,
    );
    let t = Instant::now();
    let prepared: Vec<Prepared> = sources.iter().map(|s| Prepared::new(s)).collect();
    let mut failures = 0;
    for (si, q, page) in &ex {
        let st = check(
            &prepared[*si],
            q,
            Pinpoint {
                page: Some(*page),
                paragraph: None,
                footnote: None,
            },
            Relax::default(),
        );
        if std::env::var_os("CITECHECK_DEBUG").is_some() && st.is_failure() && !q.contains(" not ")
        {
            eprintln!("{st:?}\n  {q}");
        }
        failures += usize::from(st.is_failure());
    }
    (t.elapsed().as_secs_f64(), failures)
}

fn table(title: &str, points: &[(usize, usize)]) {
    println!("\n{title}\n");
    println!(
        "| source text | excerpts | check time | time / first row | input / first row | failures found |"
    );
    println!("|---:|---:|---:|---:|---:|---:|");
    let mut first = None;
    for &(mb, excerpts) in points {
        let (secs, failures) = run(mb * 1_000_000, excerpts);
        let (t0, m0, e0) = *first.get_or_insert((secs, mb, excerpts));
        let growth = (mb as f64 / m0 as f64).max(excerpts as f64 / e0 as f64);
        println!(
            "| {mb} MB | {excerpts} | {secs:.3} s | {:.2}x | {growth:.0}x | {failures} |",
            secs / t0
        );
    }
}

fn main() {
    table(
        "Both grow together",
        &[(1, 1000), (2, 2000), (4, 4000), (8, 8000)],
    );
    table(
        "Source text grows, excerpts fixed",
        &[(1, 1000), (2, 1000), (4, 1000), (8, 1000)],
    );
    table(
        "Excerpts grow, source text fixed",
        &[(1, 1000), (1, 2000), (1, 4000), (1, 8000)],
    );
}
