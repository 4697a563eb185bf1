"""A scrapy-redis queue that leases requests instead of popping them for good.

scrapy-redis's ``PriorityQueue.pop`` deletes the request from Redis: a worker killed
between the pop and the end of the request's processing loses it. Here a pop moves the
request, in one Lua script, from the queue to a lease (``leases``: id -> deadline,
``leased``: id -> request) owned by this worker. The worker's heartbeat pushes its
deadlines forward; a killed worker stops doing so, and any worker's reaper moves the
expired leases back to the queue. A lease is acked (deleted) only when the engine has
finished the request: callback run, every request it yielded queued, every item it
yielded through the pipelines. Deadlines use Redis's clock, so worker clocks may differ.

Requests of equal priority leave in the order they came (``score``): scrapy-redis scores by
priority alone, and Redis then orders equal scores by their bytes, which groups requests by
host, so a worker's few requests in flight would all wait for one host's two slots.
"""

from __future__ import annotations

import itertools
import logging
import time
from dataclasses import dataclass
from typing import Any

from redis import Redis
from scrapy import Request, Spider
from scrapy_redis.queue import PriorityQueue

from archiver.distributed import serializer as json_serializer
from archiver.distributed.keys import FrontierKeys

logger = logging.getLogger(__name__)

_NOW = "local t = redis.call('TIME') local now = tonumber(t[1]) + tonumber(t[2]) / 1000000 "

# A lease back to the queue at its request's priority. KEYS: queue, leases, leased, scores.
_REQUEUE = """
local function requeue(id)
  if redis.call('ZREM', KEYS[2], id) == 0 then return 0 end
  local data = redis.call('HGET', KEYS[3], id)
  local score = redis.call('HGET', KEYS[4], id)
  if data then redis.call('ZADD', KEYS[1], tonumber(score) or 0, data) end
  redis.call('HDEL', KEYS[3], id)
  redis.call('HDEL', KEYS[4], id)
  return 1
end
"""

# ARGV: lease seconds, lease id. Returns {id, request} or nil.
POP = (
    _NOW
    + """
local item = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #item == 0 then return false end
redis.call('ZREM', KEYS[1], item[1])
redis.call('ZADD', KEYS[2], now + tonumber(ARGV[1]), ARGV[2])
redis.call('HSET', KEYS[3], ARGV[2], item[1])
redis.call('HSET', KEYS[4], ARGV[2], item[2])
return {ARGV[2], item[1]}
"""
)

# ARGV: id1, request1, id2, request2, ... A lease already reaped had its request re-queued:
# that copy is withdrawn too, since the work is done. Returns how many leases were held.
ACK = """
local held = 0
for i = 1, #ARGV, 2 do
  if redis.call('ZREM', KEYS[2], ARGV[i]) == 1 then held = held + 1
  else redis.call('ZREM', KEYS[1], ARGV[i + 1]) end
  redis.call('HDEL', KEYS[3], ARGV[i])
  redis.call('HDEL', KEYS[4], ARGV[i])
end
return held
"""

# ARGV: lease seconds, id1, id2, ... Returns the ids no longer leased (reaped meanwhile).
EXTEND = (
    _NOW
    + """
local lost = {}
for i = 2, #ARGV do
  if redis.call('ZADD', KEYS[2], 'XX', 'CH', now + tonumber(ARGV[1]), ARGV[i]) == 0
     and not redis.call('ZSCORE', KEYS[2], ARGV[i]) then
    table.insert(lost, ARGV[i])
  end
end
return lost
"""
)

# ARGV: how many at most. Expired leases of any worker go back to the queue.
REAP = (
    _NOW
    + _REQUEUE
    + """
local ids = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now, 'LIMIT', 0, tonumber(ARGV[1]))
for _, id in ipairs(ids) do requeue(id) end
return #ids
"""
)

# ARGV: ids. This worker's unfinished leases back to the queue now (a stop that is not a kill).
RELEASE = (
    _REQUEUE
    + """
local n = 0
for i = 1, #ARGV do n = n + requeue(ARGV[i]) end
return n
"""
)

# KEYS: queue, leases, dupefilter, leased, scores. The run is over when nothing is queued
# and nothing leased: the dupefilter goes, so that the next run asks the list pages again.
FINISH = """
if redis.call('ZCARD', KEYS[1]) == 0 and redis.call('ZCARD', KEYS[2]) == 0 then
  redis.call('DEL', KEYS[3], KEYS[4], KEYS[5])
  return 1
end
return 0
"""


def score(priority: int) -> float:
    """A request's queue score: by priority (highest first), then first in, first out.

    The fraction (push time / 1e10, under 1 until the year 2286) keeps priorities apart and
    orders pushes to some microseconds.
    """
    return -priority + time.time() / 1e10


@dataclass
class Lease:
    """A request this worker holds: lease id, its bytes in Redis, whether the engine has it."""

    id: str
    data: bytes
    handed: bool = False


class LeasedQueue(PriorityQueue):
    """scrapy-redis's PriorityQueue (same layout) whose ``pop`` leases; entries are JSON
    (``archiver.distributed.serializer``), never pickles."""

    def __init__(
        self,
        server: Redis,
        spider: Spider,
        keys: FrontierKeys,
        worker_id: str,
        lease_seconds: float,
        serializer: Any = None,
    ) -> None:
        super().__init__(server, spider, keys.queue, serializer=serializer or json_serializer)
        self.keys = keys
        self.worker_id = worker_id
        self.lease_seconds = lease_seconds
        self.held: dict[Request, Lease] = {}
        self._seq = itertools.count(1)
        self._scripts = {
            name: server.register_script(src)
            for name, src in (
                ("pop", POP),
                ("ack", ACK),
                ("extend", EXTEND),
                ("reap", REAP),
                ("release", RELEASE),
                ("finish", FINISH),
            )
        }
        self._lease_keys = [keys.queue, keys.leases, keys.leased, keys.leased_scores]

    def push(self, request: Request) -> None:
        self.server.zadd(self.key, {self._encode_request(request): score(request.priority)})

    def pop(self, timeout: float = 0) -> Request | None:
        """Lease the request of highest priority, or None when the queue is empty."""
        lease_id = f"{self.worker_id}#{next(self._seq)}"
        got = self._scripts["pop"](keys=self._lease_keys, args=[self.lease_seconds, lease_id])
        if not got:
            return None
        data = got[1]
        try:
            request = self._decode_request(data)
        except (ValueError, AttributeError, TypeError) as exc:  # e.g. a callback the spider lost
            logger.error("Dropping a queued request that no longer decodes: %s", exc)
            self._scripts["ack"](keys=self._lease_keys, args=[lease_id, data])
            return None
        self.held[request] = Lease(lease_id, data)
        return request

    def ack(self, requests: list[Request]) -> int:
        """Delete the leases of requests the engine finished; returns how many were still leased."""
        leases = [self.held.pop(r) for r in requests if r in self.held]
        if not leases:
            return 0
        return int(
            self._scripts["ack"](
                keys=self._lease_keys, args=[x for lease in leases for x in (lease.id, lease.data)]
            )
        )

    def extend(self) -> int:
        """Push this worker's deadlines forward; returns how many leases were reaped meanwhile."""
        ids = [lease.id for lease in self.held.values()]
        if not ids:
            return 0
        return len(self._scripts["extend"](keys=self._lease_keys, args=[self.lease_seconds, *ids]))

    def reap(self, limit: int = 1000) -> int:
        """Re-queue the expired leases of any worker (a killed one); returns how many."""
        return int(self._scripts["reap"](keys=self._lease_keys, args=[limit]))

    def release(self) -> int:
        """Re-queue every lease this worker still holds, now; returns how many."""
        ids = [lease.id for lease in self.held.values()]
        self.held.clear()
        if not ids:
            return 0
        return int(self._scripts["release"](keys=self._lease_keys, args=ids))

    def leased(self) -> int:
        """Leases held by all workers."""
        return int(self.server.zcard(self.keys.leases))

    def finish(self) -> bool:
        """True, and the run's dupefilter cleared, when nothing is queued or leased anywhere."""
        keys = [
            self.keys.queue,
            self.keys.leases,
            self.keys.dupefilter,
            self.keys.leased,
            self.keys.leased_scores,
        ]
        return bool(self._scripts["finish"](keys=keys, args=[]))
