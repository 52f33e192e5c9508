# Copyright 2026 The hyperres authors
# SPDX-License-Identifier: ISC
"""Finding and loading libhyperres, and the C functions' signatures.

Where the library is looked for, in order:
1. the file named by the environment variable HYPERRES_LIBRARY;
2. where `./waf install` put it (recorded in _installed.py at install);
3. the release build of the clone this package lies in (build/lib/);
4. the system's loader path (libhyperres.so.0).
"""

import ctypes
import os

SONAME = 'libhyperres.so.0'
MAJOR = 0

# HrProgress: void (*)(void* data, double fraction)
PROGRESS = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_double)

_P = ctypes.c_void_p
_D = ctypes.c_double
_I = ctypes.c_int
_U = ctypes.c_uint
_S = ctypes.c_size_t
_DP = ctypes.POINTER(ctypes.c_double)
_FP = ctypes.POINTER(ctypes.c_float)
_EP = ctypes.POINTER(ctypes.c_int)

# name: (restype, argtypes)
SIGNATURES = {
    'hr_version': (ctypes.c_char_p, []),
    'hr_error_string': (ctypes.c_char_p, [_I]),
    'hr_analysis_new': (_P, []),
    'hr_analysis_free': (None, [_P]),
    'hr_analysis_set': (_I, [_P, _I, _D]),
    'hr_analysis_get': (_D, [_P, _I]),
    'hr_analysis_set_consensus': (_I, [_P, _DP, _I]),
    'hr_analysis_consensus': (_I, [_P, _DP, _I]),
    'hr_analysis_set_progress': (None, [_P, PROGRESS, _P]),
    'hr_analysis_check': (_I, [_P, _U, ctypes.c_char_p, _S]),
    'hr_analysis_rows': (_I, [_P]),
    'hr_analysis_columns': (_S, [_P, _S]),
    'hr_analysis_row_frequency': (_D, [_P, _I]),
    'hr_analysis_column_time': (_D, [_P, _S]),
    'hr_analysis_memory_needed': (_S, [_P, _S, _U]),
    'hr_spectrogram_new': (_P, [_P, _DP, _S, _U, _EP]),
    'hr_spectrogram_free': (None, [_P]),
    'hr_spectrogram_rows': (_I, [_P]),
    'hr_spectrogram_columns': (_S, [_P]),
    'hr_spectrogram_energy': (_DP, [_P]),
    'hr_spectrogram_count': (_DP, [_P]),
    'hr_spectrogram_complex': (_DP, [_P]),
    'hr_spectrogram_nonfinite': (_S, [_P]),
    'hr_streamer_new': (_P, [_P, ctypes.c_uint32, _EP]),
    'hr_streamer_free': (None, [_P]),
    'hr_streamer_reset': (None, [_P]),
    'hr_streamer_process': (None, [_P, _FP, ctypes.c_uint32]),
    'hr_streamer_next_column': (_I, [_P, ctypes.POINTER(ctypes.c_int64),
                                     ctypes.POINTER(_FP),
                                     ctypes.POINTER(_FP)]),
    'hr_streamer_rows': (_I, [_P]),
    'hr_streamer_latency': (_S, [_P]),
}

# HrSetting values (lib/hyperres/hyperres.h).
SETTINGS = {
    'rate': 0, 'scale': 1, 'q': 2, 'noct': 3, 'over': 4, 'tdeci': 5,
    'lint': 6, 'fmin': 7, 'fmax': 8, 'sigma': 9, 'ndiv': 10, 'threads': 11,
    'memory_limit': 12,
}

AXIS_LOG = 0
AXIS_LINEAR = 1
COMPUTE_COMPLEX = 1

# HrError values that are not about the parameters.
ERROR_NO_MEMORY = 2
ERROR_MEMORY_LIMIT = 4
ERROR_THREADS = 18
ERROR_FFT_PLAN = 19


def _clone_build():
    """build/lib/ of the clone this package lies in (python/hyperres/)."""
    here = os.path.dirname(os.path.abspath(__file__))
    top = os.path.dirname(os.path.dirname(here))
    return os.path.join(top, 'build', 'lib', SONAME)


def _installed():
    try:
        from . import _installed as installed
    except ImportError:
        return None
    return installed.LIBRARY


def candidates():
    """Paths (or the bare soname) to try, in order."""
    found = [_installed(), _clone_build(), SONAME]
    return [path for path in found if path]


def _declare(lib):
    for name, (restype, argtypes) in SIGNATURES.items():
        function = getattr(lib, name)
        function.restype = restype
        function.argtypes = argtypes
    return lib


def _check_version(lib, path):
    version = lib.hr_version().decode()
    if int(version.split('.')[0]) != MAJOR:
        raise ImportError('%s is libhyperres %s; this package needs %d.x'
                          % (path, version, MAJOR))
    return lib


def load_library():
    """The loaded library (ctypes.CDLL: every call releases the GIL)."""
    explicit = os.environ.get('HYPERRES_LIBRARY')
    if explicit:
        return _check_version(_declare(ctypes.CDLL(explicit)), explicit)
    errors = []
    for path in candidates():
        if os.sep in path and not os.path.exists(path):
            errors.append('%s: no such file' % path)
            continue
        try:
            lib = ctypes.CDLL(path)
        except OSError as error:
            errors.append(str(error))
            continue
        return _check_version(_declare(lib), path)
    raise ImportError(
        'libhyperres not found: build it (./waf configure build) or install '
        'it (./waf install), or name it in HYPERRES_LIBRARY. Tried:\n  '
        + '\n  '.join(errors))


LIB = load_library()
