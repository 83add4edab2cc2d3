/**
 * Interop cross-check with Python: model_signing itself cannot be installed here (no PyPI), so a
 * short independent Python script re-does what model_signing 1.x's key and certificate verifiers do,
 * with the same library calls (`cryptography`: load_pem_public_key, the SHA-256 hint over the
 * SubjectPublicKeyInfo PEM, ECDSA with the curve's hash over the DSSE PAE, certificate issuance
 * checks) and the same manifest rules (json.loads, root digest, glob of the folder, `<hash>-sharded-N`
 * digests, `range()` over the shard size), on bundles that modelsec signed. Skipped when python3 or
 * its `cryptography` package is missing.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { directorySource, signModel } from '@modelsec/core/signing';
import { sharedDataDir } from '@modelsec-test/utils';
import { afterAll, describe, expect, test } from 'vitest';

const python = spawnSync('python3', ['-c', 'import cryptography; print(cryptography.__version__)'], {
  encoding: 'utf8',
});
const available = python.status === 0;
const keys = join(await sharedDataDir(), 'model-transparency/keys/certificate');
const base = mkdtempSync(join(tmpdir(), 'modelsec-interop-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

const SCRIPT = `
import base64, hashlib, json, pathlib, sys
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

bundle_path, model, mode, key_or_root = sys.argv[1:5]
bundle = json.loads(pathlib.Path(bundle_path).read_text())
assert bundle["mediaType"] == "application/vnd.dev.sigstore.bundle.v0.3+json"
env = bundle["dsseEnvelope"]
payload = base64.b64decode(env["payload"])
sig = base64.b64decode(env["signatures"][0]["sig"])
ptype = env["payloadType"]
pae = b" ".join([f"DSSEv1 {len(ptype)} {ptype} {len(payload)}".encode(), payload])
def ec_hash(k):
    return {256: hashes.SHA256(), 384: hashes.SHA384(), 521: hashes.SHA512()}[k.curve.key_size]
vm = bundle["verificationMaterial"]
if mode == "key":
    key = serialization.load_pem_public_key(pathlib.Path(key_or_root).read_bytes())
    pem = key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    assert vm["publicKey"]["hint"] == hashlib.sha256(pem).hexdigest(), "hint"
else:
    certs = [x509.load_der_x509_certificate(base64.b64decode(c["rawBytes"])) for c in vm["x509CertificateChain"]["certificates"]]
    root = x509.load_pem_x509_certificate(pathlib.Path(key_or_root).read_bytes())
    chain = certs + [root]
    for child, parent in zip(chain, chain[1:]):
        child.verify_directly_issued_by(parent)
    key = certs[0].public_key()
key.verify(sig, pae, ec.ECDSA(ec_hash(key)))
st = json.loads(payload)
assert st["_type"] == "https://in-toto.io/Statement/v1"
assert st["predicateType"] == "https://model_signing/signature/v1.0"
assert len(st["subject"]) == 1
h = hashlib.sha256()
for r in st["predicate"]["resources"]:
    h.update(bytes.fromhex(r["digest"]))
assert h.hexdigest() == st["subject"][0]["digest"]["sha256"], "root digest"
ser = st["predicate"]["serialization"]
root_dir = pathlib.Path(model)
ignored = [root_dir / p for p in ser.get("ignore_paths", [])]
actual = {}
for path in [root_dir, *root_dir.glob("**/*")]:
    if any(path.is_relative_to(i) for i in ignored) or not path.is_file():
        continue
    rel = str(path.relative_to(root_dir))
    data = path.read_bytes()
    if ser["method"] == "files":
        actual[rel] = (ser["hash_type"], hashlib.sha256(data).hexdigest())
    else:
        size = ser["shard_size"]
        ends = list(range(size, len(data), size)) + [len(data)] if data else []
        start = 0
        for end in ends:
            actual[f"{rel}:{start}:{end}"] = (f"{ser['hash_type']}-sharded-{size}", hashlib.sha256(data[start:end]).hexdigest())
            start = end
expected = {r["name"]: (r["algorithm"], r["digest"]) for r in st["predicate"]["resources"]}
assert actual == expected, (sorted(actual), sorted(expected))
names = list(expected)
assert names == sorted(names, key=lambda n: pathlib.PurePosixPath(n.rsplit(":", 2)[0] if ser["method"] == "shards" else n).parts), "order"
print("OK", len(expected))
`;

function model(name: string): string {
  const dir = join(base, name);
  mkdirSync(join(dir, 'a/b'), { recursive: true });
  writeFileSync(
    join(dir, 'a/b/weights.bin'),
    new Uint8Array(10_000).map((_, i) => i % 251),
  );
  writeFileSync(join(dir, 'a-c.json'), '{"x": 1}');
  writeFileSync(join(dir, 'empty'), '');
  writeFileSync(join(dir, 'z.txt'), 'z');
  return dir;
}

function runPython(bundle: string, dir: string, mode: 'key' | 'certificate', material: string) {
  const file = join(base, `${Math.random()}.sig`);
  writeFileSync(file, bundle);
  return spawnSync('python3', ['-c', SCRIPT, file, dir, mode, material], { encoding: 'utf8' });
}

describe.skipIf(!available)(`Python cryptography ${python.stdout.trim()} re-verifies modelsec bundles`, () => {
  const privateKey = () => import('node:fs').then((fs) => fs.readFileSync(join(keys, 'signing-key.pem'), 'utf8'));
  for (const shards of [false, true]) {
    test(`key method, ${shards ? 'shards of 4096' : 'files'}`, async () => {
      const dir = model(`key-${shards}`);
      const { text } = await signModel(directorySource(dir), {
        privateKey: await privateKey(),
        ...(shards ? { method: 'shards', shardSize: 4096 } : {}),
      });
      const r = runPython(text, dir, 'key', join(keys, 'signing-key-pub.pem'));
      expect(r.stderr).toBe('');
      expect(r.stdout.trim()).toBe(shards ? 'OK 5' : 'OK 4');
    });
  }
  test('certificate method', async () => {
    const dir = model('cert');
    const { readFileSync } = await import('node:fs');
    const chain = ['signing-key-cert.pem', 'int-ca-cert.pem'].map((f) => readFileSync(join(keys, f), 'utf8'));
    const { text } = await signModel(directorySource(dir), { privateKey: await privateKey(), certificateChain: chain });
    const r = runPython(text, dir, 'certificate', join(keys, 'ca-cert.pem'));
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('OK 4');
  });
  test('P-256 and P-521 keys generated by WebCrypto', async () => {
    for (const namedCurve of ['P-256', 'P-521']) {
      const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve }, true, ['sign', 'verify']);
      const spki = Buffer.from(await crypto.subtle.exportKey('spki', pair.publicKey)).toString('base64');
      const pubFile = join(base, `${namedCurve}.pub`);
      writeFileSync(
        pubFile,
        `-----BEGIN PUBLIC KEY-----\n${spki.replace(/(.{64})/g, '$1\n')}\n-----END PUBLIC KEY-----\n`,
      );
      const dir = model(`curve-${namedCurve}`);
      const { text } = await signModel(directorySource(dir), { privateKey: pair });
      const r = runPython(text, dir, 'key', pubFile);
      expect(r.stderr).toBe('');
      expect(r.stdout.trim()).toBe('OK 4');
    }
  });
});
