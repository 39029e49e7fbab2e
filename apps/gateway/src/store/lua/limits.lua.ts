// The limiter's two atomic operations, one rule per call (see store/limit-ops.ts for the model).
// KEYS[1]: the rule's base key (hash-tagged); ARGV[1]: the spec as JSON ({now, ...}). Returns JSON.
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
  -- A call from an earlier moment (another replica's, or one that waited) counts in the newest
  -- bucket: moving the ring back would make the next call slide the newest bucket out, uncounted.
  if b ~= nil and cur < b then cur = b end
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

// Admission of a batch: the specs of one rule (all of one shape) gathered in one event-loop turn,
// decided in order as if each were its own call — the later ones see what the earlier ones took —
// with each counter read once and written once.
// ARGV[1]: { now, n, w = windows, q = quotas, c = concurrency or absent } (JSON, once per batch);
// then per spec, flat: the amount for each window, the amount for each quota, and if c the slot id
// and the number of slots (more than 1: members id#1..id#count, a replica's leased pool).
// Returns integers: each window's current bucket, then per spec: ok (1/0), the 1-based index of the
// counter that refused (0: none), then each counter's remaining (before the spec) and time to reset,
// in the order windows, quotas, concurrency.
export const admitLua = `${COMMON}
local nw, nq = #spec.w, #spec.q
local c = spec.c
local ws, qs = {}, {}
local reply = {}
for j, w in ipairs(spec.w) do
  local key = base .. ':' .. w.name
  local cur, t = advance(key, w.bucketMs, w.buckets)
  ws[j] = { key = key, cur = cur, t = t, added = 0 }
  reply[j] = cur
end
for j, q in ipairs(spec.q) do
  local key = base .. ':' .. q.name
  local ttl = redis.call('PTTL', key)
  if ttl < 0 then ttl = q.ttlMs end
  qs[j] = { key = key, v = tonumber(redis.call('GET', key)) or 0, ttl = ttl, added = 0 }
end
local cn, slots = 0, {}
if c then
  redis.call('ZREMRANGEBYSCORE', base .. ':conc', '-inf', now)
  cn = redis.call('ZCARD', base .. ':conc')
end

-- until enough of the oldest buckets slide out to make room
local function retryAfter(w, s, t, amount)
  local need = t + math.max(amount, 1) - w.limit
  local acc = s.added
  for id = s.cur - w.buckets + 1, s.cur do
    acc = acc + (tonumber(redis.call('HGET', s.key, 's' .. (id % w.buckets))) or 0)
    if acc >= need then return (id + w.buckets) * w.bucketMs - now end
  end
  return (s.cur + w.buckets) * w.bucketMs - now
end

local stride = nw + nq
if c then stride = stride + 2 end
for i = 0, spec.n - 1 do
  local at = 1 + i * stride
  local head = #reply + 1
  local refused = 0
  local counter = 0
  reply[head] = 1
  reply[head + 1] = 0
  for j = 1, nw do
    local w, s = spec.w[j], ws[j]
    local amount = tonumber(ARGV[at + j])
    local t = s.t + s.added
    local ok
    if w.gate then ok = t < w.limit else ok = t + amount <= w.limit end
    counter = counter + 1
    local reset
    if not ok and refused == 0 then
      refused = counter
      reset = retryAfter(w, s, t, amount)
    else
      reset = (s.cur + w.buckets) * w.bucketMs - now
    end
    reply[#reply + 1] = math.max(0, w.limit - t)
    reply[#reply + 1] = reset
  end
  for j = 1, nq do
    local q, s = spec.q[j], qs[j]
    local amount = tonumber(ARGV[at + nw + j])
    local v = s.v + s.added
    local ok
    if amount > 0 then ok = v + amount <= q.limit else ok = v < q.limit end
    counter = counter + 1
    if not ok and refused == 0 then refused = counter end
    reply[#reply + 1] = math.max(0, q.limit - v)
    reply[#reply + 1] = s.ttl
  end
  if c then
    local n = cn + #slots / 2
    counter = counter + 1
    if n + tonumber(ARGV[at + stride]) > c.limit and refused == 0 then refused = counter end
    reply[#reply + 1] = math.max(0, c.limit - n)
    reply[#reply + 1] = 1000
  end
  if refused == 0 then
    for j = 1, nw do
      if not spec.w[j].gate then ws[j].added = ws[j].added + tonumber(ARGV[at + j]) end
    end
    for j = 1, nq do
      qs[j].added = qs[j].added + math.max(0, tonumber(ARGV[at + nw + j]))
    end
    if c then
      local id, count = ARGV[at + stride - 1], tonumber(ARGV[at + stride])
      for k = 1, count do
        slots[#slots + 1] = now + c.leaseMs
        if count == 1 then slots[#slots + 1] = id else slots[#slots + 1] = id .. '#' .. k end
      end
    end
  else
    reply[head] = 0
    reply[head + 1] = refused
  end
end

for j, w in ipairs(spec.w) do
  local s = ws[j]
  if s.added > 0 then redis.call('HINCRBY', s.key, 's' .. (s.cur % w.buckets), s.added) end
  store(s.key, s.cur, s.t + s.added, w.bucketMs, w.buckets)
end
for j, q in ipairs(spec.q) do
  local s = qs[j]
  if s.added > 0 then
    redis.call('INCRBY', s.key, s.added)
    if redis.call('PTTL', s.key) < 0 then redis.call('PEXPIRE', s.key, q.ttlMs) end
  end
end
if #slots > 0 then
  redis.call('ZADD', base .. ':conc', unpack(slots))
  redis.call('PEXPIRE', base .. ':conc', c.leaseMs)
end
return reply
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
-- freed slots in one command per thousand (unpack's stack is bounded)
for from = 1, #spec.release, 1000 do
  redis.call('ZREM', base .. ':conc', unpack(spec.release, from, math.min(from + 999, #spec.release)))
end
return 1
`;

// A replica's leased slots kept alive. KEYS[1]: the rule's base key; ARGV[1]: now, ARGV[2]: leaseMs,
// ARGV[3..]: slot ids. Only slots still there are extended (an expired one is not brought back);
// returns how many were.
export const holdSlotsLua = `
local key = KEYS[1] .. ':conc'
local now, leaseMs = tonumber(ARGV[1]), tonumber(ARGV[2])
local kept = 0
for i = 3, #ARGV do
  if redis.call('ZSCORE', key, ARGV[i]) then
    redis.call('ZADD', key, now + leaseMs, ARGV[i])
    kept = kept + 1
  end
end
if kept > 0 and redis.call('PTTL', key) < leaseMs then redis.call('PEXPIRE', key, leaseMs) end
return kept
`;
