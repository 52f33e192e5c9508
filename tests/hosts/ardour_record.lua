-- Copyright 2026 The hyperres authors
-- SPDX-License-Identifier: ISC
--
-- Run by tests/test_hosts_ardour.py with ardour7-lua (headless Ardour 7).
-- Creates a session (Dummy backend whose inputs are sine generators), a
-- mono and a stereo track, inserts hyperres mono/stereo by URI with a
-- preset, records a few seconds through them, prints what the plugins'
-- ports and Ardour's DSP stats say, lays the takes out for an exact
-- export (no fades, panners bypassed, takes one after the other) and
-- saves. Lines for the test start with "HR ". Settings come from the
-- environment: HR_SESSION_DIR, HR_SESSION_NAME, HR_RECORD_SECONDS.

local dir = os.getenv("HR_SESSION_DIR")
local name = os.getenv("HR_SESSION_NAME")
local seconds = tonumber(os.getenv("HR_RECORD_SECONDS") or "3")
local MONO = "urn:uuid:f0b0c2a0-ac39-4130-8348-11027bec971e#mono"
local STEREO = "urn:uuid:f0b0c2a0-ac39-4130-8348-11027bec971e#stereo"

local function fail(why)
  print("HR FAIL " .. why)
  os.exit(1)
end

local backend = AudioEngine:set_backend("None (Dummy)", "", "")
if not backend then fail("no Dummy backend") end
AudioEngine:set_device_name("Sine Wave 1K, 1/3 Oct")
AudioEngine:set_sample_rate(48000)
AudioEngine:set_buffer_size(256)
if AudioEngine:start(false) ~= 0 then fail("engine did not start") end

local s = create_session(dir, name, 48000)
if not s then fail("could not create the session") end

local function new_track(channels, label)
  local list = Session:new_audio_track(channels, 2, nil, 1, label,
    ARDOUR.PresentationInfo.max_order, ARDOUR.TrackMode.Normal, true)
  for t in list:iter() do return t end
  fail("could not create track " .. label)
end

local function insert(track, uri, preset)
  local proc = ARDOUR.LuaAPI.new_plugin(Session, uri, ARDOUR.PluginType.LV2,
                                        preset)
  if proc:isnil() then fail("could not load " .. uri) end
  if track:add_processor_by_index(proc, 0, nil, true) ~= 0 then
    fail("could not insert " .. uri)
  end
  return proc:to_insert()
end

-- Every control port of a plugin insert, by symbol-like label: value.
local function print_params(tag, pi)
  local plugin = pi:plugin(0)
  local n = 0
  while true do
    local port, ref = plugin:nth_parameter(n, false)
    if not ref[2] then break end
    local value = ARDOUR.LuaAPI.get_plugin_insert_param(pi, n, false)
    local kind = plugin:parameter_is_input(port) and "in" or "out"
    print(string.format("HR PARAM %s %d %s %s %.9g", tag, port, kind,
                        plugin:parameter_label(port), value))
    n = n + 1
  end
end

local mono = new_track(1, "hr mono")
local stereo = new_track(2, "hr stereo")
local pis = { ["hr mono"] = insert(mono, MONO, "Tonal"),
              ["hr stereo"] = insert(stereo, STEREO, "Transients") }

for _, t in ipairs({ mono, stereo }) do
  local connected = true
  for i = 0, t:n_inputs():n_audio() - 1 do
    connected = connected and t:input():audio(i):connected()
  end
  print("HR INPUT " .. t:name() .. " connected " .. tostring(connected))
  t:rec_enable_control():set_value(1, PBD.GroupControlDisposition.NoGroup)
end

for tag, pi in pairs(pis) do pi:clear_stats() end
Session:maybe_enable_record(false)
Session:request_roll(ARDOUR.TransportRequestSource.TRS_UI)
ARDOUR.LuaAPI.usleep(math.floor(seconds * 1000000))
Session:request_stop(false, false, ARDOUR.TransportRequestSource.TRS_UI)
local waited = 0
while not Session:transport_stopped() and waited < 100 do
  ARDOUR.LuaAPI.usleep(50000)
  waited = waited + 1
end
Session:disable_record(false, false)
ARDOUR.LuaAPI.usleep(500000)

for tag, pi in pairs(pis) do
  local ok, stats = pi:get_stats(0, 0, 0, 0)
  print(string.format("HR STATS %s %s count %d min %d max %d avg %.3f", tag,
        tostring(ok), pi:get_count(), stats[1] or -1, stats[2] or -1,
        stats[3] or -1))
  print_params(tag, pi)
end

-- The takes: no fades, stereo take after the mono one, 0.5 s apart.
local rate = Session:nominal_sample_rate()
local next_pos = math.floor(rate / 2)
for _, t in ipairs({ mono, stereo }) do
  local track = t:to_track()
  local regions = track:playlist():region_list()
  local count = 0
  for r in regions:iter() do
    local ar = r:to_audioregion()
    ar:set_fade_in_active(false)
    ar:set_fade_out_active(false)
    r:set_position(Temporal.timepos_t(next_pos))
    local srcs = {}
    for i = 0, ar:n_channels() - 1 do
      srcs[#srcs + 1] = r:source(i):to_filesource():path()
    end
    print(string.format("HR REGION %s %d %d %d %s", t:name(),
          r:position():samples(), r:start():samples(), r:length():samples(),
          table.concat(srcs, ",")))
    next_pos = next_pos + r:length():samples() + math.floor(rate / 2)
    count = count + 1
  end
  if count ~= 1 then fail(t:name() .. " has " .. count .. " regions") end
  t:panner_shell():set_bypassed(true)
  t:rec_enable_control():set_value(0, PBD.GroupControlDisposition.NoGroup)
end
Session:locations():session_range_location():set(Temporal.timepos_t(0),
                                                 Temporal.timepos_t(next_pos))
print("HR RANGE 0 " .. next_pos)
Session:save_state("", false, false, false, false, false)
print("HR SAVED")
close_session()
print("HR DONE")
