//! Monte Carlo in the Risk view: `analysis::montecarlo::run` on a background
//! thread (it uses both cores through rayon) with a progress bar and Cancel,
//! so the app stays responsive; it reruns by itself once the plan has been
//! still for a moment after an edit. Results: the odds of running out of
//! cash and of a covenant breach (over the horizon and by year) and fan
//! charts of cash, net leverage and the BTC price.

use super::super::theme::ChartColors;
use crate::analysis::montecarlo::{self, Config, Fan, McError, McResult, NetworkFollow};
use crate::model::Scenario;
use egui::{RichText, Ui};
use egui_plot::{HoverPosition, Legend, Line, Plot, PlotPoints, Polygon};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::JoinHandle;

/// Seconds the plan must stay unchanged before a rerun starts.
pub const SETTLE_SECONDS: f64 = 0.8;

struct Job {
    input: (Scenario, Config),
    cancel: Arc<AtomicBool>,
    progress: Arc<AtomicUsize>,
    handle: JoinHandle<Result<McResult, McError>>,
}

/// Settings, the running job and the last result.
pub struct MonteCarlo {
    pub config: Config,
    /// Network hashrate follows the price (off by default).
    pub follow: bool,
    pub follow_setting: NetworkFollow,
    /// Rerun by itself after edits.
    pub auto: bool,
    job: Option<Job>,
    /// The last finished run and what it was run on.
    pub result: Option<((Scenario, Config), Result<McResult, McError>)>,
    /// The plan as last seen, and when it last changed.
    seen: Option<(Scenario, f64)>,
    /// The user cancelled this input: do not restart it by itself.
    cancelled: Option<(Scenario, Config)>,
}

impl Default for MonteCarlo {
    fn default() -> Self {
        MonteCarlo {
            config: Config { paths: 2_000, ..Config::default() },
            follow: false,
            follow_setting: NetworkFollow { elasticity: 0.5, lag_months: 6 },
            auto: true,
            job: None,
            result: None,
            seen: None,
            cancelled: None,
        }
    }
}

impl MonteCarlo {
    fn wanted(&self) -> Config {
        Config { network: self.follow.then_some(self.follow_setting), ..self.config }
    }

    /// Starts a run on `s` (cancelling one under way).
    pub fn start(&mut self, s: &Scenario) {
        self.cancel();
        let input = (s.clone(), self.wanted());
        let cancel = Arc::new(AtomicBool::new(false));
        let progress = Arc::new(AtomicUsize::new(0));
        let (c, p, (scenario, config)) = (cancel.clone(), progress.clone(), input.clone());
        let handle = std::thread::spawn(move || montecarlo::run(&scenario, &config, &c, &p));
        self.cancelled = None;
        self.job = Some(Job { input, cancel, progress, handle });
    }

    /// Stops the run under way, if any.
    pub fn cancel(&mut self) {
        if let Some(job) = self.job.take() {
            job.cancel.store(true, Ordering::Relaxed);
            self.cancelled = Some(job.input);
            // The thread ends at its next path; its result is dropped.
        }
    }

    /// A run is under way: paths done of paths asked.
    pub fn running(&self) -> Option<(usize, usize)> {
        self.job.as_ref().map(|j| (j.progress.load(Ordering::Relaxed), j.input.1.paths))
    }

    /// Once per frame: collects a finished run; starts one when the plan has
    /// settled on something not yet simulated. `now` is the frame time.
    pub fn tick(&mut self, s: &Scenario, now: f64) {
        if self.job.as_ref().is_some_and(|j| j.handle.is_finished()) {
            let job = self.job.take().expect("checked");
            let result = job.handle.join().unwrap_or_else(|_| Err(McError::Engine("the simulation stopped unexpectedly".into())));
            self.result = Some((job.input, result));
        }
        match &self.seen {
            Some((last, _)) if last == s => {}
            _ => self.seen = Some((s.clone(), now)),
        }
        let settled = self.seen.as_ref().is_some_and(|(_, t)| now - t >= SETTLE_SECONDS);
        let wanted = (s.clone(), self.wanted());
        let done = |x: &Option<(Scenario, Config)>| x.as_ref() == Some(&wanted);
        let current = self.job.as_ref().map(|j| &j.input) == Some(&wanted) || self.result.as_ref().map(|r| &r.0) == Some(&wanted);
        if self.auto && settled && !current && !done(&self.cancelled) && montecarlo::check(&wanted.1).is_ok() {
            self.start(s);
        }
    }
}

/// The settings, progress and results.
pub fn ui(ui: &mut Ui, s: &Scenario, mc: &mut MonteCarlo, now: f64) {
    mc.tick(s, now);
    ui.horizontal_wrapped(|ui| {
        let l = ui.label("Paths");
        ui.add(egui::DragValue::new(&mut mc.config.paths).range(100..=montecarlo::MAX_PATHS).speed(100.0)).labelled_by(l.id);
        let l = ui.label("BTC volatility");
        let mut vol = mc.config.vol * 100.0;
        if ui.add(egui::DragValue::new(&mut vol).range(0.0..=300.0).suffix(" %/yr")).labelled_by(l.id).changed() {
            mc.config.vol = vol / 100.0;
        }
        let l = ui.label("Seed");
        ui.add(egui::DragValue::new(&mut mc.config.seed)).labelled_by(l.id);
        ui.checkbox(&mut mc.auto, "Rerun after edits");
    });
    ui.horizontal_wrapped(|ui| {
        ui.checkbox(&mut mc.follow, "Network hashrate follows the price").on_hover_text(
            "Off: the network keeps the plan's path in every simulated world. On: when BTC is above (below) the plan's path, \
             miners add (switch off) machines, so the network grows faster (slower) than planned, with the elasticity and lag set here.",
        );
        if mc.follow {
            let l = ui.label("elasticity");
            ui.add(egui::DragValue::new(&mut mc.follow_setting.elasticity).range(-3.0..=3.0).speed(0.05)).labelled_by(l.id);
            let l = ui.label("lag");
            ui.add(egui::DragValue::new(&mut mc.follow_setting.lag_months).range(0..=36).suffix(" months")).labelled_by(l.id);
        }
    });
    ui.label(
        RichText::new(
            "BTC price paths spread around the plan's path (lognormal, the plan's path is the mean); everything else as planned.",
        )
        .weak(),
    );
    if let Some((done, total)) = mc.running() {
        ui.horizontal(|ui| {
            ui.add(egui::ProgressBar::new(done as f32 / total.max(1) as f32).text(format!("{done} of {total} paths")).desired_width(260.0));
            if ui.button("Cancel").clicked() {
                mc.cancel();
            }
        });
        ui.ctx().request_repaint_after(std::time::Duration::from_millis(100));
    } else if ui.button("Run now").clicked() {
        mc.start(s);
        ui.ctx().request_repaint_after(std::time::Duration::from_millis(100));
    }
    if mc.auto && mc.job.is_none() {
        // Wake up when the plan settles.
        ui.ctx().request_repaint_after(std::time::Duration::from_secs_f64(SETTLE_SECONDS));
    }
    let Some(((input, _), result)) = &mc.result else { return };
    let r = match result {
        Ok(r) => r,
        Err(McError::Cancelled) => return,
        Err(e) => {
            ui.label(format!("The simulation failed: {e}"));
            return;
        }
    };
    if input != s {
        ui.label(RichText::new("These results are for an earlier version of the plan.").weak());
    }
    results(ui, r);
}

fn pct(p: f64) -> String {
    format!("{:.1} %", p * 100.0)
}

fn results(ui: &mut Ui, r: &McResult) {
    ui.label(RichText::new(format!("Out of cash at least once: {} of {} paths", pct(r.p_out_of_cash), r.paths)).strong());
    if r.has_covenant {
        ui.label(RichText::new(format!("Covenant breached at least once: {}", pct(r.p_covenant_breach))).strong());
    } else {
        ui.label("No covenant is set, so none can be breached.");
    }
    if r.can_accelerate {
        ui.label(RichText::new(format!("A lender calls its debt at least once: {}", pct(r.p_acceleration))).strong());
    }
    egui::CollapsingHeader::new("By year").default_open(false).show(ui, |ui| {
        egui::Grid::new("mc_years").striped(true).show(ui, |ui| {
            ui.label(RichText::new("Through").strong());
            ui.label(RichText::new("Out of cash").strong());
            if r.has_covenant {
                ui.label(RichText::new("Covenant breach").strong());
            }
            if r.can_accelerate {
                ui.label(RichText::new("Debt called").strong());
            }
            ui.end_row();
            for y in &r.by_year {
                ui.label(&y.through);
                ui.label(pct(y.p_out_of_cash));
                if r.has_covenant {
                    ui.label(pct(y.p_covenant_breach));
                }
                if r.can_accelerate {
                    ui.label(pct(y.p_acceleration));
                }
                ui.end_row();
            }
        });
    });
    let months = r.months.clone();
    fan_chart(ui, "mc_cash", "Cash (USD, end of month)", &r.cash_usd, &months, crate::units::usd_compact);
    fan_chart(ui, "mc_netlev", "Net leverage (× LTM EBITDA)", &r.net_leverage, &months, |v| format!("{v:.1}×"));
    fan_chart(ui, "mc_price", "BTC price (USD)", &r.btc_price_usd, &months, crate::units::usd_compact);
}

/// What hovering month `x` of a fan reads: the month, then P5, P25, the
/// median, P75 and P95 in the series' units (the month alone where the
/// series is not defined).
pub fn fan_readout(fan: &Fan, months: &[String], x: f64, fmt: fn(f64) -> String) -> String {
    let m = x.round().max(0.0) as usize;
    let mut text = months.get(m).cloned().unwrap_or_default();
    match fan.get(m).copied().flatten() {
        Some(q) => {
            for (name, v) in ["P95", "P75", "median", "P25", "P5"].into_iter().zip([q[4], q[3], q[2], q[1], q[0]]) {
                text.push_str(&format!("\n{name}: {}", fmt(v)));
            }
        }
        None if m < fan.len() => text.push_str("\nnot defined this month"),
        None => {}
    }
    text
}

/// P5–P95 and P25–P75 bands and the median line of one series.
fn fan_chart(ui: &mut Ui, id: &str, title: &str, fan: &Fan, months: &[String], fmt: fn(f64) -> String) {
    let colors = ChartColors::of(ui.visuals());
    let quads = |lo: usize, hi: usize| crate::charts::fan::band_quads(fan, lo, hi);
    let median = crate::charts::fan::median(fan);
    let labels = months.to_vec();
    let hover_months = months.to_vec();
    let hover_fan = fan.clone();
    ui.label(RichText::new(title).strong());
    // A fixed id (not one under the scroll area's) so a test finds its memory.
    crate::charts::plot::navigable(Plot::new(id).id(egui::Id::unique(id)))
        .height(180.0)
        .label_formatter(move |pos: &HoverPosition| {
            let (HoverPosition::NearDataPoint { position, .. } | HoverPosition::Elsewhere { position }) = pos;
            Some(fan_readout(&hover_fan, &hover_months, position.x, fmt))
        })
        .legend(Legend::default().position(egui_plot::Corner::LeftTop))
        .x_axis_formatter(move |mark, _| {
            let i = mark.value.round();
            if (mark.value - i).abs() < 1e-6 && i >= 0.0 { labels.get(i as usize).cloned().unwrap_or_default() } else { String::new() }
        })
        .y_axis_formatter(move |mark, _| fmt(mark.value))
        .y_axis_min_width(64.0)
        .show(ui, |pu| {
            let c = colors.series[1];
            for (name, lo, hi, alpha) in [("P5–P95", 0, 4, 0.15), ("P25–P75", 1, 3, 0.3)] {
                for q in quads(lo, hi) {
                    // Same name: one legend entry for the whole band.
                    pu.polygon(
                        Polygon::new(name, PlotPoints::from(q))
                            .fill_color(c.gamma_multiply(alpha))
                            .stroke(egui::Stroke::NONE)
                            .allow_hover(false),
                    );
                }
            }
            pu.line(Line::new("median", PlotPoints::from(median)).color(c).width(2.0));
        });
}
