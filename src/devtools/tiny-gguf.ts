/**
 * Writes a tiny but complete llama-architecture GGUF model: one transformer
 * block, a 16-wide embedding, ~9,000 weights, and a byte-level vocabulary of 262
 * tokens (the 256 bytes, "▁" for a space, and the control tokens of a ChatML
 * chat template, which the file carries). llama.cpp loads it and node-llama-cpp
 * generates from it in milliseconds, so tests and the benchmark run the real
 * runtime end to end without any downloaded weights. What it writes is noise.
 *
 * The weights are random (seeded) except the output layer, which is shaped so
 * the next token depends on the kind of the previous one: after an opening
 * quote a letter is likely, after letters a closing quote soon, a number is
 * almost always "1" and ends there, after the JSON's closing brace comes the
 * end-of-turn token. Under a JSON-schema grammar that makes strings a few
 * characters long, a judge's scores in range, and answers end within a few
 * hundred tokens, whatever the seed.
 *
 * GGUF v3 layout: "GGUF", version, tensor count, metadata count; typed
 * key/value pairs; tensor infos (name, dims with the fastest-varying first,
 * type, offset); padding to the alignment (32); tensor data, each aligned.
 */
import { writeFile } from 'node:fs/promises';
import { seededRandom } from '../core/dataset/split.js';

const enum ValueType {
  UINT32 = 4,
  INT32 = 5,
  FLOAT32 = 6,
  BOOL = 7,
  STRING = 8,
  ARRAY = 9,
}

const GGML_TYPE_F32 = 0;
const ALIGNMENT = 32;

type Scalar = { type: ValueType.UINT32 | ValueType.INT32 | ValueType.FLOAT32; value: number } | { type: ValueType.BOOL; value: boolean } | { type: ValueType.STRING; value: string };
type Value = Scalar | { type: ValueType.ARRAY; of: ValueType.INT32 | ValueType.FLOAT32 | ValueType.STRING; values: (number | string)[] };

interface Tensor {
  name: string;
  /** Fastest-varying dimension first, as GGUF stores them. */
  dims: number[];
  data: Float32Array;
}

class ByteWriter {
  private readonly parts: Buffer[] = [];
  length = 0;
  private push(b: Buffer): void {
    this.parts.push(b);
    this.length += b.length;
  }
  u32(v: number): void {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(v);
    this.push(b);
  }
  i32(v: number): void {
    const b = Buffer.alloc(4);
    b.writeInt32LE(v);
    this.push(b);
  }
  u64(v: number): void {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(v));
    this.push(b);
  }
  f32(v: number): void {
    const b = Buffer.alloc(4);
    b.writeFloatLE(v);
    this.push(b);
  }
  string(s: string): void {
    const b = Buffer.from(s, 'utf8');
    this.u64(b.length);
    this.push(b);
  }
  bytes(b: Buffer): void {
    this.push(b);
  }
  padTo(alignment: number): void {
    const pad = (alignment - (this.length % alignment)) % alignment;
    if (pad) this.push(Buffer.alloc(pad));
  }
  toBuffer(): Buffer {
    return Buffer.concat(this.parts);
  }
}

function writeValue(w: ByteWriter, v: Value): void {
  w.u32(v.type);
  if (v.type === ValueType.ARRAY) {
    w.u32(v.of);
    w.u64(v.values.length);
    for (const item of v.values) writeScalar(w, v.of, item);
  } else writeScalar(w, v.type, v.value);
}

function writeScalar(w: ByteWriter, type: ValueType, value: number | string | boolean): void {
  if (type === ValueType.UINT32) w.u32(value as number);
  else if (type === ValueType.INT32) w.i32(value as number);
  else if (type === ValueType.FLOAT32) w.f32(value as number);
  else if (type === ValueType.BOOL) w.bytes(Buffer.from([value ? 1 : 0]));
  else if (type === ValueType.STRING) w.string(value as string);
  else throw new Error(`unsupported GGUF value type ${type}`);
}

/** A GGUF v3 file from metadata and F32 tensors. */
export function ggufBytes(metadata: Record<string, Value>, tensors: Tensor[]): Buffer {
  const w = new ByteWriter();
  w.bytes(Buffer.from('GGUF', 'latin1'));
  w.u32(3);
  w.u64(tensors.length);
  w.u64(Object.keys(metadata).length);
  for (const [key, value] of Object.entries(metadata)) {
    w.string(key);
    writeValue(w, value);
  }
  let offset = 0;
  for (const t of tensors) {
    if (t.data.length !== t.dims.reduce((a, b) => a * b, 1)) throw new Error(`tensor ${t.name}: data does not match its dims`);
    w.string(t.name);
    w.u32(t.dims.length);
    for (const d of t.dims) w.u64(d);
    w.u32(GGML_TYPE_F32);
    w.u64(offset);
    offset += Math.ceil((t.data.length * 4) / ALIGNMENT) * ALIGNMENT;
  }
  w.padTo(ALIGNMENT);
  for (const t of tensors) {
    w.bytes(Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength));
    w.padTo(ALIGNMENT);
  }
  return w.toBuffer();
}

// ——— The tiny model ———

const EMBED = 16;
const HEADS = 2;
const FFN = 32;
const CONTROL = ['<unk>', '<s>', '</s>', '<|im_start|>', '<|im_end|>'] as const;
const SPACE_TOKEN = CONTROL.length; // "▁", the tokenizer's space
const FIRST_BYTE_TOKEN = SPACE_TOKEN + 1;
const VOCAB = FIRST_BYTE_TOKEN + 256;
const BOS = 1;
const EOS = 4; // <|im_end|>: ends a turn

const CHAT_TEMPLATE =
  "{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}{% endfor %}" +
  "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

/** Token kinds the shaped output layer tells apart: one embedding dimension each. */
const enum Kind {
  Quote = 0,
  Letter = 1,
  Digit = 2,
  Other = 3,
}
const KINDS = 4;

function byteOf(token: number): number | undefined {
  return token >= FIRST_BYTE_TOKEN ? token - FIRST_BYTE_TOKEN : undefined;
}

function kindOf(token: number): Kind {
  if (token === SPACE_TOKEN) return Kind.Letter;
  const b = byteOf(token);
  if (b === undefined) return Kind.Other;
  if (b === 0x22) return Kind.Quote;
  if ((b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a)) return Kind.Letter;
  if (b >= 0x30 && b <= 0x39) return Kind.Digit;
  return Kind.Other;
}

/** How much more likely `next` is after a token of kind `prev` (a logit offset). */
function preference(prev: Kind, next: number): number {
  const nextKind = kindOf(next);
  const b = byteOf(next);
  const closer = b === 0x2c || b === 0x7d || b === 0x5d; // , } ]
  switch (prev) {
    case Kind.Quote: // opening a string: a letter; closing one: the grammar allows only , } ] or space
      return nextKind === Kind.Letter ? 4 : next === EOS || nextKind === Kind.Quote ? -4 : 0;
    case Kind.Letter:
      return nextKind === Kind.Quote ? 4 : next === SPACE_TOKEN ? 1 : nextKind === Kind.Letter ? 1.5 : -2;
    case Kind.Digit: // numbers end after one digit; inside a string a digit is soon followed by the closing quote
      return nextKind === Kind.Quote ? 4 : closer ? 3 : nextKind === Kind.Digit || nextKind === Kind.Letter || b === 0x2e ? -3 : 0;
    default:
      // Where a number may start, "1": a score of 1 and a confidence of 1 are both in range for the judge.
      return next === EOS ? 2 : nextKind === Kind.Quote ? 3 : b === 0x31 ? 8 : 0;
  }
}

/** Deterministic pseudo-random numbers in [-1, 1): the dataset split's generator, stretched. */
function random(seed: number): () => number {
  const next = seededRandom(seed);
  return () => next() * 2 - 1;
}

function tokenTexts(): { tokens: string[]; types: number[] } {
  const tokens: string[] = [...CONTROL, '\u2581'];
  // GGUF token types: 1 normal, 2 unknown, 3 control, 6 byte.
  const types: number[] = [2, 3, 3, 3, 3, 1];
  for (let b = 0; b < 256; b++) {
    tokens.push(`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`);
    types.push(6);
  }
  return { tokens, types };
}

export interface TinyModelOptions {
  seed?: number;
  /** The training context the file claims; a context sequence can hold this many tokens. Default 32768. */
  contextLength?: number;
}

export function tinyModelBytes(options: TinyModelOptions = {}): Buffer {
  const rand = random(options.seed ?? 1);
  const fill = (n: number, scale: number) => Float32Array.from({ length: n }, () => rand() * scale);
  const ones = (n: number) => new Float32Array(n).fill(1);

  // Embedding: the token's kind as a one-hot, plus a little noise so tokens of a kind differ.
  const embedding = new Float32Array(VOCAB * EMBED);
  const output = new Float32Array(VOCAB * EMBED);
  for (let t = 0; t < VOCAB; t++) {
    for (let d = KINDS; d < EMBED; d++) embedding[t * EMBED + d] = rand() * 0.1;
    embedding[t * EMBED + kindOf(t)] = 1;
    // After RMS normalisation the one-hot dimension is about 4 wide, hence the /4.
    for (let k = 0; k < KINDS; k++) output[t * EMBED + k] = preference(k as Kind, t) / 4;
    for (let d = KINDS; d < EMBED; d++) output[t * EMBED + d] = rand() * 0.3;
  }
  // The block's weights are small, so the residual stream stays close to the embedding of the last token.
  const small = 0.02;
  const tensors: Tensor[] = [
    { name: 'token_embd.weight', dims: [EMBED, VOCAB], data: embedding },
    { name: 'output_norm.weight', dims: [EMBED], data: ones(EMBED) },
    { name: 'output.weight', dims: [EMBED, VOCAB], data: output },
    { name: 'blk.0.attn_norm.weight', dims: [EMBED], data: ones(EMBED) },
    { name: 'blk.0.attn_q.weight', dims: [EMBED, EMBED], data: fill(EMBED * EMBED, small) },
    { name: 'blk.0.attn_k.weight', dims: [EMBED, EMBED], data: fill(EMBED * EMBED, small) },
    { name: 'blk.0.attn_v.weight', dims: [EMBED, EMBED], data: fill(EMBED * EMBED, small) },
    { name: 'blk.0.attn_output.weight', dims: [EMBED, EMBED], data: fill(EMBED * EMBED, small) },
    { name: 'blk.0.ffn_norm.weight', dims: [EMBED], data: ones(EMBED) },
    { name: 'blk.0.ffn_gate.weight', dims: [EMBED, FFN], data: fill(EMBED * FFN, small) },
    { name: 'blk.0.ffn_up.weight', dims: [EMBED, FFN], data: fill(EMBED * FFN, small) },
    { name: 'blk.0.ffn_down.weight', dims: [FFN, EMBED], data: fill(FFN * EMBED, small) },
  ];

  const { tokens, types } = tokenTexts();
  const u32 = (value: number) => ({ type: ValueType.UINT32 as const, value });
  const metadata: Record<string, Value> = {
    'general.architecture': { type: ValueType.STRING, value: 'llama' },
    'general.name': { type: ValueType.STRING, value: 'persona-talks tiny test model' },
    'general.file_type': u32(0), // all F32
    'llama.context_length': u32(options.contextLength ?? 32768),
    'llama.embedding_length': u32(EMBED),
    'llama.block_count': u32(1),
    'llama.feed_forward_length': u32(FFN),
    'llama.attention.head_count': u32(HEADS),
    'llama.attention.head_count_kv': u32(HEADS),
    'llama.rope.dimension_count': u32(EMBED / HEADS),
    'llama.attention.layer_norm_rms_epsilon': { type: ValueType.FLOAT32, value: 1e-5 },
    'tokenizer.ggml.model': { type: ValueType.STRING, value: 'llama' },
    'tokenizer.ggml.tokens': { type: ValueType.ARRAY, of: ValueType.STRING, values: tokens },
    'tokenizer.ggml.scores': { type: ValueType.ARRAY, of: ValueType.FLOAT32, values: tokens.map(() => 0) },
    'tokenizer.ggml.token_type': { type: ValueType.ARRAY, of: ValueType.INT32, values: types },
    'tokenizer.ggml.bos_token_id': u32(BOS),
    'tokenizer.ggml.eos_token_id': u32(EOS),
    'tokenizer.ggml.unknown_token_id': u32(0),
    'tokenizer.ggml.add_bos_token': { type: ValueType.BOOL, value: true },
    'tokenizer.ggml.add_eos_token': { type: ValueType.BOOL, value: false },
    // Byte-level: no leading space invented in front of a text.
    'tokenizer.ggml.add_space_prefix': { type: ValueType.BOOL, value: false },
    'tokenizer.chat_template': { type: ValueType.STRING, value: CHAT_TEMPLATE },
  };
  return ggufBytes(metadata, tensors);
}

export async function writeTinyModel(path: string, options: TinyModelOptions = {}): Promise<void> {
  await writeFile(path, tinyModelBytes(options));
}

/** Facts about the tiny model that tests check against. */
export const TINY_MODEL = { vocabulary: VOCAB, embedding: EMBED, layers: 1, bosToken: BOS, eosToken: EOS } as const;
