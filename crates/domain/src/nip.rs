//! NIP, the 18-digit personnel number.
//!
//! Source: BKN numbering of PNS (see `shared/domain/RULES.md`, "Personnel identifiers"):
//! birth date YYYYMMDD + TMT CPNS YYYYMM + gender digit (1 male, 2 female) + 3-digit
//! sequence. PPPK numbers follow a similar 18-digit pattern (*check*: not seen in the
//! primary text), so the PPPK validator only asks for the shape and a plausible birth
//! date and gender, and is kept separate so it can be tightened without touching PNS.

use crate::message::Message;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EmploymentStatus {
    Pns,
    Pppk,
}

impl EmploymentStatus {
    pub fn code(self) -> &'static str {
        match self {
            EmploymentStatus::Pns => "pns",
            EmploymentStatus::Pppk => "pppk",
        }
    }

    pub fn parse(s: &str) -> Result<Self, Message> {
        match s.trim().to_ascii_lowercase().as_str() {
            "pns" | "cpns" => Ok(EmploymentStatus::Pns),
            "pppk" => Ok(EmploymentStatus::Pppk),
            _ => Err(Message::InvalidChoice {
                allowed: "PNS, PPPK".into(),
            }),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            EmploymentStatus::Pns => "PNS",
            EmploymentStatus::Pppk => "PPPK",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Nip(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
}

impl Nip {
    /// Parses a NIP for an employee of the given status. Spaces (as printed on ID cards,
    /// "19850312 201001 1 002") are accepted and removed.
    pub fn parse(raw: &str, status: EmploymentStatus) -> Result<Nip, Message> {
        let digits: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
        if !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(Message::NipNotDigits);
        }
        if digits.len() != 18 {
            return Err(Message::NipLength);
        }
        let birth = birth_date(&digits).ok_or(Message::NipBirthDate)?;
        match &digits[14..15] {
            "1" | "2" => {}
            _ => return Err(Message::NipGender),
        }
        if &digits[15..18] == "000" {
            return Err(Message::NipSequence);
        }
        if status == EmploymentStatus::Pns {
            let (year, month) = start_month(&digits).ok_or(Message::NipStartDate)?;
            let adult = birth.year() as i32 + 18;
            // The start is a month; the earliest legal month is the one in which the
            // employee turns 18.
            if (year, month) < (adult, birth.month() as i32) {
                return Err(Message::NipStartBeforeAdult);
            }
        }
        Ok(Nip(digits))
    }

    /// A NIP read back from our own database, already validated when it was written.
    pub fn from_trusted(s: String) -> Nip {
        Nip(s)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn birth_date(&self) -> Option<Date> {
        birth_date(&self.0)
    }

    pub fn gender(&self) -> Gender {
        if &self.0[14..15] == "2" {
            Gender::Female
        } else {
            Gender::Male
        }
    }

    /// The grouped form printed on documents: `19850312 201001 1 002`.
    pub fn display_grouped(&self) -> String {
        let s = &self.0;
        format!("{} {} {} {}", &s[0..8], &s[8..14], &s[14..15], &s[15..18])
    }
}

impl fmt::Display for Nip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn birth_date(d: &str) -> Option<Date> {
    let y: i16 = d[0..4].parse().ok()?;
    let m: i8 = d[4..6].parse().ok()?;
    let day: i8 = d[6..8].parse().ok()?;
    if !(1900..=2100).contains(&y) {
        return None;
    }
    Date::new(y, m, day).ok()
}

fn start_month(d: &str) -> Option<(i32, i32)> {
    let y: i32 = d[8..12].parse().ok()?;
    let m: i32 = d[12..14].parse().ok()?;
    if !(1900..=2100).contains(&y) || !(1..=12).contains(&m) {
        return None;
    }
    Some((y, m))
}

#[cfg(test)]
mod tests {
    use super::*;
    use EmploymentStatus::*;

    #[test]
    fn accepts_a_valid_pns_nip_with_or_without_spaces() {
        let nip = Nip::parse("198503122010011002", Pns).unwrap();
        assert_eq!(nip.as_str(), "198503122010011002");
        assert_eq!(Nip::parse("19850312 201001 1 002", Pns).unwrap(), nip);
        assert_eq!(nip.display_grouped(), "19850312 201001 1 002");
        assert_eq!(nip.gender(), Gender::Male);
        assert_eq!(nip.birth_date(), Some(jiff::civil::date(1985, 3, 12)));
    }

    #[test]
    fn rejects_each_broken_rule() {
        assert_eq!(Nip::parse("1985031220100110", Pns), Err(Message::NipLength));
        assert_eq!(
            Nip::parse("19850312201001100A", Pns),
            Err(Message::NipNotDigits)
        );
        assert_eq!(
            Nip::parse("198502302010011002", Pns),
            Err(Message::NipBirthDate)
        );
        assert_eq!(
            Nip::parse("198513122010011002", Pns),
            Err(Message::NipBirthDate)
        );
        assert_eq!(
            Nip::parse("198503122010131002", Pns),
            Err(Message::NipStartDate)
        );
        assert_eq!(
            Nip::parse("198503122000011002", Pns),
            Err(Message::NipStartBeforeAdult)
        );
        assert_eq!(
            Nip::parse("198503122010013002", Pns),
            Err(Message::NipGender)
        );
        assert_eq!(
            Nip::parse("198503122010011000", Pns),
            Err(Message::NipSequence)
        );
    }

    #[test]
    fn start_in_the_month_of_the_eighteenth_birthday_is_allowed() {
        assert!(Nip::parse("198503122003031001", Pns).is_ok());
        assert_eq!(
            Nip::parse("198503122003021001", Pns),
            Err(Message::NipStartBeforeAdult)
        );
    }

    #[test]
    fn leap_day_births_are_valid_only_in_leap_years() {
        assert!(Nip::parse("198802292010012001", Pns).is_ok());
        assert_eq!(
            Nip::parse("198702292010012001", Pns),
            Err(Message::NipBirthDate)
        );
    }

    #[test]
    fn pppk_checks_shape_birth_and_gender_only() {
        // PPPK numbers carry the appointment year, not a CPNS start month.
        assert!(Nip::parse("199001012022212001", Pppk).is_ok());
        assert_eq!(
            Nip::parse("199001012022213001", Pppk),
            Err(Message::NipGender)
        );
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,30}") {
            let _ = Nip::parse(&s, Pns);
            let _ = Nip::parse(&s, Pppk);
        }
    }
}
