//! PDF/X identification: Info keys, the OutputIntent with its ICC profile, XMP
//! (PDF/X-4), dates from [`DocInfo::timestamp`] and a content-derived file ID.
//!
//! Keys and values follow print-ready.md §1.1 (X-1a:2001: header 1.3,
//! `GTS_PDFXVersion (PDF/X-1:2001)` with `GTS_PDFXConformance (PDF/X-1a:2001)` — Acrobat
//! rejects `GTS_PDFXVersion (PDF/X-1a:2001)`; Trapped True/False; Title and dates)
//! and §1.2 (X-4: header 1.6, XMP `pdfxid:GTS_PDFXVersion`, embedded DestOutputProfile).

use super::{DocInfo, PdfStandard, PrintOptions};
use crate::diag::Diagnostic;
use pdf_writer::types::{OutputIntentSubtype, TrappingStatus};
use pdf_writer::{Chunk, Date, Name, Pdf, Ref, Str, TextStr};
use std::path::Path;

/// Producer / Creator string.
const PRODUCER: &str = concat!("paiban ", env!("CARGO_PKG_VERSION"));

/// The output profile's bytes: the plant's file, or the shipped newsprint profile
/// ([`super::image::SHIPPED_PROFILE`], built into the binary) when
/// `PrintOptions::output_profile` is `None`. Checked to be a CMYK output profile.
pub fn load_output_profile(options: &PrintOptions) -> Result<Vec<u8>, Diagnostic> {
    let Some(path) = &options.output_profile else {
        return Ok(super::image::SHIPPED_PROFILE.to_vec());
    };
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostic::error("E0402", format!("cannot read the output profile: {e}"))
            .in_file(path)
            .hint("set `output_profile` to the plant's CMYK ICC profile")
    })?;
    check_profile(path, &bytes)?;
    Ok(bytes)
}

/// An ICC output profile (`prtr`) in CMYK, as PDF/X asks (print-ready.md §1.1).
fn check_profile(path: &Path, icc: &[u8]) -> Result<(), Diagnostic> {
    let ok = icc.len() >= 128
        && &icc[36..40] == b"acsp"
        && &icc[12..16] == b"prtr"
        && &icc[16..20] == b"CMYK";
    if ok {
        return Ok(());
    }
    Err(Diagnostic::error(
        "E0402",
        "the output profile is not a CMYK output (`prtr`) ICC profile",
    )
    .in_file(path)
    .hint("PDF/X needs the plant's CMYK printing profile, e.g. the IFRA26 newsprint profile"))
}

/// The header version and the `GTS_PDFXVersion` value of a standard.
pub(super) fn version(standard: PdfStandard) -> ((u8, u8), &'static str) {
    match standard {
        PdfStandard::X1a2001 => ((1, 3), "PDF/X-1:2001"),
        PdfStandard::X4 => ((1, 6), "PDF/X-4"),
    }
}

/// Civil date (UTC) of a Unix timestamp: (year, month, day, hour, minute, second).
/// Howard Hinnant's `civil_from_days`; times before 1970 clamp to the epoch.
pub(super) fn civil(timestamp: i64) -> (u16, u8, u8, u8, u8, u8) {
    let t = timestamp.max(0);
    let (days, secs) = (t / 86_400, t % 86_400);
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)).min(9999) as u16;
    (
        year,
        month,
        day,
        (secs / 3600) as u8,
        (secs / 60 % 60) as u8,
        (secs % 60) as u8,
    )
}

fn pdf_date(timestamp: i64) -> Date {
    let (y, mo, d, h, mi, s) = civil(timestamp);
    Date::new(y)
        .month(mo)
        .day(d)
        .hour(h)
        .minute(mi)
        .second(s)
        .utc_offset_hour(0)
}

fn xmp_date(timestamp: i64) -> xmp_writer::DateTime {
    let (y, mo, d, h, mi, s) = civil(timestamp);
    xmp_writer::DateTime::new(y, mo, d, h, mi, s, xmp_writer::Timezone::Utc)
}

/// The refs of the document-level objects.
pub(super) struct DocRefs {
    pub catalog: Ref,
    pub info: Ref,
    pub page_tree: Ref,
    pub icc: Ref,
    pub metadata: Ref,
    /// OutputIntent `/Info`: the output profile's description.
    pub intent_info: String,
}

/// Writes the XMP metadata stream (PDF/X-4) into `chunk`.
pub(super) fn write_metadata(chunk: &mut Chunk, refs: &DocRefs, info: &DocInfo) {
    let xmp = xmp(info);
    chunk.metadata(refs.metadata, xmp.as_bytes());
}

fn xmp(info: &DocInfo) -> String {
    let mut x = xmp_writer::XmpWriter::new();
    x.title([(None, info.title.as_str())]);
    x.format("application/pdf");
    x.create_date(xmp_date(info.timestamp));
    x.modify_date(xmp_date(info.timestamp));
    x.metadata_date(xmp_date(info.timestamp));
    x.creator_tool(PRODUCER);
    x.producer(PRODUCER);
    x.trapped(false);
    x.pdfx_version("PDF/X-4");
    x.finish(None)
}

/// Writes the catalog (with the OutputIntent) and the Info dictionary into `pdf`.
pub(super) fn write_catalog_info(
    pdf: &mut Pdf,
    refs: &DocRefs,
    options: &PrintOptions,
    info: &DocInfo,
) {
    let (_, pdfx_version) = version(options.standard);
    let mut catalog = pdf.catalog(refs.catalog);
    catalog.pages(refs.page_tree);
    if options.standard == PdfStandard::X4 {
        catalog.metadata(refs.metadata);
    }
    let mut intents = catalog.output_intents();
    intents
        .push()
        .subtype(OutputIntentSubtype::PDFX)
        .output_condition_identifier(TextStr(&options.output_condition_identifier))
        .output_condition(TextStr(&options.output_condition))
        .registry_name(TextStr(&options.registry_name))
        .info(TextStr(&refs.intent_info))
        .dest_output_profile(refs.icc);
    drop(intents);
    drop(catalog);

    let date = pdf_date(info.timestamp);
    let mut di = pdf.document_info(refs.info);
    di.title(TextStr(&info.title))
        .creator(TextStr(PRODUCER))
        .producer(TextStr(PRODUCER))
        .creation_date(date)
        .modified_date(date)
        .trapped(TrappingStatus::NotTrapped);
    di.pair(Name(b"GTS_PDFXVersion"), Str(pdfx_version.as_bytes()));
    if options.standard == PdfStandard::X1a2001 {
        di.pair(Name(b"GTS_PDFXConformance"), Str(b"PDF/X-1a:2001"));
    }
}

#[cfg(test)]
mod tests {
    use super::civil;

    #[test]
    fn civil_dates() {
        assert_eq!(civil(0), (1970, 1, 1, 0, 0, 0));
        // 2022-10-01 08:30:15 UTC
        assert_eq!(civil(1_664_613_015), (2022, 10, 1, 8, 30, 15));
        // 2024-02-29 23:59:59 UTC (leap day)
        assert_eq!(civil(1_709_251_199), (2024, 2, 29, 23, 59, 59));
    }
}
