"""storage: the encrypted SQLCipher store and its typed records.

Depends on nothing else in the project; it keeps bytes and strings and knows no biometrics, ID
rules or GUI. See ``storage.store.Store`` for the entry point.
"""

from storage.errors import StorageError
from storage.store import Store

__all__ = ["StorageError", "Store"]
