-- Runs an Argo CD health check on one object the way Argo CD does: the script sees the object as the
-- global `obj` and returns { status = ..., message = ... }. Works on Lua 5.1 (Argo CD's gopher-lua) and 5.4.
-- Usage: lua health-runner.lua <check.lua> <object.lua>   (object.lua returns the object as a table)
local script, object = arg[1], arg[2]
local env = setmetatable({ obj = dofile(object) }, { __index = _G })
local chunk
if setfenv then
  chunk = assert(loadfile(script))
  setfenv(chunk, env)
else
  chunk = assert(loadfile(script, "t", env))
end
local hs = chunk()
io.write(tostring(hs.status), "\n", tostring(hs.message), "\n")
