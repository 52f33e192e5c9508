/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* The inline display's picture (GUI thread only): the newest columns of
   a thumbnail ring (thumbnail.h), newest on the right, frequency up,
   in a Cairo ARGB32 image surface, coloured by render/colormap and
   render/render as the UI colours its picture.

   Drawn incrementally (render/scroll_image.h, its shift layout): each
   pixel column stands for a fixed group of thumbnail columns (counted
   from column 0), so between two renders the picture only scrolls left
   by the pixel columns that were finished meanwhile, and only those are
   drawn. Everything is drawn again when the
   size, the colours or the analyser change. */

#ifndef HR_INLINE_PICTURE_H
#define HR_INLINE_PICTURE_H

#include "protocol/inline_display_lv2.h"
#include "protocol/protocol.h"
#include "thumbnail.h"

#include <stdint.h>

/** Widest picture, pixels (one column of the ring a pixel at most);
    wider requests get this width. */
#define HR_INLINE_MAX_WIDTH 448

/** Height / width of the picture, when max_height allows. */
#define HR_INLINE_ASPECT 0.6

/** Most dB the colour scale's top drops below the UI's: a thumbnail has
    no controls, so it follows the loudest cell shown, but silence must
    stay dark. */
#define HR_INLINE_AUTO_DB 30.0

/** A picture (opaque). */
typedef struct HrInlinePictureImpl HrInlinePicture;

/** A new, empty picture; NULL if out of memory. */
HrInlinePicture*
hr_inline_picture_new(void);

/** Free a picture; NULL is fine. */
void
hr_inline_picture_free(HrInlinePicture* picture);

/** Bring the picture up to date with `thumb` and return it, at most
    `width` x `max_height` pixels (0 for either: NULL); colours as the UI
    `settings` ask (colour map and dB range; the top follows the loudest
    cell shown). NULL if a surface cannot be made. Valid until the next
    call or hr_inline_picture_free(). */
const HrInlineSurface*
hr_inline_picture_render(HrInlinePicture*    picture,
                         const HrThumbnail*  thumb,
                         const HrUISettings* settings,
                         uint32_t            width,
                         uint32_t            max_height);

#endif /* HR_INLINE_PICTURE_H */
