import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testEnv } from './env';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => {
        if (addr && typeof addr === 'object') resolve(addr.port);
        else reject(new Error('no port'));
      });
    });
  });
}

export async function waitForPort(port: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = new Socket();
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => {
        s.destroy();
        resolve(false);
      });
      s.connect(port, '127.0.0.1');
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`port ${port} did not open within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * A private nats-server with JetStream on a free port, for tests that stop or kill NATS (never the
 * shared one on 4222). Its store survives stop/start, like a real server's would.
 */
export class TestNatsServer {
  private proc: ChildProcess | undefined;
  private readonly storeDir = mkdtempSync(join(tmpdir(), 'qinglian-nats-'));

  private constructor(readonly port: number) {}

  static async start(): Promise<TestNatsServer> {
    const server = new TestNatsServer(await freePort());
    await server.startProcess();
    return server;
  }

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.proc !== undefined;
  }

  async startProcess(): Promise<void> {
    if (this.proc) return;
    const proc = spawn(testEnv.natsServerBin, ['-a', '127.0.0.1', '-p', String(this.port), '-js', '-sd', this.storeDir], {
      stdio: 'ignore',
    });
    this.proc = proc;
    proc.once('exit', () => {
      if (this.proc === proc) this.proc = undefined;
    });
    await waitForPort(this.port);
  }

  /** Graceful stop (SIGTERM); resolves when the process has exited. */
  async stop(): Promise<void> {
    await this.signal('SIGTERM');
  }

  /** Abrupt death (SIGKILL), as when a node is lost. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.startProcess();
  }

  async dispose(): Promise<void> {
    await this.kill();
    rmSync(this.storeDir, { recursive: true, force: true });
  }

  private async signal(sig: NodeJS.Signals): Promise<void> {
    const proc = this.proc;
    if (!proc) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill(sig);
    await exited;
    this.proc = undefined;
  }
}
