"""The DCAT-AP catalogue of the open data (Turtle and JSON-LD, written by
rdflib): what national portals (data.europa.eu, opendata.dk, data.norge.no,
data.overheid.nl) harvest. Titles and descriptions in every language of
the portal; the distributions' stable download addresses; the licence the
admins chose; the EU's vocabularies for file types, frequencies and
languages."""

from __future__ import annotations

from datetime import datetime

from flask import current_app
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF

from portal.i18n import LOCALES
from portal.opendata import licences
from portal.opendata.datasets import DATASETS
from portal.opendata.fields import Dataset
from portal.urls import absolute_url

EU = "http://publications.europa.eu/resource/authority/"
FILE_TYPE = Namespace(EU + "file-type/")
FREQUENCY = Namespace(EU + "frequency/")
LANGUAGE = Namespace(EU + "language/")
MEDIA_TYPE = Namespace("http://www.iana.org/assignments/media-types/")
LANGUAGE_CODES = {"da": "DAN", "nb": "NOB", "nl": "NLD", "en": "ENG"}
FORMATS = {"csv": ("CSV", "text/csv"), "json": ("JSON", "application/json")}
CATALOGUE_DESCRIPTION = _l(
    "The open data of the citizens' idea portal: ideas, how the municipality handled "
    "them, its meetings and decisions, its challenges and their results, and daily "
    "counts, each as CSV and JSON."
)


def _in_every_language(graph: Graph, subject: URIRef, predicate: URIRef, text: object) -> None:
    for code in LOCALES:
        with force_locale(code):
            graph.add((subject, predicate, Literal(str(text), lang=code)))


def _dataset(graph: Graph, dataset: Dataset, publisher: URIRef, modified: Literal) -> URIRef:
    page = absolute_url("opendata.index", _anchor=dataset.name)
    node = URIRef(page)
    graph.add((node, RDF.type, DCAT.Dataset))
    _in_every_language(graph, node, DCTERMS.title, dataset.title)
    _in_every_language(graph, node, DCTERMS.description, dataset.description)
    graph.add((node, DCTERMS.identifier, Literal(page)))
    graph.add((node, DCTERMS.publisher, publisher))
    graph.add((node, DCTERMS.accrualPeriodicity, FREQUENCY[dataset.frequency.value]))
    graph.add((node, DCTERMS.modified, modified))
    graph.add((node, DCAT.landingPage, URIRef(absolute_url("opendata.index"))))
    for keyword in dataset.keywords:
        graph.add((node, DCAT.keyword, Literal(keyword, lang="en")))
    for code in LANGUAGE_CODES.values():
        graph.add((node, DCTERMS.language, LANGUAGE[code]))
    licence = URIRef(licences.current().url)
    graph.add((licence, RDF.type, DCTERMS.LicenseDocument))
    for fmt, (file_type, media_type) in FORMATS.items():
        download = URIRef(absolute_url("opendata.download", name=dataset.name, fmt=fmt))
        distribution = URIRef(f"{page}-{fmt}")
        graph.add((node, DCAT.distribution, distribution))
        graph.add((distribution, RDF.type, DCAT.Distribution))
        graph.add((distribution, DCAT.accessURL, download))
        graph.add((distribution, DCAT.downloadURL, download))
        graph.add((distribution, DCAT.mediaType, MEDIA_TYPE[media_type]))
        graph.add((MEDIA_TYPE[media_type], RDF.type, DCTERMS.MediaType))
        graph.add((distribution, DCTERMS["format"], FILE_TYPE[file_type]))
        graph.add((FILE_TYPE[file_type], RDF.type, DCTERMS.MediaTypeOrExtent))
        graph.add((distribution, DCTERMS.license, licence))
        graph.add((distribution, DCTERMS.title, Literal(f"{dataset.name}.{fmt}")))
    return node


def catalogue(modified: datetime) -> Graph:
    """The whole catalogue; ``modified`` is when public content last changed."""
    graph = Graph()
    graph.bind("dcat", DCAT)
    graph.bind("dct", DCTERMS)
    graph.bind("foaf", FOAF)
    home = absolute_url("site.index")
    catalog = URIRef(absolute_url("opendata.index", _anchor="catalogue"))
    publisher = URIRef(absolute_url("opendata.index", _anchor="publisher"))
    graph.add((publisher, RDF.type, FOAF.Agent))
    graph.add((publisher, FOAF.name, Literal(current_app.config["SITE_NAME"])))
    graph.add((catalog, RDF.type, DCAT.Catalog))
    site = current_app.config["SITE_NAME"]
    _in_every_language(graph, catalog, DCTERMS.title, _l("Open data from %(site)s", site=site))
    _in_every_language(graph, catalog, DCTERMS.description, CATALOGUE_DESCRIPTION)
    graph.add((catalog, DCTERMS.publisher, publisher))
    graph.add((catalog, FOAF.homepage, URIRef(home)))
    graph.add((URIRef(home), RDF.type, FOAF.Document))
    when = Literal(modified.replace(microsecond=0).isoformat() + "Z", datatype=XSD.dateTime)
    graph.add((catalog, DCTERMS.modified, when))
    graph.add((catalog, DCTERMS.license, URIRef(licences.current().url)))
    for code in LANGUAGE_CODES.values():
        graph.add((catalog, DCTERMS.language, LANGUAGE[code]))
        graph.add((LANGUAGE[code], RDF.type, DCTERMS.LinguisticSystem))
    graph.add((FREQUENCY.CONT, RDF.type, DCTERMS.Frequency))
    graph.add((FREQUENCY.DAILY, RDF.type, DCTERMS.Frequency))
    graph.add((URIRef(absolute_url("opendata.index")), RDF.type, FOAF.Document))
    for dataset in DATASETS:
        graph.add((catalog, DCAT.dataset, _dataset(graph, dataset, publisher, when)))
    return graph
