//! Budgets for template rendering. A user's template is a program: it can loop without
//! end or double a string until memory runs out, and Tera cannot be interrupted from
//! outside. casefile therefore measures every render:
//!
//! - **output**: a page's writer refuses to grow past [`PAGE_BYTES`] or its deadline
//!   ([`Budget`]); Tera stops with an error at the instruction that wrote;
//! - **memory**: a counting allocator attributes every allocation made while a thread
//!   renders to that render's slot (the heap of the rest of the build is not counted);
//! - **time**: a watchdog thread looks at the slots every few milliseconds.
//!
//! A render over its time or memory budget cannot be stopped, so the watchdog ends the
//! process cleanly instead: it rolls back everything the build staged (see
//! [`crate::write::Journal`]), prints one located error and exits with status 1. Nothing
//! aborts, and the output folder is left as it was.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::io;
use std::sync::atomic::{AtomicBool, AtomicIsize, AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Most bytes one page may produce.
pub const PAGE_BYTES: usize = 64 * 1024 * 1024;
/// Longest one page may take to render.
pub const PAGE_TIME: Duration = Duration::from_secs(5);
/// Most heap all renders in flight may hold together.
pub const RENDER_HEAP: isize = 384 * 1024 * 1024;
/// How often the watchdog looks.
const TICK: Duration = Duration::from_millis(2);

const SLOTS: usize = 512;
const NONE: usize = usize::MAX;

struct Slot {
    active: AtomicBool,
    /// Milliseconds since [`EPOCH`] when the render started.
    started: AtomicU64,
    /// Heap allocated (minus freed) by the rendering thread since it started.
    bytes: AtomicIsize,
    /// Which template: an index the caller gives meaning to.
    template: AtomicUsize,
}

#[allow(clippy::declare_interior_mutable_const)]
const EMPTY: Slot = Slot {
    active: AtomicBool::new(false),
    started: AtomicU64::new(0),
    bytes: AtomicIsize::new(0),
    template: AtomicUsize::new(0),
};

static TABLE: [Slot; SLOTS] = [EMPTY; SLOTS];

thread_local! {
    /// The slot of the render running on this thread, if any.
    static CURRENT: Cell<usize> = const { Cell::new(NONE) };
}

fn epoch() -> Instant {
    static E: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    *E.get_or_init(Instant::now)
}

fn now_ms() -> u64 {
    u64::try_from(epoch().elapsed().as_millis()).unwrap_or(u64::MAX)
}

/// The global allocator: the system's, counting what renders allocate.
pub struct Counting;

fn account(delta: isize) {
    // `try_with`: the slot index is a plain `Cell` with no destructor, so this never
    // allocates and is safe during thread teardown.
    let _ = CURRENT.try_with(|c| {
        let i = c.get();
        if i != NONE
            && let Some(slot) = TABLE.get(i)
        {
            slot.bytes.fetch_add(delta, Ordering::Relaxed);
        }
    });
}

fn signed(n: usize) -> isize {
    isize::try_from(n).unwrap_or(isize::MAX)
}

// SAFETY: every method forwards to `System` with the same arguments and only adds
// bookkeeping that neither allocates nor unwinds.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded as received.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            account(signed(layout.size()));
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded as received.
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            account(signed(layout.size()));
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded as received.
        unsafe { System.dealloc(ptr, layout) };
        account(-signed(layout.size()));
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded as received.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            account(signed(new_size) - signed(layout.size()));
        }
        p
    }
}

/// A render in progress on this thread; ends when dropped.
pub struct Render {
    slot: usize,
}

impl Render {
    /// Start measuring a render of template number `template`.
    pub fn start(template: usize) -> Render {
        let slot = TABLE
            .iter()
            .position(|s| {
                s.active
                    .compare_exchange(false, true, Ordering::AcqRel, Ordering::Relaxed)
                    .is_ok()
            })
            .unwrap_or(NONE);
        if let Some(s) = TABLE.get(slot) {
            s.bytes.store(0, Ordering::Relaxed);
            s.template.store(template, Ordering::Relaxed);
            s.started.store(now_ms(), Ordering::Relaxed);
            let _ = CURRENT.try_with(|c| c.set(slot));
        }
        Render { slot }
    }
}

impl Drop for Render {
    fn drop(&mut self) {
        let _ = CURRENT.try_with(|c| c.set(NONE));
        if let Some(s) = TABLE.get(self.slot) {
            s.active.store(false, Ordering::Release);
        }
    }
}

/// What a render ran out of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Breach {
    Time,
    Memory,
    Output,
}

impl Breach {
    pub fn describe(self) -> String {
        match self {
            Breach::Time => format!("did not finish within {} s", PAGE_TIME.as_secs()),
            Breach::Memory => format!(
                "used more than {} MiB of memory",
                RENDER_HEAP / (1024 * 1024)
            ),
            Breach::Output => format!(
                "produced more than {} MiB of output",
                PAGE_BYTES / (1024 * 1024)
            ),
        }
    }
}

/// The first render over budget, if any: (template number, what it ran out of).
fn over_budget() -> Option<(usize, Breach)> {
    let now = now_ms();
    let limit = u64::try_from(PAGE_TIME.as_millis()).unwrap_or(u64::MAX);
    let mut heap = 0isize;
    let mut biggest = (0isize, 0usize);
    for s in &TABLE {
        if !s.active.load(Ordering::Acquire) {
            continue;
        }
        let t = s.template.load(Ordering::Relaxed);
        if now.saturating_sub(s.started.load(Ordering::Relaxed)) > limit {
            return Some((t, Breach::Time));
        }
        let b = s.bytes.load(Ordering::Relaxed);
        heap = heap.saturating_add(b.max(0));
        if b > biggest.0 {
            biggest = (b, t);
        }
    }
    (heap > RENDER_HEAP).then_some((biggest.1, Breach::Memory))
}

/// Watch renders until `stop` is set; call `on_breach` (which must not return) when one
/// goes over its budget. Run it on its own thread beside the renders.
pub fn watch(stop: &AtomicBool, on_breach: impl Fn(usize, Breach)) {
    while !stop.load(Ordering::Acquire) {
        if let Some((template, what)) = over_budget() {
            on_breach(template, what);
            return;
        }
        std::thread::park_timeout(TICK);
    }
}

/// A page's writer: refuses output past [`PAGE_BYTES`] or after the page's deadline.
pub struct Budget {
    pub out: Vec<u8>,
    deadline: Instant,
    pub breach: Option<Breach>,
}

impl Budget {
    pub fn new() -> Budget {
        Budget {
            out: Vec::new(),
            deadline: Instant::now() + PAGE_TIME,
            breach: None,
        }
    }
}

impl Default for Budget {
    fn default() -> Self {
        Budget::new()
    }
}

impl io::Write for Budget {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.out.len().saturating_add(buf.len()) > PAGE_BYTES {
            self.breach = Some(Breach::Output);
        } else if Instant::now() > self.deadline {
            self.breach = Some(Breach::Time);
        }
        if let Some(b) = self.breach {
            return Err(io::Error::other(b.describe()));
        }
        self.out.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn allocations_during_a_render_are_counted() {
        let r = Render::start(7);
        let v: Vec<u8> = vec![1; 1 << 20];
        let slot = TABLE.get(r.slot).unwrap();
        assert!(slot.bytes.load(Ordering::Relaxed) >= 1 << 20);
        assert_eq!(slot.template.load(Ordering::Relaxed), 7);
        drop(v);
        drop(r);
        // Outside a render nothing is counted.
        let _w: Vec<u8> = vec![1; 1 << 20];
    }

    #[test]
    fn the_writer_stops_at_the_output_budget() {
        let mut b = Budget::new();
        let chunk = vec![b'x'; 1 << 20];
        let mut n = 0;
        while b.write_all(&chunk).is_ok() {
            n += 1;
        }
        assert_eq!(n, PAGE_BYTES >> 20);
        assert_eq!(b.breach, Some(Breach::Output));
    }
}
