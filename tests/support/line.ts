/** A TCP line between a desktop and the sync server instances, for tests: it
 *  forwards each connection to the instances in turn (a load balancer), drops
 *  everything while offline, and can break an answer on purpose: cut it after the
 *  request reached the server (the server did the work, the desktop never hears),
 *  truncate it, or garble its bytes. */
import { createServer, connect, type Server, type Socket } from 'node:net';

export type Fault = 'cut-after-request' | 'truncate' | 'garble';

export class Line {
  private up = true;
  private turn = 0;
  private faults: Array<{ fault: Fault; skip: number }> = [];
  private readonly sockets = new Set<Socket>();
  /** Answers broken so far, by fault. */
  readonly broken: Record<Fault, number> = { 'cut-after-request': 0, truncate: 0, garble: 0 };

  private constructor(
    private readonly server: Server,
    readonly url: string,
    readonly port: number,
    private readonly backends: () => number[],
  ) {}

  static async open(backends: () => number[], port = 0): Promise<Line> {
    let line: Line | null = null;
    const server = createServer((client) => line!.accept(client));
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    const bound = (server.address() as { port: number }).port;
    line = new Line(server, `http://127.0.0.1:${bound}`, bound, backends);
    return line;
  }

  get online(): boolean {
    return this.up;
  }

  /** Offline: open connections drop, new ones are refused. */
  set online(value: boolean) {
    this.up = value;
    if (!value) for (const s of this.sockets) s.destroy();
  }

  /** Breaks an answer to come: the one after `skip` answers that pass. */
  breakNext(fault: Fault, skip = 0): void {
    this.faults.push({ fault, skip });
  }

  private accept(client: Socket): void {
    const ports = this.backends();
    if (!this.up || ports.length === 0) {
      client.destroy();
      return;
    }
    const upstream = connect(ports[this.turn++ % ports.length]!, '127.0.0.1');
    for (const s of [client, upstream]) {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.pipe(upstream);
    let broken = false;
    upstream.on('data', (chunk: Buffer) => {
      if (broken) return;
      const next = this.faults[0];
      // A chunk that starts an answer is where a fault may strike.
      if (!next || !chunk.subarray(0, 5).equals(Buffer.from('HTTP/')) || next.skip-- > 0) {
        client.write(chunk);
        return;
      }
      this.faults.shift();
      this.broken[next.fault]++;
      broken = true;
      if (next.fault === 'cut-after-request') client.destroy();
      else if (next.fault === 'truncate') client.end(chunk.subarray(0, Math.floor(chunk.length * 0.6)));
      else {
        // Keep the status line and headers; scramble the body's bytes.
        const split = chunk.indexOf('\r\n\r\n');
        const garbled = Buffer.from(chunk);
        for (let i = split + 4; i < garbled.length; i += 3) garbled[i] = 0x7b;
        client.end(garbled);
      }
    });
  }

  async close(): Promise<void> {
    this.online = false;
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
