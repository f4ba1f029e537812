/* cm-heatmap.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-widgets"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cm-domain.h"
#include "cm-format.h"
#include "cm-heatmap.h"

/* The needs matrix: staff groups down, competencies across, each cell
 * coloured by needed / required and showing the needed count.
 *
 * It scrolls itself (GtkScrollable) so that the headers stay in view and
 * only the cells on screen are drawn: a matrix of 150 × 40 costs what the
 * visible part costs. Text is laid out once per distinct string. */

#define CELL_HEIGHT         30
#define CELL_MIN_WIDTH      52
#define CELL_PADDING        14
#define HEADER_HEIGHT       34
#define ROW_HEADER_MIN      96
#define ROW_HEADER_MAX      280
#define ROW_HEADER_PADDING  12

typedef struct
{
  gint64  id;
  char   *code;
  char   *name;
} Column;

typedef struct
{
  gint64  id;
  char   *name;
  char   *sector;
  int     sector_rank;
  char   *sort_key;     /* g_utf8_collate_key() of the name */
} Row;

struct _CmHeatmap
{
  GtkWidget      parent_instance;

  GtkAdjustment *hadjustment;
  GtkAdjustment *vadjustment;
  guint          hscroll_policy : 1;
  guint          vscroll_policy : 1;

  GPtrArray     *lines;      /* CmNeedsLine, owned */
  GArray        *rows;       /* Row */
  GArray        *columns;    /* Column */
  const CmNeedsLine **cells; /* n_rows × n_columns, NULL where there is no line */
  guint          n_rows;
  guint          n_columns;
  guint          n_cells;

  int            cell_width;
  int            row_header_width;
  int            row_header_natural;

  int            hover_row;
  int            hover_column;
  int            focus_row;
  int            focus_column;
  guint          n_drawn;

  GHashTable    *figure_layouts;  /* needed count → PangoLayout */
  GPtrArray     *row_layouts;     /* PangoLayout per row, ellipsized */
  GPtrArray     *column_layouts;  /* PangoLayout per column */
  PangoLayout   *corner_layout;
  PangoFontDescription *font;     /* what the layouts were made with */
};

static void cm_heatmap_scrollable_init (GtkScrollableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CmHeatmap, cm_heatmap, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, cm_heatmap_scrollable_init))

enum {
  PROP_0,
  PROP_HADJUSTMENT,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
  N_PROPS
};

enum {
  FOCUS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
row_clear (gpointer data)
{
  Row *row = data;

  g_free (row->name);
  g_free (row->sector);
  g_free (row->sort_key);
}

static void
column_clear (gpointer data)
{
  Column *column = data;

  g_free (column->code);
  g_free (column->name);
}

/* Layouts */

static void
drop_layouts (CmHeatmap *self)
{
  g_hash_table_remove_all (self->figure_layouts);
  g_clear_pointer (&self->row_layouts, g_ptr_array_unref);
  g_clear_pointer (&self->column_layouts, g_ptr_array_unref);
  g_clear_object (&self->corner_layout);
}

static PangoLayout *
figure_layout (CmHeatmap *self,
               gint64     value)
{
  PangoLayout *layout = g_hash_table_lookup (self->figure_layouts, &value);

  if (layout == NULL)
    {
      g_autofree char *text = cm_format_count (value);
      gint64 *key = g_new (gint64, 1);

      *key = value;
      layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
      g_hash_table_insert (self->figure_layouts, key, layout);
    }

  return layout;
}

static void
ensure_header_layouts (CmHeatmap *self)
{
  if (self->column_layouts == NULL)
    {
      int widest = 0;

      self->column_layouts = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint c = 0; c < self->n_columns; c++)
        {
          const Column *column = &g_array_index (self->columns, Column, c);
          PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), column->code);
          PangoAttrList *attrs = pango_attr_list_new ();
          int width;

          pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
          pango_layout_set_attributes (layout, attrs);
          pango_attr_list_unref (attrs);

          pango_layout_get_pixel_size (layout, &width, NULL);
          widest = MAX (widest, width);
          g_ptr_array_add (self->column_layouts, layout);
        }

      self->cell_width = MAX (CELL_MIN_WIDTH, widest + CELL_PADDING);
    }

  if (self->row_layouts == NULL)
    {
      int widest = 0;

      self->row_layouts = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint r = 0; r < self->n_rows; r++)
        {
          const Row *row = &g_array_index (self->rows, Row, r);
          PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), row->name);
          int width;

          pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
          pango_layout_get_pixel_size (layout, &width, NULL);
          widest = MAX (widest, width);
          g_ptr_array_add (self->row_layouts, layout);
        }

      self->row_header_natural = CLAMP (widest + 2 * ROW_HEADER_PADDING, ROW_HEADER_MIN, ROW_HEADER_MAX);
    }

  if (self->corner_layout == NULL)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      self->corner_layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), _("Staff group"));
      pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
      pango_layout_set_attributes (self->corner_layout, attrs);
      pango_layout_set_ellipsize (self->corner_layout, PANGO_ELLIPSIZE_END);
      pango_attr_list_unref (attrs);
    }
}

/* Geometry */

static double
hvalue (CmHeatmap *self)
{
  return self->hadjustment != NULL ? gtk_adjustment_get_value (self->hadjustment) : 0.0;
}

static double
vvalue (CmHeatmap *self)
{
  return self->vadjustment != NULL ? gtk_adjustment_get_value (self->vadjustment) : 0.0;
}

static void
configure_adjustment (GtkAdjustment *adjustment,
                      double         upper,
                      double         page,
                      double         step)
{
  double value;

  if (adjustment == NULL)
    return;

  page = MAX (page, 0.0);
  value = CLAMP (gtk_adjustment_get_value (adjustment), 0.0, MAX (upper - page, 0.0));
  gtk_adjustment_configure (adjustment, value, 0.0, MAX (upper, page), step, page * 0.9, page);
}

static void
configure_adjustments (CmHeatmap *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  configure_adjustment (self->hadjustment,
                        (double) self->n_columns * self->cell_width,
                        width - self->row_header_width,
                        self->cell_width);
  configure_adjustment (self->vadjustment,
                        (double) self->n_rows * CELL_HEIGHT,
                        height - HEADER_HEIGHT,
                        CELL_HEIGHT);
}

static void
adjustment_value_changed_cb (CmHeatmap *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_adjustment (CmHeatmap      *self,
                GtkAdjustment **slot,
                GtkAdjustment  *adjustment,
                const char     *property)
{
  if (*slot == adjustment && adjustment != NULL)
    return;

  if (*slot != NULL)
    {
      g_signal_handlers_disconnect_by_func (*slot, adjustment_value_changed_cb, self);
      g_clear_object (slot);
    }

  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);

  *slot = g_object_ref_sink (adjustment);
  g_signal_connect_swapped (adjustment, "value-changed", G_CALLBACK (adjustment_value_changed_cb), self);

  configure_adjustments (self);
  g_object_notify (G_OBJECT (self), property);
}

static gboolean
cell_rect (CmHeatmap       *self,
           guint            row,
           guint            column,
           graphene_rect_t *rect)
{
  if (row >= self->n_rows || column >= self->n_columns)
    return FALSE;

  graphene_rect_init (rect,
                      self->row_header_width + (double) column * self->cell_width - hvalue (self),
                      HEADER_HEIGHT + (double) row * CELL_HEIGHT - vvalue (self),
                      self->cell_width,
                      CELL_HEIGHT);
  return TRUE;
}

/* Colours: looked up from the style, so they follow the dark style. */

static GdkRGBA
lookup_color (CmHeatmap  *self,
              const char *name,
              const char *fallback)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));
  GdkRGBA color;

  if (!gtk_style_context_lookup_color (context, name, &color))
    gdk_rgba_parse (&color, fallback);

  return color;
}

static GdkRGBA
mix (const GdkRGBA *a,
     const GdkRGBA *b,
     double         t)
{
  GdkRGBA result = {
    .red = (float) (a->red + (b->red - a->red) * t),
    .green = (float) (a->green + (b->green - a->green) * t),
    .blue = (float) (a->blue + (b->blue - a->blue) * t),
    .alpha = 1.0f,
  };

  return result;
}

typedef struct
{
  GdkRGBA background;
  GdkRGBA foreground;
  GdkRGBA strong;
  GdkRGBA strong_foreground;
  GdkRGBA neutral;
  GdkRGBA grid;
  GdkRGBA dim;
  GdkRGBA accent;
  GdkRGBA header;
} Palette;

static void
get_palette (CmHeatmap *self,
             Palette   *palette)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));
  GdkRGBA foreground;

  gtk_style_context_get_color (context, &foreground);

  palette->background = lookup_color (self, "view_bg_color", "#ffffff");
  palette->foreground = foreground;
  palette->strong = lookup_color (self, "error_bg_color", "#c01c28");
  palette->strong_foreground = lookup_color (self, "error_fg_color", "#ffffff");
  palette->accent = lookup_color (self, "accent_color", "#1c71d8");
  palette->header = lookup_color (self, "headerbar_shade_color", "rgba(0,0,0,0.07)");

  palette->neutral = foreground;
  palette->neutral.alpha = 0.06f;
  palette->grid = foreground;
  palette->grid.alpha = 0.15f;
  palette->dim = foreground;
  palette->dim.alpha = 0.55f;
}

/* 0 when nothing is needed (or nothing required), 1 when all of the
 * required staff still need the training. */
static double
intensity_of (const CmNeedsLine *line)
{
  if (line == NULL || line->required <= 0)
    return 0.0;

  return CLAMP ((double) line->needed / (double) line->required, 0.0, 1.0);
}

/* Drawing */

static void
append_centered (GtkSnapshot   *snapshot,
                 PangoLayout   *layout,
                 const GdkRGBA *color,
                 double         x,
                 double         y,
                 double         width,
                 double         height)
{
  int text_width;
  int text_height;

  pango_layout_get_pixel_size (layout, &text_width, &text_height);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((float) (x + (width - text_width) / 2.0),
                                                         (float) (y + (height - text_height) / 2.0)));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
outline (GtkSnapshot           *snapshot,
         const graphene_rect_t *rect,
         const GdkRGBA         *color,
         float                  width)
{
  GskRoundedRect rounded;
  const float widths[4] = { width, width, width, width };
  const GdkRGBA colors[4] = { *color, *color, *color, *color };

  gsk_rounded_rect_init_from_rect (&rounded, rect, 3.0f);
  gtk_snapshot_append_border (snapshot, &rounded, widths, colors);
}

static void
visible_range (CmHeatmap *self,
               guint     *first_row,
               guint     *end_row,
               guint     *first_column,
               guint     *end_column)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double x0 = hvalue (self);
  double y0 = vvalue (self);
  double x1 = x0 + MAX (width - self->row_header_width, 0);
  double y1 = y0 + MAX (height - HEADER_HEIGHT, 0);

  *first_column = (guint) MIN (x0 / self->cell_width, self->n_columns);
  *end_column = (guint) MIN ((x1 + self->cell_width - 1) / self->cell_width, self->n_columns);
  *first_row = (guint) MIN (y0 / CELL_HEIGHT, self->n_rows);
  *end_row = (guint) MIN ((y1 + CELL_HEIGHT - 1) / CELL_HEIGHT, self->n_rows);
}

static void
draw_cells (CmHeatmap     *self,
            GtkSnapshot   *snapshot,
            const Palette *palette,
            guint          first_row,
            guint          end_row,
            guint          first_column,
            guint          end_column)
{
  for (guint r = first_row; r < end_row; r++)
    for (guint c = first_column; c < end_column; c++)
      {
        const CmNeedsLine *line = self->cells[r * self->n_columns + c];
        graphene_rect_t rect;
        graphene_rect_t inner;
        GskRoundedRect rounded;

        cell_rect (self, r, c, &rect);
        graphene_rect_inset_r (&rect, 1.5f, 1.5f, &inner);
        self->n_drawn++;

        if (line == NULL)
          {
            /* No requirement: only the grid shows. */
            outline (snapshot, &inner, &palette->neutral, 1.0f);
            continue;
          }
        else
          {
            double t = intensity_of (line);
            GdkRGBA fill = t > 0.0 ? mix (&palette->background, &palette->strong, 0.15 + 0.85 * t)
                                   : palette->neutral;
            const GdkRGBA *text = t > 0.55 ? &palette->strong_foreground : &palette->foreground;

            gsk_rounded_rect_init_from_rect (&rounded, &inner, 3.0f);
            gtk_snapshot_push_rounded_clip (snapshot, &rounded);
            gtk_snapshot_append_color (snapshot, &fill, &inner);
            gtk_snapshot_pop (snapshot);

            append_centered (snapshot, figure_layout (self, line->needed),
                             line->needed > 0 ? text : &palette->dim,
                             rect.origin.x, rect.origin.y, rect.size.width, rect.size.height);
          }
      }

  if (self->hover_row >= 0 && self->hover_column >= 0)
    {
      graphene_rect_t rect;
      graphene_rect_t inner;

      if (cell_rect (self, (guint) self->hover_row, (guint) self->hover_column, &rect))
        {
          graphene_rect_inset_r (&rect, 1.0f, 1.0f, &inner);
          outline (snapshot, &inner, &palette->dim, 1.0f);
        }
    }

  if (gtk_widget_has_focus (GTK_WIDGET (self)) && self->focus_row >= 0 && self->focus_column >= 0)
    {
      graphene_rect_t rect;

      if (cell_rect (self, (guint) self->focus_row, (guint) self->focus_column, &rect))
        outline (snapshot, &rect, &palette->accent, 2.0f);
    }
}

static void
cm_heatmap_snapshot (GtkWidget   *widget,
                     GtkSnapshot *snapshot)
{
  CmHeatmap *self = CM_HEATMAP (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int rhw = self->row_header_width;
  guint first_row;
  guint end_row;
  guint first_column;
  guint end_column;
  Palette palette;

  self->n_drawn = 0;

  if (self->n_rows == 0 || self->n_columns == 0)
    return;

  ensure_header_layouts (self);
  get_palette (self, &palette);
  visible_range (self, &first_row, &end_row, &first_column, &end_column);

  /* Cells, clipped to the area under the headers. */
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT ((float) rhw, HEADER_HEIGHT,
                                                         (float) MAX (width - rhw, 0),
                                                         (float) MAX (height - HEADER_HEIGHT, 0)));
  draw_cells (self, snapshot, &palette, first_row, end_row, first_column, end_column);
  gtk_snapshot_pop (snapshot);

  /* Column headers: the competency codes, scrolling sideways only. */
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT ((float) rhw, 0, (float) MAX (width - rhw, 0), HEADER_HEIGHT));
  for (guint c = first_column; c < end_column; c++)
    {
      double x = rhw + (double) c * self->cell_width - hvalue (self);
      const GdkRGBA *color = (int) c == self->focus_column && gtk_widget_has_focus (widget)
                             ? &palette.accent : &palette.foreground;

      append_centered (snapshot, g_ptr_array_index (self->column_layouts, c), color,
                       x, 0, self->cell_width, HEADER_HEIGHT);
    }
  gtk_snapshot_pop (snapshot);

  /* Row headers: the staff groups, scrolling up and down only. */
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, HEADER_HEIGHT, (float) rhw, (float) MAX (height - HEADER_HEIGHT, 0)));
  for (guint r = first_row; r < end_row; r++)
    {
      PangoLayout *layout = g_ptr_array_index (self->row_layouts, r);
      double y = HEADER_HEIGHT + (double) r * CELL_HEIGHT - vvalue (self);
      const GdkRGBA *color = (int) r == self->focus_row && gtk_widget_has_focus (widget)
                             ? &palette.accent : &palette.foreground;
      int text_height;

      pango_layout_set_width (layout, MAX (rhw - 2 * ROW_HEADER_PADDING, 1) * PANGO_SCALE);
      pango_layout_get_pixel_size (layout, NULL, &text_height);

      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (ROW_HEADER_PADDING,
                                                             (float) (y + (CELL_HEIGHT - text_height) / 2.0)));
      gtk_snapshot_append_layout (snapshot, layout, color);
      gtk_snapshot_restore (snapshot);
    }
  gtk_snapshot_pop (snapshot);

  /* The corner and the lines that set the headers apart. */
  pango_layout_set_width (self->corner_layout, MAX (rhw - 2 * ROW_HEADER_PADDING, 1) * PANGO_SCALE);
  {
    int text_height;

    pango_layout_get_pixel_size (self->corner_layout, NULL, &text_height);
    gtk_snapshot_save (snapshot);
    gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (ROW_HEADER_PADDING, (float) (HEADER_HEIGHT - text_height) / 2.0f));
    gtk_snapshot_append_layout (snapshot, self->corner_layout, &palette.dim);
    gtk_snapshot_restore (snapshot);
  }

  gtk_snapshot_append_color (snapshot, &palette.grid,
                             &GRAPHENE_RECT_INIT (0, HEADER_HEIGHT - 1, (float) width, 1));
  gtk_snapshot_append_color (snapshot, &palette.grid,
                             &GRAPHENE_RECT_INIT ((float) rhw - 1, 0, 1, (float) height));
}

/* Size */

static void
cm_heatmap_measure (GtkWidget      *widget,
                    GtkOrientation  orientation,
                    int             for_size,
                    int            *minimum,
                    int            *natural,
                    int            *minimum_baseline,
                    int            *natural_baseline)
{
  CmHeatmap *self = CM_HEATMAP (widget);

  ensure_header_layouts (self);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = ROW_HEADER_MIN + self->cell_width;
      *natural = MAX (*minimum, self->row_header_natural + (int) self->n_columns * self->cell_width);
    }
  else
    {
      *minimum = HEADER_HEIGHT + CELL_HEIGHT;
      *natural = MAX (*minimum, HEADER_HEIGHT + (int) self->n_rows * CELL_HEIGHT);
    }
}

static void
update_geometry (CmHeatmap *self,
                 int        width)
{
  ensure_header_layouts (self);

  /* Narrow windows keep most of the width for the cells. */
  self->row_header_width = MIN (self->row_header_natural, MAX (ROW_HEADER_MIN, width * 2 / 5));

  configure_adjustments (self);
}

static void
cm_heatmap_size_allocate (GtkWidget *widget,
                          int        width,
                          int        height,
                          int        baseline)
{
  update_geometry (CM_HEATMAP (widget), width);
}

static void
cm_heatmap_css_changed (GtkWidget         *widget,
                        GtkCssStyleChange *change)
{
  CmHeatmap *self = CM_HEATMAP (widget);
  const PangoFontDescription *font;

  GTK_WIDGET_CLASS (cm_heatmap_parent_class)->css_changed (widget, change);

  /* Colours are read when drawing; text is laid out again only when the
   * font changed, not when the pointer or the focus comes and goes. */
  font = pango_context_get_font_description (gtk_widget_get_pango_context (widget));
  if (self->font == NULL || font == NULL || !pango_font_description_equal (self->font, font))
    {
      g_clear_pointer (&self->font, pango_font_description_free);
      self->font = font != NULL ? pango_font_description_copy (font) : NULL;
      drop_layouts (self);
      gtk_widget_queue_resize (widget);
    }
  else
    gtk_widget_queue_draw (widget);
}

/* Focus, hover and tooltips */

static void
update_accessible (CmHeatmap *self)
{
  g_autofree char *description = NULL;

  if (self->focus_row >= 0 && self->focus_column >= 0)
    description = cm_heatmap_describe_cell (self, (guint) self->focus_row, (guint) self->focus_column);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description != NULL ? description : "",
                                  -1);
}

static void
scroll_to_cell (CmHeatmap *self,
                guint      row,
                guint      column)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self)) - self->row_header_width;
  int height = gtk_widget_get_height (GTK_WIDGET (self)) - HEADER_HEIGHT;
  double left = (double) column * self->cell_width;
  double top = (double) row * CELL_HEIGHT;

  if (self->hadjustment != NULL && width > 0)
    {
      if (left < hvalue (self))
        gtk_adjustment_set_value (self->hadjustment, left);
      else if (left + self->cell_width > hvalue (self) + width)
        gtk_adjustment_set_value (self->hadjustment, left + self->cell_width - width);
    }

  if (self->vadjustment != NULL && height > 0)
    {
      if (top < vvalue (self))
        gtk_adjustment_set_value (self->vadjustment, top);
      else if (top + CELL_HEIGHT > vvalue (self) + height)
        gtk_adjustment_set_value (self->vadjustment, top + CELL_HEIGHT - height);
    }
}

static void
move_focus (CmHeatmap *self,
            int        row,
            int        column)
{
  if (self->n_rows == 0 || self->n_columns == 0)
    return;

  row = CLAMP (row, 0, (int) self->n_rows - 1);
  column = CLAMP (column, 0, (int) self->n_columns - 1);

  if (row == self->focus_row && column == self->focus_column)
    return;

  self->focus_row = row;
  self->focus_column = column;
  scroll_to_cell (self, (guint) row, (guint) column);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));

  g_signal_emit (self, signals[FOCUS_CHANGED], 0);
}

static int
page_rows (CmHeatmap *self)
{
  return MAX (1, (gtk_widget_get_height (GTK_WIDGET (self)) - HEADER_HEIGHT) / CELL_HEIGHT - 1);
}

static gboolean
move_cb (GtkWidget *widget,
         GVariant  *args,
         gpointer   user_data)
{
  CmHeatmap *self = CM_HEATMAP (widget);
  const char *where = NULL;
  int row = MAX (self->focus_row, 0);
  int column = MAX (self->focus_column, 0);

  g_variant_get (args, "&s", &where);

  if (g_str_equal (where, "up"))
    row--;
  else if (g_str_equal (where, "down"))
    row++;
  else if (g_str_equal (where, "left"))
    column--;
  else if (g_str_equal (where, "right"))
    column++;
  else if (g_str_equal (where, "home"))
    column = 0;
  else if (g_str_equal (where, "end"))
    column = (int) self->n_columns - 1;
  else if (g_str_equal (where, "first"))
    row = column = 0;
  else if (g_str_equal (where, "last"))
    {
      row = (int) self->n_rows - 1;
      column = (int) self->n_columns - 1;
    }
  else if (g_str_equal (where, "page-up"))
    row -= page_rows (self);
  else if (g_str_equal (where, "page-down"))
    row += page_rows (self);

  move_focus (self, row, column);
  return TRUE;
}

static void
set_hover (CmHeatmap *self,
           int        row,
           int        column)
{
  if (row == self->hover_row && column == self->hover_column)
    return;

  self->hover_row = row;
  self->hover_column = column;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           CmHeatmap                *self)
{
  guint row;
  guint column;

  if (cm_heatmap_get_cell_at (self, x, y, &row, &column))
    set_hover (self, (int) row, (int) column);
  else
    set_hover (self, -1, -1);
}

static void
leave_cb (GtkEventControllerMotion *controller,
          CmHeatmap                *self)
{
  set_hover (self, -1, -1);
}

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            CmHeatmap       *self)
{
  guint row;
  guint column;

  gtk_widget_grab_focus (GTK_WIDGET (self));

  if (cm_heatmap_get_cell_at (self, x, y, &row, &column))
    move_focus (self, (int) row, (int) column);
}

static void
focus_enter_cb (CmHeatmap *self)
{
  if (self->focus_row < 0 && self->n_rows > 0 && self->n_columns > 0)
    move_focus (self, 0, 0);
  else
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
cm_heatmap_query_tooltip (GtkWidget  *widget,
                          int         x,
                          int         y,
                          gboolean    keyboard_mode,
                          GtkTooltip *tooltip)
{
  CmHeatmap *self = CM_HEATMAP (widget);
  g_autofree char *text = NULL;
  graphene_rect_t rect;
  guint row;
  guint column;

  if (keyboard_mode)
    {
      if (self->focus_row < 0 || self->focus_column < 0)
        return FALSE;
      row = (guint) self->focus_row;
      column = (guint) self->focus_column;
    }
  else if (!cm_heatmap_get_cell_at (self, x, y, &row, &column))
    {
      /* Headers show the names their short form stands for. */
      if (y < HEADER_HEIGHT && x >= self->row_header_width && self->n_columns > 0)
        {
          double offset = x - self->row_header_width + hvalue (self);
          guint c = (guint) (offset / self->cell_width);

          if (c < self->n_columns)
            {
              const Column *info = &g_array_index (self->columns, Column, c);

              text = g_strdup_printf ("%s\n%s", info->code, info->name);
            }
        }
      else if (x < self->row_header_width && y >= HEADER_HEIGHT && self->n_rows > 0)
        {
          double offset = y - HEADER_HEIGHT + vvalue (self);
          guint r = (guint) (offset / CELL_HEIGHT);

          if (r < self->n_rows)
            {
              const Row *info = &g_array_index (self->rows, Row, r);

              text = g_strdup_printf ("%s\n%s", info->name, cm_domain_label (CM_DOMAIN_SECTOR, info->sector));
            }
        }

      if (text == NULL)
        return FALSE;

      gtk_tooltip_set_text (tooltip, text);
      return TRUE;
    }

  text = cm_heatmap_describe_cell (self, row, column);
  if (text == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  if (cell_rect (self, row, column, &rect))
    gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) {
                                (int) rect.origin.x, (int) rect.origin.y,
                                (int) rect.size.width, (int) rect.size.height });
  return TRUE;
}

/* GObject */

static void
cm_heatmap_scrollable_init (GtkScrollableInterface *iface)
{
}

static void
cm_heatmap_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  CmHeatmap *self = CM_HEATMAP (object);

  switch (prop_id)
    {
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;

    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;

    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;

    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_heatmap_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  CmHeatmap *self = CM_HEATMAP (object);

  switch (prop_id)
    {
    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value), "hadjustment");
      break;

    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value), "vadjustment");
      break;

    case PROP_HSCROLL_POLICY:
      if (self->hscroll_policy != (guint) g_value_get_enum (value))
        {
          self->hscroll_policy = g_value_get_enum (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_VSCROLL_POLICY:
      if (self->vscroll_policy != (guint) g_value_get_enum (value))
        {
          self->vscroll_policy = g_value_get_enum (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clear_data (CmHeatmap *self)
{
  g_clear_pointer (&self->cells, g_free);
  g_clear_pointer (&self->lines, g_ptr_array_unref);
  g_array_set_size (self->rows, 0);
  g_array_set_size (self->columns, 0);
  self->n_rows = 0;
  self->n_columns = 0;
  self->n_cells = 0;
}

static void
cm_heatmap_dispose (GObject *object)
{
  CmHeatmap *self = (CmHeatmap *)object;

  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->hadjustment, adjustment_value_changed_cb, self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->vadjustment, adjustment_value_changed_cb, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);

  drop_layouts (self);

  G_OBJECT_CLASS (cm_heatmap_parent_class)->dispose (object);
}

static void
cm_heatmap_finalize (GObject *object)
{
  CmHeatmap *self = (CmHeatmap *)object;

  clear_data (self);
  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->columns, g_array_unref);
  g_clear_pointer (&self->figure_layouts, g_hash_table_unref);
  g_clear_pointer (&self->font, pango_font_description_free);

  G_OBJECT_CLASS (cm_heatmap_parent_class)->finalize (object);
}

static void
add_move_binding (GtkWidgetClass  *widget_class,
                  guint            keyval,
                  GdkModifierType  modifiers,
                  const char      *where)
{
  gtk_widget_class_add_binding (widget_class, keyval, modifiers, move_cb, "s", where);
}

static void
cm_heatmap_class_init (CmHeatmapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cm_heatmap_dispose;
  object_class->finalize = cm_heatmap_finalize;
  object_class->get_property = cm_heatmap_get_property;
  object_class->set_property = cm_heatmap_set_property;

  widget_class->snapshot = cm_heatmap_snapshot;
  widget_class->measure = cm_heatmap_measure;
  widget_class->size_allocate = cm_heatmap_size_allocate;
  widget_class->css_changed = cm_heatmap_css_changed;
  widget_class->query_tooltip = cm_heatmap_query_tooltip;

  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  /**
   * CmHeatmap::focus-changed:
   *
   * The focused cell moved (keyboard or click).
   */
  signals[FOCUS_CHANGED] =
    g_signal_new ("focus-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  add_move_binding (widget_class, GDK_KEY_Up, 0, "up");
  add_move_binding (widget_class, GDK_KEY_KP_Up, 0, "up");
  add_move_binding (widget_class, GDK_KEY_Down, 0, "down");
  add_move_binding (widget_class, GDK_KEY_KP_Down, 0, "down");
  add_move_binding (widget_class, GDK_KEY_Left, 0, "left");
  add_move_binding (widget_class, GDK_KEY_KP_Left, 0, "left");
  add_move_binding (widget_class, GDK_KEY_Right, 0, "right");
  add_move_binding (widget_class, GDK_KEY_KP_Right, 0, "right");
  add_move_binding (widget_class, GDK_KEY_Home, 0, "home");
  add_move_binding (widget_class, GDK_KEY_End, 0, "end");
  add_move_binding (widget_class, GDK_KEY_Home, GDK_CONTROL_MASK, "first");
  add_move_binding (widget_class, GDK_KEY_End, GDK_CONTROL_MASK, "last");
  add_move_binding (widget_class, GDK_KEY_Page_Up, 0, "page-up");
  add_move_binding (widget_class, GDK_KEY_Page_Down, 0, "page-down");

  gtk_widget_class_set_css_name (widget_class, "heatmap");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GRID);
}

static void
cm_heatmap_init (CmHeatmap *self)
{
  GtkEventController *motion;
  GtkEventController *focus;
  GtkGesture *click;

  self->rows = g_array_new (FALSE, TRUE, sizeof (Row));
  g_array_set_clear_func (self->rows, row_clear);
  self->columns = g_array_new (FALSE, TRUE, sizeof (Column));
  g_array_set_clear_func (self->columns, column_clear);
  self->figure_layouts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->cell_width = CELL_MIN_WIDTH;
  self->row_header_width = ROW_HEADER_MIN;
  self->row_header_natural = ROW_HEADER_MIN;
  self->hover_row = self->hover_column = -1;
  self->focus_row = self->focus_column = -1;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  click = gtk_gesture_click_new ();
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "enter", G_CALLBACK (focus_enter_cb), self);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (gtk_widget_queue_draw), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Needs matrix"),
                                  -1);
}

/**
 * cm_heatmap_new:
 *
 * Returns: (transfer floating): an empty needs matrix
 */
GtkWidget *
cm_heatmap_new (void)
{
  return g_object_new (CM_TYPE_HEATMAP, NULL);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const Row *row_a = a;
  const Row *row_b = b;

  if (row_a->sector_rank != row_b->sector_rank)
    return row_a->sector_rank < row_b->sector_rank ? -1 : 1;

  return strcmp (row_a->sort_key, row_b->sort_key);
}

/* Where @sector comes in the list of sectors; unknown ones last. */
static int
sector_rank (const char *sector)
{
  const char * const *sectors = cm_domain_values (CM_DOMAIN_SECTOR);

  for (int i = 0; sectors[i] != NULL; i++)
    if (g_strcmp0 (sectors[i], sector) == 0)
      return i;

  return G_MAXINT;
}

/**
 * cm_heatmap_set_lines:
 * @self: a #CmHeatmap
 * @lines: (element-type CmNeedsLine) (nullable): computed requirement
 *   lines of one cycle; kept by reference, so they must not change
 * @competencies: (element-type CmNeedsCompetency) (nullable): the order
 *   of the columns, such as the ranking; by code when %NULL
 *
 * Shows @lines: one row per staff group (by sector, then name), one
 * column per competency.
 */
void
cm_heatmap_set_lines (CmHeatmap *self,
                      GPtrArray *lines,
                      GPtrArray *competencies)
{
  g_autoptr(GHashTable) row_index = NULL;
  g_autoptr(GHashTable) column_index = NULL;

  g_return_if_fail (CM_IS_HEATMAP (self));

  clear_data (self);
  drop_layouts (self);
  self->hover_row = self->hover_column = -1;

  /* A county's 120,000 lines are shared, not copied. */
  self->lines = lines != NULL ? g_ptr_array_ref (lines) : g_ptr_array_new ();

  row_index = g_hash_table_new (g_int64_hash, g_int64_equal);
  column_index = g_hash_table_new (g_int64_hash, g_int64_equal);

  /* Columns in the order asked for, then any others by code. */
  for (guint i = 0; competencies != NULL && i < competencies->len; i++)
    {
      const CmNeedsCompetency *competency = g_ptr_array_index (competencies, i);
      Column column = { competency->competency_id, g_strdup (competency->code), g_strdup (competency->name) };

      g_array_append_val (self->columns, column);
    }

  for (guint i = 0; competencies != NULL && i < competencies->len; i++)
    g_hash_table_add (column_index, &((CmNeedsCompetency *) g_ptr_array_index (competencies, i))->competency_id);
  for (guint i = 0; i < self->lines->len; i++)
    {
      const CmNeedsLine *line = g_ptr_array_index (self->lines, i);

      if (!g_hash_table_contains (column_index, &line->competency_id))
        {
          Column column = { line->competency_id, g_strdup (line->competency_code), g_strdup (line->competency_name) };

          /* Keyed by ids that stay put: the array moves as it grows. */
          g_array_append_val (self->columns, column);
          g_hash_table_add (column_index, (gpointer) &line->competency_id);
        }
    }

  for (guint i = 0; i < self->lines->len; i++)
    {
      const CmNeedsLine *line = g_ptr_array_index (self->lines, i);

      if (!g_hash_table_contains (row_index, &line->staff_group_id))
        {
          Row row = { line->staff_group_id, g_strdup (line->staff_group), g_strdup (line->sector),
                      sector_rank (line->sector), g_utf8_collate_key (line->staff_group, -1) };

          g_array_append_val (self->rows, row);
          g_hash_table_add (row_index, (gpointer) &line->staff_group_id);
        }
    }

  g_array_sort (self->rows, compare_rows);

  self->n_rows = self->rows->len;
  self->n_columns = self->columns->len;
  self->cells = g_new0 (const CmNeedsLine *, MAX ((gsize) self->n_rows * self->n_columns, 1));

  /* Positions by id; keys point into the arrays, which no longer move. */
  g_hash_table_remove_all (row_index);
  g_hash_table_remove_all (column_index);
  for (guint r = 0; r < self->n_rows; r++)
    g_hash_table_insert (row_index, &g_array_index (self->rows, Row, r).id, GUINT_TO_POINTER (r));
  for (guint c = 0; c < self->n_columns; c++)
    g_hash_table_insert (column_index, &g_array_index (self->columns, Column, c).id, GUINT_TO_POINTER (c));

  for (guint i = 0; i < self->lines->len; i++)
    {
      const CmNeedsLine *line = g_ptr_array_index (self->lines, i);
      guint r = GPOINTER_TO_UINT (g_hash_table_lookup (row_index, &line->staff_group_id));
      guint c = GPOINTER_TO_UINT (g_hash_table_lookup (column_index, &line->competency_id));

      if (self->cells[r * self->n_columns + c] == NULL)
        self->n_cells++;
      self->cells[r * self->n_columns + c] = line;
    }

  if (self->focus_row >= (int) self->n_rows || self->focus_column >= (int) self->n_columns)
    self->focus_row = self->focus_column = -1;
  if (self->n_rows > 0 && self->n_columns > 0 && self->focus_row < 0)
    self->focus_row = self->focus_column = 0;

  gtk_accessible_update_relation (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_RELATION_ROW_COUNT, (int) self->n_rows,
                                  GTK_ACCESSIBLE_RELATION_COL_COUNT, (int) self->n_columns,
                                  -1);
  update_accessible (self);

  /* Scrolling to a cell works at once, before the next allocation. */
  if (gtk_widget_get_width (GTK_WIDGET (self)) > 0)
    update_geometry (self, gtk_widget_get_width (GTK_WIDGET (self)));

  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_signal_emit (self, signals[FOCUS_CHANGED], 0);
}

/**
 * cm_heatmap_get_n_rows:
 * @self: a #CmHeatmap
 *
 * Returns: the number of staff groups shown
 */
guint
cm_heatmap_get_n_rows (CmHeatmap *self)
{
  g_return_val_if_fail (CM_IS_HEATMAP (self), 0);

  return self->n_rows;
}

/**
 * cm_heatmap_get_n_columns:
 * @self: a #CmHeatmap
 *
 * Returns: the number of competencies shown
 */
guint
cm_heatmap_get_n_columns (CmHeatmap *self)
{
  g_return_val_if_fail (CM_IS_HEATMAP (self), 0);

  return self->n_columns;
}

/**
 * cm_heatmap_get_n_cells:
 * @self: a #CmHeatmap
 *
 * Returns: the number of cells that hold a requirement line
 */
guint
cm_heatmap_get_n_cells (CmHeatmap *self)
{
  g_return_val_if_fail (CM_IS_HEATMAP (self), 0);

  return self->n_cells;
}

/**
 * cm_heatmap_get_row_title:
 * @self: a #CmHeatmap
 * @row: a row
 *
 * Returns: (nullable): the staff group of @row
 */
const char *
cm_heatmap_get_row_title (CmHeatmap *self,
                          guint      row)
{
  g_return_val_if_fail (CM_IS_HEATMAP (self), NULL);

  return row < self->n_rows ? g_array_index (self->rows, Row, row).name : NULL;
}

/**
 * cm_heatmap_get_column_title:
 * @self: a #CmHeatmap
 * @column: a column
 *
 * Returns: (nullable): the competency code of @column
 */
const char *
cm_heatmap_get_column_title (CmHeatmap *self,
                             guint      column)
{
  g_return_val_if_fail (CM_IS_HEATMAP (self), NULL);

  return column < self->n_columns ? g_array_index (self->columns, Column, column).code : NULL;
}

/**
 * cm_heatmap_get_line:
 * @self: a #CmHeatmap
 * @row: a row
 * @column: a column
 *
 * Returns: (transfer none) (nullable): the line of the cell, if any
 */
const CmNeedsLine *
cm_heatmap_get_line (CmHeatmap *self,
                     guint      row,
                     guint      column)
{
  g_return_val_if_fail (CM_IS_HEATMAP (self), NULL);

  if (row >= self->n_rows || column >= self->n_columns)
    return NULL;

  return self->cells[row * self->n_columns + column];
}

/**
 * cm_heatmap_get_intensity:
 * @self: a #CmHeatmap
 * @row: a row
 * @column: a column
 *
 * Returns: how strongly the cell is coloured: needed / required, from 0
 *   (nothing needed, or no line) to 1
 */
double
cm_heatmap_get_intensity (CmHeatmap *self,
                          guint      row,
                          guint      column)
{
  g_return_val_if_fail (CM_IS_HEATMAP (self), 0.0);

  return intensity_of (cm_heatmap_get_line (self, row, column));
}

/**
 * cm_heatmap_get_focus_cell:
 * @self: a #CmHeatmap
 * @out_row: (out) (optional): the focused row
 * @out_column: (out) (optional): the focused column
 *
 * Returns: %TRUE if a cell has the focus
 */
gboolean
cm_heatmap_get_focus_cell (CmHeatmap *self,
                           guint     *out_row,
                           guint     *out_column)
{
  g_return_val_if_fail (CM_IS_HEATMAP (self), FALSE);

  if (self->focus_row < 0 || self->focus_column < 0)
    return FALSE;

  if (out_row != NULL)
    *out_row = (guint) self->focus_row;
  if (out_column != NULL)
    *out_column = (guint) self->focus_column;
  return TRUE;
}

/**
 * cm_heatmap_set_focus_cell:
 * @self: a #CmHeatmap
 * @row: a row
 * @column: a column
 *
 * Moves the focus cell there (clamped to the matrix) and scrolls to it.
 */
void
cm_heatmap_set_focus_cell (CmHeatmap *self,
                           guint      row,
                           guint      column)
{
  g_return_if_fail (CM_IS_HEATMAP (self));

  move_focus (self, (int) MIN (row, G_MAXINT), (int) MIN (column, G_MAXINT));
}

/**
 * cm_heatmap_get_cell_at:
 * @self: a #CmHeatmap
 * @x: a position in the widget
 * @y: a position in the widget
 * @out_row: (out): the row there
 * @out_column: (out): the column there
 *
 * Returns: %TRUE if (@x, @y) is over a cell
 */
gboolean
cm_heatmap_get_cell_at (CmHeatmap *self,
                        double     x,
                        double     y,
                        guint     *out_row,
                        guint     *out_column)
{
  double cx;
  double cy;

  g_return_val_if_fail (CM_IS_HEATMAP (self), FALSE);

  if (x < self->row_header_width || y < HEADER_HEIGHT ||
      x >= gtk_widget_get_width (GTK_WIDGET (self)) || y >= gtk_widget_get_height (GTK_WIDGET (self)))
    return FALSE;

  cx = x - self->row_header_width + hvalue (self);
  cy = y - HEADER_HEIGHT + vvalue (self);
  if (cx < 0 || cy < 0 ||
      cx >= (double) self->n_columns * self->cell_width || cy >= (double) self->n_rows * CELL_HEIGHT)
    return FALSE;

  *out_column = (guint) (cx / self->cell_width);
  *out_row = (guint) (cy / CELL_HEIGHT);
  return TRUE;
}

/**
 * cm_heatmap_describe_cell:
 * @self: a #CmHeatmap
 * @row: a row
 * @column: a column
 *
 * Returns: (transfer full) (nullable): the numbers behind the cell, for
 *   tooltips and screen readers
 */
char *
cm_heatmap_describe_cell (CmHeatmap *self,
                          guint      row,
                          guint      column)
{
  const CmNeedsLine *line;
  const Row *row_info;
  const Column *column_info;
  g_autofree char *priority = NULL;
  g_autofree char *required = NULL;
  g_autofree char *still = NULL;
  g_autofree char *needed = NULL;

  g_return_val_if_fail (CM_IS_HEATMAP (self), NULL);

  if (row >= self->n_rows || column >= self->n_columns)
    return NULL;

  row_info = &g_array_index (self->rows, Row, row);
  column_info = &g_array_index (self->columns, Column, column);
  line = self->cells[row * self->n_columns + column];

  if (line == NULL)
    /* Translators: a needs matrix cell without a requirement: staff group, competency code and name */
    return g_strdup_printf (_("%s\n%s — %s\nNot required"), row_info->name, column_info->code, column_info->name);

  priority = cm_needs_show_priority (line->priority_num, line->priority_den);
  required = cm_format_count (line->required);
  still = cm_format_count (line->still);
  needed = cm_format_count (line->needed);

  /* Translators: the numbers behind a needs matrix cell */
  return g_strdup_printf (_("%s\n%s — %s\nRequired %s · still compliant %s · needed %s\nPriority %s"),
                          row_info->name, column_info->code, column_info->name,
                          required, still, needed, priority);
}

/**
 * cm_heatmap_get_n_drawn_cells:
 * @self: a #CmHeatmap
 *
 * Returns: how many cells the last frame drew: only those in view
 */
guint
cm_heatmap_get_n_drawn_cells (CmHeatmap *self)
{
  g_return_val_if_fail (CM_IS_HEATMAP (self), 0);

  return self->n_drawn;
}
