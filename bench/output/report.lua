-- wrk script: every request is the daily report of the next (employee, date): employees
-- from the token file in $TOKENS, dates from $DATES (comma separated, today and the days
-- before it), so no request replaces another and none is refused. Three items each, as
-- the seed's template has it. Counts acknowledged (2xx) and other answers per thread.
local tokens = {}
for line in io.lines(os.getenv("TOKENS")) do tokens[#tokens + 1] = line end
local dates = {}
for d in string.gmatch(os.getenv("DATES") or "", "[^,]+") do dates[#dates + 1] = d end
local threads = {}

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

function init(args)
  nthreads = tonumber(os.getenv("THREADS") or "2")
  skip = tonumber(os.getenv("SKIP") or "0")
  idx = tid
  ok, other, ran_out = 0, 0, 0
end

function request()
  -- token 1 is the admin's: the employees are 2…n
  local n = #tokens - skip
  local who = idx % n
  local day = math.floor(idx / n) + 1
  if dates[day] == nil then
    ran_out = ran_out + 1
    day = #dates
  end
  local body = '{"date":"' .. dates[day] .. '","items":[' ..
    '{"text":"Verifikasi berkas KTP-el","status":"selesai"},' ..
    '{"text":"Rekap data kecamatan","status":"berjalan","needs":"data kecamatan Timur"},' ..
    '{"text":"Input SIAK","status":"terhambat","needs":"akses SIAK"}]}'
  idx = idx + nthreads
  return wrk.format("POST", "/api/v1/reports",
    { ["Authorization"] = "Bearer " .. tokens[who + 1 + skip], ["Content-Type"] = "application/json" }, body)
end

function response(status, headers, body)
  if status >= 200 and status < 300 then ok = ok + 1 else other = other + 1 end
end

function done(summary, latency, requests)
  local ok_total, other_total, out_total = 0, 0, 0
  for _, t in ipairs(threads) do
    ok_total = ok_total + t:get("ok")
    other_total = other_total + t:get("other")
    out_total = out_total + t:get("ran_out")
  end
  io.write(string.format("RESULT acked=%d other=%d ran_out=%d errors=%d p50_ms=%.2f p99_ms=%.2f rate=%.1f\n",
    ok_total, other_total, out_total,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests / (summary.duration / 1e6)))
end
