#!/usr/bin/env python3
"""Known-answer containers for @modelsec/core/encryption, written from docs/encryption.md by an
independent implementation: pyca/cryptography (AES-GCM, ChaCha20-Poly1305, HKDF), Python's hmac and
hashlib.scrypt, and HChaCha20 from draft-irtf-cfrg-xchacha-03 (checked against its test vector below).

Run: python3 packages/core/test/vectors/encryption-gen.py > packages/core/test/vectors/encryption.json
"""
import base64, hashlib, hmac, json, struct, sys
import cryptography
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM, ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

MAGIC = bytes.fromhex('894d53454e430d0a')

def b64url(b): return base64.urlsafe_b64encode(b).rstrip(b'=').decode()

def rotl(v, c): return ((v << c) & 0xffffffff) | (v >> (32 - c))

def hchacha20(key, nonce16):
    s = [0x61707865, 0x3320646e, 0x79622d32, 0x6b206574] + list(struct.unpack('<8I', key)) + list(struct.unpack('<4I', nonce16))
    def qr(a, b, c, d):
        s[a] = (s[a] + s[b]) & 0xffffffff; s[d] = rotl(s[d] ^ s[a], 16)
        s[c] = (s[c] + s[d]) & 0xffffffff; s[b] = rotl(s[b] ^ s[c], 12)
        s[a] = (s[a] + s[b]) & 0xffffffff; s[d] = rotl(s[d] ^ s[a], 8)
        s[c] = (s[c] + s[d]) & 0xffffffff; s[b] = rotl(s[b] ^ s[c], 7)
    for _ in range(10):
        qr(0, 4, 8, 12); qr(1, 5, 9, 13); qr(2, 6, 10, 14); qr(3, 7, 11, 15)
        qr(0, 5, 10, 15); qr(1, 6, 11, 12); qr(2, 7, 8, 13); qr(3, 4, 9, 14)
    return struct.pack('<8I', *(s[0:4] + s[12:16]))

# draft-irtf-cfrg-xchacha-03 section 2.2.1
assert hchacha20(bytes(range(32)), bytes.fromhex('000000090000004a0000000031415927')).hex() == \
    '82413b4227b27bfed30e42508a877d73a0f9e4d58a74a853c12ec41326d3ecdc'

def xchacha_seal(key, nonce24, pt, ad):
    sub = hchacha20(key, nonce24[:16])
    return ChaCha20Poly1305(sub).encrypt(b'\0\0\0\0' + nonce24[16:], pt, ad)

def hkdf(ikm, salt, info):
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(ikm)

def container(alg, chunk_log2, prefix, metadata, plaintext, dek, envelope_for):
    alg_id = {'aes-256-gcm': 1, 'xchacha20-poly1305': 2}[alg]
    meta = json.dumps(metadata, separators=(', ', ': ')).encode()  # any JSON formatting: bytes are authenticated as-is
    bound = MAGIC + bytes([1, alg_id, chunk_log2, 0]) + prefix + struct.pack('>H', len(meta)) + meta
    env = json.dumps(envelope_for(bound)).encode()
    mac_input = bound + struct.pack('>H', len(env)) + env
    payload_key = hkdf(dek, prefix, b'modelsec-encryption-v1 payload key')
    mac_key = hkdf(dek, prefix, b'modelsec-encryption-v1 header mac key')
    out = mac_input + hmac.new(mac_key, mac_input, 'sha256').digest()
    size = 1 << chunk_log2
    n = max(1, -(-len(plaintext) // size))
    for i in range(n):
        chunk = plaintext[i * size:(i + 1) * size]
        nonce = prefix + struct.pack('>IB', i, 1 if i == n - 1 else 0)
        out += AESGCM(payload_key).encrypt(nonce, chunk, bound) if alg == 'aes-256-gcm' else xchacha_seal(payload_key, nonce, chunk, bound)
    return out, payload_key, mac_key

def kek_envelope(kek, dek, iv, key_id):
    def make(bound):
        wrapped = iv + AESGCM(kek).encrypt(iv, dek, b'modelsec-encryption-v1 data key' + bound)
        return {'keyId': key_id, 'provider': 'kek', 'wrappedKey': b64url(wrapped)}
    return make

def pass_envelope(passphrase, salt, n, r, p, dek, iv):
    def make(bound):
        kek = hashlib.scrypt(passphrase.encode(), salt=salt, n=n, r=r, p=p, dklen=32)
        wrapped = iv + AESGCM(kek).encrypt(iv, dek, b'modelsec-encryption-v1 data key' + bound)
        return {'keyId': 'passphrase', 'provider': 'passphrase', 'wrappedKey': b64url(wrapped),
                'params': {'kdf': 'scrypt', 'N': n, 'r': r, 'p': p, 'salt': b64url(salt)}}
    return make

kek = bytes(range(32))
dek = bytes(range(100, 132))
cases = []
for name, alg, log2, size, env in [
    ('aes-256-gcm, kek, 3 chunks of 64', 'aes-256-gcm', 6, 150, kek_envelope(kek, dek, bytes(range(12)), 'vector-key')),
    ('aes-256-gcm, kek, exact multiple of the chunk size', 'aes-256-gcm', 6, 128, kek_envelope(kek, dek, bytes(range(12)), 'vector-key')),
    ('aes-256-gcm, kek, empty plaintext', 'aes-256-gcm', 16, 0, kek_envelope(kek, dek, bytes(range(12)), 'vector-key')),
    ('xchacha20-poly1305, kek, 2 chunks of 256', 'xchacha20-poly1305', 8, 300, kek_envelope(kek, dek, bytes(range(12)), 'vector-key')),
    ('aes-256-gcm, passphrase (scrypt N=1024 r=8 p=1)', 'aes-256-gcm', 10, 1500,
     pass_envelope('correct horse battery staple', bytes(range(16)), 1024, 8, 1, dek, bytes(range(12)))),
]:
    plaintext = bytes((i * 7 + 3) & 0xff for i in range(size))
    prefix = bytes(range(200, 200 + (7 if alg == 'aes-256-gcm' else 19)))
    metadata = {'name': 'vector', 'size': str(size), 'digest': 'sha256:' + hashlib.sha256(plaintext).hexdigest()}
    data, pk, mk = container(alg, log2, prefix, metadata, plaintext, dek, env)
    cases.append({'name': name, 'algorithm': alg, 'chunkSize': 1 << log2, 'plaintextHex': plaintext.hex(),
                  'payloadKeyHex': pk.hex(), 'macKeyHex': mk.hex(), 'containerHex': data.hex()})

json.dump({
    '_source': 'Generated by encryption-gen.py (this folder) from docs/encryption.md with pyca/cryptography '
               + cryptography.__version__ + ', Python hmac/hashlib.scrypt and HChaCha20 per draft-irtf-cfrg-xchacha-03 '
               '(checked against its section 2.2.1 vector): an implementation independent of the TypeScript code.',
    'kekHex': kek.hex(), 'dataKeyHex': dek.hex(), 'passphrase': 'correct horse battery staple', 'cases': cases,
}, sys.stdout, indent=1)
sys.stdout.write('\n')
