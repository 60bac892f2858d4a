//! Plans kept open beside the one being edited, to compare with it. Each is a
//! scenario file as it was read (validated, projected once); it is never
//! edited here, so nothing in this list can hold unsaved work. Choosing
//! "Edit" swaps it with the plan in the editor (through the unsaved-changes
//! guard); the plan that leaves the editor stays in the list.

use super::commands::{Action, Command};
use crate::engine::{self, Projection};
use crate::model::Scenario;
use std::path::{Path, PathBuf};

/// Most plans kept open beside the edited one.
pub const MAX_OTHERS: usize = 8;

/// A plan open for comparison.
pub struct OtherPlan {
    pub path: PathBuf,
    pub scenario: Scenario,
    pub projection: std::sync::Arc<Projection>,
    /// Drawn on the charts and shown in the comparison.
    pub shown: bool,
    /// What the file says besides the scenario, kept for when the plan is
    /// edited and saved: its leading `//` comments and the format it was written in.
    pub comments: String,
    pub read_version: u32,
}

impl OtherPlan {
    /// Reads, validates and projects `path`; the message names the file.
    pub fn load(path: &Path) -> Result<OtherPlan, String> {
        use crate::io::{LoadError, LoadErrorKind};
        let (scenario, version, comments) = crate::io::load_scenario_with_comments(path).map_err(|e| e.to_string())?;
        // Refused with every problem listed, as a headless load words it.
        let problems = crate::model::validate(&scenario);
        if !problems.is_empty() {
            let kind = LoadErrorKind::Format(crate::format::FormatError::Invalid(problems));
            return Err(LoadError { path: path.to_owned(), kind }.to_string());
        }
        let mut plan = OtherPlan::from_scenario(path.to_owned(), scenario)?;
        (plan.comments, plan.read_version) = (comments, version);
        Ok(plan)
    }

    /// A plan from a scenario already read (the plan leaving the editor).
    pub fn from_scenario(path: PathBuf, scenario: Scenario) -> Result<OtherPlan, String> {
        let projection = engine::project(&scenario).map_err(|e| format!("{}: {e}", path.display()))?;
        let projection = std::sync::Arc::new(projection);
        Ok(OtherPlan { path, scenario, projection, shown: true, comments: String::new(), read_version: crate::model::FORMAT_VERSION })
    }

    /// The plan's name and file, for tabs and legends.
    pub fn title(&self) -> String {
        let file = self.path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        if self.scenario.name.trim().is_empty() { file } else { format!("{} ({file})", self.scenario.name) }
    }
}

/// The plans open beside the edited one.
#[derive(Default)]
pub struct Plans {
    pub others: Vec<OtherPlan>,
}

impl Plans {
    /// The index of the plan read from `path`, if it is open.
    pub fn find(&self, path: &Path) -> Option<usize> {
        self.others.iter().position(|o| crate::io::same_file(&o.path, path) || o.path == path)
    }

    /// Adds a plan (or refreshes it from its file if it is open already).
    pub fn add(&mut self, plan: OtherPlan) -> Result<(), String> {
        if let Some(i) = self.find(&plan.path) {
            self.others[i] = plan;
            return Ok(());
        }
        if self.others.len() >= MAX_OTHERS {
            return Err(format!("At most {MAX_OTHERS} plans can be open beside the one you edit: close one first."));
        }
        self.others.push(plan);
        Ok(())
    }

    /// The plans drawn over the charts, each with its colour's index.
    pub fn overlays(&self) -> Vec<crate::charts::overlay::Overlay> {
        self.others
            .iter()
            .enumerate()
            .filter(|(_, o)| o.shown)
            .map(|(index, o)| crate::charts::overlay::Overlay { name: o.title(), projection: o.projection.clone(), index })
            .collect()
    }
}

/// The row of open plans above the charts (only when some are open beside
/// the edited one): show or hide each on the charts, edit it, close it, add
/// another.
pub fn bar(ui: &mut egui::Ui, edited: &str, plans: &mut Plans) -> Option<Command> {
    let mut out = None;
    if plans.others.is_empty() {
        return None;
    }
    ui.horizontal_wrapped(|ui| {
        ui.label(egui::RichText::new(format!("Editing: {edited}")).strong()).on_hover_text("The plan in the editor");
        for (i, o) in plans.others.iter_mut().enumerate() {
            ui.separator();
            let (title, hover) = (o.title(), format!("{}\nShow this plan on the charts and in the comparison", o.path.display()));
            // Its colour on the charts.
            let color = crate::charts::overlay::color(&crate::app::theme::ChartColors::of(ui.visuals()), i);
            let (swatch, _) = ui.allocate_exact_size(egui::vec2(16.0, 4.0), egui::Sense::hover());
            ui.painter().rect_filled(swatch, 1.0, if o.shown { color } else { color.gamma_multiply(0.3) });
            ui.checkbox(&mut o.shown, title).on_hover_text(hover);
            if ui.small_button("Edit plan").on_hover_text("Edit this plan; the plan in the editor stays open here").clicked() {
                out = Some(Command::EditPlan(i));
            }
            if ui.small_button("🗙").on_hover_text("Close this plan (its file is not changed)").clicked() {
                out = Some(Command::ClosePlan(i));
            }
        }
        ui.separator();
        if ui.small_button("+ Add").on_hover_text(Action::AddPlan.label()).clicked() {
            out = Some(Command::Do(Action::AddPlan));
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/reference.ron")
    }

    #[test]
    fn a_plan_is_added_once_and_refreshed_from_its_file() {
        let mut plans = Plans::default();
        plans.add(OtherPlan::load(&reference()).unwrap()).unwrap();
        plans.others[0].shown = false;
        plans.add(OtherPlan::load(&reference()).unwrap()).unwrap();
        assert_eq!(plans.others.len(), 1);
        assert!(plans.others[0].shown, "refreshed from the file");
        assert_eq!(*plans.others[0].projection, engine::project(&plans.others[0].scenario).unwrap());
    }

    #[test]
    fn the_list_is_bounded_and_bad_files_are_named() {
        let mut plans = Plans::default();
        let base = OtherPlan::load(&reference()).unwrap();
        for i in 0..MAX_OTHERS {
            let p = OtherPlan::from_scenario(PathBuf::from(format!("/plans/{i}.ron")), base.scenario.clone()).unwrap();
            plans.add(p).unwrap();
        }
        let one_more = OtherPlan::from_scenario(PathBuf::from("/plans/x.ron"), base.scenario.clone()).unwrap();
        assert!(plans.add(one_more).unwrap_err().contains("close one first"));
        let e = OtherPlan::load(Path::new("/nonexistent/plan.ron")).err().unwrap();
        assert!(e.contains("/nonexistent/plan.ron"), "{e}");
    }
}
