"""Generate reference-files.json: model files written by the real libraries (numpy, joblib, h5py,
Python's pickle/gzip, 7-Zip), as base64, with the verdict the scanner must give. One-off generator:
run with Debian's python3 (python3-numpy, python3-joblib, python3-h5py) and 7zz (package 7zip).
Nothing here is ever unpickled: Evil's __reduce__ only runs at load time, which never happens.
"""
import base64, gzip, hashlib, io, json, os, pickle, subprocess, sys, tempfile

import h5py
import joblib
import numpy as np


class Evil:
    def __reduce__(self):
        return (os.system, ("echo pwned",))


def read(path):
    with open(path, "rb") as f:
        return f.read()


out = []


def add(name, data, verdict, source, must_find=(), note=""):
    out.append({"name": name, "b64": base64.b64encode(data).decode(), "sha256": hashlib.sha256(data).hexdigest(),
                "verdict": verdict, "must_find": list(must_find), "source": source, "note": note})


tmp = tempfile.mkdtemp()
p = os.path.join(tmp, "f")
EVIL = ["posix.system"]

joblib.dump({"w": np.arange(12, dtype="f8").reshape(3, 4), "names": np.array(["a", None], dtype=object), "n": 3}, p)
add("benign.joblib", read(p), "suspicious", f"joblib {joblib.__version__} dump (float + object arrays)", (),
    "the object array pickles bytes via _codecs.encode, which picklescan (and so this scanner) rates suspicious")
joblib.dump([np.arange(1000, dtype="f8"), np.zeros((2, 3), dtype="<i4"), Evil()], p)
add("evil-after-arrays.joblib", read(p), "dangerous", f"joblib {joblib.__version__} dump", EVIL,
    "the payload follows 8 KB of raw array bytes that are not pickle opcodes")
joblib.dump([np.arange(100, dtype="f4"), Evil()], p, compress=3)
add("evil-zlib.joblib", read(p), "dangerous", f"joblib {joblib.__version__} dump compress=3 (zlib)", EVIL)
joblib.dump([np.arange(100, dtype="f4"), Evil()], p, compress="gzip")
add("evil-gzip.joblib", read(p), "dangerous", f"joblib {joblib.__version__} dump compress=gzip", EVIL)

b = io.BytesIO(); np.save(b, np.arange(10, dtype="<f4")); add("floats.npy", b.getvalue(), "clean", f"numpy {np.__version__} save")
b = io.BytesIO(); np.save(b, np.array([Evil(), 1], dtype=object), allow_pickle=True)
add("object-evil.npy", b.getvalue(), "dangerous", f"numpy {np.__version__} save (object array)", EVIL)
b = io.BytesIO(); np.savez(b, a=np.arange(3), b=np.ones((2, 2)))
add("plain.npz", b.getvalue(), "clean", f"numpy {np.__version__} savez")
b = io.BytesIO(); np.savez_compressed(b, a=np.arange(3), b=np.array([Evil()], dtype=object))
add("object-evil-compressed.npz", b.getvalue(), "dangerous", f"numpy {np.__version__} savez_compressed", EVIL)

add("evil.pkl.gz", gzip.compress(pickle.dumps(Evil(), protocol=2)), "dangerous", "Python gzip + pickle protocol 2", EVIL)
add("evil-p0.pkl", pickle.dumps([1, Evil()], protocol=0), "dangerous", "Python pickle protocol 0", EVIL)
add("evil-p5-frames.pkl", pickle.dumps({"x": b"\xe8" * 70000, "e": Evil()}, protocol=5), "dangerous",
    "Python pickle protocol 5 (framed, large bytes)", EVIL)
add("benign-p4.pkl", pickle.dumps({"a": [1, 2.5, "s", None, True], "t": (1, 2), "s": {1, 2}, "b": b"x" * 300}, protocol=4),
    "clean", "Python pickle protocol 4")

lam = {"class_name": "Sequential", "config": {"name": "s", "layers": [
    {"class_name": "InputLayer", "config": {"batch_input_shape": [None, 4], "name": "in"}},
    {"class_name": "Lambda", "config": {"name": "l", "function": ["4wEAAAAAAAAAAAAAAAEAAAACAAAAQwAAAHMIAAAAfABkARQAUwApAk7p", None, None],
                                        "function_type": "lambda", "module": "__main__"}}]}}
dense = {"class_name": "Sequential", "config": {"name": "s", "layers": [
    {"class_name": "Dense", "config": {"name": "d", "units": 2, "activation": "relu"}}]}}
for name, cfg, verdict in [("lambda.h5", lam, "dangerous"), ("dense.h5", dense, "clean")]:
    with h5py.File(p, "w") as f:
        f.attrs["model_config"] = json.dumps(cfg)
        f.attrs["keras_version"] = "2.15.0"
        f.create_dataset("model_weights/d/kernel", data=np.ones((4, 2), dtype="f4"))
    add(name, read(p), verdict, f"h5py {h5py.__version__} file with a Keras 2 model_config attribute")

evil_pkl = os.path.join(tmp, "model.pkl")
with open(evil_pkl, "wb") as f:
    f.write(pickle.dumps({"w": list(range(50)), "e": Evil()}, protocol=4))
for name, flags in [("lzma2.7z", []), ("lzma.7z", ["-m0=LZMA"]), ("bcj-lzma2.7z", ["-m0=BCJ", "-m1=LZMA2"]),
                    ("deflate.7z", ["-m0=Deflate"])]:
    arc = os.path.join(tmp, name)
    subprocess.run(["7zz", "a", "-t7z", *flags, arc, evil_pkl], check=True, capture_output=True)
    add(name, read(arc), "dangerous", f"7-Zip 7zz a -t7z {' '.join(flags)}", EVIL)

# BCJ x86 known answer: a Copy-coded 7z whose packed stream is BCJ-encoded; the raw input is kept.
raw = bytes((i * 37 + (i >> 3)) & 0xFF if i % 7 else 0xE8 for i in range(4096))
rawp = os.path.join(tmp, "code.bin")
with open(rawp, "wb") as f:
    f.write(raw)
arc = os.path.join(tmp, "bcj.7z")
subprocess.run(["7zz", "a", "-t7z", "-m0=BCJ", "-m1=Copy", "-mhc=off", arc, rawp], check=True, capture_output=True)
packed = read(arc)[32:32 + len(raw)]
bcj = {"encoded_b64": base64.b64encode(packed).decode(), "decoded_sha256": hashlib.sha256(raw).hexdigest(),
       "changed": packed != raw}

json.dump({"_source": "packages/scanner/test/vectors/make-reference-files.py: files written by numpy, joblib, h5py, "
                      "Python pickle/gzip and 7-Zip (7zz); verdicts by construction (Evil.__reduce__ -> posix.system)",
           "files": out, "bcj_x86": bcj}, sys.stdout, indent=1)
