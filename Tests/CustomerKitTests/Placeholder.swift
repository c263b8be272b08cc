// Placeholder until CustomerKitTests land.
