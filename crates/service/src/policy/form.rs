//! Policy values as text, the way forms show and send them: numbers (`2250`), times
//! (`07:30`), yes/no (`true`/`false`), weekdays (`1,2,3,4,5`, Monday = 1) and codes
//! (`office,home`). An empty text means "not set here": the level inherits the value.

use fleksi_domain::policy::{Field, Overrides, Policy, TimeOfDay};
use fleksi_domain::{FieldError, Message};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// How a field's value is typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Whole minutes, days, months, people or a percentage.
    Number,
    Time,
    Bool,
    /// Working weekdays, Monday = 1 … Sunday = 7.
    Days,
    /// Codes of `WorkLocation`.
    Locations,
    /// Codes of `TimeMode`.
    TimeModes,
}

/// The kind of every field (a new field will not compile until it is given one).
pub fn kind(f: Field) -> Kind {
    use Field::*;
    match f {
        weekly_minutes
        | ramadan_weekly_minutes
        | break_minutes
        | friday_break_minutes
        | ramadan_break_minutes
        | ramadan_friday_break_minutes
        | max_flex_days_per_week
        | max_away_percent
        | min_office_days_per_month
        | plan_due_days
        | plan_horizon_days
        | min_months_in_position
        | seats
        | min_on_site => Kind::Number,
        day_start | ramadan_day_start | core_start | core_end | flex_start_earliest
        | flex_start_latest | after_hours_start | after_hours_end => Kind::Time,
        plans_need_approval => Kind::Bool,
        work_days => Kind::Days,
        allowed_locations => Kind::Locations,
        allowed_time_modes => Kind::TimeModes,
    }
}

/// A field by its code, as forms and the API name it.
pub fn field(code: &str) -> Option<Field> {
    Field::ALL.iter().copied().find(|f| f.code() == code)
}

fn text_of(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(text_of).collect::<Vec<_>>().join(","),
        other => other.to_string(),
    }
}

fn object<T: serde::Serialize>(v: &T) -> Map<String, Value> {
    match serde_json::to_value(v) {
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    }
}

/// Every value of a policy as text (an unknown number of seats is empty).
pub fn policy_texts(p: &Policy) -> BTreeMap<Field, String> {
    let m = object(p);
    Field::ALL
        .iter()
        .map(|f| (*f, m.get(f.code()).map(text_of).unwrap_or_default()))
        .collect()
}

/// The values a level sets, as text; fields it does not set are absent.
pub fn override_texts(o: &Overrides) -> BTreeMap<Field, String> {
    let m = object(o);
    Field::ALL
        .iter()
        .filter_map(|f| Some((*f, text_of(m.get(f.code())?))))
        .collect()
}

fn number(s: &str) -> Result<Value, Message> {
    let n: u32 = s.parse().map_err(|_| Message::InvalidNumber)?;
    Ok(Value::from(n))
}

fn list(s: &str, each: impl Fn(&str) -> Result<Value, Message>) -> Result<Value, Message> {
    let mut out = Vec::new();
    for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let v = each(part)?;
        if !out.contains(&v) {
            out.push(v);
        }
    }
    Ok(Value::Array(out))
}

fn value(kind: Kind, s: &str) -> Result<Value, Message> {
    match kind {
        Kind::Number => number(s),
        Kind::Time => Ok(Value::from(TimeOfDay::parse(s)?.to_string())),
        Kind::Bool => match s.to_ascii_lowercase().as_str() {
            "true" | "ya" | "yes" | "1" => Ok(Value::Bool(true)),
            "false" | "tidak" | "no" | "0" => Ok(Value::Bool(false)),
            _ => Err(Message::InvalidChoice {
                allowed: "true, false".into(),
            }),
        },
        Kind::Days => list(s, |d| match d.parse::<u8>() {
            Ok(n) if (1..=7).contains(&n) => Ok(Value::from(n)),
            _ => Err(Message::text_of(
                "hari kerja ditulis 1 (Senin) sampai 7 (Minggu)",
                "working days are 1 (Monday) to 7 (Sunday)",
            )),
        }),
        Kind::Locations => list(s, |l| {
            fleksi_domain::policy::WorkLocation::parse(l).map(|l| Value::from(l.code()))
        }),
        Kind::TimeModes => list(s, |m| {
            fleksi_domain::policy::TimeMode::parse(m).map(|m| Value::from(m.code()))
        }),
    }
}

/// A level's values from their texts (field code → text; an empty text is not set).
/// Every problem is named by its field.
pub fn parse(texts: &BTreeMap<String, String>) -> Result<Overrides, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut m = Map::new();
    for (code, text) in texts {
        let Some(f) = field(code) else {
            errors.push(FieldError::new(
                code,
                Message::text_of("bukan nilai kebijakan", "not a policy value"),
            ));
            continue;
        };
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        match value(kind(f), text) {
            Ok(v) => {
                m.insert(code.clone(), v);
            }
            Err(e) => errors.push(FieldError::new(code, e)),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    serde_json::from_value(Value::Object(m)).map_err(|e| {
        vec![FieldError::new(
            "policy",
            Message::text_of(
                format!("nilai tidak valid: {e}"),
                format!("invalid value: {e}"),
            ),
        )]
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_round_trip_and_empty_means_inherit() {
        let texts: BTreeMap<String, String> = [
            ("weekly_minutes", "2400"),
            ("day_start", "7.00"),
            ("work_days", "1,2,3,4,5,6"),
            ("allowed_locations", "office, home"),
            ("plans_need_approval", "false"),
            ("core_start", " "),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let o = parse(&texts).unwrap();
        assert_eq!(o.weekly_minutes, Some(2400));
        assert_eq!(o.day_start, Some(TimeOfDay::hm(7, 0)));
        assert_eq!(o.work_days.as_ref().unwrap().count(), 6);
        assert_eq!(o.plans_need_approval, Some(false));
        assert!(o.core_start.is_none());
        let back = override_texts(&o);
        assert_eq!(back[&Field::work_days], "1,2,3,4,5,6");
        assert_eq!(back[&Field::day_start], "07:00");
        assert_eq!(back[&Field::allowed_locations], "office,home");
        assert!(!back.contains_key(&Field::core_start));
        let all = policy_texts(&Policy::default());
        assert_eq!(all[&Field::weekly_minutes], "2250");
        assert_eq!(all[&Field::seats], "");
    }

    #[test]
    fn bad_texts_name_their_field() {
        let texts: BTreeMap<String, String> = [
            ("weekly_minutes", "-5"),
            ("day_start", "25:00"),
            ("work_days", "0,8"),
            ("allowed_locations", "beach"),
            ("nonsense", "1"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let errors = parse(&texts).unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        for f in [
            "weekly_minutes",
            "day_start",
            "work_days",
            "allowed_locations",
            "nonsense",
        ] {
            assert!(fields.contains(&f), "{f}: {fields:?}");
        }
    }
}
