//! `fleksi roster solve|check`: the hybrid-roster solver for benchmarking and batch use. Reads
//! and writes the JSON formats of `bench/roster/README.md`; needs no database.

use std::time::Duration;

use anyhow::Context;
use clap::Subcommand;
use fleksi_roster::{solve, validate, InputError, Instance, Roster};

#[derive(Subcommand)]
pub enum RosterCommand {
    /// Solve an instance; print the solution (roster, score, what was relaxed) as JSON.
    Solve {
        instance: String,
        /// Seconds before the best roster found so far is returned.
        #[arg(long, default_value_t = 10.0)]
        time_limit: f64,
        /// The same seed gives the same roster.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// How much search, relative to the default: the search stops after this
        /// deterministic amount of work (or at the time limit, whichever comes first).
        #[arg(long, default_value_t = 1.0)]
        effort: f64,
    },
    /// Check a roster (or a `solve` output) against an instance: hard violations and the
    /// objective as JSON; exit code 1 when a hard constraint is broken.
    Check { instance: String, roster: String },
}

/// Exit code: 0 fine, 1 infeasible roster / violations, 2 bad input.
pub fn run(command: RosterCommand, lang: &str) -> anyhow::Result<i32> {
    match command {
        RosterCommand::Solve {
            instance,
            time_limit,
            seed,
            effort,
        } => {
            let Some(instance) = read_instance(&instance, lang)? else {
                return Ok(2);
            };
            if !(time_limit.is_finite() && time_limit > 0.0) {
                anyhow::bail!("--time-limit must be a positive number of seconds");
            }
            if !(effort.is_finite() && effort > 0.0) {
                anyhow::bail!("--effort must be a positive number");
            }
            let options = solve::Options {
                seed,
                time_limit: Duration::from_secs_f64(time_limit),
                effort,
            };
            let solution = match solve::solve(&instance, &options) {
                Ok(s) => s,
                Err(errors) => return Ok(report_input(&errors, lang)),
            };
            println!("{}", serde_json::to_string(&solution)?);
            eprintln!(
                "{}: objective {} (unmet {} + {} × max {}), {} ms",
                if solution.feasible {
                    "feasible"
                } else {
                    "INFEASIBLE"
                },
                solution.objective,
                solution.unmet_total,
                instance.fairness_weight,
                solution.max_unmet,
                solution.elapsed_ms
            );
            for e in &solution.relaxed {
                eprintln!("- {} {}", e.problem.get(lang), e.fix.get(lang));
            }
            Ok(if solution.feasible { 0 } else { 1 })
        }
        RosterCommand::Check { instance, roster } => {
            let Some(instance) = read_instance(&instance, lang)? else {
                return Ok(2);
            };
            let roster = read_roster(&roster)?;
            let report = match validate::check(&instance, &roster) {
                Ok(r) => r,
                Err(errors) => return Ok(report_input(&errors, lang)),
            };
            println!("{}", serde_json::to_string(&report)?);
            for v in &report.violations {
                eprintln!("- {}: {}", v.constraint, v.detail.get(lang));
            }
            Ok(if report.feasible() { 0 } else { 1 })
        }
    }
}

fn read_instance(path: &str, lang: &str) -> anyhow::Result<Option<Instance>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {path}"))?;
    match Instance::from_json(&text) {
        Ok(i) => Ok(Some(i)),
        Err(errors) => {
            report_input(&errors, lang);
            Ok(None)
        }
    }
}

/// A bare roster `{"rows": …}` or the output of `solve` (which carries it under `roster`).
fn read_roster(path: &str) -> anyhow::Result<Roster> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {path}"))?;
    let mut value: serde_json::Value =
        serde_json::from_str(&text).with_context(|| format!("{path} is not JSON"))?;
    if let Some(inner) = value.get_mut("roster") {
        value = inner.take();
    }
    serde_json::from_value(value).with_context(|| format!("{path} is not a roster"))
}

fn report_input(errors: &[InputError], lang: &str) -> i32 {
    for e in errors {
        eprintln!("{}: {}", e.path, e.reason.get(lang));
    }
    2
}
