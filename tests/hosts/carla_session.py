#!/usr/bin/python3
# Copyright 2026 The hyperres authors
# SPDX-License-Identifier: ISC
"""Driven by tests/test_hosts_carla.py, in its own process (a host crash
must not take the test runner down): Carla's engine through its ctypes
binding (CARLA_DIR/source/frontend/carla_backend.py over
CARLA_DIR/bin/libcarla_standalone2.so) under JACK, one JACK client per
plugin. Usage: carla_session.py LV2_PATH URI... ; then commands, one a
line, on stdin:

  params    print every parameter of every plugin: "HR PARAM id symbol
            in|out value"
  program N NAME  select the plugin's program (LV2 preset) called NAME
  set N SYMBOL VALUE  set a parameter
  save N FILE / load N FILE  save / restore a plugin's state (.carxs)
  quit      close the engine

Each command is answered by lines starting "HR ", then "HR OK" or
"HR ERROR why"."""

import os
import sys
import time


def main():
    carla = os.environ['CARLA_DIR']
    sys.path.insert(0, os.path.join(carla, 'source', 'frontend'))
    import carla_backend as cb

    lv2_path, uris = sys.argv[1], sys.argv[2:]
    host = cb.CarlaHostDLL(os.path.join(carla, 'bin',
                                        'libcarla_standalone2.so'), False)
    host.set_engine_option(cb.ENGINE_OPTION_PROCESS_MODE,
                           cb.ENGINE_PROCESS_MODE_MULTIPLE_CLIENTS, '')
    host.set_engine_option(cb.ENGINE_OPTION_PATH_BINARIES, 0,
                           os.path.join(carla, 'bin'))
    host.set_engine_option(cb.ENGINE_OPTION_PATH_RESOURCES, 0,
                           os.path.join(carla, 'resources'))
    host.set_engine_option(cb.ENGINE_OPTION_PLUGIN_PATH, cb.PLUGIN_LV2,
                           lv2_path)
    if not host.engine_init('JACK', 'hr-carla'):
        print('HR ERROR engine_init: %s' % host.get_last_error(), flush=True)
        return 1
    for uri in uris:
        if not host.add_plugin(cb.BINARY_NATIVE, cb.PLUGIN_LV2, '', '', uri,
                               0, None, 0):
            print('HR ERROR add_plugin %s: %s' % (uri, host.get_last_error()),
                  flush=True)
            host.engine_close()
            return 1
    for pid in range(len(uris)):
        info = host.get_plugin_info(pid)
        print('HR PLUGIN %d %s|%s|%s' % (pid, info['label'], info['name'],
                                         host.get_real_plugin_name(pid)))
    print('HR READY', flush=True)

    def symbols(pid):
        return [host.get_parameter_info(pid, i)['symbol']
                for i in range(host.get_parameter_count(pid))]

    for line in sys.stdin:
        host.engine_idle()
        words = line.split()
        if not words:
            continue
        try:
            if words[0] == 'params':
                for pid in range(len(uris)):
                    for i, sym in enumerate(symbols(pid)):
                        data = host.get_parameter_data(pid, i)
                        kind = 'in' if data['type'] == cb.PARAMETER_INPUT \
                            else 'out'
                        print('HR PARAM %d %s %s %.9g' % (
                            pid, sym, kind,
                            host.get_current_parameter_value(pid, i)))
            elif words[0] == 'program':
                pid, name = int(words[1]), ' '.join(words[2:])
                names = [host.get_program_name(pid, i)
                         for i in range(host.get_program_count(pid))]
                print('HR PROGRAMS %d %s' % (pid, '|'.join(names)))
                host.set_program(pid, names.index(name))
            elif words[0] == 'set':
                pid, sym, value = int(words[1]), words[2], float(words[3])
                host.set_parameter_value(pid, symbols(pid).index(sym), value)
            elif words[0] in ('save', 'load'):
                pid, path = int(words[1]), words[2]
                call = host.save_plugin_state if words[0] == 'save' \
                    else host.load_plugin_state
                if not call(pid, path):
                    raise RuntimeError(host.get_last_error())
            elif words[0] == 'quit':
                break
            else:
                raise RuntimeError('unknown command ' + words[0])
        except Exception as e:  # reported to the test, which fails
            print('HR ERROR %s: %s' % (words[0], e), flush=True)
            continue
        print('HR OK', flush=True)
        time.sleep(0.01)
    ok = host.engine_close()
    print('HR CLOSED %s' % ok, flush=True)
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
