"""pulumiverse-time's ``time:index/sleep:Sleep`` (a terraform-provider-time ``time_sleep``
bridge): ``triggers`` forces a replacement, the durations update in place. Create returns at once
(no real sleep) with an RFC 3339 id from the simulated clock; outputs are the inputs.
"""

from __future__ import annotations

from typing import Any

from google.protobuf import empty_pb2
from pulumi.runtime.proto import provider_pb2

from . import config
from .server import BaseProvider, rpc
from .values import to_dict

_REPLACE_ON = {"triggers"}


class TimeProvider(BaseProvider):
    name = "time"
    version = "0.1.1"

    @rpc
    def Check(self, request: Any, context: Any) -> provider_pb2.CheckResponse:
        return provider_pb2.CheckResponse(inputs=request.news)

    @rpc
    def Diff(self, request: Any, context: Any) -> provider_pb2.DiffResponse:
        olds = (
            to_dict(request.old_inputs) if request.HasField("old_inputs") else to_dict(request.olds)
        )
        news = to_dict(request.news)
        changed = sorted(k for k in set(olds) | set(news) if olds.get(k) != news.get(k))
        if not changed:
            return provider_pb2.DiffResponse(changes=provider_pb2.DiffResponse.DIFF_NONE)
        return provider_pb2.DiffResponse(
            changes=provider_pb2.DiffResponse.DIFF_SOME,
            diffs=changed,
            replaces=[k for k in changed if k in _REPLACE_ON],
        )

    @rpc
    def Create(self, request: Any, context: Any) -> provider_pb2.CreateResponse:
        made = "" if request.preview else config.rfc3339(config.now())
        return provider_pb2.CreateResponse(id=made, properties=request.properties)

    @rpc
    def Read(self, request: Any, context: Any) -> provider_pb2.ReadResponse:
        return provider_pb2.ReadResponse(
            id=request.id, properties=request.properties, inputs=request.inputs
        )

    @rpc
    def Update(self, request: Any, context: Any) -> provider_pb2.UpdateResponse:
        return provider_pb2.UpdateResponse(properties=request.news)

    @rpc
    def Delete(self, request: Any, context: Any) -> empty_pb2.Empty:
        return empty_pb2.Empty()
