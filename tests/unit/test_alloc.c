/* test_alloc.c -- allocation failure, injected in turn at every allocation
 * the library makes (linked with -Wl,--wrap=malloc,--wrap=calloc,
 * --wrap=realloc): creating an engine, parsing and comparing names must
 * fail cleanly with NG_ENOMEM (or succeed), never crash or leak (the
 * sanitizer build checks the leaks). */
#include "testutil.h"

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t m);
void *__real_realloc(void *p, size_t n);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t m);
void *__wrap_realloc(void *p, size_t n);

static long countdown = -1; /* allocations left before the failure; -1: never */
static long calls;

static int fail_now(void)
{
    calls++;
    if (countdown < 0) return 0;
    return countdown-- == 0;
}

void *__wrap_malloc(size_t n) { return fail_now() ? NULL : __real_malloc(n); }
void *__wrap_calloc(size_t n, size_t m) { return fail_now() ? NULL : __real_calloc(n, m); }
void *__wrap_realloc(void *p, size_t n) { return fail_now() ? NULL : __real_realloc(p, n); }

static void test_engine_new(void **state)
{
    (void)state;
    /* count the allocations of a successful creation, then fail each */
    countdown = -1;
    calls = 0;
    ng_engine *e = ng_engine_new(NULL);
    assert_non_null(e);
    ng_engine_free(e);
    long total = calls;
    assert_true(total > 10);
    /* every allocation up to the total, sampled to keep the test quick */
    long step = total > 400 ? total / 400 : 1;
    int failures = 0;
    for (long k = 0; k < total; k += step) {
        countdown = k;
        ng_status st = NG_OK;
        e = ng_engine_new(&st);
        countdown = -1;
        if (e) ng_engine_free(e);
        else {
            assert_int_equal(st, NG_ENOMEM);
            failures++;
        }
    }
    printf("# engine: %ld allocations, failure injected at %ld of them, %d failed cleanly\n",
           total, (total + step - 1) / step, failures);
    assert_true(failures > 0);
}

static void test_parse_compare(void **state)
{
    (void)state;
    countdown = -1;
    ng_engine *e = ng_engine_new(NULL);
    assert_non_null(e);
    static const char *const names[] = {"Сергей Викторович Лавров", "LAVROV, Sergey",
                                        "Col. N.A. van der Berg-Smith", "Jashn Saz, Seifollah"};
    for (size_t i = 0; i < 4; i++) {
        calls = 0;
        ng_name *n = NULL;
        assert_int_equal(ng_name_parse(e, names[i], (size_t)-1, &n), NG_OK);
        ng_name_free(n);
        /* a fresh engine each time, so that the token cache is cold */
        ng_engine_free(e);
        e = ng_engine_new(NULL);
        calls = 0;
        assert_int_equal(ng_name_parse(e, names[i], (size_t)-1, &n), NG_OK);
        ng_name_free(n);
        long total = calls;
        for (long k = 0; k < total; k++) {
            ng_engine_free(e);
            e = ng_engine_new(NULL);
            countdown = k;
            ng_status st = ng_name_parse(e, names[i], (size_t)-1, &n);
            countdown = -1;
            if (st == NG_OK) ng_name_free(n);
            else {
                assert_int_equal(st, NG_ENOMEM);
                assert_null(n);
            }
        }
    }
    ng_name *a = NULL, *b = NULL;
    assert_int_equal(ng_name_parse(e, names[0], (size_t)-1, &a), NG_OK);
    assert_int_equal(ng_name_parse(e, names[1], (size_t)-1, &b), NG_OK);
    ng_compare_result r;
    countdown = 0; /* the scorer allocates nothing */
    assert_int_equal(ng_name_compare(e, a, b, NULL, &r), NG_OK);
    countdown = -1;
    assert_true(r.score > 0.9);
    ng_name_free(a);
    ng_name_free(b);
    ng_engine_free(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_engine_new),
        cmocka_unit_test(test_parse_compare),
    };
    return cmocka_run_group_tests_name("alloc", tests, NULL, NULL);
}
