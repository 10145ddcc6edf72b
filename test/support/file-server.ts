import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A loopback HTTP server for one file, as a model host serves it: Range
 * requests answered with 206, and scripted faults — a connection cut after some
 * bytes, a stall, a server that ignores Range, a 404.
 */

export interface ServedRequest {
  range?: string;
}

export type Fault = { kind: 'cut-after'; bytes: number } | { kind: 'stall-after'; bytes: number } | { kind: 'status'; status: number } | { kind: 'ignore-range' };

export interface FileServer {
  url: string;
  requests: ServedRequest[];
  /** Faults for the next requests, one each, in order. */
  faults: Fault[];
  close(): Promise<void>;
}

export async function serveFile(body: Buffer, chunkSize = 4096): Promise<FileServer> {
  const requests: ServedRequest[] = [];
  const faults: Fault[] = [];
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    const range = req.headers.range;
    requests.push(range ? { range } : {});
    const fault = faults.shift();
    if (fault?.kind === 'status') {
      res.writeHead(fault.status, { 'content-type': 'text/plain' }).end('no');
      return;
    }
    let start = 0;
    const m = range && fault?.kind !== 'ignore-range' ? /bytes=(\d+)-/.exec(range) : null;
    if (m) {
      start = Number(m[1]);
      if (start >= body.length) {
        res.writeHead(416, { 'content-range': `bytes */${body.length}` }).end();
        return;
      }
      res.writeHead(206, { 'content-length': body.length - start, 'content-range': `bytes ${start}-${body.length - 1}/${body.length}` });
    } else {
      res.writeHead(200, { 'content-length': body.length, 'content-type': 'application/octet-stream' });
    }
    let at = start;
    let sent = 0;
    const pump = () => {
      while (at < body.length) {
        if (fault?.kind === 'cut-after' && sent >= fault.bytes) {
          // Cut only once the bytes sent so far have left: a reset with unsent data in the
          // socket would discard them, and the client would see a cut at byte 0.
          const socket = res.socket;
          if (socket && socket.writableLength > 0) socket.once('drain', () => setTimeout(() => socket.destroy(), 20));
          else setTimeout(() => socket?.destroy(), 20);
          return;
        }
        if (fault?.kind === 'stall-after' && sent >= fault.bytes) return; // never another byte
        const end = Math.min(body.length, at + chunkSize);
        const more = res.write(body.subarray(at, end));
        sent += end - at;
        at = end;
        if (!more) {
          res.once('drain', pump);
          return;
        }
        // Let the client see the bytes arrive in several reads, even on a busy machine
        // where back-to-back writes would be coalesced into one.
        setTimeout(pump, 2);
        return;
      }
      res.end();
    };
    pump();
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/models/tiny.gguf`,
    requests,
    faults,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
