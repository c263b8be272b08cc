print("flexprice-console-api: under construction")
