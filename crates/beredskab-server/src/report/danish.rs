//! Danish formatting: 1.234 for numbers, 27.11.2026 for dates, "1. kvartal".

use chrono::NaiveDate;

/// Thousands separated by a dot: 1.234.567.
pub fn number(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// A share in whole per cent with a Danish decimal comma when needed: "87 %", "12,5 %".
pub fn percent(part: u64, whole: u64) -> String {
    if whole == 0 {
        return "–".into();
    }
    let tenths = (part as f64 * 1000.0 / whole as f64).round() as u64;
    if tenths.is_multiple_of(10) {
        format!("{} %", number(tenths / 10))
    } else {
        format!("{},{} %", number(tenths / 10), tenths % 10)
    }
}

pub fn date(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

/// "1. kvartal" for quarter 1.
pub fn quarter(q: u32) -> String {
    format!("{q}. kvartal")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn danish_numbers_dates_and_quarters() {
        assert_eq!(number(0), "0");
        assert_eq!(number(999), "999");
        assert_eq!(number(1234), "1.234");
        assert_eq!(number(1_234_567), "1.234.567");
        assert_eq!(percent(87, 100), "87 %");
        assert_eq!(percent(1, 8), "12,5 %");
        assert_eq!(percent(3, 0), "–");
        assert_eq!(
            date(NaiveDate::from_ymd_opt(2026, 11, 27).expect("date")),
            "27.11.2026"
        );
        assert_eq!(quarter(1), "1. kvartal");
    }
}
