//! 360-degree feedback on behaviour (seed 001): peers and reports rate the seven
//! BerAKHLAK values of a colleague. It informs the supervisor's rating of behaviour and
//! never replaces it. To keep it safe to speak, a request goes to at least three people
//! and answers are shown only as a count per level once at least three have answered —
//! never one person's answer.

use super::berakhlak::CoreValue;
use super::rating::Rating;
use crate::message::Message;
use serde::Serialize;

/// The fewest people a request goes to, and the fewest answers shown.
pub const MIN_RESPONDENTS: usize = 3;
/// A request to more people than this is a survey, not feedback on one colleague.
pub const MAX_RESPONDENTS: usize = 15;
/// The longest comment of one answer.
pub const MAX_COMMENT: usize = 1000;

/// The people a request goes to: without repeats, never the person rated, at least
/// three and at most fifteen.
pub fn check_respondents(subject: i64, respondents: &[i64]) -> Result<Vec<i64>, Message> {
    let mut people = respondents.to_vec();
    people.sort_unstable();
    people.dedup();
    if people.contains(&subject) {
        return Err(Message::text_of(
            "pegawai yang dinilai tidak dapat memberi umpan balik 360 untuk dirinya sendiri",
            "the person rated cannot give 360 feedback on themselves",
        ));
    }
    if people.len() < MIN_RESPONDENTS {
        return Err(Message::text_of(
            format!(
                "umpan balik 360 harus diminta dari paling sedikit {MIN_RESPONDENTS} orang (dipilih {}), agar jawaban seseorang tidak dapat dikenali",
                people.len()
            ),
            format!(
                "360 feedback must be asked of at least {MIN_RESPONDENTS} people ({} chosen), so nobody's answer can be singled out",
                people.len()
            ),
        ));
    }
    if people.len() > MAX_RESPONDENTS {
        return Err(Message::TooManyPeople {
            max: MAX_RESPONDENTS,
        });
    }
    Ok(people)
}

/// How many answers put a value at each level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Tally {
    pub above: u32,
    pub as_expected: u32,
    pub below: u32,
}

impl Tally {
    fn add(&mut self, r: Rating) {
        match r {
            Rating::DiAtas => self.above += 1,
            Rating::Sesuai => self.as_expected += 1,
            Rating::DiBawah => self.below += 1,
        }
    }

    pub fn total(&self) -> u32 {
        self.above + self.as_expected + self.below
    }
}

/// One answer: a level for each value the respondent rated.
pub type Answer = Vec<(CoreValue, Rating)>;

/// The tally per value, in BerAKHLAK order — or None while fewer than three people have
/// answered, so that no single answer can be read.
pub fn aggregate(answers: &[Answer]) -> Option<Vec<(CoreValue, Tally)>> {
    if answers.len() < MIN_RESPONDENTS {
        return None;
    }
    Some(
        CoreValue::ALL
            .iter()
            .map(|v| {
                let mut t = Tally::default();
                for a in answers {
                    if let Some((_, r)) = a.iter().find(|(c, _)| c == v) {
                        t.add(*r);
                    }
                }
                (*v, t)
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Locale;

    #[test]
    fn a_request_goes_to_three_to_fifteen_other_people() {
        assert_eq!(check_respondents(1, &[4, 2, 3, 2]), Ok(vec![2, 3, 4]));
        let m = check_respondents(1, &[2, 3]).unwrap_err().text(Locale::Id);
        assert!(m.contains("paling sedikit 3 orang (dipilih 2)"), "{m}");
        // Repeats do not make up the number.
        assert!(check_respondents(1, &[2, 2, 3]).is_err());
        assert!(check_respondents(1, &[1, 2, 3, 4]).is_err());
        let many: Vec<i64> = (2..=17).collect();
        assert!(check_respondents(1, &many).is_err());
        assert!(check_respondents(1, &many[..15]).is_ok());
    }

    #[test]
    fn answers_are_shown_only_from_three() {
        let a: Answer = vec![
            (CoreValue::ALL[0], Rating::DiAtas),
            (CoreValue::ALL[1], Rating::Sesuai),
        ];
        let b: Answer = vec![(CoreValue::ALL[0], Rating::Sesuai)];
        let c: Answer = vec![(CoreValue::ALL[0], Rating::DiBawah)];
        assert_eq!(aggregate(&[a.clone(), b.clone()]), None);
        let got = aggregate(&[a, b, c]).unwrap();
        assert_eq!(got.len(), 7);
        assert_eq!(
            got[0].1,
            Tally {
                above: 1,
                as_expected: 1,
                below: 1
            }
        );
        assert_eq!(got[1].1.total(), 1);
        assert_eq!(got[6].1.total(), 0);
    }
}
