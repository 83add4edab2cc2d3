"""SentencePiece's own `nmt_nfkc` precompiled charsmap, the normalization table of XLM-R-style models.

The table depends only on the normalization rule (NFKC plus SentencePiece's whitespace and control
mappings), not on the training text: SentencePiece builds it with its own Darts-clone builder when it
trains a model. This script trains a tiny Unigram model on a fixed text with the real library (Debian's
python3-sentencepiece, 0.1.97), reads the charsmap out of the ModelProto (normalizer_spec field 3,
precompiled_charsmap field 2) and writes it as base64, with a few NFKC answers to check against.

Run: python3 packages/validators/test/vectors/spm-charsmap.py > packages/validators/test/vectors/spm-charsmap.json
"""
import base64
import json
import os
import sys
import tempfile

import sentencepiece as spm

TEXT = "\n".join(
    [
        "The quick brown fox jumps over the lazy dog.",
        "ﬁne ｆｕｌｌ Ⅻ café naïve 日本語 テスト Привет мир ①②③ ™ ½",
    ]
    * 50
)


def fields(buf):
    i = 0
    while i < len(buf):
        key, i = varint(buf, i)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, i = varint(buf, i)
        elif wire == 2:
            length, i = varint(buf, i)
            value, i = buf[i : i + length], i + length
        elif wire == 5:
            value, i = buf[i : i + 4], i + 4
        elif wire == 1:
            value, i = buf[i : i + 8], i + 8
        else:
            raise ValueError("unexpected wire type")
        yield number, value


def varint(buf, i):
    value, shift = 0, 0
    while True:
        byte = buf[i]
        i += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, i


with tempfile.TemporaryDirectory() as tmp:
    corpus = os.path.join(tmp, "corpus.txt")
    with open(corpus, "w", encoding="utf-8") as f:
        f.write(TEXT)
    spm.SentencePieceTrainer.train(
        input=corpus,
        model_prefix=os.path.join(tmp, "m"),
        vocab_size=56,
        model_type="unigram",
        normalization_rule_name="nmt_nfkc",
        character_coverage=1.0,
        minloglevel=2,
    )
    with open(os.path.join(tmp, "m.model"), "rb") as f:
        model = f.read()
    sp = spm.SentencePieceProcessor(model_file=os.path.join(tmp, "m.model"))

charsmap = next(v for n, v in fields(model) if n == 3)
charsmap = next(v for n, v in fields(charsmap) if n == 2)
json.dump(
    {
        "source": "sentencepiece " + spm.__version__ + ", normalization_rule_name=nmt_nfkc",
        "bytes": len(charsmap),
        "charsmap": base64.b64encode(charsmap).decode(),
        # SentencePiece's own normalization of a few texts: its pieces, joined (spaces as U+2581, a
        # leading one added).
        "normalized": [
            [t, "".join(sp.encode(t, out_type=str))]
            for t in ["ｆｕｌｌ ①", "ﬁne\u00a0Ⅻ", "a\u200bb", "e\u0301", "™ ½", "x\ty"]
        ],
    },
    sys.stdout,
    ensure_ascii=False,
    indent=1,
)
sys.stdout.write("\n")
