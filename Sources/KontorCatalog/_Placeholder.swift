// Placeholder so the package builds while the target is written; delete when adding real sources.
