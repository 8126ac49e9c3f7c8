import net from 'node:net';

export interface LatencyProxy {
  /** The port to connect to instead of the server's. */
  port: number;
  /** Chunks the clients have sent the server so far: about one a round trip. */
  sent(): number;
  close(): Promise<void>;
}

/**
 * A TCP proxy on loopback that holds every chunk `delayMs` in each direction before passing it on:
 * the latency of a network between Tally and a team's database server, on one machine (the kernel
 * here has no netem). Runs in the bench's own process, which only waits meanwhile.
 */
export async function latencyProxy(host: string, targetPort: number, delayMs: number): Promise<LatencyProxy> {
  let sent = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    }
    const relay = (from: net.Socket, to: net.Socket, count: boolean) => {
      from.on('data', (chunk) => {
        if (count) sent += 1;
        setTimeout(() => to.write(chunk), delayMs);
      });
      from.on('end', () => setTimeout(() => to.end(), delayMs));
      from.on('error', () => to.destroy());
    };
    relay(client, upstream, true);
    relay(upstream, client, false);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the latency proxy has no port');
  return {
    port: address.port,
    sent: () => sent,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
