/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Just enough JSON for the batch index and the axes files: a growing
   text that objects are written into, and a reader of the top-level
   members of one object (the index's own rows). */

#ifndef HR_JSON_H
#define HR_JSON_H

#include <stddef.h>

/** A JSON text being written. After an allocation failure `failed` is
    set and further appends do nothing. */
typedef struct {
  char*  text;
  size_t length;
  size_t capacity;
  int    failed;
  int    need_comma; /**< a member was written in the current object */
} HrJson;

/** Empty text. */
void
hr_json_init(HrJson* json);

/** Free the text. */
void
hr_json_free(HrJson* json);

/** Append raw JSON (e.g. a value written by another HrJson). */
void
hr_json_raw(HrJson* json, const char* text);

/** Open / close an object or array ("{", "}", "[", "]"). */
void
hr_json_open(HrJson* json, char bracket);
void
hr_json_close(HrJson* json, char bracket);

/** Start a member "key": of the current object (or, with key NULL, the
    next element of an array). */
void
hr_json_key(HrJson* json, const char* key);

/** Values (after hr_json_key). A double is written so that it reads
    back to the same bits; a non-finite one as null. */
void
hr_json_string(HrJson* json, const char* key, const char* value);
void
hr_json_double(HrJson* json, const char* key, double value);
void
hr_json_long(HrJson* json, const char* key, long long value);
void
hr_json_null(HrJson* json, const char* key);

/** Find top-level member `key` of the object in `text` (NUL-terminated).
    Returns a pointer to the start of its value and its length in
    `length`, or NULL. */
const char*
hr_json_member(const char* text, const char* key, size_t* length);

/** The value of a string member, unescaped into `out` (size `out_size`,
    simple escapes only). Returns 0, or -1 if absent or not a string. */
int
hr_json_member_string(const char* text,
                      const char* key,
                      char*       out,
                      size_t      out_size);

/** String element `position` of the JSON array `array` (`length`
    bytes), unescaped into `out`. Returns 0, or -1 past the end. */
int
hr_json_array_string(const char* array,
                     size_t      length,
                     size_t      position,
                     char*       out,
                     size_t      out_size);

/** The value of an integer member in `value`. Returns 0, or -1. */
int
hr_json_member_long(const char* text, const char* key, long long* value);

#endif /* HR_JSON_H */
