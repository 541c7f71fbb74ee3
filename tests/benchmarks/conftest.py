"""Test settings for this folder.

The tiny model's matmuls are far too small to split across threads; on a shared
2-core machine intra-op threads spin against other processes and make every op
much slower. One thread keeps these tests fast (results do not depend on it).
"""

from __future__ import annotations

import torch

torch.set_num_threads(1)
