/** A bare SFU on real mediasoup workers, on a random free media port so test files can run in parallel. */
import { Sfu } from '../../sfu/index.js';

export async function startSfu(workers: number): Promise<Sfu> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await Sfu.start({
        workers,
        listenIp: '127.0.0.1',
        announcedIp: undefined,
        webRtcPortBase: 20000 + Math.floor(Math.random() * 15000),
        rtcMinPort: 40100,
        rtcMaxPort: 40999,
        logLevel: 'error',
      });
    } catch (error) {
      if (attempt > 5) throw error;
    }
  }
}
