print("flexprice-console: under construction")
