//! Giving freed heap memory back to the operating system.
//!
//! The corpus pass builds one count table per source, growing them side by
//! side: tens of thousands of arrays reallocated as they grow, and a buffer
//! each that is freed when the tables are sealed. glibc's allocator keeps
//! the freed pages of its main heap for later allocations, but the cleaning
//! pass allocates on the worker threads, which have heaps of their own: the
//! pages would stay resident, unused, for the whole second pass (about 180
//! MB at a million documents). [`release_freed`] hands them back.

/// Returns the free pages of the heap to the operating system, where the
/// allocator can (glibc on Linux); elsewhere it does nothing.
///
/// ```
/// pith::memory::release_freed();
/// ```
pub fn release_freed() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `malloc_trim` has no preconditions; it takes the allocator's
    // locks itself and only releases memory no allocation holds.
    unsafe {
        libc::malloc_trim(0);
    }
}
