-- wrk script for the reference: the same summary line as checkin.lua, for GET /healthz.
function done(summary, latency, requests)
  io.write(string.format("RESULT acked=%d other=0 ran_out=0 errors=%d p50_ms=%.2f p99_ms=%.2f rate=%.1f\n",
    summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests / (summary.duration / 1e6)))
end
