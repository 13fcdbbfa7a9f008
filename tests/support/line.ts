/** A TCP line between a desktop and the sync server instances, for tests: it
 *  forwards each connection to the instances in turn (a load balancer), drops
 *  everything while offline, and can break the next answers on purpose: cut after
 *  the request reached the server (the server did the work, the desktop never hears),
 *  truncate the answer, or garble its bytes. */
import { createServer, connect, type Server, type Socket } from 'node:net';

export type Fault = 'cut-after-request' | 'truncate' | 'garble';

export class Line {
  private up = true;
  private turn = 0;
  private faults: Fault[] = [];
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

  /** Breaks the answers of the next connections, one fault each. */
  breakNext(...faults: Fault[]): void {
    this.faults.push(...faults);
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
    upstream.on('data', (chunk: Buffer) => {
      const fault = this.faults[0];
      if (!fault) {
        client.write(chunk);
        return;
      }
      this.faults.shift();
      this.broken[fault]++;
      if (fault === 'cut-after-request') client.destroy();
      else if (fault === 'truncate') client.end(chunk.subarray(0, Math.floor(chunk.length * 0.6)));
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
