-- wrk script: GET /v1/customers/{id} for ids read from the file named by IDS_FILE (one per
-- line), each thread walking the list from its own starting point. Sends the key in x-api-key.
local ids = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("offset", counter * 7919)
end

function init(args)
  for line in io.lines(os.getenv("IDS_FILE")) do ids[#ids + 1] = line end
  index = offset or 0
  wrk.headers["x-api-key"] = os.getenv("API_KEY")
end

function request()
  index = index + 1
  return wrk.format("GET", "/v1/customers/" .. ids[(index % #ids) + 1])
end

function done(summary, latency, requests)
  io.write(string.format("non-2xx or errors: %d\n",
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
