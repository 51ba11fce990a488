//! Quotes checked against their sources' texts, with a bounded cache of those already found,
//! and the help a quote that is not verbatim gets.

use super::*;

/// Quotes already found in their source, so that rows citing the same sentence are not
/// searched again. Bounded, so memory does not grow with the number of rows.
pub(super) struct VerifiedQuotes {
    by_source: HashMap<String, HashSet<String>>,
    count: usize,
}

impl VerifiedQuotes {
    const LIMIT: usize = 20_000;

    pub(super) fn new() -> Self {
        VerifiedQuotes {
            by_source: HashMap::new(),
            count: 0,
        }
    }

    pub(super) fn check(
        &mut self,
        texts: &HashMap<String, String>,
        source_id: &str,
        quote: &str,
    ) -> Result<(), (&'static str, String)> {
        if self
            .by_source
            .get(source_id)
            .is_some_and(|quotes| quotes.contains(quote))
        {
            return Ok(());
        }
        match texts.get(source_id) {
            None => Err((
                "source_id",
                format!("'{source_id}' is not the id of a source in sources.csv"),
            )),
            Some(text) if !text.contains(quote) => {
                Err(("quote", not_verbatim(texts, source_id, quote)))
            }
            Some(_) => {
                if self.count >= Self::LIMIT {
                    self.by_source.clear();
                    self.count = 0;
                }
                self.by_source
                    .entry(source_id.to_string())
                    .or_default()
                    .insert(quote.to_string());
                self.count += 1;
                Ok(())
            }
        }
    }
}

/// Why a quote is not a passage of the source its row cites, with help to mend it: the
/// source it is in, if another one has it, or where it parts from the cited text.
pub(super) fn not_verbatim(
    texts: &HashMap<String, String>,
    source_id: &str,
    quote: &str,
) -> String {
    let mut elsewhere: Vec<&str> = texts
        .iter()
        .filter(|(id, text)| id.as_str() != source_id && text.contains(quote))
        .map(|(id, _)| id.as_str())
        .collect();
    elsewhere.sort();
    if let Some(other) = elsewhere.first() {
        return format!(
            "'{quote}' is not a verbatim passage of source '{source_id}', but of source \
             '{other}'; cite '{other}' in source_id"
        );
    }
    let help = texts
        .get(source_id)
        .and_then(|text| citing::explain(text, quote))
        .map(|why| format!(": {why}"))
        .unwrap_or_default();
    format!(
        "'{quote}' is not a verbatim passage of source '{source_id}'{help}; copy the sentence \
         exactly, with its punctuation (`kb cite {source_id} WORDS` prints it)"
    )
}
