// The limiter's two atomic operations, one rule per call (see store/limit-ops.ts for the model).
// KEYS[1]: the rule's base key (hash-tagged); ARGV[1]: the spec as JSON. Returns JSON.
// memory-store.ts implements the same algorithm for the in-process store: change both together.

const COMMON = `
local base = KEYS[1]
local spec = cjson.decode(ARGV[1])
local now = spec.now

-- Slide a window ring forward to now; returns the current bucket and the running total.
local function advance(key, bucketMs, n)
  local cur = math.floor(now / bucketMs)
  local meta = redis.call('HMGET', key, 't', 'b')
  local t = tonumber(meta[1]) or 0
  local b = tonumber(meta[2])
  if b == nil or cur - b >= n then
    if b ~= nil then redis.call('DEL', key) end
    t = 0
  elseif cur > b then
    for id = b + 1, cur do
      local slot = 's' .. (id % n)
      local v = tonumber(redis.call('HGET', key, slot))
      if v then
        t = t - v
        redis.call('HDEL', key, slot)
      end
    end
  end
  if t < 0 then t = 0 end
  return cur, t
end

local function store(key, cur, t, bucketMs, n)
  redis.call('HSET', key, 't', t, 'b', cur)
  redis.call('PEXPIRE', key, bucketMs * n + 1000)
end
`;

export const admitLua = `${COMMON}
local windows = {}
local counters = {}
local refused = nil
local buckets = {}

for i, w in ipairs(spec.windows) do
  local key = base .. ':' .. w.name
  local cur, t = advance(key, w.bucketMs, w.buckets)
  windows[i] = { key = key, cur = cur, t = t }
  buckets[w.name] = cur
  local ok
  if w.gate then ok = t < w.limit else ok = t + w.amount <= w.limit end
  local retry = (cur + w.buckets) * w.bucketMs - now
  if not ok and refused == nil then
    -- until enough of the oldest buckets slide out to make room
    local need = t + math.max(w.amount, 1) - w.limit
    local acc = 0
    for id = cur - w.buckets + 1, cur do
      acc = acc + (tonumber(redis.call('HGET', key, 's' .. (id % w.buckets))) or 0)
      if acc >= need then
        retry = (id + w.buckets) * w.bucketMs - now
        break
      end
    end
    refused = { name = w.name, limit = w.limit, remaining = 0, resetMs = retry }
  end
  counters[#counters + 1] = { name = w.name, limit = w.limit, remaining = math.max(0, w.limit - t), resetMs = retry }
end

for i, q in ipairs(spec.quotas) do
  local key = base .. ':' .. q.name
  local v = tonumber(redis.call('GET', key)) or 0
  local ok
  if q.amount > 0 then ok = v + q.amount <= q.limit else ok = v < q.limit end
  local ttl = redis.call('PTTL', key)
  if ttl < 0 then ttl = q.ttlMs end
  if not ok and refused == nil then refused = { name = q.name, limit = q.limit, remaining = 0, resetMs = ttl } end
  counters[#counters + 1] = { name = q.name, limit = q.limit, remaining = math.max(0, q.limit - v), resetMs = ttl }
end

if spec.concurrency ~= cjson.null and spec.concurrency ~= nil then
  local c = spec.concurrency
  local key = base .. ':conc'
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now)
  local n = redis.call('ZCARD', key)
  if n >= c.limit and refused == nil then refused = { name = 'concurrent', limit = c.limit, remaining = 0, resetMs = 1000 } end
  counters[#counters + 1] = { name = 'concurrent', limit = c.limit, remaining = math.max(0, c.limit - n), resetMs = 1000 }
end

if refused == nil then
  for i, w in ipairs(spec.windows) do
    local s = windows[i]
    local t = s.t
    if not w.gate and w.amount > 0 then
      redis.call('HINCRBY', s.key, 's' .. (s.cur % w.buckets), w.amount)
      t = t + w.amount
    end
    store(s.key, s.cur, t, w.bucketMs, w.buckets)
  end
  for _, q in ipairs(spec.quotas) do
    if q.amount > 0 then
      local key = base .. ':' .. q.name
      redis.call('INCRBY', key, q.amount)
      if redis.call('PTTL', key) < 0 then redis.call('PEXPIRE', key, q.ttlMs) end
    end
  end
  if spec.concurrency ~= cjson.null and spec.concurrency ~= nil then
    local c = spec.concurrency
    local key = base .. ':conc'
    redis.call('ZADD', key, now + c.leaseMs, c.id)
    redis.call('PEXPIRE', key, c.leaseMs)
  end
else
  for i, w in ipairs(spec.windows) do
    local s = windows[i]
    store(s.key, s.cur, s.t, w.bucketMs, w.buckets)
  end
end

return cjson.encode({ ok = refused == nil, refused = refused or cjson.null, counters = counters, bucket = buckets })
`;

export const settleLua = `${COMMON}
for _, w in ipairs(spec.windows) do
  local key = base .. ':' .. w.name
  local cur, t = advance(key, w.bucketMs, w.buckets)
  local bucket = w.bucket
  if bucket == nil or bucket == cjson.null then bucket = cur end
  if w.delta ~= 0 and cur - bucket < w.buckets and bucket <= cur then
    local slot = 's' .. (bucket % w.buckets)
    local old = tonumber(redis.call('HGET', key, slot)) or 0
    local new = math.max(0, old + w.delta)
    t = t + (new - old)
    redis.call('HSET', key, slot, new)
  end
  store(key, cur, math.max(0, t), w.bucketMs, w.buckets)
end
for _, q in ipairs(spec.quotas) do
  if q.delta ~= 0 then
    local key = base .. ':' .. q.name
    local v = redis.call('INCRBY', key, q.delta)
    if v < 0 then redis.call('SET', key, 0, 'KEEPTTL') end
    if redis.call('PTTL', key) < 0 then redis.call('PEXPIRE', key, q.ttlMs) end
  end
end
for _, id in ipairs(spec.release) do
  redis.call('ZREM', base .. ':conc', id)
end
return 1
`;
