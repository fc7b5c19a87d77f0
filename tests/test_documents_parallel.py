"""A batch of documents really runs on two cores: two forked workers share it, in order."""

from __future__ import annotations

import multiprocessing
import os
import time

import pytest

from crm_office.documents.parallel import MIN_PARALLEL, map_on_cores


def _busy(index: int) -> tuple[int, int]:
    started = time.process_time()
    while time.process_time() - started < 0.002:
        pass
    return index, os.getpid()


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")
def test_two_workers_share_the_batch_and_keep_its_order() -> None:
    results = list(map_on_cores(_busy, range(MIN_PARALLEL * 4), workers=2))
    assert [index for index, _pid in results] == list(range(MIN_PARALLEL * 4))
    workers = {pid for _index, pid in results}
    assert len(workers) == 2 and os.getpid() not in workers
    assert {pid for _index, pid in map_on_cores(_busy, range(3), workers=2)} == {os.getpid()}
