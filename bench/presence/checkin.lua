-- wrk script: every request is a check-in of the next employee (one token each, from the
-- file in $TOKENS) with a fresh client_key, so no request is a duplicate and none is
-- refused as a second check-in. Counts acknowledged (2xx) and other answers per thread, and
-- says which employee a following load should start at (next).
local tokens = {}
for line in io.lines(os.getenv("TOKENS")) do tokens[#tokens + 1] = line end
local threads = {}
local run = os.getenv("RUN") or "r"

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

function init(args)
  nthreads = tonumber(os.getenv("THREADS") or "2")
  idx = tid + tonumber(os.getenv("OFFSET") or "0")
  ok, other, ran_out = 0, 0, 0
end

function request()
  local token = tokens[idx + 1]
  if token == nil then
    -- out of fresh employees: say so (a refused second check-in would skew the figures)
    ran_out = ran_out + 1
    token = tokens[(idx % #tokens) + 1]
  end
  local body = '{"location":"office","client_key":"' .. string.format("%s-%08d", run, idx) .. '"}'
  idx = idx + nthreads
  return wrk.format("POST", "/api/v1/presence/check-in",
    { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }, body)
end

function response(status, headers, body)
  if status >= 200 and status < 300 then ok = ok + 1 else other = other + 1 end
end

function done(summary, latency, requests)
  local ok_total, other_total, out_total, next = 0, 0, 0, 0
  for _, t in ipairs(threads) do
    ok_total = ok_total + t:get("ok")
    other_total = other_total + t:get("other")
    out_total = out_total + t:get("ran_out")
    next = math.max(next, t:get("idx"))
  end
  io.write(string.format("RESULT acked=%d other=%d ran_out=%d errors=%d p50_ms=%.2f p99_ms=%.2f rate=%.1f next=%d\n",
    ok_total, other_total, out_total,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests / (summary.duration / 1e6), next))
end
