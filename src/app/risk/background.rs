//! The Risk view's sensitivity work off the UI thread: the tornado, the
//! two-way table and the breakeven (about 80 projections, ~50 ms on a
//! 30-year plan of 200 lots) run on one background thread, so a keystroke
//! in the editor never waits for them. One job at a time: an edit while
//! one runs asks it to stop at its next piece, and the next frame starts
//! one for the plan on screen. Each piece comes back as soon as it is done
//! (tornado, then table, then breakeven) with what it was computed for, so
//! the view can tell a current result from an earlier one and mark the
//! latter as updating.

use crate::analysis::{self, breakeven, sensitivity};
use crate::model::Scenario;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread::JoinHandle;

/// What the tornado and the table are computed for: the plan, the KPI key
/// and the shock in whole percent.
pub type Key = (Scenario, &'static str, u32);

/// A result and what it was computed for.
pub type Kept<K, V> = Option<(K, Result<V, String>)>;

/// Why a piece is missing when its job ended by itself without it.
const LOST: &str = "the computation stopped unexpectedly";

enum Piece {
    Tornado(Result<sensitivity::Tornado, String>),
    TwoWay(Result<sensitivity::TwoWay, String>),
    Breakeven(Result<breakeven::Breakeven, String>),
}

struct Job {
    key: Key,
    cancel: Arc<AtomicBool>,
    pieces: Receiver<Piece>,
    handle: JoinHandle<()>,
}

/// The job under way and the last result of each piece.
#[derive(Default)]
pub struct Sensitivity {
    job: Option<Job>,
    /// What the view last asked for.
    wanted: Option<Key>,
    pub tornado: Kept<Key, sensitivity::Tornado>,
    pub two_way: Kept<Key, sensitivity::TwoWay>,
    pub breakeven: Kept<Scenario, breakeven::Breakeven>,
}

/// Which pieces a job computes.
#[derive(Clone, Copy)]
struct Needs {
    tornado: bool,
    two_way: bool,
    breakeven: bool,
}

fn work(key: &Key, needs: Needs, cancel: &AtomicBool, out: &Sender<Piece>, wake: &dyn Fn()) {
    let (s, kpi, shock_pct) = key;
    let shock = f64::from(*shock_pct) / 100.0;
    let kpi = analysis::kpi_by_key(kpi);
    let steps: [(bool, &dyn Fn() -> Piece); 3] = [
        (needs.tornado, &|| Piece::Tornado(kpi.clone().and_then(|k| sensitivity::tornado(s, k, shock)))),
        (needs.two_way, &|| Piece::TwoWay(kpi.clone().and_then(|k| sensitivity::two_way(s, k, shock)))),
        (needs.breakeven, &|| Piece::Breakeven(breakeven::breakeven(s))),
    ];
    for (needed, step) in steps {
        if !needed {
            continue;
        }
        if cancel.load(Ordering::Relaxed) || out.send(step()).is_err() {
            return;
        }
        wake();
    }
}

impl Sensitivity {
    /// Once per frame while the view is visible: collects finished pieces,
    /// stops a job for an earlier plan, and starts one when a piece on
    /// screen is not for `key`. `ctx` is woken when a piece is ready.
    pub fn tick(&mut self, key: &Key, ctx: &egui::Context) {
        // Pieces are taken in a frame's first pass only, so every pass of a
        // frame shows the same figures.
        if let Some(job) = self.job.as_ref().filter(|_| ctx.current_pass_index() == 0) {
            // Finished before draining: then every piece it sent is drained below.
            let finished = job.handle.is_finished();
            for piece in job.pieces.try_iter() {
                match piece {
                    Piece::Tornado(r) => self.tornado = Some((job.key.clone(), r)),
                    Piece::TwoWay(r) => self.two_way = Some((job.key.clone(), r)),
                    Piece::Breakeven(r) => self.breakeven = Some((job.key.0.clone(), r)),
                }
            }
            if finished {
                if !job.cancel.load(Ordering::Relaxed) {
                    // It ended by itself without a piece (it panicked): say so
                    // rather than start it again every frame.
                    if self.tornado.as_ref().is_none_or(|(k, _)| *k != job.key) {
                        self.tornado = Some((job.key.clone(), Err(LOST.to_owned())));
                    }
                    if self.two_way.as_ref().is_none_or(|(k, _)| *k != job.key) {
                        self.two_way = Some((job.key.clone(), Err(LOST.to_owned())));
                    }
                    if self.breakeven.as_ref().is_none_or(|(s, _)| *s != job.key.0) {
                        self.breakeven = Some((job.key.0.clone(), Err(LOST.to_owned())));
                    }
                }
                self.job = None;
            } else if job.key != *key {
                job.cancel.store(true, Ordering::Relaxed);
            }
        }
        if self.wanted.as_ref() != Some(key) {
            self.wanted = Some(key.clone());
        }
        let needs = Needs {
            tornado: self.tornado.as_ref().is_none_or(|(k, _)| k != key),
            two_way: self.two_way.as_ref().is_none_or(|(k, _)| k != key),
            breakeven: self.breakeven.as_ref().is_none_or(|(s, _)| *s != key.0),
        };
        if self.job.is_none() && (needs.tornado || needs.two_way || needs.breakeven) {
            self.start(key.clone(), needs, ctx.clone());
        }
    }

    fn start(&mut self, key: Key, needs: Needs, ctx: egui::Context) {
        let cancel = Arc::new(AtomicBool::new(false));
        let (tx, rx) = channel();
        let (k, c) = (key.clone(), cancel.clone());
        let handle = std::thread::spawn(move || work(&k, needs, &c, &tx, &|| ctx.request_repaint()));
        self.job = Some(Job { key, cancel, pieces: rx, handle });
    }

    /// Some piece on screen is not yet for what the view last asked for
    /// (or a job is still under way).
    pub fn updating(&self) -> bool {
        let Some(key) = &self.wanted else { return false };
        self.job.is_some()
            || self.tornado.as_ref().is_none_or(|(k, _)| k != key)
            || self.two_way.as_ref().is_none_or(|(k, _)| k != key)
            || self.breakeven.as_ref().is_none_or(|(s, _)| *s != key.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Month;

    fn key() -> Key {
        (Scenario::new_blank(Month::new(2026, 1).expect("a month")), analysis::DEFAULT_KPI, 20)
    }

    /// Frames until the job is done (bounded).
    fn settle(s: &mut Sensitivity, key: &Key, ctx: &egui::Context) {
        for _ in 0..2_000 {
            s.tick(key, ctx);
            if !s.updating() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        panic!("the background work never settled");
    }

    #[test]
    fn a_job_that_ends_without_its_pieces_reports_it_and_is_not_restarted() {
        let (ctx, k) = (egui::Context::default(), key());
        let mut s = Sensitivity::default();
        let (tx, rx) = channel();
        drop(tx);
        let handle = std::thread::spawn(|| {});
        while !handle.is_finished() {
            std::thread::yield_now();
        }
        s.job = Some(Job { key: k.clone(), cancel: Arc::default(), pieces: rx, handle });
        s.tick(&k, &ctx);
        assert!(s.job.is_none(), "restarted");
        assert!(!s.updating());
        assert_eq!(s.tornado.as_ref().map(|(_, r)| r.as_ref().err().cloned()), Some(Some(LOST.to_owned())));
        assert!(s.breakeven.as_ref().is_some_and(|(_, r)| r.is_err()));
    }

    #[test]
    fn each_piece_is_what_analysis_gives_for_its_key() {
        let (ctx, k) = (egui::Context::default(), key());
        let mut s = Sensitivity::default();
        s.tick(&k, &ctx);
        assert!(s.updating());
        settle(&mut s, &k, &ctx);
        let kpi = analysis::kpi_by_key(k.1).expect("a KPI");
        assert_eq!(s.tornado.as_ref().map(|(_, r)| r.clone()), Some(sensitivity::tornado(&k.0, kpi, 0.2)));
        assert_eq!(s.two_way.as_ref().map(|(_, r)| r.clone()), Some(sensitivity::two_way(&k.0, kpi, 0.2)));
        assert_eq!(s.breakeven.as_ref().map(|(_, r)| r.clone()), Some(breakeven::breakeven(&k.0)));
    }
}
