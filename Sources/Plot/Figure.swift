// Placeholder until the Plot API lands.
