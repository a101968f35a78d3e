/**
 * A participant on a bad link, on this machine: a network namespace joined to the host by a veth
 * pair, Chromium started inside it, and the link between them limited with a token bucket (`tbf`)
 * and random loss (iptables' statistic match: this kernel has no netem). The server listens on the
 * host's end of the pair, so everything a participant in the namespace sends or receives crosses the
 * shaped link; participants on the host reach the same address without crossing it.
 *
 * Needs root, `ip` (iproute2), `tc` and `iptables`.
 */
import { execFileSync } from 'node:child_process';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumCommand, chromiumFlags } from './browser.js';

const run = (command: string, ...args: string[]) => execFileSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });

export interface LinkShape {
  /** e.g. 256 for 256 kbit/s */
  rateKbit: number;
  /** 0..100 */
  lossPercent: number;
}

export interface ShapedLink {
  namespace: string;
  /** Where the server listens: the host's end of the pair. */
  hostAddress: string;
  /** Limits what the host sends into the namespace: the downlink of a participant inside it. */
  shapeDownlink(shape: LinkShape): void;
  /** Limits what the namespace sends to the host: the uplink of a participant inside it. */
  shapeUplink(shape: LinkShape): void;
  /** Lifts the rate limits and the loss both ways: the link is clean again. */
  unshape(): void;
  /**
   * Lets the namespace reach another address of the host (the end of another shaped pair where the
   * server listens) across this pair, so two participants can each have a shaped link of their own.
   */
  reach(address: string): void;
  /** Drops every UDP packet both ways, as a firewall that lets only TCP through. */
  blockUdp(): void;
  /**
   * Drops every TCP and UDP packet both ways except those to and from the given ports of the host's
   * end, as a firewall that lets a browser reach the web server and the court's TURN server and
   * nothing else. Called again, it replaces the ports allowed before.
   */
  allowOnly(ports: { tcp: number[]; udp: number[] }): void;
  /** Drops every packet both ways, as a link that went down... */
  cut(): void;
  /** ...and came back. */
  restore(): void;
  /**
   * Chromium with a fake camera and microphone, inside the namespace (across the shaped link) or on
   * the host. `origin` is the server's (or several servers'): a plain-HTTP address other than
   * localhost is not a secure context, and a page outside one gets no camera and no WebCrypto.
   */
  launchChromium(options: { origin: string | string[]; insideNamespace: boolean; audioFile?: string }): Promise<Browser>;
  /** Removes the namespace, the pair and every rule on it. */
  close(): void;
}

let created = 0;

export function createShapedLink(): ShapedLink {
  // Names and addresses of their own, so a leftover of another run cannot collide.
  created += 1;
  const tag = `${process.pid % 10_000}${created}`;
  const namespace = `hr-weak-${tag}`;
  const hostDev = `hrw${tag}h`;
  const peerDev = `hrw${tag}n`;
  const subnet = (process.pid + created) % 250;
  const hostAddress = `10.77.${subnet}.1`;
  const peerAddress = `10.77.${subnet}.2`;
  const inside = (...args: string[]) => run('ip', 'netns', 'exec', namespace, ...args);

  // The uplink's loss is dropped on arrival at the host, in the host's own table: removed by hand.
  const hostLossRule = ['-t', 'mangle', '-D', 'PREROUTING', '-i', hostDev, '-m', 'statistic', '--mode', 'random', '--probability'];
  let hostLoss: string | null = null;
  // Rules of the host's own tables that concern this pair: taken out by hand, like the loss.
  const hostRules = new Set<string>();
  const addHostRule = (rule: string[]) => {
    run('iptables', '-I', ...rule);
    hostRules.add(JSON.stringify(rule));
  };
  const removeHostRule = (rule: string[]) => {
    if (!hostRules.delete(JSON.stringify(rule))) return;
    try {
      run('iptables', '-D', ...rule);
    } catch {
      // Already removed.
    }
  };
  // The rules of the last allowOnly, so a later call can replace them.
  let allowed: { host: string[][]; inside: string[][] } = { host: [], inside: [] };
  const cutRules = { host: ['PREROUTING', '-t', 'mangle', '-i', hostDev, '-j', 'DROP'], inside: ['PREROUTING', '-t', 'mangle', '-i', peerDev, '-j', 'DROP'] };
  const close = () => {
    for (const rule of [...hostRules]) removeHostRule(JSON.parse(rule) as string[]);
    if (hostLoss) {
      try {
        run('iptables', ...hostLossRule, hostLoss, '-j', 'DROP');
      } catch {
        // Already removed.
      }
      hostLoss = null;
    }
    try {
      run('ip', 'netns', 'delete', namespace); // takes the pair, its qdiscs and the namespace's rules with it
    } catch {
      // Already gone.
    }
    try {
      run('ip', 'link', 'delete', hostDev);
    } catch {
      // Went with the namespace.
    }
  };

  try {
    run('ip', 'netns', 'add', namespace);
    run('ip', 'link', 'add', hostDev, 'type', 'veth', 'peer', 'name', peerDev);
    run('ip', 'link', 'set', peerDev, 'netns', namespace);
    run('ip', 'addr', 'add', `${hostAddress}/30`, 'dev', hostDev);
    run('ip', 'link', 'set', hostDev, 'up');
    inside('ip', 'addr', 'add', `${peerAddress}/30`, 'dev', peerDev);
    inside('ip', 'link', 'set', peerDev, 'up');
    inside('ip', 'link', 'set', 'lo', 'up');
  } catch (error) {
    close();
    throw new Error(`cannot build the shaped network (root, iproute2 and iptables are needed): ${String(error)}`);
  }

  return {
    namespace,
    hostAddress,
    shapeDownlink({ rateKbit, lossPercent }) {
      // The rate on the host's sending end; the loss on arrival, so the sender never sees a local error.
      run('tc', 'qdisc', 'replace', 'dev', hostDev, 'root', 'tbf', 'rate', `${rateKbit}kbit`, 'burst', '1600', 'latency', '500ms');
      inside('iptables', '-t', 'mangle', '-F', 'PREROUTING');
      if (lossPercent > 0) {
        inside(
          'iptables',
          '-t',
          'mangle',
          '-A',
          'PREROUTING',
          '-i',
          peerDev,
          '-m',
          'statistic',
          '--mode',
          'random',
          '--probability',
          String(lossPercent / 100),
          '-j',
          'DROP',
        );
      }
    },
    shapeUplink({ rateKbit, lossPercent }) {
      inside('tc', 'qdisc', 'replace', 'dev', peerDev, 'root', 'tbf', 'rate', `${rateKbit}kbit`, 'burst', '1600', 'latency', '500ms');
      if (hostLoss) run('iptables', ...hostLossRule, hostLoss, '-j', 'DROP');
      hostLoss = null;
      if (lossPercent > 0) {
        hostLoss = String(lossPercent / 100);
        run('iptables', '-t', 'mangle', '-A', 'PREROUTING', '-i', hostDev, '-m', 'statistic', '--mode', 'random', '--probability', hostLoss, '-j', 'DROP');
      }
    },
    unshape() {
      for (const [device, where] of [
        [hostDev, run],
        [peerDev, inside],
      ] as const) {
        try {
          where('tc', 'qdisc', 'del', 'dev', device, 'root');
        } catch {
          // Was not limited.
        }
      }
      inside('iptables', '-t', 'mangle', '-F', 'PREROUTING');
      if (hostLoss) run('iptables', ...hostLossRule, hostLoss, '-j', 'DROP');
      hostLoss = null;
    },
    reach(address) {
      inside('ip', 'route', 'add', `${address}/32`, 'via', hostAddress);
    },
    blockUdp() {
      // Dropped on arrival at either end, so neither side's sending fails: the packets just vanish.
      addHostRule(['INPUT', '-i', hostDev, '-p', 'udp', '-j', 'DROP']);
      inside('iptables', '-I', 'INPUT', '-i', peerDev, '-p', 'udp', '-j', 'DROP');
    },
    allowOnly(ports) {
      for (const rule of allowed.host) removeHostRule(rule);
      for (const rule of allowed.inside) inside('iptables', '-D', ...rule);
      // One rule per protocol and direction ("anything but these ports"), so their order cannot matter.
      const except = (list: number[], direction: '--dports' | '--sports') => (list.length > 0 ? ['-m', 'multiport', '!', direction, list.join(',')] : []);
      allowed = {
        // What the namespace sends never reaches the host's sockets: dropped on arrival, as a firewall on the path would...
        host: (['tcp', 'udp'] as const).map((protocol) => ['INPUT', '-i', hostDev, '-p', protocol, ...except(ports[protocol], '--dports'), '-j', 'DROP']),
        // ...and nothing the host sends from any other port gets in.
        inside: (['tcp', 'udp'] as const).map((protocol) => ['INPUT', '-i', peerDev, '-p', protocol, ...except(ports[protocol], '--sports'), '-j', 'DROP']),
      };
      for (const rule of allowed.host) addHostRule(rule);
      for (const rule of allowed.inside) inside('iptables', '-I', ...rule);
    },
    cut() {
      addHostRule(cutRules.host);
      inside('iptables', '-I', ...cutRules.inside);
    },
    restore() {
      removeHostRule(cutRules.host);
      inside('iptables', '-D', ...cutRules.inside);
    },
    async launchChromium(options) {
      return chromium.launch({
        executablePath: chromiumCommand(options.insideNamespace ? ['ip', 'netns', 'exec', namespace] : []),
        headless: true,
        // Loopback candidates are not needed: the two ends talk across the veth pair.
        args: [
          ...chromiumFlags(options.audioFile).filter((flag) => flag !== '--allow-loopback-in-peer-connection'),
          `--unsafely-treat-insecure-origin-as-secure=${[options.origin].flat().join(',')}`,
        ],
      });
    },
    close,
  };
}

/** What a page receives from one participant, per kind: the figures the weak-link tests compare. */
export interface Incoming {
  kind: string;
  framesDecoded: number;
  frameWidth: number;
  totalSamplesReceived: number;
  concealedSamples: number;
  packetsLost: number;
  packetsReceived: number;
  /** Retransmissions this receiver asked for (RTCP NACK) — for audio too, since it negotiates NACK for Opus. */
  nackCount: number;
}

export async function incomingFrom(page: Page, participantId: string): Promise<Incoming[]> {
  return page.evaluate(async (id) => {
    const rows = (await window.hearingRoomDiagnostics?.receiveStats()) ?? [];
    return rows
      .filter((row) => row.participantId === id && row.source !== 'screen')
      .map(({ kind, stats }) => ({
        kind,
        framesDecoded: stats.framesDecoded ?? 0,
        frameWidth: stats.frameWidth ?? 0,
        totalSamplesReceived: stats.totalSamplesReceived ?? 0,
        concealedSamples: stats.concealedSamples ?? 0,
        packetsLost: stats.packetsLost ?? 0,
        packetsReceived: stats.packetsReceived ?? 0,
        nackCount: stats.nackCount ?? 0,
      }));
  }, participantId);
}

/** How long the figures are compared over, once the bandwidth estimate has settled. */
export const WINDOW_MS = 20_000;
export const SETTLE_MS = 10_000;

// Namespaces and traffic control need root; elsewhere (a developer's own account) this says why it did not run.
export const notRoot = process.getuid?.() !== 0 ? 'needs root to build network namespaces' : false;
