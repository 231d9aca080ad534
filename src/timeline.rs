//! The chronology drawn as an inline SVG: a vertical axis with dates to scale, one dot per
//! event, and labels that link to the event's row. Generated here (not by a template) so
//! that every string from the case is XML-escaped in one place.

use crate::markdown::xml;
use std::fmt::Write as _;

use crate::model::Date;

/// One event to draw.
pub struct Point<'a> {
    pub date: Date,
    pub label: &'a str,
    pub anchor: &'a str,
    pub when: String,
}

fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max - 1).collect();
        t.push('…');
        t
    }
}

const WIDTH: i64 = 720;
const AXIS_X: i64 = 110;
const LABEL_X: i64 = 150;
const ROW: i64 = 18;
const TOP: i64 = 20;

/// An `<svg>` for the events (already in date order). Empty when there are none.
pub fn svg(points: &[Point<'_>], title: &str) -> String {
    let (Some(first), Some(last)) = (points.first(), points.last()) else {
        return String::new();
    };
    let (d0, d1) = (
        first.date.ordinal(),
        last.date.ordinal().max(first.date.ordinal() + 1),
    );
    // Scale: at least a row per event, and about 2 px a week for long spans.
    let span_px = ((d1 - d0) / 2).max(ROW * points.len() as i64);
    let y_of = |d: &Date| TOP + (d.ordinal() - d0) * span_px / (d1 - d0);
    let mut labels_y = Vec::with_capacity(points.len());
    let mut next_free = TOP;
    for p in points {
        let y = y_of(&p.date).max(next_free);
        labels_y.push(y);
        next_free = y + ROW;
    }
    let height = next_free.max(TOP + span_px) + TOP;
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height}\" width=\"100%\" aria-labelledby=\"timeline-title\">\
<title id=\"timeline-title\">{}</title>",
        xml(title)
    );
    let _ = write!(
        s,
        "<line x1=\"{AXIS_X}\" y1=\"{TOP}\" x2=\"{AXIS_X}\" y2=\"{}\" stroke=\"#555\" stroke-width=\"2\"/>",
        TOP + span_px
    );
    // Year ticks.
    let (y0, y1) = (first.date.year, last.date.year);
    for year in y0..=y1 {
        let d = Date {
            year,
            month: 1,
            day: 1,
            qual: crate::model::Qualifier::Exact,
        };
        if d.ordinal() < d0 {
            continue;
        }
        let y = y_of(&d);
        let _ = write!(
            s,
            "<line x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"#555\"/><text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"12\" fill=\"#1a1a1a\">{year}</text>",
            AXIS_X - 8,
            AXIS_X + 8,
            AXIS_X - 12,
            y + 4
        );
    }
    for (p, ly) in points.iter().zip(&labels_y) {
        let y = y_of(&p.date);
        let _ = write!(
            s,
            "<circle cx=\"{AXIS_X}\" cy=\"{y}\" r=\"4\" fill=\"#1d4e89\"/>\
<line x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{}\" stroke=\"#999\"/>\
<a href=\"#{}\"><text x=\"{LABEL_X}\" y=\"{}\" font-size=\"12\" fill=\"#1d4e89\">{}: {}</text></a>",
            AXIS_X + 4,
            LABEL_X - 4,
            ly - 4,
            xml(p.anchor),
            ly,
            xml(&p.when),
            xml(&clip(p.label, 80))
        );
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_labels_and_keeps_order() {
        let pts = [
            Point {
                date: Date::parse("2019-10-25").unwrap(),
                label: "<script>alert(1)</script>",
                anchor: "ev-a",
                when: "Oct. 25, 2019".into(),
            },
            Point {
                date: Date::parse("2019-10-25").unwrap(),
                label: "Same day & more",
                anchor: "ev-b",
                when: "Oct. 25, 2019".into(),
            },
            Point {
                date: Date::parse("2021-07-09").unwrap(),
                label: "Dismissed",
                anchor: "ev-c",
                when: "July 9, 2021".into(),
            },
        ];
        let s = svg(&pts, "Chronology");
        assert!(!s.contains("<script"));
        assert!(s.contains("&lt;script&gt;"));
        assert!(s.contains("Same day &amp; more"));
        assert!(s.contains(">2020</text>") && s.contains(">2021</text>"));
        assert!(s.find("ev-a").unwrap() < s.find("ev-c").unwrap());
        assert!(svg(&[], "x").is_empty());
    }
}
