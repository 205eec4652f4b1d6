//! Config stage: layout, issue and page TOML into resolved values (pt), with spanned errors.
