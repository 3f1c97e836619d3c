"""Work-package download (being written)."""

from fastapi import APIRouter

router = APIRouter()
