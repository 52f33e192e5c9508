/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Where the plugin tests find the bundle under test. */

#ifndef HR_TEST_BUNDLE_H
#define HR_TEST_BUNDLE_H

/** The bundle under test: argv[1], else $HR_LV2_BUNDLE, else the build's
    (HR_TEST_BUNDLE, defined by tests/wscript). */
const char*
hr_test_bundle_path(int argc, char** argv);

#endif /* HR_TEST_BUNDLE_H */
