//! The Export menu beside the chart tabs (also the chart's context menu)
//! and what its entries do: the chart on screen as a PNG (1× or 2×) or on
//! the clipboard, the monthly or KPI table on the clipboard as
//! tab-separated cells, the plan report as PDF or PNG, and presentation
//! mode on and off; then the notice that says how it went. No display,
//! clipboard or graphics adapter is a notice, never a panic.

use super::FloeApp;
use super::commands::{Action, Command, PathPurpose};
use super::dialogs::Dialog;
use super::tabs::{CentralView, ChartTab};
use crate::charts::{Chart, ChartInputs};
use crate::export::{self, Offscreen, chart};
use egui::{RichText, Ui};
use std::path::{Path, PathBuf};

impl FloeApp {
    /// The chart on screen, or the first chart when the table shows.
    pub fn current_chart(&self) -> Chart {
        self.prefs.chart_tab.chart().unwrap_or_default()
    }

    /// Carries out an entry of the Export menu.
    pub(super) fn export_menu_action(&mut self, ctx: &egui::Context, a: Action) {
        match a {
            Action::Present if self.present.is_some() => self.stop_presenting(ctx),
            Action::Present => self.start_presenting(ctx),
            Action::ExportChart => self.choose(PathPurpose::ExportChart(1)),
            Action::ExportChart2x => self.choose(PathPurpose::ExportChart(2)),
            Action::ExportReport => self.choose(PathPurpose::ExportReport),
            Action::ExportWorkbook => self.choose(PathPurpose::ExportWorkbook),
            Action::CopyChart => {
                let result = self.chart_image(2.0).and_then(|img| {
                    let image = arboard::ImageData { width: img.width as usize, height: img.height as usize, bytes: img.pixels.into() };
                    arboard::Clipboard::new().and_then(|mut c| c.set_image(image)).map_err(|e| format!("no clipboard ({e})"))
                });
                self.notify(result.map(|()| format!("Copied the {} chart", self.current_chart().title())));
            }
            Action::CopyTable => {
                let result = self.table_tsv().ok_or_else(|| "no projection to copy".to_owned()).and_then(|(what, tsv)| {
                    arboard::Clipboard::new().and_then(|mut c| c.set_text(tsv)).map(|()| what).map_err(|e| format!("no clipboard ({e})"))
                });
                self.notify(result.map(|what| format!("Copied the {what} (tab-separated: paste into a spreadsheet)")));
            }
            _ => {}
        }
    }

    /// A notice for the user: a success, or a failure in words.
    fn notify(&mut self, r: Result<String, String>) {
        self.notice = Some(r.unwrap_or_else(|e| format!("Could not copy: {e}")));
    }

    /// What Copy table puts on the clipboard: the comparison on the Compare
    /// tab, the monthly table on the table tab, the KPI table on a chart tab.
    /// `None` without a projection.
    pub fn table_tsv(&self) -> Option<(&'static str, String)> {
        let p = self.live.projection.as_ref()?;
        let shown: Vec<_> = self.plans.others.iter().filter(|o| o.shown).collect();
        if self.view == CentralView::Compare && !shown.is_empty() {
            let mut plans: Vec<(String, &crate::engine::Projection)> = vec![(self.doc.scenario.name.clone(), p)];
            plans.extend(shown.iter().map(|o| (o.title(), &*o.projection)));
            let named: Vec<(&str, &crate::engine::Projection)> = plans.iter().map(|(n, p)| (n.as_str(), *p)).collect();
            return Some(("comparison table", crate::tabular::compare_tsv(&named)));
        }
        Some(if self.prefs.chart_tab == ChartTab::Table {
            ("monthly table", crate::tabular::monthly_tsv(p))
        } else {
            ("KPI table", crate::tabular::kpi_tsv(p))
        })
    }

    /// The chart on screen as a captioned image at `scale` pixels per point.
    pub fn chart_image(&self, scale: f32) -> Result<export::Rgba, String> {
        let p = self.live.projection.as_ref().ok_or("the plan has problems to fix first")?;
        let s = &self.doc.scenario;
        let caption = chart::Caption::new(&s.name, self.doc.path.as_deref());
        chart::render(&Offscreen::new()?, self.current_chart(), &ChartInputs::of(s, p), &caption, scale)
    }

    /// Writes the chart on screen as a PNG at `scale` (1 or 2) to `path`.
    pub fn export_chart_file(&self, path: &Path, scale: u8) -> Result<(), String> {
        let png = export::png::encode(&self.chart_image(f32::from(scale))?)?;
        crate::io::write_atomic(path, &png).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Writes the plan report to `path`: PDF, or PNG for a `.png` name.
    pub fn export_report_file(&self, path: &Path) -> Result<(), String> {
        let p = self.live.projection.as_ref().ok_or("the plan has problems to fix first")?;
        let s = &self.doc.scenario;
        let is_png = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("png"));
        let bytes = if is_png {
            export::report::png(s, p, self.doc.path.as_deref())?
        } else {
            export::report::pdf(s, p, self.doc.path.as_deref())?
        };
        crate::io::write_atomic(path, &bytes).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Writes the plan as an Excel workbook to `path`; with plans open beside
    /// it (shown), a Compare sheet of all of them.
    pub fn export_workbook_file(&self, path: &Path) -> Result<(), String> {
        let p = self.live.projection.as_ref().ok_or("the plan has problems to fix first")?;
        let mut plans = vec![crate::workbook::Plan { scenario: &self.doc.scenario, projection: p }];
        plans.extend(
            self.plans
                .others
                .iter()
                .filter(|o| o.shown)
                .map(|o| crate::workbook::Plan { scenario: &o.scenario, projection: &o.projection }),
        );
        let bytes = crate::workbook::workbook(&plans)?;
        crate::io::write_atomic(path, &bytes).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Writes the chart image, the report or the workbook to the chosen `path`.
    pub(super) fn write_export(&mut self, purpose: PathPurpose, path: &Path) {
        let result = match purpose {
            PathPurpose::ExportChart(scale) => self.export_chart_file(path, scale),
            PathPurpose::ExportWorkbook => self.export_workbook_file(path),
            _ => self.export_report_file(path),
        };
        match result {
            Ok(()) => self.notice = Some(format!("Wrote {}", path.display())),
            Err(message) => self.dialog = Some(Dialog::Error { title: "Could not export".into(), message }),
        }
    }

    /// `plan-revenue.png` next to the plan.
    pub(super) fn export_default_path(&self, _purpose: PathPurpose, stem: &str) -> PathBuf {
        let dir = self.doc.path.as_ref().and_then(|p| p.parent()).map(Path::to_owned).unwrap_or_else(|| self.start_dir());
        let key = self.current_chart().key();
        dir.join(format!("{stem}-{key}.png"))
    }
}

/// The export menu beside the chart tabs: PNG 1×/2×, copy chart, copy table.
pub fn chart_menu(ui: &mut Ui, out: &mut Vec<Command>) {
    ui.menu_button("Export", |ui| chart_menu_items(ui, out)).response.on_hover_text("Export or copy this chart or table");
}

/// The entries of the export menu (also the chart's context menu).
pub fn chart_menu_items(ui: &mut Ui, out: &mut Vec<Command>) {
    for a in [Action::ExportChart, Action::ExportChart2x, Action::CopyChart, Action::CopyTable, Action::ExportReport, Action::Present] {
        if ui.button(a.label()).clicked() {
            out.push(Command::Do(a));
        }
    }
}

/// The last notice, bottom right, until dismissed.
pub fn notice_ui(ctx: &egui::Context, notice: &mut Option<String>) {
    let Some(text) = notice.clone() else { return };
    egui::Area::new(egui::Id::unique("floe_notice")).anchor(egui::Align2::RIGHT_BOTTOM, [-12.0, -36.0]).show(ctx, |ui| {
        egui::Frame::popup(ui.style()).show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(RichText::new(text));
                if ui.small_button("Dismiss").clicked() {
                    *notice = None;
                }
            });
        });
    });
}
