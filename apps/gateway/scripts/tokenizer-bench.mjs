#!/usr/bin/env node
// Tokenizer benchmark: which BPE library counts OpenAI tokens fastest and leanest on the gateway's
// hot path. Not part of the tests. The three candidates are not all dependencies of the gateway, so
// install them side by side somewhere and point the script there:
//
//   npm i --prefix /tmp/tokbench js-tiktoken gpt-tokenizer tiktoken
//   node apps/gateway/scripts/tokenizer-bench.mjs --from /tmp/tokbench [--quick]
//
// Each candidate runs in a fresh `node --expose-gc` child, so import cost and memory are measured
// from a clean process. Inputs are real text: English prose (the system's licence texts and this
// repository's docs), TypeScript source (this repository), and Chinese (zh_CN gettext catalogues of
// the machine, with a built-in fallback). Every iteration counts a different sample, so a library's
// caches only help as much as they would on real traffic. The token counts of all libraries are
// compared: a mismatch is reported as an error.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SCRIPT = fileURLToPath(import.meta.url);
const REPO = path.resolve(path.dirname(SCRIPT), '../../..');
const args = process.argv.slice(2);
const arg = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const FROM = path.resolve(arg('--from') ?? process.cwd());
const QUICK = args.includes('--quick');
const MODULES = path.join(FROM, 'node_modules');
const ENCODINGS = ['o200k_base', 'cl100k_base'];

// ---------------------------------------------------------------------------------------------
// Candidates: import the library core, load one encoding, count a string (special tokens such as
// `<|endoftext|>` in user text are counted as ordinary text, as the gateway must).

const lib = (...p) => pathToFileURL(path.join(MODULES, ...p)).href;

const CANDIDATES = {
  'js-tiktoken/lite': {
    async core() {
      return import(lib('js-tiktoken/dist/lite.js'));
    },
    async load(core, encoding) {
      const ranks = (await import(lib(`js-tiktoken/dist/ranks/${encoding}.js`))).default;
      const enc = new core.Tiktoken(ranks);
      return { count: (text) => enc.encode(text, [], []).length };
    },
  },
  'gpt-tokenizer': {
    async core() {
      return import(lib('gpt-tokenizer/esm/GptEncoding.js'));
    },
    async load(_core, encoding) {
      const api = await import(lib(`gpt-tokenizer/esm/encoding/${encoding}.js`));
      const plain = { disallowedSpecial: new Set() };
      return { count: (text) => api.countTokens(text, plain) };
    },
  },
  'tiktoken/lite (WASM)': {
    async core() {
      return import(lib('tiktoken/lite/tiktoken.cjs'));
    },
    async load(core, encoding) {
      const spec = (await import(lib(`tiktoken/encoders/${encoding}.cjs`))).default;
      const enc = new core.Tiktoken(spec.bpe_ranks, spec.special_tokens, spec.pat_str);
      return { count: (text) => enc.encode_ordinary(text).length, free: () => enc.free() };
    },
  },
  'tiktoken (WASM, ranks embedded)': {
    async core() {
      return import(lib('tiktoken/tiktoken.cjs'));
    },
    async load(core, encoding) {
      const enc = core.get_encoding(encoding);
      return { count: (text) => enc.encode_ordinary(text).length, free: () => enc.free() };
    },
  },
};

// ---------------------------------------------------------------------------------------------
// Inputs

function filesUnder(dir, exts, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) filesUnder(p, exts, out);
    else if (exts.some((e) => name.endsWith(e))) out.push(p);
  }
  return out;
}

/** Translations of a gettext .mo catalogue (the zh_CN ones are UTF-8 Chinese UI and help text). */
function moStrings(file) {
  const buf = readFileSync(file);
  const magic = buf.readUInt32LE(0);
  const le = magic === 0x950412de;
  if (!le && buf.readUInt32BE(0) !== 0x950412de) return [];
  const u32 = (o) => (le ? buf.readUInt32LE(o) : buf.readUInt32BE(o));
  const n = u32(8);
  const table = u32(16);
  const out = [];
  for (let i = 0; i < n; i++) {
    const len = u32(table + i * 8);
    const off = u32(table + i * 8 + 4);
    const s = buf.toString('utf8', off, off + len);
    if (s && !s.startsWith('Project-Id-Version')) out.push(...s.split('\0'));
  }
  return out;
}

const CJK_FALLBACK =
  '人工智能网关位于应用程序与模型服务之间，负责鉴权、路由、限流和计费。每个请求到达时，网关先识别调用方的密钥，' +
  '再根据模型名称选择上游实例；如果上游出现故障，它会在发送第一个字节之前切换到备用实例。流式输出时，网关逐块统计' +
  '生成的令牌数量，一旦达到策略规定的上限，就发送一个结束原因为长度的最后一块，并附上用量统计，然后关闭上游连接。' +
  '管理员可以在控制台中查看每个命名空间的流量、错误率、延迟分位数以及令牌消耗，并导出为表格文件。';

function corpora() {
  const prose = [];
  for (const dir of ['/usr/share/common-licenses']) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      const p = path.join(dir, name);
      if (statSync(p).isFile()) prose.push(readFileSync(p, 'utf8'));
    }
  }
  for (const f of filesUnder(REPO, ['.md'])) prose.push(readFileSync(f, 'utf8'));
  const code = filesUnder(path.join(REPO, 'apps'), ['.ts']).concat(filesUnder(path.join(REPO, 'packages'), ['.ts'])).map((f) => readFileSync(f, 'utf8'));
  const zhDir = '/usr/share/locale/zh_CN/LC_MESSAGES';
  let zh = existsSync(zhDir) ? readdirSync(zhDir).filter((f) => f.endsWith('.mo')).sort().flatMap((f) => moStrings(path.join(zhDir, f))) : [];
  zh = zh.filter((s) => /[\u4e00-\u9fff]/.test(s));
  const cjk = zh.length > 200 ? zh.join('\n') : CJK_FALLBACK.repeat(400);
  return { prose: prose.join('\n\n'), code: code.join('\n\n'), cjk, cjkSource: zh.length > 200 ? `${zh.length} zh_CN gettext strings` : 'built-in paragraph (no zh_CN catalogues found)' };
}

/** `count` distinct slices of about `chars` characters, spread over the corpus. */
function slices(text, chars, count) {
  const out = [];
  const span = Math.max(1, text.length - chars);
  for (let i = 0; i < count; i++) out.push(text.slice(Math.floor((span * i) / count), Math.floor((span * i) / count) + chars));
  return out;
}

/** Mixed English prose and code, alternating ~1,500-character blocks, as prompts often are. */
function mixed(prose, code, chars, count) {
  const p = slices(prose, chars, count);
  const c = slices(code, chars, count);
  return p.map((ps, i) => {
    let s = '';
    for (let o = 0; s.length < chars; o += 1500) s += ps.slice(o, o + 1500) + '\n' + c[i].slice(o, o + 1500) + '\n';
    return s.slice(0, chars);
  });
}

/** A short chat: the strings `countChatPrompt` encodes one by one (roles and contents). */
function chats(prose, count) {
  const sentences = prose.replace(/\s+/g, ' ').split(/(?<=[.?!]) /).filter((s) => s.length > 20 && s.length < 200);
  const out = [];
  for (let i = 0; i < count; i++) {
    const s = (k) => sentences[(i * 7 + k * 13) % sentences.length];
    out.push(['system', 'You are a helpful assistant.', 'user', s(0), 'assistant', s(1), 'user', `${s(2)} Answer briefly.`]);
  }
  return out;
}

function inputs() {
  const { prose, code, cjk, cjkSource } = corpora();
  const n = 16;
  return {
    cjkSource,
    cases: [
      { name: 'chat, 4 messages (~50-90 tokens)', samples: chats(prose, n), budgetMs: 600 },
      { name: '2k-token text (prose + code)', samples: mixed(prose, code, 8_500, n), budgetMs: 800 },
      { name: '20k-token text (prose + code)', samples: mixed(prose, code, 85_000, 8), budgetMs: 1500 },
      { name: 'CJK text (~2k tokens)', samples: slices(cjk, 2_600, n), budgetMs: 800 },
      // A pasted blob without spaces: one long pre-token piece; exposes quadratic merge loops.
      { name: 'no-whitespace blob (10 kB base64)', samples: Array.from({ length: 4 }, (_, i) => Buffer.from(prose.slice(i * 20_000, i * 20_000 + 7_500)).toString('base64')), budgetMs: 1500 },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// The child: one candidate, from a fresh process.

function mem() {
  globalThis.gc();
  globalThis.gc();
  const m = process.memoryUsage();
  return { rss: m.rss, heap: m.heapUsed, external: m.external + m.arrayBuffers };
}

const ms = (ns) => Number(ns) / 1e6;

async function child(name, inputFile) {
  const c = CANDIDATES[name];
  // The parent built the inputs once (the repository may change between two children's reads).
  const { cases } = JSON.parse(readFileSync(inputFile, 'utf8'));
  const before = mem();
  let t = process.hrtime.bigint();
  const core = await c.core();
  const importMs = ms(process.hrtime.bigint() - t);
  const encoders = {};
  const loadMs = {};
  for (const e of ENCODINGS) {
    t = process.hrtime.bigint();
    encoders[e] = await c.load(core, e);
    encoders[e].count('hello world');
    loadMs[e] = ms(process.hrtime.bigint() - t);
  }
  const loaded = mem();

  const results = [];
  for (const kase of cases) {
    for (const e of kase.name.startsWith('chat') || kase.name.startsWith('2k') ? ENCODINGS : ['o200k_base']) {
      const enc = encoders[e];
      const count = kase.name.startsWith('chat') ? (parts) => parts.reduce((n, s) => n + enc.count(s), 0) : (s) => enc.count(s);
      const tokens = kase.samples.map(count);
      // Warm the JIT on the first samples, then time distinct samples round-robin.
      for (let i = 0; i < Math.min(4, kase.samples.length); i++) count(kase.samples[i]);
      const times = [];
      const budget = (QUICK ? 0.3 : 1) * kase.budgetMs * 1e6;
      const start = process.hrtime.bigint();
      for (let i = 0; times.length < 5 || (process.hrtime.bigint() - start < budget && times.length < 20_000); i++) {
        const s = kase.samples[i % kase.samples.length];
        const t0 = process.hrtime.bigint();
        count(s);
        times.push(Number(process.hrtime.bigint() - t0) / 1e3);
      }
      times.sort((a, b) => a - b);
      const meanTokens = tokens.reduce((a, b) => a + b, 0) / tokens.length;
      results.push({ case: kase.name, encoding: e, tokens, meanTokens, medianUs: times[times.length >> 1], p95Us: times[Math.floor(times.length * 0.95)], runs: times.length });
    }
  }
  const after = mem();
  for (const e of ENCODINGS) encoders[e].free?.();
  process.stdout.write(JSON.stringify({ importMs, loadMs, before, loaded, after, results }));
}

// ---------------------------------------------------------------------------------------------
// The parent: run every candidate, compare counts, print tables.

const mb = (b) => `${(b / 1024 / 1024).toFixed(1)} MB`;
const us = (u) => (u >= 1000 ? `${(u / 1000).toFixed(2)} ms` : `${u.toFixed(1)} µs`);

function main() {
  for (const pkg of ['js-tiktoken', 'gpt-tokenizer', 'tiktoken']) {
    if (!existsSync(path.join(MODULES, pkg))) {
      console.error(`${pkg} is not installed under ${MODULES}; run: npm i --prefix ${FROM} js-tiktoken gpt-tokenizer tiktoken`);
      process.exit(1);
    }
  }
  const versions = ['js-tiktoken', 'gpt-tokenizer', 'tiktoken'].map((p) => `${p}@${JSON.parse(readFileSync(path.join(MODULES, p, 'package.json'), 'utf8')).version}`);
  const built = inputs();
  const { cjkSource } = built;
  const dir = mkdtempSync(path.join(tmpdir(), 'tokbench-'));
  const inputFile = path.join(dir, 'inputs.json');
  writeFileSync(inputFile, JSON.stringify(built));
  console.log(`Node ${process.version}, ${versions.join(', ')}; CJK input: ${cjkSource}${QUICK ? '; quick run' : ''}\n`);
  const all = {};
  for (const name of Object.keys(CANDIDATES)) {
    const r = spawnSync(process.execPath, ['--expose-gc', SCRIPT, '--child', name, inputFile, '--from', FROM, ...(QUICK ? ['--quick'] : [])], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (r.status !== 0) {
      console.error(`${name} failed:\n${r.stderr}`);
      continue;
    }
    all[name] = JSON.parse(r.stdout);
  }
  rmSync(dir, { recursive: true, force: true });
  const names = Object.keys(all);

  console.log('## Load cost and memory (fresh process, both o200k_base and cl100k_base loaded)\n');
  console.log('| library | import | load o200k + 1st count | load cl100k + 1st count | heap after load | external/ArrayBuffer | RSS growth | heap after benchmark |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const n of names) {
    const r = all[n];
    console.log(
      `| ${n} | ${r.importMs.toFixed(1)} ms | ${r.loadMs.o200k_base.toFixed(0)} ms | ${r.loadMs.cl100k_base.toFixed(0)} ms | +${mb(r.loaded.heap - r.before.heap)} | +${mb(r.loaded.external - r.before.external)} | +${mb(r.loaded.rss - r.before.rss)} | +${mb(r.after.heap - r.before.heap)} |`,
    );
  }

  console.log('\n## Time per count (median / p95 over distinct samples)\n');
  const cases = all[names[0]].results.map((r) => `${r.case}|${r.encoding}`);
  console.log(`| input | encoding | tokens (mean) | ${names.join(' | ')} |`);
  console.log(`|---|---|---|${names.map(() => '---').join('|')}|`);
  let mismatches = 0;
  for (const key of cases) {
    const rows = names.map((n) => all[n].results.find((r) => `${r.case}|${r.encoding}` === key));
    const ref = rows[0];
    for (const [i, row] of rows.entries()) {
      if (JSON.stringify(row.tokens) !== JSON.stringify(ref.tokens)) {
        mismatches++;
        console.error(`count mismatch on ${key}: ${names[i]} ${row.tokens.join(',')} vs ${names[0]} ${ref.tokens.join(',')}`);
      }
    }
    console.log(`| ${ref.case} | ${ref.encoding} | ${Math.round(ref.meanTokens)} | ${rows.map((r) => `${us(r.medianUs)} / ${us(r.p95Us)}`).join(' | ')} |`);
  }
  console.log(`\n${mismatches === 0 ? 'All libraries agree on every count.' : `${mismatches} count mismatches (see stderr).`}`);
}

if (args[0] === '--child') await child(args[1], args[2]);
else main();
