"""Generate the synthetic scanner benchmark corpus into a folder OUTSIDE the repository:
PyTorch-style zip and legacy checkpoints, tokenizer/vocabulary pickles, scikit-learn-style object
pickles, NumPy array pickles and .npy files, benign and malicious. PyTorch and scikit-learn are not
needed: stand-in modules named like theirs make `pickle` write the same opcodes and global names.
Usage: python3 make-corpus.py <out-dir> [scale]. Nothing here is ever unpickled.
"""
import io, os, pickle, random, struct, sys, types, zipfile
from collections import OrderedDict

import numpy as np

out = sys.argv[1]
scale = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
os.makedirs(out, exist_ok=True)
rng = random.Random(7)


def module(name):
    m = types.ModuleType(name)
    sys.modules[name] = m
    return m


# Stand-ins so pickle emits torch's and sklearn's global names.
torch = module("torch")
tutils = module("torch._utils")
torch._utils = tutils


class FloatStorage:
    pass


FloatStorage.__module__ = "torch"
torch.FloatStorage = FloatStorage


def _rebuild_tensor_v2(*a):
    pass


_rebuild_tensor_v2.__module__ = "torch._utils"
tutils._rebuild_tensor_v2 = _rebuild_tensor_v2


class Tensor:
    def __init__(self, key, numel):
        self.key, self.numel = key, numel

    def __reduce__(self):
        storage = ("storage", FloatStorage, self.key, "cpu", self.numel)
        return (_rebuild_tensor_v2, (StorageRef(storage), 0, (self.numel,), (1,), False, OrderedDict()))


class StorageRef:
    def __init__(self, t):
        self.t = t


class TorchPickler(pickle.Pickler):
    def persistent_id(self, obj):
        return obj.t if isinstance(obj, StorageRef) else None


module("sklearn")
module("sklearn.tree")
sk = module("sklearn.tree._tree")


class Tree:
    def __init__(self, n):
        self.state = {"max_depth": 12, "node_count": n, "nodes": np.zeros(n, dtype="f8"), "values": np.ones((n, 1, 2))}

    def __reduce__(self):
        return (Tree, (1, np.array([2]), 1), self.state)


Tree.__module__ = "sklearn.tree._tree"
sk.Tree = Tree


class Evil:
    def __reduce__(self):
        return (os.system, ("echo pwned",))


def data_pkl(tensors, evil=False):
    sd = OrderedDict((f"layer{i}.weight", Tensor(str(i), n)) for i, n in enumerate(tensors))
    if evil:
        sd["zz.hook"] = Evil()
    b = io.BytesIO()
    TorchPickler(b, protocol=2).dump(sd)
    return b.getvalue()


def torch_zip(path, tensors, evil=False, folder="archive"):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        z.writestr(f"{folder}/data.pkl", data_pkl(tensors, evil))
        z.writestr(f"{folder}/byteorder", "little")
        for i, n in enumerate(tensors):
            z.writestr(f"{folder}/data/{i}", rng.randbytes(4 * n))
        z.writestr(f"{folder}/version", "3\n")


def legacy(path, tensors, evil=False):
    magic = pickle.dumps(0x1950A86A20F9469CFC6C, protocol=2)
    with open(path, "wb") as f:
        f.write(magic)
        f.write(pickle.dumps(1001, protocol=2))
        f.write(pickle.dumps({"protocol_version": 1001, "little_endian": True}, protocol=2))
        f.write(data_pkl(tensors, evil))
        f.write(pickle.dumps([str(i) for i in range(len(tensors))], protocol=2))
        for n in tensors:
            f.write(struct.pack("<q", n))
            f.write(rng.randbytes(4 * n))


def write(name, data):
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)


S = lambda n: max(1, int(n * scale))
torch_zip(os.path.join(out, "ckpt-small.pt"), [S(16384)] * 24)
torch_zip(os.path.join(out, "ckpt-large.pt"), [S(65536)] * 160, folder="resnet_fake")
torch_zip(os.path.join(out, "ckpt-evil.pt"), [S(16384)] * 40, evil=True)
legacy(os.path.join(out, "legacy.bin"), [S(32768)] * 60)
legacy(os.path.join(out, "legacy-evil.bin"), [S(8192)] * 20, evil=True)
vocab = {f"tok{i}_{rng.randint(0, 1 << 30)}": i for i in range(S(300000))}
write("vocab.pkl", pickle.dumps(vocab, protocol=4))
write("vocab-p2.pkl", pickle.dumps(vocab, protocol=2))
write("vocab-evil.pkl", pickle.dumps([vocab, Evil()], protocol=4))
write("forest.pkl", pickle.dumps([Tree(S(64)) for _ in range(S(3000))], protocol=4))
write("forest-evil.pkl", pickle.dumps([Tree(S(64)) for _ in range(S(300))] + [Evil()], protocol=4))
write("floats.pkl", pickle.dumps([rng.random() for _ in range(S(500000))], protocol=4))
write("array.pkl", pickle.dumps(np.arange(S(8_000_000), dtype="f4"), protocol=5))
b = io.BytesIO()
np.save(b, np.arange(S(4_000_000), dtype="f8"))
write("array.npy", b.getvalue())
b = io.BytesIO()
np.save(b, np.array([Evil(), 1.5], dtype=object), allow_pickle=True)
write("object-evil.npy", b.getvalue())
print(out)
