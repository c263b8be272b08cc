-- wrk script: POST /v1/customers with a unique external id per request (run prefix, thread
-- number and a counter), so every request is a real insert. Sends the key in x-api-key.
local counter = 0
local threads = {}

function setup(thread)
  counter = counter + 1
  thread:set("number", counter)
  table.insert(threads, thread)
end

function init(args)
  prefix = os.getenv("RUN_ID") .. "-" .. number .. "-"
  sent = 0
  wrk.headers["x-api-key"] = os.getenv("API_KEY")
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  sent = sent + 1
  local id = prefix .. sent
  local body = '{"external_id":"bench-' .. id .. '","name":"Bench Customer ' .. id ..
    '","email":"bench-' .. id .. '@example.com","address_country":"DE","metadata":{"source":"wrk"}}'
  return wrk.format("POST", "/v1/customers", nil, body)
end

function done(summary, latency, requests)
  io.write(string.format("non-2xx or errors: %d\n",
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
