//! Image loading on arbitrary bytes: the header read the content stage does, then the
//! render stage's decode, crop, downsample and CMYK conversion into a 4 × 3 cm frame.
#![no_main]

use libfuzzer_sys::fuzz_target;
use paiban::layout::{ImagePlacement, Rect};
use paiban::render::image::{prepare_image_data, ColorConverter};
use std::io::Cursor;
use std::sync::OnceLock;

fuzz_target!(|data: &[u8]| {
    static CONV: OnceLock<ColorConverter> = OnceLock::new();
    let conv = CONV.get_or_init(ColorConverter::shipped);
    // The content stage: size from the header only.
    let dims = image::ImageReader::new(Cursor::new(data))
        .with_guessed_format()
        .ok()
        .and_then(|r| r.into_dimensions().ok());
    let (w, h) = dims.unwrap_or((0, 0));
    let placement = ImagePlacement {
        path: "fuzz.img".into(),
        px_width: w,
        px_height: h,
        crop: Rect { x: w as f32 * 0.1, y: 0.0, w: w as f32 * 0.8, h: h as f32 },
        frame: Rect { x: 10.0, y: 10.0, w: 113.0, h: 85.0 },
    };
    if let Ok(img) = prepare_image_data(&placement, data.to_vec(), conv, 300.0) {
        assert!(img.width > 0 && img.height > 0);
        assert!(img.effective_ppi.is_finite());
    }
});
