// Placeholder until RemoteAPITests land.
