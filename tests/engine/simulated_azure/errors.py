"""ARM error shapes, returned to the engine as gRPC errors so the CLI prints them.

azure-native prints an ARM failure as ``Status=<http> Code="<code>" Message="<message>"``
(provider/pkg/azure/azure.go AzureError); the simulator keeps that shape so a test can match the
code and Azure's wording.
"""

from __future__ import annotations

import grpc


class ArmError(Exception):
    """An error ARM (or azure-native before calling ARM) would return."""

    def __init__(self, code: str, message: str, status: int = 400) -> None:
        super().__init__(f'Status={status} Code="{code}" Message="{message}"')
        self.code = code
        self.message = message
        self.status = status

    def grpc_code(self) -> grpc.StatusCode:
        return (
            grpc.StatusCode.FAILED_PRECONDITION if self.status == 409 else grpc.StatusCode.UNKNOWN
        )


class ProviderError(ArmError):
    """An error raised by azure-native itself, before any ARM call (no HTTP status)."""

    def __init__(self, message: str) -> None:
        Exception.__init__(self, message)
        self.code = ""
        self.message = message
        self.status = 0

    def grpc_code(self) -> grpc.StatusCode:
        return grpc.StatusCode.UNKNOWN


def abort(context: grpc.ServicerContext, error: ArmError) -> None:
    """Ends the RPC with the error (``context.abort`` raises)."""
    context.abort(error.grpc_code(), str(error))
