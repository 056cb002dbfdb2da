/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "qiao-core"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "qiao-catalog-private.h"
#include "qiao-country-private.h"

/* ISO 3166-1 alpha-2 codes with their English short names, as in the
 * iso-codes project (whose "iso_3166-1" gettext domain translates them).
 * Sorted by code: looked up by binary search. */
typedef struct
{
  const char *code;
  const char *name;
} Country;

static const Country countries[] = {
  { "AD", "Andorra" },
  { "AE", "United Arab Emirates" },
  { "AF", "Afghanistan" },
  { "AG", "Antigua and Barbuda" },
  { "AI", "Anguilla" },
  { "AL", "Albania" },
  { "AM", "Armenia" },
  { "AO", "Angola" },
  { "AQ", "Antarctica" },
  { "AR", "Argentina" },
  { "AS", "American Samoa" },
  { "AT", "Austria" },
  { "AU", "Australia" },
  { "AW", "Aruba" },
  { "AX", "Åland Islands" },
  { "AZ", "Azerbaijan" },
  { "BA", "Bosnia and Herzegovina" },
  { "BB", "Barbados" },
  { "BD", "Bangladesh" },
  { "BE", "Belgium" },
  { "BF", "Burkina Faso" },
  { "BG", "Bulgaria" },
  { "BH", "Bahrain" },
  { "BI", "Burundi" },
  { "BJ", "Benin" },
  { "BL", "Saint Barthélemy" },
  { "BM", "Bermuda" },
  { "BN", "Brunei Darussalam" },
  { "BO", "Bolivia, Plurinational State of" },
  { "BQ", "Bonaire, Sint Eustatius and Saba" },
  { "BR", "Brazil" },
  { "BS", "Bahamas" },
  { "BT", "Bhutan" },
  { "BV", "Bouvet Island" },
  { "BW", "Botswana" },
  { "BY", "Belarus" },
  { "BZ", "Belize" },
  { "CA", "Canada" },
  { "CC", "Cocos (Keeling) Islands" },
  { "CD", "Congo, The Democratic Republic of the" },
  { "CF", "Central African Republic" },
  { "CG", "Congo" },
  { "CH", "Switzerland" },
  { "CI", "Côte d'Ivoire" },
  { "CK", "Cook Islands" },
  { "CL", "Chile" },
  { "CM", "Cameroon" },
  { "CN", "China" },
  { "CO", "Colombia" },
  { "CR", "Costa Rica" },
  { "CU", "Cuba" },
  { "CV", "Cabo Verde" },
  { "CW", "Curaçao" },
  { "CX", "Christmas Island" },
  { "CY", "Cyprus" },
  { "CZ", "Czechia" },
  { "DE", "Germany" },
  { "DJ", "Djibouti" },
  { "DK", "Denmark" },
  { "DM", "Dominica" },
  { "DO", "Dominican Republic" },
  { "DZ", "Algeria" },
  { "EC", "Ecuador" },
  { "EE", "Estonia" },
  { "EG", "Egypt" },
  { "EH", "Western Sahara" },
  { "ER", "Eritrea" },
  { "ES", "Spain" },
  { "ET", "Ethiopia" },
  { "FI", "Finland" },
  { "FJ", "Fiji" },
  { "FK", "Falkland Islands (Malvinas)" },
  { "FM", "Micronesia, Federated States of" },
  { "FO", "Faroe Islands" },
  { "FR", "France" },
  { "GA", "Gabon" },
  { "GB", "United Kingdom" },
  { "GD", "Grenada" },
  { "GE", "Georgia" },
  { "GF", "French Guiana" },
  { "GG", "Guernsey" },
  { "GH", "Ghana" },
  { "GI", "Gibraltar" },
  { "GL", "Greenland" },
  { "GM", "Gambia" },
  { "GN", "Guinea" },
  { "GP", "Guadeloupe" },
  { "GQ", "Equatorial Guinea" },
  { "GR", "Greece" },
  { "GS", "South Georgia and the South Sandwich Islands" },
  { "GT", "Guatemala" },
  { "GU", "Guam" },
  { "GW", "Guinea-Bissau" },
  { "GY", "Guyana" },
  { "HK", "Hong Kong" },
  { "HM", "Heard Island and McDonald Islands" },
  { "HN", "Honduras" },
  { "HR", "Croatia" },
  { "HT", "Haiti" },
  { "HU", "Hungary" },
  { "ID", "Indonesia" },
  { "IE", "Ireland" },
  { "IL", "Israel" },
  { "IM", "Isle of Man" },
  { "IN", "India" },
  { "IO", "British Indian Ocean Territory" },
  { "IQ", "Iraq" },
  { "IR", "Iran, Islamic Republic of" },
  { "IS", "Iceland" },
  { "IT", "Italy" },
  { "JE", "Jersey" },
  { "JM", "Jamaica" },
  { "JO", "Jordan" },
  { "JP", "Japan" },
  { "KE", "Kenya" },
  { "KG", "Kyrgyzstan" },
  { "KH", "Cambodia" },
  { "KI", "Kiribati" },
  { "KM", "Comoros" },
  { "KN", "Saint Kitts and Nevis" },
  { "KP", "Korea, Democratic People's Republic of" },
  { "KR", "Korea, Republic of" },
  { "KW", "Kuwait" },
  { "KY", "Cayman Islands" },
  { "KZ", "Kazakhstan" },
  { "LA", "Lao People's Democratic Republic" },
  { "LB", "Lebanon" },
  { "LC", "Saint Lucia" },
  { "LI", "Liechtenstein" },
  { "LK", "Sri Lanka" },
  { "LR", "Liberia" },
  { "LS", "Lesotho" },
  { "LT", "Lithuania" },
  { "LU", "Luxembourg" },
  { "LV", "Latvia" },
  { "LY", "Libya" },
  { "MA", "Morocco" },
  { "MC", "Monaco" },
  { "MD", "Moldova, Republic of" },
  { "ME", "Montenegro" },
  { "MF", "Saint Martin (French part)" },
  { "MG", "Madagascar" },
  { "MH", "Marshall Islands" },
  { "MK", "North Macedonia" },
  { "ML", "Mali" },
  { "MM", "Myanmar" },
  { "MN", "Mongolia" },
  { "MO", "Macao" },
  { "MP", "Northern Mariana Islands" },
  { "MQ", "Martinique" },
  { "MR", "Mauritania" },
  { "MS", "Montserrat" },
  { "MT", "Malta" },
  { "MU", "Mauritius" },
  { "MV", "Maldives" },
  { "MW", "Malawi" },
  { "MX", "Mexico" },
  { "MY", "Malaysia" },
  { "MZ", "Mozambique" },
  { "NA", "Namibia" },
  { "NC", "New Caledonia" },
  { "NE", "Niger" },
  { "NF", "Norfolk Island" },
  { "NG", "Nigeria" },
  { "NI", "Nicaragua" },
  { "NL", "Netherlands" },
  { "NO", "Norway" },
  { "NP", "Nepal" },
  { "NR", "Nauru" },
  { "NU", "Niue" },
  { "NZ", "New Zealand" },
  { "OM", "Oman" },
  { "PA", "Panama" },
  { "PE", "Peru" },
  { "PF", "French Polynesia" },
  { "PG", "Papua New Guinea" },
  { "PH", "Philippines" },
  { "PK", "Pakistan" },
  { "PL", "Poland" },
  { "PM", "Saint Pierre and Miquelon" },
  { "PN", "Pitcairn" },
  { "PR", "Puerto Rico" },
  { "PS", "Palestine, State of" },
  { "PT", "Portugal" },
  { "PW", "Palau" },
  { "PY", "Paraguay" },
  { "QA", "Qatar" },
  { "RE", "Réunion" },
  { "RO", "Romania" },
  { "RS", "Serbia" },
  { "RU", "Russian Federation" },
  { "RW", "Rwanda" },
  { "SA", "Saudi Arabia" },
  { "SB", "Solomon Islands" },
  { "SC", "Seychelles" },
  { "SD", "Sudan" },
  { "SE", "Sweden" },
  { "SG", "Singapore" },
  { "SH", "Saint Helena, Ascension and Tristan da Cunha" },
  { "SI", "Slovenia" },
  { "SJ", "Svalbard and Jan Mayen" },
  { "SK", "Slovakia" },
  { "SL", "Sierra Leone" },
  { "SM", "San Marino" },
  { "SN", "Senegal" },
  { "SO", "Somalia" },
  { "SR", "Suriname" },
  { "SS", "South Sudan" },
  { "ST", "Sao Tome and Principe" },
  { "SV", "El Salvador" },
  { "SX", "Sint Maarten (Dutch part)" },
  { "SY", "Syrian Arab Republic" },
  { "SZ", "Eswatini" },
  { "TC", "Turks and Caicos Islands" },
  { "TD", "Chad" },
  { "TF", "French Southern Territories" },
  { "TG", "Togo" },
  { "TH", "Thailand" },
  { "TJ", "Tajikistan" },
  { "TK", "Tokelau" },
  { "TL", "Timor-Leste" },
  { "TM", "Turkmenistan" },
  { "TN", "Tunisia" },
  { "TO", "Tonga" },
  { "TR", "Türkiye" },
  { "TT", "Trinidad and Tobago" },
  { "TV", "Tuvalu" },
  { "TW", "Taiwan, Province of China" },
  { "TZ", "Tanzania, United Republic of" },
  { "UA", "Ukraine" },
  { "UG", "Uganda" },
  { "UM", "United States Minor Outlying Islands" },
  { "US", "United States" },
  { "UY", "Uruguay" },
  { "UZ", "Uzbekistan" },
  { "VA", "Holy See (Vatican City State)" },
  { "VC", "Saint Vincent and the Grenadines" },
  { "VE", "Venezuela, Bolivarian Republic of" },
  { "VG", "Virgin Islands, British" },
  { "VI", "Virgin Islands, U.S." },
  { "VN", "Viet Nam" },
  { "VU", "Vanuatu" },
  { "WF", "Wallis and Futuna" },
  { "WS", "Samoa" },
  { "YE", "Yemen" },
  { "YT", "Mayotte" },
  { "ZA", "South Africa" },
  { "ZM", "Zambia" },
  { "ZW", "Zimbabwe" },
};

static const char *country_codes[G_N_ELEMENTS (countries) + 1];

static int
compare_country (const void *key,
                 const void *element)
{
  return strcmp (key, ((const Country *) element)->code);
}

static const Country *
find_country (const char *code)
{
  if (code == NULL || strlen (code) != 2)
    return NULL;
  return bsearch (code, countries, G_N_ELEMENTS (countries), sizeof (Country),
                  compare_country);
}

/**
 * qiao_country_is_valid:
 * @code: (nullable): a two-letter code such as "RU"
 *
 * Returns: whether @code is an ISO 3166-1 alpha-2 country code (upper case)
 */
gboolean
qiao_country_is_valid (const char *code)
{
  return find_country (code) != NULL;
}

/**
 * qiao_country_get_name:
 * @code: an ISO 3166-1 alpha-2 code
 *
 * Returns: (nullable): the country's name in the interface language when the
 *   iso-codes translations are installed, else in English; %NULL for an
 *   unknown code
 */
const char *
qiao_country_get_name (const char *code)
{
  const Country *country = find_country (code);

  if (country == NULL)
    return NULL;
  return g_dgettext ("iso_3166-1", country->name);
}

/**
 * qiao_country_get_codes:
 * @n_codes: (out) (optional): the number of codes
 *
 * Returns: (transfer none): the %NULL-terminated, sorted country codes
 */
const char *const *
qiao_country_get_codes (guint *n_codes)
{
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      for (gsize i = 0; i < G_N_ELEMENTS (countries); i++)
        country_codes[i] = countries[i].code;
      g_once_init_leave (&initialised, 1);
    }
  if (n_codes != NULL)
    *n_codes = G_N_ELEMENTS (countries);
  return country_codes;
}

/* Names people use that are not the ISO short name or its translation
 * (“Россия” beside “Российская Федерация”). */
typedef struct
{
  const char *code;
  const char *names;   /* separated by “|” */
} CountryAlias;

static const CountryAlias country_aliases[] = {
  { "RU", "Russia|Россия|РФ|俄罗斯联邦|俄国" },
  { "CN", "PRC|КНР|中华人民共和国" },
  { "US", "USA|United States of America|США|美利坚合众国" },
  { "GB", "UK|Great Britain|Britain|Великобритания|英国" },
  { "KR", "South Korea|Korea|Южная Корея|Корея|韩国|南韩" },
  { "KP", "North Korea|КНДР|Северная Корея|朝鲜" },
  { "VN", "Vietnam" },
  { "TW", "Taiwan|Тайвань|台湾" },
  { "IR", "Iran|Иран|伊朗" },
  { "MD", "Moldova|Молдова|Молдавия|摩尔多瓦" },
  { "LA", "Laos|Лаос|老挝" },
  { "SY", "Syria|Сирия|叙利亚" },
  { "TZ", "Tanzania|Танзания" },
  { "VE", "Venezuela|Венесуэла" },
  { "BO", "Bolivia|Боливия" },
  { "CZ", "Czech Republic|Чехия|捷克" },
};

static GHashTable *country_words;   /* folded name → code */

static void
add_country_word (const char *name,
                  const char *code)
{
  g_autofree char *folded = NULL;

  if (name == NULL)
    return;
  folded = qiao_catalog_fold (name);
  if (folded[0] != '\0' && !g_hash_table_contains (country_words, folded))
    g_hash_table_insert (country_words, g_steal_pointer (&folded), (gpointer) code);
}

static void
build_country_words (void);

/* Builds the table of names once, whichever thread asks first. */
static void
ensure_country_words (void)
{
  static GMutex lock;

  g_mutex_lock (&lock);
  if (country_words == NULL)
    build_country_words ();
  g_mutex_unlock (&lock);
}

static void
build_country_words (void)
{
  country_words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (countries); i++)
    add_country_word (countries[i].name, countries[i].code);
  for (guint l = 0; l < QIAO_CATALOG_N_LANGUAGES; l++)
    for (gsize i = 0; i < G_N_ELEMENTS (countries); i++)
      add_country_word (qiao_catalog_translate ("iso_3166-1", qiao_catalog_languages[l], NULL,
                                                countries[i].name),
                        countries[i].code);
  for (gsize i = 0; i < G_N_ELEMENTS (countries); i++)
    add_country_word (g_dgettext ("iso_3166-1", countries[i].name), countries[i].code);
  for (gsize a = 0; a < G_N_ELEMENTS (country_aliases); a++)
    {
      g_auto(GStrv) names = g_strsplit (country_aliases[a].names, "|", -1);
      const Country *country = find_country (country_aliases[a].code);

      for (guint i = 0; names[i] != NULL; i++)
        add_country_word (names[i], country->code);
    }
}

/**
 * qiao_country_dup_words:
 * @code: an ISO 3166-1 alpha-2 code
 *
 * What a country picker matches what is typed against: the code and every
 * name qiao_country_parse() reads for the country (in Chinese, Russian,
 * English and the interface language, and the names people use), folded
 * as qiao_catalog_fold() folds, one per line.
 *
 * Returns: (transfer full): the words, empty for an unknown code
 */
char *
qiao_country_dup_words (const char *code)
{
  GString *words = g_string_new (NULL);
  const Country *country = find_country (code);
  GHashTableIter iter;
  gpointer key, value;

  if (country == NULL)
    return g_string_free (words, FALSE);
  ensure_country_words ();
  {
    g_autofree char *folded = qiao_catalog_fold (country->code);

    g_string_append (words, folded);
  }
  g_hash_table_iter_init (&iter, country_words);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_str_equal (value, country->code))
      g_string_append_printf (words, "\n%s", (const char *) key);
  return g_string_free (words, FALSE);
}

/**
 * qiao_country_parse:
 * @text: (nullable): a country as a person writes it
 *
 * Reads an ISO 3166-1 alpha-2 code in any case (“cn”), or a country's
 * name in Chinese, Russian or English whatever the interface language
 * (“中国”, “Китай”, “China”, “Россия”, “俄罗斯”).
 *
 * Returns: (transfer none) (nullable): the code (“CN”), or %NULL
 */
const char *
qiao_country_parse (const char *text)
{
  g_autofree char *stripped = NULL;
  g_autofree char *folded = NULL;
  const Country *country;
  const char *code;

  if (text == NULL)
    return NULL;
  stripped = g_strstrip (g_ascii_strup (text, -1));
  country = find_country (stripped);
  if (country != NULL)
    return country->code;
  ensure_country_words ();
  folded = qiao_catalog_fold (text);
  code = g_hash_table_lookup (country_words, folded);
  return code;
}
