// Placeholder until the RemoteAPI module lands.
