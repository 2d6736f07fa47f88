//! The JSON API under `/api/v1`. The OpenAPI document is generated from these handlers
//! and types (utoipa), so it cannot drift from the code.

mod audit;
mod auth;
mod calendar;
mod dashboard;
mod eligibility;
mod employee;
mod evaluation;
mod import;
mod org;
mod plan;
mod policy;
mod presence;
mod report;
mod schedule;
mod skp;
mod task;
mod team;

use crate::AppState;
use axum::routing::get;
use axum::{Json, Router};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(title = "Fleksi API", version = "1", description = "Flexible and hybrid work for Indonesian civil servants. Errors are RFC 9457 problem documents in the caller's language (Accept-Language: id or en)."),
    paths(
        auth::token, auth::me,
        org::units,
        employee::list, employee::detail,
        team::list, team::detail,
        import::employees, import::units,
        audit::list,
        schedule::my_week, schedule::team_calendar, schedule::unit_board, schedule::unit_recap,
        calendar::holidays, calendar::working_days, policy::unit_policy,
        eligibility::me,
        plan::create, plan::mine, plan::queue, plan::decisions, plan::withdraw, plan::evidence,
        task::create, task::list, task::detail, task::action,
        report::create, report::mine, report::detail, report::team_day, report::acknowledge, report::my_week, report::send_week,
        skp::open, skp::mine, skp::detail, skp::add_result, skp::update_result, skp::remove_result, skp::add_indicator,
        skp::update_indicator, skp::remove_indicator, skp::expectations, skp::annex, skp::action, skp::dialogue, skp::cascade_tree,
        evaluation::open, evaluation::detail, evaluation::actual, evaluation::rating, evaluation::ask, evaluation::asked,
        evaluation::answer, evaluation::spread, evaluation::set_result, evaluation::finalize, evaluation::history,
        dashboard::dashboard,
        presence::check_in, presence::check_out, presence::today,
        presence::ask, presence::my_corrections, presence::pending, presence::decide,
    ),
    components(schemas(
        auth::TokenRequest, auth::TokenResponse, auth::Me,
        org::Unit, employee::Employee, employee::EmployeePage, team::Team, team::TeamDetail, team::Member,
        import::ImportSummary, audit::AuditEntry, Problem, FieldProblem,
        schedule::ScheduleDay, schedule::OpenItem, schedule::MyWeek, schedule::TeamDay, schedule::TeamPerson,
        schedule::TeamCalendar, schedule::BoardPerson, schedule::UnitBoard, schedule::RecapRow, schedule::UnitRecap,
        calendar::Holiday, calendar::WorkingDays, calendar::Day, calendar::UnitRef, policy::UnitPolicy,
        eligibility::MyEligibility, eligibility::MappedActivity,
        plan::PlanRequest, plan::PlaceBody, plan::ExceptionBody, plan::Plan, plan::PlanDay, plan::PlanFlag,
        plan::DecisionBody, plan::Decided, plan::EvidenceCreated,
        task::TaskRequest, task::Task, task::ClarityPoint, task::Assignee, task::ActionBody,
        report::ItemBody, report::ReportBody, report::ReportItem, report::Report, report::TeamLine, report::TeamDay,
        report::AcknowledgeBody, report::Week, report::WeekBody,
        skp::Indicator, skp::PlannedResult, skp::Dialogue, skp::Plan, skp::OpenBody, skp::ResultBody, skp::IndicatorBody,
        skp::AnnexBody, skp::PlanActionBody, skp::DialogueBody, skp::CascadeNode, skp::Cascade,
        evaluation::MeasuredIndicator, evaluation::Feedback360, evaluation::Evaluation, evaluation::OpenBody,
        evaluation::ActualBody, evaluation::RatingBody, evaluation::AskBody, evaluation::Asked, evaluation::AnswerBody,
        evaluation::Breach, evaluation::Distribution, evaluation::ResultBody, evaluation::FinalizeBody,
        evaluation::Finalized, evaluation::HistoryItem,
        dashboard::Figures, dashboard::Split3, dashboard::Week, dashboard::Dashboard,
        presence::PunchRequest, presence::PunchAnswer, presence::PunchEvent, presence::PresenceDay,
        presence::PresenceWeek, presence::PresenceToday, presence::CorrectionRequest, presence::Correction,
        presence::Created, presence::DecisionRequest,
    )),
    modifiers(&BearerAuth),
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        if let Some(c) = openapi.components.as_mut() {
            c.add_security_scheme(
                "bearer",
                SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
            );
        }
    }
}

/// An error answer (RFC 9457).
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct Problem {
    pub title: String,
    pub status: u16,
    pub errors: Vec<FieldProblem>,
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct FieldProblem {
    pub field: String,
    pub message: String,
}

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(auth::router())
        .merge(org::router())
        .merge(employee::router())
        .merge(team::router())
        .merge(import::router())
        .merge(audit::router())
        .merge(schedule::router())
        .merge(calendar::router())
        .merge(policy::router())
        .merge(eligibility::router())
        .merge(plan::router())
        .merge(task::router())
        .merge(report::router())
        .merge(skp::router())
        .merge(evaluation::router())
        .merge(dashboard::router())
        .merge(presence::router())
        .route("/openapi.json", get(|| async { Json(ApiDoc::openapi()) }))
        .fallback(|| async {
            crate::WebError::Api(
                fleksi_service::ServiceError::NotFound,
                fleksi_domain::Locale::En,
            )
        })
}

/// A JSON body, or a problem naming `body` with what is wrong in it.
pub(crate) fn json_body<T: for<'de> serde::Deserialize<'de>>(
    body: &[u8],
    locale: fleksi_domain::Locale,
) -> Result<T, crate::error::WebError> {
    serde_json::from_slice(body).map_err(|e| {
        let detail: String = e.to_string().chars().take(200).collect();
        crate::error::WebError::Api(
            fleksi_service::ServiceError::Invalid(vec![fleksi_domain::FieldError::new(
                "body",
                fleksi_domain::Message::text_of(
                    format!("isi permintaan bukan JSON yang sesuai: {detail}"),
                    format!("the body is not the expected JSON: {detail}"),
                ),
            )]),
            locale,
        )
    })
}
