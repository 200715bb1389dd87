"""A real Dask cluster for tests: ``dask scheduler`` and ``dask worker`` processes on 127.0.0.1, free ports."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DASK = Path(sys.executable).parent / "dask"
START_TIMEOUT = 60


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _stop(process: subprocess.Popen, timeout: float = 15) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=timeout)


@dataclass
class DaskCluster:
    """A scheduler and its workers, each its own process; ``workers`` maps a worker's address to its process."""

    scheduler: str
    log_dir: Path
    processes: list[subprocess.Popen] = field(default_factory=list)
    workers: dict[str, subprocess.Popen] = field(default_factory=dict)

    @classmethod
    def start(cls, log_dir: Path, workers: int = 2) -> DaskCluster:
        port = free_port()
        cluster = cls(f"tcp://127.0.0.1:{port}", log_dir)
        try:
            cluster._spawn("scheduler", "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard")
            for number in range(workers):
                cluster.add_worker(f"w{number}")
            cluster.wait_for_workers(workers)
        except BaseException:
            cluster.stop()
            raise
        return cluster

    def _spawn(self, log_name: str, *arguments: str) -> subprocess.Popen:
        # Workers import the package from this checkout, as an installed copy would be imported.
        environment = {key: value for key, value in os.environ.items() if not key.startswith(("CKG_", "DASK_"))}
        environment["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), environment.get("PYTHONPATH")]))
        log = (self.log_dir / f"{log_name}.log").open("wb")
        process = subprocess.Popen([str(DASK), *arguments], cwd=self.log_dir, env=environment, stdout=log, stderr=log)
        self.processes.append(process)
        return process

    def add_worker(self, name: str) -> str:
        """Start one single-threaded worker without a nanny (killing its process kills the worker); its address."""
        port = free_port()
        address = f"tcp://127.0.0.1:{port}"
        self.workers[address] = self._spawn(
            f"worker-{name}",
            "worker", self.scheduler, "--name", name, "--host", "127.0.0.1", "--worker-port", str(port),
            "--nthreads", "1", "--no-nanny", "--no-dashboard", "--death-timeout", "30",
        )  # fmt: skip
        return address

    def wait_for_workers(self, count: int) -> None:
        from distributed import Client

        with Client(self.scheduler, timeout=START_TIMEOUT, set_as_default=False) as client:
            client.wait_for_workers(count, timeout=START_TIMEOUT)

    def kill_worker(self, address: str) -> None:
        """SIGKILL: the worker gets no chance to hand its tasks over."""
        process = self.workers.pop(address)
        process.kill()
        process.wait(timeout=15)

    def stop(self) -> None:
        """Workers first, then the scheduler; each gets 15 s to exit before it is killed."""
        for process in reversed(self.processes):
            _stop(process)
