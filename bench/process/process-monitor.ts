import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpuMillisecondsBetween, type CpuTimes, parseProcStat, parseProcStatus } from './proc-files.parser';

let cachedTicksPerSecond: number | undefined;

/** The kernel's clock-tick rate that /proc/<pid>/stat counts in. */
export function clockTicksPerSecond(): number {
  if (cachedTicksPerSecond === undefined) {
    try {
      cachedTicksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      cachedTicksPerSecond = 100;
    }
  }
  return cachedTicksPerSecond;
}

export interface ProcessWindow {
  cpuMilliseconds: number;
  peakResidentBytes: number;
  /** RSS readings taken while the window was open, seconds from its start. */
  residentSamples: { seconds: number; value: number }[];
}

/**
 * Watches one process (a gateway under test) through /proc: CPU time spent inside a window and
 * the highest RSS seen by polling during it. VmHWM is a lifetime maximum, so a per-scenario peak
 * has to come from polling.
 */
export class ProcessMonitor {
  constructor(
    readonly pid: number,
    private readonly sampleIntervalMs = 100,
  ) {}

  cpuTimes(): CpuTimes {
    return parseProcStat(readFileSync(`/proc/${this.pid}/stat`, 'utf8'));
  }

  residentBytes(): number {
    return parseProcStatus(readFileSync(`/proc/${this.pid}/status`, 'utf8')).residentBytes;
  }

  lifetimePeakResidentBytes(): number {
    return parseProcStatus(readFileSync(`/proc/${this.pid}/status`, 'utf8')).peakResidentBytes;
  }

  /** Opens a window; call the returned function to close it and get its figures. */
  open(): () => ProcessWindow {
    const startedAt = performance.now();
    const cpuBefore = this.cpuTimes();
    const residentSamples: { seconds: number; value: number }[] = [];
    const sample = () => {
      try {
        residentSamples.push({ seconds: (performance.now() - startedAt) / 1000, value: this.residentBytes() });
      } catch {
        // The process may be exiting; the window keeps what it saw.
      }
    };
    sample();
    const timer = setInterval(sample, this.sampleIntervalMs);
    return () => {
      clearInterval(timer);
      sample();
      const cpuMilliseconds = cpuMillisecondsBetween(cpuBefore, this.cpuTimes(), clockTicksPerSecond());
      const peakResidentBytes = Math.max(...residentSamples.map((entry) => entry.value));
      return { cpuMilliseconds, peakResidentBytes, residentSamples };
    };
  }
}
