"""The maintainer studio's domain (plain Python, no Flask): what a catalogue change does to
saved cases and rule cases (impact), what changed between two versions (diff), and whether
every official link still answers (links)."""
