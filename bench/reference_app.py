"""The reference: a minimal Flask + Jinja app with no database.

``GET /page/<size>`` renders a template to about ``size`` bytes of HTML, so
each portal page is compared with a page of the same size. Served by the
same gunicorn settings, it is the practical ceiling of this stack here.
"""

from __future__ import annotations

from flask import Flask, render_template_string

app = Flask(__name__)

TEMPLATE = """<!doctype html>
<html lang="da"><head><meta charset="utf-8"><title>{{ title }}</title>
<link rel="stylesheet" href="/static/portal.css"></head>
<body><header><h1>{{ title }}</h1></header><main>
{% for item in items %}<article class="idea-card">
<h2><a href="/ideas/{{ item.id }}">{{ item.title }}</a></h2>
<p class="meta">{{ item.meta }}</p></article>
{% endfor %}</main></body></html>"""
ITEM_BYTES = 149  # what one rendered item above adds
BASE_BYTES = 181  # the page without items


@app.route("/page/<int:size>")
def page(size: int) -> str:
    count = max(size - BASE_BYTES, 0) // ITEM_BYTES
    items = [
        {"id": n, "title": f"Idé nummer {n} om cykelstier og skoleveje", "meta": f"Borger {n} · 12"}
        for n in range(count)
    ]
    return render_template_string(TEMPLATE, title="Reference", items=items)
