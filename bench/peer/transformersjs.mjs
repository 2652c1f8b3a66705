// transformers.js on the sentences Tarjama's bench just measured (bench/peer-benchmark.sh).
//
//   node transformersjs.mjs measure --model DIR --tarjama FILE --out FILE
//       reads Tarjama's `bench --json` results, generates the same input ids with the same settings
//       (greedy, max_new_tokens = min_length, the folder's generation_config.json otherwise) at the
//       same batch sizes, and writes tokens/s and the output ids as JSON.
//   node transformersjs.mjs report FILE...
//       prints tokens/s for each batch size, side by side, with the ratio (median of the ratios
//       taken round by round) and how many outputs the two produced identically.
//
// Default Node settings: no flags, transformers.js picks its own ONNX Runtime threads.
import fs from 'node:fs';
import path from 'node:path';

const [command, ...rest] = process.argv.slice(2);
const args = {};
const files = [];
for (let i = 0; i < rest.length; i++) {
  if (rest[i].startsWith('--')) {
    args[rest[i].slice(2)] = rest[++i];
  } else {
    files.push(rest[i]);
  }
}

if (command === 'measure') {
  await measure(args);
} else if (command === 'report') {
  report(files);
} else {
  console.error('usage: transformersjs.mjs measure --model DIR --tarjama FILE --out FILE | report FILE...');
  process.exit(2);
}

async function measure({ model, tarjama, out }) {
  const { AutoModelForSeq2SeqLM, Tensor, env } = await import('@huggingface/transformers');
  const run = JSON.parse(fs.readFileSync(tarjama, 'utf8'));
  const folder = path.resolve(model);
  env.allowRemoteModels = false;
  env.localModelPath = path.dirname(folder) + path.sep;
  const seq2seq = await AutoModelForSeq2SeqLM.from_pretrained(path.basename(folder), { dtype: 'fp32', device: 'cpu' });
  const config = JSON.parse(fs.readFileSync(path.join(folder, 'config.json'), 'utf8'));
  const pad = BigInt(config.pad_token_id);
  const eos = Number(config.eos_token_id);
  const ids = run.input_ids;
  const maxNew = run.max_new_tokens;
  const settings = { max_new_tokens: maxNew, num_beams: 1, do_sample: false };
  if (run.fixed_length) {
    settings.min_length = maxNew; // what Tarjama's bench sets: EOS banned until the cap
  }

  async function generate(rows) {
    const width = Math.max(...rows.map((r) => r.length));
    const flat = new BigInt64Array(rows.length * width);
    const mask = new BigInt64Array(rows.length * width);
    rows.forEach((row, r) => {
      for (let j = 0; j < width; j++) {
        flat[r * width + j] = j < row.length ? BigInt(row[j]) : pad;
        mask[r * width + j] = j < row.length ? 1n : 0n;
      }
    });
    const output = await seq2seq.generate({
      input_ids: new Tensor('int64', flat, [rows.length, width]),
      attention_mask: new Tensor('int64', mask, [rows.length, width]),
      ...settings,
    });
    const [n, len] = output.dims;
    const data = Array.from(output.data, Number);
    const result = [];
    for (let r = 0; r < n; r++) {
      // Drop the decoder start token; keep up to and including the first EOS, as Tarjama reports ids.
      const seq = data.slice(r * len + 1, (r + 1) * len);
      const end = seq.indexOf(eos);
      result.push(end >= 0 ? seq.slice(0, end + 1) : seq);
    }
    return result;
  }

  const configurations = [];
  for (const c of run.configurations.filter((c) => c.cache && c.beams === 1)) {
    await generate(ids.slice(0, c.batch)); // warm-up, untimed, as Tarjama's bench does
    const outputs = [];
    const start = process.hrtime.bigint();
    const cpuStart = process.cpuUsage(); // the whole process, ONNX Runtime's threads included
    for (let i = 0; i < ids.length; i += c.batch) {
      outputs.push(...(await generate(ids.slice(i, i + c.batch))));
    }
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const cpu = process.cpuUsage(cpuStart);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const tokens = outputs.reduce((sum, o) => sum + o.length, 0);
    configurations.push({ batch: c.batch, tokens, seconds, cpu_seconds: cpuSeconds, tokens_per_s: tokens / seconds,
      output_ids: outputs });
    console.log(`transformers.js batch ${c.batch}, greedy: ${tokens} tokens in ${seconds.toFixed(2)} s,`
      + ` ${(tokens / seconds).toFixed(1)} tok/s, ${(tokens / cpuSeconds).toFixed(1)} tok/cpu-s`);
  }
  fs.writeFileSync(out, JSON.stringify({ tarjama, transformers_js: '4.3.1', node: process.version, configurations }));
}

function report(rounds) {
  // Each round is a pair: Tarjama's bench JSON and this script's JSON for the same sentences.
  const rows = new Map();
  for (const file of rounds) {
    const peer = JSON.parse(fs.readFileSync(file, 'utf8'));
    const tarjama = JSON.parse(fs.readFileSync(peer.tarjama, 'utf8'));
    for (const p of peer.configurations) {
      const t = tarjama.configurations.find((c) => c.cache && c.beams === 1 && c.batch === p.batch);
      const row = rows.get(p.batch) ?? { tarjama: [], peer: [], ratios: [], cpuRatios: [], same: 0, total: 0 };
      row.tarjama.push(t.tokens_per_s);
      row.peer.push(p.tokens_per_s);
      row.ratios.push(t.tokens_per_s / p.tokens_per_s);
      // Tokens per CPU-second, which other processes on a shared machine inflate far less than wall time.
      const tCpu = t.rounds.reduce((sum, x) => sum + x.cpu_seconds, 0) / t.rounds.reduce((sum, x) => sum + x.tokens, 0);
      row.cpuRatios.push(p.cpu_seconds / p.tokens / tCpu);
      p.output_ids.forEach((ids, i) => {
        row.total++;
        if (JSON.stringify(ids) === JSON.stringify(t.output_ids[i])) {
          row.same++;
        }
      });
      rows.set(p.batch, row);
    }
  }
  const median = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    const m = Math.floor(s.length / 2);
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  };
  console.log(`\n${rounds.length} round(s); tok/s are medians, the ratios are medians of the rounds' ratios`
    + ' (wall: tok/s; cpu: tokens per CPU-second of each process)');
  console.log('configuration        Tarjama tok/s   transformers.js tok/s   Tarjama / transformers.js   ratio in CPU time'
    + '   identical outputs');
  for (const [batch, r] of [...rows.entries()].sort((a, b) => a[0] - b[0])) {
    console.log(`batch ${String(batch).padEnd(3)} greedy    ${median(r.tarjama).toFixed(1).padStart(13)}   `
      + `${median(r.peer).toFixed(1).padStart(21)}   ${(median(r.ratios).toFixed(2) + 'x').padStart(25)}   `
      + `${(median(r.cpuRatios).toFixed(2) + 'x').padStart(17)}   ${r.same}/${r.total}`);
    console.log(`  rounds, wall: ${r.ratios.map((x) => x.toFixed(2) + 'x').join(' ')}; cpu: `
      + `${r.cpuRatios.map((x) => x.toFixed(2) + 'x').join(' ')}`);
  }
}
