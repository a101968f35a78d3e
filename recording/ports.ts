/**
 * Ports for the recorders, from a range of their own (so a court's firewall rules and the SFU's own
 * range never meet them). Each recorder takes an even RTP port and the odd RTCP port above it; both
 * are checked free by binding them before they are handed out, and held in this process until the
 * recorder releases them, so two recorders started together never get the same pair.
 */
import { createSocket } from 'node:dgram';
import { readFile } from 'node:fs/promises';

export interface PortRange {
  min: number;
  max: number;
}

const held = new Set<number>();

function bindable(ip: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    socket.once('error', () => {
      socket.close();
      resolve(false);
    });
    socket.bind(port, ip, () => socket.close(() => resolve(true)));
  });
}

/**
 * Whether another process (a recorder starting) has bound this UDP port yet. Read from the kernel's
 * table where there is one: probing by binding could take the port at the very moment the recorder
 * binds it, and make it fail.
 */
export async function portInUse(ip: string, port: number): Promise<boolean> {
  const table = await readFile('/proc/net/udp', 'utf8').catch(() => undefined);
  if (table === undefined) return !(await bindable(ip, port));
  const local = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  return table.split('\n').some((line) => line.trim().split(/\s+/)[1]?.endsWith(local));
}

/** An even RTP port and RTP + 1 for RTCP, both free now; release them with `releasePorts`. */
export async function allocatePorts(ip: string, range: PortRange): Promise<{ rtpPort: number; rtcpPort: number }> {
  const first = range.min % 2 === 0 ? range.min : range.min + 1;
  const slots = Math.floor((range.max - first + 1) / 2);
  if (slots < 1) throw new Error(`ports: the range ${range.min}-${range.max} holds no even/odd pair`);
  // Start at a random pair so that processes sharing a range rarely race for the same one.
  const start = Math.floor(Math.random() * slots);
  for (let i = 0; i < slots; i++) {
    const rtpPort = first + ((start + i) % slots) * 2;
    if (held.has(rtpPort)) continue;
    held.add(rtpPort);
    if ((await bindable(ip, rtpPort)) && (await bindable(ip, rtpPort + 1))) return { rtpPort, rtcpPort: rtpPort + 1 };
    held.delete(rtpPort);
  }
  throw new Error(`ports: no free pair left in ${range.min}-${range.max}`);
}

export function releasePorts(rtpPort: number): void {
  held.delete(rtpPort);
}
