// Watchdog of the local launcher. The launcher starts it in a process group of its own and tells it,
// on stdin, each process group it starts (`add <pgid> <tier> <signal> group|leader`) and each that
// ended (`del <pgid>`). When stdin closes — the launcher exited or was killed — it stops whatever is
// still registered, in tier order (services, then gateway and realm, then NATS and PostgreSQL), and
// exits. After a normal shutdown nothing is registered any more and it exits at once.
import { readdirSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

/** @type {Map<number, { tier: number, signal: NodeJS.Signals, group: boolean }>} */
const groups = new Map();

createInterface({ input: process.stdin }).on('line', (line) => {
  const [op, pid, tier, sig, mode] = line.trim().split(/\s+/);
  const n = Number(pid);
  if (op === 'add' && n > 0) groups.set(n, { tier: Number(tier), signal: /** @type {NodeJS.Signals} */ (sig ?? 'SIGTERM'), group: mode !== 'leader' });
  else if (op === 'del') groups.delete(n);
});

process.stdin.on('end', () => {
  void cleanUp().then(() => process.exit(0));
});
process.stdin.on('error', () => {
  void cleanUp().then(() => process.exit(0));
});
// A terminal hang-up or stray Ctrl-C must not stop the watchdog before it has done its job.
process.on('SIGINT', () => undefined);
process.on('SIGHUP', () => undefined);

async function cleanUp() {
  const tiers = [...new Set([...groups.values()].map((g) => g.tier))].sort((a, b) => a - b);
  for (const tier of tiers) {
    const pids = [...groups].filter(([, g]) => g.tier === tier);
    for (const [pid, g] of pids) send(g.group ? -pid : pid, g.signal);
    const deadline = Date.now() + 10_000;
    while (pids.some(([pid]) => alive(pid)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    for (const [pid] of pids) if (alive(pid)) send(-pid, 'SIGKILL');
  }
}

/**
 * @param {number} target
 * @param {NodeJS.Signals} sig
 */
function send(target, sig) {
  try {
    process.kill(target, sig);
  } catch {
    // gone already
  }
}

/**
 * Whether any live process of the group is left. On Linux zombies do not count: the launcher that
 * would have reaped them is gone, and init may take its time.
 */
function alive(/** @type {number} */ pgid) {
  if (process.platform === 'linux') {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        // pid (comm) state ppid pgrp …; comm may hold spaces and parentheses, so parse after the last ')'.
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        if (Number(pgrp) === pgid && state !== 'Z') return true;
      } catch {
        // exited meanwhile
      }
    }
    return false;
  }
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}
