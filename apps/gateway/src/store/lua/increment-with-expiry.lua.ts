/** KEYS[1]: counter; ARGV[1]: ttl in ms, set only when the counter is created. */
export const incrementWithExpiryLua = `
local value = redis.call('INCR', KEYS[1])
if value == 1 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
end
return value
`;
