/**
 * A GGUF v3 serializer: header, typed metadata, tensor infos, aligned tensor data, little-endian
 * throughout (the layout llama.cpp's gguf.cpp reads). Only the value and tensor types the tiny
 * test model needs are supported.
 */

/** A metadata value with its GGUF type spelled out: a JS number alone cannot say u32 or f32. */
export type GgufValue =
  | { type: 'u32'; value: number }
  | { type: 'i32'; value: number }
  | { type: 'f32'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'string'; value: string }
  | { type: 'string[]'; value: readonly string[] }
  | { type: 'i32[]'; value: readonly number[] }
  | { type: 'f32[]'; value: readonly number[] };

/** An F32 tensor; `dims` in GGUF order (ne[0] first: the length of one row). */
export interface GgufF32Tensor {
  name: string;
  dims: readonly number[];
  data: Float32Array;
}

export interface GgufContent {
  metadata: readonly (readonly [key: string, value: GgufValue])[];
  tensors: readonly GgufF32Tensor[];
  /** Written as `general.alignment` when not the default 32. */
  alignment?: number;
}

const GGUF_MAGIC = 0x46554747; // "GGUF" read as a little-endian u32
const GGUF_VERSION = 3;
const DEFAULT_ALIGNMENT = 32;

/** gguf_type values from ggml's gguf.h. */
const GgufType = { u32: 4, i32: 5, f32: 6, bool: 7, string: 8, array: 9 } as const;
const GGML_TYPE_F32 = 0;

/** Serializes `content` into the bytes of a GGUF v3 file. */
export function encodeGguf(content: GgufContent): Uint8Array {
  const alignment = content.alignment ?? DEFAULT_ALIGNMENT;
  const metadata: (readonly [string, GgufValue])[] = [...content.metadata];
  if (alignment !== DEFAULT_ALIGNMENT) metadata.push(['general.alignment', { type: 'u32', value: alignment }]);

  const out = new ByteSink();
  out.u32(GGUF_MAGIC);
  out.u32(GGUF_VERSION);
  out.u64(content.tensors.length);
  out.u64(metadata.length);
  for (const [key, value] of metadata) {
    out.string(key);
    writeValue(out, value);
  }

  let dataOffset = 0;
  const offsets: number[] = [];
  for (const tensor of content.tensors) {
    const elements = tensor.dims.reduce((a, b) => a * b, 1);
    if (elements !== tensor.data.length) {
      throw new Error(`tensor ${tensor.name}: dims ${tensor.dims.join('x')} hold ${elements} values, data has ${tensor.data.length}`);
    }
    out.string(tensor.name);
    out.u32(tensor.dims.length);
    for (const dim of tensor.dims) out.u64(dim);
    out.u32(GGML_TYPE_F32);
    out.u64(dataOffset);
    offsets.push(dataOffset);
    dataOffset = alignUp(dataOffset + tensor.data.byteLength, alignment);
  }

  out.padTo(alignment);
  const dataStart = out.length;
  for (const [index, tensor] of content.tensors.entries()) {
    out.padTo(alignment, dataStart + (offsets[index] ?? 0));
    out.f32Array(tensor.data);
  }
  out.padTo(alignment);
  return out.bytes();
}

function writeValue(out: ByteSink, value: GgufValue): void {
  switch (value.type) {
    case 'u32':
      out.u32(GgufType.u32);
      out.u32(value.value);
      return;
    case 'i32':
      out.u32(GgufType.i32);
      out.i32(value.value);
      return;
    case 'f32':
      out.u32(GgufType.f32);
      out.f32(value.value);
      return;
    case 'bool':
      out.u32(GgufType.bool);
      out.u8(value.value ? 1 : 0);
      return;
    case 'string':
      out.u32(GgufType.string);
      out.string(value.value);
      return;
    case 'string[]':
      out.u32(GgufType.array);
      out.u32(GgufType.string);
      out.u64(value.value.length);
      for (const item of value.value) out.string(item);
      return;
    case 'i32[]':
      out.u32(GgufType.array);
      out.u32(GgufType.i32);
      out.u64(value.value.length);
      for (const item of value.value) out.i32(item);
      return;
    case 'f32[]':
      out.u32(GgufType.array);
      out.u32(GgufType.f32);
      out.u64(value.value.length);
      for (const item of value.value) out.f32(item);
      return;
  }
}

function alignUp(offset: number, alignment: number): number {
  return Math.ceil(offset / alignment) * alignment;
}

/** A growable little-endian byte buffer. */
class ByteSink {
  private buffer = new Uint8Array(1 << 16);
  private view = new DataView(this.buffer.buffer);
  length = 0;

  private reserve(extra: number): number {
    const start = this.length;
    const needed = start + extra;
    if (needed > this.buffer.length) {
      let size = this.buffer.length * 2;
      while (size < needed) size *= 2;
      const grown = new Uint8Array(size);
      grown.set(this.buffer.subarray(0, this.length));
      this.buffer = grown;
      this.view = new DataView(grown.buffer);
    }
    this.length = needed;
    return start;
  }

  u8(value: number): void {
    this.view.setUint8(this.reserve(1), value);
  }
  u32(value: number): void {
    this.view.setUint32(this.reserve(4), value, true);
  }
  i32(value: number): void {
    this.view.setInt32(this.reserve(4), value, true);
  }
  f32(value: number): void {
    this.view.setFloat32(this.reserve(4), value, true);
  }
  u64(value: number): void {
    this.view.setBigUint64(this.reserve(8), BigInt(value), true);
  }
  string(value: string): void {
    const encoded = new TextEncoder().encode(value);
    this.u64(encoded.length);
    this.buffer.set(encoded, this.reserve(encoded.length));
  }
  f32Array(values: Float32Array): void {
    const start = this.reserve(values.length * 4);
    for (let i = 0; i < values.length; i++) this.view.setFloat32(start + i * 4, values[i] ?? 0, true);
  }
  /** Zero-pads up to the next multiple of `alignment` (or up to `target` when given). */
  padTo(alignment: number, target = alignUp(this.length, alignment)): void {
    if (target < this.length) throw new Error('GGUF writer: tensor data overlaps');
    this.reserve(target - this.length);
  }
  bytes(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}
