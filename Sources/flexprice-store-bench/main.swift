print("store bench: under construction")
