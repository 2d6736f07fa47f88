//! Reading posted forms: a field's value by name, every value of a repeated field, and a
//! multipart form with its evidence file (read to one byte past the limit, so the service
//! can say the file is too large instead of the connection being cut).

use axum::extract::Multipart;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use fleksi_service::evidence::{Upload, MAX_EVIDENCE_BYTES};
use fleksi_store::flex_request::EvidenceMeta;

/// The first value of `name`, or empty.
pub fn value(fields: &[(String, String)], name: &str) -> String {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

/// A number from a field; empty or not a number is None.
pub fn id_value(fields: &[(String, String)], name: &str) -> Option<i64> {
    value(fields, name).trim().parse().ok()
}

/// A posted multipart form: its text fields and the evidence file, if one was chosen.
pub async fn read_multipart(mut m: Multipart) -> (Vec<(String, String)>, Option<Upload>) {
    let mut fields = Vec::new();
    let mut upload = None;
    while let Ok(Some(mut f)) = m.next_field().await {
        let name = f.name().unwrap_or("").to_string();
        if name == "evidence_file" {
            let file_name = f.file_name().unwrap_or("").to_string();
            let mut bytes = Vec::new();
            while let Ok(Some(chunk)) = f.chunk().await {
                bytes.extend_from_slice(&chunk);
                if bytes.len() > MAX_EVIDENCE_BYTES {
                    bytes.truncate(MAX_EVIDENCE_BYTES + 1);
                    break;
                }
            }
            if !bytes.is_empty() {
                upload = Some(Upload {
                    name: file_name,
                    bytes,
                });
            }
        } else if let Ok(v) = f.text().await {
            fields.push((name, v));
        }
    }
    (fields, upload)
}

/// An evidence file, always as a download (never shown inline in the site's origin),
/// under a name of safe characters only.
pub fn attachment(meta: EvidenceMeta, bytes: Vec<u8>) -> Response {
    let name: String = meta
        .name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    (
        [
            (header::CONTENT_TYPE, meta.content_type),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}
