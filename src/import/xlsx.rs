//! `.xlsx` bytes in, read with calamine: the first sheet with a header row
//! naming 一级指标 and 评价标准. Merged cells hold their value in the first
//! cell only, as a table written once. Numbers stored as binary fractions
//! are read back exactly (at most 15 significant digits) or refused.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

use super::{build, Draft, ImportError};

/// Imports a table from the bytes of an `.xlsx` workbook (feature `xlsx`).
/// No file is opened: the host reads the bytes.
///
/// # Errors
///
/// An [`ImportError`] when the bytes are not a workbook, no sheet has a
/// header row naming 一级指标 and 评价标准, a cell holds a formula error or
/// a number that cannot be read exactly, or a 分值 is not a number.
#[cfg_attr(docsrs, doc(cfg(feature = "xlsx")))]
pub fn import_xlsx(bytes: &[u8]) -> Result<Draft, ImportError> {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| {
        ImportError::new(
            0,
            None,
            "the bytes of an .xlsx workbook",
            format!("bytes that are not one ({e})"),
        )
    })?;
    let sheets = book.sheet_names();
    let mut first_error = None;
    for (i, sheet) in sheets.iter().enumerate() {
        let Some(Ok(range)) = book.worksheet_range_at(i) else {
            continue;
        };
        let (top, left) = range.start().unwrap_or((0, 0));
        // A table has a row per indicator, and a few columns: anything far
        // larger is not one (and is not read cell by cell).
        let most_rows = crate::limits::MAX_INDICATORS * 10;
        if range.height() > most_rows || range.width() > 64 {
            return Err(ImportError::new(
                0,
                None,
                format!("a sheet of at most {most_rows} rows and 64 columns"),
                format!(
                    "sheet `{sheet}` of {} rows and {} columns",
                    range.height(),
                    range.width()
                ),
            ));
        }
        let mut rows = Vec::with_capacity(range.height());
        for (k, row) in range.rows().enumerate() {
            let line = usize::try_from(top).unwrap_or(0) + k + 1;
            let mut cells = Vec::with_capacity(row.len());
            for (j, cell) in row.iter().enumerate() {
                let text = match cell {
                    Data::Empty => String::new(),
                    Data::String(s) => s.clone(),
                    Data::Int(n) => n.to_string(),
                    Data::Float(f) => crate::number::from_sheet_float(*f)
                        .map(crate::number::plain)
                        .map_err(|e| {
                            ImportError::new(
                                line,
                                Some(column_name(usize::try_from(left).unwrap_or(0) + j)),
                                "a number that reads exactly",
                                e,
                            )
                        })?,
                    Data::Bool(b) => b.to_string(),
                    Data::Error(e) => {
                        return Err(ImportError::new(
                            line,
                            Some(column_name(usize::try_from(left).unwrap_or(0) + j)),
                            "a value",
                            format!("the cell error {e:?} in sheet `{sheet}`"),
                        ))
                    }
                    other => other.to_string(),
                };
                cells.push(text);
            }
            rows.push((line, cells));
        }
        match build(&rows) {
            Ok(draft) => return Ok(draft),
            Err(e) if e.line() == 0 => {
                first_error.get_or_insert(e);
            }
            Err(e) => return Err(e),
        }
    }
    Err(first_error.unwrap_or_else(|| {
        ImportError::new(
            0,
            None,
            "a sheet with a header row naming 一级指标 and 评价标准",
            "no sheet",
        )
    }))
}

/// `A`, `B`, … `AA` for a column index from 0.
fn column_name(mut i: usize) -> String {
    let mut name = Vec::new();
    loop {
        name.push(char::from(b'A' + u8::try_from(i % 26).unwrap_or(0)));
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    name.iter().rev().collect()
}
