// Placeholder until FlexpriceCLITests land.
