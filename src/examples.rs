//! The example plans that ship with floe (`saves/*.ron`), compiled into the
//! binary, so File › Open example works wherever the app is installed, not
//! only next to the source tree.

use crate::format::{self, FormatError};
use crate::model::Scenario;

/// One shipped example: its file name and its text.
pub struct Example {
    pub file: &'static str,
    pub text: &'static str,
}

/// Every shipped example, in the order the menu lists them.
pub const ALL: [Example; 3] = [
    Example { file: "ice_cube.ron", text: include_str!("../saves/ice_cube.ron") },
    Example { file: "keep_buying.ron", text: include_str!("../saves/keep_buying.ron") },
    Example { file: "ai_pivot.ron", text: include_str!("../saves/ai_pivot.ron") },
];

impl Example {
    /// The plan, read through the same format code as a file on disk.
    pub fn scenario(&self) -> Result<Scenario, FormatError> {
        format::parse(self.text)
    }

    /// The plan's own name (`Ice cube: a miner that stops buying…`), or the
    /// file name if it cannot be read.
    pub fn title(&self) -> String {
        self.scenario().map_or_else(|_| self.file.to_owned(), |s| s.name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_example_reads_validates_and_projects() {
        for e in &ALL {
            let s = format::parse_valid(e.text).unwrap_or_else(|err| panic!("{}: {err}", e.file));
            assert!(crate::engine::project(&s).is_ok(), "{} projects", e.file);
            assert_ne!(e.title(), e.file, "{} has a name of its own", e.file);
        }
    }

    #[test]
    fn the_list_holds_every_plan_in_saves_once() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("saves");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| n.ends_with(".ron"))
            .collect();
        on_disk.sort();
        let mut listed: Vec<String> = ALL.iter().map(|e| e.file.to_owned()).collect();
        listed.sort();
        assert_eq!(listed, on_disk);
    }
}
