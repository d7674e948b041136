"""MemBank Python SDK: long-term memory for AI assistants, sync (MemBank) and asyncio
(AsyncMemBank) clients over the MemBank API."""

from . import models
from .async_client import AsyncMemBank
from .client import MemBank
from .errors import (
    APIConnectionError,
    AuthenticationError,
    ConflictError,
    MemBankError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ServerError,
    ValidationError,
)
from .models import Filters, JobView

__version__ = "0.1.0"

__all__ = [
    "APIConnectionError",
    "AsyncMemBank",
    "AuthenticationError",
    "ConflictError",
    "Filters",
    "JobView",
    "MemBank",
    "MemBankError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "ServerError",
    "ValidationError",
    "models",
]
