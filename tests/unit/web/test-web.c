/* Unit tests for the web layer without a socket: escaping per context, form
 * decoding, and page and API handlers driven directly against a store. */
#include "web-test.h"

static void escaping(void **state)
{
    struct req *r = req_make(NULL, NULL, "GET", "/", NULL);
    html_txt(r, "<script>alert('x')</script> & \"q\"");
    assert_string_equal(r->out.buf,
                        "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
    strbuf_reset(&r->out);
    html_attr(r, "\" onmouseover=\"x");
    assert_string_equal(r->out.buf, "&quot; onmouseover=&quot;x");
    strbuf_reset(&r->out);
    html_url_arg(r, "søg & find/1");
    assert_string_equal(r->out.buf, "s%C3%B8g%20%26%20find%2F1");
    req_free(r);
}

static void form_decoding(void **state)
{
    struct arena a = ARENA_INIT;
    struct form_field *f;
    int n;
    const char body[] = "first_name=S%C3%B8ren&last_name=Hansen+Jr&empty=&flag";
    assert_true(form_parse(&a, body, strlen(body), &f, &n));
    assert_int_equal(n, 4);
    assert_string_equal(f[0].value, "Søren");
    assert_string_equal(f[1].value, "Hansen Jr");
    assert_string_equal(f[2].value, "");
    assert_string_equal(f[3].name, "flag");
    assert_false(form_parse(&a, "a=%zz", 5, &f, &n));
    assert_false(form_parse(&a, "a=%00", 5, &f, &n));
    arena_release(&a);
}

static void ids(void **state)
{
    assert_int_equal(parse_id("42"), 42);
    assert_int_equal(parse_id(""), 0);
    assert_int_equal(parse_id(NULL), 0);
    assert_int_equal(parse_id("4x"), -1);
    assert_int_equal(parse_id("-4"), -1);
}

static long audit_rows(struct fixture *f, long citizen)
{
    struct audit_entry *log;
    int n;
    assert_int_equal(store_audit_for_citizen(f->s, &f->a, citizen, 1000, &log, &n), STORE_OK);
    return n;
}

static void record_page_access_and_audit(void **state)
{
    struct fixture *f = *state;
    struct citizen nord = test_citizen("0102451234", f->team_nord);
    struct citizen syd = test_citizen("0202451234", f->team_syd);
    nord.what_matters = "<b>Min have</b>";
    long id_nord, id_syd;
    assert_int_equal(store_citizen_create(f->s, &nord, &id_nord), STORE_OK);
    assert_int_equal(store_citizen_create(f->s, &syd, &id_syd), STORE_OK);
    struct actor carer = {f->carer_nord, "sosu", "Sofie", ROLE_CARER, f->team_nord};
    char path[32];

    snprintf(path, sizeof path, "/borgere/%ld", id_nord);
    struct req *r = req_make(f->s, &carer, "GET", path, NULL);
    req_run(r);
    assert_int_equal(r->status, 200);
    assert_non_null(strstr(r->out.buf, "&lt;b&gt;Min have&lt;/b&gt;")); /* escaped */
    assert_null(strstr(r->out.buf, "0102451234"));                      /* shown formatted */
    assert_non_null(strstr(r->out.buf, "010245-1234"));
    assert_int_equal(audit_rows(f, id_nord), 1);
    req_free(r);

    snprintf(path, sizeof path, "/borgere/%ld", id_syd);
    r = req_make(f->s, &carer, "GET", path, NULL);
    req_run(r);
    assert_int_equal(r->status, 403);
    assert_null(strstr(r->out.buf, "Østergaard")); /* no data leaks into the error page */
    req_free(r);

    assert_int_equal(req_status(f->s, &carer, "GET", "/borgere/99", NULL), 404);
}

static void api_create_validates(void **state)
{
    struct fixture *f = *state;
    struct actor vis = {f->visitator, "vis", "Vivi", ROLE_VISITATOR, 0};
    char *body = arena_printf(&f->a,
                              "{\"cpr\":\"320245-1234\",\"first_name\":\"Åse\","
                              "\"team_id\":%ld,\"reason\":5}",
                              f->team_nord);
    struct req *r = req_make(f->s, &vis, "POST", "/api/v1/citizens", body);
    req_run(r);
    assert_int_equal(r->status, 422);
    json_t *resp = json_loads(r->out.buf, 0, NULL);
    assert_non_null(resp);
    json_t *fields = json_object_get(json_object_get(resp, "error"), "fields");
    assert_non_null(json_object_get(fields, "cpr"));
    assert_non_null(json_object_get(fields, "last_name"));
    assert_string_equal(json_string_value(json_object_get(json_object_get(resp, "error"), "code")),
                        "validation");
    json_decref(resp);
    long n;
    assert_int_equal(store_citizen_count(f->s, &n), STORE_OK);
    assert_int_equal(n, 0); /* nothing half-saved */
    req_free(r);

    /* a wrongly typed member is an error, never silently absent */
    r = req_make(f->s, &vis, "POST", "/api/v1/citizens",
                 "{\"first_name\":5,\"lives_alone\":\"ja\",\"team_id\":\"1\"}");
    req_run(r);
    assert_int_equal(r->status, 422);
    resp = json_loads(r->out.buf, 0, NULL);
    fields = json_object_get(json_object_get(resp, "error"), "fields");
    assert_string_equal(json_string_value(json_object_get(fields, "first_name")),
                        "Feltet skal være tekst.");
    assert_non_null(json_object_get(fields, "lives_alone"));
    assert_non_null(json_object_get(fields, "team_id"));
    json_decref(resp);
    req_free(r);

    /* a carer may not create */
    struct actor carer = {f->carer_nord, "sosu", "Sofie", ROLE_CARER, f->team_nord};
    assert_int_equal(req_status(f->s, &carer, "POST", "/api/v1/citizens", "{}"), 403);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(escaping),      cmocka_unit_test(form_decoding), cmocka_unit_test(ids),
        T(record_page_access_and_audit), T(api_create_validates),
    };
    return cmocka_run_group_tests_name("web", tests, NULL, NULL);
}
