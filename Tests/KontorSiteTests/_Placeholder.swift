import Testing
// Placeholder; delete when adding real tests.
