-- wrk script of verify-benchmarks/run-request-path.sh: sends pre-signed deliveries, each once.
--   wrk ... -s request-path.lua -- BATCH THREADS
-- BATCH.heads holds the request heads one after another (each ends in its blank line); BATCH.body
-- holds the body's prefix, its suffix and the first delivery's number, one per line: delivery i's
-- body is prefix .. ten-digit number .. suffix (written by RequestPathRun's SignedDeliveries).
-- Each wrk thread sends its own contiguous slice (wrk calls request() once before the run to
-- check for pipelining: that delivery is skipped, never sent). A thread that runs out of deliveries stops and
-- says so in the summary (the run then fails: a repeated delivery would not be a first delivery).

local threads = {}

function setup(thread)
  thread:set("index", #threads)
  table.insert(threads, thread)
end

local heads, prefix, suffix, first, lo, n, last = {}, nil, nil, 0, 0, 0, 0
sent, exhausted = 0, false

function init(args)
  local batch, threadCount = args[1], tonumber(args[2])
  local b = assert(io.open(batch .. ".body", "rb"))
  prefix, suffix, first = b:read("*l"), b:read("*l"), tonumber(b:read("*l"))
  b:close()
  local f = assert(io.open(batch .. ".heads", "rb"))
  local data = f:read("*a")
  f:close()
  local all, pos = {}, 1
  while true do
    local e = string.find(data, "\r\n\r\n", pos, true)
    if not e then break end
    all[#all + 1] = string.sub(data, pos, e + 3)
    pos = e + 4
  end
  local per = math.floor(#all / threadCount)
  lo = index * per
  for i = 1, per do heads[i] = all[lo + i] end
  n, last = lo, lo + per
end

function request()
  if n >= last then
    exhausted = true
    wrk.thread:stop()
    n = last - 1 -- answered as a duplicate or a rejection: the run fails
  end
  local r = heads[n - lo + 1] .. prefix .. string.format("%010d", first + n) .. suffix
  n = n + 1
  sent = sent + 1
  return r
end

function done(summary, latency, requests)
  local total, out = 0, false
  for _, t in ipairs(threads) do
    total = total + t:get("sent")
    out = out or t:get("exhausted")
  end
  local e = summary.errors
  io.write(string.format(
    'REQUEST_PATH {"requests":%d,"durationMicros":%d,"sent":%d,"exhausted":%s,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latencyMicros":{"p50":%d,"p90":%d,"p99":%d,"p999":%d,"mean":%.1f,"max":%d}}\n',
    summary.requests, summary.duration, total, tostring(out),
    e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency:percentile(99.9), latency.mean, latency.max))
end
