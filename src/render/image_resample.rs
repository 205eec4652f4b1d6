//! Lanczos3 resampling for [`super::prepare_image`]'s downsampling: separable, the weights
//! computed once per axis (the method of Pillow's `ImagingResample`). Part of the colour work's
//! `image.rs` (split off for length).

use super::Samples;

/// Lanczos3 resampling to `w`×`h`, separable, weights computed once per axis (the
/// method of Pillow's `ImagingResample`; image's generic `resize` took 40 s for 24 MP here).
pub(super) fn resize(s: &Samples, w: u32, h: u32) -> Samples {
    let ch = s.channels;
    let (sw, sh, nw, nh) = (s.width as usize, s.height as usize, w as usize, h as usize);
    let tx = Taps::new(sw, nw);
    let ty = Taps::new(sh, nh);
    let mut mid = vec![0f32; sh * nw * ch];
    for (row, out) in s
        .data
        .chunks_exact(sw * ch)
        .zip(mid.chunks_exact_mut(nw * ch))
    {
        for x in 0..nw {
            let (first, wts) = tx.get(x);
            for k in 0..ch {
                let mut acc = 0f32;
                for (t, &wt) in wts.iter().enumerate() {
                    acc += wt * f32::from(row[(first + t) * ch + k]);
                }
                out[x * ch + k] = acc;
            }
        }
    }
    let stride = nw * ch;
    let mut data = vec![0u16; nh * stride];
    let mut acc = vec![0f32; stride];
    for (y, out) in data.chunks_exact_mut(stride).enumerate() {
        let (first, wts) = ty.get(y);
        acc.fill(0.0);
        for (t, &wt) in wts.iter().enumerate() {
            let src = &mid[(first + t) * stride..(first + t + 1) * stride];
            for (a, &v) in acc.iter_mut().zip(src) {
                *a += wt * v;
            }
        }
        for (o, &a) in out.iter_mut().zip(&acc) {
            *o = a.round().clamp(0.0, 65535.0) as u16;
        }
    }
    Samples {
        data,
        width: w,
        height: h,
        channels: ch,
    }
}

/// Filter taps of one axis: for each output pixel the first source pixel and the weights.
struct Taps {
    first: Vec<usize>,
    count: Vec<usize>,
    /// `max` weights per output pixel.
    weights: Vec<f32>,
    max: usize,
}

impl Taps {
    fn new(src: usize, dst: usize) -> Self {
        let scale = src as f64 / dst as f64;
        let fscale = scale.max(1.0);
        let support = 3.0 * fscale;
        let max = support.ceil() as usize * 2 + 2;
        let mut t = Taps {
            first: vec![0; dst],
            count: vec![0; dst],
            weights: vec![0.0; dst * max],
            max,
        };
        for i in 0..dst {
            let center = (i as f64 + 0.5) * scale;
            let lo = (center - support + 0.5)
                .floor()
                .clamp(0.0, (src - 1) as f64) as usize;
            let hi = ((center + support + 0.5).floor() as usize)
                .clamp(lo + 1, src)
                .min(lo + max);
            let w = &mut t.weights[i * max..i * max + (hi - lo)];
            for (j, slot) in w.iter_mut().enumerate() {
                *slot = lanczos3(((lo + j) as f64 + 0.5 - center) / fscale) as f32;
            }
            let sum: f32 = w.iter().sum();
            if sum.abs() > f32::EPSILON {
                w.iter_mut().for_each(|v| *v /= sum);
            }
            t.first[i] = lo;
            t.count[i] = hi - lo;
        }
        t
    }

    fn get(&self, i: usize) -> (usize, &[f32]) {
        (
            self.first[i],
            &self.weights[i * self.max..i * self.max + self.count[i]],
        )
    }
}

fn lanczos3(x: f64) -> f64 {
    if x == 0.0 {
        return 1.0;
    }
    if x.abs() >= 3.0 {
        return 0.0;
    }
    let px = std::f64::consts::PI * x;
    3.0 * px.sin() * (px / 3.0).sin() / (px * px)
}
