/* cm-budget-streams-view.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "cm-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "cm-budget-streams-view.h"
#include "cm-column-view.h"
#include "cm-fiscal.h"
#include "cm-format.h"
#include "cm-money.h"
#include "cm-stream-bar.h"

/* The streams overview: a line per stream with its bar and figures, the
 * totals, two charts and the year's warnings. Activating a stream edits
 * it; activating a warning shows what it is about (budget.reveal). */
struct _CmBudgetStreamsView
{
  GtkWidget             parent_instance;

  /* Template widgets */
  GtkScrolledWindow    *scrolled_window;
  GtkLabel             *summary_label;
  GtkBox               *legend_box;
  GtkListBox           *streams_list;
  GtkLabel             *unallocated_label;
  CmChart              *allocation_chart;
  CmChart              *quarter_chart;
  AdwPreferencesGroup  *warnings_group;

  GtkSizeGroup         *name_group;
  GtkSizeGroup         *figure_group;
  GtkSizeGroup         *pvi_group;
  GPtrArray            *stream_rows;   /* of CmStreamRow, the streams in order */
  CmStreamRow          *total_row;
  GPtrArray            *warning_rows;  /* of AdwActionRow */
  char                 *warnings_shown; /* what they say, to skip an update that changes none */

  /* Narrow windows show fewer columns; see size_allocate(). */
  guint                 width_class;
  guint                 columns_source;
};

G_DEFINE_FINAL_TYPE (CmBudgetStreamsView, cm_budget_streams_view, GTK_TYPE_WIDGET)

static const struct {
  const char *kind;
  const char *subject;
  const char *title;
} warning_kinds[] = {
  { "over-committed", "stream", N_("Over-committed") },
  { "over-proposed", "stream", N_("Over-proposed") },
  { "spend-before-approval", "commission", N_("Spend before approval") },
  { "ineligible-split", "commission", N_("Ineligible split") },
  { "pvi-share-below-minimum", "stream", N_("Planned PVI share below minimum") },
  { "unfunded", "commission", N_("Unfunded") },
  { "over-funded", "commission", N_("Over-funded") },
  { "underspend-risk", "stream", N_("Underspend risk") },
  { "spend-outside-stream-year", "transaction", N_("Spend outside the stream’s year") },
  { "unallocated-spend", "transaction", N_("Unallocated spend") },
};

/**
 * cm_budget_warning_subject_kind:
 * @warning_kind: a warning kind such as "over-committed"
 *
 * Returns: what the warning's subject names: "stream", "commission" or
 *   "transaction" (the reference); "" for an unknown kind
 */
const char *
cm_budget_warning_subject_kind (const char *warning_kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (warning_kinds); i++)
    if (g_strcmp0 (warning_kinds[i].kind, warning_kind) == 0)
      return warning_kinds[i].subject;

  return "";
}

/**
 * cm_budget_warning_title:
 * @warning_kind: a warning kind such as "over-committed"
 *
 * Returns: the kind as shown: "Over-committed"
 */
const char *
cm_budget_warning_title (const char *warning_kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (warning_kinds); i++)
    if (g_strcmp0 (warning_kinds[i].kind, warning_kind) == 0)
      return _(warning_kinds[i].title);

  return warning_kind;
}

/* Below these widths the table drops columns rather than scroll sideways:
 * first Proposed, Committed and Variance (the bar still shows the first
 * two), then all but Allocation and Available. */
#define COMPACT_WIDTH 1080
#define NARROW_WIDTH  720

/* The spacing between a row's columns, and the page's margins on either
 * side of the table (cm-stream-row.ui, cm-budget-streams-view.ui). */
#define FIGURE_SPACING 12
#define SIDE_MARGINS   (2 * 18)

enum {
  WIDTH_FULL,
  WIDTH_COMPACT,
  WIDTH_NARROW,
};

static gboolean
figure_shown (guint          width_class,
              CmStreamFigure figure)
{
  switch (figure)
    {
    case CM_STREAM_FIGURE_ALLOCATION:
    case CM_STREAM_FIGURE_AVAILABLE:
      return TRUE;
    case CM_STREAM_FIGURE_ACTUAL:
    case CM_STREAM_FIGURE_FORECAST:
    case CM_STREAM_FIGURE_PVI:
      return width_class != WIDTH_NARROW;
    case CM_STREAM_FIGURE_PROPOSED:
    case CM_STREAM_FIGURE_COMMITTED:
    case CM_STREAM_FIGURE_VARIANCE:
    case CM_STREAM_N_FIGURES:
    default:
      return width_class == WIDTH_FULL;
    }
}

static void
apply_columns (CmBudgetStreamsView *self)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->streams_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      if (!CM_IS_STREAM_ROW (row))
        continue;

      for (CmStreamFigure figure = 0; figure < CM_STREAM_N_FIGURES; figure++)
        cm_stream_row_set_figure_visible (CM_STREAM_ROW (row), figure, figure_shown (self->width_class, figure));
    }
}

static gboolean
apply_columns_cb (gpointer user_data)
{
  CmBudgetStreamsView *self = user_data;

  self->columns_source = 0;
  apply_columns (self);
  return G_SOURCE_REMOVE;
}

static void
cm_budget_streams_view_measure (GtkWidget      *widget,
                                GtkOrientation  orientation,
                                int             for_size,
                                int            *minimum,
                                int            *natural,
                                int            *minimum_baseline,
                                int            *natural_baseline)
{
  CmBudgetStreamsView *self = CM_BUDGET_STREAMS_VIEW (widget);

  gtk_widget_measure (GTK_WIDGET (self->scrolled_window), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static guint
n_figures_shown (guint width_class)
{
  guint n = 0;

  for (CmStreamFigure figure = 0; figure < CM_STREAM_N_FIGURES; figure++)
    n += figure_shown (width_class, figure);

  return n;
}

/* The widest set of columns that fits @width. The thresholds suit a
 * borough's figures; a county's sums take wider columns, so the table's
 * own width decides too: the least it needs without figures, plus each
 * figure column as wide as the widest figure (they share one size group). */
static guint
choose_width_class (CmBudgetStreamsView *self,
                    int                  width)
{
  guint width_class = width < NARROW_WIDTH ? WIDTH_NARROW : width < COMPACT_WIDTH ? WIDTH_COMPACT : WIDTH_FULL;
  int list_width = 0;
  int figure_width = 0;
  int without_figures;

  if (self->total_row == NULL)
    return width_class;

  /* The least it needs: names are cut short before columns go. */
  gtk_widget_measure (GTK_WIDGET (self->streams_list), GTK_ORIENTATION_HORIZONTAL, -1,
                      &list_width, NULL, NULL, NULL);
  figure_width = cm_stream_row_get_figure_width (self->total_row) + FIGURE_SPACING;
  without_figures = list_width - (int) n_figures_shown (self->width_class) * figure_width;

  while (width_class < WIDTH_NARROW &&
         without_figures + (int) n_figures_shown (width_class) * figure_width + SIDE_MARGINS > width)
    width_class++;

  return width_class;
}

static void
cm_budget_streams_view_size_allocate (GtkWidget *widget,
                                      int        width,
                                      int        height,
                                      int        baseline)
{
  CmBudgetStreamsView *self = CM_BUDGET_STREAMS_VIEW (widget);
  guint width_class = choose_width_class (self, width);

  /* Columns change after this allocation, not during it. */
  if (width_class != self->width_class)
    {
      self->width_class = width_class;
      if (self->columns_source == 0)
        self->columns_source = g_idle_add (apply_columns_cb, self);
    }

  gtk_widget_allocate (GTK_WIDGET (self->scrolled_window), width, height, baseline, NULL);
}

static void
stream_activated_cb (CmBudgetStreamsView *self,
                     GtkListBoxRow       *row)
{
  gint64 id;

  if (!CM_IS_STREAM_ROW (row))
    return;

  id = cm_stream_row_get_stream_id (CM_STREAM_ROW (row));
  if (id > 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "budget.edit-stream", "x", id);
}

static void
warning_activated_cb (AdwActionRow        *row,
                      CmBudgetStreamsView *self)
{
  const char *kind = g_object_get_data (G_OBJECT (row), "warning-kind");
  const char *subject = g_object_get_data (G_OBJECT (row), "warning-subject");

  gtk_widget_activate_action (GTK_WIDGET (self), "budget.reveal", "(ss)",
                              cm_budget_warning_subject_kind (kind), subject);
}

static GtkWidget *
legend_entry (CmBudgetStreamsView *self,
              CmStreamBarPart      part)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *swatch = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *label = gtk_label_new (cm_stream_bar_part_label (part));
  static const char * const classes[CM_STREAM_BAR_N_PARTS] = {
    "actual", "committed", "proposed", "available", "over",
  };

  gtk_widget_add_css_class (swatch, "budget-swatch");
  gtk_widget_add_css_class (swatch, classes[part]);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_set_tooltip_text (box, cm_stream_bar_part_description (part));
  gtk_box_append (GTK_BOX (box), swatch);
  gtk_box_append (GTK_BOX (box), label);

  return box;
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* Whether the list already shows @streams, line for line. */
static gboolean
same_streams (CmBudgetStreamsView *self,
              GPtrArray           *streams)
{
  if (self->total_row == NULL || self->stream_rows->len != streams->len)
    return FALSE;

  for (guint i = 0; i < streams->len; i++)
    {
      const CmBudgetFigures *figures = g_ptr_array_index (streams, i);

      if (cm_stream_row_get_stream_id (g_ptr_array_index (self->stream_rows, i)) != figures->stream_id)
        return FALSE;
    }
  return TRUE;
}

static void
cm_budget_streams_view_dispose (GObject *object)
{
  CmBudgetStreamsView *self = (CmBudgetStreamsView *)object;

  g_clear_handle_id (&self->columns_source, g_source_remove);
  g_clear_pointer (&self->stream_rows, g_ptr_array_unref);
  g_clear_pointer (&self->warning_rows, g_ptr_array_unref);
  g_clear_pointer (&self->warnings_shown, g_free);
  self->total_row = NULL;

  gtk_widget_dispose_template (GTK_WIDGET (self), CM_TYPE_BUDGET_STREAMS_VIEW);

  g_clear_object (&self->name_group);
  g_clear_object (&self->figure_group);
  g_clear_object (&self->pvi_group);

  G_OBJECT_CLASS (cm_budget_streams_view_parent_class)->dispose (object);
}

static void
cm_budget_streams_view_class_init (CmBudgetStreamsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cm_budget_streams_view_dispose;

  widget_class->measure = cm_budget_streams_view_measure;
  widget_class->size_allocate = cm_budget_streams_view_size_allocate;

  g_type_ensure (CM_TYPE_CHART);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/budget/cm-budget-streams-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CmBudgetStreamsView, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, CmBudgetStreamsView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, CmBudgetStreamsView, legend_box);
  gtk_widget_class_bind_template_child (widget_class, CmBudgetStreamsView, streams_list);
  gtk_widget_class_bind_template_child (widget_class, CmBudgetStreamsView, unallocated_label);
  gtk_widget_class_bind_template_child (widget_class, CmBudgetStreamsView, allocation_chart);
  gtk_widget_class_bind_template_child (widget_class, CmBudgetStreamsView, quarter_chart);
  gtk_widget_class_bind_template_child (widget_class, CmBudgetStreamsView, warnings_group);
  gtk_widget_class_bind_template_callback (widget_class, stream_activated_cb);
}

static void
cm_budget_streams_view_init (CmBudgetStreamsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->name_group = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  self->figure_group = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  self->pvi_group = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  self->stream_rows = g_ptr_array_new ();
  self->warning_rows = g_ptr_array_new ();

  for (CmStreamBarPart part = 0; part < CM_STREAM_BAR_N_PARTS; part++)
    gtk_box_append (self->legend_box, legend_entry (self, part));
}

static void
update_charts (CmBudgetStreamsView   *self,
               const CmBudgetSummary *summary)
{
  guint n = summary->streams->len;
  g_autofree const char **codes = g_new0 (const char *, n + 1);
  g_autofree gint64 *values = g_new0 (gint64, 2 * MAX (n, 1));
  const char *stream_series[] = { _("Allocation"), _("Forecast") };
  const char *stream_colors[] = { "light_5", "blue_3" };
  const char *quarter_series[] = { _("A quarter of the allocation"), _("Spend") };
  const char *quarter_colors[] = { "light_5", "blue_3" };
  char *quarter_names[CM_BUDGET_N_QUARTER_SLOTS] = { NULL, };
  const char *quarter_categories[CM_BUDGET_N_QUARTER_SLOTS];
  gint64 quarter_values[2 * CM_BUDGET_N_QUARTER_SLOTS];
  guint n_quarters = 4;
  gint64 outside = summary->totals->quarter_pence[CM_BUDGET_OUTSIDE_YEAR];

  for (guint i = 0; i < n; i++)
    {
      const CmBudgetFigures *figures = g_ptr_array_index (summary->streams, i);

      codes[i] = figures->code;
      values[i] = figures->allocation_pence;
      values[n + i] = figures->forecast_pence;
    }
  cm_chart_set_data (self->allocation_chart, n, codes, 2, stream_series, stream_colors, values);

  /* Spend in each quarter: what the streams got plus what no stream got;
   * spend charged to the year's streams but dated in another year last. */
  if (outside != 0)
    n_quarters = 5;
  for (guint q = 0; q < n_quarters; q++)
    {
      int slot = q < 4 ? (int) q + 1 : CM_BUDGET_OUTSIDE_YEAR;

      quarter_names[q] = q < 4 ? cm_fiscal_quarter_label ((int) q + 1) : g_strdup (_("Other years"));
      quarter_categories[q] = quarter_names[q];
      quarter_values[q] = q < 4 ? summary->totals->allocation_pence / 4 : 0;
      quarter_values[n_quarters + q] = (summary->totals->quarter_pence[slot]
                                        + summary->unallocated_quarter_pence[slot]);
    }
  cm_chart_set_data (self->quarter_chart, n_quarters, quarter_categories,
                     2, quarter_series, quarter_colors, quarter_values);

  for (guint q = 0; q < n_quarters; q++)
    g_free (quarter_names[q]);
}

/* A warning row's title and subtitle stay on one line each, cut short
 * with the whole text in a tooltip. Wrapping labels are measured at many
 * widths every time the window is laid out, and the overview is laid out
 * whenever a figure changes (HACKING.md, "Large lists"). */
static void
keep_on_one_line (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_label_get_wrap (GTK_LABEL (child)))
        {
          gtk_label_set_wrap (GTK_LABEL (child), FALSE);
          gtk_label_set_ellipsize (GTK_LABEL (child), PANGO_ELLIPSIZE_END);
          cm_cell_label_show_cut_text (GTK_LABEL (child));
        }
      keep_on_one_line (child);
    }
}

/* Rows of one kind of warning shown before the rest are counted. */
#define MAX_ROWS_PER_KIND 3

static void
more_activated_cb (AdwActionRow        *row,
                   CmBudgetStreamsView *self)
{
  const char *kind = g_object_get_data (G_OBJECT (row), "more-kind");
  const char *subject = cm_budget_warning_subject_kind (kind);

  gtk_widget_activate_action (GTK_WIDGET (self), "budget.show-view", "s",
                              g_str_equal (subject, "commission") ? "commissions"
                              : g_str_equal (subject, "transaction") ? "transactions"
                              : "streams");
}

static void
add_more_row (CmBudgetStreamsView *self,
              const char          *kind,
              guint                n_more)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");
  g_autofree char *count = cm_format_count (n_more);
  g_autofree char *title = NULL;

  /* Translators: "2,995 more: Unallocated spend" */
  title = g_strdup_printf (ngettext ("%s more: %s", "%s more: %s", n_more), count, cm_budget_warning_title (kind));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Open the list they are about; commissioner-cli warnings lists them all"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
  keep_on_one_line (row);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "more-kind", g_strdup (kind), g_free);
  g_signal_connect_object (row, "activated", G_CALLBACK (more_activated_cb), self, 0);

  adw_preferences_group_add (self->warnings_group, row);
  g_ptr_array_add (self->warning_rows, row);
}

static void
update_warnings (CmBudgetStreamsView *self,
                 GPtrArray           *warnings)
{
  g_autofree char *description = NULL;
  g_autoptr(GString) said = g_string_new (NULL);

  /* Most edits change figures but no warning: the rows stay. */
  for (guint i = 0; warnings != NULL && i < warnings->len; i++)
    {
      const CmBudgetWarning *warning = g_ptr_array_index (warnings, i);

      g_string_append_printf (said, "%s\x1f%s\x1f%s\x1e", warning->kind, warning->subject, warning->message);
    }
  if (self->warnings_shown != NULL && g_str_equal (said->str, self->warnings_shown))
    return;
  g_free (self->warnings_shown);
  self->warnings_shown = g_string_free (g_steal_pointer (&said), FALSE);

  for (guint i = 0; i < self->warning_rows->len; i++)
    adw_preferences_group_remove (self->warnings_group, g_ptr_array_index (self->warning_rows, i));
  g_ptr_array_set_size (self->warning_rows, 0);

  if (warnings == NULL || warnings->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("emblem-ok-symbolic");

      gtk_widget_add_css_class (icon, "success");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Nothing needs attention"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Every stream is within its allocation and every grant rule is met."));
      adw_preferences_group_add (self->warnings_group, row);
      g_ptr_array_add (self->warning_rows, row);
      adw_preferences_group_set_description (self->warnings_group, NULL);
      return;
    }

  description = g_strdup_printf (ngettext ("%u thing needs attention. Choose one to see where it is.",
                                           "%u things need attention. Choose one to see where it is.",
                                           warnings->len),
                                 warnings->len);
  adw_preferences_group_set_description (self->warnings_group, description);

  for (guint i = 0, n_of_kind = 0; i < warnings->len; i++)
    {
      const CmBudgetWarning *warning = g_ptr_array_index (warnings, i);
      GtkWidget *row;
      GtkWidget *icon;
      GtkWidget *arrow;
      g_autofree char *subtitle = NULL;

      /* Warnings come by kind. A county's year can have thousands of one
       * kind: the first few show, the rest are counted in one row that
       * leads to the list they are about. */
      if (i == 0 || g_strcmp0 (warning->kind, ((CmBudgetWarning *) g_ptr_array_index (warnings, i - 1))->kind) != 0)
        n_of_kind = 0;
      if (++n_of_kind > MAX_ROWS_PER_KIND)
        {
          guint n_more = 1;

          while (i + n_more < warnings->len &&
                 g_strcmp0 (((CmBudgetWarning *) g_ptr_array_index (warnings, i + n_more))->kind, warning->kind) == 0)
            n_more++;
          add_more_row (self, warning->kind, n_more);
          i += n_more - 1;
          continue;
        }

      row = adw_action_row_new ();
      icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

      gtk_widget_add_css_class (icon, "warning");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), warning->message);
      /* Translators: a warning's kind and what it is about: "Over-committed · CWDC-YOUTH" */
      subtitle = g_strdup_printf (_("%s · %s"), cm_budget_warning_title (warning->kind), warning->subject);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      keep_on_one_line (row);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

      g_object_set_data_full (G_OBJECT (row), "warning-kind", g_strdup (warning->kind), g_free);
      g_object_set_data_full (G_OBJECT (row), "warning-subject", g_strdup (warning->subject), g_free);
      g_signal_connect_object (row, "activated", G_CALLBACK (warning_activated_cb), self, 0);

      adw_preferences_group_add (self->warnings_group, row);
      g_ptr_array_add (self->warning_rows, row);
    }
}

/**
 * cm_budget_streams_view_set_data:
 * @self: a #CmBudgetStreamsView
 * @summary: the year's figures
 * @warnings: (element-type CmBudgetWarning) (nullable): the year's warnings
 *
 * Shows @summary and @warnings, keeping the selected stream selected.
 */
void
cm_budget_streams_view_set_data (CmBudgetStreamsView   *self,
                                 const CmBudgetSummary *summary,
                                 GPtrArray             *warnings)
{
  g_autofree char *selected = NULL;
  g_autofree char *allocation = NULL;
  g_autofree char *available = NULL;
  g_autofree char *unallocated = NULL;
  g_autofree char *year_label = NULL;
  g_autofree char *summary_text = NULL;
  g_autofree char *streams_text = NULL;
  GtkWidget *header;

  g_return_if_fail (CM_IS_BUDGET_STREAMS_VIEW (self));
  g_return_if_fail (summary != NULL);

  selected = g_strdup (cm_budget_streams_view_get_selected (self));

  if (same_streams (self, summary->streams))
    {
      /* An edit changes figures, not lines: the rows stay, so does the
       * selection and the scroll position. */
      for (guint i = 0; i < summary->streams->len; i++)
        cm_stream_row_set_figures (g_ptr_array_index (self->stream_rows, i),
                                   g_ptr_array_index (summary->streams, i));
      cm_stream_row_set_figures (self->total_row, summary->totals);
    }
  else
    {
      clear_list (self->streams_list);
      g_ptr_array_set_size (self->stream_rows, 0);
      self->total_row = NULL;

      header = cm_stream_row_new_header ();
      cm_stream_row_add_to_size_groups (CM_STREAM_ROW (header), self->name_group, self->figure_group, self->pvi_group);
      gtk_list_box_append (self->streams_list, header);

      for (guint i = 0; i < summary->streams->len; i++)
        {
          const CmBudgetFigures *figures = g_ptr_array_index (summary->streams, i);
          GtkWidget *row = cm_stream_row_new ();

          cm_stream_row_set_figures (CM_STREAM_ROW (row), figures);
          cm_stream_row_add_to_size_groups (CM_STREAM_ROW (row), self->name_group, self->figure_group, self->pvi_group);
          gtk_list_box_append (self->streams_list, row);
          g_ptr_array_add (self->stream_rows, row);
        }

      self->total_row = CM_STREAM_ROW (cm_stream_row_new ());
      cm_stream_row_set_figures (self->total_row, summary->totals);
      cm_stream_row_add_to_size_groups (self->total_row, self->name_group, self->figure_group, self->pvi_group);
      gtk_list_box_append (self->streams_list, GTK_WIDGET (self->total_row));
    }

  year_label = cm_fiscal_year_label (summary->year);
  allocation = cm_money_format (summary->totals->allocation_pence);
  available = cm_money_format (summary->totals->available_pence);
  streams_text = g_strdup_printf (ngettext ("%u funding stream in %s", "%u funding streams in %s",
                                            summary->streams->len),
                                  summary->streams->len, year_label);
  /* Translators: "9 funding streams in 2010/11 · £544,000.00 allocated · £15,969.00 available" */
  summary_text = g_strdup_printf (_("%s · %s allocated · %s available"), streams_text, allocation, available);
  gtk_label_set_text (self->summary_label, summary_text);

  unallocated = cm_money_format (summary->unallocated_pence);
  if (summary->unallocated_pence != 0)
    {
      g_autofree char *text = NULL;

      /* Translators: %s is an amount of money */
      text = g_strdup_printf (_("Spend of %s in the year is charged to no funding stream and is not in these figures."),
                              unallocated);
      gtk_label_set_text (self->unallocated_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->unallocated_label), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->unallocated_label), FALSE);

  apply_columns (self);
  update_charts (self, summary);
  update_warnings (self, warnings);

  if (selected != NULL)
    {
      CmStreamRow *row = cm_budget_streams_view_get_row (self, selected);

      if (row != NULL)
        gtk_list_box_select_row (self->streams_list, GTK_LIST_BOX_ROW (row));
    }
}

/**
 * cm_budget_streams_view_select_stream:
 * @self: a #CmBudgetStreamsView
 * @code: a stream's code
 *
 * Selects the stream's line, scrolls to it and gives it the focus.
 *
 * Returns: whether the stream is shown
 */
gboolean
cm_budget_streams_view_select_stream (CmBudgetStreamsView *self,
                                      const char          *code)
{
  CmStreamRow *row;

  g_return_val_if_fail (CM_IS_BUDGET_STREAMS_VIEW (self), FALSE);

  row = cm_budget_streams_view_get_row (self, code);
  if (row == NULL)
    return FALSE;

  gtk_list_box_select_row (self->streams_list, GTK_LIST_BOX_ROW (row));
  /* The viewport scrolls to the focused row. */
  gtk_widget_grab_focus (GTK_WIDGET (row));
  return TRUE;
}

/**
 * cm_budget_streams_view_get_selected:
 * @self: a #CmBudgetStreamsView
 *
 * Returns: (nullable): the code of the selected stream
 */
const char *
cm_budget_streams_view_get_selected (CmBudgetStreamsView *self)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (CM_IS_BUDGET_STREAMS_VIEW (self), NULL);

  row = gtk_list_box_get_selected_row (self->streams_list);
  return CM_IS_STREAM_ROW (row) ? cm_stream_row_get_code (CM_STREAM_ROW (row)) : NULL;
}

/**
 * cm_budget_streams_view_get_row:
 * @self: a #CmBudgetStreamsView
 * @code: a stream's code
 *
 * Returns: (transfer none) (nullable): the stream's line
 */
CmStreamRow *
cm_budget_streams_view_get_row (CmBudgetStreamsView *self,
                                const char          *code)
{
  g_return_val_if_fail (CM_IS_BUDGET_STREAMS_VIEW (self), NULL);

  for (guint i = 0; i < self->stream_rows->len; i++)
    {
      CmStreamRow *row = g_ptr_array_index (self->stream_rows, i);

      if (g_strcmp0 (cm_stream_row_get_code (row), code) == 0)
        return row;
    }

  return NULL;
}

/**
 * cm_budget_streams_view_get_total_row:
 * @self: a #CmBudgetStreamsView
 *
 * Returns: (transfer none) (nullable): the Total line
 */
CmStreamRow *
cm_budget_streams_view_get_total_row (CmBudgetStreamsView *self)
{
  g_return_val_if_fail (CM_IS_BUDGET_STREAMS_VIEW (self), NULL);

  return self->total_row;
}

/**
 * cm_budget_streams_view_get_n_warnings:
 * @self: a #CmBudgetStreamsView
 *
 * Returns: the number of rows of one warning each (0 when the "nothing
 *   needs attention" row is shown); the rest of a kind with many is
 *   counted in one more row
 */
guint
cm_budget_streams_view_get_n_warnings (CmBudgetStreamsView *self)
{
  guint n = 0;

  g_return_val_if_fail (CM_IS_BUDGET_STREAMS_VIEW (self), 0);

  /* Neither the "nothing needs attention" row nor the counted rest. */
  for (guint i = 0; i < self->warning_rows->len; i++)
    if (g_object_get_data (g_ptr_array_index (self->warning_rows, i), "warning-kind") != NULL)
      n++;

  return n;
}

/**
 * cm_budget_streams_view_get_warning_row:
 * @self: a #CmBudgetStreamsView
 * @index: a warning's position
 *
 * Returns: (transfer none): the warning's row
 */
AdwActionRow *
cm_budget_streams_view_get_warning_row (CmBudgetStreamsView *self,
                                        guint                index)
{
  g_return_val_if_fail (CM_IS_BUDGET_STREAMS_VIEW (self), NULL);
  g_return_val_if_fail (index < self->warning_rows->len, NULL);

  return g_ptr_array_index (self->warning_rows, index);
}

/**
 * cm_budget_streams_view_get_allocation_chart:
 * @self: a #CmBudgetStreamsView
 *
 * Returns: (transfer none): the allocation and forecast chart
 */
CmChart *
cm_budget_streams_view_get_allocation_chart (CmBudgetStreamsView *self)
{
  g_return_val_if_fail (CM_IS_BUDGET_STREAMS_VIEW (self), NULL);

  return self->allocation_chart;
}

/**
 * cm_budget_streams_view_get_quarter_chart:
 * @self: a #CmBudgetStreamsView
 *
 * Returns: (transfer none): the spend by quarter chart
 */
CmChart *
cm_budget_streams_view_get_quarter_chart (CmBudgetStreamsView *self)
{
  g_return_val_if_fail (CM_IS_BUDGET_STREAMS_VIEW (self), NULL);

  return self->quarter_chart;
}
