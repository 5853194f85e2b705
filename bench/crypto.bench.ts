// Throughput of @trail/crypto: AEAD, secretstream blobs and keyed BLAKE2b on 1 KiB, 64 KiB and
// 8 MiB payloads. Run after `npx tsc -b packages/crypto`:  node bench/crypto.bench.ts
// Prints a markdown table and writes bench/out/crypto.json.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  asCiphertext,
  decryptStream,
  encryptStream,
  generateSpaceKey,
  keyedHash,
  open,
  openBlob,
  randomBytes,
  ready,
  seal,
  sealBlob,
} from '@trail/crypto';

interface Result {
  operation: string;
  payloadBytes: number;
  iterations: number;
  seconds: number;
  mbPerSecond: number;
}

const SIZES = [
  { label: '1 KiB', bytes: 1024 },
  { label: '64 KiB', bytes: 64 * 1024 },
  { label: '8 MiB', bytes: 8 * 1024 * 1024 },
];
const MIN_SECONDS = 0.4;
const MIN_ITERATIONS = 5;

async function measure(
  operation: string,
  payloadBytes: number,
  run: () => unknown,
): Promise<Result> {
  for (let i = 0; i < 2; i++) await run();
  let iterations = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < MIN_SECONDS * 1000 || iterations < MIN_ITERATIONS) {
    await run();
    iterations++;
    elapsed = performance.now() - start;
  }
  const seconds = elapsed / 1000;
  return {
    operation,
    payloadBytes,
    iterations,
    seconds,
    mbPerSecond: (payloadBytes * iterations) / seconds / 1e6,
  };
}

async function drain(source: AsyncIterable<Uint8Array>): Promise<number> {
  let total = 0;
  for await (const chunk of source) total += chunk.length;
  return total;
}

await ready();
const key = generateSpaceKey();
const ad = randomBytes(64);
const results: Result[] = [];

for (const { bytes } of SIZES) {
  const payload = randomBytes(bytes);
  const sealed = seal(key, payload, ad);
  const blob = sealBlob(key, payload);
  results.push(
    await measure('AEAD seal (XChaCha20-Poly1305)', bytes, () => seal(key, payload, ad)),
  );
  results.push(await measure('AEAD open', bytes, () => open(key, sealed, ad)));
  results.push(await measure('secretstream sealBlob', bytes, () => sealBlob(key, payload)));
  results.push(
    await measure('secretstream openBlob', bytes, () => openBlob(key, asCiphertext(blob))),
  );
  results.push(
    await measure('secretstream encryptStream', bytes, () => drain(encryptStream(key, payload))),
  );
  results.push(
    await measure('secretstream decryptStream', bytes, () => drain(decryptStream(key, blob))),
  );
  results.push(await measure('keyed BLAKE2b (keyedHash)', bytes, () => keyedHash(key, payload)));
}

const sizeLabel = (n: number): string => SIZES.find((s) => s.bytes === n)?.label ?? `${n} B`;
const lines = [
  '| operation | payload | MB/s | ops/s |',
  '| --- | ---: | ---: | ---: |',
  ...results.map(
    (r) =>
      `| ${r.operation} | ${sizeLabel(r.payloadBytes)} | ${r.mbPerSecond.toFixed(1)} | ${(r.iterations / r.seconds).toFixed(0)} |`,
  ),
];
console.log(lines.join('\n'));

const out = join(dirname(fileURLToPath(import.meta.url)), 'out', 'crypto.json');
await mkdir(dirname(out), { recursive: true });
await writeFile(
  out,
  `${JSON.stringify(
    {
      benchmark: 'crypto',
      date: new Date().toISOString(),
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      unit: 'MB/s (10^6 bytes per second)',
      results,
    },
    null,
    2,
  )}\n`,
);
console.error(`wrote ${out}`);
