"""wirelens: clean text, metadata and who-said-what-to-whom from raw news."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("wirelens")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0+local"

from wirelens.model import SCHEMA_VERSION, Article  # noqa: E402
from wirelens.pipeline import extract, extract_many  # noqa: E402

__all__ = ["SCHEMA_VERSION", "Article", "__version__", "extract", "extract_many"]
