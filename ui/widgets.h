/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* The in-window controls: a tool bar of buttons, toggles, choices and
   value boxes (drag up/down or turn the wheel to change, Shift for fine
   steps, double-click for the default), laid out in rows that wrap, drawn
   with Cairo. Coordinates are in the caller's user units. No X, no LV2. */

#ifndef HR_WIDGETS_H
#define HR_WIDGETS_H

#include "render/render.h"

#include <cairo.h>

#include <stddef.h>
#include <stdint.h>

/** Most controls in one tool bar. */
#define HR_WIDGETS_MAX 24

/** Kinds of control. */
typedef enum {
  HR_WIDGET_BUTTON, /**< does something when clicked */
  HR_WIDGET_TOGGLE, /**< value 0 or 1, flips when clicked */
  HR_WIDGET_CHOICE, /**< value = index into choices, click for the next */
  HR_WIDGET_VALUE,  /**< a number in [min, max] */
} HrWidgetKind;

/** A control: fill the description, hr_widgets_add() copies it. */
typedef struct {
  HrWidgetKind       kind;
  const char*        label;     /**< "Floor" */
  const char*        unit;      /**< "dB", NULL: none */
  const char* const* choices;   /**< CHOICE: names */
  int                n_choices; /**< CHOICE: how many */
  double             min;       /**< VALUE range */
  double             max;
  double             def;      /**< default (double-click) */
  double             step;     /**< wheel step (log: a factor > 1) */
  int                log;      /**< VALUE: steps and drags multiply */
  int                integer;  /**< VALUE: whole numbers only */
  int                decimals; /**< VALUE: shown decimals */
  int                group;    /**< controls of one group stay together */
  const char*        help;     /**< one line for the status bar */
  double             value;
  HrRect             rect; /**< where it is (hr_widgets_layout) */
} HrWidget;

/** A tool bar. */
typedef struct {
  HrWidget items[HR_WIDGETS_MAX];
  int      count;
  int      hover;      /**< control under the pointer, -1: none */
  int      drag;       /**< VALUE being dragged, -1: none */
  double   drag_y;     /**< pointer y where the drag started */
  double   drag_value; /**< value when it started */
  int      last_press; /**< for double clicks */
  uint32_t last_time;
} HrWidgets;

/** An empty tool bar. */
void
hr_widgets_init(HrWidgets* widgets);

/** Add a copy of `widget`; its id (index), -1 if full. */
int
hr_widgets_add(HrWidgets* widgets, const HrWidget* widget);

/** Lay the controls out in rows from (x, y), `width` wide, text of
    `font` size; returns the height used. */
double
hr_widgets_layout(HrWidgets* widgets,
                  cairo_t*   cr,
                  double     x,
                  double     y,
                  double     width,
                  double     font);

/** Draw the tool bar. */
void
hr_widgets_draw(const HrWidgets* widgets, cairo_t* cr, double font);

/** The control at (x, y), -1 if none. */
int
hr_widgets_at(const HrWidgets* widgets, double x, double y);

/** Set control `id` to `value` (clamped, rounded for integers); 1 if it
    changed. */
int
hr_widgets_set(HrWidgets* widgets, int id, double value);

/** A button press at (x, y) at `time` ms: the id of the control clicked
    or changed, -1 if none. */
int
hr_widgets_press(HrWidgets* widgets,
                 double     x,
                 double     y,
                 int        button,
                 uint32_t   time);

/** The pointer moved (Shift held: `fine`): the id of a control a drag
    changed, -1 if none. Updates the hover. */
int
hr_widgets_motion(HrWidgets* widgets, double x, double y, int fine);

/** The button went up: ends a drag. */
void
hr_widgets_release(HrWidgets* widgets);

/** A wheel turn of `dy` steps at (x, y): the id changed, -1 if none. */
int
hr_widgets_scroll(HrWidgets* widgets, double x, double y, double dy, int fine);

/** The text a control shows for its value: "-90 dB", "inferno". */
void
hr_widget_value_text(const HrWidget* widget, char* text, size_t text_size);

#endif /* HR_WIDGETS_H */
