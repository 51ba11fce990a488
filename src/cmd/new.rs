//! `kb new DIR`: a seed folder for a new knowledge base, which `kb init --seed DIR` loads.

use std::io::Write;
use std::path::Path;

use kb::skeleton::{self, Country};
use kb::{Error, Result};

use crate::cli::NewArgs;
use crate::context::Context;

fn write_seed(dir: &Path, title: &str, countries: &[Country], out: &mut dyn Write) -> Result<()> {
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

/// `kb new DIR --title T --country CODE=NAME --country CODE=NAME`.
pub fn run(args: &NewArgs, ctx: &mut Context) -> Result<()> {
    write_seed(&args.dir, &args.title, &args.countries, ctx.out)
}
