#!/usr/bin/python3
"""Writes the golden files that GoldenFilesTest reads back.

Run with Debian's python3-numpy (and python3-torch, used for the bfloat16 bytes when present):
    /usr/bin/python3 initlab-io/src/test/resources/golden/make_golden.py
The values are simple functions of the C-order index k, restated in GoldenFilesTest:
    float types  k * 0.5 - 3                 (exact in float16, bfloat16, float32, float64)
    int32        k * 178956970 - 2**31       (spans almost the whole int32 range)
    int64        k * (2**40 + 3) - 2**62     (not representable as float64: checks exactness)
with shape (2, 3, 4) unless stated. The safetensors files are written by the small writer below,
which follows the format as the reference implementation lays it out (no safetensors package here).
"""
import io
import json
import os
import struct
import warnings
import zipfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
SHAPE = (2, 3, 4)
K = np.arange(24, dtype=np.int64).reshape(SHAPE)


def floats(dtype):
    return (K * 0.5 - 3).astype(dtype)


def ints32():
    return (K * 178956970 - 2**31).astype(np.int32)


def ints64():
    return K * (2**40 + 3) - 2**62


def path(name):
    return os.path.join(HERE, name)


def npy_files():
    arrays = {
        'f2': floats(np.float16), 'f4': floats(np.float32), 'f8': floats(np.float64),
        'i4': ints32(), 'i8': ints64(),
    }
    for code, a in arrays.items():
        np.save(path(f'{code}_c.npy'), a)
        np.save(path(f'{code}_f.npy'), np.asfortranarray(a))
        np.save(path(f'{code}_be.npy'), a.astype(a.dtype.newbyteorder('>')))
    f4 = arrays['f4']
    for version in [(2, 0), (3, 0)]:
        with open(path(f'f4_v{version[0]}.npy'), 'wb') as f:
            np.lib.format.write_array(f, f4, version=version)
    with open(path('f8_f_v2.npy'), 'wb') as f:
        np.lib.format.write_array(f, np.asfortranarray(arrays['f8']), version=(2, 0))
    np.save(path('f4_0d.npy'), np.array(2.5, dtype=np.float32))
    np.save(path('f4_1d.npy'), (np.arange(5) * 0.5 - 3).astype(np.float32))
    np.save(path('f4_empty.npy'), np.zeros((0, 3), dtype=np.float32))
    # a 3-d Fortran array whose axes differ in length, to catch a transposition that is only right for squares
    np.save(path('f8_f_245.npy'), np.asfortranarray((np.arange(40).reshape(2, 4, 5) * 0.5 - 3)))
    np.save(path('bool.npy'), np.array([True, False, True]))
    np.save(path('c16.npy'), np.array([1 + 2j]))
    np.save(path('u1.npy'), np.arange(3, dtype=np.uint8))


def npz_files():
    # keyword order z, a, m: the reader must keep it, not sort it
    arrays = dict(z_last=floats(np.float32), a_first=ints64(), m_mid=np.asfortranarray(floats(np.float64)))
    np.savez(path('stored.npz'), **arrays)
    np.savez_compressed(path('compressed.npz'), **arrays)
    with zipfile.ZipFile(path('stored.npz')) as z:
        assert all(i.compress_type == zipfile.ZIP_STORED for i in z.infolist())
    with zipfile.ZipFile(path('compressed.npz')) as z:
        assert all(i.compress_type == zipfile.ZIP_DEFLATED for i in z.infolist())
    # malformed archives the reader must refuse: a key twice, an entry that is not a .npy
    one = io.BytesIO()
    np.save(one, floats(np.float32))
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')  # zipfile warns about the duplicate name, which is the point
        with zipfile.ZipFile(path('bad_duplicate.npz'), 'w') as z:
            z.writestr('a.npy', one.getvalue())
            z.writestr('a.npy', one.getvalue())
    with zipfile.ZipFile(path('bad_not_npy.npz'), 'w') as z:
        z.writestr('a.npy', one.getvalue())
        z.writestr('readme.txt', b'not an array')


def bf16_bytes(a32):
    bits = a32.view(np.uint32)
    assert np.all(bits & 0xFFFF == 0), 'golden bfloat16 values must be exact'
    shifted = (bits >> 16).astype('<u2').tobytes()
    try:
        import torch
        via_torch = torch.from_numpy(a32.copy()).to(torch.bfloat16).view(torch.int16).numpy().astype('<i2').tobytes()
        assert via_torch == shifted, 'torch and the bit shift disagree on bfloat16'
    except ImportError:
        pass
    return shifted


# the reference's dtype order (increasing alignment); the writer lays tensors out largest first
ALIGNMENT = ['BOOL', 'U8', 'I8', 'F8_E5M2', 'F8_E4M3', 'I16', 'U16', 'F16', 'BF16', 'I32', 'U32', 'F32', 'F64', 'I64', 'U64']


def safetensors_bytes(tensors, metadata, order=None, key_order=None):
    """tensors: name -> (dtype name, shape, little-endian bytes). order: data layout order, by default
    the reference's (alignment descending, then name); key_order: JSON key order, by default the layout order."""
    if order is None:
        order = sorted(tensors, key=lambda n: (-ALIGNMENT.index(tensors[n][0]), n.encode('utf-8')))
    header, offset, data = {}, 0, b''
    infos = {}
    for name in order:
        dtype, shape, raw = tensors[name]
        infos[name] = {'dtype': dtype, 'shape': list(shape), 'data_offsets': [offset, offset + len(raw)]}
        offset += len(raw)
        data += raw
    if metadata:
        header['__metadata__'] = metadata
    for name in (key_order or order):
        header[name] = infos[name]
    text = json.dumps(header, separators=(',', ':'), ensure_ascii=False).encode('utf-8')
    text += b' ' * ((8 - len(text) % 8) % 8)
    return struct.pack('<Q', len(text)) + text + data


def golden_tensors():
    f32 = floats(np.float32)
    return {
        'w.f32': ('F32', SHAPE, f32.astype('<f4').tobytes()),
        'w.f64': ('F64', SHAPE, floats(np.float64).astype('<f8').tobytes()),
        'w.f16': ('F16', SHAPE, floats(np.float16).astype('<f2').tobytes()),
        'w.bf16': ('BF16', SHAPE, bf16_bytes(f32)),
        'w.i32': ('I32', SHAPE, ints32().astype('<i4').tobytes()),
        'w.i64': ('I64', SHAPE, ints64().astype('<i8').tobytes()),
        'scalar': ('F32', (), np.float32(2.5).tobytes()),
        'empty': ('F32', (0, 3), b''),
        'n\u00e4me': ('F32', (2,), np.array([1.5, -1.5], dtype='<f4').tobytes()),
    }


def safetensors_files():
    tensors = golden_tensors()
    metadata = {'format': 'pt', 'made_by': 'make_golden.py'}
    with open(path('all_dtypes.safetensors'), 'wb') as f:
        f.write(safetensors_bytes(tensors, metadata))
    # valid but not laid out as the reference writes: data in name order, JSON keys reversed, no metadata
    names = sorted(tensors)
    with open(path('unordered.safetensors'), 'wb') as f:
        f.write(safetensors_bytes(tensors, None, order=names, key_order=list(reversed(names))))


if __name__ == '__main__':
    npy_files()
    npz_files()
    safetensors_files()
    print('wrote', len([n for n in os.listdir(HERE) if not n.endswith('.py')]), 'files to', HERE)
