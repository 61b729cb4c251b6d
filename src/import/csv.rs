//! A small RFC 4180 reader: fields separated by a comma (or a tab, for
//! TSV), quoted with `"` where they hold the separator, a quote or a line
//! break, a doubled `""` inside quotes for a quote. Lines end in CRLF or LF.
//! A byte-order mark at the start is skipped. Work and memory are linear in
//! the text.

/// One record and the line (from 1) it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Record {
    pub(crate) line: usize,
    pub(crate) fields: Vec<String>,
}

/// Why a table's text could not be read as CSV.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CsvError {
    pub(crate) line: usize,
    pub(crate) message: &'static str,
}

/// The separator a table uses: a tab where its header line (the first
/// naming 一级指标, else the first line) has more tabs than commas, else a
/// comma.
pub(crate) fn separator(text: &str) -> char {
    let first = text
        .lines()
        .find(|l| l.contains("一级指标"))
        .or_else(|| text.lines().next())
        .unwrap_or_default();
    let tabs = first.matches('\t').count();
    let commas = first.matches(',').count();
    if tabs > commas {
        '\t'
    } else {
        ','
    }
}

/// Reads every record.
///
/// # Errors
///
/// A quote opened and never closed, or text right after a closing quote.
pub(crate) fn records(text: &str, sep: char) -> Result<Vec<Record>, CsvError> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut out = Vec::new();
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut line = 1;
    let mut record_line = 1;
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    // Whether the current field was opened with a quote (and closed).
    let mut closed = false;
    let mut any = false;
    while let Some(c) = chars.next() {
        any = true;
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => {
                    quoted = false;
                    closed = true;
                }
                '\n' => {
                    line += 1;
                    field.push('\n');
                }
                other => field.push(other),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() && !closed => quoted = true,
            c if c == sep => {
                fields.push(std::mem::take(&mut field));
                closed = false;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                fields.push(std::mem::take(&mut field));
                out.push(Record {
                    line: record_line,
                    fields: std::mem::take(&mut fields),
                });
                closed = false;
                any = false;
                line += 1;
                record_line = line;
            }
            _ if closed => {
                return Err(CsvError {
                    line,
                    message: "a separator or the end of the line after a closing quote",
                })
            }
            other => field.push(other),
        }
    }
    if quoted {
        return Err(CsvError {
            line: record_line,
            message: "a closing quote for the field opened on this line",
        });
    }
    if any {
        fields.push(field);
        out.push(Record {
            line: record_line,
            fields,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<Vec<String>> {
        records(text, ',')
            .unwrap()
            .into_iter()
            .map(|r| r.fields)
            .collect()
    }

    #[test]
    fn quoted_fields_hold_separators_quotes_and_line_breaks() {
        assert_eq!(
            read("a,\"b,c\",\"d \"\"e\"\"\"\r\n\"f\ng\",h\n"),
            vec![
                vec!["a".to_owned(), "b,c".to_owned(), "d \"e\"".to_owned()],
                vec!["f\ng".to_owned(), "h".to_owned()]
            ]
        );
    }

    #[test]
    fn lines_are_counted_across_quoted_breaks() {
        let r = records("\u{FEFF}x\n\"a\nb\",c\nd\n", ',').unwrap();
        assert_eq!(r.iter().map(|r| r.line).collect::<Vec<_>>(), vec![1, 2, 4]);
        assert_eq!(r[0].fields, vec!["x".to_owned()]);
    }

    #[test]
    fn unclosed_and_stray_quotes_are_refused() {
        assert_eq!(
            records("a\n\"b,c\n", ',').unwrap_err(),
            CsvError {
                line: 2,
                message: "a closing quote for the field opened on this line"
            }
        );
        assert_eq!(
            records("\"a\"b,c\n", ',').unwrap_err(),
            CsvError {
                line: 1,
                message: "a separator or the end of the line after a closing quote"
            }
        );
    }

    #[test]
    fn tabs_are_detected() {
        assert_eq!(separator("一级指标\t分值\t二级指标,x\n"), '\t');
        assert_eq!(separator("一级指标,分值\n"), ',');
        assert_eq!(separator("标题\n一级指标\t分值\n"), '\t');
    }
}
