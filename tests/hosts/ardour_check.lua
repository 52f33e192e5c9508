-- Copyright 2026 The hyperres authors
-- SPDX-License-Identifier: ISC
--
-- Run by tests/test_hosts_ardour.py with ardour7-lua after
-- ardour_record.lua: loads the saved session again (Dummy backend),
-- lists every hyperres insert with its control ports, lets the engine run
-- for a second and lists the ports again (the output ports show whether
-- run() analysed in the reloaded session). Lines for the test start with
-- "HR ". Settings: HR_SESSION_DIR, HR_SESSION_NAME.

local dir = os.getenv("HR_SESSION_DIR")
local name = os.getenv("HR_SESSION_NAME")

local function fail(why)
  print("HR FAIL " .. why)
  os.exit(1)
end

if not AudioEngine:set_backend("None (Dummy)", "", "") then
  fail("no Dummy backend")
end
AudioEngine:set_device_name("Sine Wave 1K, 1/3 Oct")
AudioEngine:set_sample_rate(48000)
AudioEngine:set_buffer_size(256)
if AudioEngine:start(false) ~= 0 then fail("engine did not start") end
local s = load_session(dir, name)
if not s then fail("could not load the session") end

local function each_insert(fn)
  for r in Session:get_routes():iter() do
    local i = 0
    while true do
      local proc = r:nth_plugin(i)
      if proc:isnil() then break end
      local pi = proc:to_insert()
      if not pi:isnil() then fn(r, pi) end
      i = i + 1
    end
  end
end

local function print_params(when)
  each_insert(function(route, pi)
    local plugin = pi:plugin(0)
    print(string.format("HR PLUGIN %s %s %s %s", when, route:name(),
          plugin:unique_id(), tostring(pi:enabled())))
    local n = 0
    while true do
      local port, ref = plugin:nth_parameter(n, false)
      if not ref[2] then break end
      local value = ARDOUR.LuaAPI.get_plugin_insert_param(pi, n, false)
      local kind = plugin:parameter_is_input(port) and "in" or "out"
      print(string.format("HR PARAM %s %s %d %s %s %.9g", when, route:name(),
            port, kind, plugin:parameter_label(port), value))
      n = n + 1
    end
  end)
end

print_params("loaded")
ARDOUR.LuaAPI.usleep(1000000)
print_params("running")
close_session()
print("HR DONE")
