// Placeholder until the Notebook runtime lands.
