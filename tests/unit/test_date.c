/* test_date.c -- dates as lists write them, into the canonical form. */
#include "testutil.h"

static void test_forms(void **state)
{
    (void)state;
    static const struct { const char *in, *want; } cases[] = {
        {"1979", "1979"},
        {"1979-04", "1979-04"},
        {"1979-04-05", "1979-04-05"},
        {"1979/04/05", "1979-04-05"},
        {"05 Apr 1979", "1979-04-05"},
        {"5 April 1979", "1979-04-05"},
        {"April 5, 1979", "1979-04-05"},
        {"Apr 1979", "1979-04"},
        {"Apr. 1979", "1979-04"},
        {"5.4.1979", "1979-04-05"},
        {"05.04.1979", "1979-04-05"},
        {"04.1979", "1979-04"},
        {"05/04/1979", "1979-04-05"},     /* day first */
        {"04/25/1979", "1979-04-25"},     /* the second number is no month */
        {"circa 1978", "~1978"},
        {"c. 1978", "~1978"},
        {"ca. 1978", "~1978"},
        {"approximately 1978", "~1978"},
        {"~1978", "~1978"},
        {"alt. DOB 12 Apr 1978", "1978-04-12"},
        {"DOB 05 Apr 1979", "1979-04-05"},
        {"DOB circa 1978", "~1978"},
        {"born 1961", "1961"},
        {"1960 to 1962", "1960..1962"},
        {"1960-1962", "1960..1962"},
        {"between 1960 and 1962", "1960..1962"},
        {"1960..1962", "1960..1962"},
        {"5 апреля 1979", "1979-04-05"},
        {"12 АПРЕЛЯ 1978 г.", "1978-04-12"},
        {"14 juillet 1975", "1975-07-14"},
        {"3 März 1980", "1980-03-03"},
        {"29 Feb 2000", "2000-02-29"},
        {"19790405", "1979-04-05"},
        {"1979-00-00", "1979"},
        {"00.04.1979", "1979-04"},
        {"1979.", "1979"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ng_date d;
        char buf[32];
        if (ng_date_parse(cases[i].in, &d) != NG_OK) fail_msg("\"%s\" not read", cases[i].in);
        ng_date_format(&d, buf, sizeof buf);
        if (strcmp(buf, cases[i].want))
            fail_msg("\"%s\" read as %s, want %s", cases[i].in, buf, cases[i].want);
    }
}

static void test_not_dates(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "", "unknown", "31 Feb 1979", "29 Feb 1999", "1979-13", "1979-04-31", "32.01.1979",
        "1700", "2500", "1962 to 1960", "Apr", "05 Foo 1979", "12345", "1979-04-05-06",
        "Moscow, Russia", "1979 1980 1981",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ng_date d;
        if (ng_date_parse(bad[i], &d) == NG_OK) {
            char buf[32];
            fail_msg("\"%s\" read as %s", bad[i], ng_date_format(&d, buf, sizeof buf));
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_forms),
        cmocka_unit_test(test_not_dates),
    };
    return cmocka_run_group_tests_name("date", tests, NULL, NULL);
}
