from tests.factories import make_comment, make_idea


def test_smoke(app, client, auth):
    idea = make_idea()
    c = make_comment(idea)
    make_comment(idea, parent=c)
    for url in [
        "/",
        "/ideas/",
        f"/ideas/{idea.id}",
        "/ideas/search?q=idea",
        "/account/login",
        "/account/register",
        "/account/reset",
        "/nope",
    ]:
        r = client.get(url)
        print(url, r.status_code)
        assert r.status_code in (200, 404), r.data[:3000]
    auth.as_role()
    for url in ["/ideas/new", f"/ideas/{idea.id}", "/account/profile"]:
        r = client.get(url)
        print(url, r.status_code)
        assert r.status_code in (200,), r.data[-3000:]
