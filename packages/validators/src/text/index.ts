/** Text security rules for LLM apps (issue: text input security). */
export {};
