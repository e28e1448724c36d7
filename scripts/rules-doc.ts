// Regenerates RULES.md from the rule definitions (filled in with the rule catalog).
