/* test_record.c -- the record: values, trimming, duplicates, dates. */
#include "testutil.h"

static void test_values(void **state)
{
    (void)state;
    ng_record *r = ng_record_new();
    assert_non_null(r);
    assert_string_equal(ng_record_id(r), "");
    assert_string_equal(ng_record_schema(r), "Person");
    assert_int_equal(ng_record_set_id(r, "26171"), NG_OK);
    assert_int_equal(ng_record_add(r, "name", "  CHEPIGA, Anatoliy Vladimirovich \t", NULL), NG_OK);
    assert_int_equal(ng_record_add(r, "alias", "BOSHIROV, Ruslan", NULL), NG_OK);
    assert_int_equal(ng_record_add(r, "alias", "BOSHIROV, Ruslan", NULL), NG_OK); /* again */
    assert_int_equal(ng_record_add(r, "alias", "   ", NULL), NG_OK);              /* empty */
    assert_int_equal(ng_record_add(r, "passportNumber", "100135556", "Russia"), NG_OK);
    assert_int_equal(ng_record_add(r, "myOwnProperty", "kept", NULL), NG_OK);
    assert_int_equal(ng_record_count(r), 4);
    const ng_value *v = ng_record_value(r, 0);
    assert_string_equal(v->prop, "name");
    assert_string_equal(v->value, "CHEPIGA, Anatoliy Vladimirovich");
    assert_null(v->qual);
    v = ng_record_value(r, 2);
    assert_string_equal(v->value, "100135556");
    assert_string_equal(v->qual, "Russia");
    assert_string_equal(ng_record_value(r, 3)->prop, "myOwnProperty");
    assert_null(ng_record_value(r, 4));
    assert_string_equal(ng_record_first(r, "alias"), "BOSHIROV, Ruslan");
    assert_null(ng_record_first(r, "email"));
    /* bad text is refused and changes nothing */
    assert_int_equal(ng_record_add(r, "name", "bad \xff byte", NULL), NG_EUTF8);
    assert_int_equal(ng_record_count(r), 4);
    ng_record_clear(r);
    assert_int_equal(ng_record_count(r), 0);
    assert_string_equal(ng_record_id(r), "");
    ng_record_free(r);
}

static void test_many_values(void **state)
{
    (void)state;
    ng_record *r = ng_record_new();
    char buf[32];
    for (int i = 0; i < 1000; i++) {
        snprintf(buf, sizeof buf, "alias %d", i);
        assert_int_equal(ng_record_add(r, "alias", buf, NULL), NG_OK);
    }
    assert_int_equal(ng_record_count(r), 1000);
    assert_string_equal(ng_record_value(r, 999)->value, "alias 999");
    assert_string_equal(ng_record_value(r, 0)->value, "alias 0");
    ng_record_free(r);
}

/* A copy holds the same values (any property, qualifiers) and lives on
 * its own: the original cleared and refilled, the copy grown. */
static void test_copy(void **state)
{
    (void)state;
    ng_record *r = ng_record_new();
    assert_int_equal(ng_record_set_id(r, "x1"), NG_OK);
    ng_record_set_line(r, 42);
    assert_int_equal(ng_record_add(r, "name", "  Сергей Лавров ", NULL), NG_OK);
    assert_int_equal(ng_record_add(r, "passportNumber", "100200300", "RU"), NG_OK);
    assert_int_equal(ng_record_add(r, "someOtherProp", "v", NULL), NG_OK);
    ng_record *c = ng_record_copy(r);
    assert_non_null(c);
    ng_record_clear(r);
    assert_int_equal(ng_record_set_id(r, "x2"), NG_OK);
    assert_int_equal(ng_record_add(r, "name", "Other Person", NULL), NG_OK);
    assert_string_equal(ng_record_id(c), "x1");
    assert_string_equal(ng_record_schema(c), "Person");
    assert_int_equal(ng_record_line(c), 42);
    assert_int_equal(ng_record_count(c), 3);
    assert_string_equal(ng_record_value(c, 0)->value, "Сергей Лавров");
    assert_string_equal(ng_record_value(c, 1)->prop, "passportNumber");
    assert_string_equal(ng_record_value(c, 1)->qual, "RU");
    assert_null(ng_record_value(c, 0)->qual);
    assert_string_equal(ng_record_value(c, 2)->prop, "someOtherProp");
    /* a value already held adds nothing; a new one is added */
    assert_int_equal(ng_record_add(c, "name", "Сергей Лавров", NULL), NG_OK);
    assert_int_equal(ng_record_count(c), 3);
    for (int i = 0; i < 40; i++) {
        char v[16];
        snprintf(v, sizeof v, "alias %d", i);
        assert_int_equal(ng_record_add(c, "alias", v, NULL), NG_OK);
    }
    assert_int_equal(ng_record_count(c), 43);
    assert_string_equal(ng_record_first(c, "someOtherProp"), "v");
    assert_string_equal(ng_record_value(c, 42)->value, "alias 39");
    ng_record *e = ng_record_new(), *ce = ng_record_copy(e);
    assert_non_null(ce);
    assert_int_equal(ng_record_count(ce), 0);
    assert_string_equal(ng_record_id(ce), "");
    ng_record_free(e);
    ng_record_free(ce);
    ng_record_free(c);
    ng_record_free(r);
}

static void test_dates(void **state)
{
    (void)state;
    ng_record *r = ng_record_new();
    assert_int_equal(ng_record_add_date(r, "birthDate", "05 Apr 1979; alt. DOB 12 Apr 1978"), NG_OK);
    assert_int_equal(ng_record_add_date(r, "birthDate", "sometime in spring"), NG_OK);
    assert_int_equal(ng_record_count(r), 3);
    assert_string_equal(ng_record_value(r, 0)->value, "1979-04-05");
    assert_string_equal(ng_record_value(r, 1)->value, "1978-04-12");
    assert_string_equal(ng_record_value(r, 2)->prop, "birthDateText");
    assert_string_equal(ng_record_value(r, 2)->value, "sometime in spring");
    ng_record_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_values),
        cmocka_unit_test(test_many_values),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_copy),
    };
    return cmocka_run_group_tests_name("record", tests, NULL, NULL);
}
