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
    };
    return cmocka_run_group_tests_name("record", tests, NULL, NULL);
}
