"""Dask: the CLI's --scheduler, extract_bag and extract_dataframe on a small local cluster.

The cluster is two worker processes with one thread each on the loopback interface,
started once for the module and closed at its end. Each worker loads the models once, on
its first task.
"""

from __future__ import annotations

import json
import logging
import pathlib
import sys

import pytest

from edunews_nlp.cli import main

pytestmark = pytest.mark.slow

distributed = pytest.importorskip("distributed", reason="needs the [dask] extra (dask, distributed)")
dd = pytest.importorskip("dask.dataframe", reason="needs the [dask] extra with pandas")

SHARED = pathlib.Path(__file__).resolve().parents[1].parent / "shared"
RAW = SHARED / "dev" / "raw"

ARTICLE_EN = ("Schools opened in Almaty\n12.03.2025 10:15:02 1843\n"
              "The akimat of Almaty opened {n} new schools with 1,500 places each. "
              "Minister Gani Beisembayev said 2.5 billion tenge would go to 40 more schools in 2025.\n")
ARTICLE_RU = ("В Шымкенте открыли школы\nВ Шымкенте построили {n} новых школ на 2 500 мест. "
              "На программу выделено 3,5 млрд тенге.\n")
TEXTS = [
    "The Ministry of Education allocated 2.5 billion tenge to 40 schools in Almaty in 2024.",
    "В Туркестанской области открыли 34 школы на 12 500 мест.",
    "",
    "Free meals for 1.7 million students, about 15% more than last year.",
]


@pytest.fixture(scope="module")
def cluster():
    # Bounded: two single-threaded worker processes, memory-capped, loopback only, no dashboard.
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None, memory_limit="3GiB",
                                  silence_logs=logging.ERROR) as local_cluster:
        yield local_cluster


@pytest.fixture(scope="module")
def client(cluster):
    with distributed.Client(cluster.scheduler_address, set_as_default=False) as dask_client:
        yield dask_client


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    for n in range(6):
        template = ARTICLE_EN if n % 2 else ARTICLE_RU
        (folder / f"a{n:02}.txt").write_text(template.format(n=n + 2), encoding="utf-8")
    (folder / "sub").mkdir()
    (folder / "sub" / "cp1251.txt").write_bytes("В Туркестанской области открыли 34 школы.".encode("cp1251"))
    (folder / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    lines = [{"text": "Five teachers won prizes of 1,000 MCI each.", "published": "2024-12-24",
              "source": "https://x.kz/1"},
             {"text": "Аким Алматы вручил 20 грантов.", "source": "https://x.kz/2"}]
    (folder / "many.jsonl").write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines),
                                       encoding="utf-8")
    (folder / "page.html").write_text("<html><body><h1>Grants</h1><p>The akimat gave 300 grants worth "
                                      "150 million tenge to teachers of Astana.</p></body></html>",
                                      encoding="utf-8")
    return folder


def read_jsonl(path: pathlib.Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def run_cli(tmp_path, name, *args) -> tuple[int, list[dict]]:
    out = tmp_path / f"{name}.jsonl"
    status = main(["extract", *map(str, args), "-o", str(out)])
    return status, read_jsonl(out)


def record_key(record: dict):
    return record["path"], -1 if record.get("index") is None else record["index"]


def test_cli_scheduler_gives_the_local_records(cluster, corpus, tmp_path):
    local_status, local = run_cli(tmp_path, "local", corpus)
    dask_status, on_dask = run_cli(tmp_path, "dask", corpus, "--scheduler", cluster.scheduler_address)
    assert local_status == dask_status == 1  # broken.txt gives an error record either way
    assert len(local) == 11 and any("error" in r for r in local)
    assert on_dask == local  # same records, same order (map_on_cluster keeps task order)


@pytest.mark.skipif(not RAW.is_dir(), reason=f"needs the shared dev set at {RAW} (present in CI)")
def test_cli_scheduler_on_the_shared_raw_articles(cluster, tmp_path):
    local_status, local = run_cli(tmp_path, "local", RAW)
    dask_status, on_dask = run_cli(tmp_path, "dask", RAW, "--scheduler", cluster.scheduler_address)
    assert local and local_status == dask_status
    assert sorted(on_dask, key=record_key) == sorted(local, key=record_key)
    assert on_dask == local


def test_map_on_cluster_keeps_task_order_with_a_small_window(cluster):
    from edunews_nlp.distributed import map_on_cluster

    assert list(map_on_cluster(abs, range(-30, 0), cluster.scheduler_address, tasks_in_flight=3)) == \
        list(range(30, 0, -1))
    # Closing the iterator early cancels what is pending and closes its client.
    results = map_on_cluster(abs, range(-1000, 0), cluster.scheduler_address, tasks_in_flight=4)
    assert next(results) == 1000
    results.close()


def test_map_on_cluster_raises_task_errors(cluster):
    from edunews_nlp.distributed import map_on_cluster

    with pytest.raises(TypeError):
        list(map_on_cluster(abs, [1, "x", 3], cluster.scheduler_address))


def test_extract_bag_of_paths_matches_the_cli(client, corpus, tmp_path):
    from edunews_nlp.distributed import extract_bag

    _, local = run_cli(tmp_path, "local", corpus)
    bag = extract_bag([corpus], npartitions=3)
    assert bag.npartitions == 3
    assert bag.compute(scheduler=client) == local


def test_extract_bag_of_texts_matches_extract_many(client):
    import dask.bag as db

    import edunews_nlp
    from edunews_nlp.distributed import extract_bag
    from edunews_nlp.output import article_record

    expected = [article_record(doc, None, i) for i, doc in enumerate(edunews_nlp.extract_many(TEXTS))]
    assert extract_bag(TEXTS, kind="text", npartitions=2).compute(scheduler=client) == expected
    # A bag of texts and dicts: index is the position within the partition; bad items give
    # error records instead of failing the partition.
    items = [TEXTS[0], {"text": TEXTS[1], "source": "https://x.kz/3", "lang": "ru"}, 42]
    records = extract_bag(db.from_sequence(items, npartitions=1)).compute(scheduler=client)
    assert [r["index"] for r in records] == [0, 1, 2]
    assert records[0] == expected[0]
    assert records[1]["source"] == "https://x.kz/3" and records[1]["lang"] == "ru" and records[1]["quantities"]
    assert records[2]["error"]["type"] == "TypeError" and records[2]["path"] is None


def test_extract_dataframe(client):
    import pandas as pd

    import edunews_nlp
    from edunews_nlp.distributed import RESULT_COLUMNS, extract_dataframe

    frame = pd.DataFrame({"text": TEXTS + [None], "id": range(len(TEXTS) + 1),
                          "date": ["2024-11-21", None, None, None, None]}, index=range(100, 100 + len(TEXTS) + 1))
    ddf = dd.from_pandas(frame, npartitions=2)
    result = extract_dataframe(ddf, published_column="date")
    assert list(result.columns) == ["text", "id", "date", *RESULT_COLUMNS]
    assert result.npartitions == 2
    out = result.compute(scheduler=client)
    assert list(out.index) == list(frame.index) and list(out["id"]) == list(frame["id"])
    for i, text in enumerate(TEXTS):
        date = frame["date"].iloc[i]
        expected = edunews_nlp.extract(text, published=None if pd.isna(date) else date).to_dict()
        row = out.iloc[i]
        assert row["lang"] == expected["lang"] and row["published"] == expected["published"]
        for column in ("entities", "quantities", "claims", "warnings"):
            assert json.loads(row[column]) == expected[column]
        assert row["error"] is None
    assert json.loads(out.iloc[-1]["error"])["type"] == "TypeError"
    assert out.iloc[-1]["entities"] is None
    only_results = extract_dataframe(ddf, keep_columns=False, lang="en")
    assert list(only_results.columns) == list(RESULT_COLUMNS)


def test_clear_import_error_without_dask(monkeypatch):
    from edunews_nlp import distributed as edunews_distributed

    monkeypatch.setitem(sys.modules, "distributed", None)  # as if the extra were not installed
    with pytest.raises(ImportError, match=r"needs distributed.*pip install 'edunews-nlp\[dask\]'"):
        edunews_distributed.map_on_cluster(abs, [1], "tcp://127.0.0.1:1")
    monkeypatch.setitem(sys.modules, "dask", None)
    monkeypatch.setitem(sys.modules, "dask.bag", None)
    with pytest.raises(ImportError, match=r"needs dask.*pip install 'edunews-nlp\[dask\]'"):
        edunews_distributed.extract_bag(["x"])


def test_bad_arguments():
    from edunews_nlp.distributed import extract_bag, extract_dataframe

    with pytest.raises(ValueError, match="kind"):
        extract_bag(["x"], kind="pdf")
    with pytest.raises(TypeError, match="list of paths"):
        extract_bag("corpus/")
    with pytest.raises(ValueError, match="lang"):
        extract_bag(["x"], lang="de")
    import pandas as pd

    with pytest.raises(ValueError, match="body"):
        extract_dataframe(dd.from_pandas(pd.DataFrame({"text": ["a"]}), npartitions=1), text_column="body")
