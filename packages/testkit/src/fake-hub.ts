import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export interface HubFile {
  path: string;
  content: Buffer;
  /** Stored in LFS: listed with lfs.oid (sha256), resolved through a redirect to the "CDN". */
  lfs?: boolean;
}

export interface HubRequest {
  method: string;
  path: string;
  host: string;
  range: string | undefined;
  authorization: string | undefined;
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const gitOid = (b: Buffer) => createHash('sha1').update(`blob ${b.length}\0`).update(b).digest('hex');

/**
 * A Hugging Face-compatible hub for the tests: `/api/models/{repo}/revision/{rev}`, the recursive tree
 * (paginated with Link headers), `/{repo}/resolve/{rev}/{path}` redirecting LFS files to a "CDN" on
 * another origin (localhost instead of 127.0.0.1), Range requests, and switches to cut a transfer
 * halfway, stall it, or serve corrupted bytes, once per file.
 */
export class FakeHub {
  readonly requests: HubRequest[] = [];
  readonly repos = new Map<string, { commit: string; files: HubFile[]; extraPaths?: string[] }>();
  /** path -> behaviour of the next CDN/resolve transfer of that file. */
  readonly once = new Map<string, 'cut' | 'corrupt' | 'stall'>();
  /** Serve file bytes at about this rate (a download slow enough to watch); null: at once. */
  bytesPerSecond: number | null = null;
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  addRepo(repo: string, files: HubFile[], extraPaths?: string[]): string {
    const commit = createHash('sha1').update(repo).digest('hex');
    this.repos.set(repo, { commit, files, extraPaths });
    return commit;
  }

  fileRequests(path: string): HubRequest[] {
    return this.requests.filter((r) => r.method === 'GET' && (r.path.endsWith(`/${path}`) && (r.path.includes('/resolve/') || r.path.startsWith('/cdn/'))));
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => this.handle(req, res));
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.once('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://x');
    this.requests.push({ method: req.method ?? 'GET', path: decodeURIComponent(url.pathname), host: req.headers.host ?? '', range: req.headers.range, authorization: req.headers.authorization });
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    let m = /^\/api\/models\/([^/]+\/[^/]+)\/revision\/([^/]+)$/.exec(url.pathname);
    if (m) {
      const repo = this.repos.get(m[1]!);
      if (!repo) return json(404, { error: 'Repository not found' });
      return json(200, { id: m[1], sha: repo.commit, siblings: repo.files.map((f) => ({ rfilename: f.path })) });
    }
    m = /^\/api\/models\/([^/]+\/[^/]+)\/tree\/([^/]+)$/.exec(url.pathname);
    if (m) {
      const repo = this.repos.get(m[1]!);
      if (!repo || decodeURIComponent(m[2]!) !== repo.commit) return json(404, { error: 'Not found' });
      const entries = [
        ...repo.files.map((f) => ({
          type: 'file',
          path: f.path,
          size: f.content.length,
          oid: gitOid(f.lfs ? Buffer.from(`version https://git-lfs.github.com/spec/v1\noid sha256:${sha256(f.content)}\n`) : f.content),
          ...(f.lfs ? { lfs: { oid: sha256(f.content), size: f.content.length, pointerSize: 134 } } : {}),
        })),
        ...(repo.extraPaths ?? []).map((p) => ({ type: 'file', path: p, size: 3, oid: gitOid(Buffer.from('bad')) })),
        { type: 'directory', path: 'sub', oid: '0'.repeat(40), size: 0 },
      ];
      // two entries a page, as the hub paginates long trees
      const cursor = Number(url.searchParams.get('cursor') ?? 0);
      const page = entries.slice(cursor, cursor + 2);
      const headers: Record<string, string> = {};
      if (cursor + 2 < entries.length) headers.link = `<${this.url}${url.pathname}?recursive=true&cursor=${cursor + 2}>; rel="next"`;
      return json(200, page, headers);
    }
    m = /^\/([^/]+\/[^/]+)\/resolve\/([^/]+)\/(.+)$/.exec(url.pathname);
    if (m) {
      const repo = this.repos.get(m[1]!);
      const file = repo?.files.find((f) => f.path === decodeURIComponent(m![3]!));
      if (!repo || !file || decodeURIComponent(m[2]!) !== repo.commit) return json(404, { error: 'Entry not found' });
      if (file.lfs) {
        res.writeHead(302, { location: `http://localhost:${this.port}/cdn/${m[1]}/${m[3]}`, 'x-repo-commit': repo.commit, 'x-linked-etag': `"${sha256(file.content)}"` });
        return void res.end();
      }
      return this.serveFile(file, req, res);
    }
    m = /^\/cdn\/([^/]+\/[^/]+)\/(.+)$/.exec(url.pathname);
    if (m) {
      const file = this.repos.get(m[1]!)?.files.find((f) => f.path === decodeURIComponent(m![2]!));
      if (!file) return json(404, { error: 'not found' });
      return this.serveFile(file, req, res);
    }
    m = /^\/plain\/(.+)$/.exec(url.pathname);
    if (m) {
      const file = [...this.repos.values()].flatMap((r) => r.files).find((f) => f.path === decodeURIComponent(m![1]!));
      if (!file) return json(404, { error: 'not found' });
      return this.serveFile(file, req, res);
    }
    json(404, { error: 'no such route' });
  }

  private serveFile(file: HubFile, req: IncomingMessage, res: ServerResponse): void {
    const size = file.content.length;
    let start = 0;
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    if (range) {
      start = Number(range[1]);
      if (start >= size) {
        res.writeHead(416, { 'content-range': `bytes */${size}` });
        return void res.end();
      }
    }
    const body = file.content.subarray(start);
    const headers: Record<string, string | number> = { 'content-type': 'application/octet-stream', 'content-length': body.length, 'accept-ranges': 'bytes', etag: `"${sha256(file.content)}"` };
    if (range) headers['content-range'] = `bytes ${start}-${size - 1}/${size}`;
    res.writeHead(range ? 206 : 200, headers);
    if (req.method === 'HEAD') return void res.end();
    const behaviour = this.once.get(file.path);
    if (behaviour) this.once.delete(file.path);
    if (behaviour === 'corrupt') {
      const bad = Buffer.from(body);
      bad[bad.length >> 1] = bad[bad.length >> 1]! ^ 0xff;
      return void res.end(bad);
    }
    if (behaviour === 'cut' || behaviour === 'stall') {
      const half = body.subarray(0, Math.floor(size / 2) - start);
      res.write(half, () => {
        // cut: the connection ends after half the bytes; stall: it stays open and silent
        if (behaviour === 'cut') req.socket.end();
      });
      return;
    }
    if (this.bytesPerSecond) return this.trickle(body, this.bytesPerSecond, res);
    res.end(body);
  }

  /** Writes `body` in slices ten times a second, stopping when the client goes away. */
  private trickle(body: Buffer, bytesPerSecond: number, res: ServerResponse): void {
    const slice = Math.max(1, Math.floor(bytesPerSecond / 10));
    let offset = 0;
    const next = () => {
      if (res.destroyed) return;
      const end = Math.min(body.length, offset + slice);
      res.write(body.subarray(offset, end));
      offset = end;
      if (offset >= body.length) res.end();
      else setTimeout(next, 100);
    };
    next();
  }
}

export const hubSha256 = sha256;
