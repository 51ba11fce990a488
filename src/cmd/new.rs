//! `kb new DIR`: a seed folder for a new knowledge base, which `kb init --seed DIR` loads.

use std::io::Write;
use std::path::Path;

use kb::skeleton::{self, Country};
use kb::{Error, Result};

pub fn run(dir: &Path, title: &str, countries: &[Country], out: &mut dyn Write) -> Result<()> {
    let [a, b] = countries else {
        return Err(Error::Refused(format!(
            "give exactly two countries with --country CODE=NAME (got {})",
            countries.len()
        )));
    };
    skeleton::write(dir, title, &[a.clone(), b.clone()])?;
    let dir = dir.display();
    writeln!(
        out,
        "wrote a new seed to {dir}: the descriptor, a CSV per table, {} and {}, and a first \
         source in {dir}/sources/\nnext: add a source text (see {dir}/sources/HOW-TO-ADD-A-SOURCE.txt), \
         add facts to the CSVs, then: kb init --seed {dir}",
        a.name, b.name
    )
    .map_err(Error::stdout)
}
