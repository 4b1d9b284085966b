//! Invoice arithmetic, in integers only, shared by the server (the authority) and the staff
//! editor (live totals that match the server's to the cent).
//!
//! Amounts are in the currency's minor units (cents; yen have none). Quantities are in
//! thousandths (`1500` = 1.5), so up to three decimals. Percentages are in basis points (`2000`
//! = 20%). The rounding rule, in one place: **half away from zero**, applied to each line's amount,
//! then to the discount and to each tax on the totals. Intermediate products are `i128`, so no
//! realistic invoice overflows and no float ever touches money.

use serde::{Deserialize, Serialize};

/// `numerator / denominator`, rounded half away from zero. `denominator` must be positive.
pub fn div_round(numerator: i128, denominator: i128) -> i128 {
    debug_assert!(denominator > 0);
    let half = denominator / 2;
    if numerator >= 0 {
        (numerator + half) / denominator
    } else {
        -((-numerator + half) / denominator)
    }
}

/// A line's amount: quantity (thousandths) × unit price (minor units), rounded.
pub fn line_amount(quantity_milli: i64, unit_price: i64) -> i64 {
    clamp(div_round(
        i128::from(quantity_milli) * i128::from(unit_price),
        1000,
    ))
}

/// `amount` × `basis_points` / 10,000, rounded.
pub fn percent_of(amount: i64, basis_points: i64) -> i64 {
    clamp(div_round(
        i128::from(amount) * i128::from(basis_points),
        10_000,
    ))
}

fn clamp(v: i128) -> i64 {
    i64::try_from(v).unwrap_or(if v < 0 { i64::MIN } else { i64::MAX })
}

/// How an invoice is discounted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Discount {
    /// A percentage of the subtotal, in basis points (`1000` = 10%).
    Percent { basis_points: i64 },
    /// A fixed amount in minor units (never more than the subtotal).
    Fixed { amount: i64 },
}

/// The totals of an invoice, all in minor units.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Totals {
    pub subtotal: i64,
    pub discount: i64,
    /// One amount per tax, in the order given.
    pub taxes: Vec<i64>,
    pub tax: i64,
    pub total: i64,
    pub paid: i64,
    pub balance: i64,
}

/// Totals of lines `(quantity_milli, unit_price)`, a discount, tax rates (basis points) applied
/// after the discount, and payments made.
pub fn totals(
    lines: &[(i64, i64)],
    discount: Option<Discount>,
    tax_rates: &[i64],
    payments: &[i64],
) -> Totals {
    let subtotal: i64 = lines
        .iter()
        .map(|(q, p)| line_amount(*q, *p))
        .fold(0_i64, i64::saturating_add);
    let discount = match discount {
        None => 0,
        Some(Discount::Percent { basis_points }) => percent_of(subtotal, basis_points),
        Some(Discount::Fixed { amount }) => amount.clamp(0, subtotal.max(0)),
    };
    let taxable = subtotal - discount;
    let taxes: Vec<i64> = tax_rates.iter().map(|r| percent_of(taxable, *r)).collect();
    let tax = taxes.iter().fold(0_i64, |a, t| a.saturating_add(*t));
    let total = taxable.saturating_add(tax);
    let paid = payments.iter().fold(0_i64, |a, p| a.saturating_add(*p));
    Totals {
        subtotal,
        discount,
        taxes,
        tax,
        total,
        paid,
        balance: total - paid,
    }
}

/// Digits after the decimal point of an ISO 4217 currency (2 unless listed).
pub fn minor_unit_exponent(currency: &str) -> u32 {
    match currency {
        "BIF" | "CLP" | "DJF" | "GNF" | "ISK" | "JPY" | "KMF" | "KRW" | "PYG" | "RWF" | "UGX"
        | "UYI" | "VND" | "VUV" | "XAF" | "XOF" | "XPF" => 0,
        "BHD" | "IQD" | "JOD" | "KWD" | "LYD" | "OMR" | "TND" => 3,
        _ => 2,
    }
}

/// Currencies Atrium accepts (ISO 4217 codes in common use).
pub const CURRENCIES: &[&str] = &[
    "AED", "AUD", "BHD", "BRL", "CAD", "CHF", "CLP", "CNY", "CZK", "DKK", "EUR", "GBP", "HKD",
    "HUF", "IDR", "ILS", "INR", "ISK", "JOD", "JPY", "KRW", "KWD", "MXN", "MYR", "NOK", "NZD",
    "OMR", "PHP", "PLN", "RON", "SAR", "SEK", "SGD", "THB", "TND", "TRY", "TWD", "USD", "VND",
    "ZAR",
];

/// `amount` (minor units) as text with its currency: `EUR 1,234.50`, `JPY 1,200`.
pub fn format(amount: i64, currency: &str) -> String {
    let exp = minor_unit_exponent(currency);
    let scale = 10_i64.pow(exp);
    let sign = if amount < 0 { "-" } else { "" };
    let abs = amount.unsigned_abs();
    let whole = abs / scale.unsigned_abs();
    let frac = abs % scale.unsigned_abs();
    let digits = whole.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    if exp == 0 {
        format!("{currency} {sign}{grouped}")
    } else {
        format!(
            "{currency} {sign}{grouped}.{frac:0width$}",
            width = exp as usize
        )
    }
}

/// Reads a decimal typed by a person (`1,234.5`, `90`, `0.125`) as an integer with `exp`
/// decimals (`exp` 2: minor units of most currencies; 3: quantities). `None` when it is not a
/// number, has more decimals than `exp`, or is negative.
pub fn parse_decimal(text: &str, exp: u32) -> Option<i64> {
    let t: String = text
        .trim()
        .chars()
        .filter(|c| *c != ',' && *c != ' ')
        .collect();
    let (whole, frac) = t.split_once('.').unwrap_or((&t, ""));
    if whole.is_empty() && frac.is_empty()
        || frac.len() > exp as usize
        || !whole.chars().all(|c| c.is_ascii_digit())
        || !frac.chars().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let whole: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let frac_digits = format!("{frac:0<width$}", width = exp as usize);
    let frac: i64 = if exp == 0 {
        0
    } else {
        frac_digits.parse().ok()?
    };
    whole.checked_mul(10_i64.pow(exp))?.checked_add(frac)
}

/// An integer with `exp` decimals as plain text for an input (`1234.5` → `"1234.50"` with 2).
pub fn decimal_text(value: i64, exp: u32) -> String {
    if exp == 0 {
        return value.to_string();
    }
    let scale = 10_i64.pow(exp);
    format!(
        "{}.{:0width$}",
        value / scale,
        (value % scale).abs(),
        width = exp as usize
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_is_half_away_from_zero() {
        assert_eq!(div_round(5, 10), 1);
        assert_eq!(div_round(4, 10), 0);
        assert_eq!(div_round(-5, 10), -1);
        assert_eq!(div_round(-4, 10), 0);
        assert_eq!(div_round(15, 10), 2);
        assert_eq!(div_round(25, 10), 3, "not banker's rounding");
    }

    #[test]
    fn amounts_that_floats_get_wrong_come_out_exact() {
        // 0.1 + 0.2 in floats is 0.30000000000000004; in cents it is 30.
        assert_eq!(totals(&[(1000, 10), (1000, 20)], None, &[], &[]).total, 30);
        // 1.005 × 1000 cents: floats give 1004.9999…; the rule gives 1005.
        assert_eq!(line_amount(1005, 1000), 1005);
        // 3 × 33.335 (quantity 3, price 3333.5 cents as 0.001 × 3,333,500)
        assert_eq!(line_amount(3_333_500, 1), 3334);
        // 19.99 × 3 with 20% VAT: 59.97 + 11.994 → 11.99 tax, 71.96 total.
        let t = totals(&[(3000, 1999)], None, &[2000], &[]);
        assert_eq!((t.subtotal, t.tax, t.total), (5997, 1199, 7196));
        // 8.25% tax on 10.10: 0.833 → 0.83.
        assert_eq!(percent_of(1010, 825), 83);
    }

    #[test]
    fn discount_then_taxes_then_payments() {
        let lines = [(2500, 4000), (1000, 1250)]; // 2.5 × 40.00 + 1 × 12.50 = 112.50
        let t = totals(
            &lines,
            Some(Discount::Percent { basis_points: 1000 }),
            &[2000, 500],
            &[5000],
        );
        assert_eq!(t.subtotal, 11250);
        assert_eq!(t.discount, 1125);
        assert_eq!(t.taxes, vec![2025, 506]); // 20% and 5% of 101.25 (5.0625 → 5.06)
        assert_eq!(t.total, 11250 - 1125 + 2025 + 506);
        assert_eq!(t.balance, t.total - 5000);
        let fixed = totals(&lines, Some(Discount::Fixed { amount: 99_999 }), &[], &[]);
        assert_eq!(
            fixed.discount, 11250,
            "a fixed discount never exceeds the subtotal"
        );
        assert_eq!(fixed.total, 0);
    }

    /// A small deterministic generator (xorshift), so the property test needs no dependency
    /// and fails the same way every time.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self, below: u64) -> i64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            i64::try_from(self.0 % below).unwrap()
        }
    }

    #[test]
    fn random_invoices_add_up_exactly_and_follow_the_rounding_rule() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for _ in 0..5000 {
            let lines: Vec<(i64, i64)> = (0..rng.next(12) + 1)
                .map(|_| (rng.next(100_000) + 1, rng.next(10_000_000)))
                .collect();
            let discount = match rng.next(3) {
                0 => None,
                1 => Some(Discount::Percent {
                    basis_points: rng.next(10_001),
                }),
                _ => Some(Discount::Fixed {
                    amount: rng.next(1_000_000),
                }),
            };
            let rates: Vec<i64> = (0..rng.next(3)).map(|_| rng.next(3000)).collect();
            let payments: Vec<i64> = (0..rng.next(3)).map(|_| rng.next(1_000_000)).collect();
            let t = totals(&lines, discount, &rates, &payments);
            // The identities.
            assert_eq!(t.total, t.subtotal - t.discount + t.tax);
            assert_eq!(t.tax, t.taxes.iter().sum::<i64>());
            assert_eq!(t.balance, t.total - payments.iter().sum::<i64>());
            assert!(t.discount >= 0 && t.discount <= t.subtotal);
            // Each line is its exact product rounded half away from zero (checked in i128).
            let exact: i128 = lines
                .iter()
                .map(|(q, p)| i128::from(*q) * i128::from(*p))
                .map(|milli| (milli * 2 + 1000) / 2000)
                .sum();
            assert_eq!(i128::from(t.subtotal), exact);
            // Each tax is within half a minor unit of the exact percentage.
            for (rate, tax) in rates.iter().zip(&t.taxes) {
                let exact = i128::from(t.subtotal - t.discount) * i128::from(*rate);
                let diff = (i128::from(*tax) * 10_000 - exact).abs();
                assert!(diff * 2 <= 10_000, "tax {tax} for rate {rate}");
            }
        }
    }

    #[test]
    fn typed_decimals_read_exactly() {
        assert_eq!(parse_decimal("1,234.5", 2), Some(123_450));
        assert_eq!(parse_decimal("90", 2), Some(9000));
        assert_eq!(parse_decimal("0.125", 3), Some(125));
        assert_eq!(parse_decimal(".5", 3), Some(500));
        assert_eq!(
            parse_decimal("1.005", 2),
            None,
            "more decimals than the currency has"
        );
        assert_eq!(parse_decimal("-3", 2), None);
        assert_eq!(parse_decimal("abc", 2), None);
        assert_eq!(parse_decimal("", 2), None);
        assert_eq!(parse_decimal("1200", 0), Some(1200));
        assert_eq!(decimal_text(123_450, 2), "1234.50");
        assert_eq!(decimal_text(2500, 3), "2.500");
    }

    #[test]
    fn amounts_read_with_their_currency() {
        assert_eq!(format(123_450, "EUR"), "EUR 1,234.50");
        assert_eq!(format(1200, "JPY"), "JPY 1,200");
        assert_eq!(format(-5, "USD"), "USD -0.05");
        assert_eq!(format(1_234_567, "KWD"), "KWD 1,234.567");
    }
}
