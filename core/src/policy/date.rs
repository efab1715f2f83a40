//! Dates for the `Date*` condition operators: ISO 8601 text or seconds since the Unix epoch,
//! turned into milliseconds since the epoch. The core reads no clock: the request supplies
//! `aws:CurrentTime` or `aws:EpochTime` when a policy asks about the time.

/// Milliseconds since 1970-01-01T00:00:00Z.
pub type EpochMillis = i64;

/// Reads a date as IAM accepts it: `2020-01-01`, `2020-01-01T12:00:00Z`,
/// `2020-01-01T12:00:00.123+02:00`, `2020-01-01T12:00Z`, or whole seconds since the epoch
/// (`1577836800`). Returns `None` for anything else, including impossible dates.
pub fn parse(text: &str) -> Option<EpochMillis> {
    let text = text.trim();
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        let secs: i64 = text.parse().ok()?;
        return secs.checked_mul(1000);
    }
    let b = text.as_bytes();
    let year = num(b, 0, 4)?;
    expect(b, 4, b'-')?;
    let month = num(b, 5, 2)?;
    expect(b, 7, b'-')?;
    let day = num(b, 8, 2)?;
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return None;
    }
    let days = days_from_civil(year, month, day);
    let mut millis = days.checked_mul(86_400_000)?;
    if b.len() == 10 {
        return Some(millis);
    }
    if !matches!(b.get(10), Some(b'T' | b't' | b' ')) {
        return None;
    }
    let hour = num(b, 11, 2)?;
    expect(b, 13, b':')?;
    let minute = num(b, 14, 2)?;
    let mut at = 16;
    let mut second = 0;
    let mut frac_millis = 0;
    if b.get(at) == Some(&b':') {
        second = num(b, at + 1, 2)?;
        at += 3;
        if b.get(at) == Some(&b'.') {
            at += 1;
            let start = at;
            while b.get(at).is_some_and(u8::is_ascii_digit) {
                at += 1;
            }
            let digits = b.get(start..at)?;
            if digits.is_empty() {
                return None;
            }
            let mut scale = 100;
            for d in digits.iter().take(3) {
                frac_millis += i64::from(d - b'0') * scale;
                scale /= 10;
            }
        }
    }
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let offset_minutes = match b.get(at) {
        None => 0,
        Some(b'Z' | b'z') if at + 1 == b.len() => 0,
        Some(&sign @ (b'+' | b'-')) => {
            let oh = num(b, at + 1, 2)?;
            let colon = usize::from(b.get(at + 3) == Some(&b':'));
            let om = num(b, at + 3 + colon, 2)?;
            if at + 5 + colon != b.len() || oh > 23 || om > 59 {
                return None;
            }
            let m = oh * 60 + om;
            if sign == b'+' { m } else { -m }
        }
        _ => return None,
    };
    let secs = hour * 3600 + minute * 60 + second - offset_minutes * 60;
    millis = millis.checked_add(secs * 1000 + frac_millis)?;
    Some(millis)
}

fn num(b: &[u8], at: usize, len: usize) -> Option<i64> {
    let digits = b.get(at..at + len)?;
    let mut v = 0i64;
    for d in digits {
        if !d.is_ascii_digit() {
            return None;
        }
        v = v * 10 + i64::from(d - b'0');
    }
    Some(v)
}

fn expect(b: &[u8], at: usize, c: u8) -> Option<()> {
    (b.get(at) == Some(&c)).then_some(())
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        let cases = [
            ("1970-01-01", Some(0)),
            ("1970-01-01T00:00:00Z", Some(0)),
            ("2020-01-01T00:00:00Z", Some(1_577_836_800_000)),
            ("1577836800", Some(1_577_836_800_000)),
            ("2020-01-01T02:00:00+02:00", Some(1_577_836_800_000)),
            ("2020-01-01T02:00:00+0200", Some(1_577_836_800_000)),
            ("2019-12-31T23:00:00-01:00", Some(1_577_836_800_000)),
            ("2020-01-01T00:00Z", Some(1_577_836_800_000)),
            ("2020-01-01T00:00:00.250Z", Some(1_577_836_800_250)),
            ("2020-02-29", Some(1_582_934_400_000)),
            ("2019-02-29", None),
            ("2020-13-01", None),
            ("2020-01-01T24:00:00Z", None),
            ("2020-01-01T00:00:00Zjunk", None),
            ("yesterday", None),
            ("", None),
            ("99999999999999999999", None),
        ];
        for (text, want) in cases {
            assert_eq!(parse(text), want, "{text}");
        }
    }
}
