"""Every page of the served app over the national synthetic dataset (the 813 rural parishes of the DPA list, 1.000.000 aid records), in
Debian's Chromium, without an exception. Slow (it generates the dataset first): not part of `make test`;
run it with `pytest -m slow`."""

from __future__ import annotations

import os
import re

import pytest
from playwright.sync_api import expect

from core.synth import national
from tests.browser_steps import served_app, wait_for_app
from tests.conftest import APP

pytestmark = [pytest.mark.browser, pytest.mark.slow]

URL_PATHS = re.findall(r'url_path="([a-z_]+)"', open(APP, encoding="utf-8").read())


@pytest.fixture(scope="module")
def national_url(tmp_path_factory):
    folder = tmp_path_factory.mktemp("national")
    national.write(folder)
    env = {**os.environ, "MINGA_DATA_DIR": str(folder), "MINGA_STORE": str(folder / "store.sqlite")}
    with served_app(env) as url:
        yield url


def test_every_page_opens_at_national_scale(page, national_url):
    assert len(URL_PATHS) >= 18
    page.set_default_timeout(600_000)  # the first page seeds the store with the 50.000 national proposals
    for path in URL_PATHS:
        page.goto(f"{national_url}/{path}")
        wait_for_app(page)
        print(path, flush=True)
        expect(page.get_by_test_id("stException"), path).to_have_count(0)
        expect(page.get_by_test_id("stMain").get_by_role("heading").first, path).to_be_visible()
