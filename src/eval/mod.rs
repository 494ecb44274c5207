//! Scoring cleaned output against gold bodies.
