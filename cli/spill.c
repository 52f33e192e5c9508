/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "spill.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SPILL_BUFFER (1 << 20)

int
hr_spill_open(HrSpill* spill, const char* folder, int rows)
{
  char path[4200];
  memset(spill, 0, sizeof(*spill));
  snprintf(path, sizeof(path), "%s/.hyperres-spill-XXXXXX", folder);
  const int fd = mkstemp(path);
  if (fd < 0) {
    return -1;
  }
  unlink(path);
  spill->file   = fdopen(fd, "w+b");
  spill->rows   = rows;
  spill->row    = malloc((size_t)rows * sizeof(int32_t));
  spill->energy = malloc((size_t)rows * sizeof(double));
  spill->count  = malloc((size_t)rows * sizeof(double));
  if (!spill->file || !spill->row || !spill->energy || !spill->count) {
    if (!spill->file) {
      close(fd);
    }
    hr_spill_close(spill);
    return -1;
  }
  setvbuf(spill->file, NULL, _IOFBF, SPILL_BUFFER);
  return 0;
}

int
hr_spill_write(HrSpill*       spill,
               int32_t        n,
               const int32_t* row,
               const double*  energy,
               const double*  count)
{
  const size_t cells = (size_t)n;
  if (fwrite(&n, sizeof(n), 1, spill->file) != 1 ||
      fwrite(row, sizeof(int32_t), cells, spill->file) != cells ||
      fwrite(energy, sizeof(double), cells, spill->file) != cells ||
      fwrite(count, sizeof(double), cells, spill->file) != cells) {
    return -1;
  }
  return 0;
}

int
hr_spill_rewind(HrSpill* spill)
{
  return fflush(spill->file) || fseek(spill->file, 0, SEEK_SET) ? -1 : 0;
}

int
hr_spill_read(HrSpill* spill)
{
  if (fread(&spill->n, sizeof(spill->n), 1, spill->file) != 1 || spill->n < 0 ||
      spill->n > spill->rows) {
    return -1;
  }
  const size_t cells = (size_t)spill->n;
  if (fread(spill->row, sizeof(int32_t), cells, spill->file) != cells ||
      fread(spill->energy, sizeof(double), cells, spill->file) != cells ||
      fread(spill->count, sizeof(double), cells, spill->file) != cells) {
    return -1;
  }
  return 0;
}

void
hr_spill_close(HrSpill* spill)
{
  if (spill->file) {
    fclose(spill->file);
  }
  free(spill->row);
  free(spill->energy);
  free(spill->count);
  memset(spill, 0, sizeof(*spill));
}
