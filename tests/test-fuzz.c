/* test-fuzz.c
 *
 * Copyright 2026 The Commissioner developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Mutated CSV files against every import kind, through cm_import_data()
 * (what cm_import_file() and the CLI call), on one database holding the
 * example data. Each import must succeed, or fail with a readable message
 * that says where, and leave the database as it was. The run is
 * deterministic: COMMISSIONER_FUZZ_SEED replays another seed and
 * COMMISSIONER_FUZZ_CASES sets the number of cases (tests/README.md). */

#include "config.h"

#include <string.h>

#include "cm-db-private.h"
#include "cm-db.h"
#include "cm-demo.h"
#include "cm-import.h"

#include "cm-test-util.h"

#define DEFAULT_SEED 20261130u
#define DEFAULT_CASES 10000u
/* A full checksum of every table at least this often, and at the end. */
#define CHECKSUM_EVERY 100u
/* Up to CM_IMPORT_MAX_PROBLEMS lines and a count, each of a sensible
 * length however long the field it quotes: the app shows them all. */
#define MAX_MESSAGE ((CM_IMPORT_MAX_PROBLEMS + 1) * 4096u)

/* One valid file per kind, tests/import-seeds/KIND.csv, whose references
 * are to the example data; tests/valgrind.sh imports the same files. */
typedef struct
{
  const char *kind;
  char       *csv;
} Seed;

typedef enum
{
  MUTATE_NONE,
  MUTATE_TRUNCATE,
  MUTATE_RANDOM_BYTES,
  MUTATE_NUL,
  MUTATE_INVALID_UTF8,
  MUTATE_UTF16_BOM,
  MUTATE_UTF16,
  MUTATE_HUGE_FIELD,
  MUTATE_MANY_COLUMNS,
  MUTATE_NUMBER,
  MUTATE_FORMULA,
  MUTATE_DATE,
  MUTATE_DUPLICATE_HEADER,
  MUTATE_EMPTY_HEADER,
  MUTATE_STRAY_QUOTE,
  MUTATE_UNTERMINATED_QUOTE,
  MUTATE_LONE_CR,
  MUTATE_LONG_LINE,
  MUTATE_LINES,
  MUTATE_STACKED,
  N_MUTATIONS
} Mutation;

static const char * const mutation_names[N_MUTATIONS] = {
  "none", "truncate", "random-bytes", "nul", "invalid-utf8", "utf16-bom",
  "utf16", "huge-field", "many-columns", "number", "formula", "date",
  "duplicate-header", "empty-header", "stray-quote", "unterminated-quote",
  "lone-cr", "long-line", "lines", "stacked",
};

static const char * const impossible_numbers[] = {
  "1e309", "-1e309", "1e-400", "-0", "-0.00", "NaN", "nan", "inf", "-Infinity",
  "99999999999999999999", "-99999999999999999999", "9223372036854775807",
  "-9223372036854775808", "9223372036854775808", "0x10", "1,2,3", "1.005",
  "£-1", "--1", "+-1", "1e3", ".", "£", "%", "12%%", "١٢", "１２", " 1 2 ",
  "£999,999,999,999.99", "0.000000001",
};

static const char * const formulas[] = {
  "=HYPERLINK(\"http://x\",\"y\")", "=1+1", "+1+1", "-1+1", "@SUM(A1)",
  "=cmd|' /C calc'!A0", "\t=1", "=", "+", "-", "@",
};

static const char * const dates[] = {
  "30/02/2011", "2023-02-29", "31/04/2023", "2010-02-30", "0000-01-01",
  "9999-12-31", "2010-13-01", "2010-00-10", "00/00/0000", "29/02/2100",
  "2010-4-1", "1/4/2010", "2010/04/01", "2010-04-01T00:00", "-2010-04-01",
  "99999-01-01", "32/01/2010", "2010-04-01 ",
};

static const char * const invalid_utf8[] = {
  "\xff", "\xc3", "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xe2\x82",
  "\x80", "\xfe\xff",
};

typedef struct
{
  char     *dir;
  CmDb     *db;
  GRand    *rand;
  guint     seed;
  guint     n_cases;
  /* What the current case is, for the message when it fails. */
  guint     index;
  const char *kind;
  Mutation  current[3];
  gboolean  stacked;
  GString  *mutations;
} Fuzz;

/* Rows of fields, so a mutation can replace one field and the file be
 * written again with the right quoting. */
static GPtrArray *
split_seed (const char *csv)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const char *p = csv; *p != '\0'; p++)
    {
      if (quoted)
        {
          if (*p == '"' && p[1] == '"')
            {
              g_string_append_c (field, '"');
              p++;
            }
          else if (*p == '"')
            quoted = FALSE;
          else
            g_string_append_c (field, *p);
        }
      else if (*p == '"')
        quoted = TRUE;
      else if (*p == ',' || *p == '\n')
        {
          g_ptr_array_add (row, g_string_free (g_steal_pointer (&field), FALSE));
          field = g_string_new (NULL);
          if (*p == '\n')
            {
              g_ptr_array_add (rows, row);
              row = g_ptr_array_new_with_free_func (g_free);
            }
        }
      else
        g_string_append_c (field, *p);
    }

  g_string_free (field, TRUE);
  g_ptr_array_unref (row);
  return rows;
}

static void
append_field (GString    *out,
              const char *text)
{
  if (strpbrk (text, ",\"\r\n") == NULL && text[0] != ' ')
    {
      g_string_append (out, text);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static GString *
join_rows (GPtrArray *rows,
           gboolean   crlf)
{
  GString *out = g_string_new (NULL);

  for (guint r = 0; r < rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (rows, r);

      for (guint f = 0; f < row->len; f++)
        {
          if (f > 0)
            g_string_append_c (out, ',');
          append_field (out, g_ptr_array_index (row, f));
        }
      g_string_append (out, crlf ? "\r\n" : "\n");
    }

  return out;
}

static guint
pick (Fuzz  *fuzz,
      guint  n)
{
  if (n == 0)
    return 0;
  return (guint) g_rand_int_range (fuzz->rand, 0, (gint32) n);
}

/* A field of a data row, or now and then of the header. */
static char **
pick_field (Fuzz      *fuzz,
            GPtrArray *rows)
{
  guint r = pick (fuzz, 10) == 0 || rows->len < 2 ? 0 : 1 + pick (fuzz, rows->len - 1);
  GPtrArray *row = g_ptr_array_index (rows, r);

  return (char **) &row->pdata[pick (fuzz, row->len)];
}

static void
replace_field (Fuzz       *fuzz,
               GPtrArray  *rows,
               char       *text)
{
  char **field;

  if (rows->len == 0)
    {
      g_free (text);
      return;
    }

  field = pick_field (fuzz, rows);
  g_free (*field);
  *field = text;
}

static GPtrArray *
copy_row (GPtrArray *row)
{
  GPtrArray *copy = g_ptr_array_new_full (row->len, g_free);

  for (guint f = 0; f < row->len; f++)
    g_ptr_array_add (copy, g_strdup (g_ptr_array_index (row, f)));
  return copy;
}

/* Mutations of the fields, before the file is written. */
static void
mutate_fields (Fuzz      *fuzz,
               GPtrArray *rows,
               Mutation   mutation)
{
  /* Lines may all have been removed by an earlier mutation. */
  if (rows->len == 0)
    return;

  switch (mutation)
    {
    case MUTATE_HUGE_FIELD:
      {
        g_autofree char *filler = g_strnfill (1024 * 1024, "x,\"\n a"[pick (fuzz, 6)]);

        replace_field (fuzz, rows, g_steal_pointer (&filler));
      }
      break;
    case MUTATE_MANY_COLUMNS:
      {
        GPtrArray *row = g_ptr_array_index (rows, pick (fuzz, rows->len));
        const char *filler = pick (fuzz, 2) == 0 ? "" : "x";

        for (guint i = 0; i < 100000; i++)
          g_ptr_array_add (row, g_strdup (filler));
      }
      break;
    case MUTATE_NUMBER:
      replace_field (fuzz, rows, g_strdup (impossible_numbers[pick (fuzz, G_N_ELEMENTS (impossible_numbers))]));
      break;
    case MUTATE_FORMULA:
      replace_field (fuzz, rows, g_strdup (formulas[pick (fuzz, G_N_ELEMENTS (formulas))]));
      break;
    case MUTATE_DATE:
      replace_field (fuzz, rows, g_strdup (dates[pick (fuzz, G_N_ELEMENTS (dates))]));
      break;
    case MUTATE_DUPLICATE_HEADER:
      {
        GPtrArray *header = g_ptr_array_index (rows, 0);

        if (pick (fuzz, 2) == 0)
          {
            /* The whole header again, as a data row. */
            GPtrArray *copy = copy_row (header);

            g_ptr_array_insert (rows, 1 + (gint) pick (fuzz, rows->len), copy);
          }
        else
          {
            /* One column named twice. */
            guint from = pick (fuzz, header->len);
            guint to = pick (fuzz, header->len);

            char *name = g_ascii_strup (header->pdata[from], -1);

            g_free (header->pdata[to]);
            header->pdata[to] = name;
          }
      }
      break;
    case MUTATE_EMPTY_HEADER:
      {
        GPtrArray *header = g_ptr_array_index (rows, 0);

        if (pick (fuzz, 2) == 0)
          g_ptr_array_set_size (header, 1);
        for (guint f = 0; f < header->len; f++)
          {
            g_free (header->pdata[f]);
            header->pdata[f] = g_strdup (pick (fuzz, 2) == 0 ? "" : "  ");
          }
      }
      break;
    case MUTATE_LINES:
      {
        guint a = pick (fuzz, rows->len);
        guint b = pick (fuzz, rows->len);

        switch (pick (fuzz, 3))
          {
          case 0:
            g_ptr_array_remove_index (rows, a);
            break;
          case 1:
            {
              gpointer tmp = rows->pdata[a];

              rows->pdata[a] = rows->pdata[b];
              rows->pdata[b] = tmp;
            }
            break;
          default:
            {
              g_ptr_array_add (rows, copy_row (g_ptr_array_index (rows, a)));
            }
            break;
          }
      }
      break;
    case MUTATE_NONE:
    case MUTATE_TRUNCATE:
    case MUTATE_RANDOM_BYTES:
    case MUTATE_NUL:
    case MUTATE_INVALID_UTF8:
    case MUTATE_UTF16_BOM:
    case MUTATE_UTF16:
    case MUTATE_STRAY_QUOTE:
    case MUTATE_UNTERMINATED_QUOTE:
    case MUTATE_LONE_CR:
    case MUTATE_LONG_LINE:
    case MUTATE_STACKED:
    case N_MUTATIONS:
    default:
      break;
    }
}

static void
to_utf16 (Fuzz     *fuzz,
          GString  *data,
          gboolean  bom)
{
  g_autofree gunichar2 *utf16 = NULL;
  glong n = 0;
  gboolean big_endian = pick (fuzz, 2) == 0;
  g_autoptr(GString) out = g_string_new (NULL);

  utf16 = g_utf8_to_utf16 (data->str, (glong) data->len, NULL, &n, NULL);
  if (utf16 == NULL)
    return;

  if (bom)
    g_string_append_len (out, big_endian ? "\xfe\xff" : "\xff\xfe", 2);
  for (glong i = 0; i < n; i++)
    {
      char pair[2] = { (char) (utf16[i] & 0xff), (char) (utf16[i] >> 8) };

      if (big_endian)
        {
          char tmp = pair[0];

          pair[0] = pair[1];
          pair[1] = tmp;
        }
      g_string_append_len (out, pair, 2);
    }

  g_string_truncate (data, 0);
  g_string_append_len (data, out->str, (gssize) out->len);
}

/* Where an unquoted field starts: after a comma or a line break. */
static gsize
pick_boundary (Fuzz    *fuzz,
               GString *data)
{
  gsize at = pick (fuzz, (guint) data->len + 1);

  while (at < data->len && at > 0 && data->str[at - 1] != ',' && data->str[at - 1] != '\n')
    at++;
  return at;
}

/* Mutations of the bytes, after the file is written. */
static void
mutate_bytes (Fuzz     *fuzz,
              GString  *data,
              Mutation  mutation)
{
  switch (mutation)
    {
    case MUTATE_TRUNCATE:
      g_string_truncate (data, pick (fuzz, (guint) data->len + 1));
      break;
    case MUTATE_RANDOM_BYTES:
      for (guint i = 1 + pick (fuzz, 8); i > 0 && data->len > 0; i--)
        data->str[pick (fuzz, (guint) data->len)] = (char) pick (fuzz, 256);
      break;
    case MUTATE_NUL:
      for (guint i = 1 + pick (fuzz, 3); i > 0; i--)
        g_string_insert_c (data, pick (fuzz, (guint) data->len + 1), '\0');
      break;
    case MUTATE_INVALID_UTF8:
      g_string_insert (data, pick (fuzz, (guint) data->len + 1),
                       invalid_utf8[pick (fuzz, G_N_ELEMENTS (invalid_utf8))]);
      break;
    case MUTATE_UTF16_BOM:
      to_utf16 (fuzz, data, TRUE);
      break;
    case MUTATE_UTF16:
      to_utf16 (fuzz, data, FALSE);
      break;
    case MUTATE_STRAY_QUOTE:
      {
        /* Inside an unquoted field: after its first character. */
        gsize at = pick_boundary (fuzz, data);

        g_string_insert_c (data, MIN (at + 1, data->len), '"');
      }
      break;
    case MUTATE_UNTERMINATED_QUOTE:
      if (pick (fuzz, 2) == 0)
        g_string_append (data, "\"never closed,");
      else
        g_string_insert_c (data, pick_boundary (fuzz, data), '"');
      break;
    case MUTATE_LONE_CR:
      for (gsize i = 0; i < data->len; i++)
        if (data->str[i] == '\n' && pick (fuzz, 2) == 0)
          data->str[i] = '\r';
      break;
    case MUTATE_LONG_LINE:
      {
        g_autofree char *line = g_strnfill (200000, pick (fuzz, 2) == 0 ? 'y' : ' ');

        g_string_insert (data, pick_boundary (fuzz, data), line);
      }
      break;
    case MUTATE_NONE:
    case MUTATE_HUGE_FIELD:
    case MUTATE_MANY_COLUMNS:
    case MUTATE_NUMBER:
    case MUTATE_FORMULA:
    case MUTATE_DATE:
    case MUTATE_DUPLICATE_HEADER:
    case MUTATE_EMPTY_HEADER:
    case MUTATE_LINES:
    case MUTATE_STACKED:
    case N_MUTATIONS:
    default:
      break;
    }
}

/* The large mutations cost milliseconds each; one case in 40 is one. */
static Mutation
pick_mutation (Fuzz     *fuzz,
               gboolean  cheap_only)
{
  static const Mutation large[] = { MUTATE_HUGE_FIELD, MUTATE_MANY_COLUMNS, MUTATE_LONG_LINE };
  Mutation mutation;

  if (!cheap_only && pick (fuzz, 40) == 0)
    return large[pick (fuzz, G_N_ELEMENTS (large))];

  do
    mutation = (Mutation) pick (fuzz, N_MUTATIONS);
  while (mutation == MUTATE_HUGE_FIELD || mutation == MUTATE_MANY_COLUMNS ||
         mutation == MUTATE_LONG_LINE || (cheap_only && mutation == MUTATE_STACKED));

  return mutation;
}

static GString *
make_case (Fuzz       *fuzz,
           const Seed *seed)
{
  g_autoptr(GPtrArray) rows = split_seed (seed->csv);
  Mutation *mutations = fuzz->current;
  GString *data;

  mutations[0] = pick_mutation (fuzz, FALSE);
  mutations[1] = mutations[2] = MUTATE_NONE;

  fuzz->stacked = mutations[0] == MUTATE_STACKED;
  if (fuzz->stacked)
    {
      mutations[0] = pick_mutation (fuzz, TRUE);
      mutations[1] = pick_mutation (fuzz, TRUE);
      mutations[2] = pick_mutation (fuzz, TRUE);
    }

  g_string_truncate (fuzz->mutations, 0);
  for (guint i = 0; i < G_N_ELEMENTS (fuzz->current); i++)
    {
      if (i > 0 && mutations[i] == MUTATE_NONE)
        continue;
      if (i > 0)
        g_string_append_c (fuzz->mutations, '+');
      g_string_append (fuzz->mutations, mutation_names[mutations[i]]);
    }

  for (guint i = 0; i < G_N_ELEMENTS (fuzz->current); i++)
    mutate_fields (fuzz, rows, mutations[i]);

  data = join_rows (rows, pick (fuzz, 4) == 0);
  if (pick (fuzz, 8) == 0)
    g_string_prepend (data, "\xef\xbb\xbf");

  /* Byte mutations that remake the whole file go last. */
  for (guint i = 0; i < G_N_ELEMENTS (fuzz->current); i++)
    if (mutations[i] != MUTATE_UTF16 && mutations[i] != MUTATE_UTF16_BOM)
      mutate_bytes (fuzz, data, mutations[i]);
  for (guint i = 0; i < G_N_ELEMENTS (fuzz->current); i++)
    if (mutations[i] == MUTATE_UTF16 || mutations[i] == MUTATE_UTF16_BOM)
      mutate_bytes (fuzz, data, mutations[i]);

  return data;
}

/* The names of every table, for the checks below. */
static GPtrArray *
list_tables (CmDb *db)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) tables = NULL;
  int rc;

  tables = cm_db_prepare (db, "SELECT name FROM sqlite_master WHERE type = 'table'"
                              " AND name NOT LIKE 'sqlite_%' ORDER BY name", &error);
  g_assert_no_error (error);

  while ((rc = sqlite3_step (tables)) == SQLITE_ROW)
    g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (tables, 0)));
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  g_assert_cmpuint (names->len, >, 0);

  return names;
}

/* One statement counting the rows of every table: cheap enough to run
 * for every case. */
static sqlite3_stmt *
prepare_row_counts (CmDb *db)
{
  g_autoptr(GPtrArray) tables = list_tables (db);
  g_autoptr(GString) sql = g_string_new ("SELECT ''");
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;

  for (guint t = 0; t < tables->len; t++)
    g_string_append_printf (sql, " || ' %s=' || (SELECT count(*) FROM \"%s\")",
                            (const char *) tables->pdata[t], (const char *) tables->pdata[t]);

  stmt = cm_db_prepare (db, sql->str, &error);
  g_assert_no_error (error);
  return stmt;
}

static char *
row_counts (sqlite3_stmt *stmt)
{
  char *counts;

  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  counts = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return counts;
}

/* A checksum of every value of every table, in row order. */
static char *
checksum (CmDb *db)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GPtrArray) tables = list_tables (db);
  g_autoptr(GString) buffer = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  for (guint t = 0; t < tables->len; t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\" ORDER BY rowid",
                                              (const char *) tables->pdata[t]);
      g_autoptr(sqlite3_stmt) rows = cm_db_prepare (db, sql, &error);
      int rc;

      g_assert_no_error (error);
      g_string_assign (buffer, tables->pdata[t]);

      while ((rc = sqlite3_step (rows)) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (rows); c++)
            {
              int type = sqlite3_column_type (rows, c);

              g_string_append_c (buffer, (char) type);
              if (type == SQLITE_INTEGER)
                {
                  gint64 value = sqlite3_column_int64 (rows, c);

                  g_string_append_len (buffer, (const char *) &value, sizeof value);
                }
              else if (type != SQLITE_NULL)
                g_string_append_len (buffer, sqlite3_column_blob (rows, c), sqlite3_column_bytes (rows, c));
              g_string_append_c (buffer, '\x1f');
            }
          g_string_append_c (buffer, '\x1e');
        }
      g_assert_cmpint (rc, ==, SQLITE_DONE);
      g_checksum_update (sum, (const guchar *) buffer->str, (gssize) buffer->len);
    }

  return g_strdup (g_checksum_get_string (sum));
}

static void
fail_case (Fuzz       *fuzz,
           const char *what,
           const char *detail)
{
  g_test_message ("case %u (seed %u, kind %s, mutation %s): %s: %s",
                  fuzz->index, fuzz->seed, fuzz->kind, fuzz->mutations->str,
                  what, detail != NULL ? detail : "");
  g_test_fail ();
}

/* The message names the file and line: "fuzz-KIND.csv:LINE: …". */
static gboolean
says_where (const char *message,
            const char *file)
{
  gsize len = strlen (file);
  const char *p;

  if (strncmp (message, file, len) != 0 || message[len] != ':')
    return FALSE;

  p = message + len + 1;
  if (!g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    p++;

  return *p == ':';
}

static void
check_error (Fuzz         *fuzz,
             const char   *file,
             const GError *error)
{
  if (error == NULL)
    {
      fail_case (fuzz, "failed without an error", NULL);
      return;
    }

  if (error->domain != CM_IMPORT_ERROR ||
      (error->code != CM_IMPORT_ERROR_HEADER && error->code != CM_IMPORT_ERROR_ROW &&
       error->code != CM_IMPORT_ERROR_DATABASE))
    {
      fail_case (fuzz, "unexpected kind of error", error->message);
      return;
    }

  if (error->message == NULL || *error->message == '\0')
    fail_case (fuzz, "empty message", NULL);
  else if (!g_utf8_validate (error->message, -1, NULL))
    fail_case (fuzz, "message is not UTF-8", NULL);
  else if (!says_where (error->message, file))
    fail_case (fuzz, "message does not say where", error->message);
  else if (strlen (error->message) > MAX_MESSAGE)
    fail_case (fuzz, "message too long to show", NULL);
}

static guint
env_uint (const char *name,
          guint       fallback)
{
  const char *value = g_getenv (name);
  guint64 parsed = 0;

  if (value == NULL || *value == '\0')
    return fallback;

  if (!g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT, &parsed, NULL))
    g_error ("%s must be a whole number, not “%s”", name, value);

  return (guint) parsed;
}

static void
test_fuzz_import (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autofree char *path = NULL;
  g_autofree char *sum = NULL;
  g_autofree char *counts = NULL;
  sqlite3_stmt *count_rows = NULL;
  const char * const *kinds = cm_import_kinds ();
  guint n_kinds = g_strv_length ((char **) kinds);
  g_autofree Seed *seeds = g_new0 (Seed, n_kinds);
  guint tried[N_MUTATIONS] = { 0 };
  guint n_failed = 0;
  guint n_dry = 0;
  Fuzz fuzz = { 0 };

  fuzz.seed = env_uint ("COMMISSIONER_FUZZ_SEED", DEFAULT_SEED);
  fuzz.n_cases = env_uint ("COMMISSIONER_FUZZ_CASES", DEFAULT_CASES);
  fuzz.rand = g_rand_new_with_seed (fuzz.seed);
  fuzz.mutations = g_string_new (NULL);
  g_test_message ("seed %u, %u cases (COMMISSIONER_FUZZ_SEED=%u replays this run)",
                  fuzz.seed, fuzz.n_cases, fuzz.seed);

  /* Every kind has a seed. */
  for (guint k = 0; k < n_kinds; k++)
    {
      g_autofree char *name = g_strconcat (kinds[k], ".csv", NULL);
      g_autofree char *seed_path = g_test_build_filename (G_TEST_DIST, "import-seeds", name, NULL);

      seeds[k].kind = kinds[k];
      g_assert_true (g_file_get_contents (seed_path, &seeds[k].csv, NULL, &error));
      g_assert_no_error (error);
    }

  fuzz.dir = cm_test_make_temp_dir ("cm-test-fuzz-XXXXXX");
  path = g_build_filename (fuzz.dir, "fuzz.db", NULL);
  fuzz.db = cm_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (cm_demo_load (fuzz.db, &error));
  g_assert_no_error (error);

  count_rows = prepare_row_counts (fuzz.db);

  /* Every seed is valid as it stands, so mutations start from a file
   * that gets as far as storing rows. A dry run leaves the example data
   * as it is for the cases. */
  sum = checksum (fuzz.db);
  for (guint k = 0; k < n_kinds; k++)
    {
      CmImportResult result = { 0 };

      if (!cm_import_data (fuzz.db, seeds[k].kind, "seed.csv", seeds[k].csv, strlen (seeds[k].csv),
                           TRUE, &result, NULL, &error))
        g_error ("the %s seed does not import: %s", seeds[k].kind, error->message);
      g_assert_cmpuint (result.rows, ==, 2);
      cm_import_result_clear (&result);
    }
  {
    g_autofree char *after = checksum (fuzz.db);

    g_assert_cmpstr (after, ==, sum);
  }

  for (fuzz.index = 0; fuzz.index < fuzz.n_cases; fuzz.index++)
    {
      const Seed *seed = &seeds[pick (&fuzz, n_kinds)];
      g_autoptr(GString) data = NULL;
      g_autofree char *file = g_strdup_printf ("fuzz-%s.csv", seed->kind);
      g_autofree char *counts_after = NULL;
      g_autoptr(GError) import_error = NULL;
      CmImportResult result = { 0 };
      gboolean full_check = fuzz.index % CHECKSUM_EVERY == 0 || fuzz.index + 1 == fuzz.n_cases;
      gboolean dry_run = pick (&fuzz, 8) == 0;
      gboolean ok;

      fuzz.kind = seed->kind;
      data = make_case (&fuzz, seed);
      tried[MUTATE_STACKED] += fuzz.stacked;
      for (guint i = 0; i < G_N_ELEMENTS (fuzz.current); i++)
        if (i == 0 || fuzz.current[i] != MUTATE_NONE)
          tried[fuzz.current[i]]++;

      if (counts == NULL)
        counts = row_counts (count_rows);
      if (full_check && sum == NULL)
        sum = checksum (fuzz.db);

      ok = cm_import_data (fuzz.db, seed->kind, file, data->str, data->len, dry_run,
                           &result, NULL, &import_error);
      cm_import_result_clear (&result);
      counts_after = row_counts (count_rows);

      if (!ok)
        {
          n_failed++;
          check_error (&fuzz, file, import_error);
        }
      else if (import_error != NULL)
        fail_case (&fuzz, "succeeded with an error set", import_error->message);
      n_dry += dry_run;

      /* A failed import or a dry run changes nothing. */
      if (!ok || dry_run)
        {
          if (g_strcmp0 (counts, counts_after) != 0)
            fail_case (&fuzz, "rows changed", counts_after);

          if (full_check)
            {
              g_autofree char *after = checksum (fuzz.db);

              if (g_strcmp0 (sum, after) != 0)
                fail_case (&fuzz, "stored values changed", NULL);
            }
        }
      else
        g_clear_pointer (&sum, g_free);
      g_free (counts);
      counts = g_steal_pointer (&counts_after);

      if (g_test_failed ())
        {
          g_autofree char *dump = g_build_filename (g_get_tmp_dir (), "commissioner-fuzz-case.csv", NULL);

          g_file_set_contents (dump, data->str, (gssize) data->len, NULL);
          g_test_message ("the file of case %u is in %s", fuzz.index, dump);
          break;
        }
    }

  g_test_message ("%u cases in %.1f s: %u refused, %u dry runs",
                  fuzz.index, g_timer_elapsed (timer, NULL), n_failed, n_dry);
  for (guint m = 0; m < N_MUTATIONS; m++)
    g_test_message ("  %s: %u", mutation_names[m], tried[m]);

  /* Every mutation was tried; most files are refused, some are not. */
  if (!g_test_failed () && fuzz.n_cases >= DEFAULT_CASES)
    {
      for (guint m = 0; m < N_MUTATIONS; m++)
        g_assert_cmpuint (tried[m], >, 0);
      g_assert_cmpuint (n_failed, >, fuzz.n_cases / 2);
      g_assert_cmpuint (n_failed, <, fuzz.n_cases);
    }

  sqlite3_finalize (count_rows);
  for (guint k = 0; k < n_kinds; k++)
    g_free (seeds[k].csv);
  g_clear_object (&fuzz.db);
  cm_test_remove_tree (fuzz.dir);
  g_free (fuzz.dir);
  g_rand_free (fuzz.rand);
  g_string_free (fuzz.mutations, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/fuzz/import", test_fuzz_import);

  return g_test_run ();
}
