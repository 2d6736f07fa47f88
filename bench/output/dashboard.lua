-- wrk script: the unit dashboard of $UNIT for $MONTH with the admin's token ($TOKEN);
-- every answer must be 200.
local token = os.getenv("TOKEN")
local path = "/api/v1/dashboard?unit=" .. os.getenv("UNIT") .. "&month=" .. os.getenv("MONTH")
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  ok, other = 0, 0
end

function request()
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. token })
end

function response(status, headers, body)
  if status == 200 then ok = ok + 1 else other = other + 1 end
end

function done(summary, latency, requests)
  local ok_total, other_total = 0, 0
  for _, t in ipairs(threads) do
    ok_total = ok_total + t:get("ok")
    other_total = other_total + t:get("other")
  end
  io.write(string.format("RESULT acked=%d other=%d ran_out=0 errors=%d p50_ms=%.2f p99_ms=%.2f rate=%.1f\n",
    ok_total, other_total,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests / (summary.duration / 1e6)))
end
