"""Every open dataset, in the order the open-data page lists them."""

from __future__ import annotations

from portal.opendata import challenges, ideas, municipal

DATASETS = (
    *ideas.DATASETS[:2],
    *municipal.DATASETS,
    *challenges.DATASETS,
    *ideas.DATASETS[2:],
)
BY_NAME = {dataset.name: dataset for dataset in DATASETS}
