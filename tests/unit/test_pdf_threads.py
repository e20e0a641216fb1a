"""PDFs are made in threads of their own, at most PDF_THREADS at once per process, so that a few
asked together never take the threads the pages' other work runs in."""

from __future__ import annotations

import asyncio
import threading

from logistics_app.integrations import pdf


def test_pdfs_run_in_their_own_threads_a_bounded_number_at_once() -> None:
    running, most, names = 0, 0, set()
    lock, release = threading.Lock(), threading.Event()

    def make(number: int) -> int:
        nonlocal running, most
        with lock:
            running += 1
            most = max(most, running)
            names.add(threading.current_thread().name)
        assert release.wait(10)  # held until the other work below has had its thread
        with lock:
            running -= 1
        return number

    async def many() -> tuple[list[int], int]:
        pdfs = asyncio.gather(*(pdf.in_pdf_thread(make, n) for n in range(6)))

        async def all_busy() -> None:
            while running < pdf.PDF_THREADS:
                await asyncio.sleep(0.01)

        await asyncio.wait_for(all_busy(), 10)
        # Every PDF thread is busy: other work still gets a thread of the default pool.
        busy = await asyncio.wait_for(asyncio.to_thread(lambda: running), 5)
        release.set()
        return await pdfs, busy

    results, busy = asyncio.run(many())
    assert results == list(range(6))
    assert busy == most == pdf.PDF_THREADS
    assert names and all(name.startswith("pdf") for name in names)
