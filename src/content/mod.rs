//! Content stage: article files (TOML front matter + paragraphs) and images.
