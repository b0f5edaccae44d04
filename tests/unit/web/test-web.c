/* Unit tests for the web layer without a socket: escaping per context, form
 * decoding, and page and API handlers driven directly against a store. */
#include "testutil.h"

#include "web/web.h"

static struct req *req_new(struct store *s, const char *path)
{
    struct req *r = calloc(1, sizeof *r);
    strbuf_init(&r->out);
    strbuf_init(&r->body);
    r->db = s;
    r->path = path;
    r->method = "GET";
    r->is_api = !strncmp(path, "/api/", 5);
    r->authed = true;
    r->csrf = "token";
    return r;
}

static void req_free(struct req *r)
{
    if (r->json)
        json_decref(r->json);
    strbuf_release(&r->out);
    strbuf_release(&r->body);
    arena_release(&r->arena);
    free(r);
}

static void escaping(void **state)
{
    struct req *r = req_new(NULL, "/");
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

    struct req *r = req_new(f->s, "/borgere/1");
    r->actor = carer;
    r->ids[0] = id_nord;
    r->nids = 1;
    ui_citizen_show(r);
    assert_int_equal(r->status, 200);
    assert_non_null(strstr(r->out.buf, "&lt;b&gt;Min have&lt;/b&gt;")); /* escaped */
    assert_null(strstr(r->out.buf, "0102451234"));                     /* shown formatted */
    assert_non_null(strstr(r->out.buf, "010245-1234"));
    assert_int_equal(audit_rows(f, id_nord), 1);
    req_free(r);

    r = req_new(f->s, "/borgere/2");
    r->actor = carer;
    r->ids[0] = id_syd;
    r->nids = 1;
    ui_citizen_show(r);
    assert_int_equal(r->status, 403);
    assert_null(strstr(r->out.buf, "Østergaard")); /* no data leaks into the error page */
    req_free(r);

    r = req_new(f->s, "/borgere/99");
    r->actor = carer;
    r->ids[0] = 99;
    r->nids = 1;
    ui_citizen_show(r);
    assert_int_equal(r->status, 404);
    req_free(r);
}

static void api_create_validates(void **state)
{
    struct fixture *f = *state;
    struct actor vis = {f->visitator, "vis", "Vivi", ROLE_VISITATOR, 0};
    struct req *r = req_new(f->s, "/api/v1/citizens");
    r->actor = vis;
    r->method = "POST";
    r->json = json_pack("{s:s,s:s,s:i}", "cpr", "320245-1234", "first_name", "Åse", "team_id",
                        (int)f->team_nord);
    api_citizen_create(r);
    assert_int_equal(r->status, 422);
    json_t *body = json_loads(r->out.buf, 0, NULL);
    assert_non_null(body);
    json_t *fields = json_object_get(json_object_get(body, "error"), "fields");
    assert_non_null(json_object_get(fields, "cpr"));
    assert_non_null(json_object_get(fields, "last_name"));
    assert_string_equal(json_string_value(json_object_get(json_object_get(body, "error"), "code")),
                        "validation");
    json_decref(body);
    long n;
    assert_int_equal(store_citizen_count(f->s, &n), STORE_OK);
    assert_int_equal(n, 0); /* nothing half-saved */
    req_free(r);

    /* a carer may not create */
    r = req_new(f->s, "/api/v1/citizens");
    r->actor = (struct actor){f->carer_nord, "sosu", "Sofie", ROLE_CARER, f->team_nord};
    r->json = json_object();
    api_citizen_create(r);
    assert_int_equal(r->status, 403);
    req_free(r);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(escaping),
        cmocka_unit_test(form_decoding),
        cmocka_unit_test(ids),
        T(record_page_access_and_audit),
        T(api_create_validates),
    };
    return cmocka_run_group_tests_name("web", tests, NULL, NULL);
}
