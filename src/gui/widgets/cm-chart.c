/* cm-chart.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cm-chart.h"
#include "cm-format.h"
#include "cm-money.h"

/* A horizontal grouped bar chart of amounts of money (or of averages in
 * hundredths, such as ratings of 1–5): one band per category (a stream,
 * a quarter), one bar per series in each band, a value axis underneath
 * and a legend above. Long category names fit
 * better down the side than under columns. Colours come from the style,
 * so the chart follows the light and dark styles. */

#define PADDING      6.0
#define BAR_HEIGHT   10.0
#define BAR_GAP      2.0
#define BAND_GAP     10.0
#define LABEL_GAP    8.0
#define SWATCH_SIZE  10.0
#define LEGEND_GAP   16.0
#define N_TICKS      4

struct _CmChart
{
  GtkWidget   parent_instance;

  char       *title;
  gboolean    highlight_overrun;
  GStrv       categories;
  GStrv       series;
  GStrv       colors;
  gint64     *values;   /* n_series rows of n_categories */
  CmChartUnit unit;
  gint64      axis_max; /* 0: from the values */
};

G_DEFINE_FINAL_TYPE (CmChart, cm_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_HIGHLIGHT_OVERRUN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  double  label_width;
  double  legend_height;
  double  axis_height;
  double  text_height;
  double  plot_x;
  double  plot_y;
  double  plot_width;
  double  band_height;
  gint64  lo;
  gint64  hi;
  gint64  step;
} Geometry;

/**
 * cm_chart_lookup_color:
 * @widget: a widget whose style to ask
 * @name: a colour defined with `@define-color`, such as "accent_bg_color"
 * @fallback: a colour for gdk_rgba_parse() if the style lacks @name
 * @out_color: (out): the colour
 *
 * Looks up a named colour of the current style, so that custom drawing
 * follows the light and dark styles.
 */
void
cm_chart_lookup_color (GtkWidget  *widget,
                       const char *name,
                       const char *fallback,
                       GdkRGBA    *out_color)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);

  if (!gtk_style_context_lookup_color (context, name, out_color))
    gdk_rgba_parse (out_color, fallback);
}

static guint
n_categories (CmChart *self)
{
  return self->categories != NULL ? g_strv_length (self->categories) : 0;
}

static guint
n_series (CmChart *self)
{
  return self->series != NULL ? g_strv_length (self->series) : 0;
}

static gint64
value_at (CmChart *self,
          guint    series,
          guint    category)
{
  return self->values[series * n_categories (self) + category];
}

static gboolean
is_overrun (CmChart *self,
            guint    series,
            guint    category)
{
  return (self->highlight_overrun && series == 1 && n_series (self) >= 2 &&
          value_at (self, 1, category) > value_at (self, 0, category));
}

/* Named colours of the Adwaita palette, the same in light and dark. */
static const struct {
  const char *name;
  const char *fallback;
} default_colors[] = {
  { "blue_3", "#3584e4" },
  { "purple_2", "#c061cb" },
  { "green_4", "#2ec27e" },
  { "orange_2", "#ffa348" },
};

static void
series_color (CmChart *self,
              guint    series,
              GdkRGBA *color)
{
  const char *name = NULL;
  const char *fallback = default_colors[series % G_N_ELEMENTS (default_colors)].fallback;

  if (self->colors != NULL && series < g_strv_length (self->colors))
    name = self->colors[series];
  if (name == NULL || *name == '\0')
    name = default_colors[series % G_N_ELEMENTS (default_colors)].name;

  cm_chart_lookup_color (GTK_WIDGET (self), name, fallback, color);
}

/* Money on an axis: whole pounds, thousands as "k", millions as "m". */
static char *
format_tick (gint64 pence)
{
  gint64 pounds = pence / 100;
  gint64 magnitude = pounds < 0 ? -pounds : pounds;
  const char *sign = pounds < 0 ? "-" : "";

  if (magnitude >= 1000000 && magnitude % 100000 == 0)
    {
      if (magnitude % 1000000 == 0)
        return g_strdup_printf ("%s£%" G_GINT64_FORMAT "m", sign, magnitude / 1000000);
      return g_strdup_printf ("%s£%" G_GINT64_FORMAT ".%" G_GINT64_FORMAT "m", sign,
                              magnitude / 1000000, magnitude / 100000 % 10);
    }
  if (magnitude >= 1000 && magnitude % 1000 == 0)
    return g_strdup_printf ("%s£%" G_GINT64_FORMAT "k", sign, magnitude / 1000);
  if (magnitude == 0 && pence != 0)
    return cm_money_format (pence);
  else
    {
      g_autofree char *count = cm_format_count (magnitude);

      return g_strdup_printf ("%s£%s", sign, count);
    }
}

/* A value as the chart shows it: money, or hundredths as "4.33". */
static char *
format_value (CmChart *self,
              gint64   value)
{
  if (self->unit == CM_CHART_HUNDREDTHS)
    return g_strdup_printf ("%s%" G_GINT64_FORMAT ".%02" G_GINT64_FORMAT,
                            value < 0 ? "-" : "", ABS (value) / 100, ABS (value) % 100);
  return cm_money_format (value);
}

static char *
format_axis (CmChart *self,
             gint64   value)
{
  if (self->unit == CM_CHART_HUNDREDTHS)
    return value % 100 == 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, value / 100) : format_value (self, value);
  return format_tick (value);
}

/* A step of 1, 2 or 5 times a power of ten pence that covers the range
 * in about N_TICKS steps. */
static gint64
nice_step (gint64 range)
{
  gint64 raw = MAX (range / N_TICKS, 1);
  gint64 power = 1;

  while (power <= G_MAXINT64 / 10 && power * 10 <= raw)
    power *= 10;

  if (power >= raw)
    return power;
  if (power * 2 >= raw)
    return power * 2;
  if (power * 5 >= raw)
    return power * 5;
  return power * 10;
}

static PangoLayout *
create_layout (CmChart    *self,
               const char *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_scale_new (0.85));
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);

  return layout;
}

static double
text_width (CmChart    *self,
            const char *text,
            double     *out_height)
{
  g_autoptr(PangoLayout) layout = create_layout (self, text);
  int width;
  int height;

  pango_layout_get_pixel_size (layout, &width, &height);
  if (out_height != NULL)
    *out_height = height;

  return width;
}

static double
band_height (CmChart *self)
{
  guint ns = MAX (n_series (self), 1);

  return ns * BAR_HEIGHT + (ns - 1) * BAR_GAP + BAND_GAP;
}

static void
compute_geometry (CmChart  *self,
                  double    width,
                  Geometry *geometry)
{
  guint nc = n_categories (self);
  guint ns = n_series (self);
  gint64 lo = 0;
  gint64 hi = 0;

  text_width (self, "£0", &geometry->text_height);

  geometry->label_width = 0;
  for (guint c = 0; c < nc; c++)
    geometry->label_width = MAX (geometry->label_width, text_width (self, self->categories[c], NULL));
  geometry->label_width = MIN (geometry->label_width, width * 0.4);

  for (guint s = 0; s < ns; s++)
    for (guint c = 0; c < nc; c++)
      {
        lo = MIN (lo, value_at (self, s, c));
        hi = MAX (hi, value_at (self, s, c));
      }
  if (self->axis_max > 0)
    hi = MAX (hi, self->axis_max);
  if (hi == lo)
    hi = lo + 10000;

  /* Ratings read best on whole points. */
  if (self->unit == CM_CHART_HUNDREDTHS && hi - lo <= 1000)
    geometry->step = 100;
  else
    geometry->step = nice_step (hi - lo);
  geometry->lo = lo >= 0 ? 0 : -((-lo + geometry->step - 1) / geometry->step) * geometry->step;
  geometry->hi = hi <= 0 ? 0 : ((hi + geometry->step - 1) / geometry->step) * geometry->step;

  geometry->legend_height = geometry->text_height + LABEL_GAP;
  geometry->axis_height = geometry->text_height + 4;
  geometry->band_height = band_height (self);
  geometry->plot_x = PADDING + geometry->label_width + LABEL_GAP;
  geometry->plot_y = PADDING + geometry->legend_height;
  /* Leave room for half of the last tick label. */
  geometry->plot_width = MAX (1.0, width - geometry->plot_x - PADDING - 24);
}

static double
x_of (const Geometry *geometry,
      gint64          value)
{
  return geometry->plot_x +
         geometry->plot_width * (double) (value - geometry->lo) / (double) (geometry->hi - geometry->lo);
}

static void
draw_text (GtkSnapshot   *snapshot,
           PangoLayout   *layout,
           double         x,
           double         y,
           const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static gboolean
any_overrun (CmChart *self)
{
  for (guint c = 0; c < n_categories (self); c++)
    if (is_overrun (self, 1, c))
      return TRUE;

  return FALSE;
}

static void
draw_legend (CmChart     *self,
             GtkSnapshot *snapshot,
             const GdkRGBA *fg)
{
  double x = PADDING;
  guint ns = n_series (self);
  guint n_entries = ns + (any_overrun (self) ? 1 : 0);

  for (guint i = 0; i < n_entries; i++)
    {
      g_autoptr(PangoLayout) layout = NULL;
      GdkRGBA color;
      int width;
      int height;

      if (i < ns)
        {
          series_color (self, i, &color);
          layout = create_layout (self, self->series[i]);
        }
      else
        {
          cm_chart_lookup_color (GTK_WIDGET (self), "error_bg_color", "#e01b24", &color);
          layout = create_layout (self, _("Over allocation"));
        }

      pango_layout_get_pixel_size (layout, &width, &height);
      gtk_snapshot_append_color (snapshot, &color,
                                 &GRAPHENE_RECT_INIT (x, PADDING + (height - SWATCH_SIZE) / 2,
                                                      SWATCH_SIZE, SWATCH_SIZE));
      x += SWATCH_SIZE + 4;
      draw_text (snapshot, layout, x, PADDING, fg);
      x += width + LEGEND_GAP;
    }
}

static void
cm_chart_snapshot (GtkWidget   *widget,
                   GtkSnapshot *snapshot)
{
  CmChart *self = CM_CHART (widget);
  double width = gtk_widget_get_width (widget);
  guint nc = n_categories (self);
  guint ns = n_series (self);
  Geometry geometry;
  GdkRGBA fg;
  GdkRGBA dim;
  GdkRGBA grid;
  GdkRGBA error;
  double plot_bottom;

  if (nc == 0 || ns == 0)
    return;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  dim = fg;
  dim.alpha *= 0.7;
  grid = fg;
  grid.alpha *= 0.12;
  cm_chart_lookup_color (widget, "error_bg_color", "#e01b24", &error);

  compute_geometry (self, width, &geometry);
  plot_bottom = geometry.plot_y + nc * geometry.band_height;

  draw_legend (self, snapshot, &dim);

  /* Grid lines and the value axis. */
  for (gint64 tick = geometry.lo; tick <= geometry.hi; tick += geometry.step)
    {
      g_autofree char *text = format_axis (self, tick);
      g_autoptr(PangoLayout) layout = create_layout (self, text);
      double x = x_of (&geometry, tick);
      int text_w;

      pango_layout_get_pixel_size (layout, &text_w, NULL);
      gtk_snapshot_append_color (snapshot, tick == 0 ? &dim : &grid,
                                 &GRAPHENE_RECT_INIT (x, geometry.plot_y, 1, plot_bottom - geometry.plot_y));
      draw_text (snapshot, layout, x - text_w / 2.0, plot_bottom + 4, &dim);
    }

  for (guint c = 0; c < nc; c++)
    {
      g_autoptr(PangoLayout) layout = create_layout (self, self->categories[c]);
      double band_y = geometry.plot_y + c * geometry.band_height + BAND_GAP / 2;
      double bars_height = geometry.band_height - BAND_GAP;
      int text_w;
      int text_h;

      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_width (layout, (int) (geometry.label_width * PANGO_SCALE));
      pango_layout_get_pixel_size (layout, &text_w, &text_h);
      draw_text (snapshot, layout,
                 PADDING + geometry.label_width - text_w,
                 band_y + (bars_height - text_h) / 2, &fg);

      for (guint s = 0; s < ns; s++)
        {
          gint64 value = value_at (self, s, c);
          double x0 = x_of (&geometry, MIN (0, value));
          double x1 = x_of (&geometry, MAX (0, value));
          double y = band_y + s * (BAR_HEIGHT + BAR_GAP);
          GdkRGBA color;

          if (value == 0)
            continue;

          series_color (self, s, &color);
          if (is_overrun (self, s, c))
            {
              /* The part beyond the first series is the overrun. */
              double limit = x_of (&geometry, value_at (self, 0, c));

              gtk_snapshot_append_color (snapshot, &color,
                                         &GRAPHENE_RECT_INIT (x0, y, MAX (0, limit - x0), BAR_HEIGHT));
              gtk_snapshot_append_color (snapshot, &error,
                                         &GRAPHENE_RECT_INIT (limit, y, MAX (1, x1 - limit), BAR_HEIGHT));
            }
          else
            gtk_snapshot_append_color (snapshot, &color,
                                       &GRAPHENE_RECT_INIT (x0, y, MAX (1, x1 - x0), BAR_HEIGHT));
        }
    }
}

static void
cm_chart_measure (GtkWidget      *widget,
                  GtkOrientation  orientation,
                  int             for_size,
                  int            *minimum,
                  int            *natural,
                  int            *minimum_baseline,
                  int            *natural_baseline)
{
  CmChart *self = CM_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 200;
      *natural = 360;
    }
  else
    {
      double text_height;
      double height;

      text_width (self, "£0", &text_height);
      height = (2 * PADDING + (text_height + LABEL_GAP) + n_categories (self) * band_height (self)
                + text_height + 4);
      *minimum = *natural = (int) height;
    }
}

static gboolean
cm_chart_query_tooltip (GtkWidget  *widget,
                        int         x,
                        int         y,
                        gboolean    keyboard_tooltip,
                        GtkTooltip *tooltip)
{
  CmChart *self = CM_CHART (widget);
  g_autoptr(GString) text = NULL;
  Geometry geometry;
  guint category;

  if (n_categories (self) == 0 || n_series (self) == 0)
    return FALSE;

  compute_geometry (self, gtk_widget_get_width (widget), &geometry);
  if (y < geometry.plot_y)
    return FALSE;

  category = (guint) ((y - geometry.plot_y) / geometry.band_height);
  if (category >= n_categories (self))
    return FALSE;

  text = g_string_new (self->categories[category]);
  for (guint s = 0; s < n_series (self); s++)
    {
      g_autofree char *amount = format_value (self, value_at (self, s, category));

      /* Translators: a line of a chart's tooltip: "Forecast: £1,234.56" */
      g_string_append_c (text, '\n');
      g_string_append_printf (text, _("%s: %s"), self->series[s], amount);
    }

  gtk_tooltip_set_text (tooltip, text->str);
  return TRUE;
}

static void
update_accessible (CmChart *self)
{
  g_autofree char *description = cm_chart_describe (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->title != NULL ? self->title : "",
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
css_changed_cb (GtkWidget         *widget,
                GtkCssStyleChange *change)
{
  gtk_widget_queue_draw (widget);
}

static void
cm_chart_finalize (GObject *object)
{
  CmChart *self = (CmChart *)object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->categories, g_strfreev);
  g_clear_pointer (&self->series, g_strfreev);
  g_clear_pointer (&self->colors, g_strfreev);
  g_clear_pointer (&self->values, g_free);

  G_OBJECT_CLASS (cm_chart_parent_class)->finalize (object);
}

static void
cm_chart_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  CmChart *self = CM_CHART (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_HIGHLIGHT_OVERRUN:
      g_value_set_boolean (value, self->highlight_overrun);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_chart_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  CmChart *self = CM_CHART (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      cm_chart_set_title (self, g_value_get_string (value));
      break;

    case PROP_HIGHLIGHT_OVERRUN:
      cm_chart_set_highlight_overrun (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_chart_class_init (CmChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = cm_chart_finalize;
  object_class->get_property = cm_chart_get_property;
  object_class->set_property = cm_chart_set_property;

  widget_class->snapshot = cm_chart_snapshot;
  widget_class->measure = cm_chart_measure;
  widget_class->query_tooltip = cm_chart_query_tooltip;
  widget_class->css_changed = css_changed_cb;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_HIGHLIGHT_OVERRUN] =
    g_param_spec_boolean ("highlight-overrun", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
cm_chart_init (CmChart *self)
{
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  update_accessible (self);
}

/**
 * cm_chart_new:
 *
 * Returns: (transfer floating): a new, empty chart
 */
GtkWidget *
cm_chart_new (void)
{
  return g_object_new (CM_TYPE_CHART, NULL);
}

/**
 * cm_chart_get_title:
 * @self: a #CmChart
 *
 * Returns: (nullable): what the chart shows, as read out to screen reader users
 */
const char *
cm_chart_get_title (CmChart *self)
{
  g_return_val_if_fail (CM_IS_CHART (self), NULL);

  return self->title;
}

/**
 * cm_chart_set_title:
 * @self: a #CmChart
 * @title: (nullable): what the chart shows
 *
 * Sets the chart's accessible name.
 */
void
cm_chart_set_title (CmChart    *self,
                    const char *title)
{
  g_return_if_fail (CM_IS_CHART (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;

  g_free (self->title);
  self->title = g_strdup (title);
  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/**
 * cm_chart_get_highlight_overrun:
 * @self: a #CmChart
 *
 * Returns: whether second-series bars longer than the first are marked
 */
gboolean
cm_chart_get_highlight_overrun (CmChart *self)
{
  g_return_val_if_fail (CM_IS_CHART (self), FALSE);

  return self->highlight_overrun;
}

/**
 * cm_chart_set_highlight_overrun:
 * @self: a #CmChart
 * @highlight_overrun: whether to mark overruns
 *
 * With two series such as Allocation and Forecast, draws the part of a
 * second-series bar beyond the first in the error colour.
 */
void
cm_chart_set_highlight_overrun (CmChart  *self,
                                gboolean  highlight_overrun)
{
  g_return_if_fail (CM_IS_CHART (self));

  highlight_overrun = !!highlight_overrun;
  if (self->highlight_overrun == highlight_overrun)
    return;

  self->highlight_overrun = highlight_overrun;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIGHLIGHT_OVERRUN]);
}

/**
 * cm_chart_set_data:
 * @self: a #CmChart
 * @n_categories: the number of bands
 * @categories: (array length=n_categories): their names
 * @n_series: the number of bars in each band
 * @series: (array length=n_series): their names, shown in the legend
 * @colors: (array length=n_series) (nullable): a named colour of the style
 *   for each series, such as "light_5"; %NULL or "" for the default
 * @values: (array): @n_series rows of @n_categories amounts in pence
 *
 * Replaces what the chart shows.
 */
void
cm_chart_set_data (CmChart            *self,
                   guint               n_categories_,
                   const char * const *categories,
                   guint               n_series_,
                   const char * const *series,
                   const char * const *colors,
                   const gint64       *values)
{
  g_return_if_fail (CM_IS_CHART (self));
  g_return_if_fail (n_categories_ == 0 || categories != NULL);
  g_return_if_fail (n_series_ == 0 || series != NULL);

  g_clear_pointer (&self->categories, g_strfreev);
  g_clear_pointer (&self->series, g_strfreev);
  g_clear_pointer (&self->colors, g_strfreev);
  g_clear_pointer (&self->values, g_free);

  self->categories = g_new0 (char *, n_categories_ + 1);
  for (guint i = 0; i < n_categories_; i++)
    self->categories[i] = g_strdup (categories[i]);

  self->series = g_new0 (char *, n_series_ + 1);
  for (guint i = 0; i < n_series_; i++)
    self->series[i] = g_strdup (series[i]);

  self->colors = g_new0 (char *, n_series_ + 1);
  for (guint i = 0; i < n_series_; i++)
    self->colors[i] = g_strdup (colors != NULL && colors[i] != NULL ? colors[i] : "");

  self->values = g_new0 (gint64, MAX (1, n_categories_ * n_series_));
  if (n_categories_ * n_series_ > 0)
    memcpy (self->values, values, sizeof (gint64) * n_categories_ * n_series_);

  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/**
 * cm_chart_get_n_categories:
 * @self: a #CmChart
 *
 * Returns: the number of bands shown
 */
guint
cm_chart_get_n_categories (CmChart *self)
{
  g_return_val_if_fail (CM_IS_CHART (self), 0);

  return n_categories (self);
}

/**
 * cm_chart_get_n_series:
 * @self: a #CmChart
 *
 * Returns: the number of bars in each band
 */
guint
cm_chart_get_n_series (CmChart *self)
{
  g_return_val_if_fail (CM_IS_CHART (self), 0);

  return n_series (self);
}

/**
 * cm_chart_get_value:
 * @self: a #CmChart
 * @series: a series index
 * @category: a category index
 *
 * Returns: the amount drawn, in pence
 */
gint64
cm_chart_get_value (CmChart *self,
                    guint    series,
                    guint    category)
{
  g_return_val_if_fail (CM_IS_CHART (self), 0);
  g_return_val_if_fail (series < n_series (self), 0);
  g_return_val_if_fail (category < n_categories (self), 0);

  return value_at (self, series, category);
}

/**
 * cm_chart_describe:
 * @self: a #CmChart
 *
 * Returns: (transfer full): the values in words, for screen readers:
 *   "CORE: Allocation £42,000.00, Forecast £39,988.00. …"
 */
char *
cm_chart_describe (CmChart *self)
{
  GString *text;

  g_return_val_if_fail (CM_IS_CHART (self), NULL);

  text = g_string_new (NULL);
  for (guint c = 0; c < n_categories (self); c++)
    {
      if (c > 0)
        g_string_append_c (text, ' ');
      g_string_append_printf (text, "%s:", self->categories[c]);

      for (guint s = 0; s < n_series (self); s++)
        {
          g_autofree char *amount = format_value (self, value_at (self, s, c));

          g_string_append_printf (text, s == 0 ? " %s %s" : ", %s %s", self->series[s], amount);
        }
      g_string_append_c (text, '.');
    }

  return g_string_free (text, FALSE);
}

/**
 * cm_chart_set_unit:
 * @self: a #CmChart
 * @unit: what the values are
 * @axis_max: where the value axis ends at least, in @unit (500 for
 *   ratings of 1–5 in hundredths); 0 to follow the values
 *
 * Sets how values are read and shown. Charts of money need not call it.
 */
void
cm_chart_set_unit (CmChart     *self,
                   CmChartUnit  unit,
                   gint64       axis_max)
{
  g_return_if_fail (CM_IS_CHART (self));
  g_return_if_fail (axis_max >= 0);

  if (self->unit == unit && self->axis_max == axis_max)
    return;

  self->unit = unit;
  self->axis_max = axis_max;
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
