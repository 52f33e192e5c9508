-- Copyright 2026 The hyperres authors
-- SPDX-License-Identifier: ISC
--
-- Run by tests/test_ui_ardour.py with ardour7-lua (headless Ardour 7)
-- before the GUI opens the session: creates a session (Dummy backend,
-- the device whose inputs are sines a third of an octave apart) with one
-- mono track holding hyperres mono, fed by the 1 kHz input and
-- monitoring its input (so the plugin hears it with the transport
-- stopped), and saves it. Lines for the test start with "HR ".
-- Settings come from the environment: HR_SESSION_DIR, HR_SESSION_NAME,
-- HR_PLUGIN_URI (the mono plugin's URI, from tests/hosts/hostkit.py).

local dir = os.getenv("HR_SESSION_DIR")
local name = os.getenv("HR_SESSION_NAME")
local MONO = os.getenv("HR_PLUGIN_URI")
local MONITOR_INPUT = 1 -- ARDOUR::MonitorChoice MonitorInput
-- Input n of the device plays 1 kHz * 2^((n - 5) / 3).
local TONE_INPUT = "system:capture_5"

local function fail(why)
  print("HR FAIL " .. why)
  os.exit(1)
end

if not MONO then fail("HR_PLUGIN_URI is not set") end

if not AudioEngine:set_backend("None (Dummy)", "", "") then
  fail("no Dummy backend")
end
AudioEngine:set_device_name("Sine Wave 1K, 1/3 Oct")
AudioEngine:set_sample_rate(48000)
AudioEngine:set_buffer_size(1024)
if AudioEngine:start(false) ~= 0 then fail("engine did not start") end

if not create_session(dir, name, 48000) then
  fail("could not create the session")
end
local track
local list = Session:new_audio_track(1, 2, nil, 1, "hr mono",
  ARDOUR.PresentationInfo.max_order, ARDOUR.TrackMode.Normal, true)
for t in list:iter() do track = t end
if not track then fail("could not create the track") end

local proc = ARDOUR.LuaAPI.new_plugin(Session, MONO, ARDOUR.PluginType.LV2, "")
if proc:isnil() then fail("could not load " .. MONO) end
if track:add_processor_by_index(proc, 0, nil, true) ~= 0 then
  fail("could not insert " .. MONO)
end
track:input():disconnect_all(nil)
if track:input():audio(0):connect(TONE_INPUT) ~= 0 then
  fail("could not connect " .. TONE_INPUT)
end
track:monitoring_control():set_value(MONITOR_INPUT,
                                     PBD.GroupControlDisposition.NoGroup)
-- A RealTime control: the value is taken in the next process cycle.
ARDOUR.LuaAPI.usleep(300000)
print("HR INPUT " .. tostring(track:input():audio(0):connected_to(TONE_INPUT)))
print("HR MONITORING " .. track:monitoring_control():get_value())
Session:save_state("", false, false, false, false, false)
close_session()
print("HR DONE")
