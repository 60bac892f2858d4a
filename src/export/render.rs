//! Offscreen rendering: runs egui frames without a window and draws them with
//! egui_wgpu into a texture read back as RGBA pixels. wgpu prefers a CPU
//! adapter (Mesa llvmpipe) so the images are the same on every machine and
//! need no display; any other adapter is the fallback.

use super::text::Run;
use egui::{Context, Pos2, RawInput, Rect, Ui, Vec2, ViewportId};
use egui_wgpu::{RenderState, RendererOptions, ScreenDescriptor, WgpuConfiguration, WgpuSetup, WgpuSetupCreateNew, wgpu};
use std::sync::Arc;
use std::time::Duration;

/// How long to wait for the adapter to finish a frame (a software rasterizer
/// on a busy machine is slow, but a lost device must not hang the CLI).
const WAIT: Duration = Duration::from_secs(60);

/// Frames run before the one that is drawn: plots settle their bounds and
/// text its layout over the first frames.
const SETTLE_FRAMES: usize = 2;

/// Straight RGBA pixels, row by row from the top.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rgba {
    pub width: u32,
    pub height: u32,
    pub pixels: Vec<u8>,
}

impl Rgba {
    /// How many distinct colours the image holds (capped at `cap`): a blank
    /// image has one.
    pub fn distinct_colours(&self, cap: usize) -> usize {
        let mut seen = std::collections::HashSet::new();
        for px in self.pixels.chunks_exact(4) {
            seen.insert([px[0], px[1], px[2]]);
            if seen.len() >= cap {
                break;
            }
        }
        seen.len()
    }
}

/// A rendered page: its pixels, its size in points and its words.
#[derive(Clone, Debug)]
pub struct Page {
    pub image: Rgba,
    pub size: Vec2,
    pub text: Vec<Run>,
}

/// A graphics device with egui's renderer on it; reuse it for many images.
pub struct Offscreen {
    state: RenderState,
}

fn prefer_cpu(adapters: &[wgpu::Adapter], _surface: Option<&wgpu::Surface<'_>>) -> Result<wgpu::Adapter, String> {
    let rank = |a: &wgpu::Adapter| match a.get_info().device_type {
        wgpu::DeviceType::Cpu => 0,
        wgpu::DeviceType::DiscreteGpu => 1,
        _ => 2,
    };
    adapters.iter().min_by_key(|a| rank(a)).cloned().ok_or_else(|| "no graphics adapter (GPU or CPU) found".to_owned())
}

impl Offscreen {
    /// Opens a graphics adapter without a window. Fails with a sentence when
    /// none is available (no GPU driver and no Mesa llvmpipe).
    pub fn new() -> Result<Offscreen, String> {
        let mut create = WgpuSetupCreateNew::without_display_handle();
        create.instance_descriptor.backends.remove(wgpu::Backends::BROWSER_WEBGPU);
        create.native_adapter_selector = Some(Arc::new(prefer_cpu));
        let setup = WgpuSetup::CreateNew(create);
        let instance = pollster::block_on(setup.new_instance());
        let config = WgpuConfiguration { wgpu_setup: setup, ..Default::default() };
        let state = pollster::block_on(RenderState::create(&config, &instance, None, RendererOptions::PREDICTABLE)).map_err(|e| {
            format!(
                "cannot render images: no usable graphics adapter ({e}); install Mesa (libegl-mesa0, libgl1-mesa-dri) for CPU rendering"
            )
        })?;
        Ok(Offscreen { state })
    }

    /// Runs `ui` in a fresh egui context of `size` points at `scale` pixels per
    /// point and returns the last frame's pixels. `setup` styles the context
    /// (theme, fonts) before the first frame.
    pub fn render(&self, size: Vec2, scale: f32, setup: impl FnOnce(&Context), ui: impl FnMut(&mut Ui)) -> Result<Rgba, String> {
        self.render_page(size, scale, setup, ui).map(|page| page.image)
    }

    /// Like [`Offscreen::render`], and also the words the last frame painted
    /// (for the PDF's text layer).
    pub fn render_page(&self, size: Vec2, scale: f32, setup: impl FnOnce(&Context), mut ui: impl FnMut(&mut Ui)) -> Result<Page, String> {
        let ctx = Context::default();
        setup(&ctx);
        let input = || {
            let mut raw = RawInput { screen_rect: Some(Rect::from_min_size(Pos2::ZERO, size)), ..Default::default() };
            raw.viewports.entry(ViewportId::ROOT).or_default().native_pixels_per_point = Some(scale);
            raw
        };
        let mut renderer = self.state.renderer.write();
        let mut output = None;
        let mut free = Vec::new();
        for _ in 0..=SETTLE_FRAMES {
            let mut out = ctx.run_ui(input(), &mut ui);
            for (id, deltas) in out.textures_delta.set.drain() {
                for delta in deltas {
                    renderer.update_texture(&self.state.device, &self.state.queue, id, &delta);
                }
            }
            free.extend(out.textures_delta.free.drain());
            output = Some(out);
        }
        let Some(output) = output else { return Err("nothing was drawn".to_owned()) };
        let ppp = ctx.pixels_per_point();
        let px = [(size.x * ppp).round().max(1.0) as u32, (size.y * ppp).round().max(1.0) as u32];
        let screen = ScreenDescriptor { size_in_pixels: px, pixels_per_point: ppp };
        let text = super::text::runs(&output.shapes);
        let primitives = ctx.tessellate(output.shapes, ppp);
        let device = &self.state.device;
        let mut encoder = device.create_command_encoder(&wgpu::CommandEncoderDescriptor { label: Some("floe export") });
        let extra = renderer.update_buffers(device, &self.state.queue, &mut encoder, &primitives, &screen);
        let extent = wgpu::Extent3d { width: px[0], height: px[1], depth_or_array_layers: 1 };
        let texture = device.create_texture(&wgpu::TextureDescriptor {
            label: Some("floe export target"),
            size: extent,
            mip_level_count: 1,
            sample_count: 1,
            dimension: wgpu::TextureDimension::D2,
            format: self.state.target_format,
            usage: wgpu::TextureUsages::RENDER_ATTACHMENT | wgpu::TextureUsages::COPY_SRC,
            view_formats: &[],
        });
        let view = texture.create_view(&wgpu::TextureViewDescriptor::default());
        {
            let attachment = wgpu::RenderPassColorAttachment {
                view: &view,
                resolve_target: None,
                ops: wgpu::Operations { load: wgpu::LoadOp::Clear(wgpu::Color::WHITE), store: wgpu::StoreOp::Store },
                depth_slice: None,
            };
            let mut pass = encoder
                .begin_render_pass(&wgpu::RenderPassDescriptor {
                    label: Some("floe export pass"),
                    color_attachments: &[Some(attachment)],
                    ..Default::default()
                })
                .forget_lifetime();
            renderer.render(&mut pass, &primitives, &screen);
        }
        // Read the texture back: rows padded to wgpu's copy alignment.
        let row = px[0] as usize * 4;
        let align = wgpu::COPY_BYTES_PER_ROW_ALIGNMENT as usize;
        let padded = row.div_ceil(align) * align;
        let buffer = device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("floe export read-back"),
            size: (padded * px[1] as usize) as u64,
            usage: wgpu::BufferUsages::MAP_READ | wgpu::BufferUsages::COPY_DST,
            mapped_at_creation: false,
        });
        encoder.copy_texture_to_buffer(
            texture.as_image_copy(),
            wgpu::TexelCopyBufferInfo {
                buffer: &buffer,
                layout: wgpu::TexelCopyBufferLayout { offset: 0, bytes_per_row: Some(padded as u32), rows_per_image: None },
            },
            extent,
        );
        let index = self.state.queue.submit(extra.into_iter().chain(std::iter::once(encoder.finish())));
        let slice = buffer.slice(..);
        let (tx, rx) = std::sync::mpsc::channel();
        slice.map_async(wgpu::MapMode::Read, move |r| drop(tx.send(r)));
        device
            .poll(wgpu::PollType::Wait { submission_index: Some(index), timeout: Some(WAIT) })
            .map_err(|e| format!("the graphics adapter did not finish the image: {e}"))?;
        rx.recv().map_err(|e| e.to_string())?.map_err(|e| format!("cannot read the image back: {e}"))?;
        let mapped = slice.get_mapped_range().map_err(|e| format!("cannot read the image back: {e}"))?;
        let mut pixels = Vec::with_capacity(row * px[1] as usize);
        for line in mapped.chunks_exact(padded) {
            pixels.extend_from_slice(&line[..row]);
        }
        drop(mapped);
        buffer.unmap();
        for id in &free {
            renderer.free_texture(id);
        }
        if self.state.target_format == wgpu::TextureFormat::Bgra8Unorm {
            pixels.chunks_exact_mut(4).for_each(|p| p.swap(0, 2));
        }
        Ok(Page { image: Rgba { width: px[0], height: px[1], pixels }, size, text })
    }
}
