/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "json.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
hr_json_init(HrJson* json)
{
  memset(json, 0, sizeof(*json));
}

void
hr_json_free(HrJson* json)
{
  free(json->text);
  hr_json_init(json);
}

static void
append(HrJson* json, const char* bytes, size_t count)
{
  if (json->failed) {
    return;
  }
  if (json->length + count + 1 > json->capacity) {
    size_t grown = json->capacity ? 2 * json->capacity : 256;
    while (grown < json->length + count + 1) {
      grown *= 2;
    }
    char* text = realloc(json->text, grown);
    if (!text) {
      json->failed = 1;
      return;
    }
    json->text     = text;
    json->capacity = grown;
  }
  memcpy(json->text + json->length, bytes, count);
  json->length += count;
  json->text[json->length] = '\0';
}

void
hr_json_raw(HrJson* json, const char* text)
{
  append(json, text, strlen(text));
}

static void
quoted(HrJson* json, const char* text)
{
  append(json, "\"", 1);
  for (const unsigned char* c = (const unsigned char*)text; *c; ++c) {
    char escaped[8];
    if (*c == '"' || *c == '\\') {
      escaped[0] = '\\';
      escaped[1] = (char)*c;
      append(json, escaped, 2);
    } else if (*c < 0x20) {
      snprintf(escaped, sizeof(escaped), "\\u%04x", *c);
      append(json, escaped, 6);
    } else {
      append(json, (const char*)c, 1);
    }
  }
  append(json, "\"", 1);
}

void
hr_json_open(HrJson* json, char bracket)
{
  append(json, &bracket, 1);
  json->need_comma = 0;
}

void
hr_json_close(HrJson* json, char bracket)
{
  append(json, &bracket, 1);
  json->need_comma = 1;
}

void
hr_json_key(HrJson* json, const char* key)
{
  if (json->need_comma) {
    append(json, ",", 1);
  }
  if (key) {
    quoted(json, key);
    append(json, ":", 1);
  }
  json->need_comma = 1;
}

void
hr_json_string(HrJson* json, const char* key, const char* value)
{
  hr_json_key(json, key);
  quoted(json, value);
}

void
hr_json_double(HrJson* json, const char* key, double value)
{
  hr_json_key(json, key);
  char text[40] = "null";
  if (isfinite(value)) {
    snprintf(text, sizeof(text), "%.17g", value);
  }
  append(json, text, strlen(text));
}

void
hr_json_long(HrJson* json, const char* key, long long value)
{
  hr_json_key(json, key);
  char text[32];
  snprintf(text, sizeof(text), "%lld", value);
  append(json, text, strlen(text));
}

void
hr_json_null(HrJson* json, const char* key)
{
  hr_json_key(json, key);
  append(json, "null", 4);
}

/* Past the string starting at the quote `at`; NULL if unterminated. */
static const char*
skip_string(const char* at)
{
  for (++at; *at && *at != '"'; ++at) {
    if (*at == '\\' && at[1]) {
      ++at;
    }
  }
  return *at ? at + 1 : NULL;
}

/* Past the value starting at `at` (nested objects, arrays, strings and
   scalars); NULL if the text ends first. */
static const char*
skip_value(const char* at)
{
  int depth = 0;
  while (*at) {
    if (*at == '"') {
      at = skip_string(at);
      if (!at) {
        return NULL;
      }
      if (depth == 0) {
        return at;
      }
      continue;
    }
    if (*at == '{' || *at == '[') {
      ++depth;
    } else if (*at == '}' || *at == ']') {
      if (depth == 0) {
        return at;
      }
      if (--depth == 0) {
        return at + 1;
      }
    } else if (depth == 0 && *at == ',') {
      return at;
    }
    ++at;
  }
  return depth == 0 ? at : NULL;
}

static const char*
skip_space(const char* at)
{
  while (*at == ' ' || *at == '\t' || *at == '\n' || *at == '\r') {
    ++at;
  }
  return at;
}

const char*
hr_json_member(const char* text, const char* key, size_t* length)
{
  const char*  at         = skip_space(text);
  const size_t key_length = strlen(key);
  if (*at != '{') {
    return NULL;
  }
  at = skip_space(at + 1);
  while (*at == '"') {
    const char* name = at + 1;
    const char* end  = skip_string(at);
    if (!end) {
      return NULL;
    }
    const int match =
      (size_t)(end - 1 - name) == key_length && !memcmp(name, key, key_length);
    at = skip_space(end);
    if (*at != ':') {
      return NULL;
    }
    const char* value = skip_space(at + 1);
    const char* after = skip_value(value);
    if (!after) {
      return NULL;
    }
    if (match) {
      *length = (size_t)(after - value);
      return value;
    }
    at = skip_space(after);
    if (*at != ',') {
      return NULL;
    }
    at = skip_space(at + 1);
  }
  return NULL;
}

/* The string starting at the quote `value`, `length` bytes with its
   quotes, unescaped into `out`. */
static void
unescape(const char* value, size_t length, char* out, size_t out_size)
{
  size_t used = 0;
  for (size_t i = 1; i + 1 < length && used + 1 < out_size; ++i) {
    char c = value[i];
    if (c == '\\' && i + 2 < length) {
      c = value[++i];
      c = c == 'n' ? '\n' : c == 't' ? '\t' : c;
    }
    out[used++] = c;
  }
  out[used] = '\0';
}

int
hr_json_member_string(const char* text,
                      const char* key,
                      char*       out,
                      size_t      out_size)
{
  size_t      length = 0;
  const char* value  = hr_json_member(text, key, &length);
  if (!value || *value != '"' || out_size == 0) {
    return -1;
  }
  unescape(value, length, out, out_size);
  return 0;
}

int
hr_json_array_string(const char* array,
                     size_t      length,
                     size_t      position,
                     char*       out,
                     size_t      out_size)
{
  const char* end = array + length;
  const char* at  = array;
  if (length == 0 || *at != '[' || out_size == 0) {
    return -1;
  }
  for (size_t element = 0;; ++element) {
    at = skip_space(at + 1);
    if (at >= end || *at != '"') {
      return -1;
    }
    const char* after = skip_string(at);
    if (!after || after > end) {
      return -1;
    }
    if (element == position) {
      unescape(at, (size_t)(after - at), out, out_size);
      return 0;
    }
    at = skip_space(after);
    if (at >= end || *at != ',') {
      return -1;
    }
  }
}

int
hr_json_member_long(const char* text, const char* key, long long* value)
{
  size_t      length = 0;
  const char* at     = hr_json_member(text, key, &length);
  char*       end    = NULL;
  if (!at) {
    return -1;
  }
  *value = strtoll(at, &end, 10);
  return end == at ? -1 : 0;
}
