//! Evidence files (*bukti dukung*) shared by location-plan requests, daily reports and
//! the actual values of an evaluation: at most 2 MB, and only PDF, PNG or JPEG recognised
//! by their first bytes — never by the name a browser sends — so an executable or a
//! script renamed to `.pdf` is refused.

use crate::{Actor, App, Result, ServiceError};
use fleksi_domain::Message;
use fleksi_store::flex_request as store;
use fleksi_store::Conn;

/// Evidence files are at most 2 MB.
pub const MAX_EVIDENCE_BYTES: usize = 2 * 1024 * 1024;

/// An uploaded file as it arrived.
#[derive(Debug, Clone)]
pub struct Upload {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// The type of a file by its first bytes, never by its name: only PDF, PNG and JPEG.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else {
        None
    }
}

/// The file's type, or why it is refused (named `field`).
pub fn check_upload(u: &Upload, field: &str) -> Result<&'static str> {
    if u.bytes.len() > MAX_EVIDENCE_BYTES {
        return Err(ServiceError::field(
            field,
            Message::FileTooLarge { max_mb: 2 },
        ));
    }
    sniff(&u.bytes).ok_or_else(|| {
        ServiceError::field(
            field,
            Message::text_of(
                "berkas bukti harus PDF, PNG, atau JPEG",
                "the evidence file must be a PDF, PNG or JPEG",
            ),
        )
    })
}

/// A file name safe to show and to send back: no path, no control characters, short.
pub fn clean_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("");
    let clean: String = base
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | ';'))
        .take(100)
        .collect();
    if clean.trim().is_empty() {
        "bukti".into()
    } else {
        clean.trim().to_string()
    }
}

/// Stores a checked upload in the caller's transaction; its id.
pub async fn store_upload(
    c: &mut Conn,
    app: &App,
    actor: &Actor,
    agency: i64,
    u: &Upload,
    field: &str,
) -> Result<i64> {
    let kind = check_upload(u, field)?;
    Ok(store::insert_evidence(
        c,
        agency,
        &clean_name(&u.name),
        kind,
        &u.bytes,
        actor.audit_user(),
        app.now(),
    )
    .await?)
}

/// An earlier upload of the actor's own, by id; anyone else's is "not found".
pub async fn own_file(
    c: &mut Conn,
    actor: &Actor,
    agency: i64,
    id: i64,
    field: &str,
) -> Result<i64> {
    match store::evidence_meta(c, agency, id).await? {
        Some(m) if m.created_by.is_some() && m.created_by == actor.audit_user() => Ok(id),
        _ => Err(ServiceError::field(field, Message::NotFound)),
    }
}

/// A stored file with its description, once the caller has checked the reader may see
/// the record it belongs to.
pub async fn read(app: &App, agency: i64, file: i64) -> Result<(store::EvidenceMeta, Vec<u8>)> {
    let mut c = app.db.conn().await?;
    let meta = store::evidence_meta(&mut c, agency, file)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let bytes = store::evidence_bytes(&mut c, agency, file)
        .await?
        .ok_or(ServiceError::NotFound)?;
    Ok((meta, bytes))
}
